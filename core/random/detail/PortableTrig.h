// Sine and cosine that give the same bits at every CpuLevel and on every machine, and vectorise:
// fdlibm's k_sin.c and k_cos.c (Sun Microsystems, 1993), the kernels on [−π/4, π/4].
#pragma once

#include <bit>
#include <cstdint>

namespace walklab::core::detail {

/// sin x and cos x for |x| ≤ π/4 (no argument reduction: callers draw their angles in that
/// range and rotate by quarter turns, see unitDirection()). Method of fdlibm's __kernel_sin and
/// __kernel_cos with tail y = 0: z = x², sin x = x + x·z·(S1 + z·R_s(z)), cos x = (1 − q) −
/// ((z/2 − q) − z·R_c(z)) with fdlibm's minimax polynomials and its split q of z/2 (0 for
/// |x| < 0.3, |x|/4 cut to 21 mantissa bits up to 0.78125, then 0.28125) that keeps 1 − q exact.
/// Error below 1 ulp (fdlibm). Only +, −, × and exact bit operations, branch-free: with
/// floating-point contraction off in the caller's file (#pragma GCC optimize("fp-contract=off"))
/// scalar, AVX2 and AVX-512 code give the same bits. Always inlined, so it compiles for the
/// caller's target.
[[gnu::always_inline]] inline void portableSinCos(double x, double& sine, double& cosine)
{
    constexpr double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                     S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                     S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    constexpr double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                     C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                     C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
    const double z = x * x;
    const double rs = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    sine = x + z * x * (S1 + z * rs);
    const double rc = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    const std::uint64_t absBits = std::bit_cast<std::uint64_t>(x) & 0x7fffffffffffffffULL;
    const double quarter = std::bit_cast<double>((absBits - 0x0020000000000000ULL) & 0xffffffff00000000ULL);
    const double ax = std::bit_cast<double>(absBits);
    const double q = ax < 0.3 ? 0.0 : (ax > 0.78125 ? 0.28125 : quarter);
    cosine = (1.0 - q) - ((0.5 * z - q) - z * rc);
}

/// k − 2^51 + 1/2 for the low 52 bits k of `word`: one of 2^52 equally spaced values,
/// symmetric about 0, in (−2^51, 2^51), exact (by the exponent trick, vectorisable).
[[gnu::always_inline]] inline double centredGrid(std::uint64_t word)
{
    constexpr std::uint64_t two52Bits = 0x4330000000000000ULL;  // the double 2^52
    const double k = std::bit_cast<double>(two52Bits | (word & 0x000fffffffffffffULL)) - 0x1p52;
    return (k - 0x1p51) + 0.5;
}

/// The unit vector (cos θ, sin θ) at the angle θ = (π/2)·j + x that one 64-bit word encodes:
/// the quarter turn j from its top 2 bits, x = centredGrid(word)·π·2^-53 ∈ (−π/4, π/4) (exact up
/// to the one rounding of the product). θ is uniform on 2^54 equally spaced
/// angles of the circle, up to that rounding (relative 2^-53). Same bits at every CpuLevel (see
/// portableSinCos()).
[[gnu::always_inline]] inline void unitDirection(std::uint64_t word, double& c, double& s)
{
    const double x = centredGrid(word) * 0x1.921fb54442d18p-52;  // π·2^-53
    double sine, cosine;
    portableSinCos(x, sine, cosine);
    // A quarter turn maps (c, s) to (−s, c); a half turn negates both (by the sign bit: exact).
    const std::uint64_t odd = (word >> 62) & 1, half = (word >> 63) << 63;
    c = std::bit_cast<double>(std::bit_cast<std::uint64_t>(odd ? -sine : cosine) ^ half);
    s = std::bit_cast<double>(std::bit_cast<std::uint64_t>(odd ? cosine : sine) ^ half);
}

}  // namespace walklab::core::detail
