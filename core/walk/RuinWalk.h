// Monte Carlo of the 1D walk between barriers at 0 and a: gambler's ruin (absorbing barriers)
// and the walk with reflecting barriers. Exact counterparts: core/exact/GamblersRuin.h.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"
#include "core/stats/TimeBins.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace walklab::core {

/// What happens at 0 and a.
enum class Barriers {
    Absorbing,   ///< the game ends there (ruin at 0, win at a)
    Reflecting,  ///< a step that would leave {0, …, a} is not taken: the walker stays put
};

/// Choice names, in enum order: "absorbing", "reflecting".
inline constexpr std::array<std::string_view, 2> kBarrierNames{"absorbing", "reflecting"};

/// Parameters: M walkers start at capital z and take steps +1 (p), −1 (q), 0 (r = 1 − p − q).
struct RuinParams {
    std::int64_t capital = 10;      ///< z, starting capital; 1 … a − 1 (absorbing), 0 … a (reflecting)
    std::int64_t target = 20;       ///< a, the upper barrier (the players' joint capital); 2 … 10^6
    double p = 0.5;                 ///< P(step = +1); 0 … 1
    double q = 0.5;                 ///< P(step = −1); 0 … 1 − p, and p + q > 0
    std::int64_t walkers = 10000;   ///< M; 1 … 10^9
    /// n, the most steps a walker takes; 1 … 10^9. Absorbing: the cap — walkers still playing
    /// after n steps are counted as unfinished. Reflecting: the time at which positions are
    /// observed.
    std::int64_t steps = 10'000;
    Barriers barriers = Barriers::Absorbing;
    std::uint64_t seed = 1;         ///< any 64-bit value; same seed, same result
    std::int64_t paths = 5;         ///< sample paths kept for display; 0 … min(1000, walkers)
};

/// Largest target a.
inline constexpr std::int64_t kMaxRuinTarget = 1'000'000;
/// Largest estimated cost of one run, ruinCost(): about 5 minutes on 2 busy cores (measured
/// runs take 1/3 to 2/3 of the estimate).
inline constexpr double kMaxRuinCost = 1e11;

/// Checks every field; one Error per bad field, naming it, its value and the allowed range
/// ("capital = 20: must be between 1 and a − 1 = 19"). Also refuses (TooLarge, parameter
/// "walkers") a run whose estimated cost, ruinCost(), exceeds kMaxRuinCost, with the expected
/// number of steps and the estimated time.
Errors validate(const RuinParams& params);

/// The expected number of steps of a run: for absorbing barriers
/// Σ over the walkers' starting capitals of min(n, D_z) (an upper bound of E[min(T, n)]),
/// the ruin-curve walkers included; for reflecting barriers M·n.
double ruinWork(const RuinParams& params);

/// The estimated cost of a run in units of one bulk step: a walker at distance d from the
/// nearer barrier takes min(d, …) steps in one call of the step sampler, and a call costs
/// about kRuinCallCost steps. Per walker from z: min(n, D_z)·(1 + kRuinCallCost / b), b the
/// typical distance to a barrier: min(z, a − z, a/4) (absorbing, at least 1) or a/4
/// (reflecting, at least 1). Calibrated on 2 busy cores (load 10) at ≈ 3.5·10^8 units per
/// second: reflecting a = 20, 10^8 steps, 1.1 s (p = 1/2) and 2.1 s (p = 0.55), estimate 1.7 s;
/// a = 100, 0.37 s, estimate 0.36 s; absorbing p = 1/2, z = 50, a = 100, 4.2·10^9 steps,
/// 6.2 s, estimate 23 s (games end before the walker spends long near a barrier).
double ruinCost(const RuinParams& params);
inline constexpr double kRuinCallCost = 24;
inline constexpr double kRuinCostPerSecond = 3.5e8;

/// The starting capitals of the ruin curve: 0, 1, …, a when a ≤ 20, otherwise the 21 capitals
/// round(j·a/20), j = 0 … 20.
std::vector<std::int64_t> ruinCurveCapitals(std::int64_t target);

/// Walkers started from each capital of the ruin curve: the M walkers are split evenly,
/// max(1, M / number of capitals) each (so the curve costs about as much as the main run).
std::int64_t ruinCurveWalkers(std::int64_t walkers, std::int64_t target);

/// What simulateRuin() returns. Absorbing fields are empty/zero for reflecting barriers and
/// the reverse.
struct RuinSimulation {
    // Absorbing barriers, the M walkers started at z:
    std::uint64_t ruined = 0;      ///< reached 0 within n steps
    std::uint64_t won = 0;         ///< reached a within n steps
    std::uint64_t unfinished = 0;  ///< still playing after n steps (ruined + won + unfinished = M)
    /// Bins of T over 1 … n: TimeBins::logarithmic(1, n), as for the waiting times of
    /// simulatePathWalk1D(); ruinDurationLaw() gives their exact masses.
    TimeBins durationBins;
    std::vector<std::uint64_t> ruinDurations;  ///< walkers ruined with T in bin i
    std::vector<std::uint64_t> winDurations;   ///< walkers that won with T in bin i
    /// Sample mean of min(T, n) over the M walkers and its standard error s/√M (exact integer
    /// sums, so identical for any thread count).
    double durationMean = 0;
    double durationStandardError = 0;

    // Absorbing barriers, the ruin curve:
    std::vector<std::int64_t> curveCapitals;      ///< ruinCurveCapitals(a)
    std::int64_t curveWalkers = 0;                ///< ruinCurveWalkers(M, a) per capital
    std::vector<std::uint64_t> curveRuined;       ///< per capital: ruined within n steps
    std::vector<std::uint64_t> curveUnfinished;   ///< per capital: still playing after n steps
    /// per capital: ruined / curveWalkers, an estimate of P(ruin within n steps), and its
    /// binomial standard error √(f(1 − f)/curveWalkers).
    std::vector<double> curveRuinFraction;
    std::vector<double> curveStandardError;

    // Reflecting barriers:
    IntegerHistogram positions;  ///< counts of X_n over the M walkers (values in 0 … a)

    // Both:
    /// Times at which kept paths are recorded: pathSampleTimes(h) (core/walk/LatticeWalk1D.h),
    /// h = min(n, max(100, ⌈4·D_z⌉)) for absorbing barriers (most games are over by then; one
    /// decimated over n = 10^9 would show nothing), h = min(n, max(100, 2a²)) for reflecting
    /// ones (a few relaxation times: the steps stay readable).
    std::vector<std::int64_t> pathTimes;
    /// paths[i][j]: position of walker i (i < params.paths) at time pathTimes[j]; an absorbed
    /// walker stays at its barrier (0 or a) after T.
    std::vector<std::vector<std::int64_t>> paths;
    /// pathDurations[i]: T of kept walker i, or −1 when still playing after n steps
    /// (absorbing); empty for reflecting barriers.
    std::vector<std::int64_t> pathDurations;
    double seconds = 0;  ///< wall-clock time of the simulation
    unsigned threads = 0;
};

/// Simulates the game (absorbing: M walkers from z until absorption or n steps, plus the
/// ruin curve) or the reflecting walk (M walkers for n steps).
///
/// Randomness: as simulateWalk1D() — blocks of consecutive walkers, block b of the main run
/// drawing from makeStream(seed, b, 0) and block b of curve capital j from
/// makeStream(seed, b, 1 + j), walkers in order, steps only through detail::StepSampler1D, so
/// the result depends on the parameters alone, not on control.threads(). Steps are taken in
/// bulk: from x, min(x, a − x) steps cannot cross a barrier (they may reach it only at the
/// last one), which StepSampler1D draws exactly as one step at a time.
/// Kept paths are walkers 0 … paths − 1 of the main run; recording them changes no step.
///
/// Errors: InvalidParameter, TooLarge (see validate()), Cancelled. Progress in steps.
Expected<RuinSimulation> simulateRuin(const RuinParams& params, RunControl& control);

}  // namespace walklab::core
