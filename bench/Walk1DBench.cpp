// Steps per second of the 1D walk (endpoint only and path-keeping) and the cost of its exact law.
#include "core/exact/Walk1DDistribution.h"
#include "core/walk/LatticeWalk1D.h"

#include <benchmark/benchmark.h>

using namespace walklab::core;

namespace {

// Arguments: steps, walkers, paths kept, threads. items_per_second is steps per second.
void runWalk(benchmark::State& state, double p, double q)
{
    Walk1DParams params;
    params.steps = state.range(0);
    params.walkers = state.range(1);
    params.paths = state.range(2);
    params.p = p;
    params.q = q;
    params.seed = 1;
    for (auto _ : state) {
        RunControl control(unsigned(state.range(3)));
        auto sim = simulateWalk1D(params, control);
        benchmark::DoNotOptimize(sim);
    }
    state.SetItemsProcessed(state.iterations() * params.steps * params.walkers);
}

void Walk1DSymmetric(benchmark::State& state) { runWalk(state, 0.5, 0.5); }
void Walk1DBiased(benchmark::State& state) { runWalk(state, 0.3, 0.7); }
void Walk1DLazy(benchmark::State& state) { runWalk(state, 0.25, 0.25); }

void ExactPmfRange(benchmark::State& state)
{
    const Walk1DDistribution law(state.range(0), double(state.range(1)) / 1000, double(state.range(2)) / 1000);
    const auto [lo, hi] = law.significantRange(5);
    for (auto _ : state)
        benchmark::DoNotOptimize(law.pmf(lo, hi));
    state.SetItemsProcessed(state.iterations() * (hi - lo + 1));
}

}  // namespace

// Endpoint only: 10^4 walkers × 10^4 steps; with paths: 1000 walkers kept, n = 10^5.
BENCHMARK(Walk1DSymmetric)->Args({10000, 10000, 0, 1})->Args({10000, 10000, 0, 2})
    ->Args({100000, 1000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DBiased)->Args({10000, 10000, 0, 1})->Args({10000, 10000, 0, 2})
    ->Args({100000, 1000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DLazy)->Args({10000, 10000, 0, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
// Exact PMF over μ ± 5σ for n = 10^6: symmetric (binomial) and lazy (p = q = 1/4).
BENCHMARK(ExactPmfRange)->Args({1000000, 500, 500})->Args({1000000, 250, 250})->Unit(benchmark::kMillisecond);
