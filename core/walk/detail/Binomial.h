// Binomial variates in bulk for the endpoint shortcut: Hörmann's BTRD (inversion for small
// means), vectorised over a batch of draws, the same bits at every CpuLevel.
#pragma once

#include "core/random/StreamEngine.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Draws per batch (see Binomial).
inline constexpr std::size_t kBinomialBatch = 64;

/// The set-up of one Binomial(t, p) law, p ≤ ½ (the caller draws t − Binomial(t, 1 − p) for
/// p > ½): the constants of Hörmann's hat (m the mode, r = p/(1 − p), nr = (t + 1)·r,
/// npq = t·p·(1 − p), a, b, c, α, v_r, u·v_r as in the paper) when m ≥ 11, or qn = (1 − p)^t
/// for inversion when m < 11 (then urvr = −1). Integers t, m are held as exact doubles.
struct BinomialHat {
    double t = 0, p = 0, m = 0, r = 0, nr = 0, npq = 0, a = 0, b = 0, c = 0, alpha = 0, vr = 1, urvr = -1, qn = 1;
};

/// Binomial(t, p) variates, t and p fixed, exact in law for the double p given:
///  - m = ⌊(t + 1)·p'⌋ ≥ 11 (p' = min(p, 1 − p)): BTRD, the transformed rejection with decomposition
///    of W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46
///    (1993) 101–110, written from the paper: step 1 (a box in the centre of the hat, taken at
///    once by about 79 % of draws at large t·p), steps 2 – 3.4 (one more uniform, the recursive
///    f(k)/f(m) for |k − m| ≤ 15, else the squeeze on ln V) and the final test (Stirling's series,
///    fc(k) tabulated for k ≤ 9);
///  - m < 11: sequential inversion from 0 (BINV of V. Kachitvichyanukul and B. W. Schmeiser,
///    "Binomial random variate generation", Comm. ACM 31 (1988) 216–222), restarted with a fresh
///    uniform past min(t, 110) (conditioning away a tail of mass below 10^-50 and the rounding
///    slack of the cumulative sums).
/// Uniforms are V = k·2^-52 for the top 52 bits k of a word. A call of n ≥ 2 draws works in
/// batches of kBinomialBatch: the first uniforms of the batch (word j for draw j), step 1 for all
/// of them, then one more word for each BTRD draw step 1 did not take (in draw order) and steps
/// 2 – 3.4 for those, both in vector registers; last, in draw order, the inversions, final tests
/// and restarts, reading further words. A call of one draw reads the words a batch of one would,
/// in scalar code. So the variates depend on the engine's words and on how the draws are split
/// into calls. Logarithms by portableLog() and only +, −, ×, ÷, √ and exact conversions
/// otherwise, with floating-point contraction off, the vector code chosen by the engine's
/// CpuLevel (AVX-512 with 256-bit vectors, AVX2, SSE2): every level gives the same variates
/// (tested); pow() of libm sets up inversion ((1 − p')^t). Cost independent of t: about 12 ns a
/// draw in calls of many, 25 ns one at a time (n = 10^6, p = ½, AVX-512 level, this 2-core VM).
/// 0 ≤ t < 2^50, 0 ≤ p ≤ 1 (not checked: callers validate).
class Binomial {
public:
    Binomial() = default;  // Binomial(0, 0): always 0
    Binomial(std::int64_t trials, double p);

    /// n variates into out.
    void operator()(Engine& engine, std::int64_t* out, std::size_t n) const;
    /// One variate.
    std::int64_t operator()(Engine& engine) const
    {
        std::int64_t k = 0;
        (*this)(engine, &k, 1);
        return k;
    }

private:
    BinomialHat m_hat;
    bool m_flip = false;  // p > ½: t − Binomial(t, 1 − p)
};

/// out[j] ~ Binomial(trials[j], p) for j < n, each law set up per draw (vectorised over the batch;
/// the same set-up, bit for bit, as Binomial(trials[j], p)), by the method and word order of
/// Binomial. out may be trials (in place). 0 ≤ trials[j] < 2^50.
void binomials(Engine& engine, const std::int64_t* trials, double p, std::int64_t* out, std::size_t n);

}  // namespace walklab::core::detail
