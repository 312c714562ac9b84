// The step sampler of the 1D lattice walk (+1 with probability p, −1 with q, 0 otherwise):
// the one kernel every 1D simulation draws its steps from.
#pragma once

#include "core/random/SlicedBernoulli.h"
#include "core/random/StreamEngine.h"
#include "core/random/detail/BitCount.h"
#include "core/walk/detail/BitWalk.h"
#include "core/walk/detail/PathKernel.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace walklab::core::detail {

/// Draws steps of one walk from a block's engine. Keeps unused random bits between calls,
/// so splitting a walk into several advance() calls never changes its steps.
///
/// p = q = 1/2: one random bit per step (BitWalk). Otherwise steps come in batches of 512 from
/// SlicedBernoulli with A = ⌊p·2^64⌋ and B = A + ⌊q·2^64⌋: step 64·g + i of a batch is trial i
/// of its group g, +1 if U < A/2^64, −1 if A/2^64 ≤ U < B/2^64, 0 otherwise; so
/// P(+1) = ⌊p·2^64⌋/2^64 and P(−1) = ⌊q·2^64⌋/2^64 exactly (p and q honoured to 2^-64 below;
/// a walk with 1 − p − q < 4ε, ε = 2^-52, is taken as never lazy, and p = 1 as always up).
/// About 83 random words per 512 steps (91 when lazy, p = q = 1/4); whole batches are counted
/// without being stored (SlicedBernoulli::count).
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

    /// The displacements at many times: out[i] = displacement after steps[i] more steps, for
    /// i < count (steps nondecreasing, ≥ 0; `scratch` has room for count values); the same
    /// steps as advance() from time to time. Symmetric: one engine call for all the times
    /// (BitWalk::displacements).
    void displacements(const std::int64_t* steps, std::size_t count, std::int64_t* out, std::uint64_t* scratch)
    {
        if (m_symmetric) {
            m_bitWalk.displacements(steps, count, out, scratch);
            return;
        }
        std::int64_t s = 0, t = 0;
        for (std::size_t i = 0; i < count; ++i) {
            s += advanceGeneral(steps[i] - t);
            t = steps[i];
            out[i] = s;
        }
    }

    /// Takes the same steps as advance(steps) (the same random words) and writes the position
    /// after each: out[i] = start + displacement after i + 1 steps (`steps` values; the caller
    /// keeps |start| + steps < 2^31). Returns the displacement. Kept paths at full resolution
    /// (detail::pathWords on the masks of whole groups).
    std::int64_t path(std::int64_t steps, std::int32_t start, std::int32_t* out)
    {
        if (m_symmetric)
            return m_bitWalk.path(steps, start, out);
        if (m_alwaysUp) {
            for (std::int64_t i = 0; i < steps; ++i)
                out[i] = start + std::int32_t(i + 1);
            return steps;
        }
        std::int32_t position = start;
        for (std::int64_t left = steps; left > 0;) {
            if (m_used == kBatch) {
                m_batch = m_trials.batch(m_engine);
                m_used = 0;
            }
            const std::size_t g = std::size_t(m_used / 64);
            const int bit = int(m_used % 64);
            std::int64_t n = std::min<std::int64_t>(left, 64 - bit);
            if (n == 64) {
                n = 64 * std::min<std::int64_t>(left / 64, std::int64_t(SlicedBernoulli::kGroups - g));
                position = pathWords(&m_batch.belowA[g], &m_batch.belowB[g], std::size_t(n / 64), position, out);
            } else {
                position = pathBits(m_batch.belowA[g] >> bit, m_batch.belowB[g] >> bit, int(n), position, out);
            }
            m_used += n;
            left -= n;
            out += n;
        }
        return std::int64_t(position) - start;
    }

private:
    static constexpr std::int64_t kBatch = std::int64_t(SlicedBernoulli::kTrials);

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

    // Displacement of the next `steps` ≤ kBatch − m_used steps of the current batch:
    // ups − downs = 2·ups − moves, group by group.
    std::int64_t takeFromBatch(std::int64_t steps)
    {
        std::int64_t s = 0;
        while (steps > 0) {
            const std::size_t g = std::size_t(m_used / 64);
            const int bit = int(m_used % 64), n = int(std::min<std::int64_t>(steps, 64 - bit));
            const std::uint64_t keep = (n == 64 ? ~0ULL : (std::uint64_t(1) << n) - 1) << bit;
            s += 2 * std::int64_t(popcount64(m_batch.belowA[g] & keep)) - std::int64_t(popcount64(m_batch.belowB[g] & keep));
            m_used += n;
            steps -= n;
        }
        return s;
    }

    std::int64_t advanceGeneral(std::int64_t steps)
    {
        if (m_alwaysUp)
            return steps;
        const std::int64_t first = std::min(steps, kBatch - m_used);
        std::int64_t s = takeFromBatch(first), left = steps - first;
        if (left >= kBatch) {
            const SlicedBernoulli::Counts c = m_trials.count(m_engine, std::size_t(left / kBatch));
            s += 2 * std::int64_t(c.belowA) - std::int64_t(c.belowB);
            left %= kBatch;
        }
        if (left > 0) {
            m_batch = m_trials.batch(m_engine);
            m_used = 0;
            s += takeFromBatch(left);
        }
        return s;
    }

    Engine& m_engine;
    BitWalk m_bitWalk{m_engine};
    bool m_symmetric, m_alwaysUp;
    SlicedBernoulli m_trials;
    SlicedBernoulli::Batch m_batch{};
    std::int64_t m_used = kBatch;  ///< steps of m_batch already taken
};

}  // namespace walklab::core::detail
