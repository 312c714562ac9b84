// Arrivals per second of the Poisson process by exponential gaps, against generating the
// exponential variates alone (the limit the simulation is held to).
#include "core/process/PoissonProcess.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/random/StreamEngine.h"

#include <benchmark/benchmark.h>

using namespace walklab::core;

namespace {

// Arguments: λT (rate 1, horizon λT), realisations M, threads. items_per_second: arrivals
// (M·(λT + 1) exponential gaps, the crossing one included) per second.
void PoissonArrivals(benchmark::State& state)
{
    PoissonParams p;
    p.rate = 1.0;
    p.horizon = double(state.range(0));
    p.realisations = state.range(1);
    p.paths = 0;
    p.method = PoissonMethod::ExponentialGaps;
    for (auto _ : state) {
        RunControl control(unsigned(state.range(2)));
        benchmark::DoNotOptimize(simulatePoisson(p, control));
    }
    state.SetItemsProcessed(state.iterations() * (state.range(0) + 1) * state.range(1));
}

// The limit: unit exponential variates by the sampler the simulation uses, summed.
void LimitExponentials(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    detail::UnitExponential exponential;
    for (auto _ : state) {
        double sum = 0;
        for (std::int64_t i = 0; i < state.range(0); ++i)
            sum += exponential(engine);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

// 10^4 realisations of λT = 10^4 (10^8 arrivals), 1 and 2 threads; 10^6 short ones of λT = 10.
BENCHMARK(PoissonArrivals)->Args({10000, 10000, 1})->Args({10000, 10000, 2})->Args({10, 1000000, 1})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(LimitExponentials)->Arg(1 << 24)->Unit(benchmark::kMillisecond);
