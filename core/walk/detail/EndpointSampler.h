// The endpoint-only shortcut: S_n of a walker whose path is not observed, drawn directly from
// its law (binomial, or a chain of binomials for a multinomial) at a cost independent of n.
#pragma once

#include "core/exact/StepLaw.h"
#include "core/random/StreamEngine.h"

#include <boost/random/binomial_distribution.hpp>

#include <array>
#include <cstdint>
#include <limits>

namespace walklab::core::detail {

/// Binomial(t, p) variates by Boost.Random's binomial_distribution: the BTRD transformed
/// rejection of Hörmann ("The generation of binomial random variates", J. Statist. Comput.
/// Simul. 46, 1993) when (t + 1)·min(p, 1 − p) ≥ 11, inversion below; exact in law for the p
/// given (a double), cost bounded independently of t. Counts are 64-bit, so t ≤ 10^9 is safe.
using Binomial = boost::random::binomial_distribution<std::int64_t, double>;

/// Displacement S_n of the 1D walk (+1 with probability p, −1 with q, 0 with r = 1 − p − q)
/// after n steps, without its path: the number of up-steps U ~ Binomial(n, p) and, given U,
/// the down-steps D ~ Binomial(n − U, q/(1 − p)) (the multinomial as a chain of binomials;
/// Devroye, "Non-Uniform Random Variate Generation", 1986, §XI.1.4), S_n = U − D. Without a
/// pause (r < 4ε, as StepSampler1D decides) D = n − U. Built once per block for fixed n, p, q;
/// a draw costs one or two binomial variates (the second one's table is set up per draw).
class EndpointSampler1D {
public:
    /// n ≥ 0 steps; 0 ≤ p, q, p + q ≤ 1 + 4ε.
    EndpointSampler1D(std::int64_t steps, double p, double q)
        : m_steps(steps), m_lazy(1.0 - p - q >= 4 * std::numeric_limits<double>::epsilon()),
          m_up(steps, std::min(1.0, p)), m_downGivenNotUp(p < 1 ? std::min(1.0, q / (1 - p)) : 0.0)
    {
    }

    std::int64_t operator()(Engine& engine)
    {
        const std::int64_t up = m_up(engine);
        const std::int64_t down = m_lazy ? Binomial(m_steps - up, m_downGivenNotUp)(engine) : m_steps - up;
        return up - down;
    }

private:
    std::int64_t m_steps;
    bool m_lazy;
    Binomial m_up;
    double m_downGivenNotUp;
};

/// Displacement S_n ∈ Z^d of the simple walk on Z², Z³ (SimpleWalkProbabilities) after n steps,
/// without its path, as a chain of binomials (Devroye, ibid.):
///  - equal weights in 2D (p(±e₁) = p(±e₂) = (1 − r)/4): the moves M ~ Binomial(n, 1 − r)
///    (M = n when r = 0), and the rotated coordinates u = x + y, v = x − y are two independent
///    fair ±1 walks of M steps: u = 2·Binomial(M, ½) − M, v likewise, S_n = ((u + v)/2, (u − v)/2);
///  - otherwise axis by axis: the moves along axis a, A_a ~ Binomial(left, P_a / (P_a + … + P_{d−1}
///    + r)) with P_a = p(+e_a) + p(−e_a) and left the steps not yet assigned (the last axis takes
///    all that is left when r = 0), then the positive ones ~ Binomial(A_a, p(+e_a)/P_a).
/// Exact in law for the (double) conditional probabilities; at most 2d binomial draws, the first
/// with its table built once, the others set up per draw.
class EndpointSamplerND {
public:
    EndpointSamplerND(int dimension, std::int64_t steps, const SimpleWalkProbabilities& p)
        : m_dimension(dimension), m_steps(steps), m_lazy(p.lazy > 0),
          m_rotated(dimension == 2 && p.plus[0] == p.minus[0] && p.minus[0] == p.plus[1] && p.plus[1] == p.minus[1])
    {
        double tail = p.lazy;
        for (int a = dimension - 1; a >= 0; --a) {
            const double axis = p.plus[std::size_t(a)] + p.minus[std::size_t(a)];
            tail += axis;
            m_axisGivenLeft[std::size_t(a)] = axis > 0 ? std::min(1.0, axis / tail) : 0.0;
            m_plusGivenAxis[std::size_t(a)] = axis > 0 ? std::min(1.0, p.plus[std::size_t(a)] / axis) : 0.0;
        }
        m_first = m_rotated ? Binomial(steps, m_lazy ? 1 - p.lazy : 0.5) : Binomial(steps, m_axisGivenLeft[0]);
    }

    /// Adds S_n to x (coordinates beyond the dimension untouched).
    template <class Position>
    void operator()(Engine& engine, Position& x)
    {
        if (m_rotated) {
            std::int64_t moves = m_steps, u = 0, v = 0;
            if (m_lazy) {
                moves = m_first(engine);
                Binomial half(moves, 0.5);
                u = half(engine);
                v = half(engine);
            } else {
                u = m_first(engine);
                v = m_first(engine);
            }
            u = 2 * u - moves;
            v = 2 * v - moves;
            x[0] += (u + v) / 2;
            x[1] += (u - v) / 2;
            return;
        }
        std::int64_t left = m_steps;
        for (int a = 0; a < m_dimension; ++a) {
            const std::size_t i = std::size_t(a);
            const std::int64_t moves = a == 0 ? m_first(engine)
                                       : a == m_dimension - 1 && !m_lazy ? left
                                                                         : Binomial(left, m_axisGivenLeft[i])(engine);
            const std::int64_t plus = Binomial(moves, m_plusGivenAxis[i])(engine);
            x[i] += 2 * plus - moves;
            left -= moves;
        }
    }

private:
    int m_dimension;
    std::int64_t m_steps;
    bool m_lazy, m_rotated;
    std::array<double, 3> m_axisGivenLeft{}, m_plusGivenAxis{};
    Binomial m_first;
};

}  // namespace walklab::core::detail
