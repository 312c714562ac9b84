#include "core/process/IndependentThinning.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/process/PoissonLimits.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/random/BlockScheduler.h"
#include "core/random/PerWorker.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {


// Exact sums of products of counts: M·(λT)² can exceed 2^64, never 2^127.
__extension__ typedef unsigned __int128 Wide;

struct Partial {
    IntegerHistogram kept, removed;
    Wide sumProducts = 0;
};

}  // namespace

Errors validate(const IndependentThinningParams& p)
{
    ParameterCheck check;
    check.positive("rate", p.rate, kMaxPoissonRate, "10^6");
    check.between("keep", p.keep, 0, 1, "0", "1");
    check.positive("horizon", p.horizon, kMaxPoissonTime, "10^6");
    if (check.ok("rate") && check.ok("horizon") && p.rate * p.horizon > kMaxMeanEvents)
        check.bad("horizon", formatNumber(p.horizon),
                  "at most 10^9 / rate = " + formatSignificant(kMaxMeanEvents / p.rate, 6)
                      + " (rate × horizon is the mean number of events per realisation, at most 10^9)");
    check.repetitions("realisations", p.realisations);
    check.paths(p.paths, p.realisations, "realisations");
    return check.take();
}

Expected<IndependentThinningSimulation> simulateIndependentThinning(const IndependentThinningParams& params,
                                                                    RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const double mean = params.rate * params.horizon;
    const double likely = mean + 10 * std::sqrt(mean) + 10;
    const std::int64_t perBlock = detail::realisationsPerBlock(mean + 1);
    const std::uint64_t blocks = std::uint64_t((params.realisations + perBlock - 1) / perBlock);
    const unsigned workers = workerCount(blocks, control);

    IndependentThinningSimulation sim;
    sim.sampleRealisations = std::min<std::int64_t>(
        params.realisations,
        std::int64_t(std::max(1.0, std::ceil(double(kMaxPoissonSample) / (params.keep * mean + 1)))));
    if (Errors e = detail::checkWork(double(params.realisations) * (mean + 1),
                                     "realisations × (rate × horizon + 1)", "lower realisations, rate or horizon");
        !e.empty())
        return std::unexpected(std::move(e));
    const double bytes = 9.0 * double(params.paths) * std::min(double(kMaxPathArrivals), likely)
                         + detail::sampleBytes(double(sim.sampleRealisations) * (params.keep * mean + 1));
    if (Errors e = checkMemory(bytes, "kept paths and samples", "lower paths"); !e.empty())
        return std::unexpected(std::move(e));

    sim.arrivals.resize(std::size_t(params.paths));
    sim.keptFlags.resize(std::size_t(params.paths));
    sim.pathCounts.assign(std::size_t(params.paths), 0);
    std::vector<std::vector<double>> blockKept(blocks);
    PerWorker<Partial> partial(workers);
    // U < p with U on [0, 1) in steps of 2^-53: p = 1 always keeps, p = 0 never does.
    const double keep = params.keep;
    const double invRate = 1.0 / params.rate;
    control.setTotalWork(std::uint64_t(double(params.realisations) * (mean + 1)));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, 5);
        detail::UnitExponential unitExp;
        WorkMeter meter(control);
        Partial& acc = partial[worker];
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.realisations, first + perBlock);
        for (std::int64_t i = first; i < last; ++i) {
            std::vector<double>* path = i < params.paths ? &sim.arrivals[std::size_t(i)] : nullptr;
            std::vector<double>* sample = i < sim.sampleRealisations ? &blockKept[block] : nullptr;
            std::int64_t kept = 0, removed = 0;
            double t = 0;
            for (;;) {
                t += unitExp(engine) * invRate;
                if (t > params.horizon)
                    break;
                const bool k = detail::uniform01(engine) < keep;
                kept += k;
                removed += !k;
                if (k && sample)
                    detail::keepCapped(*sample, t);
                if (path && std::int64_t(path->size()) < kMaxPathArrivals) {
                    path->push_back(t);
                    sim.keptFlags[std::size_t(i)].push_back(k ? 1 : 0);
                }
                if (!meter.tick())
                    return;
            }
            acc.kept.add(kept);
            acc.removed.add(removed);
            acc.sumProducts += Wide(std::uint64_t(kept)) * Wide(std::uint64_t(removed));
            if (path)
                sim.pathCounts[std::size_t(i)] = kept + removed;
            if (!meter.tick())
                return;
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    Wide products = 0;
    for (const auto& p : partial) {
        sim.kept.merge(p.kept);
        sim.removed.merge(p.removed);
        products += p.sumProducts;
    }
    const double m = double(params.realisations);
    if (params.realisations >= 2)
        sim.covariance = (double(products) - m * sim.kept.mean() * sim.removed.mean()) / (m - 1);
    sim.keptTimes = detail::concatenate(blockKept, sim.keptTimesTruncated);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

IndependentThinningFits fitIndependentThinning(const IndependentThinningParams& params,
                                               const IndependentThinningSimulation& sim)
{
    IndependentThinningFits fits;
    const double mean = params.rate * params.horizon;
    fits.kept = poissonCountsFit(sim.kept, params.keep * mean);
    fits.removed = poissonCountsFit(sim.removed, (1 - params.keep) * mean);
    const double horizon = params.horizon;
    if (!sim.keptTimesTruncated)
        fits.keptTimes = kolmogorovSmirnovTest(sim.keptTimes, [horizon](double t) { return std::clamp(t / horizon, 0.0, 1.0); });
    const double sd = std::sqrt(sim.kept.variance() * sim.removed.variance());
    fits.correlation = sd > 0 ? sim.covariance / sd : 0.0;
    fits.correlationStandardError = 1.0 / std::sqrt(double(std::max<std::uint64_t>(sim.kept.total(), 1)));
    return fits;
}

}  // namespace walklab::core
