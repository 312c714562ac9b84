// Bins of walk times: unit bins for short horizons, logarithmic bins (waiting times: first
// passage, first return, ruin duration) and even-width linear bins (time positive, last zero)
// for long ones; index() against the edges; exact bin masses against closed-form sums.
#include "core/stats/TimeBins.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using walklab::core::kMaxUnitOccupationSteps;
using walklab::core::kMaxUnitTimeBins;
using walklab::core::TimeBins;

namespace {

/// Edges strictly increasing from `first` to last + 1; every time in exactly one bin.
void expectTiling(const TimeBins& b, std::int64_t first, std::int64_t last)
{
    const auto& e = b.edges();
    ASSERT_EQ(e.size(), b.bins() + 1);
    EXPECT_EQ(e.front(), first);
    EXPECT_EQ(e.back(), last + 1);
    for (std::size_t i = 0; i + 1 < e.size(); ++i) {
        ASSERT_LT(e[i], e[i + 1]) << i;
        EXPECT_EQ(b.lower(i), e[i]);
        EXPECT_EQ(b.upper(i), e[i + 1] - 1);
        EXPECT_EQ(b.width(i), e[i + 1] - e[i]);
    }
}

/// index() at both ends of every bin.
void expectIndexFindsTheBin(const TimeBins& b)
{
    for (std::size_t i = 0; i < b.bins(); ++i) {
        ASSERT_EQ(b.index(b.lower(i)), i);
        ASSERT_EQ(b.index(b.upper(i)), i);
    }
}

/// The geometric law P(t) = (1 − ρ)ρ^t, t = 0 … N.
std::vector<double> geometric(double rho, std::int64_t N)
{
    std::vector<double> pmf;
    for (std::int64_t t = 0; t <= N; ++t)
        pmf.push_back((1 - rho) * std::pow(rho, double(t)));
    return pmf;
}

}  // namespace

TEST(TimeBins, DefaultIsTheSingleTimeZero)
{
    const TimeBins b;
    EXPECT_EQ(b.bins(), 1u);
    EXPECT_EQ(b.edges(), (std::vector<std::int64_t>{0, 1}));
    EXPECT_TRUE(b.unit());
}

TEST(TimeBins, ShortHorizonsGetUnitBins)
{
    for (const std::int64_t n : {std::int64_t(1), std::int64_t(2), std::int64_t(7), std::int64_t(300), kMaxUnitTimeBins}) {
        const TimeBins waiting = TimeBins::logarithmic(1, n);
        expectTiling(waiting, 1, n);
        EXPECT_TRUE(waiting.unit());
        EXPECT_EQ(waiting.bins(), std::size_t(n));
        for (std::int64_t t = 1; t <= n; t += 1 + n / 50)
            EXPECT_EQ(waiting.index(t), std::size_t(t - 1));
    }
    for (const std::int64_t n : {std::int64_t(0), std::int64_t(1), std::int64_t(20), kMaxUnitOccupationSteps}) {
        const TimeBins occupation = TimeBins::linear(n);
        expectTiling(occupation, 0, n);
        EXPECT_TRUE(occupation.unit());
    }
    // One more time and the bins widen.
    EXPECT_FALSE(TimeBins::logarithmic(1, kMaxUnitTimeBins + 1).unit());
    EXPECT_FALSE(TimeBins::linear(kMaxUnitOccupationSteps + 1).unit());
}

TEST(TimeBins, LogarithmicBinsAreUnitBelow100ThenFortyPerDecade)
{
    const double ratio = std::pow(10.0, 1.0 / 40);
    for (const std::int64_t n : {std::int64_t(kMaxUnitTimeBins) + 1, std::int64_t(10'000), std::int64_t(123'457),
                                 std::int64_t(1'000'000'000)}) {
        const TimeBins b = TimeBins::logarithmic(1, n);
        expectTiling(b, 1, n);
        expectIndexFindsTheBin(b);
        EXPECT_FALSE(b.unit());
        const auto& e = b.edges();
        int inThirdDecade = 0;  // edges in [1000, 10000)
        for (std::size_t i = 0; i + 2 < e.size(); ++i) {  // the last bin ends at n + 1, wherever that falls
            if (e[i] < 100) {
                EXPECT_EQ(b.width(i), 1) << "t = " << e[i];
                continue;
            }
            // Consecutive rounded terms of 100·10^(j/40): the ratio up to the rounding of both.
            const double r = double(e[i + 1]) / double(e[i]);
            EXPECT_NEAR(r, ratio, 1.1 * ratio / double(e[i])) << "t = " << e[i];
            inThirdDecade += e[i] >= 1000 && e[i] < 10'000;
        }
        if (n >= 10'000) {
            EXPECT_EQ(inThirdDecade, 40) << n;
        }
        // 99 unit bins, ~40 per decade above 100: the memory of a histogram does not grow with n.
        EXPECT_LE(double(b.bins()), 99 + 40 * std::log10(double(n) / 100) + 2) << n;
    }
    // A later start: no unit bins below it, and the first bin starts there.
    const TimeBins late = TimeBins::logarithmic(500, 10'000'000);
    expectTiling(late, 500, 10'000'000);
    EXPECT_GT(late.width(0), 1);
}

TEST(TimeBins, LinearBinsHaveOneEvenWidth)
{
    for (const std::int64_t n : {kMaxUnitOccupationSteps + 1, std::int64_t(1000), std::int64_t(10'000),
                                 std::int64_t(999'999), std::int64_t(1'000'000), std::int64_t(10'000'001)}) {
        const TimeBins b = TimeBins::linear(n);
        expectTiling(b, 0, n);
        expectIndexFindsTheBin(b);
        // `count` = 150, less the rounding of the width up to even: 100–150 bins (the histogram of
        // an occupation time has ~100 walkers per bin from M = 10^4, whatever n).
        EXPECT_LE(b.bins(), 150u) << n;
        EXPECT_GE(b.bins(), n < 1000 ? 75u : 100u) << n;
        const std::int64_t width = b.width(0);
        EXPECT_EQ(width % 2, 0) << n;
        // Every bin but the last has the same even width, so it holds as many even as odd
        // times: a time that keeps the parity of n has the same number of possible values in each.
        for (std::size_t i = 0; i + 1 < b.bins(); ++i) {
            ASSERT_EQ(b.width(i), width) << i;
            ASSERT_EQ(b.lower(i) % 2, 0) << i;
        }
        // The last bin holds the remainder: between half and one and a half widths.
        EXPECT_GE(2 * b.width(b.bins() - 1), width) << n;
        EXPECT_LT(2 * b.width(b.bins() - 1), 3 * width) << n;
    }
    EXPECT_EQ(TimeBins::linear(100'000, 10).edges(),
              (std::vector<std::int64_t>{0, 10'002, 20'004, 30'006, 40'008, 50'010, 60'012, 70'014, 80'016, 90'018, 100'001}));
    // A remainder of fewer than half a width joins the last full bin: 1001 times in widths 8.
    const TimeBins joined = TimeBins::linear(1000);
    EXPECT_EQ(joined.bins(), 125u);
    EXPECT_EQ(joined.lower(124), 992);
    EXPECT_EQ(joined.width(124), 9);
}

TEST(TimeBins, MassesSumThePmfOverEachBin)
{
    // Unit bins: the pmf itself.
    const std::vector<double> pmf = geometric(0.5, 30);
    const std::vector<double> unit = TimeBins::logarithmic(1, 30).masses(pmf);
    ASSERT_EQ(unit.size(), 30u);
    for (std::size_t i = 0; i < unit.size(); ++i)
        EXPECT_EQ(unit[i], pmf[i + 1]);

    // Wide bins: Σ over bin i, and the masses add up to Σ_{t=1}^{N} (1 − ρ)ρ^t = ρ − ρ^{N+1}.
    const double rho = 0.9999;
    const std::int64_t N = 200'000;
    const std::vector<double> law = geometric(rho, N);
    const TimeBins bins = TimeBins::logarithmic(1, N);
    const std::vector<double> m = bins.masses(law);
    ASSERT_EQ(m.size(), bins.bins());
    long double total = 0;
    for (double x : m)
        total += x;
    EXPECT_NEAR(double(total), rho - std::pow(rho, double(N + 1)), 1e-13);
    // One wide bin, [a, b]: (ρ^a − ρ^{b+1}).
    const std::size_t i = bins.index(50'000);
    EXPECT_NEAR(m[i], std::pow(rho, double(bins.lower(i))) - std::pow(rho, double(bins.upper(i) + 1)), 1e-15);

    // A pmf shorter than the bins: times beyond it count 0.
    const std::vector<double> shortLaw = geometric(0.5, 10);
    const std::vector<double> cut = TimeBins::logarithmic(1, 30).masses(shortLaw);
    EXPECT_EQ(cut[9], shortLaw[10]);
    for (std::size_t j = 10; j < cut.size(); ++j)
        EXPECT_EQ(cut[j], 0.0);

    // A law on even times only (a ±1 walk's returns): even-width linear bins from 0 hold the
    // same number of possible times, so equal point masses give equal bin masses.
    const std::int64_t n = 100'000;
    std::vector<double> even(std::size_t(n + 1), 0.0);
    for (std::int64_t t = 0; t <= n; t += 2)
        even[std::size_t(t)] = 1.0 / double(n / 2 + 1);
    const TimeBins linear = TimeBins::linear(n, 10);
    const std::vector<double> masses = linear.masses(even);
    for (std::size_t j = 0; j + 1 < masses.size(); ++j)
        EXPECT_NEAR(masses[j], masses[0], 1e-15) << j;
}
