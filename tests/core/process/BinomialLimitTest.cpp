// The binomial limit: successes against Binomial(n, λ/n) exactly over a grid, against Poisson(λ)
// only once n is large (the chi-squared test sees d_TV at small n), success positions, the edge
// λ = n, thread independence, a pinned seed and validation.
#include "core/process/BinomialLimit.h"

#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {

BinomialLimitSimulation run(const BinomialLimitParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateBinomialLimit, p, threads);
}

struct TrialsCase {
    std::int64_t trials;
    double lambda;
};

class BinomialGrid : public testing::TestWithParam<TrialsCase> {};

}  // namespace

TEST_P(BinomialGrid, SuccessesAreBinomial)
{
    const TrialsCase c = GetParam();
    BinomialLimitParams p;
    p.trials = c.trials;
    p.lambda = c.lambda;
    p.repetitions = 50'000;
    p.seed = 20261201;
    const auto sim = run(p);
    const auto fits = fitBinomialLimit(p, sim);
    EXPECT_EQ(fits.binomial.impossible, 0u);
    EXPECT_GT(fits.binomial.pValue, 1e-4) << "X² = " << fits.binomial.statistic;
    EXPECT_LE(fits.totalVariation, fits.totalVariationBound * (1 + 1e-9));
}

INSTANTIATE_TEST_SUITE_P(Grid, BinomialGrid,
                         testing::Values(TrialsCase{1, 0.4}, TrialsCase{5, 3.0}, TrialsCase{10, 3.0},
                                         TrialsCase{100, 3.0}, TrialsCase{1000, 0.5}, TrialsCase{200, 40.0}));

TEST(BinomialLimit, PoissonIsRejectedForFewTrialsAndAcceptedForMany)
{
    // n = 10, λ = 3: d_TV ≈ 0.04 is far above what M = 50000 resolves (about 1/√M ≈ 0.004), so
    // the chi-squared test against Poisson(3) rejects; n = 2000: d_TV < 2·10⁻³ (Barbour–Hall:
    // ≤ 0.95·3/2000) and the test accepts.
    BinomialLimitParams p;
    p.lambda = 3;
    p.repetitions = 50'000;
    p.seed = 20261201;
    p.trials = 10;
    const auto few = fitBinomialLimit(p, run(p));
    EXPECT_GT(few.binomial.pValue, 1e-4);
    EXPECT_LT(few.poisson.pValue, 1e-6);
    EXPECT_GT(few.totalVariation, 0.03);
    p.trials = 2000;
    const auto manySim = run(p);
    const auto many = fitBinomialLimit(p, manySim);
    EXPECT_GT(many.binomial.pValue, 1e-4);
    EXPECT_GT(many.poisson.pValue, 1e-4);
    EXPECT_LT(many.totalVariation, 2e-3);
    // And a 5% error in λ is seen even at n = 2000.
    BinomialLimitParams wrong = p;
    wrong.lambda = 3.15;
    EXPECT_LT(fitBinomialLimit(wrong, manySim).binomial.pValue, 1e-6);
}

TEST(BinomialLimit, PositionsAreSuccessTimes)
{
    BinomialLimitParams p;
    p.trials = 500;
    p.lambda = 8;
    p.repetitions = 100;
    p.paths = 100;
    const auto sim = run(p);
    for (std::size_t i = 0; i < sim.positions.size(); ++i) {
        const auto& x = sim.positions[i];
        EXPECT_EQ(std::int64_t(x.size()), sim.pathCounts[i]);
        EXPECT_TRUE(std::is_sorted(x.begin(), x.end()));
        EXPECT_EQ(std::adjacent_find(x.begin(), x.end()), x.end());  // one success per trial
        for (const double t : x) {
            EXPECT_GT(t, 0.0);
            EXPECT_LE(t, 1.0);
            EXPECT_EQ(std::fmod(t * 500, 1.0), 0.0);  // on the lattice j/n
        }
    }
    // Kept repetitions draw the same trials as the others.
    p.paths = 0;
    EXPECT_EQ(run(p).successes, sim.successes);
}

TEST(BinomialLimit, EveryTrialSucceedsWhenLambdaEqualsN)
{
    BinomialLimitParams p;
    p.trials = 7;
    p.lambda = 7;
    p.repetitions = 1000;
    const auto sim = run(p);
    EXPECT_EQ(sim.successes.count(7), 1000u);
    const auto fits = fitBinomialLimit(p, sim);
    EXPECT_EQ(fits.binomial.impossible, 0u);
    EXPECT_NEAR(fits.totalVariation, 1 - std::exp(-7.0) * std::pow(7.0, 7) / 5040, 1e-14);  // 1 − P(Po(7) = 7)
}

TEST(BinomialLimit, SameSeedSameResultWhateverTheThreadCount)
{
    BinomialLimitParams p;
    p.trials = 1000;
    p.repetitions = 3000;  // 12 blocks of 262 repetitions
    p.paths = 4;
    p.seed = 12;
    const auto one = run(p, 1), two = run(p, 2), three = run(p, 3);
    EXPECT_EQ(one.successes, two.successes);
    EXPECT_EQ(one.successes, three.successes);
    EXPECT_EQ(one.positions, two.positions);
}

TEST(BinomialLimit, StabilityOfSeed42)
{
    BinomialLimitParams p;
    p.repetitions = 1000;
    p.paths = 1;
    p.seed = 42;
    const auto sim = run(p);
    ASSERT_GE(sim.positions[0].size(), 1u);
    EXPECT_EQ(sim.positions[0][0], 76.0 / 100);
    EXPECT_EQ(sim.pathCounts[0], 2);
    EXPECT_EQ(sim.successes.count(3), 219u);
}

TEST(BinomialLimit, Validation)
{
    BinomialLimitParams p;
    EXPECT_TRUE(validate(p).empty());
    p.lambda = 101;
    ASSERT_EQ(validate(p).size(), 1u);
    EXPECT_EQ(validate(p).front().message, "lambda = 101: must be greater than 0 and at most trials = 100");
    p.lambda = 0;
    EXPECT_EQ(validate(p).front().message, "lambda = 0: must be greater than 0 and at most trials = 100");
    p.lambda = 3;
    p.trials = 0;
    p.repetitions = -1;
    std::vector<std::string> m;
    for (const auto& e : validate(p))
        m.push_back(e.message);
    EXPECT_EQ(m, (std::vector<std::string>{"trials = 0: must be between 1 and 10^9",
                                           "repetitions = -1: must be between 1 and 10^9",
                                           "paths = 20: must be between 0 and repetitions = -1"}));
    p = BinomialLimitParams{};
    p.trials = 2'000'000'000;
    EXPECT_EQ(validate(p).front().message, "trials = 2000000000: must be between 1 and 10^9");
}
