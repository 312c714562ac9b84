// First-return times with a cap, by the kernel that stops each walker at arrival
// (simulateFirstPassage). The job of the issue-6 table: M = 10^5 walkers, cap n = 10^4, first
// returns T_0 of the symmetric walk. items_per_second is equivalent steps per second,
// Σ_walkers min(T_0, n), counted the same way by bench/numpy_baseline.py's first_return job
// (so the ratio is the ratio of the times for the same job); walkers/s is also shown.
#include "core/walk/FirstPassageWalk.h"

#include <benchmark/benchmark.h>

using namespace walklab::core;

namespace {

// Arguments: cap n, walkers M, threads.
void FirstReturnCapped(benchmark::State& state)
{
    FirstPassageParams params;
    params.steps = state.range(0);
    params.walkers = state.range(1);
    std::uint64_t steps = 0;
    for (auto _ : state) {
        RunControl control(unsigned(state.range(2)));
        const auto sim = simulateFirstPassage(params, control);
        steps = sim ? sim->equivalentSteps : 0;
        benchmark::DoNotOptimize(sim);
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * steps));
    state.counters["walkers/s"] = benchmark::Counter(double(params.walkers), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(FirstReturnCapped)->Args({10000, 100000, 1})->Args({10000, 100000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
