// 64 three-way Bernoulli trials at once from random words: the finite-digit (bit-sliced) method.
#pragma once

#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core {

/// Draws 64 independent uniforms U_0 … U_63 ∈ [0, 1) digit by digit and compares them with
/// two thresholds a = A/2^64 ≤ b = B/2^64, outcome "below a", "between a and b" or "above b".
///
/// Method (the finite-digit comparison of Knuth & Yao, "The complexity of nonuniform random
/// number generation", 1976; bit-sliced): word d of the engine holds binary digit d + 1 of
/// every U_i (bit i for U_i); digits are compared with those of a and b, most significant
/// first, and a trial is decided at its first digit that differs. Words are read until all 64
/// trials are decided against both thresholds (at most 64 words; about 7.3 on average for one
/// threshold, log2(64) + 1.33, and 8–9 for two). Exact: P(U < a) = A/2^64 and
/// P(U < b) = B/2^64 exactly, i.e. a probability is honoured to its multiple of 2^-64 below
/// (with ideal random words). A threshold of 0 or the "always below b" case costs no words.
///
/// Outcome of trial i: bit i of `belowA` (U_i < a) and of `belowB` (U_i < b ⊇ belowA).
class SlicedBernoulli {
public:
    struct Masks {
        std::uint64_t belowA = 0, belowB = 0;
    };
    struct Counts {
        std::uint64_t belowA = 0, belowB = 0;  ///< numbers of trials with U < a, U < b
    };

    /// a = A/2^64; b = B/2^64 if bBelowOne, else b = 1 (every U is below b). Requires A ≤ B.
    SlicedBernoulli(std::uint64_t A, std::uint64_t B, bool bBelowOne)
        : m_a(A), m_b(B), m_bBelowOne(bBelowOne), m_level(activeCpuLevel())
    {
    }

    /// One group of 64 trials, its words read from the engine.
    [[gnu::always_inline]] Masks group(Engine& engine) const
    {
        return decide([&engine] { return engine(); });
    }

    /// One group of 64 trials, its words taken from nextWord() (called 0 … 64 times).
    template <class NextWord>
    [[gnu::always_inline]] Masks decide(NextWord nextWord) const
    {
        std::uint64_t undecidedA = m_a != 0 ? ~0ULL : 0, undecidedB = m_bBelowOne && m_b != 0 ? ~0ULL : 0;
        Masks m{0, m_bBelowOne ? 0 : ~0ULL};
        for (int k = 63; k >= 0 && (undecidedA | undecidedB) != 0; --k) {
            const std::uint64_t u = nextWord();
            const std::uint64_t digitA = 0 - ((m_a >> k) & 1), digitB = 0 - ((m_b >> k) & 1);
            m.belowA |= undecidedA & digitA & ~u;  // digit of a is 1, of U is 0: U < a
            undecidedA &= ~(u ^ digitA);           // equal digits: still undecided
            m.belowB |= undecidedB & digitB & ~u;
            undecidedB &= ~(u ^ digitB);
        }
        return m;
    }

    /// The counts of `groups` groups, drawn as group() would, group after group.
    Counts count(Engine& engine, std::size_t groups) const;

    /// Counts at `level` (≤ detectedCpuLevel()) instead of activeCpuLevel(): for tests and benchmarks.
    void useCpuLevel(CpuLevel level) { m_level = level; }

private:
    std::uint64_t m_a, m_b;
    bool m_bBelowOne;
    CpuLevel m_level;
};

}  // namespace walklab::core
