#include "core/walk/ContinuousWalk.h"

#include "core/experiment/ParameterCheck.h"
#include "core/random/StreamEngine.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/detail/WalkKernel.h"

#include <boost/math/constants/constants.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <cmath>

namespace walklab::core {

namespace {

class ContinuousSampler {
public:
    using Position = Point3;

    ContinuousSampler(const ContinuousWalkParams& p, std::uint64_t block)
        : m_engine(makeStream(p.seed, block)), m_dimension(p.dimension), m_step(p.step),
          m_normal(0.0, 1.0 / std::sqrt(double(p.dimension))),
          m_endpointNormal(0.0, std::sqrt(double(p.steps) / double(p.dimension)))
    {
    }

    /// Gaussian steps only (Pearson has no shortcut): S_n ~ N(0, (n/d)·I), one draw per
    /// coordinate, walker after walker.
    void jump(Position* x, std::size_t count)
    {
        for (std::size_t i = 0; i < count; ++i) {
            x[i] = Position{};
            for (int a = 0; a < m_dimension; ++a)
                x[i][std::size_t(a)] = m_endpointNormal(m_engine);
        }
    }

    void advance(Position& x, std::int64_t steps)
    {
        constexpr double twoPi = boost::math::constants::two_pi<double>();
        for (std::int64_t s = 0; s < steps; ++s) {
            if (m_step == ContinuousStep::Gaussian) {
                for (int a = 0; a < m_dimension; ++a)
                    x[std::size_t(a)] += m_normal(m_engine);
            } else if (m_dimension == 2) {
                const double theta = twoPi * m_uniform(m_engine);
                x[0] += std::cos(theta);
                x[1] += std::sin(theta);
            } else {
                const double z = 2 * m_uniform(m_engine) - 1;
                const double phi = twoPi * m_uniform(m_engine);
                const double r = std::sqrt(std::max(0.0, 1 - z * z));
                x[0] += r * std::cos(phi);
                x[1] += r * std::sin(phi);
                x[2] += z;
            }
        }
    }

private:
    Engine m_engine;
    int m_dimension;
    ContinuousStep m_step;
    boost::random::normal_distribution<double> m_normal, m_endpointNormal;
    boost::random::uniform_01<double> m_uniform;
};

detail::KernelSetup layout(const ContinuousWalkParams& p)
{
    detail::KernelSetup s = detail::kernelSetup(p, false);
    s.shortcut = p.step == ContinuousStep::Gaussian;
    s.stepsPerSecond = 1.2e7;  // one thread, about half the measured 2.4e7 (Gaussian) – 1.9e7 (Pearson, 3D)
    const double n = double(p.steps), sd = std::sqrt(n / p.dimension);
    const std::int64_t across = p.dimension == 2 ? 512 : 96;
    s.grid.dimension = p.dimension;
    s.grid.width = 12 * sd / double(across);
    for (std::size_t a = 0; a < std::size_t(p.dimension); ++a) {
        s.grid.lo[a] = -6 * sd;
        s.grid.cells[a] = across;
    }
    // Pearson: |S_n| ≤ n. Gaussian: |S_n|²·d/n ~ χ²_d, unbounded; P(|S_n| > 4.5√n) < 10^-8 for d = 2, 3.
    const double rhoMax = 4.5 * std::sqrt(n);
    s.radius = detail::radialLayout(p.step == ContinuousStep::Pearson ? std::min(n, rhoMax) : rhoMax);
    return s;
}

}  // namespace

Errors validate(const ContinuousWalkParams& w)
{
    ParameterCheck check;
    detail::checkWalkSize(check, w.dimension, w.steps, w.walkers);
    if (w.step != ContinuousStep::Pearson && w.step != ContinuousStep::Gaussian)
        check.bad("kind", std::to_string(int(w.step)), "pearson or gaussian");
    check.paths(w.paths, w.walkers, "walkers");
    Errors errors = check.take();
    if (errors.empty())
        errors = detail::workCheck(layout(w));
    return errors;
}

Expected<WalkNDSimulation> simulateContinuousWalk(const ContinuousWalkParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    return detail::runWalkers(layout(params),
                              [&](std::uint64_t block) { return ContinuousSampler(params, block); }, control);
}

}  // namespace walklab::core
