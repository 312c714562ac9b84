// The "passage" experiment: the whole path of the 1D walk — first passage, first return,
// number of returns, time positive (arcsine law), last zero, maximum — simulated and exact.
#pragma once

#include "core/experiment/SettingsExperiment.h"
#include "core/walk/PathWalk1D.h"

namespace walklab::core {

/// Parsed parameters of the passage experiment.
struct PassageSettings {
    PathWalk1DParams walk;
    bool logLog = true;  ///< the waiting-time views ("passage", "return") on log–log axes
};

/// Parameters: steps n (horizon and cap), walkers M, p, q (empty: 1 − p), level k ≠ 0, seed,
/// paths, axes (log-log | linear, for the waiting-time views).
/// Views (panel keys):
/// - "passage": P(T_k = n) for n = 1 … horizon in the bins of PathWalk1DSimulation (x = step,
///   bins averaged per possible time), simulated Bars and exact Points (firstPassageLaw); the
///   fraction not arrived by n in the legend;
/// - "return": the same for the first-return time T_0 (firstReturnLaw);
/// - "returns": P(R_n = j), number of returns to 0 by n (returnCountLaw);
/// - "arcsine": density of the fraction of time positive P_n/n (Feller's convention): Bars,
///   exact (timePositiveLaw) and the arcsine density averaged over each bin (p = q only);
/// - "lastzero": density of L_n/n, the time of the last visit to 0 (lastZeroLaw, arcsine);
/// - "maximum": P(M_n = m) (maximumLaw);
/// - "signpaths": sample paths, series "positive_i" / "negative_i" (groups "positive",
///   "negative": the segments above 0 and the rest, NaN elsewhere) and the level-0 guide.
/// Exact legends name the method used (Feller's discrete arcsine law only for p = q, r = 0;
/// the weighted reflection principle for p ≠ q). The waiting-time views fall back to linear
/// axes, with a note, when their positive values are at fewer than 3 times or within a factor
/// of 10; a level that cannot be reached within n gets a note saying why.
/// Runs above kMaxPathWork (walkers × steps) are refused by validate. Memory: the exact laws
/// are computed one at a time and reduced to their bins, about 40 bytes per step at the peak
/// (≈ 420 MB at n = 10^7, the longest exact horizon; the time-positive law is the largest).
class PassageExperiment final : public SettingsExperiment<PassageSettings> {
public:
    PassageExperiment();

    std::string key() const override { return "passage"; }
    std::string title() const override { return "First passage, returns, arcsine law"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    Expected<PassageSettings> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const PassageSettings& settings, RunControl& control) const override;
};

}  // namespace walklab::core
