#include "core/walk/LatticeWalk1D.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
#include "core/walk/detail/EndpointSampler.h"
#include "core/walk/detail/StepSampler1D.h"
#include "core/walk/detail/WalkKernel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxSteps = 1'000'000'000;

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
    return check.take();
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

std::int64_t walkersPerBlock(std::int64_t steps)
{
    return std::max<std::int64_t>(1, (std::int64_t(1) << 22) / std::max<std::int64_t>(steps, 1));
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

    const std::int64_t perBlock = walkersPerBlock(params.steps);
    const std::uint64_t blocks = std::uint64_t((params.walkers + perBlock - 1) / perBlock);
    control.setTotalWork(std::uint64_t(params.walkers) * std::uint64_t(params.steps));
    std::vector<IntegerHistogram> partial(workerCount(blocks, control));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block);
        detail::StepSampler1D sampler(engine, params.p, params.q);
        detail::EndpointSampler1D endpoint(params.steps, params.p, params.q);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.walkers, first + perBlock);
        WorkMeter meter(control);
        std::vector<std::int32_t> keptPath(first < params.paths && fullPath ? std::size_t(params.steps) + 1 : 0);
        detail::BlockTally tally(first < obs.tracked ? obs.times.size() : 0);
        for (std::int64_t w = first; w < last; ++w) {
            std::int64_t position = 0;
            auto record = [&](const detail::Stop& stop) {
                if (stop.grid >= 0) {
                    const double s2 = double(position) * double(position);
                    tally.sumSquared[std::size_t(stop.grid)] += s2;
                    tally.sumFourth[std::size_t(stop.grid)] += s2 * s2;
                }
                if (stop.path >= 0)
                    sim.paths[std::size_t(w)][std::size_t(stop.path)] = position;
            };
            if (w < params.paths && fullPath) {
                // A kept path at every step: written by the path kernel, the same steps as below.
                if (!meter.add(std::uint64_t(params.steps)))
                    return;
                keptPath[0] = 0;
                sampler.path(params.steps, 0, keptPath.data() + 1);
                for (const detail::Stop& stop : keptStops) {
                    position = keptPath[std::size_t(stop.time)];
                    record(stop);
                }
                const auto zero = std::find(keptPath.begin() + 1, keptPath.end(), 0);
                if (zero != keptPath.end())
                    ++tally.firstReturn[std::size_t(std::lower_bound(obs.times.begin(), obs.times.end(),
                                                                     zero - keptPath.begin())
                                                    - obs.times.begin())];
            } else if (w < obs.tracked) {
                std::int64_t t = 0, firstReturn = -1;
                for (const detail::Stop& stop : w < params.paths ? keptStops : trackedStops) {
                    std::int64_t left = stop.time - t;
                    if (!meter.add(std::uint64_t(left)))
                        return;
                    while (left > 0 && firstReturn < 0) {
                        const std::int64_t k = std::abs(position) <= 1 ? 1 : std::min(std::abs(position) - 1, left);
                        position += sampler.advance(k);
                        left -= k;
                        if (k == 1 && position == 0)
                            firstReturn = stop.time - left;
                    }
                    if (left > 0)
                        position += sampler.advance(left);
                    t = stop.time;
                    record(stop);
                }
                if (firstReturn > 0)
                    ++tally.firstReturn[std::size_t(
                        std::lower_bound(obs.times.begin(), obs.times.end(), firstReturn) - obs.times.begin())];
            } else {
                position = endpoint(engine);
                if (!meter.add(std::uint64_t(params.steps)))
                    return;
            }
            partial[worker].add(position);
        }
        if (first < obs.tracked)
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
