// A fair ±1 walk driven by random bits, 64 steps per word: the fast kernel of symmetric walks.
#pragma once

#include "core/random/StreamEngine.h"
#include "core/walk/detail/PathKernel.h"
#include "core/random/detail/BitCount.h"

#include <algorithm>
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
            ones += popcount64(take == 64 ? m_bits : (m_bits & ((std::uint64_t(1) << take) - 1)));
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
            ones += popcount64(w & ((std::uint64_t(1) << left) - 1));
            m_bits = w >> left;
            m_bitsLeft = int(64 - left);
        }
        return 2 * ones - steps;
    }

    /// Takes the same steps as advance(steps) and writes the position after each:
    /// out[i] = start + displacement after i + 1 steps (out holds `steps` values; the caller
    /// keeps |start| + steps < 2^31). Whole words go through pathWords(). Returns the displacement.
    std::int64_t path(std::int64_t steps, std::int32_t start, std::int32_t* out)
    {
        std::int32_t position = start;
        std::int64_t left = steps;
        if (m_bitsLeft > 0) {
            const int take = int(std::min<std::int64_t>(left, m_bitsLeft));
            position = pathBits(m_bits, ~0ULL, take, position, out);
            m_bits = take == 64 ? 0 : m_bits >> take;
            m_bitsLeft -= take;
            left -= take;
            out += take;
        }
        while (left >= 64) {
            const auto words = m_engine.next(std::size_t(left / 64));
            position = pathWords(words.data(), nullptr, words.size(), position, out);
            left -= 64 * std::int64_t(words.size());
            out += 64 * words.size();
        }
        if (left > 0) {
            const std::uint64_t w = m_engine();
            position = pathBits(w, ~0ULL, int(left), position, out);
            m_bits = w >> left;
            m_bitsLeft = int(64 - left);
        }
        return std::int64_t(position) - start;
    }

private:
    Engine& m_engine;
    std::uint64_t m_bits = 0;
    int m_bitsLeft = 0;
};

}  // namespace walklab::core::detail
