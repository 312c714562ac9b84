// The "walk1d" experiment: M walkers on the integers, simulated and exact.
#pragma once

#include "core/experiment/SettingsExperiment.h"
#include "core/walk/LatticeWalk1D.h"

namespace walklab::core {

/// Parameters: steps, walkers, p, q (empty: 1 − p), seed, paths; see Walk1DParams.
/// Views: "paths" (sample paths with mean and ±2 sd guides, x = step), "msd" (see WalkPanels.h;
/// from the first trackedWalkers(M) walkers), "returns" (P(T_0 ≤ t): the first-return times of
/// firstReturnWalkers() walkers — all M unless too costly — by simulateFirstPassage() on stream
/// domain 1, with error bars of 2 standard errors, the exact curve and the all-time value) and
/// "endpoint" (P(S_n = k): simulated, exact, normal; x = position, every integer in the plotted range).
class Walk1DExperiment final : public SettingsExperiment<Walk1DParams> {
public:
    Walk1DExperiment();

    std::string key() const override { return "walk1d"; }
    std::string title() const override { return "1D random walk"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    /// Converts text parameters to Walk1DParams (q empty → 1 − p) and validates them.
    Expected<Walk1DParams> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const Walk1DParams& w, RunControl& control) const override;
};

/// Lazy walks (r > 0) get their exact law up to this many steps; beyond it only the normal
/// curve is shown (Walk1DDistribution::pmf(lo, hi) costs O(σ) plus O(√n) per 8192 positions).
inline constexpr std::int64_t kMaxExactLazySteps = 10'000'000;

/// The "returns" view follows all M walkers while their first returns are expected to take at
/// most this long on one core; beyond it, the first firstReturnWalkers() walkers (said in a note).
inline constexpr double kReturnBudgetSeconds = 1.0;

/// Walkers of the "returns" view: min(M, kReturnBudgetSeconds / c) for the estimated cost c of
/// one walker on one core: 0.2 µs plus about 1 + (p + q)·min(√(8n/(π(p + q))), 1/|p − q|) steps
/// (a walker leaves 0 with probability p + q; then E[min(T_0, n)] ≈ √(8n/π) over its n(p + q)
/// moves without drift, Feller vol. I §III.3; with a drift the walkers that return take about
/// 1/|p − q| steps, E[T_1] = 1/(p − q) by Wald's identity, and simulateFirstPassage() stops the
/// others at once) at 1.5·10^10 steps/s for p = q = 1/2 (popcount), 10^9 otherwise. Sets
/// `allSeconds` to the estimated cost of all M walkers.
std::int64_t firstReturnWalkers(const Walk1DParams& params, double& allSeconds);

}  // namespace walklab::core
