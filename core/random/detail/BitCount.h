// The number of 1 bits in a word, inline in code built for plain x86-64.
#pragma once

#include <bit>
#include <cstdint>

namespace walklab::core::detail {

/// popcount(x). std::popcount compiles to the POPCNT instruction only when the translation unit
/// targets it (-mpopcnt, -march=x86-64-v2 or above, or a WALKLAB_TARGET_* function); for plain
/// x86-64 (Debian's default flags) it becomes a call into libgcc. This inline form uses the
/// instruction where available and otherwise the classic branch-free bit-slice sum (Hacker's
/// Delight, 2nd ed., §5-1, Figure 5-2 with the multiply), about a dozen register operations.
[[gnu::always_inline]] inline int popcount64(std::uint64_t x)
{
#if defined(__POPCNT__)
    return std::popcount(x);
#else
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return int((x * 0x0101010101010101ULL) >> 56);
#endif
}

}  // namespace walklab::core::detail
