// The "poisson-nh" experiment: a Poisson process whose rate λ(t) is a formula typed by the user.
#pragma once

#include "core/experiment/poisson/PoissonPanels.h"
#include "core/experiment/SettingsExperiment.h"
#include "core/process/NonHomogeneousPoisson.h"

namespace walklab::core {

/// The parameters of a "poisson-nh" run, parsed from text.
struct NonHomogeneousPoissonSettings {
    NonHomogeneousPoissonParams process;  ///< λ(t), T, M, λ*, seed, paths; gridPoints = 2001
    TimeUnit unit;
};

/// Parameters: rate (a formula in t, see RateFunction), unit, horizon T, realisations M,
/// rateBound λ* (0 = automatic), seed, paths. Simulated by thinning (Lewis & Shedler 1979, see
/// simulateNonHomogeneousPoisson()). Views, one panel each:
///  - "timeline": x = arrival times of the first ≤ 20 realisations (see timelinePanel());
///  - "intensity": x = bin centres over [0, T] (at most 100 bins), "simulated" (Bars) = arrivals
///    per realisation and per time unit in the bin, pooled over the sample realisations, whose
///    expectation is the mean of λ over the bin; "exact" (Line) = λ(t) at the centres;
///  - "counting": N(t) step paths on 2001 grid times, "mean" (Line) the simulated mean of N(t)
///    over all M realisations, "exact" (Guide) Λ(t) = ∫₀ᵗ λ(s) ds by quadrature;
///  - "counts": N(T) frequencies against the Poisson(Λ(T)) PMF (countsPanel()).
class NonHomogeneousPoissonExperiment final : public SettingsExperiment<NonHomogeneousPoissonSettings> {
public:
    NonHomogeneousPoissonExperiment();

    std::string key() const override { return "poisson-nh"; }
    std::string title() const override { return "Non-homogeneous Poisson process"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    /// Converts the text parameters and validates them (the formula is parsed and scanned, see
    /// validate(const NonHomogeneousPoissonParams&)).
    Expected<NonHomogeneousPoissonSettings> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const NonHomogeneousPoissonSettings& settings, RunControl& control) const override;
};

}  // namespace walklab::core
