#include "core/process/Superposition.h"

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


/// Draws one process's arrivals in [0, T] into `times` (when given) and returns its count and
/// the first arrival after T.
struct Run {
    std::int64_t count = 0;
    double crossing = 0;
};

Run runProcess(Engine& engine, detail::UnitExponential& unitExp, double invRate, double horizon,
               std::vector<double>* times)
{
    Run r;
    double t = 0;
    for (;;) {
        t += unitExp(engine) * invRate;
        if (t > horizon)
            break;
        ++r.count;
        if (times)
            times->push_back(t);
    }
    r.crossing = t;
    return r;
}

}  // namespace

Errors validate(const SuperpositionParams& p)
{
    ParameterCheck check;
    check.positive("rate1", p.rate1, kMaxPoissonRate, "10^6");
    check.positive("rate2", p.rate2, kMaxPoissonRate, "10^6");
    check.positive("horizon", p.horizon, kMaxPoissonTime, "10^6");
    if (check.ok("rate1") && check.ok("rate2") && check.ok("horizon")
        && (p.rate1 + p.rate2) * p.horizon > kMaxMeanEvents)
        check.bad("horizon", formatNumber(p.horizon),
                  "at most 10^9 / (rate1 + rate2) = " + formatSignificant(kMaxMeanEvents / (p.rate1 + p.rate2), 6)
                      + " ((rate1 + rate2) × horizon is the mean number of events per realisation, at most 10^9)");
    check.repetitions("realisations", p.realisations);
    check.paths(p.paths, p.realisations, "realisations");
    return check.take();
}

Expected<SuperpositionSimulation> simulateSuperposition(const SuperpositionParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const double mean = (params.rate1 + params.rate2) * params.horizon;
    const double likely = mean + 10 * std::sqrt(mean) + 10;
    const std::int64_t perBlock = detail::realisationsPerBlock(mean + 2);
    const std::uint64_t blocks = std::uint64_t((params.realisations + perBlock - 1) / perBlock);
    const unsigned workers = workerCount(blocks, control);

    SuperpositionSimulation sim;
    sim.gapRealisations = std::min<std::int64_t>(
        params.realisations, std::int64_t(std::max(1.0, std::ceil(double(kMaxPoissonSample) / (mean + 1)))));
    if (Errors e = detail::checkWork(double(params.realisations) * (mean + 2),
                                     "realisations × ((rate1 + rate2) × horizon + 2)",
                                     "lower realisations, rates or horizon");
        !e.empty())
        return std::unexpected(std::move(e));
    const double bytes = 9.0 * double(params.paths) * std::min(double(kMaxPathArrivals), likely)
                         + detail::sampleBytes(double(sim.gapRealisations) * (mean + 1))
                         + 16.0 * double(workers) * likely;
    if (Errors e = checkMemory(bytes, "kept paths and samples", "lower paths"); !e.empty())
        return std::unexpected(std::move(e));

    sim.arrivals.resize(std::size_t(params.paths));
    sim.sources.resize(std::size_t(params.paths));
    sim.pathCounts.assign(std::size_t(params.paths), 0);
    std::vector<std::vector<double>> blockGaps(blocks);
    struct Partial {
        IntegerHistogram counts1, counts2, counts;
        std::vector<double> times1, times2;
    };
    PerWorker<Partial> partial(workers);
    const double inv1 = 1.0 / params.rate1, inv2 = 1.0 / params.rate2;
    control.setTotalWork(std::uint64_t(double(params.realisations) * (mean + 2)));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine1 = makeStream(params.seed, block, 3);
        Engine engine2 = makeStream(params.seed, block, 4);
        detail::UnitExponential exp1, exp2;
        WorkMeter meter(control);
        Partial& acc = partial[worker];
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.realisations, first + perBlock);
        for (std::int64_t i = first; i < last; ++i) {
            const bool path = i < params.paths, gaps = i < sim.gapRealisations;
            const bool keep = path || gaps;
            acc.times1.clear();
            acc.times2.clear();
            const Run a = runProcess(engine1, exp1, inv1, params.horizon, keep ? &acc.times1 : nullptr);
            const Run b = runProcess(engine2, exp2, inv2, params.horizon, keep ? &acc.times2 : nullptr);
            acc.counts1.add(a.count);
            acc.counts2.add(b.count);
            acc.counts.add(a.count + b.count);
            if (keep) {
                // Merge the two sorted lists, labelling each arrival with its source.
                std::size_t x = 0, y = 0;
                double previous = 0;
                std::vector<double>* times = path ? &sim.arrivals[std::size_t(i)] : nullptr;
                while (x < acc.times1.size() || y < acc.times2.size()) {
                    const bool fromOne = y == acc.times2.size() || (x < acc.times1.size() && acc.times1[x] < acc.times2[y]);
                    const double t = fromOne ? acc.times1[x++] : acc.times2[y++];
                    if (gaps)
                        detail::keepCapped(blockGaps[block], t - previous);
                    if (times && std::int64_t(times->size()) < kMaxPathArrivals) {
                        times->push_back(t);
                        sim.sources[std::size_t(i)].push_back(fromOne ? 1 : 2);
                    }
                    previous = t;
                }
                if (gaps)
                    detail::keepCapped(blockGaps[block], std::min(a.crossing, b.crossing) - previous);
                if (path)
                    sim.pathCounts[std::size_t(i)] = a.count + b.count;
            }
            if (!meter.add(std::uint64_t(a.count + b.count) + 2))
                return;
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    for (const auto& p : partial) {
        sim.counts1.merge(p.counts1);
        sim.counts2.merge(p.counts2);
        sim.counts.merge(p.counts);
    }
    sim.interarrivals = detail::concatenate(blockGaps, sim.interarrivalsTruncated);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

SuperpositionFits fitSuperposition(const SuperpositionParams& params, const SuperpositionSimulation& sim)
{
    SuperpositionFits fits;
    fits.counts1 = poissonCountsFit(sim.counts1, params.rate1 * params.horizon);
    fits.counts2 = poissonCountsFit(sim.counts2, params.rate2 * params.horizon);
    fits.counts = poissonCountsFit(sim.counts, (params.rate1 + params.rate2) * params.horizon);
    fits.interarrivals = exponentialFit(sim.interarrivals, params.rate1 + params.rate2);
    const double n1 = sim.counts1.mean() * double(sim.counts1.total());
    const double n = sim.counts.mean() * double(sim.counts.total());
    fits.sourceOneFraction = n > 0 ? n1 / n : 0.0;
    fits.sourceOneExpected = params.rate1 / (params.rate1 + params.rate2);
    return fits;
}

}  // namespace walklab::core
