#include "core/process/NonHomogeneousPoisson.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/process/CumulativeIntensity.h"
#include "core/process/PoissonLimits.h"
#include "core/process/RateFunction.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/random/BlockScheduler.h"
#include "core/random/PerWorker.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxGridPoints = 10001;
constexpr int kPieces = 256;
constexpr int kPointsPerPiece = 16;  // sub-intervals: 17 points per piece
constexpr int kScanPoints = kPieces * kPointsPerPiece + 1;  // checkRate()'s default grid
static_assert(kScanPoints == kRateScanPoints);
constexpr double kHeadroom = 1.1;
constexpr double kZeroPieceFloor = 1e-3;
/// The largest estimated error of Λ(t)/Λ(T) under which the arrival times are KS-tested: far
/// below the test's resolution 1/√n for any sample of at most kMaxPoissonSample = 2^22 times.
constexpr double kCdfTolerance = 1e-6;

struct Majorant {
    std::vector<double> edges, rates;
    double total = 0;  ///< Λ*(T) = Σ λ*_j · length_j
};

/// The dominating rate: rateBound on all of [0, T], or (rateBound = 0) per piece 1.1 × the
/// largest λ the scan saw in it, at its grid times or at a refined peak.
Majorant buildMajorant(const RateScan& scan, double horizon, double rateBound)
{
    Majorant m;
    if (rateBound > 0) {
        m.edges = {0.0, horizon};
        m.rates = {rateBound};
    } else {
        std::vector<double> top(kPieces, 0.0);
        for (int j = 0; j < kPieces; ++j)
            for (int i = 0; i <= kPointsPerPiece; ++i)
                top[std::size_t(j)] = std::max(top[std::size_t(j)], scan.values[std::size_t(j * kPointsPerPiece + i)]);
        for (const RatePeak& peak : scan.peaks) {
            const std::size_t j = std::min(std::size_t(kPieces - 1), std::size_t(peak.time / horizon * kPieces));
            top[j] = std::max(top[j], peak.value);
        }
        for (int j = 0; j < kPieces; ++j) {
            m.edges.push_back(horizon * double(j) / kPieces);
            m.rates.push_back(std::min(kHeadroom * top[std::size_t(j)], kHeadroom * kMaxPoissonRate));
        }
        m.edges.push_back(horizon);
        // A floor of 10⁻³ of the largest bound keeps a few candidates in pieces where the grid
        // saw λ = 0, so that a bump between grid points there is still checked.
        const double floor = kZeroPieceFloor * *std::max_element(m.rates.begin(), m.rates.end());
        for (double& r : m.rates)
            r = std::max(r, floor);
    }
    for (std::size_t j = 0; j < m.rates.size(); ++j)
        m.total += m.rates[j] * (m.edges[j + 1] - m.edges[j]);
    return m;
}

/// The worst thing a candidate met: λ above the bound, below 0, or not finite.
struct Violation {
    bool found = false;
    double time = 0, value = 0, bound = 0;
};

}  // namespace

Errors validate(const NonHomogeneousPoissonParams& p)
{
    ParameterCheck check;
    check.positive("horizon", p.horizon, kMaxPoissonTime, "10^6");
    check.repetitions("realisations", p.realisations);
    check.count("gridPoints", p.gridPoints, 2, kMaxGridPoints, "2", "10001");
    if (!(p.rateBound == 0 || (std::isfinite(p.rateBound) && p.rateBound > 0 && p.rateBound <= kMaxPoissonRate)))
        check.bad("rateBound", formatNumber(p.rateBound), "0 (automatic) or greater than 0 and at most 10^6");
    check.paths(p.paths, p.realisations, "realisations");
    Errors errors = check.take();

    auto rate = RateFunction::parse(p.rate, "rate");
    if (!rate) {
        errors.insert(errors.end(), rate.error().begin(), rate.error().end());
        return errors;
    }
    if (!std::isfinite(p.horizon) || p.horizon <= 0 || p.horizon > kMaxPoissonTime)
        return errors;
    const auto scan = checkRate(*rate, p.horizon, "rate");
    if (!scan) {
        errors.insert(errors.end(), scan.error().begin(), scan.error().end());
        return errors;
    }
    if (scan->maxRate * p.horizon > kMaxMeanEvents)
        errors.push_back({ErrorKind::InvalidParameter, "horizon",
                          "horizon = " + formatNumber(p.horizon) + ": must be at most 10^9 / max λ = "
                              + formatSignificant(kMaxMeanEvents / scan->maxRate, 6)
                              + " (max λ × horizon bounds the mean number of events, at most 10^9)"});
    if (p.rateBound > 0 && p.rateBound <= kMaxPoissonRate && p.rateBound < scan->maxRate)
        errors.push_back({ErrorKind::InvalidParameter, "rateBound",
                          "rateBound = " + formatNumber(p.rateBound) + ": must be 0 (automatic) or at least max λ = "
                              + formatSignificant(scan->maxRate, 6) + " (reached at t = "
                              + formatSignificant(scan->maxTime, 6) + ") and at most 10^6"});
    return errors;
}

Expected<NonHomogeneousPoissonSimulation> simulateNonHomogeneousPoisson(const NonHomogeneousPoissonParams& params,
                                                                        RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const RateFunction rate = *RateFunction::parse(params.rate, "rate");
    const double horizon = params.horizon;

    NonHomogeneousPoissonSimulation sim;
    const std::size_t grid = std::size_t(params.gridPoints);
    const double step = horizon / double(grid - 1);
    sim.gridTimes.resize(grid);
    sim.cumulativeRate.resize(grid);
    sim.intensity = std::make_shared<const CumulativeIntensity>(rate, horizon);
    const CumulativeIntensity& intensity = *sim.intensity;
    for (std::size_t j = 0; j < grid; ++j) {
        sim.gridTimes[j] = j + 1 == grid ? horizon : double(j) * step;
        sim.cumulativeRate[j] = intensity(sim.gridTimes[j]);
    }
    const double meanEvents = intensity.total();
    const auto scan = checkRate(rate, horizon, "rate", kScanPoints);
    if (!scan)
        return std::unexpected(scan.error());
    const Majorant majorant = buildMajorant(*scan, horizon, params.rateBound);
    sim.boundEdges = majorant.edges;
    sim.boundRates = majorant.rates;

    const std::int64_t perBlock = detail::realisationsPerBlock(majorant.total + 1);
    const std::uint64_t blocks = std::uint64_t((params.realisations + perBlock - 1) / perBlock);
    const unsigned workers = workerCount(blocks, control);
    const double likely = meanEvents + 10 * std::sqrt(meanEvents) + 10;
    sim.sampleRealisations = std::min<std::int64_t>(
        params.realisations, std::int64_t(std::max(1.0, std::ceil(double(kMaxPoissonSample) / (meanEvents + 1)))));
    if (Errors e = detail::checkWork(double(params.realisations) * (majorant.total + 1),
                                     "realisations × (candidates per realisation + 1)",
                                     "lower realisations or horizon, or a tighter rateBound");
        !e.empty())
        return std::unexpected(std::move(e));
    const double bytes = 8.0 * (double(params.paths) * std::min(double(kMaxPathArrivals), likely)
                                + double(workers + 2) * double(grid))
                         + detail::sampleBytes(double(sim.sampleRealisations) * likely);
    if (Errors e = checkMemory(bytes, "kept paths and samples", "lower paths"); !e.empty())
        return std::unexpected(std::move(e));

    sim.arrivals.resize(std::size_t(params.paths));
    sim.pathCounts.assign(std::size_t(params.paths), 0);
    std::vector<std::vector<double>> blockArrivals(blocks);
    PerWorker<IntegerHistogram> partial(workers);
    PerWorker<std::vector<std::uint64_t>> binCounts(workers, std::vector<std::uint64_t>(grid, 0));
    PerWorker<std::uint64_t> candidates(workers, 0);
    PerWorker<RateFunction> rates(workers, rate);
    PerWorker<Violation> violations(workers);
    std::atomic<bool> violated{false};
    std::vector<double> invRates(majorant.rates.size());
    for (std::size_t j = 0; j < invRates.size(); ++j)
        invRates[j] = majorant.rates[j] > 0 ? 1.0 / majorant.rates[j] : 0.0;
    const std::size_t pieces = majorant.rates.size();
    control.setTotalWork(std::uint64_t(double(params.realisations) * (majorant.total + 1)));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, 2);
        detail::UnitExponential unitExp;
        WorkMeter meter(control);
        const RateFunction& lambda = rates[worker];
        Violation& violation = violations[worker];
        auto& bins = binCounts[worker];
        std::uint64_t proposed = 0;
        bool stop = false;
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.realisations, first + perBlock);
        for (std::int64_t i = first; i < last && !stop && !violated.load(std::memory_order_relaxed); ++i) {
            std::vector<double>* path = i < params.paths ? &sim.arrivals[std::size_t(i)] : nullptr;
            std::vector<double>* sample = i < sim.sampleRealisations ? &blockArrivals[block] : nullptr;
            std::int64_t n = 0;
            double t = 0;
            std::size_t j = 0;
            while (j < pieces) {
                const double bound = majorant.rates[j];
                const double edge = majorant.edges[j + 1];
                if (bound <= 0) {
                    t = edge;
                    ++j;
                    continue;
                }
                t += unitExp(engine) * invRates[j];
                if (t >= edge) {  // memoryless restart of the next piece's clock at its edge
                    t = edge;
                    ++j;
                    continue;
                }
                ++proposed;
                const double v = lambda(t);
                if (!(v >= 0 && v <= bound)) {
                    const double excess = std::isfinite(v) ? std::abs(v) / bound : std::numeric_limits<double>::infinity();
                    if (!violation.found || excess > std::abs(violation.value) / violation.bound) {
                        violation = {true, t, v, bound};
                    }
                    violated.store(true, std::memory_order_relaxed);
                    break;
                }
                if (detail::uniform01(engine) * bound < v) {
                    ++n;
                    bins[std::min(grid - 1, std::size_t(std::ceil(t / step)))] += 1;
                    if (sample)
                        detail::keepCapped(*sample, t);
                    if (path && n <= kMaxPathArrivals)
                        path->push_back(t);
                }
                if (!meter.tick()) {
                    stop = true;
                    break;
                }
            }
            partial[worker].add(n);
            if (path)
                sim.pathCounts[std::size_t(i)] = n;
            stop = stop || !meter.tick();
        }
        candidates[worker] += proposed;
    });
    if (violated.load()) {
        Violation worst;
        for (const auto& v : violations)
            if (v.found && (!worst.found || std::abs(v.value) / v.bound > std::abs(worst.value) / worst.bound))
                worst = v;
        const std::string at = " at t = " + formatSignificant(worst.time, 6) + " (λ = " + detail::valueText(worst.value) + ")";
        const std::string where = "rate = " + params.rate + ": ";
        if (!std::isfinite(worst.value))
            return fail(ErrorKind::InvalidParameter, "rate", where + "not finite" + at + ", found while thinning");
        if (worst.value < 0)
            return fail(ErrorKind::InvalidParameter, "rate",
                        where + "negative" + at + ", found while thinning; the rate must be ≥ 0 on [0, T]");
        // The peak the candidate landed on, searched within a grid step of the scan on each side.
        const double reach = horizon / double(kScanPoints - 1);
        const RatePeak peak = localMaximum(rates[0], std::max(0.0, worst.time - reach),
                                           std::min(horizon, worst.time + reach), worst.time);
        const std::string advice = "λ reaches " + formatSignificant(peak.value, 6) + " near t = "
                                   + formatSignificant(peak.time, 6) + ": set rateBound to at least "
                                   + formatSignificant(suggestedBound(peak.value), 6);
        if (params.rateBound > 0)
            return fail(ErrorKind::InvalidParameter, "rateBound",
                        "rateBound = " + formatNumber(params.rateBound) + ": must be at least max λ on [0, T], but λ"
                            + " exceeds it" + at + "; " + advice);
        return fail(ErrorKind::InvalidParameter, "rateBound",
                    where + "exceeds the automatic thinning bound λ* = " + formatSignificant(worst.bound, 6) + at
                        + ", a peak the scan of λ at 4097 times missed; " + advice);
    }
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");

    for (const auto& h : partial)
        sim.counts.merge(h);
    std::vector<std::uint64_t> total(grid, 0);
    for (const auto& b : binCounts)
        for (std::size_t j = 0; j < grid; ++j)
            total[j] += b[j];
    sim.meanCounts.assign(grid, 0.0);
    std::uint64_t cumulative = 0;
    for (std::size_t j = 0; j < grid; ++j) {
        cumulative += total[j];
        sim.meanCounts[j] = double(cumulative) / double(params.realisations);
    }
    sim.accepted = cumulative;
    for (const auto c : candidates)
        sim.candidates += c;
    sim.arrivalTimes = detail::concatenate(blockArrivals, sim.arrivalTimesTruncated);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

Expected<NonHomogeneousPoissonFits> fitNonHomogeneousPoisson(const NonHomogeneousPoissonParams& params,
                                                            const NonHomogeneousPoissonSimulation& sim)
{
    auto rate = RateFunction::parse(params.rate, "rate");
    if (!rate)
        return std::unexpected(rate.error());
    const CumulativeIntensity lambda(*rate, params.horizon);  // the law of `params`, not the simulation's
    NonHomogeneousPoissonFits fits;
    fits.meanEvents = lambda.total();
    fits.cumulativeRateError = lambda.errorBound();
    // The table aims at 10⁻¹⁰ Λ(T); the KS test needs 10⁻⁶. A jump of λ stops the bisection at its
    // depth bound above the first but far below the second: accurate enough, though not converged().
    fits.cumulativeRateAccurate = lambda.finite() && lambda.errorBound() <= kCdfTolerance * lambda.total();
    fits.counts = poissonCountsFit(sim.counts, fits.meanEvents);
    if (fits.meanEvents > 0 && !sim.arrivalTimesTruncated && fits.cumulativeRateAccurate)
        fits.arrivalTimes = kolmogorovSmirnovTest(
            sim.arrivalTimes, [&](double t) { return lambda(t) / lambda.total(); });
    const double m = double(sim.counts.total());
    for (std::size_t j = 0; j < sim.gridTimes.size() && j < sim.meanCounts.size(); ++j) {
        const double exact = lambda(sim.gridTimes[j]);
        if (exact > 0 && m > 0)
            fits.meanCountDeviation =
                std::max(fits.meanCountDeviation, std::abs(sim.meanCounts[j] - exact) / std::sqrt(exact / m));
    }
    return fits;
}

}  // namespace walklab::core
