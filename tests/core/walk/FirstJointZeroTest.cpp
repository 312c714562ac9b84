// The first-return search of the rotated 2D walk (detail::firstJointZero) against the same two
// bit walks taken one step at a time: the same return times, positions and later steps, from
// the origin, from near it and from far away, with step budgets cut at random, at every CpuLevel.
#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/BitWalk.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <random>
#include <string>

using namespace walklab::core;

namespace {

// Two bit walks (u on domain 0, v on domain 1 of block `block`) and their engines.
struct Pair {
    Engine a, b;
    detail::BitWalk u{a}, v{b};

    Pair(std::uint64_t block, CpuLevel level) : a(makeStream(5, block, 0)), b(makeStream(5, block, 1))
    {
        a.useCpuLevel(level);
        b.useCpuLevel(level);
    }
    Pair(const Pair&) = delete;
};

// Starting at (u0, v0), searches with budgets drawn from [0, maxBudget] until `total` steps are
// taken (after a return the search goes on from the origin), and checks every call against the
// twin pair stepped one step at a time. Returns the number of returns seen.
int compareWithStepByStep(std::uint64_t block, CpuLevel level, std::int64_t u0, std::int64_t v0, std::int64_t total,
                          std::int64_t maxBudget)
{
    Pair fast(block, level), slow(block, CpuLevel::Baseline);
    std::mt19937_64 budgets(block);
    std::int64_t u = u0, v = v0, su = u0, sv = v0, t = 0;
    int returns = 0;
    while (t < total) {
        const std::int64_t budget = std::int64_t(budgets() % std::uint64_t(maxBudget + 1));
        std::int64_t expected = 0;
        for (std::int64_t k = 1; k <= budget; ++k) {
            su += slow.u.advance(1);
            sv += slow.v.advance(1);
            if (su == 0 && sv == 0) {
                expected = k;
                break;
            }
        }
        const std::int64_t taken = detail::firstJointZero(fast.u, fast.v, u, v, budget);
        EXPECT_EQ(taken, expected) << "t = " << t << ", budget " << budget;
        EXPECT_EQ(u, su) << "t = " << t;
        EXPECT_EQ(v, sv) << "t = " << t;
        if (taken != expected || u != su || v != sv)
            return returns;
        returns += expected > 0;
        t += expected > 0 ? expected : budget;
    }
    // The walks go on with the same bits (kept bits and engine positions agree).
    EXPECT_EQ(fast.u.advance(1000), slow.u.advance(1000));
    EXPECT_EQ(fast.v.advance(77), slow.v.advance(77));
    return returns;
}

}  // namespace

TEST(FirstJointZero, SameAsStepByStepAtEveryLevel)
{
    for (CpuLevel level : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512}) {
        if (level > detectedCpuLevel()) {
            std::cout << "[  NOTE    ] this CPU lacks " << cpuLevelName(level) << ": not compared\n";
            continue;
        }
        SCOPED_TRACE(cpuLevelName(level));
        int returns = 0;
        for (std::uint64_t block = 0; block < 40; ++block) {
            // From the origin: budgets within a word, across a few words, across buffers.
            returns += compareWithStepByStep(block, level, 0, 0, 20'000, block % 2 == 0 ? 70 : 5'000);
            // From near the origin (single words and bytes) and from far away (groups of 8 to 64
            // words; one start per parity class).
            returns += compareWithStepByStep(100 + block, level, 40, -22, 20'000, 3'000);
            returns += compareWithStepByStep(200 + block, level, 5'001, -2'999, 200'000, 100'000);
        }
        EXPECT_GT(returns, 100);  // many returns compared, not only walks away (183 at these seeds)
    }
}

TEST(FirstJointZero, ZeroBudgetTakesNoStep)
{
    Pair pair(1, activeCpuLevel());
    std::int64_t u = 0, v = 0;
    EXPECT_EQ(detail::firstJointZero(pair.u, pair.v, u, v, 0), 0);
    EXPECT_EQ(u, 0);
    EXPECT_EQ(v, 0);
    Pair twin(1, CpuLevel::Baseline);
    EXPECT_EQ(pair.u.advance(100), twin.u.advance(100));
}
