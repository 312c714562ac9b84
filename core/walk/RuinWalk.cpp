#include "core/random/PerWorker.h"
#include "core/walk/RuinWalk.h"

#include "core/exact/GamblersRuin.h"
#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/detail/StepSampler1D.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxSteps = 1'000'000'000;
constexpr std::int64_t kChunk = std::int64_t(WorkMeter::kChunk);  // steps between cancellation checks

/// Exact sums of durations and their squares: up to 10^9 walkers × (10^9)² < 2^128.
__extension__ typedef unsigned __int128 WideCount;

bool isAbsorbing(const RuinParams& params)
{
    return params.barriers == Barriers::Absorbing;
}

/// Expected steps of one walker started at z: min(n, D_z), or n with reflecting barriers.
double walkerWork(const RuinParams& params, std::int64_t z)
{
    if (!isAbsorbing(params))
        return double(params.steps);
    return std::min(double(params.steps), expectedDuration(z, params.target, params.p, params.q));
}

/// One group of walkers started at the same capital, drawing from its own stream domain.
struct Group {
    std::int64_t capital = 0;
    std::int64_t walkers = 0;
    std::int64_t perBlock = 1;
    std::uint64_t firstBlock = 0;  ///< global index of its block 0
    int curve = -1;                ///< index in the ruin curve, −1 for the main run
};

/// What one worker thread counts; integer sums only, so merging is exact and order-free.
struct Tally {
    std::uint64_t ruined = 0, won = 0, unfinished = 0;
    std::vector<std::uint64_t> ruinDurations, winDurations;
    WideCount durationSum = 0, durationSquares = 0;
    std::vector<std::uint64_t> curveRuined, curveUnfinished;
    IntegerHistogram positions;
};

/// Walks one walker from `start` until absorption (absorbing barriers) or time n, taking
/// steps in bulk; records its position at the given times when `times` is set (after
/// absorption it stays at the barrier). Returns false when cancelled.
bool walk(detail::StepSampler1D& sampler, const RuinParams& params, std::int64_t start, WorkMeter& meter,
          const std::vector<std::int64_t>* times, std::vector<std::int64_t>* path, std::int64_t& x,
          std::int64_t& t)
{
    const std::int64_t a = params.target, n = params.steps;
    const bool absorbing = isAbsorbing(params);
    std::size_t next = 0;
    x = start;
    t = 0;
    auto record = [&] {
        for (; times && next < times->size() && (*times)[next] <= t; ++next)
            (*path)[next] = x;
    };
    record();
    while (t < n) {
        std::int64_t k = 1;
        if (x == 0 || x == a) {
            if (absorbing)
                break;
            // At a reflecting barrier a step that would leave is not taken.
            x = std::clamp<std::int64_t>(x + sampler.advance(1), 0, a);
        } else {
            // From x the walk reaches a barrier in no fewer than min(x, a − x) steps.
            k = std::min({x, a - x, n - t, kChunk});
            if (times && next < times->size())
                k = std::min(k, (*times)[next] - t);
            x += sampler.advance(k);
        }
        t += k;
        if (!meter.add(std::uint64_t(k)))
            return false;
        record();
    }
    if (times)
        std::fill(path->begin() + std::ptrdiff_t(next), path->end(), x);
    return true;
}

}  // namespace

std::vector<std::int64_t> ruinCurveCapitals(std::int64_t target)
{
    std::vector<std::int64_t> capitals;
    if (target <= 20) {
        for (std::int64_t z = 0; z <= target; ++z)
            capitals.push_back(z);
        return capitals;
    }
    for (std::int64_t j = 0; j <= 20; ++j)
        capitals.push_back(std::llround(double(j) * double(target) / 20));
    return capitals;
}

std::int64_t ruinCurveWalkers(std::int64_t walkers, std::int64_t target)
{
    return std::max<std::int64_t>(1, walkers / std::int64_t(ruinCurveCapitals(target).size()));
}

namespace {

/// Σ over the run's walkers of cost(z), z their starting capital.
template <class Cost>
double overWalkers(const RuinParams& params, Cost cost)
{
    double total = double(params.walkers) * cost(params.capital);
    if (isAbsorbing(params))
        for (std::int64_t z : ruinCurveCapitals(params.target))
            total += double(ruinCurveWalkers(params.walkers, params.target)) * cost(z);
    return total;
}

}  // namespace

double ruinWork(const RuinParams& params)
{
    return overWalkers(params, [&](std::int64_t z) { return walkerWork(params, z); });
}

double ruinCost(const RuinParams& params)
{
    const double a = double(params.target);
    return overWalkers(params, [&](std::int64_t z) {
        const double typical = isAbsorbing(params) ? std::min({double(z), a - double(z), a / 4}) : a / 4;
        const double bulk = std::clamp(typical, 1.0, double(kChunk));
        return walkerWork(params, z) * (1 + kRuinCallCost / bulk);
    });
}

Errors validate(const RuinParams& w)
{
    ParameterCheck check;
    check.count("target", w.target, 2, kMaxRuinTarget, "2", "10^6");
    if (check.ok("target")) {
        if (isAbsorbing(w))
            check.count("capital", w.capital, 1, w.target - 1, "1", "a − 1 = " + std::to_string(w.target - 1));
        else
            check.count("capital", w.capital, 0, w.target, "0", "a = " + std::to_string(w.target));
    }
    check.between("p", w.p, 0, 1, "0", "1");
    check.between("q", w.q, 0, 1, "0", "1");
    if (check.ok("p") && check.ok("q")) {
        if (w.p + w.q > 1 + 4 * std::numeric_limits<double>::epsilon())
            check.bad("q", formatNumber(w.q), "between 0 and 1 − p = " + formatSignificant(1 - w.p, 15) + " (p + q ≤ 1)");
        else if (w.p + w.q == 0)
            check.bad("q", formatNumber(w.q), "greater than 0 when p = 0 (the walker would never move)");
    }
    check.repetitions("walkers", w.walkers);
    check.count("steps", w.steps, 1, kMaxSteps, "1", "10^9");
    check.paths(w.paths, w.walkers, "walkers");
    Errors errors = check.take();
    if (errors.empty()) {
        const double cost = ruinCost(w);
        if (cost > kMaxRuinCost)
            errors.push_back(
                {ErrorKind::TooLarge, "walkers",
                 "the simulation would take about " + formatSignificant(ruinWork(w), 3) + " steps (walkers × "
                     + (isAbsorbing(w) ? "min(steps n, expected duration D_z = "
                                             + formatSignificant(expectedDuration(w.capital, w.target, w.p, w.q), 3)
                                             + "), ruin curve included"
                                       : std::string("steps n"))
                     + "), an estimated " + formatDuration(cost / kRuinCostPerSecond)
                     + " on 2 cores; the limit is about " + formatDuration(kMaxRuinCost / kRuinCostPerSecond)
                     + ": lower walkers, steps n or the target a"});
    }
    return errors;
}

Expected<RuinSimulation> simulateRuin(const RuinParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const bool absorbing = isAbsorbing(params);
    const std::int64_t a = params.target, n = params.steps;

    RuinSimulation sim;
    // Paths over a few mean durations (absorbing) or relaxation times a² (reflecting).
    const double span = absorbing ? 4 * expectedDuration(params.capital, a, params.p, params.q) : 2 * double(a) * double(a);
    const std::int64_t pathHorizon = std::int64_t(std::min(double(n), std::max(100.0, std::ceil(span))));
    sim.pathTimes = pathSampleTimes(pathHorizon);
    sim.paths.assign(std::size_t(params.paths), std::vector<std::int64_t>(sim.pathTimes.size(), 0));
    if (absorbing)
        sim.pathDurations.assign(std::size_t(params.paths), -1);

    std::vector<Group> groups{{params.capital, params.walkers, 1, 0, -1}};
    if (absorbing) {
        sim.durationBins = TimeBins::logarithmic(1, n);
        sim.curveCapitals = ruinCurveCapitals(a);
        sim.curveWalkers = ruinCurveWalkers(params.walkers, a);
        for (std::size_t j = 0; j < sim.curveCapitals.size(); ++j)
            groups.push_back({sim.curveCapitals[j], sim.curveWalkers, 1, 0, int(j)});
    }
    std::uint64_t blocks = 0;
    for (Group& g : groups) {
        g.perBlock = walkersPerBlock(std::max<std::int64_t>(1, std::llround(walkerWork(params, g.capital))));
        g.firstBlock = blocks;
        blocks += std::uint64_t((g.walkers + g.perBlock - 1) / g.perBlock);
    }
    control.setTotalWork(std::uint64_t(ruinWork(params)));

    const std::size_t bins = absorbing ? sim.durationBins.bins() : 0;
    PerWorker<Tally> tallies(workerCount(blocks, control));
    for (Tally& t : tallies) {
        t.ruinDurations.assign(bins, 0);
        t.winDurations.assign(bins, 0);
        t.curveRuined.assign(sim.curveCapitals.size(), 0);
        t.curveUnfinished.assign(sim.curveCapitals.size(), 0);
    }

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        const auto group = std::prev(std::upper_bound(groups.begin(), groups.end(), block,
                                                      [](std::uint64_t b, const Group& g) { return b < g.firstBlock; }));
        const std::uint64_t local = block - group->firstBlock;
        Engine engine = makeStream(params.seed, local, std::uint32_t(group->curve + 1));
        detail::StepSampler1D sampler(engine, params.p, params.q);
        WorkMeter meter(control);
        Tally& tally = tallies[worker];
        const std::int64_t first = std::int64_t(local) * group->perBlock;
        const std::int64_t last = std::min(group->walkers, first + group->perBlock);
        for (std::int64_t w = first; w < last; ++w) {
            const bool kept = group->curve < 0 && w < params.paths;
            std::int64_t x = 0, t = 0;
            if (!walk(sampler, params, group->capital, meter, kept ? &sim.pathTimes : nullptr,
                      kept ? &sim.paths[std::size_t(w)] : nullptr, x, t))
                return;
            const bool finished = x == 0 || x == a;
            if (!absorbing) {
                tally.positions.add(x);
            } else if (group->curve >= 0) {
                tally.curveRuined[std::size_t(group->curve)] += x == 0;
                tally.curveUnfinished[std::size_t(group->curve)] += !finished;
            } else {
                if (kept)
                    sim.pathDurations[std::size_t(w)] = finished ? t : -1;
                tally.durationSum += std::uint64_t(t);
                tally.durationSquares += WideCount(std::uint64_t(t)) * std::uint64_t(t);
                if (!finished) {
                    ++tally.unfinished;
                    continue;
                }
                const std::size_t bin = sim.durationBins.index(t);
                ++(x == 0 ? tally.ruined : tally.won);
                ++(x == 0 ? tally.ruinDurations : tally.winDurations)[bin];
            }
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");

    WideCount sum = 0, squares = 0;
    sim.ruinDurations.assign(bins, 0);
    sim.winDurations.assign(bins, 0);
    sim.curveRuined.assign(sim.curveCapitals.size(), 0);
    sim.curveUnfinished.assign(sim.curveCapitals.size(), 0);
    for (const Tally& t : tallies) {
        sim.ruined += t.ruined;
        sim.won += t.won;
        sim.unfinished += t.unfinished;
        sum += t.durationSum;
        squares += t.durationSquares;
        for (std::size_t i = 0; i < bins; ++i) {
            sim.ruinDurations[i] += t.ruinDurations[i];
            sim.winDurations[i] += t.winDurations[i];
        }
        for (std::size_t j = 0; j < sim.curveCapitals.size(); ++j) {
            sim.curveRuined[j] += t.curveRuined[j];
            sim.curveUnfinished[j] += t.curveUnfinished[j];
        }
        sim.positions.merge(t.positions);
    }
    if (absorbing) {
        // Sample variance from exact integer sums: (M·Σt² − (Σt)²) / (M(M − 1)).
        const auto m = WideCount(params.walkers);
        sim.durationMean = double(sum) / double(m);
        if (params.walkers > 1)
            sim.durationStandardError =
                std::sqrt(double(m * squares - sum * sum) / (double(m) * double(m - 1)) / double(m));
        for (std::uint64_t ruined : sim.curveRuined) {
            const double f = double(ruined) / double(sim.curveWalkers);
            sim.curveRuinFraction.push_back(f);
            sim.curveStandardError.push_back(std::sqrt(f * (1 - f) / double(sim.curveWalkers)));
        }
    }
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
