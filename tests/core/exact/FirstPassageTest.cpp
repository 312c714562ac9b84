// First-passage and first-return laws: Catalan numbers (OEIS A000108), the hitting-time
// theorem, brute-force enumeration of all paths, and the identities Σ f_n = 1 − |p − q|,
// E[T_k] = Σ P(T_k > n), k ↔ −k under p ↔ q.
#include "core/exact/FirstPassage.h"

#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/PathEnumeration.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {

std::vector<double> passage(std::int64_t k, double p, double q, std::int64_t n)
{
    auto law = firstPassageLaw(k, p, q, n);
    EXPECT_TRUE(law.has_value());
    return law ? *law : std::vector<double>(std::size_t(n + 1), 0.0);
}

struct Walk {
    double p, q;
};

}  // namespace

TEST(FirstPassage, CatalanNumbersForTheSymmetricWalk)
{
    // OEIS A000108: C_0 … C_30. P(T_1 = 2m + 1) = C_m / 2^{2m+1}; f_{2m} = 2 C_{m−1} / 4^m
    // (Feller vol. I, §III.3 (3.7) and §XI.3).
    std::vector<double> catalan{1};
    for (int m = 1; m <= 30; ++m)
        catalan.push_back(catalan.back() * 2.0 * (2 * m - 1) / (m + 1));
    ASSERT_EQ(catalan[10], 16796.0);  // A000108(10)
    ASSERT_EQ(catalan[30], 3814986502092304.0);  // A000108(30)
    const auto t1 = passage(1, 0.5, 0.5, 61);
    const auto f = *firstReturnLaw(0.5, 0.5, 62);
    for (int m = 0; m <= 30; ++m) {
        EXPECT_NEAR(t1[std::size_t(2 * m + 1)] / (catalan[std::size_t(m)] / std::ldexp(1.0, 2 * m + 1)), 1.0, 1e-14) << m;
        EXPECT_EQ(t1[std::size_t(2 * m)], 0.0);
        if (m >= 1) {
            EXPECT_NEAR(f[std::size_t(2 * m)] / (2 * catalan[std::size_t(m - 1)] / std::ldexp(1.0, 2 * m)), 1.0, 1e-14) << m;
        }
    }
}

TEST(FirstPassage, HittingTimeTheorem)
{
    // P(T_k = n) = (|k|/n) P(S_n = k) (van der Hofstad & Keane 2008), through Walk1DDistribution.
    for (const Walk w : {Walk{0.5, 0.5}, Walk{0.45, 0.55}, Walk{0.3, 0.4}, Walk{0.2, 0.1}, Walk{0.05, 0.9}})
        for (const std::int64_t k : {1, 7, -3, 40}) {
            const auto law = passage(k, w.p, w.q, 3000);
            for (const std::int64_t n : {1, 2, 3, 40, 41, 99, 100, 777, 2000, 2999, 3000}) {
                const double expected = double(std::abs(k)) / double(n) * Walk1DDistribution(n, w.p, w.q).pmf(k);
                if (expected < 1e-240)
                    EXPECT_LT(law[std::size_t(n)], 1e-240);
                else
                    EXPECT_NEAR(law[std::size_t(n)] / expected, 1.0, 1e-11) << w.p << " " << w.q << " k " << k << " n " << n;
            }
        }
}

TEST(FirstPassage, AgreesWithEnumerationOfAllPaths)
{
    for (const Walk w : {Walk{0.5, 0.5}, Walk{0.3, 0.5}, Walk{0.6, 0.1}, Walk{0.45, 0.55}})
        for (const std::int64_t k : {1, 3, -2}) {
            const auto brute = walklab::core::test::enumeratePaths(11, w.p, w.q, k);
            const auto law = passage(k, w.p, w.q, 11);
            const auto f = *firstReturnLaw(w.p, w.q, 11);
            for (std::size_t n = 0; n <= 11; ++n) {
                EXPECT_NEAR(law[n], brute.passage[n], 1e-15) << "T_" << k << " n " << n;
                EXPECT_NEAR(f[n], brute.firstReturn[n], 1e-15) << "f n " << n;
            }
        }
}

TEST(FirstPassage, FirstReturnsSumToOneMinusTheDrift)
{
    // Σ_n f_n = 1 − |p − q| (Feller vol. I, §XI.3); the tails left out decay like (r + 2√pq)^n.
    for (const Walk w : {Walk{0.45, 0.55}, Walk{0.3, 0.4}, Walk{0.7, 0.3}}) {
        const auto f = *firstReturnLaw(w.p, w.q, 20000);
        long double sum = 0;
        for (double x : f)
            sum += x;
        EXPECT_NEAR(double(sum), 1 - std::abs(w.p - w.q), 1e-13) << w.p << " " << w.q;
    }
    // Symmetric: P(T_0 > 2m) = u_{2m} (Feller vol. I, §III.3, Lemma 1).
    const auto f = *firstReturnLaw(0.5, 0.5, 100000);
    long double sum = 0;
    for (double x : f)
        sum += x;
    EXPECT_NEAR(double(1 - sum) / Walk1DDistribution(100000, 0.5, 0.5).pmf(0), 1.0, 1e-10);
}

TEST(FirstPassage, MeanIsTheSumOfTheTail)
{
    // E[T_k] = Σ_n P(T_k > n) = k / (p − q) (Wald).
    for (const auto& [k, p, q] : {std::tuple{5, 0.6, 0.4}, std::tuple{3, 0.4, 0.3}, std::tuple{-4, 0.2, 0.5}}) {
        const auto law = passage(k, p, q, 20000);
        long double tail = 1, mean = 0;
        for (double x : law) {
            tail -= x;
            mean += tail;
        }
        EXPECT_NEAR(double(mean), meanPassageTime(k, p, q), 1e-9) << k;
        EXPECT_NEAR(meanPassageTime(k, p, q), std::abs(k) / std::abs(p - q), 1e-12);
    }
    EXPECT_TRUE(std::isinf(meanPassageTime(1, 0.5, 0.5)));
    EXPECT_TRUE(std::isinf(meanPassageTime(2, 0.4, 0.6)));
}

TEST(FirstPassage, ProbabilityOfEverArriving)
{
    for (const auto& [k, p, q] : {std::tuple{3, 0.4, 0.6}, std::tuple{-2, 0.5, 0.3}, std::tuple{2, 0.25, 0.3}}) {
        const auto law = passage(k, p, q, 20000);
        long double sum = 0;
        for (double x : law)
            sum += x;
        EXPECT_NEAR(double(sum), passageProbability(k, p, q), 1e-12);
    }
    EXPECT_DOUBLE_EQ(passageProbability(3, 0.4, 0.6), std::pow(2.0 / 3.0, 3));
    EXPECT_EQ(passageProbability(3, 0.6, 0.4), 1.0);
    EXPECT_EQ(passageProbability(1, 0.0, 0.5), 0.0);
    EXPECT_EQ(passageProbability(-1, 0.2, 0.0), 0.0);
}

TEST(FirstPassage, LevelAndItsMirrorExchangeUpAndDown)
{
    const auto up = passage(6, 0.3, 0.45, 5000), down = passage(-6, 0.45, 0.3, 5000);
    for (std::size_t n = 0; n < up.size(); ++n)  // r = 1 − p − q may differ in the last bit
        EXPECT_NEAR(up[n], down[n], 1e-12 * up[n]) << n;
}

TEST(FirstPassage, MillionStepsQuicklyAndFarLevels)
{
    const auto law = passage(2000, 0.5, 0.5, 1'000'000);  // starts at 2^-2000: below a double
    const auto lazy = passage(30, 0.3, 0.3, 1'000'000);
    for (const std::int64_t n : {4'000, 100'000, 1'000'000}) {
        EXPECT_NEAR(law[std::size_t(n)] / (2000.0 / double(n) * Walk1DDistribution(n, 0.5, 0.5).pmf(2000)), 1.0, 1e-10);
        EXPECT_NEAR(lazy[std::size_t(n)] / (30.0 / double(n) * Walk1DDistribution(n, 0.3, 0.3).pmf(30)), 1.0, 1e-9) << n;
    }
}

TEST(FirstPassage, Errors)
{
    EXPECT_EQ(firstPassageLaw(0, 0.5, 0.5, 10).error().front().message,
              "level = 0: must be a nonzero integer between −10^9 and 10^9");
    EXPECT_EQ(firstPassageLaw(1, 0.5, 0.5, -1).error().front().parameter, "steps");
    EXPECT_EQ(firstReturnLaw(0.5, 0.5, 20'000'000).error().front().kind, ErrorKind::TooLarge);
}
