// Monte Carlo simulation of the simple random walk on Z² and Z³ with per-direction weights and a
// pause (lazy) probability.
#pragma once

#include "core/exact/StepLaw.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/walk/WalkND.h"

#include <array>
#include <cstdint>

namespace walklab::core {

/// Names of the six step directions +e₁, −e₁, +e₂, −e₂, +e₃, −e₃, as parameters and in messages.
inline constexpr std::array<const char*, 6> kDirectionNames{"east", "west", "north", "south", "up", "down"};

/// M walkers start at the origin of Z^d and take n steps: to the neighbour ±e_i with probability
/// (1 − r)·w_±i / Σ w (the weights of the 2d directions, normalised), or stay with probability r.
struct LatticeWalkParams {
    int dimension = 2;               ///< d: 2 or 3
    std::int64_t steps = 1000;       ///< n: 1 … 10^7
    std::int64_t walkers = 10000;    ///< M: 1 … 10^9
    /// Relative weights of east (+x), west (−x), north (+y), south (−y), up (+z), down (−z); the
    /// first 2d are used: each 0 … 10^6, not all 0. Equal weights give the simple walk.
    std::array<double, 6> weights{1, 1, 1, 1, 1, 1};
    double lazy = 0.0;               ///< r = P(stay): 0 ≤ r < 1
    std::uint64_t seed = 1;          ///< any 64-bit value; same seed, same result
    std::int64_t paths = 20;         ///< sample paths kept: 0 … min(1000, walkers)
};

/// Largest n of a 2D or 3D walk.
inline constexpr std::int64_t kMaxStepsND = 10'000'000;
/// Largest direction weight.
inline constexpr double kMaxDirectionWeight = 1e6;

/// Checks every field; one Error per bad field, naming it, its value and the allowed range
/// ("east = -1: must be between 0 and 10^6"). All weights 0 is reported on the first one.
Errors validate(const LatticeWalkParams& params);

/// The step law of the walk (StepLaw::simple with the weights and r). Precondition: valid params.
StepLaw latticeStepLaw(const LatticeWalkParams& params);

/// True when the walk uses the 45° rotation: d = 2, r = 0 and all four weights equal.
bool usesRotation(const LatticeWalkParams& params);

/// Simulates M walks of n steps (see detail::runWalkers for what is observed and when).
///
/// Randomness: the tracked walkers are cut into blocks of walkersPerBlock(n) consecutive walkers,
/// the others into blocks of 2^14 after them; block b draws from makeStream(seed, b, domain)
/// only, so the result depends on the parameters alone. A step takes
/// one 64-bit draw u and is outcome j for the cumulative thresholds c_{j−1} ≤ u < c_j,
/// c_j = ⌊2^64·(p₀ + … + p_j)⌋ (probabilities honoured to 2^-64). The symmetric walk on Z²
/// (usesRotation()) is rotated by 45°: u = x + y and v = x − y are independent fair ±1 walks
/// (the classical rotation behind the product form in latticeDistribution()), each drawn one
/// bit per step with popcount from its own stream (domains 0 and 1), 64 steps per draw.
/// The simple symmetric walk on Z³ (six equal weights, r = 0) takes ~40 steps per draw: axes from
/// the base-3 digits of random bytes, signs one bit per step (detail::CubicWalk, domains 0 … 3).
/// Walkers that are not tracked (beyond trackedWalkers(M); kept paths are always tracked) take
/// no steps: their S_n is drawn from its exact law by detail::EndpointSamplerND (binomials, at a
/// cost independent of n), 4096 walkers per call, from the block's first stream.
///
/// Endpoints are counted over the box mean ± 6 sd per axis (within reach), one site per cell
/// when the box has at most kMaxGridCells sites, otherwise in b×b(×b) cells (b even for walks
/// without pause, which live on a parity sublattice); |S_n| in kRadialBins bins up to
/// min(n, |mean| + 4.5·√(Σ variances)).
///
/// Errors: InvalidParameter (validate()), TooLarge (memory over 2 GiB, with the figure),
/// Cancelled. Progress is reported in steps.
Expected<WalkNDSimulation> simulateLatticeWalk(const LatticeWalkParams& params, RunControl& control);

}  // namespace walklab::core
