// The kernel that stops each walker at arrival: arrival times against the exact laws of
// core/exact/FirstPassage.h (chi-squared at fixed seeds; those laws are checked there against
// the Catalan numbers, OEIS A000108, and the hitting-time theorem), the not-arrived count
// against the exact tail, the power to reject a wrong law, the step counts, thread-count
// independence, validation and cancellation.
#include "core/walk/FirstPassageWalk.h"

#include "core/exact/FirstPassage.h"
#include "core/stats/ChiSquaredTest.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace walklab::core;

namespace {

FirstPassageSimulation run(const FirstPassageParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateFirstPassage, p, threads);
}

std::vector<double> exactLaw(std::int64_t level, double p, double q, std::int64_t n)
{
    return level == 0 ? *firstReturnLaw(p, q, n) : *firstPassageLaw(level, p, q, n);
}

/// Arrival counts per bin plus the "not by n" cell against P(T = t), t = 0 … n.
double pValue(const FirstPassageSimulation& sim, const std::vector<double>& law)
{
    std::vector<std::uint64_t> observed = sim.counts;
    std::vector<double> probability = sim.bins.masses(law);
    long double arrived = 0;
    for (double x : probability)
        arrived += x;
    observed.push_back(sim.notArrived);
    probability.push_back(double(1 - arrived));
    return chiSquaredTest(observed, probability).pValue;
}

struct Case {
    std::int64_t steps, level;
    double p, q;
};

class FirstPassageChiSquared : public testing::TestWithParam<Case> {};

}  // namespace

// At a fixed seed each p-value is a fixed number; WrongLawIsRejected shows that samples of
// this size see a change of p by 0.01 or a lazy probability of 0.02.
TEST_P(FirstPassageChiSquared, ArrivalTimesFollowTheExactLaw)
{
    const Case c = GetParam();
    const FirstPassageParams p{c.steps, 200'000, c.p, c.q, c.level, 20261201, 0};
    const auto sim = run(p);
    EXPECT_GT(pValue(sim, exactLaw(c.level, c.p, c.q, c.steps)), 1e-4);
    std::uint64_t total = sim.notArrived;
    for (auto n : sim.counts)
        total += n;
    EXPECT_EQ(total, 200'000u);
}

INSTANTIATE_TEST_SUITE_P(
    Walks, FirstPassageChiSquared,
    testing::Values(Case{1000, 0, 0.5, 0.5}, Case{501, 0, 0.45, 0.55}, Case{400, 0, 0.3, 0.4},  // first returns
                    Case{1000, 5, 0.5, 0.5}, Case{301, -4, 0.45, 0.55}, Case{250, 3, 0.3, 0.4},  // first passages
                    Case{100'000, 0, 0.5, 0.5}, Case{100'000, -2, 0.2, 0.2}));  // logarithmic bins

TEST(FirstPassageWalk, WrongLawIsRejected)
{
    const auto symmetric = run({1000, 200'000, 0.5, 0.5, 0, 20261201, 0});
    EXPECT_LT(pValue(symmetric, *firstReturnLaw(0.49, 0.49, 1000)), 1e-6);  // lazy r = 0.02
    const auto biased = run({301, 200'000, 0.45, 0.55, -4, 20261201, 0});
    EXPECT_LT(pValue(biased, *firstPassageLaw(-4, 0.46, 0.54, 301)), 1e-6);
    EXPECT_LT(pValue(biased, *firstPassageLaw(-3, 0.45, 0.55, 301)), 1e-6);  // the wrong level
}

TEST(FirstPassageWalk, NotArrivedMatchesTheExactTail)
{
    // p < q, level 5: P(T_5 < ∞) = (p/q)^5 ≈ 0.13; most walkers are stopped early, none is dropped.
    const FirstPassageParams p{400, 100'000, 0.4, 0.6, 5, 3, 0};
    const auto sim = run(p);
    const auto law = firstPassageLaw(5, 0.4, 0.6, 400);
    ASSERT_TRUE(law);
    long double byN = 0;
    for (double x : *law)
        byN += x;
    const double expected = 100'000 * double(1 - byN), sd = std::sqrt(expected * double(byN));
    EXPECT_NEAR(double(sim.notArrived), expected, 4 * sd);
    EXPECT_GT(1 - byN, 1 - passageProbability(5, 0.4, 0.6));
    EXPECT_LT(sim.drawnSteps, sim.equivalentSteps / 2);  // walkers drifting away are given up early
}

TEST(FirstPassageWalk, EquivalentStepsAreTheSumOfCappedTimes)
{
    // Unit bins: Σ min(T, n) is recomputed from the counts; its mean is E[min(T_0, 2m)] = 4m·u_{2m},
    // u_{2m} = C(2m, m)/4^m (Feller vol. I, §III.3: P(T_0 > 2m) = u_{2m}).
    const std::int64_t n = 2000, m = n / 2, M = 100'000;
    const auto sim = run({n, M, 0.5, 0.5, 0, 17, 0});
    ASSERT_TRUE(sim.bins.unit());
    std::uint64_t sum = sim.notArrived * std::uint64_t(n);
    for (std::size_t i = 0; i < sim.counts.size(); ++i)
        sum += sim.counts[i] * std::uint64_t(sim.bins.lower(i));
    EXPECT_EQ(sum, sim.equivalentSteps);
    EXPECT_LE(sim.drawnSteps, sim.equivalentSteps);
    const double u2m = std::exp(std::lgamma(2.0 * m + 1) - 2 * std::lgamma(m + 1.0) - 2.0 * m * std::log(2.0));
    const double mean = 4.0 * m * u2m;  // ≈ √(8n/π) ≈ 71.4
    // sd of min(T, n) ≤ n·√(P(T > n)) ≈ 2000·0.13; 5 standard errors
    EXPECT_NEAR(double(sim.equivalentSteps) / M, mean, 5 * 2000 * std::sqrt(u2m / M));
    EXPECT_NEAR(mean, std::sqrt(8.0 * n / M_PI), 0.1);
}

TEST(FirstPassageWalk, SameSeedSameResultWhateverTheThreadCount)
{
    for (const double prob : {0.5, 0.3}) {
        const FirstPassageParams p{3000, 30'000, prob, prob, prob == 0.5 ? 0 : 7, 7, 2};
        const auto one = run(p, 1), two = run(p, 2), seven = run(p, 7);
        for (const auto* other : {&two, &seven}) {
            EXPECT_EQ(one.counts, other->counts);
            EXPECT_EQ(one.notArrived, other->notArrived);
            EXPECT_EQ(one.equivalentSteps, other->equivalentSteps);
            EXPECT_EQ(one.drawnSteps, other->drawnSteps);
        }
        FirstPassageParams otherDomain = p;
        otherDomain.domain = 3;
        EXPECT_NE(run(otherDomain).counts, one.counts);  // the domain selects other streams
    }
}

TEST(FirstPassageWalk, ValidationNamesParameterValueAndRange)
{
    FirstPassageParams p;
    EXPECT_TRUE(validate(p).empty());
    p.level = 2'000'000'000;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().parameter, "level");
    EXPECT_EQ(validate(p).front().message, "level = 2000000000: must be between −10^9 and 10^9");
    p = {};
    p.steps = 0;
    EXPECT_EQ(validate(p).front().message, "steps = 0: must be between 1 and 10^9");
    p = {};
    p.walkers = 0;
    EXPECT_EQ(validate(p).front().parameter, "walkers");
    p = {};
    p.p = 0.7;
    p.q = 0.5;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().parameter, "q");
    RunControl control(1);
    EXPECT_FALSE(simulateFirstPassage(p, control).has_value());
}

TEST(FirstPassageWalk, CancelStopsALongRun)
{
    // 10^9 walkers, cap 10^9: only cancellation ends it in reasonable time.
    const FirstPassageParams p{1'000'000'000, 1'000'000'000, 0.5, 0.5, 0, 1, 0};
    RunControl control(2);
    std::atomic<bool> finished{false};
    std::thread canceller([&] {
        while (control.progress() == 0 && !finished)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        control.cancel();
    });
    const auto sim = simulateFirstPassage(p, control);
    finished = true;
    canceller.join();
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
    EXPECT_GT(control.progress(), 0.0);
    EXPECT_LT(control.progress(), 0.01);
}

TEST(FirstPassageWalk, AWalkThatNeverMoves)
{
    // r = 1: every walker "returns" at its first (lazy) step and never reaches a level k ≠ 0.
    const auto returns = run({1'000'000'000, 1000, 0, 0, 0, 1, 0});
    EXPECT_EQ(returns.counts[returns.bins.index(1)], 1000u);
    EXPECT_EQ(returns.equivalentSteps, 1000u);
    const auto passage = run({1'000'000'000, 1000, 0, 0, 1, 1, 0});
    EXPECT_EQ(passage.notArrived, 1000u);
    EXPECT_EQ(passage.drawnSteps, 0u);
}
