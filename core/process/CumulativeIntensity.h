// The cumulative intensity Λ(t) = ∫₀ᵗ λ(s) ds of a rate function, on an adaptively refined table.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace walklab::core {

/// Λ(t) = ∫₀ᵗ λ(s) ds on [0, T], tabulated once with a certified tolerance and then evaluated in
/// O(log nodes): the mean of N(t) of a Poisson process of rate λ, and (divided by Λ(T)) the CDF of
/// its arrival times given N(T), against which they are Kolmogorov–Smirnov tested — so Λ must be
/// right between the nodes too, wherever λ has a peak, a kink or a jump.
///
/// Method: [0, T] starts as 1024 equal pieces. A piece [a, b] is integrated by Boost.Math's
/// 31-point Gauss–Kronrod rule on each half (error estimate: its difference from the 15-point
/// Gauss rule), and accepted when three error estimates are each at
/// most relativeTolerance · Λ̂(T) (Λ̂ the first sum over the 1024 pieces): the Kronrod–Gauss
/// difference of the halves, the difference between the halves' sum and the rule on the whole
/// piece, and the difference at the midpoint between the quadrature and the cubic Hermite
/// interpolant of Λ through Λ, Λ' = λ at a and b; otherwise it is bisected (Piessens et al.,
/// "QUADPACK", 1983, §2.2 for the adaptive scheme; the Hermite check makes it a table for
/// interpolation, not only an integral). Between the nodes a, (a + b)/2, b of an accepted piece
/// Λ is the cubic Hermite interpolant (error O(h⁴ max|λ'''|) for smooth λ).
///
/// The work is bounded: at most 2^15 pieces are examined (about 3·10⁶ evaluations of λ) and
/// a piece is bisected at most 36 times; a piece accepted at a bound without meeting the
/// tolerance makes converged() false. errorBound() adds the accepted pieces' estimates: an
/// estimate of the largest error of Λ(t) anywhere, not a proof (no finite set of evaluations can
/// see a spike narrower than its spacing).
class CumulativeIntensity {
public:
    /// rate: λ(t), expected finite and ≥ 0 on [0, horizon]; horizon > 0; relativeTolerance > 0.
    CumulativeIntensity(const std::function<double(double)>& rate, double horizon,
                        double relativeTolerance = 1e-10);

    /// Λ(t); t is clamped to [0, T].
    double operator()(double t) const;
    /// Λ(T), the mean number of events on [0, T].
    double total() const { return m_values.back(); }
    /// Estimated largest absolute error of Λ(t) on [0, T] (events).
    double errorBound() const { return m_errorBound; }
    /// Every piece met the tolerance within the work bounds, and λ was finite wherever evaluated.
    bool converged() const { return m_converged; }
    /// λ was finite wherever evaluated (a non-finite value counts as 0 in the table).
    bool finite() const { return m_finite; }
    /// The table's nodes (times, increasing, from 0 to T).
    const std::vector<double>& nodes() const { return m_nodes; }

private:
    std::vector<double> m_nodes;   ///< t_i
    std::vector<double> m_values;  ///< Λ(t_i)
    std::vector<double> m_rates;   ///< λ(t_i)
    double m_errorBound = 0;
    bool m_converged = true;
    bool m_finite = true;
};

}  // namespace walklab::core
