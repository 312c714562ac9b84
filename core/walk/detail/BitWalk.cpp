#include "core/walk/detail/BitWalk.h"

#include "core/random/detail/TargetAttributes.h"

#include <algorithm>
#include <cstdlib>

#pragma GCC diagnostic ignored "-Wuninitialized"  // see XoshiroKernels.cpp (_mm512_undefined_epi32)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

namespace walklab::core::detail {

namespace {

/// The state of one bit walk: its engine and the bits kept from its last word.
struct BitCursor {
    Engine& engine;
    std::uint64_t& bits;
    int& bitsLeft;
};

/// Takes the steps of the low m ≤ 64 bits of x (walk u) and y (walk v). Returns i ≥ 1 when
/// (u, v) = (0, 0) first after step i (u = v = 0 then, the later steps not taken), else 0 with
/// u, v after all m steps. Bytes are skipped by their bit counts while max(|u|, |v|) exceeds
/// their length.
[[gnu::always_inline]] inline int zeroInWord(std::int64_t& u, std::int64_t& v, std::uint64_t x, std::uint64_t y, int m)
{
    for (int i = 0; i < m;) {
        const int c = std::min(8, m - i);
        const std::uint64_t mask = (std::uint64_t(1) << c) - 1, bx = (x >> i) & mask, by = (y >> i) & mask;
        if (std::max(std::abs(u), std::abs(v)) > c) {
            u += 2 * popcount64(bx) - c;
            v += 2 * popcount64(by) - c;
        } else {
            for (int j = 0; j < c; ++j) {
                u += 2 * std::int64_t((bx >> j) & 1) - 1;
                v += 2 * std::int64_t((by >> j) & 1) - 1;
                if (u == 0 && v == 0)
                    return i + j + 1;
            }
        }
        i += c;
    }
    return 0;
}

/// The 1 bits of x[0 … n) and of y[0 … n) (n < 2^26).
struct Ones {
    std::int64_t x, y;
};

WALKLAB_TARGET_AVX512 inline Ones onesAvx512(const std::uint64_t* x, const std::uint64_t* y, std::size_t n)
{
    // Both counts in one register (y's in the high 32 bits of each lane), one reduction.
    __m512i sum = _mm512_setzero_si512();
    for (std::size_t i = 0; i < n; i += 8) {
        const __mmask8 mask = n - i >= 8 ? __mmask8(0xFF) : __mmask8((1u << (n - i)) - 1);
        const __m512i cx = _mm512_popcnt_epi64(_mm512_maskz_loadu_epi64(mask, x + i));
        const __m512i cy = _mm512_popcnt_epi64(_mm512_maskz_loadu_epi64(mask, y + i));
        sum = _mm512_add_epi64(sum, _mm512_add_epi64(cx, _mm512_slli_epi64(cy, 32)));
    }
    const auto total = std::uint64_t(_mm512_reduce_add_epi64(sum));
    return {std::int64_t(total & 0xFFFFFFFF), std::int64_t(total >> 32)};
}

template <CpuLevel level>
[[gnu::always_inline]] inline Ones ones(const std::uint64_t* x, const std::uint64_t* y, std::size_t n)
{
    if constexpr (level == CpuLevel::Avx512) {
        return onesAvx512(x, y, n);
    } else {
        Ones total{0, 0};
        for (std::size_t i = 0; i < n; ++i) {
            total.x += popcount64(x[i]);
            total.y += popcount64(y[i]);
        }
        return total;
    }
}

template <CpuLevel level>
[[gnu::always_inline]] inline std::int64_t firstJointZeroAt(BitCursor a, BitCursor b, std::int64_t& uRef,
                                                            std::int64_t& vRef, std::int64_t steps)
{
    std::int64_t u = uRef, v = vRef;  // in registers
    const auto done = [&](std::int64_t result) {
        uRef = u;
        vRef = v;
        return result;
    };
    // The bits kept from the last words (as many in both).
    std::int64_t taken = std::min<std::int64_t>(steps, a.bitsLeft);
    if (taken > 0) {
        const int m = int(taken), i = zeroInWord(u, v, a.bits, b.bits, m), used = i > 0 ? i : m;  // used < 64
        a.bits >>= used;
        b.bits >>= used;
        a.bitsLeft -= used;
        b.bitsLeft -= used;
        if (i > 0)
            return done(i);
    }
    // Whole words, a span of the engines' buffers at a time: with D = max(|u|, |v|), the largest
    // group of 64, 32, …, 2 words whose steps are fewer than D is counted at once (AVX-512: one
    // vector reduction), else one word, and only a word starting at D ≤ 64 is looked into.
    for (std::int64_t words = (steps - taken) / 64; words > 0;) {
        const auto x = a.engine.next(std::size_t(words));
        const auto y = b.engine.next(x.size());
        if (y.size() < x.size())
            a.engine.unread(x.size() - y.size());
        const std::size_t n = y.size();
        for (std::size_t j = 0; j < n;) {
            const std::int64_t d = std::max(std::abs(u), std::abs(v));
            std::size_t group = 64;
            while (group > 1 && !(d > 64 * std::int64_t(group) && j + group <= n))
                group /= 2;
            if (group > 1) {
                const Ones c = ones<level>(x.data() + j, y.data() + j, group);
                u += 2 * c.x - 64 * std::int64_t(group);
                v += 2 * c.y - 64 * std::int64_t(group);
            } else if (d > 64) {
                u += 2 * popcount64(x[j]) - 64;
                v += 2 * popcount64(y[j]) - 64;
            } else if (const int i = zeroInWord(u, v, x[j], y[j], 64); i > 0) {
                a.engine.unread(n - j - 1);
                b.engine.unread(n - j - 1);
                const int rest = 64 - i;
                a.bits = rest > 0 ? x[j] >> i : 0;
                b.bits = rest > 0 ? y[j] >> i : 0;
                a.bitsLeft = b.bitsLeft = rest;
                return done(taken + 64 * std::int64_t(j) + i);
            }
            j += group;
        }
        taken += 64 * std::int64_t(n);
        words -= std::int64_t(n);
    }
    // Part of one more word; its other bits are kept.
    if (const int m = int(steps - taken); m > 0) {
        const std::uint64_t x = a.engine(), y = b.engine();
        const int i = zeroInWord(u, v, x, y, m), used = i > 0 ? i : m;  // used < 64
        a.bits = x >> used;
        b.bits = y >> used;
        a.bitsLeft = b.bitsLeft = 64 - used;
        return done(i > 0 ? taken + i : 0);
    }
    return done(0);
}

// Compiled once per CpuLevel with everything inline (POPCNT, vector bit counts); same results.
[[gnu::flatten]] std::int64_t firstJointZeroBaseline(BitCursor a, BitCursor b, std::int64_t& u, std::int64_t& v,
                                                      std::int64_t steps)
{
    return firstJointZeroAt<CpuLevel::Baseline>(a, b, u, v, steps);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX2 std::int64_t firstJointZeroAvx2(BitCursor a, BitCursor b, std::int64_t& u,
                                                                      std::int64_t& v, std::int64_t steps)
{
    return firstJointZeroAt<CpuLevel::Avx2>(a, b, u, v, steps);
}
[[gnu::flatten]] WALKLAB_TARGET_AVX512 std::int64_t firstJointZeroAvx512(BitCursor a, BitCursor b, std::int64_t& u,
                                                                          std::int64_t& v, std::int64_t steps)
{
    return firstJointZeroAt<CpuLevel::Avx512>(a, b, u, v, steps);
}

}  // namespace

std::int64_t firstJointZero(BitWalk& a, BitWalk& b, std::int64_t& u, std::int64_t& v, std::int64_t steps)
{
    const BitCursor ca{a.m_engine, a.m_bits, a.m_bitsLeft}, cb{b.m_engine, b.m_bits, b.m_bitsLeft};
    switch (a.m_engine.cpuLevel()) {
    case CpuLevel::Avx512: return firstJointZeroAvx512(ca, cb, u, v, steps);
    case CpuLevel::Avx2: return firstJointZeroAvx2(ca, cb, u, v, steps);
    case CpuLevel::Baseline: break;
    }
    return firstJointZeroBaseline(ca, cb, u, v, steps);
}

}  // namespace walklab::core::detail
