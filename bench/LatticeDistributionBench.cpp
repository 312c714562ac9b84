// Time of the exact n-step law of 2D/3D simple walks: latticeDistribution() (the axis mixture)
// against power() of the step generating function (power by squaring with FFT products, the
// method latticeDistribution() used before).
#include "core/exact/LatticeDistribution.h"

#include <benchmark/benchmark.h>

#include <vector>

using namespace walklab::core;

namespace {

StepLaw simpleLaw(int dimension, double lazy, bool unequal)
{
    const std::vector<double> weights{0.3, 0.1, 0.25, 0.15, 0.12, 0.08};
    auto law = unequal ? StepLaw::simple(dimension, std::span(weights).first(std::size_t(2 * dimension)), lazy)
                       : StepLaw::simple(dimension, lazy);
    return *law;
}

// Arguments: steps; dimension, lazy and unequal weights are fixed per benchmark.
void runMixture(benchmark::State& state, int dimension, double lazy, bool unequal)
{
    const StepLaw law = simpleLaw(dimension, lazy, unequal);
    for (auto _ : state)
        benchmark::DoNotOptimize(latticeDistribution(law, state.range(0)));
}

void runPower(benchmark::State& state, int dimension, double lazy, bool unequal)
{
    const StepLaw law = simpleLaw(dimension, lazy, unequal);
    for (auto _ : state)
        benchmark::DoNotOptimize(power(law.generatingFunction(), state.range(0)));
}

void Law3DMixture(benchmark::State& state) { runMixture(state, 3, 0.0, false); }
void Law3DPower(benchmark::State& state) { runPower(state, 3, 0.0, false); }
void Law3DLazyUnequalMixture(benchmark::State& state) { runMixture(state, 3, 0.2, true); }
void Law2DLazyMixture(benchmark::State& state) { runMixture(state, 2, 0.2, false); }
void Law2DLazyPower(benchmark::State& state) { runPower(state, 2, 0.2, false); }

}  // namespace

BENCHMARK(Law3DMixture)->Arg(60)->Arg(100)->Arg(127)->Unit(benchmark::kMillisecond);
BENCHMARK(Law3DPower)->Arg(60)->Arg(100)->Arg(127)->Unit(benchmark::kMillisecond);
BENCHMARK(Law3DLazyUnequalMixture)->Arg(60)->Arg(127)->Unit(benchmark::kMillisecond);
BENCHMARK(Law2DLazyMixture)->Arg(1000)->Arg(2047)->Unit(benchmark::kMillisecond);
BENCHMARK(Law2DLazyPower)->Arg(1000)->Arg(2047)->Unit(benchmark::kMillisecond);
