// The number of returns to 0 by a horizon n of the biased, lazy simple random walk.
#pragma once

#include "core/exact/FirstPassage.h"
#include "core/experiment/Error.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Largest n·J (horizon times the number of counts computed) for the exact law of the number
/// of returns of a lazy walk (r > 0): 2·10^8 (about 0.5 s).
inline constexpr double kMaxLazyReturnCountWork = 2e8;

/// P(R_n = j) for j = 0 … J (J + 1 values), R_n = #{1 ≤ t ≤ n : S_t = 0} (a lazy step at 0 is a
/// return), where J ≤ n is the smallest j with P(R_n > j) < 1e-18: the tail left out is below
/// 1e-18 (and is 0 when J = n).
///
/// Formula. The time τ_j of the j-th return has generating function F₀(t)^j with
/// F₀ = rt + 2qt F(t), F the generating function of T_{+1} (see firstPassageLaw), so
///   P(R_n ≥ j) = P(τ_j ≤ n) = Σ_{i=0}^{j} C(j, i) r^{j−i} (2q)^i P(T_i ≤ n − j),
/// and P(T_i ≤ m) = P(M_m ≥ i) = P(S_m ≥ i) + (p/q)^i P(S_m < −i) (see maximumTail).
/// For r = 0 only i = j remains:
///   P(R_n ≥ j) = (2q)^j P(S_{n−j} ≥ j) + (2p)^j P(S_{n−j} < −j),
/// each term a binomial tail (Boost.Math, O(1)); for p = q this is Feller's
/// P(R_{2N} = j) = P(S_{2N−j} = j) (vol. I, §III.7, Theorem 1). For r > 0, P(T_i ≤ m) comes from
/// the cumulative firstPassageLaw(i, …) for each i ≤ J: cost O(n·J).
///
/// A walk that never moves (p = q = 0) returns at every step: R_n = n.
///
/// Errors ("steps"): n < 0 (InvalidParameter); n > kMaxExactPathSteps, or n·J >
/// kMaxLazyReturnCountWork when r > 0 (TooLarge).
Expected<std::vector<double>> returnCountLaw(std::int64_t n, double p, double q);

}  // namespace walklab::core
