// The exact law of the position S_n of a biased, lazy simple random walk on the integers.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace walklab::core {

/// Law of S_n = X_1 + … + X_n, S_0 = 0, with i.i.d. steps X = +1 with probability p,
/// −1 with probability q and 0 with probability r = 1 − p − q (the lazy walk).
///
/// Its generating function is (p z + r + q/z)^n, so (Feller, vol. I, §XI.1 and §III.2)
///   P(S_n = k) = Σ_d n! / (u! d! z!) · p^u q^d r^z,   u = d + k ups, d downs, z = n − k − 2d,
/// which for r = 0 is the binomial law P(S_n = k) = C(n, (n+k)/2) p^((n+k)/2) q^((n−k)/2).
/// Mean n(p − q), variance n(p + q − (p − q)²).
///
/// Method: r = 0, p = 0 or q = 0 reduce to one binomial term, taken from Boost.Math's
/// binomial distribution (accurate to a few ulps for any n, no overflow). Otherwise the sum
/// over d is unimodal: its largest term is found by bisection on the term ratio, computed as
/// Binomial(n, p+q) at m = u + d times Binomial(m, p/(p+q)) at u (both Boost.Math), and the
/// other terms follow by the exact term ratio z(z−1)pq / ((u+1)(d+1)r²) until they fall
/// below ε/128 of the sum, all in long double with r = 1 − p − q formed in long double (a
/// rounded r would scale the result by (1 + δr/r)^z: 1e-11 at n = 10^6). Relative accuracy
/// ~1e-14 at n = 10^6 (tested against 40-digit sums). Cost: O(√n) per position for the lazy
/// walk, O(1) otherwise.
///
/// A range of positions (pmf(lo, hi)) uses the three-term recurrence of c_k = P(S_n = k), the
/// coefficients of (p z + r + q/z)^n; with H = (p z² + r z + q)^n = Σ c_k z^{k+n}, comparing
/// coefficients in (p z² + r z + q)·H' = n(2p z + r)·H gives
///   q (n + k + 1) c_{k+1} + r k c_k = p (n − k + 1) c_{k−1}.
/// Run towards k = 0 (downwards for k ≥ 0, upwards for k < 0) every term is positive, so each
/// step adds at most ~6 units of roundoff to the largest relative error of its two inputs and
/// nothing cancels (outwards the terms subtract and the recurrence is unstable). It runs in
/// long double over stretches of 8192 positions, each started from two values computed alone
/// (the method above): relative error ≲ 8192·6·2^−64 ≈ 3e-15 plus the anchors' before rounding
/// to double (measured ≤ 1.1e-14 against 40-digit sums at n = 10^6). Only the window where the
/// law exceeds 10^−330 is evaluated (its ends found by bisection from the mean, a position
/// counting when it or its neighbour exceeds, which bridges the parity gaps); outside it the
/// values are 0 in double. Cost: O(σ) for the window
/// (σ the standard deviation) plus O(hi − lo) to fill the result: n = 10^6 over the whole
/// support −n … n in a few ms for every step law.
///
/// Preconditions (checked by the experiment's validation, asserted here): steps ≥ 0,
/// 0 ≤ p, 0 ≤ q, p + q ≤ 1 (up to 4 ulps, which are treated as r = 0).
class Walk1DDistribution {
public:
    Walk1DDistribution(std::int64_t steps, double p, double q);

    std::int64_t steps() const { return m_n; }
    double p() const { return m_p; }
    double q() const { return m_q; }
    double r() const { return m_r; }

    /// P(S_n = k), for any integer k (0 outside the support).
    double pmf(std::int64_t k) const;
    /// P(S_n = k) for k = lo … hi: hi − lo + 1 values, index i ↔ k = lo + i. Empty if hi < lo.
    std::vector<double> pmf(std::int64_t lo, std::int64_t hi) const;
    /// True when P(S_n = k) > 0 in exact arithmetic: |k| ≤ n, k ≡ n (mod 2) when r = 0,
    /// k ≥ 0 when q = 0, k ≤ 0 when p = 0.
    bool possible(std::int64_t k) const;

    double mean() const;      ///< n (p − q)
    double variance() const;  ///< n (p + q − (p − q)²)

    /// The normal approximation with the lattice scaling (local CLT; Feller vol. I §VII.2):
    /// at a possible k, span · φ((k − μ)/σ) / σ with span 2 when r = 0 (S_n keeps the parity
    /// of n) and 1 otherwise; 0 at impossible k. When σ = 0 (a deterministic walk) it is the
    /// point mass at μ.
    double normalApproximation(std::int64_t k) const;

    /// The smallest interval of possible positions containing μ ± sds·σ, clipped to the
    /// support; returns {lo, hi} with lo ≤ hi.
    std::pair<std::int64_t, std::int64_t> significantRange(double sds) const;

private:
    /// P(S_n = k) computed alone, in double or long double (the anchors of pmf(lo, hi)).
    template <class T> T pointPmf(std::int64_t k) const;
    template <class T> T lazyPmf(std::int64_t k) const;
    /// Positions [first, last] outside which every P(S_n = k) is below 10^−330.
    std::pair<std::int64_t, std::int64_t> window() const;

    std::int64_t m_n;
    double m_p, m_q, m_r;
};

}  // namespace walklab::core
