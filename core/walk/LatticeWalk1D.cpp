// No fused multiply-add (the tracked walkers' squares are summed in doubles in code compiled
// once per CpuLevel): the same sums at every level.
// Set before the includes: the inline step samplers then carry the same option and can be
// inlined into the per-level code ([[gnu::flatten]] skips callees whose options differ).
#pragma GCC optimize("fp-contract=off")

#include "core/random/PerWorker.h"
#include "core/walk/LatticeWalk1D.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
#include "core/random/detail/TargetAttributes.h"
#include "core/walk/detail/EndpointSampler.h"
#include "core/walk/detail/StepSampler1D.h"
#include "core/walk/detail/WalkKernel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxSteps = 1'000'000'000;

/// One tracked walker: where it stops and what it records.
struct TrackedWalker {
    const std::vector<detail::Stop>& stops;  ///< observation times (stop k = time k if no path), path times if kept
    const std::vector<std::int64_t>& times;  ///< observation times (bins of the first return)
    std::int64_t* path;                      ///< its kept path at the path times, or nullptr
    std::int32_t* everyStep;                 ///< n + 1 positions when kept at every step, or nullptr
    std::int64_t* scratch;                   ///< room for 3 × stops.size() values
    std::int64_t steps;                      ///< n
};

/// Walks a tracked walker n steps from 0: its squares and fourth powers at the observation
/// times and its first return go to `tally`, its path (if kept) to walker.path. Returns S_n, or
/// nothing when the run is cancelled.
/// A path kept at every step is written by the path kernel (StepSampler1D::path); otherwise the
/// walker is advanced from stop to stop, near 0 in steps of |S_t| − 1 (one at |S_t| ≤ 1), until
/// its first return, and then through all its remaining stops in one call
/// (StepSampler1D::displacements). The same steps either way.
[[gnu::always_inline]] inline std::optional<std::int64_t> walkTracked(const TrackedWalker& walker,
                                                                     detail::StepSampler1D& sampler,
                                                                     detail::BlockTally& tally, WorkMeter& meter)
{
    std::int64_t position = 0;  // a local, kept in a register
    double *sumSquared = tally.sumSquared.data(), *sumFourth = tally.sumFourth.data();
    auto record = [&](const detail::Stop& stop) {
        if (stop.grid >= 0) {
            const double s2 = double(position) * double(position);
            sumSquared[stop.grid] += s2;
            sumFourth[stop.grid] += s2 * s2;
        }
        if (stop.path >= 0)
            walker.path[stop.path] = position;
    };
    auto returnedAt = [&](std::int64_t t) {
        ++tally.firstReturn[std::size_t(std::lower_bound(walker.times.begin(), walker.times.end(), t) - walker.times.begin())];
    };
    if (walker.everyStep) {
        if (!meter.add(std::uint64_t(walker.steps)))
            return std::nullopt;
        std::int32_t* path = walker.everyStep;
        path[0] = 0;
        sampler.path(walker.steps, 0, path + 1);
        for (const detail::Stop& stop : walker.stops) {
            position = path[stop.time];
            record(stop);
        }
        const std::int32_t* zero = std::find(path + 1, path + walker.steps + 1, 0);
        if (zero != path + walker.steps + 1)
            returnedAt(zero - path);
        return position;
    }
    std::int64_t t = 0, firstReturn = -1;
    std::size_t next = 0;  // the first stop not yet reached
    for (; next < walker.stops.size() && firstReturn < 0; ++next) {
        const detail::Stop& stop = walker.stops[next];
        std::int64_t left = stop.time - t;
        if (!meter.add(std::uint64_t(left)))
            return std::nullopt;
        while (left > 0) {  // one call site: all of it inline
            const std::int64_t k = firstReturn >= 0 ? left
                : std::abs(position) <= 1           ? 1
                                                    : std::min(std::abs(position) - 1, left);
            position += sampler.advance(k);
            left -= k;
            if (k == 1 && position == 0 && firstReturn < 0)
                firstReturn = stop.time - left;
        }
        t = stop.time;
        record(stop);
    }
    if (const std::size_t rest = walker.stops.size() - next; rest > 0) {
        if (!meter.add(std::uint64_t(walker.stops.back().time - t)))
            return std::nullopt;
        std::int64_t *steps = walker.scratch, *displacement = walker.scratch + rest;
        for (std::size_t k = 0; k < rest; ++k)
            steps[k] = walker.stops[next + k].time - t;
        sampler.displacements(steps, rest, displacement, reinterpret_cast<std::uint64_t*>(displacement + rest));
        const std::int64_t start = position;
        if (walker.path) {
            for (std::size_t k = 0; k < rest; ++k) {
                position = start + displacement[k];
                record(walker.stops[next + k]);
            }
        } else {  // stop k is observation time k: one vector loop
            double *squared = sumSquared + next, *fourth = sumFourth + next;
            for (std::size_t k = 0; k < rest; ++k) {
                const double x = double(start + displacement[k]), s2 = x * x;
                squared[k] += s2;
                fourth[k] += s2 * s2;
            }
            position = start + displacement[rest - 1];
        }
    }
    if (firstReturn > 0)
        returnedAt(firstReturn);
    return position;
}

// walkTracked compiled once per CpuLevel with everything it calls inline, so that the step
// samplers' bit operations use the level's instructions (POPCNT, BMI2 shifts); same results.
[[gnu::flatten]] std::optional<std::int64_t> walkTrackedBaseline(const TrackedWalker& w, detail::StepSampler1D& s,
                                                                  detail::BlockTally& t, WorkMeter& m)
{
    return walkTracked(w, s, t, m);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX2 std::optional<std::int64_t> walkTrackedAvx2(const TrackedWalker& w,
                                                                                  detail::StepSampler1D& s,
                                                                                  detail::BlockTally& t, WorkMeter& m)
{
    return walkTracked(w, s, t, m);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX512 std::optional<std::int64_t> walkTrackedAvx512(const TrackedWalker& w,
                                                                                      detail::StepSampler1D& s,
                                                                                      detail::BlockTally& t, WorkMeter& m)
{
    return walkTracked(w, s, t, m);
}

std::optional<std::int64_t> walkTracked(CpuLevel level, const TrackedWalker& w, detail::StepSampler1D& s,
                                        detail::BlockTally& t, WorkMeter& m)
{
    switch (level) {
    case CpuLevel::Avx512: return walkTrackedAvx512(w, s, t, m);
    case CpuLevel::Avx2: return walkTrackedAvx2(w, s, t, m);
    case CpuLevel::Baseline: break;
    }
    return walkTrackedBaseline(w, s, t, m);
}

/// The step-by-step rate of one thread for work estimates: about half the measured rates (bench
/// Walk1DSymmetric 1.5e11 steps/s, Walk1DBiased and Walk1DLazy 4.5e9).
double stepsPerSecond(const Walk1DParams& w) { return w.p == 0.5 && w.q == 0.5 ? 5e10 : 2e9; }

}  // namespace

Errors validate(const Walk1DParams& w)
{
    ParameterCheck check;
    check.count("steps", w.steps, 1, kMaxSteps, "1", "10^9");
    check.repetitions("walkers", w.walkers);
    check.between("p", w.p, 0, 1, "0", "1");
    check.between("q", w.q, 0, 1, "0", "1");
    if (check.ok("p") && check.ok("q") && w.p + w.q > 1 + 4 * std::numeric_limits<double>::epsilon())
        check.bad("q", formatNumber(w.q), "between 0 and 1 − p = " + formatSignificant(1 - w.p, 15) + " (p + q ≤ 1)");
    check.paths(w.paths, w.walkers, "walkers");
    Errors errors = check.take();
    if (errors.empty())  // the tracked walkers step; the others take the endpoint shortcut
        errors = detail::workCheck(trackedWalkers(w.walkers), w.walkers, w.steps, stepsPerSecond(w), true);
    return errors;
}

std::vector<std::int64_t> pathSampleTimes(std::int64_t steps)
{
    std::vector<std::int64_t> t;
    if (steps + 1 <= kMaxPathPoints) {
        for (std::int64_t i = 0; i <= steps; ++i)
            t.push_back(i);
        return t;
    }
    const std::int64_t segments = kMaxPathPoints - 1;
    for (std::int64_t j = 0; j <= segments; ++j)
        t.push_back(std::int64_t(std::llround(double(j) * double(steps) / double(segments))));
    return t;
}

std::int64_t walkersPerBlock(std::int64_t steps, std::int64_t stepsPerBlock)
{
    return std::max<std::int64_t>(1, stepsPerBlock / std::max<std::int64_t>(steps, 1));
}

std::int64_t walkersPerBlock1D(std::int64_t steps, double p, double q)
{
    return walkersPerBlock(steps, p == 0.5 && q == 0.5 ? std::int64_t(1) << 24 : kStepsPerBlock);
}

Expected<Walk1DSimulation> simulateWalk1D(const Walk1DParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();

    Walk1DSimulation sim;
    sim.pathTimes = pathSampleTimes(params.steps);
    sim.paths.assign(std::size_t(params.paths), std::vector<std::int64_t>(sim.pathTimes.size(), 0));

    WalkObservations& obs = sim.observed;
    obs.times = observationTimes(params.steps);
    obs.tracked = trackedWalkers(params.walkers);
    const std::vector<detail::Stop> trackedStops = detail::stops(obs.times, nullptr);
    const std::vector<detail::Stop> keptStops = detail::stops(obs.times, &sim.pathTimes);
    const bool fullPath = std::int64_t(sim.pathTimes.size()) == params.steps + 1;  // n + 1 ≤ kMaxPathPoints
    OrderedMerge<detail::BlockTally> merge(detail::BlockTally(obs.times.size()), &detail::BlockTally::fold);

    // Blocks 0 … trackedBlocks − 1: the tracked walkers, walkersPerBlock1D(n, p, q) per block; then the
    // others, detail::kEndpointBlockWalkers per block, drawn in bulk by the endpoint shortcut.
    const std::int64_t perBlock = walkersPerBlock1D(params.steps, params.p, params.q);
    const CpuLevel level = activeCpuLevel();
    const std::uint64_t trackedBlocks = std::uint64_t((obs.tracked + perBlock - 1) / perBlock);
    const std::uint64_t blocks =
        trackedBlocks + std::uint64_t((params.walkers - obs.tracked + detail::kEndpointBlockWalkers - 1) / detail::kEndpointBlockWalkers);
    const std::uint64_t drawWork = detail::shortcutWork(params.steps, stepsPerSecond(params));
    control.setTotalWork(std::uint64_t(obs.tracked) * std::uint64_t(params.steps)
                         + std::uint64_t(params.walkers - obs.tracked) * drawWork);
    PerWorker<IntegerHistogram> partial(workerCount(blocks, control));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block);
        WorkMeter meter(control);
        if (block >= trackedBlocks) {
            const std::int64_t first = obs.tracked + std::int64_t(block - trackedBlocks) * detail::kEndpointBlockWalkers;
            const std::int64_t last = std::min(params.walkers, first + detail::kEndpointBlockWalkers);
            const detail::EndpointSampler1D endpoint(params.steps, params.p, params.q);
            std::vector<std::int64_t> ends(std::size_t(std::min<std::int64_t>(last - first, detail::kEndpointChunk)));
            for (std::int64_t w = first; w < last; w += detail::kEndpointChunk) {
                const std::size_t count = std::size_t(std::min<std::int64_t>(last - w, detail::kEndpointChunk));
                endpoint(engine, ends.data(), count);
                for (std::size_t i = 0; i < count; ++i)
                    partial[worker].add(ends[i]);
                if (!meter.add(std::uint64_t(count) * drawWork))
                    return;
            }
            return;
        }
        detail::StepSampler1D sampler(engine, params.p, params.q);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(obs.tracked, first + perBlock);
        std::vector<std::int32_t> keptPath(first < params.paths && fullPath ? std::size_t(params.steps) + 1 : 0);
        const auto scratch = std::make_unique_for_overwrite<std::int64_t[]>(
            3 * std::max(keptStops.size(), trackedStops.size()));
        detail::BlockTally tally(obs.times.size());
        for (std::int64_t w = first; w < last; ++w) {
            const bool kept = w < params.paths;
            const TrackedWalker walker{kept ? keptStops : trackedStops, obs.times,
                                       kept ? sim.paths[std::size_t(w)].data() : nullptr,
                                       kept && fullPath ? keptPath.data() : nullptr, scratch.get(), params.steps};
            const std::optional<std::int64_t> end = walkTracked(level, walker, sampler, tally, meter);
            if (!end)
                return;
            partial[worker].add(*end);
        }
        merge.submit(block, std::move(tally));
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const detail::BlockTally& total = merge.total();
    obs.sumSquared = total.sumSquared;
    obs.sumFourth = total.sumFourth;
    std::uint64_t running = 0;
    for (std::uint64_t r : total.firstReturn)
        obs.returned.push_back(running += r);
    for (const auto& h : partial)
        sim.endpoints.merge(h);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
