// Tests of step laws: normalisation, the factories, and validation messages.
#include "core/exact/StepLaw.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace walklab::core {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

TEST(StepLaw, SimpleWalkHasEqualNeighbours)
{
    for (int d = 1; d <= 3; ++d) {
        auto law = StepLaw::simple(d);
        ASSERT_TRUE(law) << d;
        EXPECT_EQ(law->dimension(), d);
        EXPECT_EQ(law->steps().size(), std::size_t(2 * d));
        EXPECT_TRUE(law->isSimple());
        for (const auto& s : law->steps())
            EXPECT_NEAR(s.probability, 1.0 / (2 * d), eps);
        const auto p = law->simpleProbabilities();
        EXPECT_EQ(p.lazy, 0.0);
        EXPECT_NEAR(law->generatingFunction().sum(), 1.0, 4 * eps);
        const auto cov = law->covariance();
        for (int i = 0; i < d; ++i)
            EXPECT_NEAR(cov[i][i], 1.0 / d, 4 * eps);  // E X_i² = 2·1/(2d)
    }
}

TEST(StepLaw, LazyAndWeightedSimpleWalk)
{
    const std::vector<double> w{3, 1, 2, 2};
    auto law = StepLaw::simple(2, w, 0.2);
    ASSERT_TRUE(law);
    const auto p = law->simpleProbabilities();
    EXPECT_NEAR(p.plus[0], 0.8 * 3 / 8, eps);
    EXPECT_NEAR(p.minus[0], 0.8 * 1 / 8, eps);
    EXPECT_NEAR(p.plus[1], 0.8 * 2 / 8, eps);
    EXPECT_NEAR(p.lazy, 0.2, eps);
    EXPECT_NEAR(law->mean()[0], 0.8 * 2 / 8, 4 * eps);
    EXPECT_EQ(law->steps().size(), 5u);
    EXPECT_NE(law->description().find("lazy 0.2"), std::string::npos);
}

TEST(StepLaw, RangeDieAndMerging)
{
    const std::vector<double> w{1, 1, 2, 2, 1, 1};  // steps −2 … +3
    auto law = StepLaw::range(-2, w);
    ASSERT_TRUE(law);
    EXPECT_FALSE(law->isSimple());
    EXPECT_EQ(law->generatingFunction().lo()[0], -2);
    EXPECT_EQ(law->generatingFunction().hi()[0], 3);
    EXPECT_NEAR(law->mean()[0], (-2 - 1 + 0 + 2 + 2 + 3) / 8.0, 4 * eps);

    auto die = StepLaw::die();
    ASSERT_TRUE(die);
    EXPECT_NEAR(die->mean()[0], 3.5, 4 * eps);
    EXPECT_NEAR(die->covariance()[0][0], 35.0 / 12, 16 * eps);

    const std::vector<LatticePoint> v{{1, 0, 0}, {-1, 0, 0}, {1, 0, 0}, {5, 0, 0}};
    const std::vector<double> weights{1, 2, 1, 0};
    auto merged = StepLaw::fromSteps(1, v, weights);
    ASSERT_TRUE(merged);
    ASSERT_EQ(merged->steps().size(), 2u);  // the duplicate merged, the zero weight dropped
    EXPECT_EQ(merged->steps()[0].vector[0], -1);
    EXPECT_NEAR(merged->steps()[1].probability, 0.5, eps);
}

TEST(StepLaw, InvalidInputIsNamed)
{
    auto badDim = StepLaw::simple(4);
    ASSERT_FALSE(badDim);
    EXPECT_EQ(badDim.error()[0].parameter, "dimension");
    EXPECT_EQ(badDim.error()[0].message, "dimension = 4: must be 1, 2 or 3");

    auto badLazy = StepLaw::simple(2, 1.0);
    ASSERT_FALSE(badLazy);
    EXPECT_EQ(badLazy.error()[0].message, "lazy = 1: must be at least 0 and less than 1");
    EXPECT_FALSE(StepLaw::simple(1, std::numeric_limits<double>::quiet_NaN()));

    const std::vector<double> nan{1, std::numeric_limits<double>::quiet_NaN()};
    auto badWeight = StepLaw::range(0, nan);
    ASSERT_FALSE(badWeight);
    EXPECT_EQ(badWeight.error()[0].parameter, "weights");
    EXPECT_NE(badWeight.error()[0].message.find("nan"), std::string::npos);

    const std::vector<double> zeros{0, 0};
    EXPECT_FALSE(StepLaw::range(0, zeros));
    const std::vector<double> inf{1, std::numeric_limits<double>::infinity()};
    EXPECT_FALSE(StepLaw::range(0, inf));

    const std::vector<LatticePoint> off{{1, 1, 0}};
    const std::vector<double> one{1};
    auto offAxis = StepLaw::fromSteps(1, off, one);
    ASSERT_FALSE(offAxis);
    EXPECT_EQ(offAxis.error()[0].parameter, "steps");

    EXPECT_FALSE(StepLaw::die(0));
    const std::vector<double> far{1, 1};
    auto tooFar = StepLaw::range(StepLaw::kMaxStepLength, far);
    ASSERT_FALSE(tooFar);
    EXPECT_EQ(tooFar.error()[0].parameter, "lowest");

    const std::vector<LatticePoint> wide{{-1000, -1000, 0}, {1000, 1000, 0}};
    const std::vector<double> two{1, 1};
    auto box = StepLaw::fromSteps(2, wide, two);
    ASSERT_FALSE(box);
    EXPECT_EQ(box.error()[0].kind, ErrorKind::TooLarge);
}

}  // namespace
}  // namespace walklab::core
