// The simple symmetric walk on Z³ step by step, about 40 steps per random word: the axis of each
// step from the base-3 digits of random bytes, its sign from a fair bit walk per axis.
#pragma once

#include "core/random/StreamEngine.h"
#include "core/walk/detail/BitWalk.h"

#include <array>
#include <cstdint>

namespace walklab::core::detail {

/// Each step moves along axis a ∈ {0, 1, 2} with probability 1/3 each, then by ±1 with probability
/// ½ each, independently. Axes: the words of the axis stream are cut into bytes, lowest first; a
/// byte b < 243 = 3^5 gives the axes of 5 steps, its base-3 digits least significant first, and a
/// byte b ≥ 243 is rejected (probability 13/256), so each digit is uniform on {0, 1, 2} and the
/// digits are independent. Signs: the j-th step along axis a takes the j-th bit of the sign stream
/// of axis a (a BitWalk). So the displacement of k steps is (2·B_a − C_a)_a with C_a the moves
/// along a (a byte-table sum) and B_a the ones among C_a sign bits (popcount). Unused digits and
/// bits are kept between calls and each part has its own stream, so splitting a walk into several
/// advance() calls never changes its steps. Streams: makeStream(seed, block, 0) for the axes and
/// domains 1, 2, 3 for the signs.
class CubicWalk {
public:
    CubicWalk(std::uint64_t seed, std::uint64_t block)
        : m_axisEngine(makeStream(seed, block, 0)),
          m_signEngines{makeStream(seed, block, 1), makeStream(seed, block, 2), makeStream(seed, block, 3)}
    {
    }
    CubicWalk(const CubicWalk&) = delete;  // the bit walks refer to the engines
    CubicWalk& operator=(const CubicWalk&) = delete;

    /// Adds the displacement of `steps` ≥ 0 more steps to x.
    void advance(std::array<std::int64_t, 3>& x, std::int64_t steps)
    {
        std::array<std::int64_t, 3> moves{0, 0, 0};
        std::int64_t left = steps;
        for (; left > 0 && m_digitsLeft > 0; --left, --m_digitsLeft, m_digits /= 3)
            ++moves[std::size_t(m_digits % 3)];
        std::uint64_t packed = 0;  // moves in 16-bit fields, flushed before they can overflow
        auto flush = [&] {
            for (int a = 0; a < 3; ++a)
                moves[std::size_t(a)] += std::int64_t((packed >> (16 * a)) & 0xFFFF);
            packed = 0;
        };
        while (left > 0) {
            if (m_bytesLeft == 0 && left >= 40) {
                // Whole words, at most 40 steps each: 8 table lookups per word.
                const auto words = m_axisEngine.next(std::size_t(std::min<std::int64_t>(left / 40, 1024)));
                for (const std::uint64_t w : words) {
                    std::uint64_t sum = 0;
                    for (int b = 0; b < 8; ++b)
                        sum += kTable[(w >> (8 * b)) & 0xFF];
                    packed += sum;
                    left -= 5 * std::int64_t(sum >> 48);
                }
                flush();
                continue;
            }
            if (m_bytesLeft == 0) {
                m_bytes = m_axisEngine();
                m_bytesLeft = 8;
            }
            const std::uint64_t byte = m_bytes & 0xFF;
            m_bytes >>= 8;
            --m_bytesLeft;
            if (byte >= 243)
                continue;
            if (left >= 5) {
                packed += kTable[byte];
                left -= 5;
                continue;
            }
            m_digits = int(byte);
            for (m_digitsLeft = 5; left > 0; --left, --m_digitsLeft, m_digits /= 3)
                ++moves[std::size_t(m_digits % 3)];
        }
        flush();
        for (std::size_t a = 0; a < 3; ++a)
            x[a] += m_signs[a].advance(moves[a]);
    }

    /// kTable[b]: for b < 243 the moves along each axis among its 5 digits in 16-bit fields 0, 1,
    /// 2, and 1 in field 3 (a byte used); 0 for a rejected byte.
    static constexpr std::array<std::uint64_t, 256> kTable = [] {
        std::array<std::uint64_t, 256> t{};
        for (int b = 0; b < 243; ++b) {
            std::uint64_t entry = std::uint64_t(1) << 48;
            for (int d = 0, v = b; d < 5; ++d, v /= 3)
                entry += std::uint64_t(1) << (16 * (v % 3));
            t[std::size_t(b)] = entry;
        }
        return t;
    }();

private:
    Engine m_axisEngine;
    std::array<Engine, 3> m_signEngines;
    std::array<BitWalk, 3> m_signs{BitWalk(m_signEngines[0]), BitWalk(m_signEngines[1]), BitWalk(m_signEngines[2])};
    std::uint64_t m_bytes = 0;  // the bytes of the current axis word not yet used, lowest first
    int m_bytesLeft = 0;
    int m_digits = 0, m_digitsLeft = 0;  // the digits of the current byte not yet used
};

}  // namespace walklab::core::detail
