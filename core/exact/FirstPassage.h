// First-passage and first-return times of the biased, lazy simple random walk on the integers:
// exact laws for all times up to a horizon in O(horizon).
#pragma once

#include "core/experiment/Error.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Longest horizon N of the O(N) exact path laws (first passage, first return, last zero,
/// time positive for r = 0): 10^7 (an 80 MB sequence, about 0.1 s).
inline constexpr std::int64_t kMaxExactPathSteps = 10'000'000;

/// P(T_k = n) for n = 0 … maxSteps (maxSteps + 1 values, index n), where
/// T_k = min{n ≥ 1 : S_n = k}, k ≠ 0, for the walk with steps +1 (p), −1 (q), 0 (r = 1 − p − q).
///
/// Formula. The generating function of T_1 is F(t) = (1 − rt − √D(t)) / (2qt),
/// D(t) = (1 − rt)² − 4pqt² (first step: F = t(p + rF + qF²); Feller vol. I, §XI.3 for r = 0),
/// and that of T_k is F^k (k > 0; for k < 0 exchange p and q). F^k satisfies the differential
/// equation t²D w'' + t(1 − 3rt + 2(r² − 4pq)t²) w' − k² w = 0 (from F'/F = 1/(t√D)), whose
/// coefficients w_n = P(T_k = n) obey the two-term recurrence
///   (n² − k²) w_n = r (n − 1)(2n − 1) w_{n−1} + (4pq − r²)(n − 1)(n − 2) w_{n−2},
/// started from w_n = 0 for n < |k|, w_{|k|} = p^{|k|} (q^{|k|} for k < 0). It agrees with the
/// hitting-time theorem P(T_k = n) = (|k|/n) P(S_n = k) (van der Hofstad & Keane 2008, Amer.
/// Math. Monthly 115, 753–756), checked in the tests. Run forwards in long double with a
/// running power-of-two scale (so that p^{|k|} may underflow a double without harm); for r > 0
/// the wanted solution dominates (roots r ± 2√(pq) of λ² = 2rλ + 4pq − r²), for r = 0 the
/// recurrence is first order in each parity. Relative accuracy ≈ 1e-12 up to 10^6 steps (tested);
/// values below 1e-247 are returned as 0.
/// Cost O(maxSteps).
///
/// Errors: InvalidParameter ("level") when k = 0 or |k| > 10^9; ("steps") when maxSteps < 0;
/// TooLarge ("steps") when maxSteps > kMaxExactPathSteps. Preconditions (asserted): p, q ≥ 0,
/// p + q ≤ 1 (up to 4 ulps).
Expected<std::vector<double>> firstPassageLaw(std::int64_t level, double p, double q, std::int64_t maxSteps);

/// P(T_k < ∞) = 1 if k(p − q) ≥ 0 and p + q > 0 … precisely: for k > 0, min(1, (p/q)^k) with
/// (p/q)^k read as 1 when q = 0 < p and 0 when p = 0; for k < 0 the same with p ↔ q, |k|
/// (Feller vol. I, §XIV.2, gambler's ruin against an infinitely rich adversary).
double passageProbability(std::int64_t level, double p, double q);

/// E[T_k] = |k| / |p − q| when the walk drifts towards k (p > q for k > 0, q > p for k < 0;
/// Wald's identity), +infinity otherwise (T_k = ∞ with positive probability, or p = q where
/// P(T_k > n) ~ c/√n has an infinite sum).
double meanPassageTime(std::int64_t level, double p, double q);

/// First-return probabilities f_n = P(T_0 = n), T_0 = min{n ≥ 1 : S_n = 0}, n = 0 … maxSteps:
/// f_0 = 0, f_1 = r (a lazy step at 0 is a return), and for n ≥ 2 the first step leaves 0 and
/// the walk then passes back: f_n = p P(T_{−1} = n − 1) + q P(T_{+1} = n − 1)
/// = 2q P(T_{+1} = n − 1) (as p P(T_{−1} = m) = q P(T_{+1} = m)), from firstPassageLaw.
/// Symmetric ±1 walk: f_{2m} = 2 C_{m−1} / 4^m with C the Catalan numbers (OEIS A000108;
/// Feller vol. I, §III.3, (3.7)). Σ_n f_n = 1 − |p − q| (see allTimeReturnProbability).
/// Errors ("steps"): maxSteps < 0 (InvalidParameter), > kMaxExactPathSteps (TooLarge).
Expected<std::vector<double>> firstReturnLaw(double p, double q, std::int64_t maxSteps);

}  // namespace walklab::core
