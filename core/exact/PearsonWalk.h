// The exact law of the distance |S_n| of Pearson's walk in space: n unit steps in independent,
// uniformly random directions of R³.
#pragma once

#include <cstdint>

namespace walklab::core {

/// Largest n for which pearsonDistanceCdf3D() is evaluated: its alternating sum loses about
/// n·log10(e) digits to cancellation, 10 of the 19 of a long double at n = 24.
inline constexpr std::int64_t kMaxExactPearson3DSteps = 24;

/// P(|S_n| ≤ r) for Pearson's walk in R³ after n = 1 … kMaxExactPearson3DSteps steps, r ≥ 0 in
/// step lengths (0 for r < 0, 1 for r ≥ n; n = 1: the step function at r = 1).
///
/// Rayleigh's formula (Rayleigh, "On the problem of random vibrations, and of random flights in
/// one, two, or three dimensions", Phil. Mag. 37 (1919) 321–347; Hughes, Random Walks and Random
/// Environments vol. 1 (1995) §2.3): for n ≥ 2 the density of |S_n| is
///   p_n(r) = r / (2^(n−1) (n − 2)!) · Σ_k (−1)^k C(n, k) (n − 2k − r)_+^(n−2),  0 < r < n,
/// integrated in closed form term by term: with a = n − 2k > 0,
///   ∫_0^min(r,a) t (a − t)^(n−2) dt = (a^n − (a − r)_+^n)/(n(n − 1)) − r (a − r)_+^(n−1)/(n − 1).
/// Summed in long double; the result is clamped to [0, 1] (error below 10^-8 up to n = 24).
double pearsonDistanceCdf3D(std::int64_t n, double r);

}  // namespace walklab::core
