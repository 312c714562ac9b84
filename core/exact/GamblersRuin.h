// Exact laws of the 1D walk between two barriers at 0 and a: gambler's ruin (absorbing
// barriers: ruin probability, expected duration and gain, law of the duration) and the walk
// with reflecting barriers (law of the position at time n, stationary law).
#pragma once

#include "core/experiment/Error.h"
#include "core/stats/TimeBins.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

// The walk: X_0 = z, steps +1 with probability p, −1 with probability q, 0 with probability
// r = 1 − p − q (a lazy step: the game is a draw). Common preconditions of every function below
// (checked by the simulation's validation, asserted here): 1 ≤ a, 0 ≤ z ≤ a, p ≥ 0, q ≥ 0,
// 0 < p + q ≤ 1 (up to 4 ulps, treated as r = 0). p = 0 or q = 0 are allowed (λ = ±∞ below).
//
// Absorbing barriers (Feller vol. I, ch. XIV): the gambler with capital z plays unit stakes
// against an adversary with a − z until one is ruined; T = min{t ≥ 0 : X_t ∈ {0, a}} is the
// duration, "ruin" is X_T = 0, "win" is X_T = a. Accuracy at and near p = q: with
// λ = log(q/p), computed as log1p((q − p)/p) when 1/2 ≤ q/p ≤ 2 (q − p is exact there), the
// ratios are written with expm1 so that nothing is 0/0 at λ = 0 nor cancels near it; every
// value below keeps a relative error of a few ulps times a small factor for any p, q
// (tested to 1e-12 against 50-digit arithmetic at p = 1/2 and 1/2 ± 10^-9).

/// P_z = P(ruin) = (ρ^a − ρ^z)/(ρ^a − 1), ρ = q/p (Feller vol. I, §XIV.2); 1 − z/a when
/// p = q. Laziness does not change it. Computed as
/// e^{λz}·expm1(λ(a − z))/expm1(λa) (λ < 0), or its mirror image (λ > 0). P_0 = 1, P_a = 0.
double ruinProbability(std::int64_t z, std::int64_t a, double p, double q);

/// 1 − P_z, the probability of reaching a before 0, computed directly (not as 1 − P_z).
double winProbability(std::int64_t z, std::int64_t a, double p, double q);

/// D_z = E[T] = (z − a(1 − P_z))/(q − p) (Feller vol. I, §XIV.3, for r = 0;
/// a lazy step only adds waiting time: every move takes a Geometric(p + q) number of steps,
/// so D_z is Feller's value for p/(p+q), q/(p+q) divided by p + q — the formula above with
/// the lazy p, q is exactly that); z(a − z)/(p + q) when p = q (Feller's z(a − z) for
/// p = q = 1/2). Near λ = 0 (|λ|·a < 1) the difference is summed as a series:
/// D_z = z(a − z)·S/(p·B(λa)·B(λ)), B(x) = expm1(x)/x, S = (B(λa) − B(λz))/(λ(a − z)) =
/// Σ_{k≥1} h_{k−1}(λa, λz)/(k + 1)! (h_j the complete homogeneous polynomial). Unit: steps.
double expectedDuration(std::int64_t z, std::int64_t a, double p, double q);

/// Expected gain of the gambler, E[X_T] − z = a(1 − P_z) − z = (p − q)·D_z (Wald's identity;
/// Feller's Table 1 of §XIV.2 lists it), computed as the product (no cancellation).
double expectedGain(std::int64_t z, std::int64_t a, double p, double q);

/// The ruin curve: P_z for z = 0 … a (a + 1 values, index = starting capital).
/// Precondition: a ≤ 10^7 (memory).
std::vector<double> ruinCurve(std::int64_t a, double p, double q);

/// The ruin curve within n steps: u_n(z) = P(T ≤ n, ruin | X_0 = z), z = 0 … a (a + 1
/// values), what a simulation capped at n steps estimates. Backward equation (Feller vol. I,
/// §XIV.4): u_0 = δ_0, u_{t+1}(z) = q u_t(z − 1) + r u_t(z) + p u_t(z + 1) on 1 … a − 1 with
/// u(0) = 1, u(a) = 0; O(a) per step; stops early (u then within 10^-30 of its value at n)
/// once P(T > t) < 10^-30 from every z (the bound t* of ruinDurationLaw()). Tends to
/// ruinCurve() as n → ∞. Errors: TooLarge (parameter "steps") when (a − 1)·min(n, t*) >
/// kMaxTransferWork, with the figure.
Expected<std::vector<double>> ruinCurveWithin(std::int64_t a, double p, double q, std::int64_t n);

/// The parity every possible duration T shares, or −1 when both occur: without lazy steps
/// (r < 4 ulps) ruin takes z + 2j steps and a win a − z + 2j, so when a is even every T ≡ z
/// (mod 2) and this returns z mod 2; −1 for a lazy walk or an odd a. For drawing a histogram
/// of T over its possible times only.
int ruinDurationParity(std::int64_t z, std::int64_t a, double p, double q);

/// Most cell updates (states × steps) of the transfer matrix per call: about 1 s.
inline constexpr double kMaxTransferWork = 1e9;

/// The law of the duration, split by outcome, over the bins of a TimeBins.
struct RuinDurationLaw {
    std::vector<double> ruin;         ///< P(T in bin i, ruin); bins.bins() values
    std::vector<double> win;          ///< P(T in bin i, win); bins.bins() values
    double beyond = 0;                ///< P(T > n), n = the last time of the last bin
    double ruinBy = 0;                ///< P(T ≤ n, ruin) = Σ ruin
    double winBy = 0;                 ///< P(T ≤ n, win) = Σ win
    double truncatedMean = 0;         ///< E[min(T, n)], in steps
};

/// The duration law by the transfer matrix (Feller vol. I, §XIV.4 sets up the same
/// difference equations): v_t(x) = P(T > t, X_t = x) on the interior x = 1 … a − 1,
/// v_0 = δ_z, v_{t+1}(x) = p v_t(x − 1) + r v_t(x) + q v_t(x + 1) (v = 0 at 0 and a);
/// P(T = t + 1, ruin) = q v_t(1), P(T = t + 1, win) = p v_t(a − 1), P(T > t) = Σ_x v_t(x)
/// (a sum of positive terms, never 1 − a cdf). O(a) per step, O(a) memory besides the bins.
/// Once P(T > t) < 10^-30 the iteration stops and that remainder is put in `beyond`: so
/// Σ ruin + Σ win + beyond = 1 up to rounding, every bin is exact to 10^-30 absolute (later
/// bins are 0) and `beyond` is P(T > n) or, if smaller than 10^-30, a value below 10^-30.
/// Start at a barrier (z = 0 or a): T = 0, all bins 0, beyond 0, truncatedMean 0.
/// Bins: those of the simulation, TimeBins::logarithmic(1, n) (core/stats/TimeBins.h), so
/// that simulated and exact durations are counted in the same bins.
/// Preconditions: as above, bins.lower(0) = 1 (T ≥ 1 from an interior z).
/// Errors: TooLarge (parameter "steps") when (a − 1)·min(n, t*) > kMaxTransferWork, t* the
/// time by which P(T > t) is certainly below 10^-30 (from the largest eigenvalue
/// r + 2√(pq)·cos(π/a) of the matrix, Feller vol. I §XIV.5); the message gives the figure.
Expected<RuinDurationLaw> ruinDurationLaw(std::int64_t z, std::int64_t a, double p, double q,
                                          const TimeBins& bins);

// Reflecting barriers: a step that would leave {0, …, a} is not taken (the walk stays put):
// from 0 it moves to 1 with probability p and stays with q + r, from a it moves to a − 1 with
// q and stays with p + r (the reflecting barriers of Feller vol. I, §XIV.1 and of the
// random-walk examples of ch. XV). Aperiodic (the barriers allow staying); irreducible when
// p > 0 and q > 0.

/// Stationary law π_x ∝ (p/q)^x, x = 0 … a (a + 1 values): detailed balance π_x p = π_{x+1} q
/// holds for every x including the barriers, with this convention; uniform 1/(a + 1) when
/// p = q; all mass at a when q = 0, at 0 when p = 0. Computed as
/// π_x = e^{μx}·expm1(μ)/expm1(μ(a + 1)), μ = log(p/q) < 0 (mirrored for μ > 0).
std::vector<double> reflectingStationaryLaw(std::int64_t a, double p, double q);

/// P(X_n = x), x = 0 … a (a + 1 values), for the walk with reflecting barriers started at z.
/// Method: n steps of the transfer matrix when (a + 1)·n ≤ kMaxTransferWork; otherwise the
/// n-th power of the (a + 1)² matrix by repeated squaring (all entries are positive sums: no
/// cancellation; rows renormalised to 1 after each squaring, since rounding errors of the
/// eigenvalue 1 would double with each) when (a + 1)³·2·log2(n) ≤ kMaxTransferWork. Accuracy:
/// a few ulps per step, 10^-13 absolute in general; a walk that rarely moves (r near 1) keeps
/// fewer digits of the small moved mass through the squarings (≈ 10^-11 absolute at
/// p = q = 10^-8, n = 3·10^8).
/// Errors: TooLarge (parameter "steps") otherwise, with the figure.
Expected<std::vector<double>> reflectingPositionLaw(std::int64_t z, std::int64_t a, double p, double q,
                                                    std::int64_t steps);

}  // namespace walklab::core
