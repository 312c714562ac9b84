// The number of returns to 0 by n: Feller's formula for the symmetric walk, enumeration of all
// paths (biased and lazy), and the mean Σ u_t.
#include "core/exact/ReturnCount.h"

#include "core/exact/ReturnProbabilities.h"
#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/PathEnumeration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace walklab::core;

TEST(ReturnCount, FellersFormulaForTheSymmetricWalk)
{
    // P(R_{2n} = j) = P(S_{2n−j} = j) (Feller vol. I, §III.7, Theorem 1).
    const std::int64_t n2 = 1000;
    const auto law = *returnCountLaw(n2, 0.5, 0.5);
    ASSERT_GT(law.size(), 200u);
    for (std::size_t j = 0; j < law.size(); ++j) {
        const double expected = Walk1DDistribution(n2 - std::int64_t(j), 0.5, 0.5).pmf(std::int64_t(j));
        EXPECT_NEAR(law[j], expected, 1e-15 + 1e-12 * expected) << j;
    }
}

TEST(ReturnCount, AgreesWithEnumerationOfAllPaths)
{
    for (const int n : {10, 11})
        for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.3, 0.7}, std::pair{0.3, 0.5}, std::pair{0.6, 0.1},
                                   std::pair{0.1, 0.1}, std::pair{0.0, 0.6}}) {
            const auto brute = walklab::core::test::enumeratePaths(n, p, q, 1);
            const auto law = *returnCountLaw(n, p, q);
            for (std::size_t j = 0; j <= std::size_t(n); ++j)
                EXPECT_NEAR(j < law.size() ? law[j] : 0.0, brute.returns[j], 1e-15) << n << " " << p << " " << q << " j " << j;
        }
}

TEST(ReturnCount, OneSidedLazyWalks)
{
    // q = 0 < r (or p = 0 < r): the walk returns only by lazy steps at 0 before its first move
    // away, so R_n = min(G, n) with G ~ Geometric, P(R_n ≥ j) = r^j (j ≤ n). The first term of
    // the sum has i = 0 and (2q)^0 = 1: it once gave 0·log 0 = NaN and an all-zero law.
    for (const auto& [p, q] : {std::pair{0.5, 0.0}, std::pair{0.0, 0.3}, std::pair{0.2, 0.0}}) {
        const double r = 1 - p - q;
        const std::int64_t n = 10;
        const auto law = *returnCountLaw(n, p, q);
        for (std::int64_t j = 0; j <= n; ++j) {
            const double expected = j < n ? std::pow(r, double(j)) * (1 - r) : std::pow(r, double(n));
            EXPECT_NEAR(j < std::int64_t(law.size()) ? law[std::size_t(j)] : 0.0, expected, 1e-15) << p << " " << q << " j " << j;
        }
        const auto brute = walklab::core::test::enumeratePaths(int(n), p, q, 1);
        for (std::size_t j = 0; j <= std::size_t(n); ++j)
            EXPECT_NEAR(j < law.size() ? law[j] : 0.0, brute.returns[j], 1e-15) << p << " " << q << " j " << j;
    }
    // p = q = 0: the walker stays at 0 and every step is a return.
    const auto still = *returnCountLaw(7, 0.0, 0.0);
    ASSERT_EQ(still.size(), 8u);
    EXPECT_EQ(still[7], 1.0);
    EXPECT_EQ(std::accumulate(still.begin(), still.end(), 0.0), 1.0);
}

TEST(ReturnCount, MeanIsTheSumOfTheReturnProbabilities)
{
    // E R_n = Σ_{t=1}^{n} u_t, from ReturnProbabilities (an independent recurrence).
    for (const auto& [p, q] : {std::pair{0.3, 0.4}, std::pair{0.45, 0.55}, std::pair{0.5, 0.5}}) {
        const std::int64_t n = 2000;
        const auto law = *returnCountLaw(n, p, q);
        long double mean = 0, total = 0;
        for (std::size_t j = 0; j < law.size(); ++j) {
            mean += j * law[j];
            total += law[j];
        }
        const double weights[] = {p, q};
        const auto stats = *returnStatistics(*StepLaw::simple(1, weights, 1 - p - q), n);
        EXPECT_NEAR(double(total), 1.0, 1e-12);
        EXPECT_NEAR(double(mean), stats.expectedReturns[std::size_t(n)], 1e-9) << p << " " << q;
    }
}

TEST(ReturnCount, LazyWalkLimit)
{
    const auto e = returnCountLaw(kMaxExactPathSteps, 0.3, 0.3);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().front().kind, ErrorKind::TooLarge);
    const auto big = returnCountLaw(1'000'000, 0.45, 0.55);  // r = 0: any n, O(J)
    ASSERT_TRUE(big.has_value());
    long double total = 0;
    for (double x : *big)
        total += x;
    EXPECT_NEAR(double(total), 1.0, 1e-12);
}
