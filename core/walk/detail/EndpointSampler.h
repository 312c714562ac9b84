// The endpoint-only shortcut: S_n of a walker whose path is not observed, drawn directly from
// its law (binomial, or a chain of binomials for a multinomial) at a cost independent of n.
#pragma once

#include "core/exact/StepLaw.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/Binomial.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Walkers per random block of the endpoint shortcut, placed after the blocks of the tracked
/// walkers, and walkers per sampler call: fixed numbers, so the draws depend on the parameters
/// alone (used by LatticeWalk1D and the 2D/3D walker loop alike). Blocks of 2^14 walkers (about
/// 0.1 ms of symmetric 1D draws at n = 1000): with 2^16 the 10^6-walker run had 19 blocks, and
/// the last one left a thread idle for ~10 % of it (bench/compare 1D symmetric, 2 threads / 1:
/// 1.51–1.63× against 1.80× with 2^14, the one-thread rate unchanged).
inline constexpr std::int64_t kEndpointBlockWalkers = 1 << 14;
inline constexpr std::int64_t kEndpointChunk = 1 << 12;

/// Displacement S_n of the 1D walk (+1 with probability p, −1 with q, 0 with r = 1 − p − q)
/// after n steps, without its path: the number of up-steps U ~ Binomial(n, p) and, given U,
/// the down-steps D ~ Binomial(n − U, q/(1 − p)) (the multinomial as a chain of binomials;
/// Devroye, "Non-Uniform Random Variate Generation", 1986, §XI.1.4), S_n = U − D. Without a
/// pause (r < 4ε, as StepSampler1D decides) D = n − U. Built once per block for fixed n, p, q.
/// The binomials are Binomial / binomials() (BTRD, exact in law for the double probabilities),
/// drawn in batches of kBinomialBatch walkers: the U of the batch, then the D (each law set up
/// per draw, vectorised). So the draws depend on the engine's words and on how the walkers are
/// split into calls; every CpuLevel and thread count gives the same S_n.
class EndpointSampler1D {
public:
    /// 0 ≤ n < 2^50 steps; 0 ≤ p, q, p + q ≤ 1 + 4ε.
    EndpointSampler1D(std::int64_t steps, double p, double q);

    /// S_n of `walkers` walkers into out[0 … walkers − 1].
    void operator()(Engine& engine, std::int64_t* out, std::size_t walkers) const;

    /// S_n of one walker.
    std::int64_t operator()(Engine& engine) const
    {
        std::int64_t s = 0;
        (*this)(engine, &s, 1);
        return s;
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
/// Exact in law for the (double) conditional probabilities; at most 2d binomial draws per walker,
/// the first from a law set up once, the others set up per draw. Walkers in batches of
/// kBinomialBatch, stage by stage (all first binomials of the batch, then all second ones, …):
/// the draws depend on the engine's words and on how the walkers are split into calls.
class EndpointSamplerND {
public:
    using Displacement = std::array<std::int64_t, 3>;

    /// dimension 2 or 3, 0 ≤ n < 2^50 steps.
    EndpointSamplerND(int dimension, std::int64_t steps, const SimpleWalkProbabilities& p);

    /// S_n of `walkers` walkers into out[0 … walkers − 1] (coordinates beyond the dimension 0).
    void operator()(Engine& engine, Displacement* out, std::size_t walkers) const;

    /// Adds S_n of one walker to x (coordinates beyond the dimension untouched).
    template <class Position>
    void operator()(Engine& engine, Position& x) const
    {
        Displacement s{};
        (*this)(engine, &s, 1);
        for (int a = 0; a < m_dimension; ++a)
            x[std::size_t(a)] += s[std::size_t(a)];
    }

private:
    void rotated(Engine& engine, Displacement* out, std::size_t walkers) const;
    void axisByAxis(Engine& engine, Displacement* out, std::size_t walkers) const;

    int m_dimension;
    std::int64_t m_steps;
    bool m_lazy, m_rotated;
    std::array<double, 3> m_axisGivenLeft{}, m_plusGivenAxis{};
    Binomial m_first;  // the moves (rotated, lazy), u and v (rotated), or A_0
};

}  // namespace walklab::core::detail
