#include "core/process/PoissonProcess.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/process/PoissonLimits.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/random/BlockScheduler.h"
#include "core/random/PerWorker.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"

#include <boost/random/poisson_distribution.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxArrival = 1'000'000;

double meanEvents(const PoissonParams& p) { return p.rate * p.horizon; }

/// A generous bound on N(T) for buffer sizes: λT + 10√(λT) + 10.
double likelyMaxEvents(double mean) { return mean + 10 * std::sqrt(mean) + 10; }

std::int64_t gapRealisations(const PoissonParams& p)
{
    const double per = std::ceil(double(kMaxPoissonSample) / (meanEvents(p) + 1));
    return std::min<std::int64_t>(p.realisations, std::int64_t(std::max(1.0, per)));
}

/// What one realisation must record besides its count.
struct Needs {
    bool sample = false;  ///< first arrival, S_k and the crossing gap (i < sampleRealisations)
    bool gaps = false;    ///< all interarrival times (i < gapRealisations)
    bool path = false;    ///< arrival times for display (i < paths)
};

/// One realisation's outcome.
struct Outcome {
    std::int64_t count = 0;
    double first = 0;  ///< S_1 (only when Needs::sample)
    double kth = 0;    ///< S_k (only when Needs::sample)
};

/// Per-block state of a simulation: the block's engine and the samplers built once per block.
class RealisationSampler {
public:
    RealisationSampler(const PoissonParams& p, Engine& engine, std::vector<double>& buffer)
        : m_p(p), m_engine(engine), m_buffer(buffer), m_invRate(1.0 / p.rate),
          m_poisson(meanEvents(p))
    {
    }

    /// Simulates one realisation; returns false when cancelled midway.
    bool run(const Needs& needs, Outcome& out, std::vector<double>* gaps, std::vector<double>* path,
             WorkMeter& meter)
    {
        return m_p.method == PoissonMethod::ExponentialGaps ? runGaps(needs, out, gaps, path, meter)
                                                            : runOrder(needs, out, gaps, path, meter);
    }

private:
    double exponential() { return m_unitExp(m_engine) * m_invRate; }

    /// Continues from the (n+1)-th arrival at time t to the k-th (k > n + 1 is possible).
    double continueTo(std::int64_t reached, double t)
    {
        for (; reached < m_p.arrival; ++reached)
            t += exponential();
        return t;
    }

    /// Adds arrivals from unit time t (the unit-exponential partial sum reached) while they stay
    /// ≤ end = λT, counting them in n; leaves t at the first sum beyond end. Buffered spans of
    /// variates summed by detail::addWhileAtMost() (the same additions at every CpuLevel); their
    /// interarrival times, the crossing one included, go to `gaps` when given. Returns false when
    /// cancelled.
    bool countUntil(double& t, double end, std::int64_t& n, std::vector<double>* gaps, WorkMeter& meter)
    {
        for (;;) {
            const std::span<const double> x = m_unitExp.next(m_engine);
            const std::size_t i = detail::addWhileAtMost(t, x.data(), x.size(), end, m_level);
            const std::size_t used = std::min(i + 1, x.size());
            n += std::int64_t(i);
            if (gaps)
                detail::keepCapped(*gaps, x.first(used), m_invRate);
            if (i < x.size()) {  // x[i] crossed end: the rest stays for the next draws
                m_unitExp.unread(x.size() - used);
                return meter.add(used);
            }
            if (!meter.add(used))
                return false;
        }
    }

    /// Arrivals in unit time: S_i = (X'_1 + … + X'_i)/λ with X'_i unit exponentials, counted while
    /// the sum is ≤ λT. Arrivals are visited one by one while S_1, S_k or a path point is still to
    /// record, then counted by countUntil().
    bool runGaps(const Needs& needs, Outcome& out, std::vector<double>* gaps, std::vector<double>* path,
                 WorkMeter& meter)
    {
        const double end = m_p.rate * m_p.horizon;
        const std::int64_t k = needs.sample ? m_p.arrival : 0;
        const std::int64_t pathEnd = path ? kMaxPathArrivals : 0;
        std::int64_t n = 0;
        double t = 0;
        out.first = out.kth = std::numeric_limits<double>::quiet_NaN();
        bool crossed = false;
        while (n < k || n < pathEnd) {
            const double x = m_unitExp(m_engine);
            t += x;
            if (gaps)
                detail::keepCapped(*gaps, x * m_invRate);
            if (t > end) {
                crossed = true;
                break;
            }
            ++n;
            if (n == 1)
                out.first = t * m_invRate;
            if (n == k)
                out.kth = t * m_invRate;
            if (path)
                path->push_back(t * m_invRate);
            if (!meter.tick())
                return false;
        }
        if (!crossed && !countUntil(t, end, n, gaps, meter))
            return false;
        // t = λ·S_{n+1}, the first arrival after T.
        out.count = n;
        if (!needs.sample)
            return true;
        if (n == 0)
            out.first = t * m_invRate;
        if (n < k)
            out.kth = continueTo(n + 1, t * m_invRate);
        return meter.tick();
    }

    bool runOrder(const Needs& needs, Outcome& out, std::vector<double>* gaps, std::vector<double>* path,
                  WorkMeter& meter)
    {
        const std::int64_t n = m_poisson(m_engine);
        out.count = n;
        if (!needs.sample)
            return meter.add(std::uint64_t(n) + 1);
        const double horizon = m_p.horizon;
        const std::int64_t k = m_p.arrival;
        m_buffer.resize(std::size_t(n));
        for (std::int64_t i = 0; i < n; ++i) {
            m_buffer[std::size_t(i)] = detail::uniform01(m_engine) * horizon;
            if (!meter.tick())
                return false;
        }
        // The first arrival after T: by memorylessness T plus a fresh Exponential(λ).
        const double crossing = horizon + exponential();
        if (gaps || path) {
            std::sort(m_buffer.begin(), m_buffer.end());
            double previous = 0;
            for (std::int64_t i = 0; i < n; ++i) {
                const double s = m_buffer[std::size_t(i)];
                if (gaps)
                    detail::keepCapped(*gaps, s - previous);
                if (path && i < kMaxPathArrivals)
                    path->push_back(s);
                previous = s;
            }
            if (gaps)
                detail::keepCapped(*gaps, crossing - previous);
        } else if (k <= n) {
            std::nth_element(m_buffer.begin(), m_buffer.begin() + (k - 1), m_buffer.end());
        }
        if (n == 0) {
            out.first = crossing;
        } else {
            const auto end = (gaps || path) ? m_buffer.begin() + 1 : m_buffer.begin() + std::min(k, n);
            out.first = *std::min_element(m_buffer.begin(), end);
        }
        out.kth = k <= n ? m_buffer[std::size_t(k - 1)] : continueTo(n + 1, crossing);
        return meter.tick();
    }

    const PoissonParams& m_p;
    Engine& m_engine;
    std::vector<double>& m_buffer;
    double m_invRate;
    detail::UnitExponential m_unitExp;
    CpuLevel m_level = activeCpuLevel();
    boost::random::poisson_distribution<std::int64_t, double> m_poisson;
};

}  // namespace

Errors validate(const PoissonParams& p)
{
    ParameterCheck check;
    check.positive("rate", p.rate, kMaxPoissonRate, "10^6");
    check.positive("horizon", p.horizon, kMaxPoissonTime, "10^6");
    if (check.ok("rate") && check.ok("horizon") && meanEvents(p) > kMaxMeanEvents)
        check.bad("horizon", formatNumber(p.horizon),
                  "at most 10^9 / rate = " + formatSignificant(kMaxMeanEvents / p.rate, 6)
                      + " (rate × horizon is the mean number of events per realisation, at most 10^9)");
    check.repetitions("realisations", p.realisations);
    check.count("arrival", p.arrival, 1, kMaxArrival, "1", "10^6");
    check.between("memoryTime", p.memoryTime, 0, kMaxPoissonTime, "0", "10^6");
    if (p.method != PoissonMethod::ExponentialGaps && p.method != PoissonMethod::OrderStatistics)
        check.bad("method", std::to_string(int(p.method)), "one of gaps, order-statistics");
    check.paths(p.paths, p.realisations, "realisations");
    return check.take();
}

double memoryNeeded(const PoissonParams& p, unsigned workers)
{
    const double mean = meanEvents(p);
    const double sample = double(std::min(p.realisations, kMaxPoissonSample));
    // S_k and S_1 per sample realisation, the residual waits, and the KS copies of S_k and of them.
    double bytes = 8.0 * (double(p.paths) * std::min(double(kMaxPathArrivals), likelyMaxEvents(mean)) + 5.0 * sample)
                   + detail::sampleBytes(double(gapRealisations(p)) * (mean + 1));
    if (p.method == PoissonMethod::OrderStatistics)
        bytes += 8.0 * double(workers) * likelyMaxEvents(mean);
    return bytes;
}

Expected<PoissonSimulation> simulatePoisson(const PoissonParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();

    const double mean = meanEvents(params);
    if (Errors e = detail::checkWork(double(params.realisations) * (mean + 1),
                                     "realisations × (rate × horizon + 1)", "lower realisations, rate or horizon");
        !e.empty())
        return std::unexpected(std::move(e));
    const std::int64_t perBlock =
        detail::realisationsPerBlock(std::max(mean, double(params.arrival)) + 1);
    const std::uint64_t blocks = std::uint64_t((params.realisations + perBlock - 1) / perBlock);
    // Task 0 makes the room for the interarrival sample beside the first blocks (when the sample
    // is large and there are blocks to run beside it); task b + room is block b.
    const double gapValues = likelyMaxEvents(double(gapRealisations(params)) * (mean + 1));
    const std::uint64_t room = blocks > 1 && gapValues >= double(1 << 16) ? 1 : 0;
    const unsigned workers = workerCount(blocks + room, control);
    if (Errors e = checkMemory(memoryNeeded(params, workers),
                               params.method == PoissonMethod::OrderStatistics
                                   ? "the order statistics hold about rate × horizon arrival times per thread"
                                   : "kept paths and samples",
                               params.method == PoissonMethod::OrderStatistics
                                   ? "lower rate × horizon or use the exponential-gaps method"
                                   : "lower paths");
        !e.empty())
        return std::unexpected(std::move(e));

    PoissonSimulation sim;
    sim.gapRealisations = gapRealisations(params);
    sim.sampleRealisations = std::min(params.realisations, kMaxPoissonSample);
    sim.arrivals.resize(std::size_t(params.paths));
    sim.pathCounts.assign(std::size_t(params.paths), 0);
    sim.kthArrivals.assign(std::size_t(sim.sampleRealisations), 0.0);
    std::vector<double> firsts(std::size_t(sim.sampleRealisations), 0.0);
    std::vector<std::vector<double>> blockGaps(blocks);
    PerWorker<IntegerHistogram> partial(workers);
    PerWorker<std::vector<double>> buffers(workers);
    if (params.method == PoissonMethod::OrderStatistics)
        for (auto& b : buffers)
            b.reserve(std::size_t(likelyMaxEvents(mean)));
    control.setTotalWork(std::uint64_t(double(params.realisations) * (mean + 1)));

    std::vector<double> gapRoom;
    sim.threads = runBlocks(blocks + room, control, [&](std::uint64_t task, unsigned worker) {
        if (task < room) {
            gapRoom = detail::concatenationRoom(gapValues);
            return;
        }
        const std::uint64_t block = task - room;
        Engine engine = makeStream(params.seed, block);
        RealisationSampler sampler(params, engine, buffers[worker]);
        WorkMeter meter(control);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.realisations, first + perBlock);
        if (first < sim.gapRealisations)  // one allocation for the block's gaps, not a doubling series
            blockGaps[block].reserve(std::size_t(
                std::min(double(kMaxPoissonSample), likelyMaxEvents(double(std::min(last, sim.gapRealisations) - first) * (mean + 1)))));
        for (std::int64_t i = first; i < last; ++i) {
            const Needs needs{i < sim.sampleRealisations, i < sim.gapRealisations, i < params.paths};
            Outcome out;
            std::vector<double>* gaps = needs.gaps ? &blockGaps[block] : nullptr;
            std::vector<double>* path = needs.path ? &sim.arrivals[std::size_t(i)] : nullptr;
            if (!sampler.run(needs, out, gaps, path, meter))
                return;
            partial[worker].add(out.count);
            if (needs.path)
                sim.pathCounts[std::size_t(i)] = out.count;
            if (needs.sample) {
                sim.kthArrivals[std::size_t(i)] = out.kth;
                firsts[std::size_t(i)] = out.first;
            }
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    for (const auto& h : partial)
        sim.counts.merge(h);
    sim.interarrivals = detail::concatenate(blockGaps, sim.interarrivalsTruncated, std::move(gapRoom));
    for (const double f : firsts)
        if (f > params.memoryTime)
            sim.residualWaits.push_back(f - params.memoryTime);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

PoissonFits fitPoisson(const PoissonParams& params, const PoissonSimulation& sim)
{
    PoissonFits fits;
    fits.counts = poissonCountsFit(sim.counts, params.rate * params.horizon);
    fits.interarrivals = exponentialFit(sim.interarrivals, params.rate);
    fits.kthArrivals = erlangFit(sim.kthArrivals, params.arrival, params.rate);
    fits.residualWaits = exponentialFit(sim.residualWaits, params.rate);
    return fits;
}

Errors validate(const PoissonCountingParams& p)
{
    ParameterCheck check;
    check.positive("rate", p.rate, kMaxPoissonRate, "10^6");
    check.between("windowStart", p.windowStart, 0, kMaxPoissonTime, "0", "10^6");
    check.positive("window", p.window, kMaxPoissonTime, "10^6");
    if (check.ok("rate") && check.ok("windowStart") && check.ok("window")
        && p.rate * (p.windowStart + p.window) > kMaxMeanEvents)
        check.bad("window", formatNumber(p.window),
                  "at most 10^9 / rate − windowStart = "
                      + formatSignificant(kMaxMeanEvents / p.rate - p.windowStart, 6)
                      + " (rate × (windowStart + window) is the mean number of events simulated, at most 10^9)");
    check.repetitions("repetitions", p.repetitions);
    return check.take();
}

Expected<PoissonCountingSimulation> simulatePoissonCounting(const PoissonCountingParams& params,
                                                            RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const double end = params.windowStart + params.window;
    const double mean = params.rate * end;
    if (Errors e = detail::checkWork(double(params.repetitions) * (mean + 1),
                                     "repetitions × (rate × (windowStart + window) + 1)",
                                     "lower repetitions, rate or window");
        !e.empty())
        return std::unexpected(std::move(e));
    const std::int64_t perBlock = detail::realisationsPerBlock(mean + 1);
    const std::uint64_t blocks = std::uint64_t((params.repetitions + perBlock - 1) / perBlock);
    PerWorker<IntegerHistogram> partial(workerCount(blocks, control));
    control.setTotalWork(std::uint64_t(double(params.repetitions) * (mean + 1)));
    const double invRate = 1.0 / params.rate;

    PoissonCountingSimulation sim;
    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, 1);
        detail::UnitExponential unitExp;
        WorkMeter meter(control);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.repetitions, first + perBlock);
        for (std::int64_t i = first; i < last; ++i) {
            double t = 0;
            std::int64_t inWindow = 0;
            for (;;) {
                t += unitExp(engine) * invRate;
                if (t > end)
                    break;
                inWindow += t > params.windowStart;
                if (!meter.tick())
                    return;
            }
            partial[worker].add(inWindow);
            if (!meter.tick())
                return;
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    for (const auto& h : partial)
        sim.counts.merge(h);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
