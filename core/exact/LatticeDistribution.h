// The exact law of the position S_n = X_1 + … + X_n of a random walk on Z^d, d = 1, 2, 3, with
// i.i.d. steps from a StepLaw: the coefficients of G(z)^n.
#pragma once

#include "core/exact/LaurentPolynomial.h"
#include "core/exact/StepLaw.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"

#include <cstdint>
#include <span>
#include <string>

namespace walklab::core {

/// How a LatticeDistribution was obtained; the display name is methodName().
enum class LatticeMethod {
    ClosedForm1D,        ///< 1D simple walk: Walk1DDistribution (binomial / trinomial law)
    RotatedProduct2D,    ///< 2D simple walk, product of two binomials after a 45° rotation
    AxisMixture,         ///< 2D/3D simple walk, binomial mixture over the steps along the last axis
    StepByStep,          ///< repeated direct convolution with G
    PowerBySquaring,     ///< binary powering, products direct or by FFT as cheaper
};

/// Display name of a method ("closed form: product of two binomials (45° rotation)", …).
std::string methodName(LatticeMethod method);

/// P(S_n = x) for all x in the box n·lo … n·hi, where lo, hi bound the steps coordinatewise.
/// Stored as a LaurentPolynomial (G^n): dense, row-major, last coordinate fastest; entries of
/// the box that S_n cannot reach are 0.
class LatticeDistribution {
public:
    LatticeDistribution(std::int64_t steps, LaurentPolynomial law, LatticeMethod method,
                        double absoluteError);

    int dimension() const { return m_law.dimension(); }
    std::int64_t steps() const { return m_steps; }
    /// The law as a polynomial: coefficient of z^x = P(S_n = x).
    const LaurentPolynomial& law() const { return m_law; }
    const LatticePoint& lo() const { return m_law.lo(); }
    const LatticePoint& hi() const { return m_law.hi(); }
    /// P(S_n = x), 0 outside the box.
    double pmf(const LatticePoint& x) const { return m_law.coefficient(x); }
    /// The probabilities in storage order, law().size() values.
    std::span<const double> probabilities() const { return m_law.coefficients(); }
    LatticeMethod method() const { return m_method; }
    /// A bound on |computed − exact| for every entry: 0 where the method keeps relative
    /// accuracy (closed forms, the axis mixture and direct convolution: relative error
    /// ≲ n·(2d+1)·ε + 1e-14), and the FFT round-off bound times the maximum probability
    /// otherwise.
    double absoluteError() const { return m_absoluteError; }

private:
    std::int64_t m_steps;
    LaurentPolynomial m_law;
    LatticeMethod m_method;
    double m_absoluteError;
};

/// The n-step law of the walk with the given step law.
///
/// Method, in order of preference:
///  - d = 1 simple walk (steps ⊂ {−1, 0, +1}) with no pause, or moving one way only:
///    the closed form of Walk1DDistribution (binomial; Feller vol. I, §III.2), relative
///    accuracy of a few ulps per entry;
///  - d = 2 simple walk without pause whose probabilities satisfy p₊₁p₋₁ = p₊₂p₋₂ (e.g. all
///    equal): with u = x + y, v = x − y the steps ±e₁, ±e₂ become (±1, ±1), and U_n, V_n are
///    independent ±1 walks with P(+1) = p₊₁ + p₊₂ and p₊₁ + p₋₂, so
///    P(S_n = (x, y)) = P(U_n = x + y)·P(V_n = x − y), a product of two binomials (the
///    classical 45° rotation; at the origin it gives OEIS A002894, C(2m, m)² closed walks);
///  - any other d = 2, 3 simple walk (unequal probabilities, pause): the axis mixture, i.e.
///    conditioning on the number m ~ Binomial(n, p₊ + p₋) of steps along the last axis,
///      P(S_n = (x, z)) = Σ_m P(m)·P(±1 walk of m steps = z)·P(W_(n−m) = x),
///    W the walk on the other axes (with the pause) given that it does not step along the last
///    one (the multinomial decomposition over the step counts per axis; Feller vol. I,
///    §XIV.7); relative accuracy ≲ 1e-13 per entry (see detail/AxisMixture.h);
///  - otherwise G^n by power() with the given convolution method (`method` applies only here).
///
/// Limits: the box has at most 2^24 = 16 777 216 points (128 MiB): n ≤ 8 388 607 for a 1D
/// simple walk, n ≤ 2047 in 2D and n ≤ 127 in 3D for simple walks, n·(hi − lo) + 1 ≤ 2^24 for
/// a 1D range law; the power() operation count is at most kMaxPowerOperations. Times (Release,
/// one core, bench/LatticeDistributionBench.cpp): closed forms well under 1 s at their limits;
/// the 3D simple walk ≈ 0.01 s at n = 60 and ≈ 0.16 s at n = 127 (power by squaring: 0.45 s
/// and 6 s); a pausing 2D walk ≈ 0.4 s at n = 1000 and ≈ 4 s at n = 2047 (power: 1.2 s, 7 s).
///
/// The axis mixture needs up to a quarter of the box's memory more (see detail/AxisMixture.h).
///
/// Cancellation: if control is given, the axis mixture checks control->cancelled() between
/// slices of its work (each step of W, each block of 32 output rows: milliseconds); the other
/// methods check it once, before they start (the closed forms take well under a second;
/// power() itself cannot be interrupted).
///
/// Errors (parameter "steps"): n < 0 (InvalidParameter); the limits above (TooLarge).
/// Cancelled (parameter "") when control was cancelled.
Expected<LatticeDistribution> latticeDistribution(const StepLaw& law, std::int64_t steps,
                                                  ConvolutionMethod method = ConvolutionMethod::Automatic,
                                                  const RunControl* control = nullptr);

}  // namespace walklab::core
