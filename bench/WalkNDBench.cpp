// Steps per second of the 2D/3D walks: step by step (the rotated symmetric kernel, the cubic byte
// table, the general threshold kernel, continuous walks), the limit kernels they are held to, and
// the endpoint-only shortcut (equivalent steps per second).
#include "core/random/StreamEngine.h"
#include "core/walk/ContinuousWalk.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/detail/BitWalk.h"
#include "core/walk/detail/CubicWalk.h"
#include "core/walk/detail/EndpointSampler.h"

#include <benchmark/benchmark.h>

#include <vector>

using namespace walklab::core;

namespace {

// Arguments: steps, walkers, threads. items_per_second is steps per second. With walkers ≤
// kMaxTrackedWalkers every walker is stepped (tracked); n > 10^6 counts no distinct sites, so
// n = 10^7 measures the step-by-step kernels themselves.
void runLattice(benchmark::State& state, int dimension, double lazy)
{
    LatticeWalkParams p;
    p.dimension = dimension;
    p.steps = state.range(0);
    p.walkers = state.range(1);
    p.lazy = lazy;
    p.paths = 0;
    for (auto _ : state) {
        RunControl control(unsigned(state.range(2)));
        benchmark::DoNotOptimize(simulateLatticeWalk(p, control));
    }
    state.SetItemsProcessed(state.iterations() * p.steps * p.walkers);
}

void runContinuous(benchmark::State& state, ContinuousStep step)
{
    ContinuousWalkParams p;
    p.step = step;
    p.steps = state.range(0);
    p.walkers = state.range(1);
    p.paths = 0;
    for (auto _ : state) {
        RunControl control(unsigned(state.range(2)));
        benchmark::DoNotOptimize(simulateContinuousWalk(p, control));
    }
    state.SetItemsProcessed(state.iterations() * p.steps * p.walkers);
}

void Walk2DRotated(benchmark::State& state) { runLattice(state, 2, 0.0); }
void Walk2DLazy(benchmark::State& state) { runLattice(state, 2, 0.2); }
void Walk3DSimple(benchmark::State& state) { runLattice(state, 3, 0.0); }
void Walk3DLazy(benchmark::State& state) { runLattice(state, 3, 0.2); }
void Walk2DPearson(benchmark::State& state) { runContinuous(state, ContinuousStep::Pearson); }
void Walk2DGaussian(benchmark::State& state) { runContinuous(state, ContinuousStep::Gaussian); }

// The limit of the symmetric 2D walk: the rotated coordinates are two fair bit walks, so 64 steps
// cost one word of each of two streams, generated and counted by Engine::popcount().
void Limit2DRotatedPopcount(benchmark::State& state)
{
    Engine u = makeStream(1, 0, 0), v = makeStream(1, 0, 1);
    const std::size_t words = std::size_t(state.range(0)) / 64;
    for (auto _ : state)
        benchmark::DoNotOptimize(2 * std::int64_t(u.popcount(words)) - 2 * std::int64_t(v.popcount(words)));
    state.SetItemsProcessed(state.iterations() * std::int64_t(words) * 64);
}

// The limit of the symmetric 3D walk: axis moves from the byte table over whole words (no state
// between calls), signs by popcount of one bit per step.
void Limit3DTablePopcount(benchmark::State& state)
{
    Engine axes = makeStream(1, 0, 0), signs = makeStream(1, 0, 1);
    const std::int64_t steps = state.range(0);
    for (auto _ : state) {
        std::uint64_t packed = 0;
        std::int64_t left = steps;
        while (left >= 40) {
            for (const std::uint64_t w : axes.next(std::size_t(std::min<std::int64_t>(left / 40, 1024)))) {
                std::uint64_t sum = 0;
                for (int b = 0; b < 8; ++b)
                    sum += detail::CubicWalk::kTable[(w >> (8 * b)) & 0xFF];
                packed += sum & 0xFFFFFFFFFFFFull;
                left -= 5 * std::int64_t(sum >> 48);
            }
        }
        benchmark::DoNotOptimize(packed);
        benchmark::DoNotOptimize(signs.popcount(std::size_t(steps / 64)));
    }
    state.SetItemsProcessed(state.iterations() * steps);
}

// The first-return search of the symmetric 2D walk alone (detail::firstJointZero on the rotated
// coordinates): walkers 0 … M − 1 from the origin until their first return or n steps. Arguments:
// n, M; items_per_second is steps searched per second (compare Limit2DRotatedPopcount).
void Rotated2DFirstReturn(benchmark::State& state)
{
    const std::int64_t n = state.range(0);
    std::int64_t steps = 0;
    for (auto _ : state) {
        for (std::uint64_t block = 0; block < std::uint64_t(state.range(1)); ++block) {
            Engine a = makeStream(1, block, 0), b = makeStream(1, block, 1);
            detail::BitWalk u(a), v(b);
            std::int64_t x = 0, y = 0;
            const std::int64_t k = detail::firstJointZero(u, v, x, y, n);
            steps += k > 0 ? k : n;
        }
    }
    state.SetItemsProcessed(steps);
}

// One walker's path step by step through the sampler of the simulation (no bookkeeping).
void CubicWalkAdvance(benchmark::State& state)
{
    detail::CubicWalk walk(1, 0);
    std::array<std::int64_t, 3> x{0, 0, 0};
    for (auto _ : state)
        walk.advance(x, state.range(0));
    benchmark::DoNotOptimize(x);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The endpoint shortcut: Arguments steps n, draws M; items_per_second is n·M per second
// (equivalent steps), comparable with numpy's rng.binomial(n, p, M) / rng.multinomial(n, pvals, M).
void Endpoint1DBinomial(benchmark::State& state)
{
    const detail::EndpointSampler1D sampler(state.range(0), 0.5, 0.5);
    Engine engine = makeStream(1, 0);
    std::vector<std::int64_t> s(std::size_t(state.range(1)));
    for (auto _ : state) {
        sampler(engine, s.data(), s.size());
        benchmark::DoNotOptimize(s.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}

void runEndpointND(benchmark::State& state, int dimension, double lazy)
{
    const std::array<double, 6> w{1, 1, 1, 1, 1, 1};
    const StepLaw law = *StepLaw::simple(dimension, std::span<const double>(w.data(), std::size_t(2 * dimension)), lazy);
    const detail::EndpointSamplerND sampler(dimension, state.range(0), law.simpleProbabilities());
    Engine engine = makeStream(1, 0);
    std::vector<detail::EndpointSamplerND::Displacement> s(std::size_t(state.range(1)));
    for (auto _ : state) {
        sampler(engine, s.data(), s.size());
        benchmark::DoNotOptimize(s.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}

void Endpoint2DMultinomial(benchmark::State& state) { runEndpointND(state, 2, 0.0); }
void Endpoint2DLazyMultinomial(benchmark::State& state) { runEndpointND(state, 2, 0.2); }
void Endpoint3DMultinomial(benchmark::State& state) { runEndpointND(state, 3, 0.0); }

}  // namespace

// Step by step: 100 tracked walkers × 10^7 steps (10^9 steps), 1 and 2 threads; 10^5 walkers of
// 10^4 steps (9·10^4 by the endpoint shortcut).
BENCHMARK(Walk2DRotated)->Args({10000000, 100, 1})->Args({10000000, 100, 2})->Args({10000, 100000, 1})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk3DSimple)->Args({10000000, 100, 1})->Args({10000000, 100, 2})->Args({10000, 100000, 1})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
// The general threshold kernel (one word per step): 10 walkers × 10^7 steps.
BENCHMARK(Walk2DLazy)->Args({10000000, 10, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk3DLazy)->Args({10000000, 10, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk2DPearson)->Args({10000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk2DGaussian)->Args({10000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Limit2DRotatedPopcount)->Arg(1 << 24)->Unit(benchmark::kMillisecond);
BENCHMARK(Limit3DTablePopcount)->Arg(1 << 24)->Unit(benchmark::kMillisecond);
BENCHMARK(Rotated2DFirstReturn)->Args({10000000, 100})->Unit(benchmark::kMillisecond);
BENCHMARK(CubicWalkAdvance)->Arg(1 << 24)->Unit(benchmark::kMillisecond);
// n = 10^4 and 10^6, M = 10^6 draws (2D/3D: 10^5), as in the numpy comparison.
BENCHMARK(Endpoint1DBinomial)->Args({10000, 1000000})->Args({1000000, 1000000})->Unit(benchmark::kMillisecond);
BENCHMARK(Endpoint2DMultinomial)->Args({10000, 100000})->Args({1000000, 100000})->Unit(benchmark::kMillisecond);
BENCHMARK(Endpoint2DLazyMultinomial)->Args({10000, 100000})->Unit(benchmark::kMillisecond);
BENCHMARK(Endpoint3DMultinomial)->Args({10000, 100000})->Args({1000000, 100000})->Unit(benchmark::kMillisecond);
