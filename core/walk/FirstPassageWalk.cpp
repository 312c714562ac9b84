// The walker loop is compiled once per CpuLevel (see walkBlock); no fused multiply-add, so that the
// one floating-point decision, U < (b/a)^D, is the same at every level.
// Set before the includes: the inline step samplers then carry the same option and can be
// inlined into the per-level code ([[gnu::flatten]] skips callees whose options differ).
#pragma GCC optimize("fp-contract=off")

#include "core/random/PerWorker.h"
#include "core/walk/FirstPassageWalk.h"

#include "core/experiment/ParameterCheck.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
#include "core/random/detail/TargetAttributes.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/detail/StepSampler1D.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxLevel = 1'000'000'000;

/// One worker's counts.
struct Tally {
    std::vector<std::uint64_t> counts;
    std::uint64_t notArrived = 0, equivalentSteps = 0, drawnSteps = 0;
};

/// Walks one walker from 0 until it stands at `level` or can no longer get there by `cap`.
/// Returns its arrival time, or −(steps drawn) − 1 when it does not arrive by the cap.
/// `towardsLevel` draws the steps of the walk conditioned to reach the level when the drift
/// points away from it (p and q exchanged, see simulateFirstPassage()).
[[gnu::always_inline]] inline std::int64_t arrival(Engine& engine, detail::StepSampler1D& sampler,
                                                   detail::StepSampler1D& towardsLevel, const FirstPassageParams& params)
{
    const std::int64_t level = params.level, cap = params.steps;
    std::int64_t s = 0, t = 0;
    if (level == 0) {  // leave 0 first (a lazy step at 0 is a return)
        s = sampler.advance(1);
        t = 1;
        if (s == 0)
            return 1;
    }
    if (params.p + params.q == 0)  // never moves: stays away from a level k ≠ 0
        return -t - 1;
    detail::StepSampler1D* steps = &sampler;
    const double towards = level > s ? params.p : params.q, away = level > s ? params.q : params.p;
    if (away > towards) {  // reaches the level with probability (towards/away)^D
        const double u = double(engine() >> 11) * 0x1p-53;
        if (u >= std::pow(towards / away, double(level > s ? level - s : s - level)))
            return -t - 1;
        steps = &towardsLevel;
    }
    for (;;) {
        const std::int64_t d = s > level ? s - level : level - s;
        if (d > cap - t)
            return -t - 1;
        s += steps->advance(d);
        t += d;
        if (s == level)
            return t;
    }
}

/// The bin of each arrival time: a table for the times below kTableTimes (most walkers arrive
/// early: P(T_0 > t) ≈ √(2/(πt))), TimeBins::index (a binary search) beyond.
class BinIndex {
public:
    explicit BinIndex(const TimeBins& bins) : m_bins(bins)
    {
        const std::int64_t end = std::min(kTableTimes, bins.upper(bins.bins() - 1) + 1);
        for (std::int64_t t = bins.lower(0); t < end; ++t)
            m_table.push_back(std::uint16_t(bins.index(t)));
    }
    std::size_t operator()(std::int64_t t) const
    {
        const auto i = std::uint64_t(t - m_bins.lower(0));
        return i < m_table.size() ? m_table[i] : m_bins.index(t);
    }

private:
    static constexpr std::int64_t kTableTimes = 4096;  // < 2^16 bins below it (unit bins: 4096)
    const TimeBins& m_bins;
    std::vector<std::uint16_t> m_table;
};

/// The walkers first … last − 1 of one block.
struct Block {
    const FirstPassageParams& params;
    const BinIndex& binOf;
    std::int64_t first, last;
};

/// Walks the walkers of a block in order from `engine`, adding them to `tally`, until cancelled.
/// Compiled once per CpuLevel below with everything it calls inline ([[gnu::flatten]]), so that
/// the bit operations of the step samplers use the level's instructions (POPCNT, BMI2 shifts)
/// instead of plain x86-64 sequences; the same steps and results at every level.
[[gnu::always_inline]] inline void walkBlock(const Block& job, Engine& engine, Tally& tally, WorkMeter& meter)
{
    const FirstPassageParams& params = job.params;
    detail::StepSampler1D sampler(engine, params.p, params.q), towardsLevel(engine, params.q, params.p);
    const auto n = std::uint64_t(params.steps);
    for (std::int64_t walker = job.first; walker < job.last; ++walker) {
        const std::int64_t t = arrival(engine, sampler, towardsLevel, params);
        if (t > 0) {
            ++tally.counts[job.binOf(t)];
            tally.equivalentSteps += std::uint64_t(t);
            tally.drawnSteps += std::uint64_t(t);
        } else {
            ++tally.notArrived;
            tally.equivalentSteps += n;
            tally.drawnSteps += std::uint64_t(-t - 1);
        }
        if (!meter.add(n))
            return;
    }
}

[[gnu::flatten]] void walkBlockBaseline(const Block& job, Engine& engine, Tally& tally, WorkMeter& meter)
{
    walkBlock(job, engine, tally, meter);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX2 void walkBlockAvx2(const Block& job, Engine& engine, Tally& tally, WorkMeter& meter)
{
    walkBlock(job, engine, tally, meter);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX512 void walkBlockAvx512(const Block& job, Engine& engine, Tally& tally,
                                                            WorkMeter& meter)
{
    walkBlock(job, engine, tally, meter);
}

}  // namespace

Errors validate(const FirstPassageParams& w)
{
    Errors errors = validate(Walk1DParams{w.steps, w.walkers, w.p, w.q, w.seed, 0});
    ParameterCheck check;
    check.count("level", w.level, -kMaxLevel, kMaxLevel, "−10^9", "10^9");
    for (Error& e : check.take())
        errors.push_back(std::move(e));
    return errors;
}

Expected<FirstPassageSimulation> simulateFirstPassage(const FirstPassageParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t n = params.steps;

    FirstPassageSimulation sim;
    sim.bins = TimeBins::logarithmic(1, n);
    const std::int64_t perBlock = kFirstPassageWalkersPerBlock;
    const std::uint64_t blocks = std::uint64_t((params.walkers + perBlock - 1) / perBlock);
    PerWorker<Tally> tallies(workerCount(blocks, control));
    for (Tally& tally : tallies)
        tally.counts.assign(sim.bins.bins(), 0);
    control.setTotalWork(std::uint64_t(params.walkers) * std::uint64_t(n));

    const BinIndex binOf(sim.bins);
    const CpuLevel level = activeCpuLevel();
    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, params.domain);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const Block job{params, binOf, first, std::min(params.walkers, first + perBlock)};
        WorkMeter meter(control);
        switch (level) {
        case CpuLevel::Avx512: walkBlockAvx512(job, engine, tallies[worker], meter); break;
        case CpuLevel::Avx2: walkBlockAvx2(job, engine, tallies[worker], meter); break;
        case CpuLevel::Baseline: walkBlockBaseline(job, engine, tallies[worker], meter); break;
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");

    sim.counts.assign(sim.bins.bins(), 0);
    for (const Tally& tally : tallies) {
        for (std::size_t i = 0; i < sim.counts.size(); ++i)
            sim.counts[i] += tally.counts[i];
        sim.notArrived += tally.notArrived;
        sim.equivalentSteps += tally.equivalentSteps;
        sim.drawnSteps += tally.drawnSteps;
    }
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
