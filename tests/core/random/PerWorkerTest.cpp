// One accumulator per worker on cache lines of its own.
#include "core/random/PerWorker.h"

#include "core/random/BlockScheduler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

using namespace walklab::core;

TEST(PerWorker, EachOnItsOwnCacheLines)
{
    PerWorker<std::uint64_t> counts(3, 7);
    ASSERT_EQ(counts.size(), 3u);
    for (std::size_t w = 0; w < counts.size(); ++w) {
        EXPECT_EQ(counts[w], 7u);
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&counts[w]) % PerWorker<std::uint64_t>::kCacheLine, 0u);
    }
    // 8-byte counters a whole line apart, where a std::vector would pack eight in one line.
    EXPECT_GE(reinterpret_cast<std::uintptr_t>(&counts[1]) - reinterpret_cast<std::uintptr_t>(&counts[0]), 64u);
}

TEST(PerWorker, IteratesInWorkerOrder)
{
    PerWorker<std::vector<int>> lists(4);
    for (std::size_t w = 0; w < lists.size(); ++w)
        lists[w].push_back(int(w));
    std::vector<int> seen;
    for (const std::vector<int>& list : std::as_const(lists))
        seen.insert(seen.end(), list.begin(), list.end());
    EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3}));
}

TEST(PerWorker, SumsOverRunBlocksWhateverTheThreadCount)
{
    for (const unsigned threads : {1u, 2u, 5u}) {
        RunControl control(threads);
        PerWorker<std::uint64_t> sums(workerCount(1000, control), 0);
        runBlocks(1000, control, [&](std::uint64_t block, unsigned worker) { sums[worker] += block; });
        std::uint64_t total = 0;
        for (const std::uint64_t s : sums)
            total += s;
        EXPECT_EQ(total, 999u * 1000u / 2) << threads << " threads";
    }
}
