// No fused multiply-add anywhere in this file: GCC contracts a·b + c into one FMA (a different
// rounding) wherever the target has FMA, unless told not to, and the AVX2/AVX-512 code would then
// differ from the baseline's. Set before the includes, so that portableLog() inlines with it.
#pragma GCC optimize("fp-contract=off")

#include "core/process/detail/UnitExponentials.h"

#include "core/random/detail/PortableLog.h"
#include "core/random/detail/TargetAttributes.h"

#include <algorithm>
#include <cstring>

namespace walklab::core::detail {

namespace {

[[gnu::always_inline]] inline void fill(Engine& engine, double* out, std::size_t n)
{
    while (n > 0) {
        const auto words = engine.next(n);
        const std::uint64_t* w = words.data();
        const std::size_t k = words.size();
        for (std::size_t j = 0; j < k; ++j)
            out[j] = minusLogUniform(w[j]);
        out += k;
        n -= k;
    }
}

[[gnu::always_inline]] inline double sum8(const double* x)
{
    return ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
}

/// Eight doubles in one value: one AVX-512 register, two AVX2 ones, four SSE2 pairs on the
/// baseline; lane-wise additions are the same IEEE additions at every level.
using Lanes = double __attribute__((vector_size(64)));

[[gnu::always_inline]] inline double sum64(const double* x)
{
    Lanes v[8];
    std::memcpy(v, x, sizeof v);
    const Lanes w = ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
    return ((w[0] + w[1]) + (w[2] + w[3])) + ((w[4] + w[5]) + (w[6] + w[7]));
}

[[gnu::always_inline]] inline std::size_t addWhile(double& t, const double* x, std::size_t n, double end)
{
    std::size_t i = 0;
    while (i < n) {
        if (i + 64 <= n) {
            const double c = sum64(x + i);
            if (t + c <= end) {
                t += c;
                i += 64;
                continue;
            }
        }
        // The block (or the tail) where the sum may pass end: by eights, then one by one. A block
        // whose sum passed end only by rounding is added whole this way, and the loop goes on.
        const std::size_t stop = std::min(n, i + 64);
        for (; i + 8 <= stop; i += 8) {
            const double c = sum8(x + i);
            if (t + c > end)
                break;
            t += c;
        }
        for (; i < stop; ++i)
            if ((t += x[i]) > end)
                return i;
    }
    return n;
}

void fillBaseline(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }
WALKLAB_TARGET_AVX2 void fillAvx2(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }
WALKLAB_TARGET_AVX512 void fillAvx512(Engine& engine, double* out, std::size_t n) { fill(engine, out, n); }

std::size_t addBaseline(double& t, const double* x, std::size_t n, double end) { return addWhile(t, x, n, end); }
WALKLAB_TARGET_AVX2 std::size_t addAvx2(double& t, const double* x, std::size_t n, double end)
{
    return addWhile(t, x, n, end);
}
WALKLAB_TARGET_AVX512 std::size_t addAvx512(double& t, const double* x, std::size_t n, double end)
{
    return addWhile(t, x, n, end);
}

}  // namespace

void unitExponentials(Engine& engine, double* out, std::size_t n, CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512: return fillAvx512(engine, out, n);
    case CpuLevel::Avx2: return fillAvx2(engine, out, n);
    case CpuLevel::Baseline: return fillBaseline(engine, out, n);
    }
}

std::size_t addWhileAtMost(double& t, const double* x, std::size_t n, double end, CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512: return addAvx512(t, x, n, end);
    case CpuLevel::Avx2: return addAvx2(t, x, n, end);
    case CpuLevel::Baseline: break;
    }
    return addBaseline(t, x, n, end);
}

double unitExponential(std::uint64_t word) { return minusLogUniform(word); }

}  // namespace walklab::core::detail
