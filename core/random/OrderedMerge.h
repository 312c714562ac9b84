// Folds per-block partial results in block order, whichever thread finishes which block first.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

namespace walklab::core {

/// Collects one partial result per block of runBlocks() and folds them into a total strictly in
/// block order 0, 1, 2, …: a block that finishes early waits (in a small map) until all blocks
/// before it are folded. A floating-point sum over blocks is then the same for any thread
/// count, which an order-free per-worker merge cannot promise (addition is not associative).
/// Memory: the partials of blocks finished ahead of a slower one, a few per thread in practice.
/// Thread-safe: submit() may be called from every worker.
template <class T>
class OrderedMerge {
public:
    /// fold(total, partial) adds a partial to the total.
    OrderedMerge(T initial, std::function<void(T&, const T&)> fold)
        : m_total(std::move(initial)), m_fold(std::move(fold))
    {
    }

    /// Hands in the partial result of `block` (each block once).
    void submit(std::uint64_t block, T partial)
    {
        const std::lock_guard lock(m_mutex);
        m_pending.emplace(block, std::move(partial));
        for (auto it = m_pending.begin(); it != m_pending.end() && it->first == m_next;
             it = m_pending.erase(it), ++m_next)
            m_fold(m_total, it->second);
    }

    /// Number of blocks folded so far: all of them once every block was submitted.
    std::uint64_t folded() const
    {
        const std::lock_guard lock(m_mutex);
        return m_next;
    }

    /// The total (call after runBlocks() has returned).
    T& total() { return m_total; }

private:
    T m_total;
    std::function<void(T&, const T&)> m_fold;
    std::map<std::uint64_t, T> m_pending;
    std::uint64_t m_next = 0;
    mutable std::mutex m_mutex;
};

}  // namespace walklab::core
