// Where the walk spends its time: the time spent positive (Feller's convention) and the time of
// the last visit to 0 up to a horizon n — the discrete arcsine laws and their continuous limit.
#pragma once

#include "core/exact/FirstPassage.h"
#include "core/experiment/Error.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Largest n for the exact time-positive law of a lazy walk (r > 0), whose method is a
/// dynamic programme of cost ≈ 2n³/3 (about 0.2 s at this size).
inline constexpr std::int64_t kMaxLazyOccupationSteps = 300;

/// P(L_n = t) for t = 0 … n (n + 1 values), L_n = max{t ≤ n : S_t = 0} the time of the last
/// visit to 0 (L_n = 0 when the walk does not return by n).
///
/// Formula (Feller vol. I, §III.4–III.5 for p = q, r = 0; any p, q, r by the Markov property
/// at t): P(L_n = t) = u_t · P(T_0 > n − t), with u_t = P(S_t = 0) (returnProbabilities) and
/// P(T_0 > m) = 1 − Σ_{j ≤ m} f_j (firstReturnLaw; compensated sum). Symmetric ±1 walk, n = 2N:
/// P(L_{2N} = 2k) = u_{2k} u_{2N−2k} (the discrete arcsine law). Cost O(n).
/// Errors ("steps"): n < 0 (InvalidParameter); n > kMaxExactPathSteps (TooLarge).
Expected<std::vector<double>> lastZeroLaw(std::int64_t n, double p, double q);

/// P(P_n = k) for k = 0 … n (n + 1 values), P_n the number of steps i ≤ n spent positive.
///
/// Convention (Feller vol. I, §III.4): step i (from S_{i−1} to S_i) counts as positive when
/// the segment joining them lies above 0, i.e. max(S_{i−1}, S_i) > 0 for a ±1 step; a lazy
/// step counts as positive at a level S_{i−1} = S_i > 0, and at level 0 counts neither as
/// positive nor as negative. With this convention every excursion away from 0 is positive or
/// negative as a whole, and P_n is the total length of the positive excursions (the last one
/// possibly unfinished).
///
/// Method, r = 0 (any p): decompose at the last zero L = L_n. Given S_L = 0 every bridge path
/// has probability (pq)^{L/2}, and the time positive of a uniform bridge of length L is uniform
/// on {0, 2, …, L} (Chung–Feller theorem; Feller vol. I, §III.9). The final stretch of n − L
/// steps avoids 0: it is positive with probability p·P(T_{−1} > n − L − 1), negative with
/// q·P(T_{+1} > n − L − 1). Hence
///   P(P_n = k) = Σ_{L ≥ k} u_L q P(T_{+1} > n−L−1) / (L/2 + 1)
///              + Σ_{L ≥ n−k} u_L p P(T_{−1} > n−L−1) / (L/2 + 1)   (+ u_n/(n/2+1) for L = n),
/// the sums over L ≡ k resp. L ≡ n − k (mod 2), accumulated as suffix sums: cost O(n).
/// Symmetric walk, n = 2N: P(P_{2N} = 2k) = u_{2k} u_{2N−2k} (Feller vol. I, §III.4, Theorem 1).
/// Method, r > 0: a dynamic programme over (position, time positive), exact for
/// n ≤ kMaxLazyOccupationSteps. Beyond, only the limit is known: for p = q, P_n/n tends to the
/// arcsine law (arcsineDensity) for any r; for p ≠ q, P_n/n tends to 0 or 1.
///
/// Errors ("steps"): n < 0 (InvalidParameter); n > kMaxExactPathSteps, or
/// n > kMaxLazyOccupationSteps when r > 0 (TooLarge, naming the limit).
Expected<std::vector<double>> timePositiveLaw(std::int64_t n, double p, double q);

/// The arcsine density 1 / (π √(x(1 − x))) on 0 < x < 1 (0 outside; +infinity at 0 and 1):
/// the limit law of P_n/n and of L_n/n for the walk without drift (Feller vol. I, §III.4).
double arcsineDensity(double x);

/// Its distribution function (2/π) arcsin √x, clamped to [0, 1] outside (0, 1): bin
/// probabilities of the continuous law are differences of it at the bin edges (as fractions).
double arcsineCdf(double x);

}  // namespace walklab::core
