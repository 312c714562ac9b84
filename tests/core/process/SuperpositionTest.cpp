// Superposition of two Poisson processes: each count and the merged count against their Poisson
// laws, merged gaps against Exponential(λ₁ + λ₂), the share of each source, power against a 5%
// error, labels of kept paths, thread independence, a pinned seed and validation.
#include "core/process/Superposition.h"

#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {

SuperpositionSimulation run(const SuperpositionParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateSuperposition, p, threads);
}

struct RatePair {
    double rate1, rate2, horizon;
};

class SuperpositionGrid : public testing::TestWithParam<RatePair> {};

}  // namespace

TEST_P(SuperpositionGrid, MergedProcessIsPoissonOfTheSummedRate)
{
    const RatePair c = GetParam();
    SuperpositionParams p;
    p.rate1 = c.rate1;
    p.rate2 = c.rate2;
    p.horizon = c.horizon;
    p.realisations = 40'000;
    p.seed = 20261201;
    const auto sim = run(p);
    const auto fits = fitSuperposition(p, sim);
    EXPECT_GT(fits.counts1.pValue, 1e-4);
    EXPECT_GT(fits.counts2.pValue, 1e-4);
    EXPECT_GT(fits.counts.pValue, 1e-4);
    EXPECT_GT(fits.interarrivals.pValue, 1e-4) << "D = " << fits.interarrivals.statistic;
    // The share of source 1 is Binomial: within 5 standard errors of λ₁/(λ₁ + λ₂).
    const double n = sim.counts.mean() * double(p.realisations);
    const double q = fits.sourceOneExpected;
    EXPECT_NEAR(fits.sourceOneFraction, q, 5 * std::sqrt(q * (1 - q) / n));
}

INSTANTIATE_TEST_SUITE_P(Grid, SuperpositionGrid,
                         testing::Values(RatePair{1.0, 2.0, 10.0}, RatePair{0.1, 5.0, 2.0}, RatePair{3.0, 3.0, 0.5},
                                         RatePair{20.0, 0.5, 1.0}));

TEST(Superposition, WrongRateIsRejected)
{
    SuperpositionParams p;
    p.realisations = 40'000;
    p.seed = 20261201;
    const auto sim = run(p);
    SuperpositionParams wrong = p;
    wrong.rate1 *= 1.05;
    wrong.rate2 *= 1.05;
    const auto fits = fitSuperposition(wrong, sim);
    EXPECT_LT(fits.counts.pValue, 1e-6);
    EXPECT_LT(fits.interarrivals.pValue, 1e-6);
}

TEST(Superposition, PathsAreMergedAndLabelled)
{
    SuperpositionParams p;
    p.realisations = 200;
    p.paths = 50;
    const auto sim = run(p);
    ASSERT_EQ(sim.arrivals.size(), 50u);
    for (std::size_t i = 0; i < sim.arrivals.size(); ++i) {
        const auto& a = sim.arrivals[i];
        EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
        EXPECT_EQ(a.size(), sim.sources[i].size());
        EXPECT_EQ(std::int64_t(a.size()), sim.pathCounts[i]);
        for (const auto s : sim.sources[i])
            EXPECT_TRUE(s == 1 || s == 2);
    }
    // Keeping paths changes nothing.
    p.paths = 0;
    const auto without = run(p);
    EXPECT_EQ(without.counts, sim.counts);
    EXPECT_EQ(without.interarrivals, sim.interarrivals);
}

TEST(Superposition, SameSeedSameResultWhateverTheThreadCount)
{
    SuperpositionParams p;
    p.realisations = 60'000;  // several blocks
    p.paths = 5;
    p.seed = 9;
    const auto one = run(p, 1), two = run(p, 2), three = run(p, 3);
    for (const auto* other : {&two, &three}) {
        EXPECT_EQ(one.counts1, other->counts1);
        EXPECT_EQ(one.counts2, other->counts2);
        EXPECT_EQ(one.arrivals, other->arrivals);
        EXPECT_EQ(one.sources, other->sources);
        EXPECT_EQ(one.interarrivals, other->interarrivals);
    }
}

TEST(Superposition, StabilityOfSeed42)
{
    SuperpositionParams p;
    p.realisations = 1000;
    p.paths = 1;
    p.seed = 42;
    const auto sim = run(p);
    ASSERT_GE(sim.arrivals[0].size(), 2u);
    EXPECT_EQ(sim.arrivals[0][0], 0.21539389519228649);
    EXPECT_EQ(int(sim.sources[0][0]), 2);
    EXPECT_EQ(sim.pathCounts[0], 35);
    EXPECT_EQ(sim.counts.count(30), 74u);
}

TEST(Superposition, Validation)
{
    SuperpositionParams p;
    EXPECT_TRUE(validate(p).empty());
    p.rate2 = 0;
    p.horizon = std::numeric_limits<double>::infinity();
    std::vector<std::string> m;
    for (const auto& e : validate(p))
        m.push_back(e.message);
    EXPECT_EQ(m, (std::vector<std::string>{"rate2 = 0: must be greater than 0 and at most 10^6",
                                           "horizon = inf: must be greater than 0 and at most 10^6"}));
    p = SuperpositionParams{};
    p.rate1 = 1e6;
    p.rate2 = 1e6;
    p.horizon = 1000;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().parameter, "horizon");
    RunControl control;
    EXPECT_FALSE(simulateSuperposition(p, control).has_value());
}
