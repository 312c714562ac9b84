#include "core/process/detail/UnitExponentials.h"

#include "core/random/detail/TargetAttributes.h"

#include <bit>

// No fused multiply-add anywhere in this file: GCC contracts a·b + c into one FMA (a different
// rounding) wherever the target has FMA, unless told not to, and the AVX2/AVX-512 code would then
// differ from the baseline's.
#pragma GCC optimize("fp-contract=off")

namespace walklab::core::detail {

namespace {

// fdlibm e_log.c: ln 2 split so that e·ln2Hi is exact for |e| < 2^11, and the coefficients of R.
constexpr double ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10;
constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
                 Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                 Lg7 = 1.479819860511658591e-01;

// −ln U, U = (k + 1)·2^-52 for the top 52 bits k of one word, branch-free so that loops over it vectorise.
[[gnu::always_inline]] inline double minusLog(std::uint64_t word)
{
    // Integers to doubles by the exponent trick (exact, and vectorisable without AVX-512):
    // the double with bits 0x4330… | j is 2^52 + j for j < 2^52.
    constexpr std::uint64_t two52Bits = 0x4330000000000000ULL;
    constexpr double two52 = 0x1p52;
    const double u = (std::bit_cast<double>(two52Bits | (word >> 12)) - (two52 - 1.0)) * 0x1p-52;  // (k + 1)·2^-52
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(u);
    const std::uint64_t mantissa = bits & 0x000fffffffffffffULL;
    // i = 2^52 when the mantissa of u is at least √2 (then m = mantissa / 2 and e + 1).
    const std::uint64_t i = (mantissa + 0x00095f6400000000ULL) & 0x0010000000000000ULL;
    const double m = std::bit_cast<double>(mantissa | (i ^ 0x3ff0000000000000ULL));
    // e = biased exponent + carry − 1023, in −52 … 0.
    const double e = std::bit_cast<double>(two52Bits + (bits >> 52) + (i >> 52)) - (two52 + 1023.0);
    const double f = m - 1.0;
    const double s = f / (2.0 + f);
    const double z = s * s, w = z * z;
    const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    const double r = t2 + t1;
    const double hfsq = 0.5 * f * f;
    return -(e * ln2Hi - ((hfsq - (s * (hfsq + r) + e * ln2Lo)) - f));
}

[[gnu::always_inline]] inline void fill(Engine& engine, double* out, std::size_t n)
{
    while (n > 0) {
        const auto words = engine.next(n);
        const std::uint64_t* w = words.data();
        const std::size_t k = words.size();
        for (std::size_t j = 0; j < k; ++j)
            out[j] = minusLog(w[j]);
        out += k;
        n -= k;
    }
}

void fillBaseline(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }
WALKLAB_TARGET_AVX2 void fillAvx2(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }
WALKLAB_TARGET_AVX512 void fillAvx512(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }

}  // namespace

void unitExponentials(Engine& engine, double* out, std::size_t n, CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512: return fillAvx512(engine, out, n);
    case CpuLevel::Avx2: return fillAvx2(engine, out, n);
    case CpuLevel::Baseline: return fillBaseline(engine, out, n);
    }
}

double unitExponential(std::uint64_t word) { return minusLog(word); }

}  // namespace walklab::core::detail
