// Tests of the radial laws P(|S_n| = ρ): small cases by hand, total mass, and E|S_n|².
#include "core/exact/RadialDistribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace walklab::core {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

TEST(RadialDistribution, TwoStepsByHand)
{
    // Z², n = 2: back to 0 with 4/16; (±1, ±1) four points, 2/16 each; (±2, 0), (0, ±2) 1/16 each.
    auto r = radialDistribution(*StepLaw::simple(2), 2);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->squaredRadius, (std::vector<std::int64_t>{0, 2, 4}));
    EXPECT_NEAR(r->probability[0], 0.25, 4 * eps);
    EXPECT_NEAR(r->probability[1], 0.5, 4 * eps);
    EXPECT_NEAR(r->probability[2], 0.25, 4 * eps);
    EXPECT_NEAR(r->radius(1), std::sqrt(2.0), 4 * eps);

    // Z³, n = 2: 0 with 6/36, e_i ± e_j (i ≠ j) twelve points 2/36 each, ±2e_i six points 1/36.
    auto c = radialDistribution(*StepLaw::simple(3), 2);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->squaredRadius, (std::vector<std::int64_t>{0, 2, 4}));
    EXPECT_NEAR(c->probability[0], 1.0 / 6, 4 * eps);
    EXPECT_NEAR(c->probability[1], 2.0 / 3, 4 * eps);
    EXPECT_NEAR(c->probability[2], 1.0 / 6, 4 * eps);
}

TEST(RadialDistribution, MassAndSecondMoment)
{
    // For a walk without drift E|S_n|² = n·E|X|² = n(1 − lazy).
    struct Case { int d; double lazy; std::int64_t n; };
    for (const auto c : {Case{1, 0.0, 501}, Case{2, 0.0, 1000}, Case{2, 0.3, 300}, Case{3, 0.0, 50},
                         Case{3, 0.1, 40}}) {
        auto r = radialDistribution(*StepLaw::simple(c.d, c.lazy), c.n);
        ASSERT_TRUE(r);
        double sum = 0;
        for (double p : r->probability)
            sum += p;
        EXPECT_NEAR(sum, 1.0, 1e-12) << c.d;
        EXPECT_NEAR(r->meanSquaredRadius(), c.n * (1 - c.lazy), 1e-10 * c.n) << c.d;
        EXPECT_EQ(r->dimension, c.d);
        EXPECT_EQ(r->steps, c.n);
    }
}

TEST(RadialDistribution, LimitsComeFromTheLatticeLaw)
{
    auto r = radialDistribution(*StepLaw::simple(3), 200);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error()[0].parameter, "steps");
    auto zero = radialDistribution(*StepLaw::simple(3), 0);
    ASSERT_TRUE(zero);
    EXPECT_EQ(zero->squaredRadius, std::vector<std::int64_t>{0});
    EXPECT_EQ(zero->probability, std::vector<double>{1.0});
}

}  // namespace
}  // namespace walklab::core
