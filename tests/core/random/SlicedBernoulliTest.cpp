// The bit-sliced Bernoulli kernel: each trial is exactly the integer comparison U < A of the
// 64-digit uniform it reads, its law is Binomial(64, p) per group, and the levels agree.
#include "core/random/SlicedBernoulli.h"

#include "core/stats/ChiSquaredTest.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <vector>

using namespace walklab::core;

namespace {

constexpr std::uint64_t kAll = ~0ULL;

// The reference: U_i as a 64-bit integer from bit i of the words w_0 … w_63 (w_0 most
// significant), compared with A and B as integers; `used` = words the digit method needs,
// 1 + the largest over trials (and thresholds in play) of the first differing digit.
struct Reference {
    SlicedBernoulli::Masks masks;
    std::size_t used = 0;
};

Reference reference(const std::vector<std::uint64_t>& w, std::uint64_t A, std::uint64_t B, bool bBelowOne)
{
    Reference r;
    r.masks.belowB = bBelowOne ? 0 : kAll;
    for (int i = 0; i < 64; ++i) {
        std::uint64_t u = 0;
        for (int d = 0; d < 64; ++d)
            u |= ((w[std::size_t(d)] >> i) & 1) << (63 - d);
        if (u < A)
            r.masks.belowA |= 1ULL << i;
        if (bBelowOne && u < B)
            r.masks.belowB |= 1ULL << i;
        auto firstDifference = [u](std::uint64_t t) { return u == t ? 64 : std::size_t(std::countl_zero(u ^ t)) + 1; };
        if (A != 0)
            r.used = std::max(r.used, firstDifference(A));
        if (bBelowOne && B != 0)
            r.used = std::max(r.used, firstDifference(B));
    }
    return r;
}

}  // namespace

TEST(SlicedBernoulli, EachTrialIsTheIntegerComparisonOfItsDigits)
{
    struct Case {
        std::uint64_t A, B;
        bool bBelowOne;
    };
    const std::vector<Case> cases{
        {0x4ccccccccccccccdULL, 0, false},                       // p = 0.3, never lazy
        {0x4000000000000000ULL, 0x8000000000000000ULL, true},    // p = q = 1/4
        {0x4ccccccccccccccdULL, 0x8000000000000000ULL, true},    // p = 0.3, q = 0.2
        {1, 3, true},                                            // p = 2^-64, q = 2^-63
        {0xfffffffffffffff0ULL, 0xfffffffffffffffeULL, true},    // close to 1
        {0, 0x5555555555555555ULL, true},                        // p = 0
        {0, 0, true},                                            // always lazy
        {0x123456789abcdef0ULL, 0x123456789abcdef0ULL, true},    // q = 0
    };
    Engine engine = makeStream(314, 15);
    for (const Case& c : cases) {
        const SlicedBernoulli trials(c.A, c.B, c.bBelowOne);
        for (int g = 0; g < 300; ++g) {
            Engine copy = engine;
            std::vector<std::uint64_t> w(65);
            copy.generate(w.data(), w.size());
            const Reference ref = reference(w, c.A, c.B, c.bBelowOne);
            const SlicedBernoulli::Masks m = trials.group(engine);
            ASSERT_EQ(m.belowA, ref.masks.belowA) << "A = " << c.A << ", group " << g;
            ASSERT_EQ(m.belowB, ref.masks.belowB) << "B = " << c.B << ", group " << g;
            ASSERT_EQ(engine(), w[ref.used]) << "words read, A = " << c.A;  // exactly `used` words read
        }
    }
}

TEST(SlicedBernoulli, GroupsFollowBinomial64)
{
    // Ups per group of 64 ~ Binomial(64, 0.3) and moves ~ Binomial(64, 0.5) (lazy p = 0.3,
    // q = 0.2): chi-squared over 2·10^5 groups; the same counts reject p = 0.302.
    const double p = 0.3, q = 0.2;
    const std::uint64_t A = std::uint64_t((long double)p * 18446744073709551616.0L);
    const std::uint64_t D = std::uint64_t((long double)q * 18446744073709551616.0L);
    const SlicedBernoulli trials(A, A + D, true);
    Engine engine = makeStream(77, 0);
    std::vector<std::uint64_t> ups(65, 0), moves(65, 0), position(64, 0);
    const int groups = 200'000;
    for (int g = 0; g < groups; ++g) {
        const auto m = trials.group(engine);
        ++ups[std::size_t(std::popcount(m.belowA))];
        ++moves[std::size_t(std::popcount(m.belowB))];
        for (int i = 0; i < 64; ++i)
            position[std::size_t(i)] += (m.belowA >> i) & 1;
    }
    auto law = [](double prob) {
        std::vector<double> pmf;
        for (int k = 0; k <= 64; ++k)
            pmf.push_back(boost::math::pdf(boost::math::binomial(64, prob), k));
        return pmf;
    };
    EXPECT_GT(chiSquaredTest(ups, law(p)).pValue, 1e-4);
    EXPECT_GT(chiSquaredTest(moves, law(p + q)).pValue, 1e-4);
    EXPECT_LT(chiSquaredTest(ups, law(0.302)).pValue, 1e-4);
    // No position in the group is favoured: each bit is up with probability p (5σ).
    for (std::uint64_t n : position)
        EXPECT_NEAR(double(n) / groups, p, 5 * std::sqrt(p * (1 - p) / groups));
}

TEST(SlicedBernoulli, CountIsTheSumOfGroupsAtEveryLevel)
{
    const SlicedBernoulli base(0x4ccccccccccccccdULL, 0x8000000000000000ULL, true);
    Engine e = makeStream(5, 5);
    SlicedBernoulli::Counts expected;
    Engine after = e;
    for (int g = 0; g < 1000; ++g) {
        const auto m = base.group(after);
        expected.belowA += std::uint64_t(std::popcount(m.belowA));
        expected.belowB += std::uint64_t(std::popcount(m.belowB));
    }
    for (CpuLevel level : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512}) {
        if (level > detectedCpuLevel()) {
            std::cout << "[  NOTE    ] level " << cpuLevelName(level) << " not supported by this CPU: skipped\n";
            continue;
        }
        SlicedBernoulli trials = base;
        trials.useCpuLevel(level);
        Engine copy = e;
        copy.useCpuLevel(level);
        const auto c = trials.count(copy, 1000);
        EXPECT_EQ(c.belowA, expected.belowA) << cpuLevelName(level);
        EXPECT_EQ(c.belowB, expected.belowB) << cpuLevelName(level);
        Engine afterCopy = after;
        EXPECT_EQ(copy(), afterCopy());
    }
}
