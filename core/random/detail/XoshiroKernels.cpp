// xoshiro256++ 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM
// TOMS 47(4), 2021; reference code prng.di.unimi.it/xoshiro256plusplus.c), from its definition:
//   output = rotl(s0 + s3, 23) + s0;  t = s1 << 17;
//   s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
#include "core/random/detail/XoshiroKernels.h"

#include "core/random/detail/BitCount.h"
#include "core/random/detail/TargetAttributes.h"

#include <algorithm>

// GCC 12 reports the deliberately undefined pass-through operand of the AVX-512 intrinsics
// (_mm512_undefined_epi32()) as uninitialised; the values are never read.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

namespace walklab::core::detail {

namespace {

constexpr std::size_t L = kXoshiroLanes;

// The portable kernels: plain loops over the lanes, vectorised by the compiler for each target.
[[gnu::always_inline]] inline std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

template <class Sink>
[[gnu::always_inline]] inline void rounds(XoshiroLanes& st, std::size_t count, Sink sink)
{
    std::uint64_t s0[L], s1[L], s2[L], s3[L];
    for (std::size_t l = 0; l < L; ++l) {
        s0[l] = st.s[0][l];
        s1[l] = st.s[1][l];
        s2[l] = st.s[2][l];
        s3[l] = st.s[3][l];
    }
    for (std::size_t r = 0; r < count; ++r) {
        std::uint64_t out[L];
        for (std::size_t l = 0; l < L; ++l) {
            out[l] = rotl(s0[l] + s3[l], 23) + s0[l];
            const std::uint64_t t = s1[l] << 17;
            s2[l] ^= s0[l];
            s3[l] ^= s1[l];
            s1[l] ^= s2[l];
            s0[l] ^= s3[l];
            s2[l] ^= t;
            s3[l] = rotl(s3[l], 45);
        }
        sink(r, out);
    }
    for (std::size_t l = 0; l < L; ++l) {
        st.s[0][l] = s0[l];
        st.s[1][l] = s1[l];
        st.s[2][l] = s2[l];
        st.s[3][l] = s3[l];
    }
}

[[gnu::always_inline]] inline void portableGenerate(XoshiroLanes& st, std::uint64_t* out, std::size_t count)
{
    rounds(st, count, [out](std::size_t r, const std::uint64_t* words) {
        for (std::size_t l = 0; l < L; ++l)
            out[r * L + l] = words[l];
    });
}

// Popcnt: whether the target has the POPCNT instruction (else detail::popcount64's bit-slice sum,
// not a libgcc call per word).
template <bool Popcnt>
[[gnu::always_inline]] inline std::uint64_t portablePopcount(const std::uint64_t* words, std::size_t n)
{
    std::uint64_t ones = 0;
    for (std::size_t i = 0; i < n; ++i)
        ones += std::uint64_t(Popcnt ? __builtin_popcountll(words[i]) : popcount64(words[i]));
    return ones;
}

template <bool Popcnt>
[[gnu::always_inline]] inline std::uint64_t portablePopcountSpan(XoshiroLanes& st, const std::uint64_t* head,
                                                                 std::size_t headWords, std::size_t count,
                                                                 std::uint64_t* buffer, std::size_t tailWords)
{
    std::uint64_t ones = portablePopcount<Popcnt>(head, headWords);
    rounds(st, count, [&ones](std::size_t, const std::uint64_t* words) { ones += portablePopcount<Popcnt>(words, L); });
    if (tailWords > 0) {
        portableGenerate(st, buffer, kBufferRounds);
        ones += portablePopcount<Popcnt>(buffer, tailWords);
    }
    return ones;
}

// The stops of popcountPrefixes, resolved as the stream's words go by: `total` holds the 1 bits
// of the stream's first `at` words, `next` is the first stop not yet resolved.
template <bool Popcnt>
struct PrefixCounts {
    const std::uint64_t* bitEnds;
    std::size_t count;
    std::uint64_t* ones;
    std::uint64_t total = 0, lastWord = 0;
    std::size_t at = 0, next = 0;

    // w[0 … n) are the stream's words at … at + n − 1: resolves the stops that end in them (every
    // stop at or before bit 64·(at + n)) and counts them.
    [[gnu::always_inline]] void words(const std::uint64_t* w, std::size_t n)
    {
        std::size_t done = 0;
        for (; next < count && bitEnds[next] <= 64 * (at + n); ++next) {
            const std::size_t j = std::size_t(bitEnds[next] / 64) - at;
            const std::uint64_t bits = bitEnds[next] % 64;
            if (j > done) {  // not for stops in the same word (a walk watched step by step)
                total += portablePopcount<Popcnt>(w + done, j - done);
                done = j;
            }
            lastWord = bits > 0 ? w[j] : 0;  // (w[j] is past the end only when bits = 0)
            const std::uint64_t partial = lastWord & ((std::uint64_t(1) << bits) - 1);
            ones[next] = total + portablePopcount<Popcnt>(&partial, 1);
        }
        total += portablePopcount<Popcnt>(w + done, n - done);
        at += n;
    }

    // Whole rounds ahead with no stop in them (every stop up to bit 64·at is resolved).
    [[gnu::always_inline]] std::size_t roundsBeforeNextStop() const
    {
        return next < count ? std::size_t((bitEnds[next] - 64 * at - 1) / (64 * L)) : ~std::size_t(0);
    }
};

template <bool Popcnt>
[[gnu::always_inline]] inline std::uint64_t portablePopcountPrefixes(XoshiroLanes& st, const std::uint64_t* head,
                                                                     std::size_t headWords, std::size_t count,
                                                                     std::uint64_t* buffer, std::size_t tailWords,
                                                                     const std::uint64_t* bitEnds, std::size_t stops,
                                                                     std::uint64_t* ones)
{
    PrefixCounts<Popcnt> c{bitEnds, stops, ones};
    c.words(head, headWords);
    rounds(st, count, [&c](std::size_t, const std::uint64_t* words) { c.words(words, L); });
    if (tailWords > 0) {
        portableGenerate(st, buffer, kBufferRounds);
        c.words(buffer, tailWords);
    }
    return c.lastWord;
}

void generateBaseline(XoshiroLanes& st, std::uint64_t* out, std::size_t n) { portableGenerate(st, out, n); }
std::uint64_t popcountSpanBaseline(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn, std::size_t n,
                                   std::uint64_t* b, std::size_t tn)
{
    return portablePopcountSpan<false>(st, h, hn, n, b, tn);
}
std::uint64_t popcountBaseline(const std::uint64_t* w, std::size_t n) { return portablePopcount<false>(w, n); }
std::uint64_t popcountPrefixesBaseline(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn, std::size_t n,
                                       std::uint64_t* b, std::size_t tn, const std::uint64_t* e, std::size_t c,
                                       std::uint64_t* o)
{
    return portablePopcountPrefixes<false>(st, h, hn, n, b, tn, e, c, o);
}

WALKLAB_TARGET_AVX2 void generateAvx2(XoshiroLanes& st, std::uint64_t* out, std::size_t n) { portableGenerate(st, out, n); }
WALKLAB_TARGET_AVX2 std::uint64_t popcountSpanAvx2(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn,
                                                   std::size_t n, std::uint64_t* b, std::size_t tn)
{
    return portablePopcountSpan<true>(st, h, hn, n, b, tn);
}
WALKLAB_TARGET_AVX2 std::uint64_t popcountAvx2(const std::uint64_t* w, std::size_t n) { return portablePopcount<true>(w, n); }
WALKLAB_TARGET_AVX2 std::uint64_t popcountPrefixesAvx2(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn,
                                                       std::size_t n, std::uint64_t* b, std::size_t tn,
                                                       const std::uint64_t* e, std::size_t c, std::uint64_t* o)
{
    return portablePopcountPrefixes<true>(st, h, hn, n, b, tn, e, c, o);
}

// AVX-512: lanes 0–7 in the "a" registers, 8–15 in the "b" registers; native 64-bit rotations.
struct Avx512State {
    __m512i a[4], b[4];
};

WALKLAB_TARGET_AVX512 inline Avx512State load(const XoshiroLanes& st)
{
    Avx512State v;
    for (int j = 0; j < 4; ++j) {
        v.a[j] = _mm512_load_si512(st.s[j]);
        v.b[j] = _mm512_load_si512(st.s[j] + 8);
    }
    return v;
}

WALKLAB_TARGET_AVX512 inline void store(XoshiroLanes& st, const Avx512State& v)
{
    for (int j = 0; j < 4; ++j) {
        _mm512_store_si512(st.s[j], v.a[j]);
        _mm512_store_si512(st.s[j] + 8, v.b[j]);
    }
}

WALKLAB_TARGET_AVX512 inline __m512i step(__m512i* s)
{
    const __m512i out = _mm512_add_epi64(_mm512_rol_epi64(_mm512_add_epi64(s[0], s[3]), 23), s[0]);
    const __m512i t = _mm512_slli_epi64(s[1], 17);
    s[2] = _mm512_xor_si512(s[2], s[0]);
    s[3] = _mm512_xor_si512(s[3], s[1]);
    s[1] = _mm512_xor_si512(s[1], s[2]);
    s[0] = _mm512_xor_si512(s[0], s[3]);
    s[2] = _mm512_xor_si512(s[2], t);
    s[3] = _mm512_rol_epi64(s[3], 45);
    return out;
}

WALKLAB_TARGET_AVX512 inline void generateAvx512(Avx512State& v, std::uint64_t* out, std::size_t n)
{
    for (std::size_t r = 0; r < n; ++r) {
        _mm512_storeu_si512(out + r * L, step(v.a));
        _mm512_storeu_si512(out + r * L + 8, step(v.b));
    }
}

WALKLAB_TARGET_AVX512 void generateAvx512(XoshiroLanes& st, std::uint64_t* out, std::size_t n)
{
    Avx512State v = load(st);
    generateAvx512(v, out, n);
    store(st, v);
}

// 1 bits of words[0 … n) added to `ones`, eight words per instruction (the last ones masked).
WALKLAB_TARGET_AVX512 inline __m512i addPopcount(__m512i ones, const std::uint64_t* w, std::size_t n)
{
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        ones = _mm512_add_epi64(ones, _mm512_popcnt_epi64(_mm512_loadu_si512(w + i)));
    if (i < n)
        ones = _mm512_add_epi64(ones, _mm512_popcnt_epi64(_mm512_maskz_loadu_epi64(__mmask8((1u << (n - i)) - 1), w + i)));
    return ones;
}

WALKLAB_TARGET_AVX512 std::uint64_t popcountAvx512(const std::uint64_t* w, std::size_t n)
{
    return std::uint64_t(_mm512_reduce_add_epi64(addPopcount(_mm512_setzero_si512(), w, n)));
}

WALKLAB_TARGET_AVX512 std::uint64_t popcountSpanAvx512(XoshiroLanes& st, const std::uint64_t* head, std::size_t headWords,
                                                       std::size_t n, std::uint64_t* buffer, std::size_t tailWords)
{
    __m512i ones = addPopcount(_mm512_setzero_si512(), head, headWords);
    Avx512State v = load(st);
    for (std::size_t r = 0; r < n; ++r) {
        ones = _mm512_add_epi64(ones, _mm512_popcnt_epi64(step(v.a)));
        ones = _mm512_add_epi64(ones, _mm512_popcnt_epi64(step(v.b)));
    }
    if (tailWords > 0) {
        generateAvx512(v, buffer, kBufferRounds);
        ones = addPopcount(ones, buffer, tailWords);
    }
    store(st, v);
    return std::uint64_t(_mm512_reduce_add_epi64(ones));
}

// Between stops, whole rounds are counted in registers as in popcountSpanAvx512. A round that
// holds one stop is counted in registers (masked counts of the words before the stop's word, the
// low bits of that word): one reduction, nothing stored; a round with several stops is stored
// and resolved by PrefixCounts.
WALKLAB_TARGET_AVX512 std::uint64_t popcountPrefixesAvx512(XoshiroLanes& st, const std::uint64_t* head,
                                                           std::size_t headWords, std::size_t n, std::uint64_t* buffer,
                                                           std::size_t tailWords, const std::uint64_t* bitEnds,
                                                           std::size_t stops, std::uint64_t* ones)
{
    PrefixCounts<true> c{bitEnds, stops, ones};
    c.words(head, headWords);
    if (n == 0 && tailWords == 0)
        return c.lastWord;
    Avx512State v = load(st);
    __m512i counted = _mm512_setzero_si512();  // 1 bits of the rounds since the head
    for (std::size_t left = n; left > 0;) {
        const std::size_t free = std::min(left, c.roundsBeforeNextStop());
        for (std::size_t r = 0; r < free; ++r) {
            counted = _mm512_add_epi64(counted, _mm512_popcnt_epi64(step(v.a)));
            counted = _mm512_add_epi64(counted, _mm512_popcnt_epi64(step(v.b)));
        }
        c.at += free * L;
        left -= free;
        if (left == 0)
            break;
        const __m512i a = step(v.a), b = step(v.b);
        if (c.next + 1 < stops && bitEnds[c.next + 1] <= 64 * (c.at + L)) {  // several stops: stored
            alignas(64) std::uint64_t round[L];
            _mm512_store_si512(round, a);
            _mm512_store_si512(round + 8, b);
            c.total += std::uint64_t(_mm512_reduce_add_epi64(counted));
            counted = _mm512_setzero_si512();
            c.words(round, L);
        } else {  // one stop: the words before its word j by masked counts, word j's low bits scalar
            const std::uint64_t bit = bitEnds[c.next] - 64 * c.at;  // 1 … 1024
            const unsigned j = unsigned(bit / 64), before = (1u << j) - 1;
            const __m512i onesA = _mm512_popcnt_epi64(a), onesB = _mm512_popcnt_epi64(b);
            const __m512i counts = _mm512_add_epi64(_mm512_maskz_mov_epi64(__mmask8(before), onesA),
                                                    _mm512_maskz_mov_epi64(__mmask8(before >> 8), onesB));
            const std::uint64_t word = std::uint64_t(_mm_cvtsi128_si64(
                _mm512_castsi512_si128(_mm512_permutex2var_epi64(a, _mm512_set1_epi64(j % L), b))));
            const std::uint64_t low = _bzhi_u64(word, unsigned(bit % 64));  // 0 at a word's end
            ones[c.next] = c.total + std::uint64_t(_mm512_reduce_add_epi64(_mm512_add_epi64(counted, counts))) +
                           std::uint64_t(_mm_popcnt_u64(low));
            if (++c.next == stops)  // the last stop: its word is returned if partly read
                c.lastWord = bit % 64 > 0 ? word : 0;
            counted = _mm512_add_epi64(counted, _mm512_add_epi64(onesA, onesB));
            c.at += L;
        }
        --left;
    }
    c.total += std::uint64_t(_mm512_reduce_add_epi64(counted));
    if (tailWords > 0) {
        generateAvx512(v, buffer, kBufferRounds);
        c.words(buffer, tailWords);
    }
    store(st, v);
    return c.lastWord;
}

constexpr XoshiroKernels kBaseline{generateBaseline, popcountSpanBaseline, popcountBaseline, popcountPrefixesBaseline};
constexpr XoshiroKernels kAvx2{generateAvx2, popcountSpanAvx2, popcountAvx2, popcountPrefixesAvx2};
constexpr XoshiroKernels kAvx512{generateAvx512, popcountSpanAvx512, popcountAvx512, popcountPrefixesAvx512};

}  // namespace

const XoshiroKernels& xoshiroKernels(CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512:
        return kAvx512;
    case CpuLevel::Avx2:
        return kAvx2;
    case CpuLevel::Baseline:
        break;
    }
    return kBaseline;
}

}  // namespace walklab::core::detail
