// The "ruin" experiment: the gambler's ruin — the 1D walk between barriers at 0 and a,
// absorbing (ruin or win) or reflecting — simulated and exact.
#pragma once

#include "core/experiment/SettingsExperiment.h"
#include "core/walk/RuinWalk.h"

namespace walklab::core {

/// Parameters: capital z, target a, p, q (empty: 1 − p), walkers M, steps n (the cap for
/// absorbing barriers, the observation time for reflecting ones), barriers (absorbing |
/// reflecting), seed, paths; see RuinParams.
/// Views (panel keys; every result has all four; a view that needs the other kind of barrier
/// is a panel without series whose title says so: not drawn, and the command line refuses its
/// CSV; "path", "ruin" and "position" are shown by default, so each kind of barrier shows two):
/// - "path": sample games over time up to the end of the last one shown (n, or the path
///   horizon, when one is unfinished), with the barriers 0 ("ruin") and a ("target") as guides;
///   reflecting barriers: the first min(n, max(100, 2a²)) steps;
/// - "ruin": P(ruin) against the starting capital, x = 0 … a (at most about 400 capitals
///   beyond a = 400): "exact" (Line) and "simulated" (Points with error bars of 2 standard
///   errors, NaN at capitals not simulated). Games unfinished at the cap n count as not
///   ruined, so when the cap matters (P(ruin) − P(ruin within n) ≥ 10^-9 at some capital)
///   "exact" is ruinCurveWithin() and "uncapped" (Guide) the closed form without a cap;
/// - "duration": the duration T in the bins RuinSimulation::durationBins (TimeBins::logarithmic,
///   as the waiting times of "passage"; x = step on a log axis, y = P(T = t) averaged over the
///   possible durations of a bin: those of one parity when ruinDurationParity() says so),
///   simulated Bars and exact Points, the fraction unfinished at the cap in the legend;
/// - "position" (reflecting): P(X_n = x), x = 0 … a always, simulated, exact and the
///   stationary law.
/// Summary: ruin and win probabilities from z — within n (exact: RuinDurationLaw::ruinBy,
/// winBy) when P(T > n) ≥ 10^-9, with the values without a cap beside them — E[T],
/// E[min(T, n)], gain, P(T > n) ("< 1e-30" below the precision of the transfer matrix), χ²
/// of the durations and the ruin curve's largest deviation.
class RuinExperiment final : public SettingsExperiment<RuinParams> {
public:
    RuinExperiment();

    std::string key() const override { return "ruin"; }
    std::string title() const override { return "Gambler's ruin"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

    Expected<RuinParams> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    Expected<Result> compute(const RuinParams& params, RunControl& control) const override;
};

}  // namespace walklab::core
