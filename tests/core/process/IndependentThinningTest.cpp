// Independent thinning: kept and removed counts against Poisson(pλT) and Poisson((1 − p)λT), kept
// times uniform on [0, T], kept and removed uncorrelated, the edges p = 0 and p = 1, power against
// a 5% error, thread independence, a pinned seed and validation.
#include "core/process/IndependentThinning.h"

#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {

IndependentThinningSimulation run(const IndependentThinningParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateIndependentThinning, p, threads);
}

struct KeepCase {
    double rate, keep, horizon;
};

class ThinningGrid : public testing::TestWithParam<KeepCase> {};

}  // namespace

TEST_P(ThinningGrid, KeptAndRemovedAreIndependentPoisson)
{
    const KeepCase c = GetParam();
    IndependentThinningParams p;
    p.rate = c.rate;
    p.keep = c.keep;
    p.horizon = c.horizon;
    p.realisations = 40'000;
    p.seed = 20261201;
    const auto sim = run(p);
    const auto fits = fitIndependentThinning(p, sim);
    EXPECT_EQ(fits.kept.impossible, 0u);
    EXPECT_EQ(fits.removed.impossible, 0u);
    EXPECT_GT(fits.kept.pValue, 1e-4);
    EXPECT_GT(fits.removed.pValue, 1e-4);
    EXPECT_GT(fits.keptTimes.pValue, 1e-4);
    // Uncorrelated: within 4.5 standard errors 1/√M of 0.
    EXPECT_LT(std::abs(fits.correlation), 4.5 * fits.correlationStandardError);
}

INSTANTIATE_TEST_SUITE_P(Grid, ThinningGrid,
                         testing::Values(KeepCase{5.0, 0.3, 10.0}, KeepCase{2.0, 0.5, 3.0}, KeepCase{50.0, 0.02, 1.0},
                                         KeepCase{1.0, 0.9, 4.0}));

TEST(IndependentThinning, EdgesKeepNothingOrEverything)
{
    IndependentThinningParams p;
    p.realisations = 5000;
    p.keep = 0;
    const auto none = run(p);
    EXPECT_EQ(none.kept.count(0), 5000u);
    EXPECT_TRUE(none.keptTimes.empty());
    EXPECT_EQ(none.covariance, 0.0);
    const auto fits = fitIndependentThinning(p, none);
    EXPECT_EQ(fits.kept.impossible, 0u);
    EXPECT_EQ(fits.correlation, 0.0);
    EXPECT_GT(fits.removed.pValue, 1e-4);
    p.keep = 1;
    const auto all = run(p);
    EXPECT_EQ(all.removed.count(0), 5000u);
    EXPECT_GT(fitIndependentThinning(p, all).kept.pValue, 1e-4);
}

TEST(IndependentThinning, WrongKeepProbabilityIsRejected)
{
    IndependentThinningParams p;
    p.realisations = 40'000;
    p.seed = 20261201;
    const auto sim = run(p);
    IndependentThinningParams wrong = p;
    wrong.keep = 0.315;  // 5% more kept
    EXPECT_LT(fitIndependentThinning(wrong, sim).kept.pValue, 1e-6);
}

TEST(IndependentThinning, SameSeedSameResultWhateverTheThreadCount)
{
    // Everything, the covariance included (its sums of products are exact integers), is the
    // same with 1 and 2 threads; and the covariance is small against k̄·r̄.
    IndependentThinningParams p;
    p.realisations = 100'000;
    p.paths = 3;
    p.seed = 4;
    const auto one = run(p, 1), two = run(p, 2);
    EXPECT_EQ(one.covariance, two.covariance);
    EXPECT_EQ(one.kept, two.kept);
    EXPECT_EQ(one.removed, two.removed);
    EXPECT_EQ(one.arrivals, two.arrivals);
    EXPECT_EQ(one.keptFlags, two.keptFlags);
    EXPECT_EQ(one.keptTimes, two.keptTimes);
    EXPECT_LT(std::abs(one.covariance), 0.05 * one.kept.mean() * one.removed.mean());
    for (std::size_t i = 0; i < one.arrivals.size(); ++i) {
        EXPECT_EQ(one.arrivals[i].size(), one.keptFlags[i].size());
        EXPECT_EQ(std::int64_t(one.arrivals[i].size()), one.pathCounts[i]);
    }
}

TEST(IndependentThinning, StabilityOfSeed42)
{
    IndependentThinningParams p;
    p.realisations = 1000;
    p.paths = 1;
    p.seed = 42;
    const auto sim = run(p);
    ASSERT_GE(sim.arrivals[0].size(), 2u);
    EXPECT_EQ(sim.arrivals[0][0], 0.16314196973053874);
    EXPECT_EQ(int(sim.keptFlags[0][0]), 1);
    EXPECT_EQ(sim.kept.count(15), 94u);
    EXPECT_EQ(sim.removed.count(35), 57u);
}

TEST(IndependentThinning, Validation)
{
    IndependentThinningParams p;
    EXPECT_TRUE(validate(p).empty());
    p.keep = 1.5;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().message, "keep = 1.5: must be between 0 and 1");
    p.keep = std::nan("");
    EXPECT_EQ(validate(p).front().message, "keep = nan: must be between 0 and 1");
    p.keep = 0.5;
    p.rate = -2;
    EXPECT_EQ(validate(p).front().message, "rate = -2: must be greater than 0 and at most 10^6");
}
