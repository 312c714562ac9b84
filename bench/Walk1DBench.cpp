// Steps per second of the 1D walk: the step kernel alone, the simulation with every walker
// stepped (tracked: path functionals available), the endpoint shortcut, and the exact law.
#include "core/random/StreamEngine.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/detail/EndpointSampler.h"
#include "core/walk/detail/StepSampler1D.h"

#include <benchmark/benchmark.h>

#include <vector>

using namespace walklab::core;

namespace {

// One walker of 10^9 steps through StepSampler1D::advance in chunks of 2^20 steps (one thread,
// activeCpuLevel()). items_per_second: steps per second.
void stepKernel(benchmark::State& state, double p, double q)
{
    const std::int64_t steps = 1'000'000'000, chunk = 1 << 20;
    Engine engine = makeStream(1, 0);
    detail::StepSampler1D sampler(engine, p, q);
    for (auto _ : state) {
        std::int64_t s = 0;
        for (std::int64_t done = 0; done < steps; done += chunk)
            s += sampler.advance(std::min(chunk, steps - done));
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * steps);
    state.SetLabel(cpuLevelName(activeCpuLevel()));
}

void Walk1DStepKernelSymmetric(benchmark::State& state) { stepKernel(state, 0.5, 0.5); }
void Walk1DStepKernelBiased(benchmark::State& state) { stepKernel(state, 0.3, 0.7); }
void Walk1DStepKernelLazy(benchmark::State& state) { stepKernel(state, 0.25, 0.25); }

// simulateWalk1D. Arguments: steps, walkers, paths kept, threads. items_per_second is steps per
// second (walkers × steps, whether stepped or drawn by the endpoint shortcut). Walkers up to
// trackedWalkers (10^4) are stepped and observed; the others take the endpoint shortcut.
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

// The endpoint shortcut alone: S_n of 10^6 walkers by EndpointSampler1D in one call. Arguments:
// n, and 0 = symmetric, 1 = p 0.3 q 0.7, 2 = lazy p = q = 0.25. items_per_second: equivalent
// steps (walkers × n) per second; the counter walkers/s is the rate of draws.
void Walk1DEndpointShortcut(benchmark::State& state)
{
    const double p[] = {0.5, 0.3, 0.25}, q[] = {0.5, 0.7, 0.25};
    const std::int64_t steps = state.range(0), walkers = 1'000'000;
    Engine engine = makeStream(1, 0);
    const detail::EndpointSampler1D endpoint(steps, p[state.range(1)], q[state.range(1)]);
    std::vector<std::int64_t> s(static_cast<std::size_t>(walkers));
    for (auto _ : state) {
        endpoint(engine, s.data(), s.size());
        benchmark::DoNotOptimize(s.data());
    }
    state.SetItemsProcessed(state.iterations() * walkers * steps);
    state.counters["walkers/s"] = benchmark::Counter(double(walkers), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(Walk1DStepKernelSymmetric)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DStepKernelBiased)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DStepKernelLazy)->Unit(benchmark::kMillisecond)->UseRealTime();
// Every walker stepped (1000 tracked walkers × 10^6 steps = 10^9 steps), on 1 and 2 threads;
// then 1000 kept paths; then endpoints of 10^6 walkers × 10^4 steps (10^4 stepped, the rest by
// the shortcut).
BENCHMARK(Walk1DSymmetric)->Args({1000000, 1000, 0, 1})->Args({1000000, 1000, 0, 2})
    ->Args({1000000, 1000, 1000, 1})->Args({10000, 1000000, 0, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DBiased)->Args({1000000, 1000, 0, 1})->Args({1000000, 1000, 0, 2})
    ->Args({1000000, 1000, 1000, 1})->Args({10000, 1000000, 0, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DLazy)->Args({1000000, 1000, 0, 1})->Args({1000000, 1000, 0, 2})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk1DEndpointShortcut)->ArgsProduct({{10000, 1000000}, {0, 1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();
