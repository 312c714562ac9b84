// xoshiro256++ 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM
// TOMS 47(4), 2021; reference code prng.di.unimi.it/xoshiro256plusplus.c), from its definition:
//   output = rotl(s0 + s3, 23) + s0;  t = s1 << 17;
//   s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
#include "core/random/detail/XoshiroKernels.h"

#include "core/random/detail/BitCount.h"
#include "core/random/detail/TargetAttributes.h"

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

void generateBaseline(XoshiroLanes& st, std::uint64_t* out, std::size_t n) { portableGenerate(st, out, n); }
std::uint64_t popcountSpanBaseline(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn, std::size_t n,
                                   std::uint64_t* b, std::size_t tn)
{
    return portablePopcountSpan<false>(st, h, hn, n, b, tn);
}
std::uint64_t popcountBaseline(const std::uint64_t* w, std::size_t n) { return portablePopcount<false>(w, n); }

WALKLAB_TARGET_AVX2 void generateAvx2(XoshiroLanes& st, std::uint64_t* out, std::size_t n) { portableGenerate(st, out, n); }
WALKLAB_TARGET_AVX2 std::uint64_t popcountSpanAvx2(XoshiroLanes& st, const std::uint64_t* h, std::size_t hn,
                                                   std::size_t n, std::uint64_t* b, std::size_t tn)
{
    return portablePopcountSpan<true>(st, h, hn, n, b, tn);
}
WALKLAB_TARGET_AVX2 std::uint64_t popcountAvx2(const std::uint64_t* w, std::size_t n) { return portablePopcount<true>(w, n); }

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

WALKLAB_TARGET_AVX512 void generateAvx512(XoshiroLanes& st, std::uint64_t* out, std::size_t n)
{
    Avx512State v = load(st);
    for (std::size_t r = 0; r < n; ++r) {
        _mm512_storeu_si512(out + r * L, step(v.a));
        _mm512_storeu_si512(out + r * L + 8, step(v.b));
    }
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
        for (std::size_t r = 0; r < kBufferRounds; ++r) {
            _mm512_storeu_si512(buffer + r * L, step(v.a));
            _mm512_storeu_si512(buffer + r * L + 8, step(v.b));
        }
        ones = addPopcount(ones, buffer, tailWords);
    }
    store(st, v);
    return std::uint64_t(_mm512_reduce_add_epi64(ones));
}

constexpr XoshiroKernels kBaseline{generateBaseline, popcountSpanBaseline, popcountBaseline};
constexpr XoshiroKernels kAvx2{generateAvx2, popcountSpanAvx2, popcountAvx2};
constexpr XoshiroKernels kAvx512{generateAvx512, popcountSpanAvx512, popcountAvx512};

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
