#include "core/walk/LatticeWalk1D.h"

#include "core/random/BlockScheduler.h"
#include "core/random/StreamEngine.h"
#include "core/experiment/TextFormat.h"

#include <bit>
#include <chrono>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxSteps = 1'000'000'000;
constexpr std::int64_t kMaxWalkers = 1'000'000'000;
constexpr std::int64_t kMaxPaths = 1000;
constexpr std::int64_t kChunk = 1 << 20;  // steps between cancellation checks

/// Draws steps of one walk from a block's engine. Keeps unused random bits between calls,
/// so splitting a walk into several advance() calls never changes its steps.
class StepSampler {
public:
    StepSampler(Engine& engine, double p, double q) : m_engine(engine)
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
        return m_symmetric ? advanceSymmetric(steps) : advanceGeneral(steps);
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

    // Each bit is one ±1 step: displacement = 2·(ones) − (bits used).
    std::int64_t advanceSymmetric(std::int64_t steps)
    {
        std::int64_t ones = 0, left = steps;
        if (m_bitsLeft > 0) {
            const int take = int(std::min<std::int64_t>(left, m_bitsLeft));
            ones += std::popcount(take == 64 ? m_bits : (m_bits & ((std::uint64_t(1) << take) - 1)));
            m_bits = take == 64 ? 0 : m_bits >> take;
            m_bitsLeft -= take;
            left -= take;
        }
        for (; left >= 64; left -= 64)
            ones += std::popcount(std::uint64_t(m_engine()));
        if (left > 0) {
            const std::uint64_t w = m_engine();
            ones += std::popcount(w & ((std::uint64_t(1) << left) - 1));
            m_bits = w >> left;
            m_bitsLeft = int(64 - left);
        }
        return 2 * ones - steps;
    }

    Engine& m_engine;
    bool m_symmetric = false, m_alwaysUp = false, m_neverLazy = false;
    std::uint64_t m_upBelow = 0, m_downBelow = 0;
    std::uint64_t m_bits = 0;
    int m_bitsLeft = 0;
};

}  // namespace

Errors validate(const Walk1DParams& w)
{
    Errors errors;
    auto bad = [&](const char* name, std::string value, std::string range) {
        errors.push_back({ErrorKind::InvalidParameter, name,
                          std::string(name) + " = " + value + ": must be " + range});
    };
    if (w.steps < 1 || w.steps > kMaxSteps)
        bad("steps", std::to_string(w.steps), "between 1 and 10^9");
    if (w.walkers < 1 || w.walkers > kMaxWalkers)
        bad("walkers", std::to_string(w.walkers), "between 1 and 10^9");
    const bool pOk = std::isfinite(w.p) && w.p >= 0 && w.p <= 1;
    if (!pOk)
        bad("p", formatNumber(w.p), "between 0 and 1");
    if (!(std::isfinite(w.q) && w.q >= 0 && w.q <= 1))
        bad("q", formatNumber(w.q), "between 0 and 1");
    else if (pOk && w.p + w.q > 1 + 4 * std::numeric_limits<double>::epsilon())
        bad("q", formatNumber(w.q), "between 0 and 1 − p = " + formatSignificant(1 - w.p, 15) + " (p + q ≤ 1)");
    const std::int64_t maxPaths = std::min(kMaxPaths, std::max<std::int64_t>(w.walkers, 0));
    if (w.paths < 0 || w.paths > maxPaths)
        bad("paths", std::to_string(w.paths),
            w.walkers < kMaxPaths ? "between 0 and walkers = " + std::to_string(w.walkers)
                                  : std::string("between 0 and 1000"));
    return errors;
}

std::vector<std::int64_t> pathSampleTimes(std::int64_t steps)
{
    std::vector<std::int64_t> t;
    if (steps + 1 <= kMaxPathPoints) {
        for (std::int64_t i = 0; i <= steps; ++i)
            t.push_back(i);
        return t;
    }
    const std::int64_t segments = kMaxPathPoints - 1;
    for (std::int64_t j = 0; j <= segments; ++j)
        t.push_back(std::int64_t(std::llround(double(j) * double(steps) / double(segments))));
    return t;
}

std::int64_t walkersPerBlock(std::int64_t steps)
{
    return std::max<std::int64_t>(1, (std::int64_t(1) << 22) / std::max<std::int64_t>(steps, 1));
}

Expected<Walk1DSimulation> simulateWalk1D(const Walk1DParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();

    Walk1DSimulation sim;
    sim.pathTimes = pathSampleTimes(params.steps);
    sim.paths.assign(std::size_t(params.paths), std::vector<std::int64_t>(sim.pathTimes.size(), 0));

    const std::int64_t perBlock = walkersPerBlock(params.steps);
    const std::uint64_t blocks = std::uint64_t((params.walkers + perBlock - 1) / perBlock);
    control.setTotalWork(std::uint64_t(params.walkers) * std::uint64_t(params.steps));
    std::vector<IntegerHistogram> partial(workerCount(blocks, control));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block);
        StepSampler sampler(engine, params.p, params.q);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.walkers, first + perBlock);
        std::uint64_t pending = 0;  // steps done but not yet reported
        auto account = [&](std::int64_t steps) {  // false once cancelled
            pending += std::uint64_t(steps);
            if (pending < std::uint64_t(kChunk))
                return true;
            control.addWork(pending);
            pending = 0;
            return !control.cancelled();
        };
        for (std::int64_t w = first; w < last; ++w) {
            std::int64_t position = 0;
            if (w < params.paths) {
                auto& path = sim.paths[std::size_t(w)];
                for (std::size_t j = 1; j < sim.pathTimes.size(); ++j) {
                    const std::int64_t len = sim.pathTimes[j] - sim.pathTimes[j - 1];
                    position += sampler.advance(len);
                    path[j] = position;
                    if (!account(len))
                        return;
                }
            } else {
                for (std::int64_t done = 0; done < params.steps; done += kChunk) {
                    const std::int64_t len = std::min(kChunk, params.steps - done);
                    position += sampler.advance(len);
                    if (!account(len))
                        return;
                }
            }
            partial[worker].add(position);
        }
        control.addWork(pending);
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    for (const auto& h : partial)
        sim.endpoints.merge(h);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core
