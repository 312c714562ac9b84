// The limits the walks are held to (issue 6): the engine's words at each CPU level, the fused
// generate + popcount kernel (xoshiro256++ in 16 AVX-512 lanes), and the bare bit-sliced
// Bernoulli kernel. Argument: the CpuLevel (0 baseline, 1 AVX2 + POPCNT, 2 AVX-512); a level
// this CPU lacks is skipped. items_per_second: words, ±1 steps or Bernoulli trials per second
// of wall-clock time (as the walk benchmarks, so that ratios compare like with like).
#include "core/random/SlicedBernoulli.h"
#include "core/random/StreamEngine.h"

#include <benchmark/benchmark.h>

#include <vector>

using namespace walklab::core;

namespace {

bool setLevel(benchmark::State& state, Engine& engine)
{
    const auto level = CpuLevel(state.range(0));
    if (level > detectedCpuLevel()) {
        state.SkipWithError("CPU level not supported here");
        return false;
    }
    engine.useCpuLevel(level);
    state.SetLabel(cpuLevelName(level));
    return true;
}

// operator() one word at a time (what Boost.Random distributions see).
void EngineWords(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    std::uint64_t sum = 0;
    for (auto _ : state)
        for (int i = 0; i < 1 << 16; ++i)
            sum += engine();
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations() * (1 << 16));
}

// generate(): whole rounds written by the vector kernel.
void EngineGenerate(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    std::vector<std::uint64_t> out(1 << 12);
    for (auto _ : state) {
        engine.generate(out.data(), out.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(out.size()));
}

// The limit of the symmetric walk: 64 ±1 steps per word, S += 2·popcount − 64, words never
// stored (AVX-512: VPOPCNTQ in registers; AVX2: scalar POPCNT; baseline: libgcc popcount).
void EnginePopcountSteps(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    const std::size_t words = 1 << 20;
    for (auto _ : state)
        benchmark::DoNotOptimize(engine.popcount(words));
    state.SetItemsProcessed(state.iterations() * std::int64_t(words) * 64);
}

// popcount() over short and medium spans (range(1) words per call, 2^20 words in all): what a
// BitWalk sees when a walk is advanced a few hundred or thousand steps at a time (the 2D rotated
// kernel, the bulk steps of the passage and ruin walks). items_per_second: ±1 steps.
void EnginePopcountSpan(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    const std::size_t span = std::size_t(state.range(1)), words = std::size_t(1) << 20;
    for (auto _ : state) {
        std::uint64_t ones = 0;
        for (std::size_t done = 0; done < words; done += span)
            ones += engine.popcount(span);
        benchmark::DoNotOptimize(ones);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(words) * 64);
}

// popcountPrefixes(): the 1 bits before each of 1024 stops range(1) bits apart per call, the
// first after 3 words + range(1) bits (so that calls start all over the buffer): a walker
// observed every range(1) steps (5000: the walk's observation grid at n = 10^6, ~78 words per
// stop). items_per_second: ±1 steps; compare with EnginePopcountSteps.
void EnginePopcountPrefixes(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    const std::uint64_t spacing = std::uint64_t(state.range(1));
    std::vector<std::uint64_t> ends(1024), ones(ends.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < ends.size(); ++i)
            ends[i] = 192 + spacing * (i + 1);
        benchmark::DoNotOptimize(engine.popcountPrefixes(ends, ones.data()));
        benchmark::DoNotOptimize(ones.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(ends.back()));
}

// The bare bit-sliced Bernoulli kernel (finite-digit method, batches of 512 trials): trials
// per second for p = 0.3 (one threshold, range(1) = 0) and for the lazy three-way split
// p = 0.25, q = 0.25 (range(1) = 1). Counter words/trial: engine words read per trial.
void SlicedBernoulliTrials(benchmark::State& state)
{
    Engine engine = makeStream(1, 0);
    if (!setLevel(state, engine))
        return;
    constexpr long double two64 = 18446744073709551616.0L;
    SlicedBernoulli trials = state.range(1) == 0
        ? SlicedBernoulli(std::uint64_t(0.3L * two64), 0, false)
        : SlicedBernoulli(std::uint64_t(0.25L * two64), std::uint64_t(0.5L * two64), true);
    trials.useCpuLevel(CpuLevel(state.range(0)));
    const std::size_t batches = 1 << 11;
    for (auto _ : state)
        benchmark::DoNotOptimize(trials.count(engine, batches));
    const std::int64_t count = state.iterations() * std::int64_t(batches * SlicedBernoulli::kTrials);
    state.SetItemsProcessed(count);
    // Words read: a fresh engine through the same batches, then the position of its next word.
    Engine probe = makeStream(1, 0), mark = probe;
    trials.count(probe, batches);
    const std::uint64_t following = probe();
    std::size_t words = 0;
    while (mark() != following)
        ++words;
    state.counters["words/trial"] = double(words) / double(batches * SlicedBernoulli::kTrials);
}

}  // namespace

BENCHMARK(EngineWords)->DenseRange(0, 2)->UseRealTime();
BENCHMARK(EngineGenerate)->DenseRange(0, 2)->UseRealTime();
BENCHMARK(EnginePopcountSteps)->DenseRange(0, 2)->UseRealTime();
BENCHMARK(EnginePopcountSpan)->ArgsProduct({{0, 1, 2}, {1, 3, 8, 20, 64, 300}})->UseRealTime();
BENCHMARK(EnginePopcountPrefixes)->ArgsProduct({{0, 1, 2}, {1, 64, 1000, 5000, 100000}})->UseRealTime();
BENCHMARK(SlicedBernoulliTrials)->ArgsProduct({{0, 1, 2}, {0, 1}})->UseRealTime();
