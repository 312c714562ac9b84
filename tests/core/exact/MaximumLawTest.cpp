// The law of the maximum: Feller's closed form for the symmetric walk, enumeration of all
// paths (biased and lazy), and P(M_n ≥ m) = P(T_m ≤ n) against the first-passage law.
#include "core/exact/MaximumLaw.h"

#include "core/exact/FirstPassage.h"
#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/PathEnumeration.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

TEST(MaximumLaw, SymmetricWalkClosedForm)
{
    // P(M_n = m) = P(S_n = m) + P(S_n = m + 1) (Feller vol. I, §III.7, Theorem 1).
    for (const std::int64_t n : {100, 101}) {
        const auto law = *maximumLaw(n, 0.5, 0.5);
        const Walk1DDistribution s(n, 0.5, 0.5);
        for (std::int64_t m = 0; m <= n; ++m)
            EXPECT_NEAR(law[std::size_t(m)], s.pmf(m) + s.pmf(m + 1), 1e-16) << n << " " << m;
    }
}

TEST(MaximumLaw, AgreesWithEnumerationOfAllPaths)
{
    for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.3, 0.5}, std::pair{0.6, 0.1}, std::pair{0.35, 0.65},
                               std::pair{0.0, 0.4}, std::pair{0.7, 0.0}}) {
        const auto brute = walklab::core::test::enumeratePaths(11, p, q, 1);
        const auto law = *maximumLaw(11, p, q);
        for (std::size_t m = 0; m <= 11; ++m)
            EXPECT_NEAR(law[m], brute.maximum[m], 1e-15) << p << " " << q << " m " << m;
    }
}

TEST(MaximumLaw, TailIsTheFirstPassageDistributionFunction)
{
    for (const auto& [p, q] : {std::pair{0.45, 0.55}, std::pair{0.3, 0.25}, std::pair{0.2, 0.6}}) {
        const std::int64_t n = 3000;
        const auto tail = *maximumTail(n, p, q);
        EXPECT_EQ(tail[0], 1.0);
        for (const std::int64_t m : {1, 2, 10, 40, 150}) {
            const auto passage = *firstPassageLaw(m, p, q, n);
            long double cdf = 0;
            for (double x : passage)
                cdf += x;
            EXPECT_NEAR(tail[std::size_t(m)], double(cdf), 1e-13 + 1e-11 * double(cdf)) << p << " " << q << " m " << m;
        }
    }
}

TEST(MaximumLaw, SumsToOneForAMillionStepsQuickly)
{
    for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.45, 0.55}, std::pair{0.3, 0.3}, std::pair{0.51, 0.49}}) {
        const auto law = *maximumLaw(1'000'000, p, q);
        long double sum = 0, mean = 0;
        for (std::size_t m = 0; m < law.size(); ++m) {
            EXPECT_GE(law[m], -1e-18);
            sum += law[m];
            mean += m * law[m];
        }
        EXPECT_NEAR(double(sum), 1.0, 1e-12) << p << " " << q;
        if (p > q) {  // M_n ≥ S_n, and E M_n − E S_n → E[max of the reversed walk] = q/(p − q)
            EXPECT_NEAR(double(mean) - 1e6 * (p - q), q / (p - q), 1e-6);
        }
    }
}

TEST(MaximumLaw, TenMillionStepsOnlyNeedTheSpreadOfTheWalk)
{
    // n = 10^7: the working arrays cover the significant range of S_n (±40 standard deviations),
    // not n; above it the law is exactly 0, below it Feller's P(M_n = m) = P(S_n = m) + P(S_n = m + 1)
    // (vol. I, §III.7, Theorem 1) holds to the last digits.
    const std::int64_t n = 10'000'000;
    const auto law = *maximumLaw(n, 0.5, 0.5);
    ASSERT_EQ(law.size(), std::size_t(n + 1));
    const Walk1DDistribution s(n, 0.5, 0.5);
    for (const std::int64_t m : {0, 1, 2, 1000, 3161, 3162, 10'000, 20'000})
        EXPECT_NEAR(law[std::size_t(m)], s.pmf(m) + s.pmf(m + 1), 1e-15) << m;
    EXPECT_EQ(law[200'000], 0.0);
    EXPECT_EQ(law[std::size_t(n)], 0.0);
    const auto tail = *maximumTail(n, 0.45, 0.55);  // P(M_n ≥ m) = (p/q)^m for the downward drift
    ASSERT_EQ(tail.size(), std::size_t(n + 1));
    for (const std::int64_t m : {1, 10, 100})
        EXPECT_NEAR(tail[std::size_t(m)], std::pow(0.45 / 0.55, double(m)), 1e-12) << m;
    EXPECT_EQ(tail[std::size_t(n)], 0.0);
}
