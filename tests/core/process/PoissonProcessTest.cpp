// The homogeneous Poisson process: both simulation methods against the exact laws over a grid
// of (λ, T), agreement of the two methods, power against a 5% error in λ, memorylessness,
// reproducibility across thread counts, a pinned seed, validation, memory refusal, cancellation,
// and the counting experiment.
#include "core/process/PoissonProcess.h"

#include "core/process/PoissonLimits.h"
#include "core/random/CpuLevel.h"
#include "tests/core/SimulationRun.h"

#include <boost/math/distributions/chi_squared.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

using namespace walklab::core;

namespace {

PoissonSimulation run(const PoissonParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulatePoisson, p, threads);
}

/// Pearson's test of homogeneity of two histograms (2 × K table, neighbouring values pooled
/// until each pooled column holds ≥ 20 observations); returns the p-value.
double homogeneity(const IntegerHistogram& a, const IntegerHistogram& b)
{
    const std::int64_t lo = std::min(a.minValue(), b.minValue()), hi = std::max(a.maxValue(), b.maxValue());
    std::vector<std::pair<double, double>> cols;
    double ca = 0, cb = 0;
    for (std::int64_t k = lo; k <= hi; ++k) {
        ca += double(a.count(k));
        cb += double(b.count(k));
        if (ca + cb >= 20) {
            cols.push_back({ca, cb});
            ca = cb = 0;
        }
    }
    if (ca + cb > 0) {
        cols.back().first += ca;
        cols.back().second += cb;
    }
    const double na = double(a.total()), nb = double(b.total()), n = na + nb;
    double x2 = 0;
    for (const auto& [oa, ob] : cols) {
        const double col = oa + ob;
        const double ea = col * na / n, eb = col * nb / n;
        x2 += (oa - ea) * (oa - ea) / ea + (ob - eb) * (ob - eb) / eb;
    }
    if (cols.size() < 2)
        return 1;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<>(double(cols.size() - 1)), x2));
}

struct GridCase {
    double rate, horizon;
    std::int64_t arrival;
    PoissonMethod method;
};

std::ostream& operator<<(std::ostream& os, const GridCase& c)
{
    return os << "λ = " << c.rate << ", T = " << c.horizon << ", k = " << c.arrival << ", "
              << (c.method == PoissonMethod::ExponentialGaps ? "gaps" : "order statistics");
}

class PoissonGrid : public testing::TestWithParam<GridCase> {};

PoissonParams gridParams(const GridCase& c)
{
    PoissonParams p;
    p.rate = c.rate;
    p.horizon = c.horizon;
    p.arrival = c.arrival;
    p.method = c.method;
    p.realisations = 40'000;
    p.memoryTime = 0.25 / c.rate;
    p.seed = 20261201;
    p.paths = 5;
    return p;
}

}  // namespace

// At a fixed seed each p-value is a fixed number; 10⁻⁴ leaves room for the ~60 tests of the grid
// while WrongRateIsRejected shows that the same sample sizes see λ off by 5%.
TEST_P(PoissonGrid, EveryQuantityFollowsItsExactLaw)
{
    const GridCase c = GetParam();
    const PoissonParams p = gridParams(c);
    const auto sim = run(p);
    const auto fits = fitPoisson(p, sim);
    EXPECT_EQ(sim.counts.total(), std::uint64_t(p.realisations));
    EXPECT_EQ(fits.counts.impossible, 0u);
    EXPECT_GT(fits.counts.pValue, 1e-4) << "N(T): X² = " << fits.counts.statistic;
    EXPECT_GT(fits.interarrivals.pValue, 1e-4) << "gaps: D = " << fits.interarrivals.statistic;
    EXPECT_GT(fits.kthArrivals.pValue, 1e-4) << "S_k: D = " << fits.kthArrivals.statistic;
    EXPECT_GT(fits.residualWaits.pValue, 1e-4) << "residual: D = " << fits.residualWaits.statistic;
    // Sample sizes as documented: all gaps of the first gapRealisations realisations.
    EXPECT_EQ(std::int64_t(sim.kthArrivals.size()), p.realisations);
    EXPECT_GT(sim.residualWaits.size(), 0.75 * double(p.realisations));  // e^{−0.25} ≈ 0.78
    EXPECT_EQ(sim.gapRealisations, p.realisations);
    EXPECT_GT(double(sim.interarrivals.size()), double(p.realisations) * (c.rate * c.horizon + 1) * 0.97);
}

INSTANTIATE_TEST_SUITE_P(
    Grid, PoissonGrid,
    testing::Values(GridCase{0.5, 2.0, 1, PoissonMethod::ExponentialGaps},
                    GridCase{0.5, 2.0, 1, PoissonMethod::OrderStatistics},
                    GridCase{2.0, 10.0, 5, PoissonMethod::ExponentialGaps},
                    GridCase{2.0, 10.0, 5, PoissonMethod::OrderStatistics},
                    GridCase{3.0, 1.0, 8, PoissonMethod::ExponentialGaps},   // k beyond λT: S_k after T
                    GridCase{3.0, 1.0, 8, PoissonMethod::OrderStatistics},
                    GridCase{40.0, 0.5, 20, PoissonMethod::ExponentialGaps},
                    GridCase{40.0, 0.5, 20, PoissonMethod::OrderStatistics},
                    GridCase{1.0, 30.0, 30, PoissonMethod::ExponentialGaps},
                    GridCase{1.0, 30.0, 30, PoissonMethod::OrderStatistics},
                    GridCase{1e-3, 5.0, 2, PoissonMethod::ExponentialGaps},  // mostly empty windows
                    GridCase{1e-3, 5.0, 2, PoissonMethod::OrderStatistics}));

TEST(PoissonProcess, TheTwoMethodsAgreeInLaw)
{
    // Same parameters, independent streams: N(T) by a homogeneity chi-squared, gaps, S_k and the
    // residual waits by two-sample KS, and the kept arrival times pooled.
    for (const double rate : {0.8, 6.0}) {
        PoissonParams p;
        p.rate = rate;
        p.horizon = 4.0;
        p.arrival = 3;
        p.realisations = 50'000;
        p.paths = 200;
        p.seed = 77;
        const auto gaps = run(p);
        p.method = PoissonMethod::OrderStatistics;
        p.seed = 78;
        const auto order = run(p);
        EXPECT_GT(homogeneity(gaps.counts, order.counts), 1e-4);
        EXPECT_GT(kolmogorovSmirnovTwoSample(gaps.interarrivals, order.interarrivals).pValue, 1e-4);
        EXPECT_GT(kolmogorovSmirnovTwoSample(gaps.kthArrivals, order.kthArrivals).pValue, 1e-4);
        EXPECT_GT(kolmogorovSmirnovTwoSample(gaps.residualWaits, order.residualWaits).pValue, 1e-4);
        std::vector<double> a, b;
        for (const auto& path : gaps.arrivals)
            a.insert(a.end(), path.begin(), path.end());
        for (const auto& path : order.arrivals)
            b.insert(b.end(), path.begin(), path.end());
        EXPECT_GT(kolmogorovSmirnovTwoSample(a, b).pValue, 1e-4);
        // And the tests can tell two different rates apart at this size.
        p.rate = rate * 1.05;
        EXPECT_LT(kolmogorovSmirnovTwoSample(gaps.interarrivals, run(p).interarrivals).pValue, 1e-6);
    }
}

TEST(PoissonProcess, WrongRateIsRejected)
{
    // The grid's sample size (M = 40000) sees λ off by 5%: each test rejects the wrong law,
    // so the grid test above could fail.
    for (const auto method : {PoissonMethod::ExponentialGaps, PoissonMethod::OrderStatistics}) {
        PoissonParams p = gridParams({2.0, 10.0, 5, method});
        const auto sim = run(p);
        PoissonParams wrong = p;
        wrong.rate = 2.1;
        const auto fits = fitPoisson(wrong, sim);
        EXPECT_LT(fits.counts.pValue, 1e-6);
        EXPECT_LT(fits.interarrivals.pValue, 1e-6);
        EXPECT_LT(fits.kthArrivals.pValue, 1e-6);
        EXPECT_LT(fits.residualWaits.pValue, 1e-6);
    }
}

TEST(PoissonProcess, GapsEndingInsideTheWindowAloneWouldBeBiased)
{
    // Why the crossing gap is kept: without it the pooled gaps are too short (their density is
    // proportional to (1 + λ(T − x))λe^{−λx}), which the KS test sees at once for λT = 2.
    PoissonParams p;
    p.rate = 1.0;
    p.horizon = 2.0;
    p.realisations = 40'000;
    p.paths = 0;
    p.seed = 3;
    const auto sim = run(p);
    EXPECT_GT(exponentialFit(sim.interarrivals, 1.0).pValue, 1e-4);
    // Drop each realisation's last gap: the one where the running sum passes T.
    std::vector<double> inside;
    double t = 0;
    for (const double x : sim.interarrivals) {
        t += x;
        if (t > p.horizon)
            t = 0;
        else
            inside.push_back(x);
    }
    EXPECT_LT(exponentialFit(inside, 1.0).pValue, 1e-6);
}

TEST(PoissonProcess, SampleMomentsAgreeWithTheory)
{
    // N(T): mean = variance = λT; within 5 standard errors (sd(mean) = √(λT/M),
    // sd(s²) ≈ √((2(λT)² + λT)/M) for the Poisson law).
    PoissonParams p;
    p.rate = 3.0;
    p.horizon = 5.0;
    p.realisations = 100'000;
    p.paths = 0;
    const auto sim = run(p);
    const double mu = 15.0, m = 1e5;
    EXPECT_NEAR(sim.counts.mean(), mu, 5 * std::sqrt(mu / m));
    EXPECT_NEAR(sim.counts.variance(), mu, 5 * std::sqrt((2 * mu * mu + mu) / m));
}

TEST(PoissonProcess, PathsAreIncreasingAndComplete)
{
    for (const auto method : {PoissonMethod::ExponentialGaps, PoissonMethod::OrderStatistics}) {
        PoissonParams p;
        p.rate = 5.0;
        p.horizon = 3.0;
        p.realisations = 1000;
        p.paths = 30;
        p.method = method;
        const auto sim = run(p);
        ASSERT_EQ(sim.arrivals.size(), 30u);
        ASSERT_EQ(sim.pathCounts.size(), 30u);
        for (std::size_t i = 0; i < sim.arrivals.size(); ++i) {
            const auto& a = sim.arrivals[i];
            EXPECT_EQ(std::int64_t(a.size()), sim.pathCounts[i]);
            EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
            for (const double t : a) {
                EXPECT_GE(t, 0.0);
                EXPECT_LE(t, p.horizon);
            }
            if (a.size() >= std::size_t(p.arrival))  // S_k is the k-th kept arrival
                EXPECT_EQ(sim.kthArrivals[i], a[std::size_t(p.arrival) - 1]);
            else
                EXPECT_GT(sim.kthArrivals[i], p.horizon);
        }
        // Keeping paths does not change any realisation.
        p.paths = 0;
        const auto without = run(p);
        EXPECT_EQ(without.counts, sim.counts);
        EXPECT_EQ(without.kthArrivals, sim.kthArrivals);
    }
}

TEST(PoissonProcess, PathsAreCappedForDisplay)
{
    PoissonParams p;
    p.rate = 1e5;
    p.horizon = 1.0;
    p.realisations = 3;
    p.paths = 3;
    p.arrival = 1;
    const auto sim = run(p);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(std::int64_t(sim.arrivals[i].size()), kMaxPathArrivals);
        EXPECT_GT(sim.pathCounts[i], 99'000);
    }
}

TEST(PoissonProcess, SameSeedSameResultWhateverTheThreadCount)
{
    for (const auto method : {PoissonMethod::ExponentialGaps, PoissonMethod::OrderStatistics}) {
        PoissonParams p;
        p.rate = 0.5;
        p.horizon = 8.0;
        p.realisations = 300'000;  // several blocks
        p.paths = 7;
        p.arrival = 3;
        p.method = method;
        p.seed = 7;
        const auto one = run(p, 1), two = run(p, 2), five = run(p, 5);
        EXPECT_EQ(one.threads, 1u);
        EXPECT_EQ(two.threads, 2u);
        for (const auto* other : {&two, &five}) {
            EXPECT_EQ(one.counts, other->counts);
            EXPECT_EQ(one.arrivals, other->arrivals);
            EXPECT_EQ(one.interarrivals, other->interarrivals);
            EXPECT_EQ(one.kthArrivals, other->kthArrivals);
            EXPECT_EQ(one.residualWaits, other->residualWaits);
        }
        p.seed = 8;
        EXPECT_FALSE(run(p).counts == one.counts);
    }
}

TEST(PoissonProcess, SameResultAtEveryCpuLevel)
{
    // The −ln U exponentials are the same bits at every level, so are whole simulations.
    PoissonParams p;
    p.rate = 3.0;
    p.horizon = 40.0;  // λT = 120: realisations run through the eight-gap counting loop
    p.realisations = 20'000;
    p.paths = 3;
    p.arrival = 4;
    p.seed = 9;
    const CpuLevel previous = setCpuLevelLimit(CpuLevel::Baseline);
    const auto baseline = run(p);
    for (int level = 1; level <= int(detectedCpuLevel()); ++level) {
        setCpuLevelLimit(CpuLevel(level));
        const auto other = run(p);
        EXPECT_EQ(baseline.counts, other.counts) << cpuLevelName(CpuLevel(level));
        EXPECT_EQ(baseline.arrivals, other.arrivals);
        EXPECT_EQ(baseline.interarrivals, other.interarrivals);
        EXPECT_EQ(baseline.kthArrivals, other.kthArrivals);
    }
    setCpuLevelLimit(previous);
}

TEST(PoissonProcess, CountOnlyRealisationsFollowPoisson)
{
    // Realisations beyond kMaxPoissonSample record nothing but N(T): the eight-gap counting loop
    // alone. Their counts, 2^22 + 2^21 realisations in all, against Poisson(λT) and a 1% wrong mean.
    PoissonParams p;
    p.rate = 1.5;
    p.horizon = 2.0;
    p.realisations = kMaxPoissonSample + kMaxPoissonSample / 2;
    p.paths = 0;
    p.seed = 5;
    const auto sim = run(p);
    EXPECT_GT(poissonCountsFit(sim.counts, 3.0).pValue, 1e-3);
    EXPECT_LT(poissonCountsFit(sim.counts, 3.03).pValue, 1e-6);
}

TEST(PoissonProcess, StabilityOfSeed42)
{
    // Pins the stream: a change in makeStream, in the −ln U exponentials, in Boost's PTRD sampler, or in the
    // order of draws shows here. (Boost 1.74, xoshiro256++ in 16 lanes, exponentials by −ln U.)
    PoissonParams p;
    p.rate = 2.0;
    p.horizon = 3.0;
    p.realisations = 1000;
    p.arrival = 2;
    p.paths = 1;
    p.seed = 42;
    const auto gaps = run(p);
    p.method = PoissonMethod::OrderStatistics;
    const auto order = run(p);
    const std::vector<std::uint64_t> gapCounts{gaps.counts.count(0), gaps.counts.count(3), gaps.counts.count(6),
                                               gaps.counts.count(9)};
    const std::vector<std::uint64_t> orderCounts{order.counts.count(0), order.counts.count(3),
                                                 order.counts.count(6), order.counts.count(9)};
    EXPECT_EQ(gapCounts, (std::vector<std::uint64_t>{4, 104, 162, 81}));
    EXPECT_EQ(orderCounts, (std::vector<std::uint64_t>{2, 102, 167, 56}));
    ASSERT_GE(gaps.arrivals[0].size(), 2u);
    EXPECT_EQ(gaps.arrivals[0][0], 0.74181740053045664);
    EXPECT_EQ(gaps.arrivals[0][1], 0.78678058433566034);
    EXPECT_EQ(gaps.kthArrivals[1], 0.225519726493082);
    ASSERT_GE(order.arrivals[0].size(), 2u);
    EXPECT_EQ(order.arrivals[0][0], 0.36785693561513999);
    EXPECT_EQ(order.kthArrivals[1], 1.6156437796655427);
}

TEST(PoissonProcess, ValidationNamesParameterValueAndRange)
{
    auto messages = [](const PoissonParams& p) {
        std::vector<std::string> m;
        for (const auto& e : validate(p)) {
            EXPECT_EQ(e.kind, ErrorKind::InvalidParameter);
            m.push_back(e.parameter + " | " + e.message);
        }
        return m;
    };
    EXPECT_TRUE(validate(PoissonParams{}).empty());
    PoissonParams p;
    p.rate = -1;
    EXPECT_EQ(messages(p), (std::vector<std::string>{"rate | rate = -1: must be greater than 0 and at most 10^6"}));
    p.rate = 0;
    EXPECT_EQ(messages(p), (std::vector<std::string>{"rate | rate = 0: must be greater than 0 and at most 10^6"}));
    p.rate = std::nan("");
    EXPECT_EQ(messages(p), (std::vector<std::string>{"rate | rate = nan: must be greater than 0 and at most 10^6"}));
    p.rate = std::numeric_limits<double>::infinity();
    EXPECT_EQ(messages(p), (std::vector<std::string>{"rate | rate = inf: must be greater than 0 and at most 10^6"}));
    p = PoissonParams{};
    p.horizon = 0;
    EXPECT_EQ(messages(p), (std::vector<std::string>{"horizon | horizon = 0: must be greater than 0 and at most 10^6"}));
    p.horizon = -std::numeric_limits<double>::infinity();
    EXPECT_EQ(messages(p), (std::vector<std::string>{"horizon | horizon = -inf: must be greater than 0 and at most 10^6"}));
    p = PoissonParams{};
    p.rate = 1e6;
    p.horizon = 1e4;
    const auto tooMany = messages(p);
    ASSERT_EQ(tooMany.size(), 1u);
    EXPECT_EQ(tooMany[0].substr(0, 38), "horizon | horizon = 10000: must be at ");
    EXPECT_NE(tooMany[0].find("10^9 / rate = 1000"), std::string::npos);
    p = PoissonParams{};
    p.realisations = 0;
    p.arrival = 0;
    p.memoryTime = -1;
    p.paths = -1;
    EXPECT_EQ(messages(p), (std::vector<std::string>{
                               "realisations | realisations = 0: must be between 1 and 10^9",
                               "arrival | arrival = 0: must be between 1 and 10^6",
                               "memoryTime | memoryTime = -1: must be between 0 and 10^6",
                               "paths | paths = -1: must be between 0 and realisations = 0"}));
    p = PoissonParams{};
    p.realisations = 10;
    p.paths = 11;
    EXPECT_EQ(messages(p), (std::vector<std::string>{"paths | paths = 11: must be between 0 and realisations = 10"}));
    p.realisations = 5000;
    p.paths = 1001;
    EXPECT_EQ(messages(p), (std::vector<std::string>{"paths | paths = 1001: must be between 0 and 1000"}));
    p = PoissonParams{};
    p.method = PoissonMethod(7);
    EXPECT_EQ(messages(p), (std::vector<std::string>{"method | method = 7: must be one of gaps, order-statistics"}));

    RunControl control;
    p = PoissonParams{};
    p.rate = -1;
    const auto sim = simulatePoisson(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().parameter, "rate");
}

TEST(PoissonProcess, RefusesARunNeedingTooMuchMemory)
{
    // Order statistics hold N(T) ≈ λT arrival times per thread: 10^9 of them need 7.5 GiB each.
    PoissonParams p;
    p.rate = 1e5;
    p.horizon = 1e4;
    p.method = PoissonMethod::OrderStatistics;
    p.realisations = 1;
    p.paths = 0;
    EXPECT_GT(memoryNeeded(p, 2), 8e9 * 2);
    RunControl control(2);
    const auto sim = simulatePoisson(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::TooLarge);
    const std::string& m = sim.error().front().message;
    // One realisation is one block, so one worker: (10⁹ + 10√10⁹ + 10) · 8 bytes ≈ 7.45 GiB for
    // the order statistics, plus 192 MiB for the gap sample (2^22 values, block vectors with
    // their growth 4×, the concatenation and the KS copy: 6 × 32 MiB).
    EXPECT_NE(m.find("the simulation would need about 7.64 GiB"), std::string::npos) << m;
    EXPECT_NE(m.find("the limit is 2 GiB"), std::string::npos) << m;
    // The gap method needs no such buffer.
    p.method = PoissonMethod::ExponentialGaps;
    EXPECT_LT(memoryNeeded(p, 2), kMemoryLimitBytes);
    EXPECT_EQ(formatBytes(2.0 * 1024 * 1024 * 1024), "2 GiB");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
}

TEST(PoissonProcess, CancelStopsTheRun)
{
    PoissonParams p;
    p.rate = 1000;
    p.horizon = 1000;
    p.realisations = 1000;  // 10⁹ events: tens of seconds
    p.paths = 0;
    RunControl control(2);
    std::jthread canceller([&] {
        // Cancel once some progress has been reported, whatever the load of the machine.
        for (int i = 0; i < 10000 && control.progress() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        control.cancel();
    });
    const auto sim = simulatePoisson(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
    EXPECT_EQ(sim.error().front().message, "cancelled");
    EXPECT_GT(control.progress(), 0.0);
    EXPECT_LT(control.progress(), 0.5);
}

TEST(PoissonProcess, ProgressReachesOne)
{
    PoissonParams p;
    p.realisations = 20'000;
    RunControl control(2);
    ASSERT_TRUE(simulatePoisson(p, control).has_value());
    EXPECT_GT(control.progress(), 0.95);
}

TEST(PoissonProcess, MemorylessnessSampleCanBeEmpty)
{
    // s far beyond every first arrival: no realisation is conditioned on, the fit reports p = 1.
    PoissonParams p;
    p.rate = 10;
    p.horizon = 1;
    p.memoryTime = 1000;
    p.realisations = 1000;
    const auto sim = run(p);
    EXPECT_TRUE(sim.residualWaits.empty());
    EXPECT_EQ(fitPoisson(p, sim).residualWaits.pValue, 1.0);
}

TEST(PoissonProcess, MethodTableNamesEveryMethod)
{
    EXPECT_STREQ(kPoissonMethods[0].key, "gaps");
    EXPECT_STREQ(kPoissonMethods[1].key, "order-statistics");
    EXPECT_EQ(kPoissonMethods[1].method, PoissonMethod::OrderStatistics);
}

TEST(PoissonCounting, WindowCountsArePoissonWhereverTheWindowStarts)
{
    // Stationary increments: N(s + t) − N(s) ~ Poisson(λt) for s = 0, 2.5 and 40.
    for (const double start : {0.0, 2.5, 40.0}) {
        PoissonCountingParams p;
        p.rate = 1.5;
        p.window = 2.0;
        p.windowStart = start;
        p.repetitions = 50'000;
        p.seed = 11;
        RunControl control(2);
        const auto sim = simulatePoissonCounting(p, control);
        ASSERT_TRUE(sim.has_value());
        EXPECT_EQ(sim->counts.total(), 50'000u);
        EXPECT_GT(poissonCountsFit(sim->counts, 3.0).pValue, 1e-4) << start;
        EXPECT_LT(poissonCountsFit(sim->counts, 3.15).pValue, 1e-6) << start;  // λ off by 5%
        RunControl one(1);
        EXPECT_EQ(simulatePoissonCounting(p, one)->counts, sim->counts);
    }
}

TEST(PoissonCounting, Validation)
{
    PoissonCountingParams p;
    EXPECT_TRUE(validate(p).empty());
    p.window = 0;
    p.windowStart = -2;
    p.repetitions = 0;
    const auto errors = validate(p);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].message, "windowStart = -2: must be between 0 and 10^6");
    EXPECT_EQ(errors[1].message, "window = 0: must be greater than 0 and at most 10^6");
    EXPECT_EQ(errors[2].message, "repetitions = 0: must be between 1 and 10^9");
}

TEST(PoissonProcess, CapsTheGapsOfOneHugeRealisation)
{
    // λT = 5·10^6 > kMaxPoissonSample: one realisation used to keep all its gaps (10^9 of them
    // reached 15.6 GB). Now its first 2^22 gaps are kept, which are i.i.d. Exponential(λ)
    // exactly (Ross, §5.3), so the KS test still passes; and the flag asks for a note.
    PoissonParams p;
    p.rate = 5e4;
    p.horizon = 100;
    p.realisations = 1;
    p.paths = 0;
    EXPECT_LT(memoryNeeded(p, 2), 300.0 * 1024 * 1024);
    RunControl control(2);
    const auto sim = simulatePoisson(p, control);
    ASSERT_TRUE(sim.has_value());
    EXPECT_TRUE(sim->interarrivalsTruncated);
    EXPECT_EQ(std::int64_t(sim->interarrivals.size()), kMaxPoissonSample);
    EXPECT_GT(fitPoisson(p, *sim).interarrivals.pValue, 1e-3);
    // An ordinary run keeps every gap and is not flagged.
    p.horizon = 1;
    const auto small = simulatePoisson(p, control);
    ASSERT_TRUE(small.has_value());
    EXPECT_FALSE(small->interarrivalsTruncated);
}

TEST(PoissonProcess, RefusesARunOfTooMuchWork)
{
    // M·(λT + 1) = 10^9 · (10^9 + 1) events: refused before any memory is taken, with the figure.
    PoissonParams p;
    p.rate = 1e6;
    p.horizon = 1e3;
    p.realisations = 1'000'000'000;
    p.paths = 0;
    RunControl control(2);
    const auto sim = simulatePoisson(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::TooLarge);
    EXPECT_NE(sim.error().front().message.find("about 1e+18 events"), std::string::npos)
        << sim.error().front().message;
    // 21 realisations of 10^9 events (2.1·10^10) are still too much.
    p.realisations = 21;
    EXPECT_EQ(simulatePoisson(p, control).error().front().kind, ErrorKind::TooLarge);
}
