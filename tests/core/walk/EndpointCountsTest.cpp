// Endpoint counts gathered by several workers, both ways (cell lists, grids per worker): the merged
// grid equals a direct count of the same points for 1, 2, 7 and 16 workers and merge threads.
#include "core/walk/detail/EndpointCounts.h"

#include "core/random/StreamEngine.h"

#include <gtest/gtest.h>

#include <boost/random/uniform_real_distribution.hpp>

using namespace walklab::core;

namespace {

// 40 × 40 × 40 unit cells over [−20, 20)³: 64 000 cells, two merge chunks of 2^15 cells.
EndpointGrid cube()
{
    EndpointGrid g;
    g.dimension = 3;
    g.lo = {-20, -20, -20};
    g.cells = {40, 40, 40};
    return g;
}

// Points in [−22, 22)³, so that some fall outside the box.
std::vector<Point3> points(std::int64_t count)
{
    Engine engine = makeStream(5, 0);
    boost::random::uniform_real_distribution<double> coordinate(-22, 22);
    std::vector<Point3> p(static_cast<std::size_t>(count));
    for (auto& x : p)
        x = {coordinate(engine), coordinate(engine), coordinate(engine)};
    return p;
}

EndpointGrid direct(const std::vector<Point3>& p)
{
    EndpointGrid g = cube();
    g.counts.assign(std::size_t(g.cellCount()), 0);
    for (const Point3& x : p)
        if (const std::int64_t cell = g.cellOf(x); cell >= 0)
            ++g.counts[std::size_t(cell)];
        else
            ++g.outside;
    return g;
}

}  // namespace

TEST(EndpointCounts, BothWaysGiveTheDirectCountForAnyNumberOfWorkers)
{
    // 8000 = cells / 8 walkers is the largest listed count; 8001 and 20 000 count per worker.
    EXPECT_TRUE(detail::EndpointCounts::listed(cube(), 8000));
    EXPECT_FALSE(detail::EndpointCounts::listed(cube(), 8001));
    for (const std::int64_t walkers : {std::int64_t(1), std::int64_t(8000), std::int64_t(8001), std::int64_t(20000)}) {
        const std::vector<Point3> p = points(walkers);
        const EndpointGrid expected = direct(p);
        EXPECT_TRUE(walkers == 1 || expected.outside > 0);  // about 1/3 of the points fall outside
        for (const unsigned workers : {1u, 2u, 7u, 16u}) {
            SCOPED_TRACE("walkers " + std::to_string(walkers) + ", workers " + std::to_string(workers));
            detail::EndpointCounts counts(cube(), walkers, workers);
            if (detail::EndpointCounts::listed(cube(), walkers))
                counts.allocate();
            // Uneven shares, and worker 0 idle when there are several (it owns no grid).
            for (std::size_t i = 0; i < p.size(); ++i)
                counts.add(workers == 1 ? 0 : 1 + unsigned(i * i % (workers - 1)), p[i]);
            RunControl control(workers);
            const EndpointGrid g = counts.finish(control);
            EXPECT_EQ(g.counts, expected.counts);
            EXPECT_EQ(g.outside, expected.outside);
            EXPECT_EQ(g.cells, expected.cells);
            EXPECT_EQ(g.lo, expected.lo);
        }
    }
}

TEST(EndpointCounts, MemoryIsAGridPlusTheListsOrAGridPerWorker)
{
    const double grid = 8.0 * 64000;
    EXPECT_EQ(detail::EndpointCounts::bytes(cube(), 8000, 16), grid + 4.0 * 8000);
    EXPECT_EQ(detail::EndpointCounts::bytes(cube(), 10'000'000, 16), 16 * grid);
}
