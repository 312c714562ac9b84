#include "core/walk/LatticeWalkND.h"

#include "core/experiment/TextFormat.h"
#include "core/experiment/ParameterCheck.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/BitWalk.h"
#include "core/walk/detail/CubicWalk.h"
#include "core/walk/detail/EndpointSampler.h"
#include "core/walk/detail/WalkKernel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace walklab::core {

bool usesRotation(const LatticeWalkParams& p)
{
    const auto& w = p.weights;
    return p.dimension == 2 && p.lazy == 0 && w[0] == w[1] && w[1] == w[2] && w[2] == w[3];
}

namespace {

using Site = std::array<std::int64_t, 3>;

/// Any simple walk: one 64-bit draw per step against cumulative thresholds.
class LatticeSampler {
public:
    using Position = Site;

    LatticeSampler(const StepLaw& law, std::int64_t steps, std::uint64_t seed, std::uint64_t block)
        : m_engine(makeStream(seed, block)), m_endpoint(law.dimension(), steps, law.simpleProbabilities())
    {
        const SimpleWalkProbabilities p = law.simpleProbabilities();
        long double cumulative = 0;
        constexpr long double two64 = 18446744073709551616.0L;
        for (int i = 0; i < 2 * law.dimension(); ++i) {
            const int axis = i / 2;
            m_axis[std::size_t(i)] = axis;
            m_delta[std::size_t(i)] = i % 2 == 0 ? 1 : -1;
            cumulative += i % 2 == 0 ? p.plus[std::size_t(axis)] : p.minus[std::size_t(axis)];
            m_thresholds[std::size_t(i)] = cumulative * two64 >= two64 ? std::numeric_limits<std::uint64_t>::max()
                                                                       : std::uint64_t(cumulative * two64);
        }
        // Outcome 2d (stay) has its own threshold only if it can happen.
        m_outcomes = p.lazy > 0 ? 2 * law.dimension() : 2 * law.dimension() - 1;
    }

    void advance(Position& x, std::int64_t steps)
    {
        // Outcome counts in 8-bit fields of one register (no store per step), ≤ 255 steps at a time.
        std::array<std::int64_t, 7> count{};
        while (steps > 0) {
            std::uint64_t packed = 0;
            const auto words = m_engine.next(std::size_t(std::min<std::int64_t>(steps, 255)));
            for (const std::uint64_t u : words) {
                int j = 0;
                for (int k = 0; k < m_outcomes; ++k)
                    j += int(u >= m_thresholds[std::size_t(k)]);
                packed += std::uint64_t(1) << (8 * j);
            }
            for (std::size_t j = 0; j < count.size(); ++j)
                count[j] += std::int64_t((packed >> (8 * j)) & 0xFF);
            steps -= std::int64_t(words.size());
        }
        for (std::size_t j = 0; j < count.size(); ++j)
            x[std::size_t(m_axis[j])] += m_delta[j] * count[j];
    }

    void jump(Position* x, std::size_t count) { m_endpoint(m_engine, x, count); }

private:
    Engine m_engine;
    detail::EndpointSamplerND m_endpoint;
    std::array<std::uint64_t, 6> m_thresholds{};
    std::array<int, 7> m_axis{};       // outcome 2d (stay) moves axis 0 by 0
    std::array<std::int64_t, 7> m_delta{};
    int m_outcomes = 0;
};

/// The symmetric walk on Z² after the 45° rotation: two independent fair bit walks.
class RotatedSampler {
public:
    using Position = Site;

    RotatedSampler(const StepLaw& law, std::int64_t steps, std::uint64_t seed, std::uint64_t block)
        : m_uEngine(makeStream(seed, block, 0)), m_vEngine(makeStream(seed, block, 1)),
          m_endpoint(2, steps, law.simpleProbabilities())
    {
    }
    RotatedSampler(const RotatedSampler&) = delete;  // the bit walks refer to the engines
    RotatedSampler& operator=(const RotatedSampler&) = delete;

    void advance(Position& x, std::int64_t steps)
    {
        const std::int64_t du = m_u.advance(steps), dv = m_v.advance(steps);  // same parity as steps
        x[0] += (du + dv) / 2;
        x[1] += (du - dv) / 2;
    }

    /// The first return: up to `steps` steps, stopping at the origin (detail::firstJointZero).
    std::int64_t advanceToOrigin(Position& x, std::int64_t steps)
    {
        std::int64_t u = x[0] + x[1], v = x[0] - x[1];
        const std::int64_t taken = detail::firstJointZero(m_u, m_v, u, v, steps);
        x[0] = (u + v) / 2;
        x[1] = (u - v) / 2;
        return taken;
    }

    /// Many stops: one Engine::popcountPrefixes() call per coordinate (BitWalk::displacements).
    void advanceThrough(Position& x, const std::int64_t* steps, std::size_t count, Position* out)
    {
        if (m_du.size() < count) {
            m_du.resize(count);
            m_dv.resize(count);
            m_scratch.resize(count);
        }
        m_u.displacements(steps, count, m_du.data(), m_scratch.data());
        m_v.displacements(steps, count, m_dv.data(), m_scratch.data());
        for (std::size_t i = 0; i < count; ++i)
            out[i] = {x[0] + (m_du[i] + m_dv[i]) / 2, x[1] + (m_du[i] - m_dv[i]) / 2, x[2]};
        if (count > 0)
            x = out[count - 1];
    }

    void jump(Position* x, std::size_t count) { m_endpoint(m_uEngine, x, count); }

private:
    Engine m_uEngine, m_vEngine;
    detail::EndpointSamplerND m_endpoint;
    detail::BitWalk m_u{m_uEngine}, m_v{m_vEngine};
    std::vector<std::int64_t> m_du, m_dv;  // advanceThrough()'s displacements and their scratch
    std::vector<std::uint64_t> m_scratch;
};

/// The simple symmetric walk on Z³ (all six weights equal, no pause): the byte-table kernel.
class CubicSampler {
public:
    using Position = Site;

    CubicSampler(const StepLaw& law, std::int64_t steps, std::uint64_t seed, std::uint64_t block)
        : m_walk(seed, block), m_endpoint(3, steps, law.simpleProbabilities()), m_engine(makeStream(seed, block, 4))
    {
    }

    void advance(Position& x, std::int64_t steps) { m_walk.advance(x, steps); }

    void jump(Position* x, std::size_t count) { m_endpoint(m_engine, x, count); }

private:
    detail::CubicWalk m_walk;
    detail::EndpointSamplerND m_endpoint;
    Engine m_engine;
};

bool usesCubicTable(const LatticeWalkParams& p)
{
    const auto& w = p.weights;
    return p.dimension == 3 && p.lazy == 0 && std::all_of(w.begin(), w.end(), [&](double v) { return v == w[0]; });
}

detail::KernelSetup layout(const LatticeWalkParams& p, const StepLaw& law)
{
    detail::KernelSetup s = detail::kernelSetup(p, true);
    s.shortcut = true;  // every lattice law has one (EndpointSamplerND)
    // One thread on this project's 2-core test machine, about half the measured rates (walk2d/3d
    // --threads 1 --walkers 10^4 --steps 10^5: 5.9e9 rotated, 1.3e9 cubic table, 2.5e8 – 3e8 general).
    s.stepsPerSecond = usesRotation(p) ? 3e9 : usesCubicTable(p) ? 6e8 : 1.2e8;
    const auto mean = law.mean();
    const auto cov = law.covariance();
    const SimpleWalkProbabilities probabilities = law.simpleProbabilities();
    const double n = double(p.steps);
    std::array<std::int64_t, 3> lo{0, 0, 0}, width{1, 1, 1};
    double meanNorm2 = 0, variance = 0;
    for (std::size_t a = 0; a < std::size_t(p.dimension); ++a) {
        const double m = n * mean[a], sd = std::sqrt(n * cov[a][a]);
        const std::int64_t reachLo = probabilities.minus[a] > 0 ? -p.steps : 0;
        const std::int64_t reachHi = probabilities.plus[a] > 0 ? p.steps : 0;
        lo[a] = std::max(reachLo, std::int64_t(std::floor(m - 6 * sd)));
        width[a] = std::min(reachHi, std::int64_t(std::ceil(m + 6 * sd))) - lo[a] + 1;
        meanNorm2 += m * m;
        variance += sd * sd;
    }
    auto cellsFor = [&](std::int64_t b) {
        std::int64_t total = 1;
        for (std::size_t a = 0; a < std::size_t(p.dimension); ++a)
            total *= (width[a] + b - 1) / b;
        return total;
    };
    std::int64_t b = 1;
    while (cellsFor(b) > kMaxGridCells)
        ++b;
    if (b > 1 && b % 2 == 1 && p.lazy == 0)
        ++b;  // parity: each cell holds as many sites of both classes
    s.grid.dimension = p.dimension;
    s.grid.width = double(b);
    for (std::size_t a = 0; a < std::size_t(p.dimension); ++a) {
        s.grid.lo[a] = double(lo[a]) - 0.5;
        s.grid.cells[a] = (width[a] + b - 1) / b;
    }
    const double rhoMax = std::max(1.0, std::min(n, std::sqrt(meanNorm2) + 4.5 * std::sqrt(variance)));
    s.radius = detail::radialLayout(rhoMax);
    return s;
}

}  // namespace

StepLaw latticeStepLaw(const LatticeWalkParams& p)
{
    const std::span<const double> weights(p.weights.data(), std::size_t(2 * p.dimension));
    return *StepLaw::simple(p.dimension, weights, p.lazy);
}

Errors validate(const LatticeWalkParams& w)
{
    ParameterCheck check;
    detail::checkWalkSize(check, w.dimension, w.steps, w.walkers);
    bool anyPositive = false;
    for (std::size_t i = 0; i < std::size_t(w.dimension == 3 ? 6 : 4); ++i) {
        check.between(kDirectionNames[i], w.weights[i], 0, kMaxDirectionWeight, "0", "10^6");
        anyPositive = anyPositive || w.weights[i] > 0;
    }
    if (!anyPositive && check.ok(kDirectionNames[0]))
        check.bad(kDirectionNames[0], "0", "positive when all other direction weights are 0 (some step must be possible)");
    if (!(std::isfinite(w.lazy) && w.lazy >= 0 && w.lazy < 1))
        check.bad("lazy", formatNumber(w.lazy), "at least 0 and less than 1");
    check.paths(w.paths, w.walkers, "walkers");
    Errors errors = check.take();
    if (errors.empty())
        errors = detail::workCheck(layout(w, latticeStepLaw(w)));
    return errors;
}

Expected<WalkNDSimulation> simulateLatticeWalk(const LatticeWalkParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const StepLaw law = latticeStepLaw(params);
    const detail::KernelSetup setup = layout(params, law);
    if (usesRotation(params))
        return detail::runWalkers(setup, [&](std::uint64_t block) { return RotatedSampler(law, params.steps, params.seed, block); },
                                  control);
    if (usesCubicTable(params))
        return detail::runWalkers(setup, [&](std::uint64_t block) { return CubicSampler(law, params.steps, params.seed, block); },
                                  control);
    return detail::runWalkers(setup, [&](std::uint64_t block) { return LatticeSampler(law, params.steps, params.seed, block); },
                              control);
}

}  // namespace walklab::core
