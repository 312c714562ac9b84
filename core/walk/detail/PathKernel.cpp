#include "core/walk/detail/PathKernel.h"

#include "core/random/detail/TargetAttributes.h"

#include <array>

#include <immintrin.h>

namespace walklab::core::detail {

namespace {

// kCount[b][i]: the number of 1 bits among bits 0 … i of the byte b; kStep[b][i] = 2·kCount[b][i] − (i + 1),
// the displacement of the symmetric walk after the first i + 1 steps of the byte b.
using Table = std::array<std::array<std::int32_t, 8>, 256>;
constexpr Table makeTable(bool symmetric)
{
    Table c{};
    for (int b = 0; b < 256; ++b)
        for (int i = 0, n = 0; i < 8; ++i) {
            n += (b >> i) & 1;
            c[std::size_t(b)][std::size_t(i)] = symmetric ? 2 * n - (i + 1) : n;
        }
    return c;
}
alignas(64) constexpr Table kCount = makeTable(false);
alignas(64) constexpr Table kStep = makeTable(true);

// The positions of one byte of steps: 8 int32 from base. One version per instruction set.
[[gnu::always_inline]] inline void bytePositions(const std::int32_t* step, std::int32_t base, std::int32_t* out)
{
    const __m128i b = _mm_set1_epi32(base);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_add_epi32(b, _mm_load_si128(reinterpret_cast<const __m128i*>(step))));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4),
                     _mm_add_epi32(b, _mm_load_si128(reinterpret_cast<const __m128i*>(step + 4))));
}
WALKLAB_TARGET_AVX2 inline void bytePositionsAvx2(const std::int32_t* step, std::int32_t base, std::int32_t* out)
{
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out),
                        _mm256_add_epi32(_mm256_set1_epi32(base), _mm256_load_si256(reinterpret_cast<const __m256i*>(step))));
}

// Symmetric words: one table row per byte.
template <void (*Store)(const std::int32_t*, std::int32_t, std::int32_t*)>
[[gnu::always_inline]] inline std::int32_t symmetricWords(const std::uint64_t* up, std::size_t n, std::int32_t base,
                                                          std::int32_t* out)
{
    for (std::size_t w = 0; w < n; ++w)
        for (int j = 0; j < 8; ++j, out += 8) {
            const std::int32_t* step = kStep[(up[w] >> (8 * j)) & 255].data();
            Store(step, base, out);
            base += step[7];
        }
    return base;
}

// AVX-512: two bytes, 16 positions, per store.
WALKLAB_TARGET_AVX512 inline std::int32_t symmetricWordsAvx512(const std::uint64_t* up, std::size_t n, std::int32_t base,
                                                                std::int32_t* out)
{
    for (std::size_t w = 0; w < n; ++w)
        for (int j = 0; j < 8; j += 2, out += 16) {
            const std::int32_t* lo = kStep[(up[w] >> (8 * j)) & 255].data();
            const std::int32_t* hi = kStep[(up[w] >> (8 * j + 8)) & 255].data();
            const __m512i steps = _mm512_inserti64x4(
                _mm512_castsi256_si512(_mm256_load_si256(reinterpret_cast<const __m256i*>(lo))),
                _mm256_add_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(hi)), _mm256_set1_epi32(lo[7])), 1);
            _mm512_storeu_si512(out, _mm512_add_epi32(steps, _mm512_set1_epi32(base)));
            base += lo[7] + hi[7];
        }
    return base;
}

// Masked words (biased or lazy walks, few compared with the words their masks cost): step by step
// through the count table, 8 at a time.
inline std::int32_t maskedWords(const std::uint64_t* up, const std::uint64_t* move, std::size_t n, std::int32_t base,
                                std::int32_t* out)
{
    for (std::size_t w = 0; w < n; ++w)
        for (int j = 0; j < 8; ++j, out += 8) {
            const auto& a = kCount[(up[w] >> (8 * j)) & 255];
            const auto& b = kCount[(move[w] >> (8 * j)) & 255];
            for (std::size_t i = 0; i < 8; ++i)
                out[i] = base + 2 * a[i] - b[i];
            base += 2 * a[7] - b[7];
        }
    return base;
}

std::int32_t wordsBaseline(const std::uint64_t* up, const std::uint64_t* move, std::size_t n, std::int32_t base,
                           std::int32_t* out)
{
    return move ? maskedWords(up, move, n, base, out) : symmetricWords<bytePositions>(up, n, base, out);
}

WALKLAB_TARGET_AVX2 std::int32_t wordsAvx2(const std::uint64_t* up, const std::uint64_t* move, std::size_t n,
                                           std::int32_t base, std::int32_t* out)
{
    return move ? maskedWords(up, move, n, base, out) : symmetricWords<bytePositionsAvx2>(up, n, base, out);
}

WALKLAB_TARGET_AVX512 std::int32_t wordsAvx512(const std::uint64_t* up, const std::uint64_t* move, std::size_t n,
                                               std::int32_t base, std::int32_t* out)
{
    return move ? maskedWords(up, move, n, base, out) : symmetricWordsAvx512(up, n, base, out);
}

}  // namespace

std::int32_t pathWords(const std::uint64_t* up, const std::uint64_t* move, std::size_t n, std::int32_t start,
                       std::int32_t* out, CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512: return wordsAvx512(up, move, n, start, out);
    case CpuLevel::Avx2: return wordsAvx2(up, move, n, start, out);
    case CpuLevel::Baseline: break;
    }
    return wordsBaseline(up, move, n, start, out);
}

}  // namespace walklab::core::detail
