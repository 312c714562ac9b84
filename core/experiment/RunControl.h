// Cancellation, progress and thread count shared between a running simulation and its caller.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace walklab::core {

/// Handed by reference to a simulation. The caller may cancel() and poll progress() from any
/// thread; the simulation polls cancelled() between chunks of work and adds the work it did.
class RunControl {
public:
    /// threads: worker threads to use; 0 means one per hardware thread.
    explicit RunControl(unsigned threads = 0) : m_threads(threads) {}

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    unsigned threads() const { return m_threads; }

    /// Called once by the simulation before it starts, with its total amount of work (any unit).
    void setTotalWork(std::uint64_t total) { m_total.store(std::max<std::uint64_t>(total, 1)); }
    /// Called by worker threads as work completes.
    void addWork(std::uint64_t done) { m_done.fetch_add(done, std::memory_order_relaxed); }
    /// Fraction of the work done, in [0, 1].
    double progress() const
    {
        const double p = double(m_done.load(std::memory_order_relaxed)) / double(m_total.load());
        return std::min(p, 1.0);
    }

private:
    // The flag every worker reads often and the counter they add to, on cache lines of their own:
    // a read of the flag then never waits for the line another core is adding to.
    unsigned m_threads;
    alignas(64) std::atomic<bool> m_cancelled{false};
    std::atomic<std::uint64_t> m_total{1};
    alignas(64) std::atomic<std::uint64_t> m_done{0};
};

}  // namespace walklab::core
