#include "core/walk/ContinuousWalk.h"

#include "core/experiment/ParameterCheck.h"
#include "core/random/StreamEngine.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/detail/ContinuousSteps.h"
#include "core/walk/detail/WalkKernel.h"


#include <cmath>

namespace walklab::core {

namespace {

class ContinuousSampler {
public:
    using Position = Point3;

    ContinuousSampler(const ContinuousWalkParams& p, std::uint64_t block)
        : m_engine(makeStream(p.seed, block)), m_steps(p.step, p.dimension), m_rootSteps(std::sqrt(double(p.steps)))
    {
    }

    /// Gaussian steps only (Pearson has no shortcut): S_n = √n·X with X one step ~ N(0, I/d),
    /// walker after walker.
    void jump(Position* x, std::size_t count)
    {
        for (std::size_t i = 0; i < count; ++i)
            m_steps.draw(m_engine, x[i], m_rootSteps);
    }

    void advance(Position& x, std::int64_t steps) { m_steps.advance(m_engine, x, steps); }

private:
    Engine m_engine;
    detail::ContinuousSteps m_steps;
    double m_rootSteps;
};

detail::KernelSetup layout(const ContinuousWalkParams& p)
{
    detail::KernelSetup s = detail::kernelSetup(p, false);
    s.shortcut = p.step == ContinuousStep::Gaussian;
    // One thread, about half the measured rates: Pearson 3e8 (2D), 2e8 (3D); Gaussian 1.5e8, 8e7.
    const bool pearson = p.step == ContinuousStep::Pearson;
    s.stepsPerSecond = p.dimension == 2 ? (pearson ? 1.5e8 : 7e7) : (pearson ? 1e8 : 4e7);
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
