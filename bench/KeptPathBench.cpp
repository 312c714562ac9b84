// Kept paths (issue 6): every position of a symmetric 1D walk written to memory (int32), by
// StepSampler1D::path (random words + byte table with prefix sums), against memset of the same
// bytes. Arguments: positions per iteration (2^16 = 256 KiB, in L2; 2^22 = 16 MiB, beyond it) and
// the CpuLevel (0 baseline, 1 AVX2, 2 AVX-512; a level this CPU lacks is skipped).
// items_per_second: positions per second, for both (numpy's idiom: cumsum of ±1 int8 steps).
#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/StepSampler1D.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

using namespace walklab::core;

namespace {

void KeptPath(benchmark::State& state)
{
    const auto level = CpuLevel(state.range(1));
    if (level > detectedCpuLevel()) {
        state.SkipWithError("CPU level not supported here");
        return;
    }
    const CpuLevel previous = setCpuLevelLimit(level);
    state.SetLabel(cpuLevelName(level));
    Engine engine = makeStream(1, 0);
    detail::StepSampler1D sampler(engine, 0.5, 0.5);
    std::vector<std::int32_t> path(std::size_t(state.range(0)));
    for (auto _ : state) {
        sampler.path(state.range(0), 0, path.data());
        benchmark::DoNotOptimize(path.data());
        benchmark::ClobberMemory();
    }
    setCpuLevelLimit(previous);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The biased walk (p = 0.3, q = 0.7) through the bit-sliced masks: the same memory, more words.
void KeptPathBiased(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    detail::StepSampler1D sampler(engine, 0.3, 0.7);
    std::vector<std::int32_t> path(std::size_t(state.range(0)));
    for (auto _ : state) {
        sampler.path(state.range(0), 0, path.data());
        benchmark::DoNotOptimize(path.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The limit: memset of the same number of bytes (4 per position).
void LimitMemsetPositions(benchmark::State& state)
{
    std::vector<std::int32_t> path(std::size_t(state.range(0)));
    int value = 0;
    for (auto _ : state) {
        std::memset(path.data(), ++value & 0xff, path.size() * sizeof(std::int32_t));
        benchmark::DoNotOptimize(path.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(KeptPath)->ArgsProduct({{1 << 16, 1 << 22}, {0, 1, 2}});
BENCHMARK(KeptPathBiased)->Arg(1 << 16);
BENCHMARK(LimitMemsetPositions)->Arg(1 << 16)->Arg(1 << 22);
