// The n-step law of a simple walk on Z² or Z³ as a binomial mixture over the number of steps
// along its last axis (exact engine internals; see latticeDistribution()).
#pragma once

#include "core/exact/LaurentPolynomial.h"
#include "core/exact/StepLaw.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"

#include <cstdint>

namespace walklab::core::detail {

/// P(S_n = x) of the simple walk on Z^d, d = 2 or 3, with step probabilities p (±e_i and the
/// pause), over the box lo … hi (which must hold every reachable point; other entries are 0).
///
/// Method: condition on the number m of steps along the last axis, Binomial(n, a) with
/// a = p₊ + p₋ of that axis. Given m, the last coordinate is a ±1 walk of m steps with
/// P(+1) = p₊/a, and the other coordinates are the walk W of the remaining n − m steps, whose
/// steps are the other ±e_i and the pause with their probabilities divided by 1 − a:
///   P(S_n = (x, z)) = Σ_m C(n, m) a^m (1 − a)^(n−m) · C(m, (m+z)/2) (p₊/a)^((m+z)/2)
///                      (p₋/a)^((m−z)/2) · P(W_(n−m) = x)
/// (the multinomial decomposition over the step counts per axis, as in Feller vol. I, 3rd ed.,
/// §XIV.7, for the return probabilities). The binomial factors come from binomialPmf()
/// (Loader); the laws of W_j for j = 0 … n by direct convolution, one step at a time
/// (LaurentPolynomial multiply(), Direct). Every term is non-negative, so each entry keeps a
/// relative error ≲ (n + 1)·(2d + 2)·ε + 1e-14 + |ln P|·4ε (measured ≤ 3e-14 at n = 60 in 2D
/// and n = 24 in 3D against the direct power).
///
/// Cost: the sum, an outer product over m of the factors of W and of z, is O(n³/3) in 2D and
/// O(n⁴/12) in 3D (O(n⁴/6) with a pause) multiply-adds, done in cache-sized blocks of output
/// rows; memory besides the result: all W_j ((n + 1)² doubles in 2D, ≈ 4n³/3 in 3D, i.e. at
/// most a quarter of the result) and the z factors ((n + 1)(n + 2)/2 doubles).
///
/// If control is given, control->cancelled() is checked after each W_j and after each block of
/// 32 output rows (at most (n + 1)² multiply-adds per row).
/// Errors: Cancelled (parameter "") if control was cancelled.
/// Preconditions: steps ≥ 0; p the probabilities of a simple walk in dimension d.
Expected<LaurentPolynomial> axisMixture(int dimension, const SimpleWalkProbabilities& p,
                                        std::int64_t steps, const LatticePoint& lo,
                                        const LatticePoint& hi, const RunControl* control);

}  // namespace walklab::core::detail
