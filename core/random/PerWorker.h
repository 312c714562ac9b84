// One accumulator per worker thread of runBlocks(), each on cache lines of its own.
#pragma once

#include <cstddef>
#include <vector>

namespace walklab::core {

/// `workers` copies of a T, one per worker of runBlocks(), each aligned to and padded out to
/// whole cache lines (kCacheLine bytes). A worker that updates its own T in a hot loop (a
/// histogram's total, a vector's end pointer, a counter) then never writes to a line another
/// worker's T shares: in a plain std::vector<T> neighbouring objects share lines, and every such
/// write makes the other core reload its line ("false sharing"; it cost the 2-thread 1D walk
/// about 1 % of its run in IntegerHistogram::add alone, issue 6).
/// Iterating visits the T's in worker order. Not thread-safe beyond "worker w uses [w]".
template <class T>
class PerWorker {
public:
    /// Bytes of a cache line on x86-64 (and the unit of false sharing there).
    static constexpr std::size_t kCacheLine = 64;

    explicit PerWorker(std::size_t workers, const T& initial = T()) : m_slots(workers, Slot{initial}) {}

    T& operator[](std::size_t worker) { return m_slots[worker].value; }
    const T& operator[](std::size_t worker) const { return m_slots[worker].value; }
    std::size_t size() const { return m_slots.size(); }

    auto begin() { return Iterator<Slot, T>{m_slots.data()}; }
    auto end() { return Iterator<Slot, T>{m_slots.data() + m_slots.size()}; }
    auto begin() const { return Iterator<const Slot, const T>{m_slots.data()}; }
    auto end() const { return Iterator<const Slot, const T>{m_slots.data() + m_slots.size()}; }

private:
    struct alignas(kCacheLine) Slot {
        T value;
    };
    template <class S, class V>
    struct Iterator {
        S* slot;
        V& operator*() const { return slot->value; }
        V* operator->() const { return &slot->value; }
        Iterator& operator++()
        {
            ++slot;
            return *this;
        }
        bool operator==(const Iterator&) const = default;
    };

    std::vector<Slot> m_slots;
};

}  // namespace walklab::core
