// The engine: xoshiro256++ against the published test vectors, identical words at every CPU
// level and through every bulk read, independence of streams, Boost.Random distributions on it.
#include "core/random/StreamEngine.h"

#include "core/stats/ChiSquaredTest.h"

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <gtest/gtest.h>

#include <bit>
#include <iterator>
#include <random>
#include <set>
#include <vector>

using namespace walklab::core;

namespace {

// xoshiro256++ from state s = {1, 2, 3, 4}: the first ten outputs of the authors' reference
// code xoshiro256plusplus.c, as listed in the test `reference` of rand_xoshiro
// (github.com/rust-random/rngs, rand_xoshiro/src/xoshiro256plusplus.rs).
const std::vector<std::uint64_t> kReference{
    41943041ULL,           58720359ULL,           3588806011781223ULL,   3591011842654386ULL,
    9228616714210784205ULL, 9973669472204895162ULL, 14011001112246962877ULL, 12406186145184390807ULL,
    15849039046786891736ULL, 10450023813501588000ULL};

std::vector<CpuLevel> supportedLevels()
{
    std::vector<CpuLevel> levels;
    for (CpuLevel l : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512})
        if (l <= detectedCpuLevel())
            levels.push_back(l);
    return levels;
}

std::vector<std::uint64_t> words(Engine engine, std::size_t n)
{
    std::vector<std::uint64_t> w(n);
    for (auto& x : w)
        x = engine();
    return w;
}

}  // namespace

TEST(StreamEngine, EveryLaneMatchesTheReferenceVectors)
{
    // Lane 5 starts from {1, 2, 3, 4}, the others from other states: word 16·r + 5 is the r-th
    // reference output, at every CPU level (so every vector position and the interleave count).
    for (std::size_t lane = 0; lane < Engine::kLanes; ++lane)
        for (CpuLevel level : supportedLevels()) {
            std::uint64_t state[Engine::kLanes][4];
            for (std::size_t l = 0; l < Engine::kLanes; ++l)
                for (std::size_t j = 0; j < 4; ++j)
                    state[l][j] = l == lane ? j + 1 : 1000 * l + j + 7;
            Engine engine(state);
            engine.useCpuLevel(level);
            const auto w = words(engine, Engine::kLanes * kReference.size());
            for (std::size_t r = 0; r < kReference.size(); ++r)
                EXPECT_EQ(w[r * Engine::kLanes + lane], kReference[r]) << "lane " << lane << " round " << r
                                                                       << " level " << cpuLevelName(level);
        }
}

TEST(StreamEngine, SplitMix64MatchesTheReferenceVectors)
{
    // splitmix64.c (Vigna) from state 1477776061723855037: the first outputs as listed in the
    // test `reference` of rand_xoshiro/src/splitmix64.rs (github.com/rust-random/rngs).
    std::uint64_t state = 1477776061723855037ULL;
    for (std::uint64_t expected : {1985237415132408290ULL, 2979275885539914483ULL, 13511426838097143398ULL,
                                   8488337342461049707ULL, 15141737807933549159ULL})
        EXPECT_EQ(detail::splitMix64(state), expected);
}

TEST(StreamEngine, AllCpuLevelsGiveIdenticalWords)
{
    if (detectedCpuLevel() < CpuLevel::Avx512)
        std::cout << "[  NOTE    ] this CPU lacks AVX-512 (F/VL/BW/DQ/VPOPCNTDQ): compared "
                  << cpuLevelName(detectedCpuLevel()) << " and below only\n";
    // Compare all three kernels directly, then through the engine's bulk reads.
    Engine seeded = makeStream(99, 3, 2);
    const std::size_t rounds = 1000;
    std::vector<std::uint64_t> expected(rounds * Engine::kLanes);
    Engine base = seeded;
    base.useCpuLevel(CpuLevel::Baseline);
    base.generate(expected.data(), expected.size());
    std::uint64_t expectedOnes = 0;
    for (auto w : expected)
        expectedOnes += std::uint64_t(std::popcount(w));
    for (CpuLevel level : supportedLevels()) {
        SCOPED_TRACE(cpuLevelName(level));
        Engine e = seeded;
        e.useCpuLevel(level);
        std::vector<std::uint64_t> got(expected.size());
        e.generate(got.data(), got.size());
        EXPECT_EQ(got, expected);
        Engine p = seeded;
        p.useCpuLevel(level);
        EXPECT_EQ(p.popcount(expected.size()), expectedOnes);
        EXPECT_EQ(p(), e());  // both left in the same state
    }
}

TEST(StreamEngine, BulkReadsReadTheSameWordsAsOneAtATime)
{
    const Engine seeded = makeStream(2026, 11);
    const auto expected = words(seeded, 20000);
    for (CpuLevel level : supportedLevels()) {
        SCOPED_TRACE(cpuLevelName(level));
        Engine e = seeded;
        e.useCpuLevel(level);
        std::size_t at = 0;
        // Odd sizes that straddle the buffer and whole rounds in every way.
        for (std::size_t k = 1; at + 3 * k + 2 <= expected.size(); k = k * 3 + 5) {
            EXPECT_EQ(e(), expected[at++]);
            std::vector<std::uint64_t> got(k);
            e.generate(got.data(), k);
            EXPECT_TRUE(std::equal(got.begin(), got.end(), expected.begin() + std::ptrdiff_t(at)));
            at += k;
            std::uint64_t ones = 0;
            for (std::size_t i = 0; i < k; ++i)
                ones += std::uint64_t(std::popcount(expected[at + i]));
            EXPECT_EQ(e.popcount(k), ones);
            at += k;
            for (std::size_t left = k; left > 0;) {
                const auto span = e.next(left);
                ASSERT_GE(span.size(), 1u);
                EXPECT_TRUE(std::equal(span.begin(), span.end(), expected.begin() + std::ptrdiff_t(at)));
                at += span.size();
                left -= span.size();
            }
            EXPECT_EQ(e(), expected[at++]);
        }
        EXPECT_GT(at, 10000u);
    }
}

TEST(StreamEngine, PopcountOfEverySpanLengthAndBufferPosition)
{
    // Spans of 0 … 600 words (stride 37) starting all over the 256-word buffer: the inline one-word count, the kernel over the buffer, and the fused kernel
    // (rest of the buffer + whole rounds in registers + a new buffer, with or without a tail).
    const Engine seeded = makeStream(17, 2);
    const auto expected = words(seeded, 200000);
    for (CpuLevel level : supportedLevels()) {
        SCOPED_TRACE(cpuLevelName(level));
        Engine e = seeded;
        e.useCpuLevel(level);
        std::size_t at = 0;
        for (std::size_t n = 0; at + n < expected.size(); n = (n + 37) % 601) {
            std::uint64_t ones = 0;
            for (std::size_t i = 0; i < n; ++i)
                ones += std::uint64_t(std::popcount(expected[at + i]));
            ASSERT_EQ(e.popcount(n), ones) << "n = " << n << " at word " << at;
            at += n;
        }
        EXPECT_EQ(e(), expected[at]);
    }
}

TEST(StreamEngine, PopcountPrefixesCountTheSameBitsWordByWord)
{
    // Stops every which way: equal (zero-length spans) and at 0, inside a word, at word and round
    // (1024-bit) boundaries and one bit either side, several in one round, spans longer than the
    // 256-word buffer; calls starting all over the buffer (a few words read first), the last stop
    // inside or at the end of a word. Each count against std::popcount of the words read one at
    // a time, and the engine then at word ⌈last/64⌉, its returned word the one holding the last
    // bit when it is partial.
    const Engine seeded = makeStream(23, 5);
    const auto expected = words(seeded, 400000);
    const std::uint64_t gaps[] = {0, 1, 2, 63, 64, 65, 1023, 1024, 1025, 5000, 16383, 16384, 16385, 40000};
    auto onesBefore = [&](std::size_t word, std::uint64_t bits) {  // the first `bits` bits from `word` on
        std::uint64_t ones = 0;
        for (std::size_t i = 0; i < bits / 64; ++i)
            ones += std::uint64_t(std::popcount(expected[word + i]));
        if (bits % 64 > 0)
            ones += std::uint64_t(std::popcount(expected[word + bits / 64] & ((std::uint64_t(1) << (bits % 64)) - 1)));
        return ones;
    };
    for (CpuLevel level : supportedLevels()) {
        SCOPED_TRACE(cpuLevelName(level));
        Engine e = seeded;
        e.useCpuLevel(level);
        std::mt19937_64 pick(7);
        std::size_t at = 0, calls = 0;
        while (at + 5000 < expected.size()) {
            const std::size_t skip = pick() % 40;  // moves the start across the buffer
            EXPECT_EQ(e.popcount(skip), onesBefore(at, 64 * skip));
            at += skip;
            std::vector<std::uint64_t> ends;
            std::uint64_t end = 0;
            for (std::size_t i = 0, n = 1 + pick() % 12; i < n; ++i) {
                end += pick() % 4 == 0 ? pick() % 3000 : gaps[pick() % std::size(gaps)];
                ends.push_back(end);
            }
            if (pick() % 3 == 0)
                ends.back() = (ends.back() + 63) / 64 * 64;  // ends at a word's end
            const std::size_t read = std::size_t((ends.back() + 63) / 64);
            if (at + read + 1 >= expected.size())
                break;
            std::vector<std::uint64_t> ones(ends.size());
            const std::vector<std::uint64_t>& positions = ends;
            const std::uint64_t last = e.popcountPrefixes(positions, ones.data());
            for (std::size_t i = 0; i < positions.size(); ++i)
                ASSERT_EQ(ones[i], onesBefore(at, positions[i])) << "stop " << i << " at bit " << positions[i]
                                                                 << ", call " << calls << " from word " << at;
            EXPECT_EQ(last, positions.back() % 64 > 0 ? expected[at + read - 1] : 0);
            at += read;
            ASSERT_EQ(e(), expected[at++]) << "call " << calls;
            ++calls;
        }
        EXPECT_GT(calls, 100u);
        EXPECT_EQ(e.popcountPrefixes({}, nullptr), 0u);  // no stop: nothing read
        EXPECT_EQ(e(), expected[at]);
    }
}

TEST(StreamEngine, DifferentSeedsBlocksAndDomainsGiveDifferentStreams)
{
    std::set<std::uint64_t> first;
    for (std::uint64_t seed : {0ULL, 1ULL, 2ULL, ~0ULL})
        for (std::uint64_t block = 0; block < 300; ++block)
            for (std::uint32_t domain = 0; domain < 3; ++domain)
                first.insert(makeStream(seed, block, domain)());
    EXPECT_EQ(first.size(), 4u * 300 * 3);
    EXPECT_EQ(words(makeStream(5, 7, 1), 100), words(makeStream(5, 7, 1), 100));

    // Neighbouring streams are uncorrelated bit by bit: a XOR b has 32 ones per word on average
    // (σ = 4 per word; 5σ bounds over 10^5 words). Correlated lanes (e.g. a shared seeding)
    // would put this far off, as the same stream compared with itself shifted by one lane does.
    auto xorOnes = [](Engine a, Engine b, std::size_t shift) {
        for (std::size_t i = 0; i < shift; ++i)
            b();
        std::uint64_t ones = 0;
        for (int i = 0; i < 100000; ++i)
            ones += std::uint64_t(std::popcount(a() ^ b()));
        return double(ones) / 100000;
    };
    for (auto [a, b] : {std::pair{makeStream(1, 0), makeStream(1, 1)}, {makeStream(1, 0), makeStream(2, 0)},
                        {makeStream(1, 0, 0), makeStream(1, 0, 1)}}) {
        EXPECT_NEAR(xorOnes(a, b, 0), 32.0, 5 * 4.0 / std::sqrt(100000.0));
    }
    EXPECT_EQ(xorOnes(makeStream(1, 0), makeStream(1, 0), 0), 0.0);
}

TEST(StreamEngine, BoostDistributionsWork)
{
    // uniform_int_distribution on {0 … 9}: chi-squared against the uniform law, and the same
    // counts reject a law off by 1% in two cells (the test has power at this sample size).
    Engine e = makeStream(8, 0);
    boost::random::uniform_int_distribution<int> digit(0, 9);
    std::vector<std::uint64_t> counts(10, 0);
    for (int i = 0; i < 2'000'000; ++i)
        ++counts[std::size_t(digit(e))];
    EXPECT_GT(chiSquaredTest(counts, std::vector<double>(10, 0.1)).pValue, 1e-4);
    std::vector<double> wrong(10, 0.1);
    wrong[0] = 0.101;
    wrong[9] = 0.099;
    EXPECT_LT(chiSquaredTest(counts, wrong).pValue, 1e-4);

    // normal_distribution (ziggurat): mean and variance of 10^6 draws within 5 standard errors.
    boost::random::normal_distribution<double> normal(3.0, 2.0);
    double sum = 0, sumSquares = 0;
    const int n = 1'000'000;
    for (int i = 0; i < n; ++i) {
        const double x = normal(e);
        sum += x;
        sumSquares += (x - 3.0) * (x - 3.0);
    }
    EXPECT_NEAR(sum / n, 3.0, 5 * 2.0 / std::sqrt(double(n)));
    EXPECT_NEAR(sumSquares / n, 4.0, 5 * 4.0 * std::sqrt(2.0 / n));
}
