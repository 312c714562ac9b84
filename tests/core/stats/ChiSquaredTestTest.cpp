// Pearson's chi-squared test: a textbook value, pooling, impossible cells.
#include "core/stats/ChiSquaredTest.h"

#include <gtest/gtest.h>

using walklab::core::chiSquaredTest;

TEST(ChiSquaredTest, FairDieTextbookExample)
{
    // 60 throws of a die, counts 5, 8, 9, 8, 10, 20 against 1/6 each:
    // X² = (25 + 4 + 1 + 4 + 0 + 100)/10 = 13.4 with 5 dof; the χ²₅ survival function has the
    // closed form erfc(√(x/2)) + √(2x/π) e^(−x/2) (1 + x/3) (Abramowitz & Stegun 26.4.5),
    // giving 0.019905220334774.
    const std::vector<std::uint64_t> observed{5, 8, 9, 8, 10, 20};
    const std::vector<double> p(6, 1.0 / 6);
    const auto r = chiSquaredTest(observed, p);
    EXPECT_NEAR(r.statistic, 13.4, 1e-12);
    EXPECT_EQ(r.degreesOfFreedom, 5);
    EXPECT_EQ(r.cells, 6);
    EXPECT_NEAR(r.pValue, 0.019905220334774, 1e-12);
}

TEST(ChiSquaredTest, PoolsNeighboursUntilFiveExpected)
{
    // 100 observations; probabilities 0.01 × 4 then 0.96: the small cells pool into one of
    // expected 4 < 5, which then joins the next, leaving a single cell: nothing to test.
    const auto r = chiSquaredTest({1, 1, 1, 1, 96}, {0.01, 0.01, 0.01, 0.01, 0.96});
    EXPECT_EQ(r.cells, 1);
    EXPECT_EQ(r.degreesOfFreedom, 0);
    EXPECT_EQ(r.pValue, 1.0);
    // Expected 3, 3, 3, 3, 88 → pooled cells (6), (6), (88).
    const auto s = chiSquaredTest({3, 3, 3, 3, 88}, {0.03, 0.03, 0.03, 0.03, 0.88});
    EXPECT_EQ(s.cells, 3);
    EXPECT_NEAR(s.statistic, 0.0, 1e-12);
}

TEST(ChiSquaredTest, ObservationInImpossibleCellGivesPValueZero)
{
    const auto r = chiSquaredTest({50, 1, 50}, {0.5, 0.0, 0.5});
    EXPECT_EQ(r.impossible, 1u);
    EXPECT_EQ(r.pValue, 0.0);
    const auto ok = chiSquaredTest({50, 0, 50}, {0.5, 0.0, 0.5});
    EXPECT_EQ(ok.impossible, 0u);
    EXPECT_NEAR(ok.pValue, 1.0, 1e-12);
}

TEST(ChiSquaredTest, GrossMisfitIsRejected)
{
    const auto r = chiSquaredTest({900, 100}, {0.5, 0.5});
    EXPECT_LT(r.pValue, 1e-100);
}
