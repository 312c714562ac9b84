// The step sampler of the 1D lattice walk (+1 with probability p, −1 with q, 0 otherwise):
// the one kernel every 1D simulation draws its steps from.
#pragma once

#include "core/random/StreamEngine.h"
#include "core/walk/detail/BitWalk.h"

#include <cstdint>
#include <limits>

namespace walklab::core::detail {

/// Draws steps of one walk from a block's engine. Keeps unused random bits between calls,
/// so splitting a walk into several advance() calls never changes its steps.
class StepSampler1D {
public:
    StepSampler1D(Engine& engine, double p, double q) : m_engine(engine)
    {
        m_symmetric = (p == 0.5 && q == 0.5);
        constexpr long double two64 = 18446744073709551616.0L;
        const long double tp = (long double)p * two64, tq = (long double)q * two64;
        m_alwaysUp = tp >= two64;
        m_upBelow = m_alwaysUp ? 0 : std::uint64_t(tp);
        m_neverLazy = tp + tq >= two64 || 1.0 - p - q < 4 * std::numeric_limits<double>::epsilon();
        m_downBelow = m_neverLazy ? 0 : std::uint64_t(tq);
    }

    /// Returns the displacement after `steps` more steps.
    std::int64_t advance(std::int64_t steps)
    {
        return m_symmetric ? m_bitWalk.advance(steps) : advanceGeneral(steps);
    }

private:
    std::int64_t advanceGeneral(std::int64_t steps)
    {
        if (m_alwaysUp)
            return steps;
        // Branch-free: the outcome of each step is unpredictable, so branches would mispredict.
        std::int64_t s = 0;
        const std::uint64_t up = m_upBelow, down = m_downBelow;
        const bool neverLazy = m_neverLazy;
        for (std::int64_t i = 0; i < steps; ++i) {
            const std::uint64_t u = m_engine();
            const bool isUp = u < up;
            const bool isDown = !isUp && (neverLazy || u - up < down);
            s += std::int64_t(isUp) - std::int64_t(isDown);
        }
        return s;
    }

    Engine& m_engine;
    BitWalk m_bitWalk{m_engine};
    bool m_symmetric = false, m_alwaysUp = false, m_neverLazy = false;
    std::uint64_t m_upBelow = 0, m_downBelow = 0;
};

}  // namespace walklab::core::detail
