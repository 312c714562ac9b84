// A natural logarithm that gives the same bits at every CpuLevel and on every machine, and
// vectorises: fdlibm's e_log.c (Sun Microsystems, 1993) without its special cases.
#pragma once

#include <cstdint>

namespace walklab::core::detail {

/// ln x for a positive normal double x (0, subnormals, ∞ and NaN are not handled: the caller
/// excludes them), error below 1 ulp. Method of fdlibm's e_log.c: x = 2^e·m with
/// m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f), ln m = f − f²/2 + s·(f²/2 + R(s²)) with R
/// fdlibm's degree-7 minimax polynomial, ln x = e·ln 2 + ln m with ln 2 split in two so that
/// e·ln2Hi is exact. Only +, −, ×, ÷ and exact bit operations, all correctly rounded in IEEE 754
/// double precision, branch-free: with floating-point contraction off in the caller's file
/// (#pragma GCC optimize("fp-contract=off")), scalar, AVX2 and AVX-512 code give the same bits
/// and loops over it vectorise. Always inlined, so it compiles for the caller's target.
[[gnu::always_inline]] inline double portableLog(double x)
{
    constexpr double ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10;
    constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                     Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                     Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                     Lg7 = 1.479819860511658591e-01;
    constexpr std::uint64_t two52Bits = 0x4330000000000000ULL;  // the double 2^52
    const std::uint64_t bits = __builtin_bit_cast(std::uint64_t, x);
    const std::uint64_t mantissa = bits & 0x000fffffffffffffULL;
    // i = 2^52 when the mantissa of x is at least √2 (then m = mantissa / 2 and e + 1).
    const std::uint64_t i = (mantissa + 0x00095f6400000000ULL) & 0x0010000000000000ULL;
    const double m = __builtin_bit_cast(double, mantissa | (i ^ 0x3ff0000000000000ULL));
    // e = biased exponent + carry − 1023, as a double by the exponent trick (exact).
    const double e = __builtin_bit_cast(double, two52Bits + (bits >> 52) + (i >> 52)) - (0x1p52 + 1023.0);
    const double f = m - 1.0;
    const double s = f / (2.0 + f);
    const double z = s * s, w = z * z;
    const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    const double r = t2 + t1;
    const double hfsq = 0.5 * f * f;
    return e * ln2Hi - ((hfsq - (s * (hfsq + r) + e * ln2Lo)) - f);
}

/// −ln U, U = (k + 1)·2^-52 ∈ (0, 1] for the top 52 bits k of one 64-bit word: a unit
/// exponential variate (inversion), at most 52·ln 2 ≈ 36.04. Branch-free, so loops over it
/// vectorise; same bits at every CpuLevel (see portableLog()).
[[gnu::always_inline]] inline double minusLogUniform(std::uint64_t word)
{
    // Integers to doubles by the exponent trick (exact, and vectorisable without AVX-512):
    // the double with bits 0x4330… | j is 2^52 + j for j < 2^52.
    constexpr std::uint64_t two52Bits = 0x4330000000000000ULL;
    constexpr double two52 = 0x1p52;
    const double u = (__builtin_bit_cast(double, two52Bits | (word >> 12)) - (two52 - 1.0)) * 0x1p-52;
    return -portableLog(u);
}

}  // namespace walklab::core::detail
