#include "core/walk/FirstPassageWalk.h"

#include "core/experiment/ParameterCheck.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
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
std::int64_t arrival(Engine& engine, detail::StepSampler1D& sampler, detail::StepSampler1D& towardsLevel,
                     const FirstPassageParams& params)
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
    std::vector<Tally> tallies(workerCount(blocks, control));
    for (Tally& tally : tallies)
        tally.counts.assign(sim.bins.bins(), 0);
    control.setTotalWork(std::uint64_t(params.walkers) * std::uint64_t(n));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, params.domain);
        detail::StepSampler1D sampler(engine, params.p, params.q), towardsLevel(engine, params.q, params.p);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.walkers, first + perBlock);
        WorkMeter meter(control);
        Tally& tally = tallies[worker];
        for (std::int64_t walker = first; walker < last; ++walker) {
            const std::int64_t t = arrival(engine, sampler, towardsLevel, params);
            if (t > 0) {
                ++tally.counts[sim.bins.index(t)];
                tally.equivalentSteps += std::uint64_t(t);
                tally.drawnSteps += std::uint64_t(t);
            } else {
                ++tally.notArrived;
                tally.equivalentSteps += std::uint64_t(n);
                tally.drawnSteps += std::uint64_t(-t - 1);
            }
            if (!meter.add(std::uint64_t(n)))
                return;
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
