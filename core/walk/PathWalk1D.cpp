#include "core/random/PerWorker.h"
#include "core/walk/PathWalk1D.h"

#include "core/experiment/MemoryCheck.h"
#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/detail/StepSampler1D.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxLevel = 1'000'000'000;

/// One worker's counts.
struct Tally {
    std::vector<std::uint64_t> passage, firstReturn, timePositive, lastZero;
    std::uint64_t notArrived = 0, notReturned = 0;
    IntegerHistogram returns, maximum;
};

/// The path statistics of one walker.
struct WalkerRecord {
    std::int64_t passage = -1, firstReturn = -1;  ///< −1: not by n
    std::int64_t returns = 0, positive = 0, lastZero = 0, maximum = 0;
};

/// Walks one walker n steps in bulk (see simulatePathWalk1D()); writes its kept path if `path`.
/// Sets `cancelled` (and stops) when the run is cancelled.
WalkerRecord walk(detail::StepSampler1D& sampler, const PathWalk1DParams& params,
                  const std::vector<std::int64_t>& pathTimes, std::vector<std::int64_t>* path, WorkMeter& meter,
                  bool& cancelled)
{
    WalkerRecord w;
    const std::int64_t n = params.steps, level = params.level;
    std::int64_t t = 0, s = 0;
    std::size_t nextStop = 1;  // pathTimes[0] = 0
    while (t < n) {
        std::int64_t c = 1;
        if (s != 0) {
            c = std::min({std::abs(s), w.maximum + 1 - s, n - t});
            if (w.passage < 0)
                c = std::min(c, std::abs(level - s));
        }
        if (path)
            c = std::min(c, pathTimes[nextStop] - t);
        const std::int64_t before = s;
        s += sampler.advance(c);
        t += c;
        if (before > 0 || (before == 0 && s > 0))
            w.positive += c;
        if (s == 0) {
            ++w.returns;
            w.lastZero = t;
            if (w.firstReturn < 0)
                w.firstReturn = t;
        }
        w.maximum = std::max(w.maximum, s);
        if (w.passage < 0 && s == level)
            w.passage = t;
        if (path && t == pathTimes[nextStop])
            (*path)[nextStop++] = s;
        if (!meter.add(std::uint64_t(c))) {
            cancelled = true;
            return w;
        }
    }
    return w;
}

}  // namespace

Errors validate(const PathWalk1DParams& w)
{
    Errors errors = validate(Walk1DParams{w.steps, w.walkers, w.p, w.q, w.seed, w.paths});
    const auto named = [&](const char* name) {
        return std::any_of(errors.begin(), errors.end(), [&](const Error& e) { return e.parameter == name; });
    };
    if (w.p == 0 && w.q == 0 && !named("p") && !named("q"))
        errors.push_back(Error{ErrorKind::InvalidParameter, "q",
                               "q = 0: must be greater than 0 when p = 0 (the walker would never move)"});
    if (w.level == 0 || w.level > kMaxLevel || w.level < -kMaxLevel)
        errors.push_back(Error{ErrorKind::InvalidParameter, "level",
                               "level = " + std::to_string(w.level)
                                   + ": must be a nonzero integer between −10^9 and 10^9"});
    const double work = double(w.walkers) * double(w.steps);
    if (errors.empty() && work > kMaxPathWork)
        errors.push_back(Error{ErrorKind::TooLarge, "walkers",
                               "the simulation would take walkers × steps n = " + formatSignificant(work, 3)
                                   + " steps; the limit is 10^10 (several minutes): lower walkers or steps n"});
    return errors;
}

Expected<PathWalk1DSimulation> simulatePathWalk1D(const PathWalk1DParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t n = params.steps;

    PathWalk1DSimulation sim;
    sim.passage.bins = sim.firstReturn.bins = TimeBins::logarithmic(1, n);
    sim.timePositive.bins = sim.lastZero.bins = TimeBins::linear(n);
    sim.pathTimes = pathSampleTimes(n);

    const std::int64_t perBlock = walkersPerBlock1D(n, params.p, params.q);
    const std::uint64_t blocks = std::uint64_t((params.walkers + perBlock - 1) / perBlock);
    const unsigned workers = workerCount(blocks, control);
    const double binBytes = 8.0 * double(2 * sim.passage.bins.bins() + 2 * sim.timePositive.bins.bins());
    const double pathBytes = 8.0 * double(params.paths) * double(sim.pathTimes.size());
    if (Errors e = checkMemory(binBytes * (workers + 1) + pathBytes, "the time histograms of every thread and the kept paths",
                               "keep fewer paths");
        !e.empty())
        return std::unexpected(std::move(e));
    sim.paths.assign(std::size_t(params.paths), std::vector<std::int64_t>(sim.pathTimes.size(), 0));

    PerWorker<Tally> tallies(workers);
    for (Tally& tally : tallies) {
        tally.passage.assign(sim.passage.bins.bins(), 0);
        tally.firstReturn.assign(sim.firstReturn.bins.bins(), 0);
        tally.timePositive.assign(sim.timePositive.bins.bins(), 0);
        tally.lastZero.assign(sim.lastZero.bins.bins(), 0);
    }
    control.setTotalWork(std::uint64_t(params.walkers) * std::uint64_t(n));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block);
        detail::StepSampler1D sampler(engine, params.p, params.q);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.walkers, first + perBlock);
        WorkMeter meter(control);
        Tally& tally = tallies[worker];
        bool cancelled = false;
        for (std::int64_t walker = first; walker < last && !cancelled; ++walker) {
            auto* path = walker < params.paths ? &sim.paths[std::size_t(walker)] : nullptr;
            const WalkerRecord w = walk(sampler, params, sim.pathTimes, path, meter, cancelled);
            if (w.passage > 0)
                ++tally.passage[sim.passage.bins.index(w.passage)];
            else
                ++tally.notArrived;
            if (w.firstReturn > 0)
                ++tally.firstReturn[sim.firstReturn.bins.index(w.firstReturn)];
            else
                ++tally.notReturned;
            ++tally.timePositive[sim.timePositive.bins.index(w.positive)];
            ++tally.lastZero[sim.lastZero.bins.index(w.lastZero)];
            tally.returns.add(w.returns);
            tally.maximum.add(w.maximum);
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");

    sim.passage.counts.assign(sim.passage.bins.bins(), 0);
    sim.firstReturn.counts.assign(sim.firstReturn.bins.bins(), 0);
    sim.timePositive.counts.assign(sim.timePositive.bins.bins(), 0);
    sim.lastZero.counts.assign(sim.lastZero.bins.bins(), 0);
    auto add = [](std::vector<std::uint64_t>& total, const std::vector<std::uint64_t>& part) {
        for (std::size_t i = 0; i < total.size(); ++i)
            total[i] += part[i];
    };
    for (const Tally& tally : tallies) {
        add(sim.passage.counts, tally.passage);
        add(sim.firstReturn.counts, tally.firstReturn);
        add(sim.timePositive.counts, tally.timePositive);
        add(sim.lastZero.counts, tally.lastZero);
        sim.passage.notArrived += tally.notArrived;
        sim.firstReturn.notArrived += tally.notReturned;
        sim.returns.merge(tally.returns);
        sim.maximum.merge(tally.maximum);
    }
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
