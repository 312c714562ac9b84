// Endpoint counts of a 2D/3D walk gathered by several worker threads and merged into one grid,
// with the serial part of a run kept small: no grid is zeroed or merged by one thread alone.
#pragma once

#include "core/experiment/RunControl.h"
#include "core/random/PerWorker.h"
#include "core/walk/WalkND.h"

#include <cstdint>
#include <vector>

namespace walklab::core::detail {

/// Counts endpoints in the cells of an EndpointGrid layout (at most 2^32 cells) from `workers`
/// threads, in one of two ways chosen from the sizes alone:
/// - listed, when walkers ≤ cells / 8: each worker lists the cells of its endpoints (4 bytes
///   each, in all at most half a grid); the single grid of counts is allocated and zeroed by
///   allocate(), which the caller runs as a task of its own beside the walks, and finish() adds
///   the lists to it (walkers increments);
/// - per worker, otherwise: each worker counts in its own grid, allocated and zeroed by that
///   worker at its first endpoint (so the zeroing runs on every thread at once), and finish()
///   adds the grids into the first one in chunks of cells spread over the threads.
/// Counts are integers, added in any order: the grid is the same for any number of threads.
/// Memory: bytes(); either way within a few grids, never in proportion to the walkers alone.
class EndpointCounts {
public:
    EndpointCounts(const EndpointGrid& layout, std::int64_t walkers, unsigned workers);

    /// Bytes the counts take at most (grids and lists).
    static double bytes(const EndpointGrid& layout, std::int64_t walkers, unsigned workers);

    /// True for the listed way (walkers ≤ cells / 8): the caller must then run allocate() once.
    static bool listed(const EndpointGrid& layout, std::int64_t walkers) { return walkers <= layout.cellCount() / 8; }
    /// Allocates and zeroes the grid of the listed way.
    void allocate();

    /// Counts endpoint x for `worker` (< workers); only that worker's thread may call it.
    void add(unsigned worker, const Point3& x)
    {
        Worker& w = m_workers[worker];
        const std::int64_t cell = m_layout.cellOf(x);
        if (cell < 0)
            ++w.outside;
        else if (m_listed)
            w.cells.push_back(std::uint32_t(cell));
        else {
            if (w.counts.empty())
                w.counts.assign(std::size_t(m_layout.cellCount()), 0);
            ++w.counts[std::size_t(cell)];
        }
    }

    /// The merged grid (call once, after every add() and allocate()); the per-worker merge runs
    /// on control.threads() threads. An empty grid if the run was cancelled meanwhile.
    EndpointGrid finish(RunControl& control);

private:
    struct Worker {
        std::vector<std::uint64_t> counts;  // per-worker way: this worker's grid, once used
        std::vector<std::uint32_t> cells;   // listed way: the cells of this worker's endpoints
        std::uint64_t outside = 0;
    };

    EndpointGrid m_layout;
    bool m_listed;
    PerWorker<Worker> m_workers;
    std::vector<std::uint64_t> m_total;  // listed way: the grid allocate() made
};

}  // namespace walklab::core::detail
