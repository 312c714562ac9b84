// Continuous walks: the Gaussian walk, whose walkers beyond the tracked ones take the endpoint
// shortcut S_n ~ N(0, (n/d)·I), against the exact chi law of |S_n|; Pearson's walk against the
// exact laws of |S_n| (two steps in the plane, Rayleigh's in space); reproducibility; work limit.
#include "core/walk/ContinuousWalk.h"

#include "core/exact/PearsonWalk.h"
#include "core/walk/WalkNDTheory.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace walklab::core;

namespace {

WalkNDSimulation run(const ContinuousWalkParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateContinuousWalk, p, threads);
}

ContinuousWalkParams gaussian(int dimension, std::int64_t steps, std::int64_t walkers)
{
    ContinuousWalkParams p;
    p.dimension = dimension;
    p.step = ContinuousStep::Gaussian;
    p.steps = steps;
    p.walkers = walkers;
    p.seed = 20260301;
    p.paths = 0;
    return p;
}

double radialPValue(const WalkNDSimulation& sim, int dimension, double variance)
{
    const auto cdf = [&](double rho) { return radiusCdf(dimension, variance, rho); };
    const auto sf = [&](double rho) { return radiusSf(dimension, variance, rho); };
    return radialChiSquared(sim.radius, binProbabilities(sim.radius, cdf, sf)).pValue;
}

/// Chi-squared of |S_n| for 2·10^5 Pearson walkers in R^d against `cdf`: accepted, and the law
/// of steps 1% too long, cdf(r/1.01), rejected (the test's power).
void expectPearsonDistanceLaw(int d, std::int64_t n, const std::function<double(double)>& cdf)
{
    auto p = gaussian(d, n, 200'000);
    p.step = ContinuousStep::Pearson;
    const auto sim = run(p);
    for (const double length : {1.0, 1.01}) {
        const auto scaled = [&](double r) { return cdf(r / length); };
        const auto sf = [&](double r) { return 1 - scaled(r); };
        const double pValue = radialChiSquared(sim.radius, binProbabilities(sim.radius, scaled, sf)).pValue;
        if (length == 1.0)
            EXPECT_GT(pValue, 1e-4) << "d = " << d << ", n = " << n;
        else
            EXPECT_LT(pValue, 1e-6) << "d = " << d << ", n = " << n;
    }
}

}  // namespace

TEST(ContinuousWalk, GaussianEndpointsFollowTheChiLawAndAWrongOneIsRejected)
{
    // 2·10^5 walkers, 19·10^4 of them by the shortcut; the variance per axis is n/d exactly
    // (a sum of independent normals). Power: 3% more variance is rejected.
    for (const int d : {2, 3}) {
        const auto p = gaussian(d, 50, 200'000);
        const auto sim = run(p);
        const double variance = 50.0 / d;
        EXPECT_GT(radialPValue(sim, d, variance), 1e-4) << "d = " << d;
        EXPECT_LT(radialPValue(sim, d, 1.03 * variance), 1e-6) << "d = " << d;
        EXPECT_NEAR(sim.observed.endSquared / double(p.walkers), 50.0, 5 * 50.0 * std::sqrt(2.0 / d / double(p.walkers)));
    }
}

TEST(ContinuousWalk, PearsonTwoStepDistanceFollowsItsExactLawAndAWrongOneIsRejected)
{
    // |S_2|² = 2 + 2 cos Δ with Δ the angle between the two unit steps. In the plane Δ is
    // uniform, so P(|S_2| ≤ r) = 1 − (2/π)·arccos(r/2); on the sphere cos Δ is uniform on
    // [−1, 1] (Archimedes), so |S_2|² is uniform on [0, 4] and P(|S_2| ≤ r) = r²/4 (Hughes,
    // Random Walks and Random Environments, vol. 1, §2.3: Pearson's walk).
    constexpr double pi = 3.14159265358979323846;
    expectPearsonDistanceLaw(2, 2, [&](double r) { return 1 - 2 / pi * std::acos(std::clamp(r / 2, 0.0, 1.0)); });
    expectPearsonDistanceLaw(3, 2, [](double r) { return std::min(r * r / 4, 1.0); });
}

TEST(ContinuousWalk, PearsonDistanceInSpaceFollowsRayleighsLaw)
{
    // Any n ≤ 24 against pearsonDistanceCdf3D (core/exact/PearsonWalk.h).
    for (const std::int64_t n : {5, 24})
        expectPearsonDistanceLaw(3, n, [n](double r) { return pearsonDistanceCdf3D(n, r); });
}

TEST(ContinuousWalk, SameSeedSameResultWhateverTheThreadCount)
{
    // Several blocks each; endpoint cells listed (3D: 96³ cells) and counted per worker (2D: 40 000
    // walkers > 512² / 8, 30 000 of them by the shortcut).
    auto pearson = gaussian(3, 300, kMaxTrackedWalkers + 3000);
    pearson.step = ContinuousStep::Pearson;
    for (auto p : {gaussian(3, 300, kMaxTrackedWalkers + 3000), pearson, gaussian(2, 300, 40'000)}) {
        p.paths = 5;
        const auto one = run(p, 1), two = run(p, 2), seven = run(p, 7), sixteen = run(p, 16);
        for (const auto* other : {&two, &seven, &sixteen}) {
            EXPECT_EQ(one.endpoints.counts, other->endpoints.counts);
            EXPECT_EQ(one.endpoints.outside, other->endpoints.outside);
            EXPECT_EQ(one.radius.counts, other->radius.counts);
            EXPECT_EQ(one.paths, other->paths);
            EXPECT_EQ(one.observed.sumSquared, other->observed.sumSquared);
            EXPECT_EQ(one.observed.endSquared, other->observed.endSquared);
        }
    }
}

TEST(ContinuousWalk, RefusesRunsOfMoreThanAboutTenMinutesUpFront)
{
    // Pearson steps have no shortcut: every walker walks, 1.5e8 steps/s counted on one thread (2D).
    ContinuousWalkParams p{2, ContinuousStep::Pearson, 1'000'000, 1'000'000, 1, 0};
    const Errors e = validate(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e.front().kind, ErrorKind::TooLarge);
    EXPECT_NE(e.front().message.find("1e+12 steps (1e+06 walkers step by step"), std::string::npos)
        << e.front().message;
    p.walkers = 10'000;  // 1e10 steps, about a minute
    EXPECT_TRUE(validate(p).empty());
    // Gaussian steps: the walkers beyond the tracked ones draw S_n at once.
    p.step = ContinuousStep::Gaussian;
    p.walkers = 1'000'000'000;
    p.steps = 1000;
    EXPECT_TRUE(validate(p).empty());
}
