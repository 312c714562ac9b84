// Time of the exact laws the issue-6 table reports: the 1D PMF for n = 10^6 and the return
// curves u_n, f_n (with their running sums) for the simple walks on Z, Z², Z³ up to n = 10^6.
#include "core/exact/ReturnProbabilities.h"
#include "core/exact/Walk1DDistribution.h"

#include <benchmark/benchmark.h>

using namespace walklab::core;

namespace {

// Arguments: steps, p and q in thousandths, range (0: the whole support −n … n; s > 0: the
// experiment's window μ ± s·σ). items_per_second is positions per second.
void Exact1DPmf(benchmark::State& state)
{
    const Walk1DDistribution law(state.range(0), double(state.range(1)) / 1000,
                                 double(state.range(2)) / 1000);
    auto [lo, hi] = law.significantRange(double(state.range(3)));
    if (state.range(3) == 0)
        lo = -law.steps(), hi = law.steps();
    for (auto _ : state)
        benchmark::DoNotOptimize(law.pmf(lo, hi));
    state.SetItemsProcessed(state.iterations() * (hi - lo + 1));
}

// Arguments: dimension, steps. All of returnStatistics(): u, f, P(T ≤ n), E(returns by n).
void ReturnCurves(benchmark::State& state)
{
    const StepLaw law = *StepLaw::simple(int(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(returnStatistics(law, state.range(1)));
    state.SetItemsProcessed(state.iterations() * state.range(1));
}

}  // namespace

// Symmetric (binomial), biased (p = 0.3, q = 0.7) and lazy (p = q = 1/4), n = 10^6.
BENCHMARK(Exact1DPmf)->ArgNames({"n", "p", "q", "sds"})
    ->Args({1000000, 500, 500, 0})->Args({1000000, 300, 700, 0})->Args({1000000, 250, 250, 0})
    ->Args({1000000, 500, 500, 10})->Args({1000000, 300, 700, 10})->Args({1000000, 250, 250, 10})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ReturnCurves)->ArgNames({"d", "n"})->Args({1, 1000000})->Args({2, 1000000})
    ->Args({3, 1000000})->Unit(benchmark::kMillisecond);
