// The "poisson-ops" experiment: merging two Poisson processes, and thinning one at random.
#pragma once

#include "core/experiment/poisson/PoissonPanels.h"
#include "core/experiment/SettingsExperiment.h"
#include "core/process/IndependentThinning.h"
#include "core/process/Superposition.h"

namespace walklab::core {

/// The parameters of a "poisson-ops" run, parsed from text.
struct PoissonOperationsSettings {
    SuperpositionParams merge;        ///< λ₁, λ₂, T, M, seed; paths = 0
    IndependentThinningParams thin;   ///< rate λ₁ + λ₂, keep p, the same T, M and seed; paths = 0
    TimeUnit unit;
};

/// Parameters: rate1 λ₁ and rate2 λ₂ (per time unit, λ₁ + λ₂ ≤ 10^6), keep p, horizon T, unit,
/// realisations M, seed. Two independent simulations from one seed (distinct stream
/// domains): the union of independent processes of rates λ₁ and λ₂ (simulateSuperposition()),
/// and a process of rate λ = λ₁ + λ₂ whose events are each kept with probability p
/// (simulateIndependentThinning()). Views, one panel each:
///  - "superposition": N₁(T) + N₂(T) frequencies against the Poisson((λ₁ + λ₂)T) PMF
///    (Kingman, "Poisson Processes", §2.2, Superposition Theorem);
///  - "interarrival": density histogram of the merged process's gaps against the
///    Exponential(λ₁ + λ₂) density;
///  - "thinning": kept counts K(T) against the Poisson(pλT) PMF (Kingman §5.1, Colouring Theorem).
class PoissonOperationsExperiment final : public SettingsExperiment<PoissonOperationsSettings> {
public:
    PoissonOperationsExperiment();

    std::string key() const override { return "poisson-ops"; }
    std::string title() const override { return "Superposition and thinning"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    Expected<PoissonOperationsSettings> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const PoissonOperationsSettings& settings, RunControl& control) const override;
};

}  // namespace walklab::core
