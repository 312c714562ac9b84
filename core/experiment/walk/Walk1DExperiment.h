// The "walk1d" experiment: M walkers on the integers, simulated and exact.
#pragma once

#include "core/experiment/Experiment.h"
#include "core/walk/LatticeWalk1D.h"

namespace walklab::core {

/// Parameters: steps, walkers, p, q (empty: 1 − p), seed, paths; see Walk1DParams.
/// Views: "paths" (sample paths with mean and ±2 sd guides, x = step), "msd" and "returns"
/// (see WalkPanels.h; from the first trackedWalkers(M) walkers) and "endpoint"
/// (P(S_n = k): simulated, exact, normal; x = position, every integer in the plotted range).
class Walk1DExperiment final : public Experiment {
public:
    Walk1DExperiment();

    std::string key() const override { return "walk1d"; }
    std::string title() const override { return "1D random walk"; }
    std::string help() const override;
    const std::vector<ParamSpec>& params() const override { return m_params; }
    const std::vector<ViewSpec>& views() const override { return m_views; }

    Errors validate(const ParamSet& params) const override;
    Expected<Result> run(const ParamSet& params, RunControl& control) const override;

    /// Converts text parameters to Walk1DParams (q empty → 1 − p) and validates them.
    Expected<Walk1DParams> parse(const ParamSet& params) const;

private:
    std::vector<ParamSpec> m_params;
    std::vector<ViewSpec> m_views;
};

/// Lazy walks (r > 0) get their exact law up to this many steps; beyond it the cost of
/// Walk1DDistribution (O(√n) per position) is too high and only the normal curve is shown.
inline constexpr std::int64_t kMaxExactLazySteps = 10'000'000;

}  // namespace walklab::core
