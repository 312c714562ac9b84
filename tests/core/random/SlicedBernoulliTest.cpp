// The bit-sliced Bernoulli kernel: each trial is exactly the integer comparison U < A of the
// 64-digit uniform it reads (rows of 8 words, word 8·d + g = digit d + 1 of group g), its law is
// Binomial(64, p) per group, and every CPU level draws the same trials from the same words.
#include "core/random/SlicedBernoulli.h"

#include "core/stats/ChiSquaredTest.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <bit>
#include <vector>

using namespace walklab::core;

namespace {

constexpr std::uint64_t kAll = ~0ULL;
constexpr std::size_t G = SlicedBernoulli::kGroups;

std::vector<CpuLevel> supportedLevels()
{
    std::vector<CpuLevel> levels;
    for (CpuLevel l : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512})
        if (l <= detectedCpuLevel())
            levels.push_back(l);
        else
            std::cout << "[  NOTE    ] this CPU lacks " << cpuLevelName(l) << ": not compared\n";
    return levels;
}

// The reference: U of trial i of group g as a 64-bit integer from bit i of the words
// w[8·d + g], d = 0 … 63 (d = 0 most significant), compared with A and B as integers; `used` =
// words the batch reads, 8 rows per digit up to the largest over its trials (and thresholds in
// play) of the first differing digit.
struct Reference {
    SlicedBernoulli::Batch batch;
    std::size_t used = 0;
};

Reference reference(const std::vector<std::uint64_t>& w, std::uint64_t A, std::uint64_t B, bool bBelowOne)
{
    Reference r;
    std::size_t rows = 0;
    for (std::size_t g = 0; g < G; ++g) {
        r.batch.belowA[g] = 0;
        r.batch.belowB[g] = bBelowOne ? 0 : kAll;
        for (int i = 0; i < 64; ++i) {
            std::uint64_t u = 0;
            for (std::size_t d = 0; d < 64; ++d)
                u |= ((w[G * d + g] >> i) & 1) << (63 - d);
            if (u < A)
                r.batch.belowA[g] |= 1ULL << i;
            if (bBelowOne && u < B)
                r.batch.belowB[g] |= 1ULL << i;
            auto firstDifference = [u](std::uint64_t t) { return u == t ? 64 : std::size_t(std::countl_zero(u ^ t)) + 1; };
            if (A != 0)
                rows = std::max(rows, firstDifference(A));
            if (bBelowOne && B != 0)
                rows = std::max(rows, firstDifference(B));
        }
    }
    r.used = G * rows;
    return r;
}

std::uint64_t probabilityThreshold(double p) { return std::uint64_t((long double)p * 18446744073709551616.0L); }

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
    for (CpuLevel level : supportedLevels()) {
        Engine engine = makeStream(314, 15);
        engine.useCpuLevel(level);
        for (const Case& c : cases) {
            SlicedBernoulli trials(c.A, c.B, c.bBelowOne);
            trials.useCpuLevel(level);
            // 0, 1, 5, … words read between batches: rows straddle the 256-word buffer everywhere.
            for (int b = 0; b < 60; ++b) {
                for (int skip = 0; skip < b % 7; ++skip)
                    engine();
                Engine copy = engine;
                std::vector<std::uint64_t> w(G * 64 + 1);
                copy.generate(w.data(), w.size());
                const Reference ref = reference(w, c.A, c.B, c.bBelowOne);
                const SlicedBernoulli::Batch m = trials.batch(engine);
                for (std::size_t g = 0; g < G; ++g) {
                    ASSERT_EQ(m.belowA[g], ref.batch.belowA[g]) << "A = " << c.A << ", batch " << b << ", " << cpuLevelName(level);
                    ASSERT_EQ(m.belowB[g], ref.batch.belowB[g]) << "B = " << c.B << ", batch " << b << ", " << cpuLevelName(level);
                }
                ASSERT_EQ(engine(), w[ref.used]) << "words read, A = " << c.A << ", " << cpuLevelName(level);
            }
        }
    }
}

TEST(SlicedBernoulli, GroupsFollowBinomial64)
{
    // Ups per group of 64 ~ Binomial(64, 0.3) and moves ~ Binomial(64, 0.5) (lazy p = 0.3,
    // q = 0.2): chi-squared over 2·10^5 groups; the same counts reject p = 0.302.
    const double p = 0.3, q = 0.2;
    const std::uint64_t A = probabilityThreshold(p);
    const SlicedBernoulli trials(A, A + probabilityThreshold(q), true);
    Engine engine = makeStream(77, 0);
    std::vector<std::uint64_t> ups(65, 0), moves(65, 0), position(SlicedBernoulli::kTrials, 0);
    const int batches = 25'000;
    for (int b = 0; b < batches; ++b) {
        const auto m = trials.batch(engine);
        for (std::size_t g = 0; g < G; ++g) {
            ++ups[std::size_t(std::popcount(m.belowA[g]))];
            ++moves[std::size_t(std::popcount(m.belowB[g]))];
            for (int i = 0; i < 64; ++i)
                position[64 * g + std::size_t(i)] += (m.belowA[g] >> i) & 1;
        }
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
    // No position in the batch is favoured: each trial is up with probability p (5σ).
    for (std::uint64_t n : position)
        EXPECT_NEAR(double(n) / batches, p, 5 * std::sqrt(p * (1 - p) / batches));
}

TEST(SlicedBernoulli, CountIsTheSumOfBatchesAtEveryLevel)
{
    // count() keeps nothing stored, batch() returns the masks: the same trials, the engine left
    // at the same word, at every level; an engine not at a row boundary makes rows straddle.
    for (const auto& [A, B, bBelowOne] : {std::tuple{0x4ccccccccccccccdULL, 0x8000000000000000ULL, true},
                                          std::tuple{0x4ccccccccccccccdULL, 0ULL, false}}) {
        const SlicedBernoulli base(A, B, bBelowOne);
        Engine e = makeStream(5, 5);
        e();
        SlicedBernoulli::Counts expected;
        Engine after = e;
        after.useCpuLevel(CpuLevel::Baseline);
        SlicedBernoulli reference = base;
        reference.useCpuLevel(CpuLevel::Baseline);
        for (int b = 0; b < 300; ++b) {
            const auto m = reference.batch(after);
            for (std::size_t g = 0; g < G; ++g) {
                expected.belowA += std::uint64_t(std::popcount(m.belowA[g]));
                expected.belowB += std::uint64_t(std::popcount(m.belowB[g]));
            }
        }
        for (CpuLevel level : supportedLevels()) {
            SlicedBernoulli trials = base;
            trials.useCpuLevel(level);
            Engine copy = e;
            copy.useCpuLevel(level);
            const auto c = trials.count(copy, 100);
            const auto d = trials.count(copy, 200);
            EXPECT_EQ(c.belowA + d.belowA, expected.belowA) << cpuLevelName(level);
            EXPECT_EQ(c.belowB + d.belowB, expected.belowB) << cpuLevelName(level);
            Engine afterCopy = after;
            EXPECT_EQ(copy(), afterCopy());
        }
    }
}
