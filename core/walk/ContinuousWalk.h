// Monte Carlo simulation of walks with continuous steps in the plane and in space: Pearson's
// walk (unit steps in uniformly random directions) and Gaussian steps.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/walk/WalkND.h"

#include <cstdint>

namespace walklab::core {

/// The law of one step X ∈ R^d. Both have E X = 0 and E|X|² = 1, so E|S_n|² = n for both and
/// for the simple lattice walk alike.
enum class ContinuousStep {
    Pearson,   ///< |X| = 1, direction uniform on the circle / sphere (Pearson 1905)
    Gaussian,  ///< X ~ N(0, I/d): each coordinate has variance 1/d (unit variance per step)
};

/// M walkers start at the origin of R^d and take n i.i.d. steps of the given law.
struct ContinuousWalkParams {
    int dimension = 2;               ///< d: 2 or 3
    ContinuousStep step = ContinuousStep::Pearson;
    std::int64_t steps = 1000;       ///< n: 1 … 10^7
    std::int64_t walkers = 10000;    ///< M: 1 … 10^9
    std::uint64_t seed = 1;          ///< any 64-bit value; same seed, same result
    std::int64_t paths = 20;         ///< sample paths kept: 0 … min(1000, walkers)
};

/// Checks every field; one Error per bad field, naming it, its value and the allowed range.
Errors validate(const ContinuousWalkParams& params);

/// Simulates M walks of n steps (see detail::runWalkers for what is observed and when; no
/// returns or distinct sites: a continuous walk revisits a point with probability 0).
///
/// Steps, drawn from makeStream(seed, block) of walkersPerBlock(n) walkers per block (Gaussian
/// walks: the walkers that are not tracked in blocks of 2^14 after the tracked ones), in bulk by
/// detail::ContinuousSteps (core/walk/detail/ContinuousSteps.h: the formulas and words per step):
///  - Pearson, d = 2: angle θ uniform, X = (cos θ, sin θ);
///  - Pearson, d = 3: z uniform on (−1, 1), θ uniform, X = (√(1 − z²) cos θ, √(1 − z²) sin θ, z)
///    (Archimedes: z of a uniform point on the sphere is uniform on [−1, 1]);
///  - Gaussian: X = Z/√d with Z standard normal (Box–Muller); the walkers that are not tracked
///    (beyond trackedWalkers(M)) take no steps: S_n = √n·X ~ N(0, (n/d)·I) is drawn at once (a
///    sum of independent normals is normal).
/// Endpoints are counted in a box ±6√(n/d) per axis, 512 cells across in 2D and 96 in 3D;
/// |S_n| in kRadialBins bins up to min(n, 4.5√n) (Pearson: |S_n| ≤ n), 4.5√n (Gaussian).
///
/// Errors: InvalidParameter (validate()), TooLarge (memory over 2 GiB), Cancelled.
Expected<WalkNDSimulation> simulateContinuousWalk(const ContinuousWalkParams& params, RunControl& control);

}  // namespace walklab::core
