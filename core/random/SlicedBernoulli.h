// 512 three-way Bernoulli trials at once from random words: the finite-digit (bit-sliced) method.
#pragma once

#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core {

/// Draws uniforms U ∈ [0, 1) digit by digit and compares them with two thresholds
/// a = A/2^64 ≤ b = B/2^64: outcome "below a", "between a and b" or "above b".
///
/// Method (the finite-digit comparison of Knuth & Yao, "The complexity of nonuniform random
/// number generation", 1976; bit-sliced): the binary digits of a uniform are compared with those
/// of a and b, most significant first, and a trial is decided at its first digit that differs
/// from the threshold's. Exact: P(U < a) = A/2^64 and P(U < b) = B/2^64 exactly, i.e. a
/// probability is honoured to its multiple of 2^-64 below (with ideal random words).
///
/// Layout (fixed, the same at every CpuLevel): trials come in batches of kGroups = 8 groups of
/// 64. The words of a batch are read in rows of 8: word 8·d + g of the batch holds digit d + 1
/// (d = 0, 1, …) of the 64 uniforms of group g, bit i for trial i of the group. Rows are read
/// until every trial of the batch is decided against both thresholds in play: at most 64 rows;
/// on average Σ_k [1 − (1 − 2^-k)^512] ≈ 10.33 rows (82.7 words) for one threshold, and about
/// 11.4 rows (91 words, measured) for p = q = 1/4 — 0.16–0.18 words per trial against 0.115
/// for groups decided one by one, the price of deciding 8 groups in lockstep. The AVX-512
/// kernel decides a row in one register, the others loop over its 8 groups; all give the same
/// trials from the same words and leave the engine at the same word (tested). A threshold of
/// 0, or "every U below b", costs no words.
///
/// Outcome of trial i of group g: bit i of belowA[g] (U < a) and of belowB[g] (U < b ⊇ belowA).
class SlicedBernoulli {
public:
    static constexpr std::size_t kGroups = 8;             ///< groups of 64 trials per batch
    static constexpr std::size_t kTrials = 64 * kGroups;  ///< trials per batch

    struct Batch {
        std::uint64_t belowA[kGroups], belowB[kGroups];
    };
    struct Counts {
        std::uint64_t belowA = 0, belowB = 0;  ///< numbers of trials with U < a, U < b
    };

    /// a = A/2^64; b = B/2^64 if bBelowOne, else b = 1 (every U is below b). Requires A ≤ B.
    SlicedBernoulli(std::uint64_t A, std::uint64_t B, bool bBelowOne)
        : m_a(A), m_b(B), m_bBelowOne(bBelowOne), m_level(activeCpuLevel())
    {
    }

    std::uint64_t a() const { return m_a; }
    std::uint64_t b() const { return m_b; }
    bool bBelowOne() const { return m_bBelowOne; }

    /// The next batch, its words read from the engine.
    Batch batch(Engine& engine) const;

    /// The counts of the next `batches` batches (the same trials batch() would draw).
    Counts count(Engine& engine, std::size_t batches) const;

    /// Runs at `level` (≤ detectedCpuLevel()) instead of activeCpuLevel(): for tests and benchmarks.
    void useCpuLevel(CpuLevel level) { m_level = level; }

private:
    std::uint64_t m_a, m_b;
    bool m_bBelowOne;
    CpuLevel m_level;
};

}  // namespace walklab::core
