// The bulk exponential sampler −ln U (core/process/detail/UnitExponentials.h): the same bits at
// every CpuLevel, the logarithm against the C library's, the law by Kolmogorov–Smirnov.
#include "core/process/detail/UnitExponentials.h"
#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/stats/KolmogorovSmirnov.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace walklab::core;

namespace {

std::vector<double> draw(CpuLevel level, std::size_t n, std::size_t chunk)
{
    Engine engine = makeStream(42, 5);
    engine.useCpuLevel(level);
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; i += chunk)
        detail::unitExponentials(engine, x.data() + i, std::min(chunk, n - i), level);
    return x;
}

}  // namespace

TEST(UnitExponentials, EveryCpuLevelGivesTheSameBits)
{
    // Chunks of 1000 straddle the engine's 256-word buffer at varying offsets.
    const std::vector<double> reference = draw(CpuLevel::Baseline, 200000, 1000);
    for (int level = 1; level <= int(detectedCpuLevel()); ++level) {
        const std::vector<double> x = draw(CpuLevel(level), 200000, 1000);
        for (std::size_t i = 0; i < x.size(); ++i)
            ASSERT_EQ(std::bit_cast<std::uint64_t>(x[i]), std::bit_cast<std::uint64_t>(reference[i]))
                << cpuLevelName(CpuLevel(level)) << ", variate " << i;
    }
}

TEST(UnitExponentials, OneWordPerVariateInStreamOrder)
{
    Engine e1 = makeStream(3, 0), e2 = makeStream(3, 0);
    std::vector<double> x(777);
    detail::unitExponentials(e1, x.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        ASSERT_EQ(x[i], detail::unitExponential(e2())) << i;
    EXPECT_EQ(e1(), e2());
}

TEST(UnitExponentials, LogarithmWithinOneUlpOfTheCLibrary)
{
    // −ln((k + 1)·2^-52) against std::log (glibc, < 1 ulp) at the extremes and across (0, 1].
    std::vector<std::uint64_t> words = {0, ~0ULL, 1ULL << 12, 0x8000000000000000ULL, 0x6a09e667f3bcc908ULL,
                                        0xb504f333f9de6484ULL, 0xfffffffffffff000ULL};
    Engine engine = makeStream(11, 0);
    for (int i = 0; i < 100000; ++i)
        words.push_back(engine() >> (i % 64));  // small U too: every binary exponent
    for (const std::uint64_t w : words) {
        const double u = double((w >> 12) + 1) * 0x1p-52;
        const double expected = -std::log(u), x = detail::unitExponential(w);
        EXPECT_LE(std::abs(x - expected), 1.5 * (std::nextafter(expected, 1e300) - expected) + 1e-300)
            << "word " << w << ": " << x << " vs " << expected;
    }
    EXPECT_EQ(detail::unitExponential(~0ULL), 0.0);                       // U = 1
    EXPECT_NEAR(detail::unitExponential(0), 52 * std::log(2.0), 1e-14);  // U = 2^-52
}

TEST(UnitExponentials, FollowExponentialOneAndRejectAWrongRate)
{
    const std::vector<double> x = draw(activeCpuLevel(), 1 << 20, 1 << 20);
    const auto fit = kolmogorovSmirnovTest(x, [](double v) { return -std::expm1(-v); });
    EXPECT_GT(fit.pValue, 1e-3) << "D = " << fit.statistic;
    // Rate 1.01 instead of 1 is rejected at this size (D ≈ 0.0037, critical ≈ 0.002 at p = 1e-3).
    const auto wrong = kolmogorovSmirnovTest(x, [](double v) { return -std::expm1(-1.01 * v); });
    EXPECT_LT(wrong.pValue, 1e-6) << "D = " << wrong.statistic;
}

TEST(UnitExponentials, AddWhileAtMostStopsAtTheFirstSumBeyondTheEnd)
{
    // Spans of 1 … 300 variates (whole 64-blocks, groups of 8 and single tails) from varying starts,
    // against ends anywhere in their range: the count and the sum against one-by-one addition in
    // long double (equal unless the end lies within rounding of a partial sum, which these ends
    // avoid), and the same bits at every CpuLevel.
    const std::vector<double> x = draw(CpuLevel::Baseline, 4000, 4000);
    Engine pick = makeStream(8, 0);
    for (int trial = 0; trial < 3000; ++trial) {
        const std::size_t n = 1 + pick() % 300, start = pick() % (x.size() - n);
        const double t0 = double(pick() % 1000), span = double(n) * 1.2;
        const double end = t0 + span * double(pick() >> 11) * 0x1p-53;
        long double exact = t0;
        std::size_t expected = n;
        bool close = false;  // the end within rounding of a partial sum: too close to call
        for (std::size_t j = 0; j < n; ++j) {
            exact += x[start + j];
            close = close || std::abs(double(exact) - end) < 1e-9 * end;
            if (exact > end) {
                expected = j;
                break;
            }
        }
        if (close)
            continue;
        double reference = t0;
        const std::size_t i = detail::addWhileAtMost(reference, x.data() + start, n, end, CpuLevel::Baseline);
        ASSERT_EQ(i, expected) << "trial " << trial << ": n = " << n << ", end = " << end;
        EXPECT_NEAR(reference, double(exact), 1e-12 * double(exact));
        if (i < n) {
            EXPECT_GT(reference, end);
        }
        for (int level = 1; level <= int(detectedCpuLevel()); ++level) {
            double t = t0;
            ASSERT_EQ(detail::addWhileAtMost(t, x.data() + start, n, end, CpuLevel(level)), i);
            ASSERT_EQ(std::bit_cast<std::uint64_t>(t), std::bit_cast<std::uint64_t>(reference))
                << cpuLevelName(CpuLevel(level)) << ", trial " << trial;
        }
    }
}
