#include "core/walk/detail/EndpointCounts.h"

#include "core/random/BlockScheduler.h"

#include <algorithm>

namespace walklab::core::detail {

EndpointCounts::EndpointCounts(const EndpointGrid& layout, std::int64_t walkers, unsigned workers)
    : m_layout(layout), m_listed(listed(layout, walkers)), m_workers(workers)
{
    m_layout.counts.clear();
    m_layout.outside = 0;
}

double EndpointCounts::bytes(const EndpointGrid& layout, std::int64_t walkers, unsigned workers)
{
    const double grid = 8.0 * double(layout.cellCount());
    return listed(layout, walkers) ? grid + 4.0 * double(walkers) : double(workers) * grid;
}

void EndpointCounts::allocate()
{
    m_total.assign(std::size_t(m_layout.cellCount()), 0);
}

EndpointGrid EndpointCounts::finish(RunControl& control)
{
    EndpointGrid grid = m_layout;
    for (const Worker& w : m_workers)
        grid.outside += w.outside;
    if (m_listed) {
        grid.counts = std::move(m_total);
        for (const Worker& w : m_workers)
            for (const std::uint32_t cell : w.cells)
                ++grid.counts[cell];
        return grid;
    }
    std::vector<const std::vector<std::uint64_t>*> others;
    for (Worker& w : m_workers) {
        if (w.counts.empty())
            continue;  // a worker that took no block
        if (grid.counts.empty())
            grid.counts = std::move(w.counts);
        else
            others.push_back(&w.counts);
    }
    if (others.empty())
        return grid;
    constexpr std::uint64_t kChunk = std::uint64_t(1) << 15;  // 256 KiB of counts per task
    const std::uint64_t cells = grid.counts.size();
    runBlocks((cells + kChunk - 1) / kChunk, control, [&](std::uint64_t chunk, unsigned) {
        const std::size_t lo = std::size_t(chunk * kChunk), hi = std::size_t(std::min(cells, (chunk + 1) * kChunk));
        for (const auto* other : others)
            for (std::size_t i = lo; i < hi; ++i)
                grid.counts[i] += (*other)[i];
    });
    return grid;
}

}  // namespace walklab::core::detail
