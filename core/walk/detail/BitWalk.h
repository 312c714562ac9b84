// A fair ±1 walk driven by random bits, 64 steps per word: the fast kernel of symmetric walks.
#pragma once

#include "core/random/StreamEngine.h"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace walklab::core::detail {

/// Each random bit is one step, +1 for a 1 and −1 for a 0, taken from the low bits of each
/// 64-bit word upwards; the displacement of k steps is 2·(ones) − k. Whole words are counted
/// by Engine::popcount() (generated and counted in AVX-512 registers where the CPU allows).
/// Unused bits are kept between calls, so splitting a walk into several advance() calls never
/// changes its steps (a path recorded at chosen times is the same walk as the unrecorded one).
class BitWalk {
public:
    explicit BitWalk(Engine& engine) : m_engine(engine) {}

    /// The displacement after `steps` ≥ 0 more steps.
    std::int64_t advance(std::int64_t steps)
    {
        std::int64_t ones = 0, left = steps;
        if (m_bitsLeft > 0) {
            const int take = int(std::min<std::int64_t>(left, m_bitsLeft));
            ones += std::popcount(take == 64 ? m_bits : (m_bits & ((std::uint64_t(1) << take) - 1)));
            m_bits = take == 64 ? 0 : m_bits >> take;
            m_bitsLeft -= take;
            left -= take;
        }
        if (left >= 64) {
            ones += std::int64_t(m_engine.popcount(std::size_t(left / 64)));
            left %= 64;
        }
        if (left > 0) {
            const std::uint64_t w = m_engine();
            ones += std::popcount(w & ((std::uint64_t(1) << left) - 1));
            m_bits = w >> left;
            m_bitsLeft = int(64 - left);
        }
        return 2 * ones - steps;
    }

private:
    Engine& m_engine;
    std::uint64_t m_bits = 0;
    int m_bitsLeft = 0;
};

}  // namespace walklab::core::detail
