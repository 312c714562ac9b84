// No fused multiply-add anywhere in this file: GCC contracts a·b + c into one FMA (a different
// rounding) wherever the target has FMA, unless told not to, and the AVX2/AVX-512 code would then
// differ from the baseline's. Set before the includes, so that portableLog() inlines with it.
#pragma GCC optimize("fp-contract=off")

#include "core/process/detail/UnitExponentials.h"

#include "core/random/detail/PortableLog.h"
#include "core/random/detail/TargetAttributes.h"

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

double unitExponential(std::uint64_t word) { return minusLogUniform(word); }

}  // namespace walklab::core::detail
