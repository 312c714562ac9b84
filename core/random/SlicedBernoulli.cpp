#include "core/random/SlicedBernoulli.h"

#include "core/random/detail/BitCount.h"
#include "core/random/detail/TargetAttributes.h"

#pragma GCC diagnostic ignored "-Wuninitialized"  // see XoshiroKernels.cpp (_mm512_undefined_epi32)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

namespace walklab::core {

namespace {

constexpr std::size_t G = SlicedBernoulli::kGroups;
using Batch = SlicedBernoulli::Batch;
using Counts = SlicedBernoulli::Counts;

// Rows of 8 words straight from the engine's buffer; a row that straddles a refill is copied.
class RowReader {
public:
    explicit RowReader(Engine& engine) : m_engine(engine)
    {
        const auto words = m_engine.next(Engine::kBufferWords);
        m_next = words.data();
        m_end = m_next + words.size();
    }
    ~RowReader() { m_engine.unread(std::size_t(m_end - m_next)); }  // give back what was not read

    [[gnu::always_inline]] const std::uint64_t* row()
    {
        if (m_end - m_next >= std::ptrdiff_t(G)) [[likely]] {
            const std::uint64_t* r = m_next;
            m_next += G;
            return r;
        }
        return straddle();
    }

private:
    const std::uint64_t* straddle()
    {
        m_engine.unread(std::size_t(m_end - m_next));
        m_engine.generate(m_row, G);
        const auto words = m_engine.next(Engine::kBufferWords);
        m_next = words.data();
        m_end = m_next + words.size();
        return m_row;
    }

    Engine& m_engine;
    const std::uint64_t *m_next, *m_end;
    std::uint64_t m_row[G];
};

// The portable batch: the 8 groups of a row one after the other (vectorised by the compiler
// where the target allows). x = u XOR digit: where the threshold's digit is 1 and x is 1 (U's
// digit 0) the trial is below; where x is 0 the digits agree and the trial stays undecided.
[[gnu::always_inline]] inline Batch decidePortable(const SlicedBernoulli& s, RowReader& reader)
{
    const std::uint64_t a = s.a(), b = s.b();
    const std::uint64_t startA = a != 0 ? ~0ULL : 0, startB = s.bBelowOne() && b != 0 ? ~0ULL : 0;
    Batch m;
    std::uint64_t undecidedA[G], undecidedB[G];
    for (std::size_t g = 0; g < G; ++g) {
        m.belowA[g] = 0;
        m.belowB[g] = s.bBelowOne() ? 0 : ~0ULL;
        undecidedA[g] = startA;
        undecidedB[g] = startB;
    }
    for (int k = 63; k >= 0 && (startA | startB) != 0; --k) {
        const std::uint64_t* u = reader.row();
        const std::uint64_t digitA = 0 - ((a >> k) & 1), digitB = 0 - ((b >> k) & 1);
        std::uint64_t open = 0;
        for (std::size_t g = 0; g < G; ++g) {
            const std::uint64_t x = u[g] ^ digitA, y = u[g] ^ digitB;
            m.belowA[g] |= undecidedA[g] & x & digitA;
            undecidedA[g] &= ~x;
            m.belowB[g] |= undecidedB[g] & y & digitB;
            undecidedB[g] &= ~y;
            open |= undecidedA[g] | undecidedB[g];
        }
        if (open == 0)
            break;
    }
    return m;
}

// The same batch with a row of 8 groups in one AVX-512 register; the belowA / belowB registers
// are returned through out (stored) or summed by popcount (count).
struct Avx512Batch {
    __m512i belowA, belowB;
};

WALKLAB_TARGET_AVX512 inline Avx512Batch decideAvx512(const SlicedBernoulli& s, RowReader& reader)
{
    const std::uint64_t a = s.a(), b = s.b();
    const std::uint64_t startA = a != 0 ? ~0ULL : 0, startB = s.bBelowOne() && b != 0 ? ~0ULL : 0;
    Avx512Batch m{_mm512_setzero_si512(), _mm512_set1_epi64(s.bBelowOne() ? 0 : -1)};
    __m512i undecidedA = _mm512_set1_epi64(std::int64_t(startA)), undecidedB = _mm512_set1_epi64(std::int64_t(startB));
    for (int k = 63; k >= 0 && (startA | startB) != 0; --k) {
        const __m512i u = _mm512_loadu_si512(reader.row());
        const __m512i digitA = _mm512_set1_epi64(-std::int64_t((a >> k) & 1));
        const __m512i digitB = _mm512_set1_epi64(-std::int64_t((b >> k) & 1));
        const __m512i x = _mm512_xor_si512(u, digitA), y = _mm512_xor_si512(u, digitB);
        // below |= undecided & x & digit  (ternary-logic table 0xF8: A | (B & C))
        m.belowA = _mm512_ternarylogic_epi64(m.belowA, _mm512_and_si512(undecidedA, x), digitA, 0xF8);
        undecidedA = _mm512_andnot_si512(x, undecidedA);
        m.belowB = _mm512_ternarylogic_epi64(m.belowB, _mm512_and_si512(undecidedB, y), digitB, 0xF8);
        undecidedB = _mm512_andnot_si512(y, undecidedB);
        const __m512i open = _mm512_or_si512(undecidedA, undecidedB);
        if (_mm512_test_epi64_mask(open, open) == 0)
            break;
    }
    return m;
}

// Popcnt: whether the target has the POPCNT instruction.
template <bool Popcnt>
[[gnu::always_inline]] inline Counts countPortable(const SlicedBernoulli& s, Engine& engine, std::size_t batches)
{
    Counts c;
    RowReader reader(engine);
    for (; batches > 0; --batches) {
        const Batch m = decidePortable(s, reader);
        for (std::size_t g = 0; g < G; ++g) {
            c.belowA += std::uint64_t(Popcnt ? __builtin_popcountll(m.belowA[g]) : detail::popcount64(m.belowA[g]));
            c.belowB += std::uint64_t(Popcnt ? __builtin_popcountll(m.belowB[g]) : detail::popcount64(m.belowB[g]));
        }
    }
    return c;
}

Batch batchBaseline(const SlicedBernoulli& s, Engine& e)
{
    RowReader reader(e);
    return decidePortable(s, reader);
}
Counts countBaseline(const SlicedBernoulli& s, Engine& e, std::size_t n) { return countPortable<false>(s, e, n); }

WALKLAB_TARGET_AVX2 Batch batchAvx2(const SlicedBernoulli& s, Engine& e)
{
    RowReader reader(e);
    return decidePortable(s, reader);
}
WALKLAB_TARGET_AVX2 Counts countAvx2(const SlicedBernoulli& s, Engine& e, std::size_t n) { return countPortable<true>(s, e, n); }

WALKLAB_TARGET_AVX512 Batch batchAvx512(const SlicedBernoulli& s, Engine& e)
{
    RowReader reader(e);
    const Avx512Batch m = decideAvx512(s, reader);
    Batch out;
    _mm512_storeu_si512(out.belowA, m.belowA);
    _mm512_storeu_si512(out.belowB, m.belowB);
    return out;
}

WALKLAB_TARGET_AVX512 Counts countAvx512(const SlicedBernoulli& s, Engine& e, std::size_t n)
{
    __m512i onesA = _mm512_setzero_si512(), onesB = _mm512_setzero_si512();
    {
        RowReader reader(e);
        for (; n > 0; --n) {
            const Avx512Batch m = decideAvx512(s, reader);
            onesA = _mm512_add_epi64(onesA, _mm512_popcnt_epi64(m.belowA));
            onesB = _mm512_add_epi64(onesB, _mm512_popcnt_epi64(m.belowB));
        }
    }
    return {std::uint64_t(_mm512_reduce_add_epi64(onesA)), std::uint64_t(_mm512_reduce_add_epi64(onesB))};
}

}  // namespace

SlicedBernoulli::Batch SlicedBernoulli::batch(Engine& engine) const
{
    switch (m_level) {
    case CpuLevel::Avx512:
        return batchAvx512(*this, engine);
    case CpuLevel::Avx2:
        return batchAvx2(*this, engine);
    case CpuLevel::Baseline:
        break;
    }
    return batchBaseline(*this, engine);
}

SlicedBernoulli::Counts SlicedBernoulli::count(Engine& engine, std::size_t batches) const
{
    if (batches == 0)
        return {};
    switch (m_level) {
    case CpuLevel::Avx512:
        return countAvx512(*this, engine, batches);
    case CpuLevel::Avx2:
        return countAvx2(*this, engine, batches);
    case CpuLevel::Baseline:
        break;
    }
    return countBaseline(*this, engine, batches);
}

}  // namespace walklab::core
