// Integer histogram: growth in both directions, order-free merging, moments.
#include "core/stats/IntegerHistogram.h"

#include <gtest/gtest.h>

using walklab::core::IntegerHistogram;

TEST(IntegerHistogram, GrowsBothWaysAndCounts)
{
    IntegerHistogram h;
    EXPECT_TRUE(h.empty());
    h.add(3);
    h.add(-2, 4);
    h.add(7);
    h.add(0, 0);  // a zero count changes nothing
    EXPECT_EQ(h.total(), 6u);
    EXPECT_EQ(h.minValue(), -2);
    EXPECT_EQ(h.maxValue(), 7);
    EXPECT_EQ(h.count(-2), 4u);
    EXPECT_EQ(h.count(3), 1u);
    EXPECT_EQ(h.count(0), 0u);
    EXPECT_EQ(h.count(100), 0u);
}

TEST(IntegerHistogram, MergeIsOrderFree)
{
    IntegerHistogram a, b, c;
    for (int i = -5; i <= 5; ++i)
        a.add(i, std::uint64_t(i + 6));
    b.add(-20, 2);
    b.add(30, 1);
    c.add(2, 9);
    IntegerHistogram abc = a, cba = c;
    abc.merge(b);
    abc.merge(c);
    cba.merge(b);
    cba.merge(a);
    EXPECT_EQ(abc, cba);
    EXPECT_EQ(abc.total(), a.total() + b.total() + c.total());
    EXPECT_EQ(abc.count(2), 8u + 9u);
    IntegerHistogram single;
    single.add(4);
    IntegerHistogram merged;
    merged.merge(single);
    EXPECT_EQ(merged, single);
}

TEST(IntegerHistogram, MeanAndUnbiasedVariance)
{
    // Values 1, 2, 3, 4 with counts 1, 1, 1, 1: mean 2.5, sample variance 5/3.
    IntegerHistogram h;
    for (int i = 1; i <= 4; ++i)
        h.add(i);
    EXPECT_DOUBLE_EQ(h.mean(), 2.5);
    EXPECT_DOUBLE_EQ(h.variance(), 5.0 / 3.0);
    IntegerHistogram one;
    one.add(-3);
    EXPECT_EQ(one.mean(), -3.0);
    EXPECT_EQ(one.variance(), 0.0);
}
