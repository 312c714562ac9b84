// Monte Carlo of the path statistics against their exact laws (chi-squared at fixed seeds),
// the power to reject a wrong law, walkers that do not arrive, thread-count independence,
// agreement with the plain 1D walk, validation and cancellation.
#include "core/walk/PathWalk1D.h"

#include "core/exact/ArcsineLaw.h"
#include "core/exact/FirstPassage.h"
#include "core/exact/MaximumLaw.h"
#include "core/exact/ReturnCount.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/walk/LatticeWalk1D.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace walklab::core;

namespace {

PathWalk1DSimulation run(const PathWalk1DParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulatePathWalk1D, p, threads);
}

/// Waiting-time counts (with the "not by n" cell) against P(T = t), t = 0 … n.
double pValue(const WaitingTimeCounts& c, const std::vector<double>& law)
{
    std::vector<std::uint64_t> observed = c.counts;
    std::vector<double> probability = c.bins.masses(law);
    long double arrived = 0;
    for (double x : probability)
        arrived += x;
    observed.push_back(c.notArrived);
    probability.push_back(double(1 - arrived));
    return chiSquaredTest(observed, probability).pValue;
}

double pValue(const OccupationCounts& c, const std::vector<double>& law)
{
    return chiSquaredTest(c.counts, c.bins.masses(law)).pValue;
}

double pValue(const IntegerHistogram& h, const std::vector<double>& law)
{
    std::vector<std::uint64_t> observed;
    for (std::size_t v = 0; v < law.size(); ++v)
        observed.push_back(h.count(std::int64_t(v)));
    EXPECT_LE(h.maxValue(), std::int64_t(law.size()) - 1);
    return chiSquaredTest(observed, law).pValue;
}

struct Case {
    std::int64_t steps, level;
    double p, q;
};

class PathWalkChiSquared : public testing::TestWithParam<Case> {};

}  // namespace

// At a fixed seed each p-value is a fixed number; 10^-4 leaves room for the 6 statistics of
// every case, while WrongLawIsRejected shows the same sample sizes see a 2% change of p.
TEST_P(PathWalkChiSquared, EveryStatisticFollowsItsExactLaw)
{
    const Case c = GetParam();
    PathWalk1DParams p{c.steps, 100'000, c.p, c.q, c.level, 20261201, 3};
    const auto sim = run(p);
    const std::int64_t n = c.steps;
    EXPECT_GT(pValue(sim.passage, *firstPassageLaw(c.level, c.p, c.q, n)), 1e-4);
    EXPECT_GT(pValue(sim.firstReturn, *firstReturnLaw(c.p, c.q, n)), 1e-4);
    EXPECT_GT(pValue(sim.returns, *returnCountLaw(n, c.p, c.q)), 1e-4);
    EXPECT_GT(pValue(sim.timePositive, *timePositiveLaw(n, c.p, c.q)), 1e-4);
    EXPECT_GT(pValue(sim.lastZero, *lastZeroLaw(n, c.p, c.q)), 1e-4);
    EXPECT_GT(pValue(sim.maximum, *maximumLaw(n, c.p, c.q)), 1e-4);
}

INSTANTIATE_TEST_SUITE_P(Walks, PathWalkChiSquared,
                         testing::Values(Case{200, 3, 0.5, 0.5}, Case{301, -4, 0.45, 0.55}, Case{250, 2, 0.3, 0.4},
                                         Case{100, 5, 0.6, 0.3}));

TEST(PathWalk1D, WrongLawIsRejected)
{
    PathWalk1DParams p{200, 100'000, 0.45, 0.55, -4, 20261201, 0};
    const auto sim = run(p);
    EXPECT_LT(pValue(sim.passage, *firstPassageLaw(-4, 0.46, 0.54, 200)), 1e-6);
    EXPECT_LT(pValue(sim.maximum, *maximumLaw(200, 0.46, 0.54)), 1e-6);
    EXPECT_LT(pValue(sim.timePositive, *timePositiveLaw(200, 0.46, 0.54)), 1e-6);
    EXPECT_LT(pValue(sim.returns, *returnCountLaw(200, 0.45, 0.45)), 1e-6);  // a lazy walk is not the same
}

TEST(PathWalk1D, LongWalksInLogarithmicBins)
{
    // n = 10^5: waiting times in logarithmic bins, time positive in even-width bins.
    PathWalk1DParams p{100'000, 4000, 0.5, 0.5, 1, 5, 0};
    const auto sim = run(p);
    EXPECT_FALSE(sim.passage.bins.unit());
    EXPECT_FALSE(sim.timePositive.bins.unit());
    EXPECT_GT(pValue(sim.passage, *firstPassageLaw(1, 0.5, 0.5, p.steps)), 1e-4);
    EXPECT_GT(pValue(sim.timePositive, *timePositiveLaw(p.steps, 0.5, 0.5)), 1e-4);
    EXPECT_GT(pValue(sim.lastZero, *lastZeroLaw(p.steps, 0.5, 0.5)), 1e-4);
}

TEST(PathWalk1D, WalkersThatDoNotArriveAreCounted)
{
    // p < q, level 5: P(T_5 < ∞) = (p/q)^5; most walkers never arrive, and none is dropped.
    PathWalk1DParams p{400, 50'000, 0.4, 0.6, 5, 3, 0};
    const auto sim = run(p);
    std::uint64_t arrived = 0;
    for (auto c : sim.passage.counts)
        arrived += c;
    EXPECT_EQ(arrived + sim.passage.notArrived, 50'000u);
    const auto law = *firstPassageLaw(5, 0.4, 0.6, 400);
    long double byN = 0;
    for (double x : law)
        byN += x;
    const double expected = 50'000 * double(1 - byN), sd = std::sqrt(expected * double(byN));
    EXPECT_NEAR(double(sim.passage.notArrived), expected, 5 * sd);
    EXPECT_GT(1 - byN, 1 - passageProbability(5, 0.4, 0.6));
    EXPECT_EQ(sim.returns.total(), 50'000u);
    EXPECT_EQ(sim.maximum.total(), 50'000u);
}

TEST(PathWalk1D, SameSeedSameResultWhateverTheThreadCount)
{
    for (const double prob : {0.5, 0.3}) {
        PathWalk1DParams p{10000, 6000, prob, prob, 7, 7, 9};
        ASSERT_GT(p.walkers, 3 * walkersPerBlock1D(p.steps, p.p, p.q));  // several blocks
        const auto one = run(p, 1), two = run(p, 2), seven = run(p, 7);
        for (const auto* other : {&two, &seven}) {
            EXPECT_EQ(one.passage.counts, other->passage.counts);
            EXPECT_EQ(one.passage.notArrived, other->passage.notArrived);
            EXPECT_EQ(one.firstReturn.counts, other->firstReturn.counts);
            EXPECT_EQ(one.timePositive.counts, other->timePositive.counts);
            EXPECT_EQ(one.lastZero.counts, other->lastZero.counts);
            EXPECT_EQ(one.returns, other->returns);
            EXPECT_EQ(one.maximum, other->maximum);
            EXPECT_EQ(one.paths, other->paths);
        }
    }
}

TEST(PathWalk1D, SameStepsAsThePlainWalk)
{
    // Bulk steps draw exactly what single steps draw: the kept paths are those of simulateWalk1D.
    for (const double prob : {0.5, 0.35}) {
        PathWalk1DParams p{1500, 40, prob, 1 - prob - 0.1 * (prob != 0.5), 3, 11, 40};
        const auto sim = run(p);
        const auto plain = walklab::test::runSimulation(simulateWalk1D, Walk1DParams{p.steps, p.walkers, p.p, p.q, p.seed, p.paths}, 2);
        EXPECT_EQ(sim.paths, plain.paths);
        // and each kept path's own statistics are consistent with the counts
        std::int64_t maxima = 0;
        for (const auto& path : sim.paths)
            maxima += *std::max_element(path.begin(), path.end());
        long double mean = 0;
        for (std::int64_t m = sim.maximum.minValue(); m <= sim.maximum.maxValue(); ++m)
            mean += (long double)m * sim.maximum.count(m);
        EXPECT_EQ((long double)maxima, mean);
    }
}

TEST(PathWalk1D, ValidationNamesParameterValueAndRange)
{
    PathWalk1DParams p;
    EXPECT_TRUE(validate(p).empty());
    p.level = 0;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().parameter, "level");
    EXPECT_EQ(validate(p).front().message, "level = 0: must be a nonzero integer between −10^9 and 10^9");
    p = {};
    p.steps = 0;
    EXPECT_EQ(validate(p).front().message, "steps = 0: must be between 1 and 10^9");
    p = {};
    p.p = 0.7;
    p.q = 0.5;
    EXPECT_EQ(validate(p).front().parameter, "q");
    RunControl control(1);
    EXPECT_FALSE(simulatePathWalk1D(p, control).has_value());
    // A walker that never moves has no passage, no arcsine law: refused, naming q.
    p = {};
    p.p = p.q = 0;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().message, "q = 0: must be greater than 0 when p = 0 (the walker would never move)");
}

TEST(PathWalk1D, RunsOfMoreThanAFewMinutesAreRefusedUpFront)
{
    // walkers × steps above kMaxPathWork = 10^10, with the figure; at the limit, accepted.
    PathWalk1DParams p{1'000'000'000, 1'000'000'000, 0.5, 0.5, 1, 1, 0};
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(validate(p).front().parameter, "walkers");
    EXPECT_EQ(validate(p).front().message, "the simulation would take walkers × steps n = 1e+18 steps; the limit is "
                                           "10^10 (several minutes): lower walkers or steps n");
    p.walkers = 10;
    EXPECT_TRUE(validate(p).empty());
    p.walkers = 11;
    EXPECT_EQ(validate(p).front().kind, ErrorKind::TooLarge);
}

TEST(PathWalk1D, CancelStopsALongRun)
{
    // 10^10 steps, the most allowed (minutes): cancellation ends it. The canceller waits until
    // work has been done, so the run is stopped in the middle, not before it starts.
    PathWalk1DParams p{1'000'000'000, 10, 0.5, 0.5, 10, 1, 3};
    RunControl control(2);
    std::atomic<bool> finished{false};
    std::thread canceller([&] {
        while (control.progress() == 0 && !finished)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        control.cancel();
    });
    const auto sim = simulatePathWalk1D(p, control);
    finished = true;
    canceller.join();
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
    EXPECT_GT(control.progress(), 0.0);
    EXPECT_LT(control.progress(), 0.5);  // stopped long before the end, even on a busy machine
}

TEST(PathWalk1D, CancelledBeforeTheStartDoesNoWork)
{
    RunControl control(2);
    control.cancel();
    const auto sim = simulatePathWalk1D(PathWalk1DParams{}, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
    EXPECT_EQ(control.progress(), 0.0);
}
