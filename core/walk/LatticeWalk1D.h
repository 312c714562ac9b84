// Monte Carlo simulation of the biased, lazy simple random walk on the integers.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"
#include "core/walk/WalkND.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters of a 1D walk experiment: M independent walkers start at 0 and take n steps
/// of +1 (probability p), −1 (probability q) or 0 (probability r = 1 − p − q).
struct Walk1DParams {
    std::int64_t steps = 100;        ///< n, number of steps; 1 … 10^9
    std::int64_t walkers = 100000;   ///< M, number of independent walkers; 1 … 10^9
    double p = 0.5;                  ///< P(step = +1); 0 … 1
    double q = 0.5;                  ///< P(step = −1); 0 … 1 − p
    std::uint64_t seed = 1;          ///< any 64-bit value; same seed, same result
    std::int64_t paths = 20;         ///< sample paths kept for display; 0 … min(1000, walkers)
};

/// Largest number of points kept per sample path (see pathSampleTimes()).
inline constexpr std::int64_t kMaxPathPoints = 2001;

/// Checks every field; returns one Error per bad field (empty when all are valid), each
/// naming the field, its value and the allowed range. When they are valid, a TooLarge error on
/// walkers if the run would take over about 10 minutes on one thread (detail::workCheck: the
/// tracked walkers × n at 5·10^10 steps/s when p = q = 1/2, else 2·10^9).
Errors validate(const Walk1DParams& params);

/// Times at which kept paths are recorded: all of 0 … n when n < kMaxPathPoints, otherwise
/// kMaxPathPoints times t_j = round(j·n / (kMaxPathPoints − 1)), j = 0 … kMaxPathPoints − 1.
/// Each recorded value is the exact position at that time (decimation by sampling, not by
/// averaging), so a decimated path is itself a sample of the walk observed at coarser times.
std::vector<std::int64_t> pathSampleTimes(std::int64_t steps);

/// What simulateWalk1D() returns.
struct Walk1DSimulation {
    IntegerHistogram endpoints;             ///< counts of S_n over the M walkers
    std::vector<std::int64_t> pathTimes;    ///< pathSampleTimes(n)
    /// paths[i][j]: position of walker i (i < params.paths) at time pathTimes[j].
    std::vector<std::vector<std::int64_t>> paths;
    /// The first trackedWalkers(M) walkers observed at observationTimes(n): Σ S_t², Σ S_t⁴ and
    /// the number returned to 0 by t (no distinct sites; endSquared/endFourth not filled).
    WalkObservations observed;
    double seconds = 0;                     ///< wall-clock time of the simulation
    unsigned threads = 0;                   ///< worker threads used
};

/// Simulates M walks of n steps.
///
/// Randomness: the tracked walkers (below) are grouped in blocks of walkersPerBlock1D(n, p, q)
/// consecutive walkers, the others in blocks of 2^14 after them; block b draws from
/// makeStream(seed, b) only, walkers in order, so the histogram and the paths depend on the
/// parameters alone, not on control.threads() nor on the CPU level.
/// Tracked walkers (the first trackedWalkers(M), which include the kept ones) walk step by
/// step through detail::StepSampler1D: the symmetric walk (p = q = 1/2) uses one random bit
/// per step, 64 per word counted by popcount; otherwise steps are drawn 64 at a time by the
/// bit-sliced comparison of uniforms with ⌊p·2^64⌋ and ⌊p·2^64⌋ + ⌊q·2^64⌋ (SlicedBernoulli),
/// so p and q are honoured to 2^-64. They are stopped at the observation times, and stepped
/// one at a time only when within one step of 0 (from |S_t| = D no return is possible within
/// D − 1 steps, which are taken at once) to find their first return; this does not change
/// their steps. Kept paths are walkers 0 … paths−1; recording them changes no walker's steps.
/// The other walkers contribute only S_n, so they take the endpoint shortcut: S_n drawn from
/// its law by detail::EndpointSampler1D (U ~ Binomial(n, p), and D ~ Binomial(n − U, q/(1 − p))
/// when lazy, S_n = U − D; Hörmann's BTRD, exact in law for p and q as doubles), 4096 walkers
/// per call, at a cost independent of n.
///
/// Errors: InvalidParameter, TooLarge (see validate()), Cancelled. Progress is reported in steps.
Expected<Walk1DSimulation> simulateWalk1D(const Walk1DParams& params, RunControl& control);

/// Steps of one random block of walkers: 2^22, about 1 ms of a step-by-step sampler at a few
/// 10^9 steps/s (the biased 1D walk, 3D); see walkersPerBlock1D() for the symmetric 1D walk.
inline constexpr std::int64_t kStepsPerBlock = std::int64_t(1) << 22;

/// Walkers per random block for n steps: about stepsPerBlock steps per block, at least 1 walker
/// (⌊stepsPerBlock / n⌋, or 1 when n > stepsPerBlock).
std::int64_t walkersPerBlock(std::int64_t steps, std::int64_t stepsPerBlock = kStepsPerBlock);

/// The blocks of the 1D walk (simulateWalk1D() and simulatePathWalk1D(), so that both draw the
/// same walkers): walkersPerBlock(n, 2^24) for the symmetric walk p = q = 1/2, whose one bit per
/// step runs at about 1.5·10^11 steps/s (blocks of ~0.1 ms: with 2^22 steps a block took 25 µs and
/// a 2-thread run spent several % folding the blocks' sums, issue 6), walkersPerBlock(n) otherwise.
std::int64_t walkersPerBlock1D(std::int64_t steps, double p, double q);

}  // namespace walklab::core
