// The set of lattice sites one walker has visited: counts the distinct sites R_n of a walk.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace walklab::core::detail {

/// Open addressing with linear probing over 64-bit keys (each coordinate + 2^20 in 21 bits, so
/// |coordinate| < 2^20 — walks of at most kMaxDistinctSteps = 10^6 steps). The table holds at
/// least twice the largest number of sites asked for, so probes stay short; clear() touches only
/// the slots used. Memory: 8 bytes per slot plus 4 per site visited.
class SiteSet {
public:
    /// Room for up to `maxSites` distinct sites.
    explicit SiteSet(std::int64_t maxSites)
        : m_slots(std::bit_ceil(std::uint64_t(2 * maxSites + 2)), 0),
          m_shift(64 - std::countr_zero(m_slots.size()))
    {
    }

    /// Adds a site; true if it was not there yet.
    bool insert(const std::array<std::int64_t, 3>& x)
    {
        constexpr std::int64_t kOffset = std::int64_t(1) << 20;
        const std::uint64_t key = ((std::uint64_t(x[0] + kOffset) << 42) |
                                   (std::uint64_t(x[1] + kOffset) << 21) | std::uint64_t(x[2] + kOffset)) + 1;
        const std::uint64_t mask = m_slots.size() - 1;
        for (std::uint64_t i = (key * 0x9E3779B97F4A7C15ull) >> m_shift;; i = (i + 1) & mask) {
            if (m_slots[i] == key)
                return false;
            if (m_slots[i] == 0) {
                m_slots[i] = key;
                m_used.push_back(std::uint32_t(i));
                return true;
            }
        }
    }

    std::int64_t size() const { return std::int64_t(m_used.size()); }

    void clear()
    {
        for (std::uint32_t i : m_used)
            m_slots[i] = 0;
        m_used.clear();
    }

private:
    std::vector<std::uint64_t> m_slots;  // 0 = empty, else key
    int m_shift;
    std::vector<std::uint32_t> m_used;
};

}  // namespace walklab::core::detail
