// Steps per second of the 2D/3D walks: the rotated symmetric kernel, the general lattice kernel
// and the continuous walks, with and without the tracked walkers.
#include "core/walk/ContinuousWalk.h"
#include "core/walk/LatticeWalkND.h"

#include <benchmark/benchmark.h>

using namespace walklab::core;

namespace {

// Arguments: steps, walkers, threads. items_per_second is steps per second. With walkers
// beyond kMaxTrackedWalkers most walkers run unobserved (endpoint only).
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
void Walk2DPearson(benchmark::State& state) { runContinuous(state, ContinuousStep::Pearson); }
void Walk2DGaussian(benchmark::State& state) { runContinuous(state, ContinuousStep::Gaussian); }

}  // namespace

// 10^4 tracked walkers × 10^4 steps; 10^5 walkers of which 9·10^4 unobserved.
BENCHMARK(Walk2DRotated)->Args({10000, 10000, 1})->Args({10000, 100000, 1})->Args({10000, 100000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk2DLazy)->Args({10000, 10000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk3DSimple)->Args({10000, 10000, 1})->Args({10000, 10000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk2DPearson)->Args({10000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Walk2DGaussian)->Args({10000, 1000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
