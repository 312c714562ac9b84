// The step sampler of the 1D lattice walk (+1 with probability p, −1 with q, 0 otherwise):
// the one kernel every 1D simulation draws its steps from.
#pragma once

#include "core/random/SlicedBernoulli.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/BitWalk.h"

#include <bit>
#include <cstdint>
#include <limits>

namespace walklab::core::detail {

/// Draws steps of one walk from a block's engine. Keeps unused random bits between calls,
/// so splitting a walk into several advance() calls never changes its steps.
///
/// p = q = 1/2: one random bit per step (BitWalk). Otherwise steps come in groups of 64 from
/// SlicedBernoulli with A = ⌊p·2^64⌋ and B = A + ⌊q·2^64⌋: step i of a group is +1 if
/// U_i < A/2^64, −1 if A/2^64 ≤ U_i < B/2^64, 0 otherwise; so P(+1) = ⌊p·2^64⌋/2^64 and
/// P(−1) = ⌊q·2^64⌋/2^64 exactly (p and q honoured to 2^-64 below; a walk with
/// 1 − p − q < 4ε, ε = 2^-52, is taken as never lazy, and p = 1 as always up).
/// About 8–9 random words per 64 steps.
class StepSampler1D {
public:
    StepSampler1D(Engine& engine, double p, double q)
        : m_engine(engine), m_symmetric(p == 0.5 && q == 0.5), m_alwaysUp(p >= 1),
          m_trials(threshold(p), threshold(p) + threshold(q), !neverLazy(p, q))
    {
    }

    /// Returns the displacement after `steps` ≥ 0 more steps.
    std::int64_t advance(std::int64_t steps)
    {
        return m_symmetric ? m_bitWalk.advance(steps) : advanceGeneral(steps);
    }

private:
    static std::uint64_t threshold(double x)
    {
        constexpr long double two64 = 18446744073709551616.0L;
        return x >= 1 ? ~0ULL : std::uint64_t((long double)x * two64);
    }
    static bool neverLazy(double p, double q)
    {
        constexpr long double two64 = 18446744073709551616.0L;
        return ((long double)p + (long double)q) * two64 >= two64 || 1.0 - p - q < 4 * std::numeric_limits<double>::epsilon();
    }

    // Displacement of the first k ≤ 64 steps of a group: ups − downs = 2·ups − moves.
    static std::int64_t displacement(const SlicedBernoulli::Masks& m, std::uint64_t keep)
    {
        return 2 * std::int64_t(std::popcount(m.belowA & keep)) - std::int64_t(std::popcount(m.belowB & keep));
    }

    std::int64_t advanceGeneral(std::int64_t steps)
    {
        if (m_alwaysUp)
            return steps;
        std::int64_t s = 0, left = steps;
        if (m_left > 0) {
            const int take = int(std::min<std::int64_t>(left, m_left));
            s += displacement(m_group, take == 64 ? ~0ULL : (std::uint64_t(1) << take) - 1);
            m_group.belowA = take == 64 ? 0 : m_group.belowA >> take;
            m_group.belowB = take == 64 ? 0 : m_group.belowB >> take;
            m_left -= take;
            left -= take;
        }
        if (left >= 64) {
            const SlicedBernoulli::Counts c = m_trials.count(m_engine, std::size_t(left / 64));
            s += 2 * std::int64_t(c.belowA) - std::int64_t(c.belowB);
            left %= 64;
        }
        if (left > 0) {
            m_group = m_trials.group(m_engine);
            s += displacement(m_group, (std::uint64_t(1) << left) - 1);
            m_group.belowA >>= left;
            m_group.belowB >>= left;
            m_left = int(64 - left);
        }
        return s;
    }

    Engine& m_engine;
    BitWalk m_bitWalk{m_engine};
    bool m_symmetric, m_alwaysUp;
    SlicedBernoulli m_trials;
    SlicedBernoulli::Masks m_group;
    int m_left = 0;
};

}  // namespace walklab::core::detail
