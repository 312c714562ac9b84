// The "poisson" experiment: one seeded stream of a rate-λ Poisson process seen from every side.
#pragma once

#include "core/experiment/poisson/PoissonPanels.h"
#include "core/experiment/SettingsExperiment.h"
#include "core/process/PoissonProcess.h"

namespace walklab::core {

/// The parameters of a "poisson" run, parsed from text.
struct PoissonSettings {
    PoissonParams process;  ///< λ, T, M, k, s, method, seed, paths (see PoissonParams)
    TimeUnit unit;          ///< the name of the time unit, for axis titles and legends
    std::int64_t trials = 0;///< n of the binomial view; ⌈λT⌉ … 10^9 (empty text: min(10^9, 10·⌈λT⌉))
};

/// Parameters: rate λ (per time unit), unit, horizon T, realisations M, arrival k, memoryTime s,
/// method, trials n, seed, paths. Views, one panel each:
///  - "timeline": x = arrival times of the first ≤ 20 realisations, Points "realisation" = its
///    number (see timelinePanel());
///  - "counting": N(t) of the kept realisations on 2001 grid times (Steps "path_i"), with the
///    guides "mean" λt and "mean_plus_sd" / "mean_minus_sd" λt ± √(λt) (the lower one cut at 0);
///  - "counts": N(T) frequencies against the Poisson(λT) PMF (countsPanel());
///  - "interarrival": density histogram of the interarrival times against the Exponential(λ)
///    density, over [0, q₀.₉₉₉] (q the exponential quantile), at most 40 bins;
///  - "waiting": density histogram of S_k against the Gamma(k, 1/λ) (Erlang) density, over
///    [q₀.₀₀₀₅ (or 0 when below a tenth of q₀.₉₉₉₅), q₀.₉₉₉₅];
///  - "memoryless": density histogram of S_1 − s given S_1 > s against Exponential(λ);
///  - "binomial": x = k, "simulated" (Bars) successes in n Bernoulli(λT/n) trials, "binomial"
///    (Points) the Binomial(n, λT/n) PMF, "poisson" (Line) the Poisson(λT) PMF; the title gives
///    their total variation distance (binomialPoissonTotalVariation()).
/// The laws are Ross, "Introduction to Probability Models", §5.3 (exponential gaps, Erlang
/// S_k, memorylessness), and Feller, vol. I, §VI.5 (the binomial limit).
class PoissonExperiment final : public SettingsExperiment<PoissonSettings> {
public:
    PoissonExperiment();

    std::string key() const override { return "poisson"; }
    std::string title() const override { return "Poisson process"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    /// Converts the text parameters and validates them (one error per bad parameter).
    Expected<PoissonSettings> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const PoissonSettings& settings, RunControl& control) const override;
};

/// The binomial view simulates at most this many Bernoulli trials in all (about 0.1 s): its
/// repetitions are min(M, ⌊10^8 / n⌋).
inline constexpr double kMaxBinomialViewTrials = 1e8;

}  // namespace walklab::core
