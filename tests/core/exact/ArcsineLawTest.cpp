// Time positive and last zero: Feller's arcsine table (vol. I, §III.4), u_{2k} u_{2n−2k},
// enumeration of all paths (biased and lazy), normalisation at 10^6 steps, the continuous limit.
#include "core/exact/ArcsineLaw.h"

#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/PathEnumeration.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {

double u(std::int64_t n) { return Walk1DDistribution(n, 0.5, 0.5).pmf(0); }

}  // namespace

TEST(ArcsineLaw, FellersTableForTenSteps)
{
    // Feller vol. I, §III.4, table of the discrete arcsine law for 2n = 10:
    // P(2k of 10 steps positive), k = 0 … 5: 0.2461, 0.1367, 0.1172, 0.1172, 0.1367, 0.2461.
    const double feller[] = {0.2461, 0.1367, 0.1172, 0.1172, 0.1367, 0.2461};
    const auto positive = *timePositiveLaw(10, 0.5, 0.5);
    const auto lastZero = *lastZeroLaw(10, 0.5, 0.5);
    for (int k = 0; k <= 5; ++k) {
        EXPECT_NEAR(positive[std::size_t(2 * k)], feller[k], 5e-5) << k;
        EXPECT_NEAR(lastZero[std::size_t(2 * k)], feller[k], 5e-5) << k;
    }
    for (std::size_t odd = 1; odd < 10; odd += 2)
        EXPECT_EQ(positive[odd], 0.0);
}

TEST(ArcsineLaw, DiscreteArcsineLawOfTheSymmetricWalk)
{
    // P(P_{2n} = 2k) = P(L_{2n} = 2k) = u_{2k} u_{2n−2k} (Feller vol. I, §III.4, Theorems 1 and 2).
    const std::int64_t n = 200;
    const auto positive = *timePositiveLaw(2 * n, 0.5, 0.5);
    const auto lastZero = *lastZeroLaw(2 * n, 0.5, 0.5);
    for (std::int64_t k = 0; k <= n; ++k) {
        const double expected = u(2 * k) * u(2 * n - 2 * k);
        EXPECT_NEAR(positive[std::size_t(2 * k)] / expected, 1.0, 1e-12) << k;
        EXPECT_NEAR(lastZero[std::size_t(2 * k)] / expected, 1.0, 1e-12) << k;
    }
}

TEST(ArcsineLaw, AgreesWithEnumerationOfAllPaths)
{
    for (const int n : {10, 11})
        for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.3, 0.7}, std::pair{0.3, 0.5}, std::pair{0.6, 0.1},
                                   std::pair{0.25, 0.25}, std::pair{0.0, 0.6}}) {
            const auto brute = walklab::core::test::enumeratePaths(n, p, q, 1);
            const auto positive = *timePositiveLaw(n, p, q);
            const auto lastZero = *lastZeroLaw(n, p, q);
            for (std::size_t k = 0; k <= std::size_t(n); ++k) {
                EXPECT_NEAR(positive[k], brute.timePositive[k], 1e-15) << n << " " << p << " " << q << " k " << k;
                EXPECT_NEAR(lastZero[k], brute.lastZero[k], 1e-15) << n << " " << p << " " << q << " t " << k;
            }
        }
}

TEST(ArcsineLaw, MillionStepsSumToOneQuickly)
{
    // Each law of 10^6 steps in well under a second (about 0.3 s measured, Release).
    auto sumOf = [](const Expected<std::vector<double>>& law) {
        long double sum = 0;
        for (double x : *law)
            sum += x;
        return double(sum);
    };
    for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.45, 0.55}, std::pair{0.3, 0.4}}) {
        if (p + q == 1.0) {
            EXPECT_NEAR(sumOf(timePositiveLaw(1'000'000, p, q)), 1.0, 1e-12);
        }
        EXPECT_NEAR(sumOf(lastZeroLaw(1'000'000, p, q)), 1.0, 1e-12);
    }
}

TEST(ArcsineLaw, ContinuousLimit)
{
    EXPECT_NEAR(arcsineCdf(0.5), 0.5, 1e-15);
    EXPECT_NEAR(arcsineDensity(0.5), 2 / M_PI, 1e-15);
    EXPECT_EQ(arcsineDensity(-0.1), 0.0);
    // P(P_n ≤ 0.1 n) for n = 2000 is close to (2/π) arcsin √0.1 = 0.2048 (Feller vol. I, §III.4),
    // the same for the lazy walk at its largest exact size.
    const auto sym = *timePositiveLaw(2000, 0.5, 0.5);
    const auto lazy = *timePositiveLaw(kMaxLazyOccupationSteps, 0.25, 0.25);
    double a = 0, b = 0;
    for (std::size_t k = 0; k <= 200; ++k)
        a += sym[k];
    for (std::size_t k = 0; k <= std::size_t(kMaxLazyOccupationSteps / 10); ++k)
        b += lazy[k];
    EXPECT_NEAR(a, arcsineCdf(0.1), 0.01);
    EXPECT_NEAR(b, arcsineCdf(0.1), 0.03);
}

TEST(ArcsineLaw, LazyWalkBeyondTheExactLimit)
{
    const auto e = timePositiveLaw(kMaxLazyOccupationSteps + 1, 0.3, 0.3);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(e.error().front().parameter, "steps");
    EXPECT_EQ(lastZeroLaw(-1, 0.5, 0.5).error().front().kind, ErrorKind::InvalidParameter);
}
