// Arrivals per second of the Poisson process by exponential gaps, against generating the
// exponential variates alone (the limit the simulation is held to).
#include "core/process/PoissonProcess.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/process/detail/UnitExponentials.h"
#include "core/random/StreamEngine.h"

#include <benchmark/benchmark.h>

#include <vector>

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

// The limit: unit exponential variates by the sampler the simulation uses (the bulk −ln U
// kernel at the active CpuLevel), written to a buffer of 1024 and not otherwise used.
void LimitExponentials(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    std::vector<double> x(1024);
    for (auto _ : state) {
        for (std::int64_t i = 0; i < state.range(0); i += 1024) {
            detail::unitExponentials(engine, x.data(), x.size());
            benchmark::DoNotOptimize(x.data());
            benchmark::ClobberMemory();
        }
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

// 10^4 realisations of λT = 10^4 (10^8 arrivals), 1 and 2 threads; 10^6 short ones of λT = 10.
BENCHMARK(PoissonArrivals)->Args({10000, 10000, 1})->Args({10000, 10000, 2})->Args({10, 1000000, 1})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(LimitExponentials)->Arg(1 << 24)->Unit(benchmark::kMillisecond)->UseRealTime();  // like PoissonArrivals
