// The "ruin" experiment: the gambler's ruin — the 1D walk between barriers at 0 and a,
// absorbing (ruin or win) or reflecting — simulated and exact.
#pragma once

#include "core/experiment/SettingsExperiment.h"
#include "core/walk/RuinWalk.h"

namespace walklab::core {

/// Parameters: capital z, target a, p, q (empty: 1 − p), walkers M, steps n (the cap for
/// absorbing barriers, the observation time for reflecting ones), barriers (absorbing |
/// reflecting), seed, paths; see RuinParams.
/// Views (panel keys; every result has all four, a view that needs the other kind of barrier
/// is an empty panel whose title says so):
/// - "path": sample games over time, with the barriers 0 ("ruin") and a ("target") as guides;
/// - "ruin": P(ruin) against the starting capital, x = 0 … a (at most about 400 capitals
///   beyond a = 400): "exact" (Line, ruinCurve) and "simulated" (Points with error bars of
///   2 standard errors, NaN at capitals not simulated);
/// - "duration": the duration T in the bins of durationBinEdges (x = step on a log axis,
///   y = probability per step), simulated Bars and exact Points, the fraction unfinished at the cap in the legend;
/// - "position" (reflecting): P(X_n = x), x = 0 … a, simulated, exact and the stationary law.
class RuinExperiment final : public SettingsExperiment<RuinParams> {
public:
    RuinExperiment();

    std::string key() const override { return "ruin"; }
    std::string title() const override { return "Gambler's ruin"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    Expected<RuinParams> parse(const ParamSet& params) const override;

protected:
    Expected<Result> compute(const RuinParams& params, RunControl& control) const override;
};

}  // namespace walklab::core
