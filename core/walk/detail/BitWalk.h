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

    /// The displacements at many times: out[i] = displacement after steps[i] more steps, for
    /// i < count (steps nondecreasing, ≥ 0; `scratch` has room for count values). The same
    /// steps as advance(steps[0]), advance(steps[1] − steps[0]), … (the same bits), but the
    /// words are counted by one Engine::popcountPrefixes() call for all the times: a walker
    /// observed at a few hundred times pays a few nanoseconds per time, not an engine call each.
    void displacements(const std::int64_t* steps, std::size_t count, std::int64_t* out, std::uint64_t* scratch)
    {
        std::size_t i = 0;
        for (; i < count && steps[i] <= m_bitsLeft; ++i)  // within the bits kept from the last word
            out[i] = 2 * std::int64_t(popcount64(m_bits & ((std::uint64_t(1) << steps[i]) - 1))) - steps[i];
        if (i == count) {
            const int take = count > 0 ? int(steps[count - 1]) : 0;
            m_bits >>= take;
            m_bitsLeft -= take;
            return;
        }
        // The kept bits first, then the engine's words: bit positions counted from its next word
        // (in scratch), replaced by their prefix counts in out.
        const std::int64_t kept = m_bitsLeft, keptOnes = popcount64(m_bits);
        const std::size_t n = count - i;
        for (std::size_t k = 0; k < n; ++k)
            scratch[k] = std::uint64_t(steps[i + k] - kept);
        const int used = int(scratch[n - 1] % 64);
        auto* ones = reinterpret_cast<std::uint64_t*>(out + i);
        const std::uint64_t last = m_engine.popcountPrefixes({scratch, n}, ones);
        for (std::size_t k = i; k < count; ++k)
            out[k] = 2 * (keptOnes + std::int64_t(out[k])) - steps[k];
        m_bits = used > 0 ? last >> used : 0;
        m_bitsLeft = used > 0 ? 64 - used : 0;
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
    friend std::int64_t firstJointZero(BitWalk& a, BitWalk& b, std::int64_t& u, std::int64_t& v, std::int64_t steps);

    Engine& m_engine;
    std::uint64_t m_bits = 0;
    int m_bitsLeft = 0;
};

/// The first visit of a pair of bit walks to (0, 0): takes up to `steps` ≥ 0 more steps of both
/// a (position u) and b (position v), stopping right after the first step at which u = v = 0.
/// Returns the number of steps taken if it stopped so (u = v = 0 then), else 0 (all `steps`
/// taken, u and v their new positions). The same bits as a.advance() and b.advance() step by
/// step, so the walks go on as if advanced by the steps taken. Precondition: a and b hold the
/// same number of unused bits (they have always been advanced by the same steps: the rotated
/// coordinates of the symmetric walk on Z², whose first return to 0 this finds).
/// Method: a walk at max(|u|, |v|) = D cannot be at (0, 0) within D − 1 steps (each step moves
/// u and v by one), so groups of 64, 32, …, 2 words or single words with fewer than D steps are
/// skipped by their 1 bits, counted inline from the engines' buffers (AVX-512: one vector count
/// and reduction per group; no engine call per skip), bytes likewise within a word starting at
/// D ≤ 64, and only the rest is taken bit by bit. Compiled once per CpuLevel (dispatched on a's
/// engine level); the same result at each. About half the rate of Engine::popcount() on both
/// streams (bench Rotated2DFirstReturn against Limit2DRotatedPopcount).
std::int64_t firstJointZero(BitWalk& a, BitWalk& b, std::int64_t& u, std::int64_t& v, std::int64_t steps);

}  // namespace walklab::core::detail
