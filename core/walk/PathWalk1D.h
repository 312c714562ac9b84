// Monte Carlo of the whole path of the 1D walk: first passage to a level, first return,
// number of returns, time positive, last zero and maximum, walker by walker in one pass.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"
#include "core/stats/TimeBins.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters of a path experiment: M independent walkers start at 0 and take n steps of
/// +1 (probability p), −1 (q) or 0 (r = 1 − p − q); times that can be infinite are capped at n.
struct PathWalk1DParams {
    std::int64_t steps = 1000;      ///< n, the horizon and the cap of waiting times; 1 … 10^9
    std::int64_t walkers = 100000;  ///< M; 1 … 10^9
    double p = 0.5;                 ///< P(step = +1); 0 … 1
    double q = 0.5;                 ///< P(step = −1); 0 … 1 − p
    std::int64_t level = 10;        ///< k of the first passage T_k; −10^9 … 10^9, not 0
    std::uint64_t seed = 1;         ///< any 64-bit value; same seed, same result
    std::int64_t paths = 5;         ///< sample paths kept; 0 … min(1000, walkers)
};

/// Largest walkers × steps of one run: 10^10 steps, a few minutes. (Steps are taken in bulk
/// only away from 0, the maximum and the level: a drifting walk sits at its maximum and takes
/// single steps, about 2·10^7 per second on 2 cores.)
inline constexpr double kMaxPathWork = 1e10;

/// Checks every field; one Error per bad field ("level = 0: must be a nonzero integer between
/// −10^9 and 10^9"; p = q = 0 is refused, naming q: the walker would never move), empty when
/// all are valid. Then refuses (TooLarge, parameter "walkers", with the figure) a run of more
/// than kMaxPathWork steps.
Errors validate(const PathWalk1DParams& params);

/// Counts of one waiting time (T_k, or the first-return time T_0) over the walkers.
struct WaitingTimeCounts {
    TimeBins bins;                       ///< times 1 … n: TimeBins::logarithmic(1, n)
    std::vector<std::uint64_t> counts;   ///< counts[i]: walkers whose time lies in bin i
    std::uint64_t notArrived = 0;        ///< walkers whose time exceeds n (never seen by n)
};

/// Counts of one time in 0 … n (the time positive P_n, the last zero L_n).
struct OccupationCounts {
    TimeBins bins;                       ///< times 0 … n: TimeBins::linear(n)
    std::vector<std::uint64_t> counts;   ///< counts[i]: walkers whose time lies in bin i
};

/// What simulatePathWalk1D() returns. Every count sums to params.walkers.
struct PathWalk1DSimulation {
    WaitingTimeCounts passage;       ///< T_k = min{t ≥ 1 : S_t = k}
    WaitingTimeCounts firstReturn;   ///< T_0 = min{t ≥ 1 : S_t = 0}
    IntegerHistogram returns;        ///< R_n = #{1 ≤ t ≤ n : S_t = 0}
    OccupationCounts timePositive;   ///< P_n, Feller's convention (see timePositiveLaw)
    OccupationCounts lastZero;       ///< L_n = max{t ≤ n : S_t = 0} (0 if no return)
    IntegerHistogram maximum;        ///< M_n = max_{t ≤ n} S_t
    std::vector<std::int64_t> pathTimes;            ///< pathSampleTimes(n)
    /// paths[i][j]: position of walker i (i < params.paths) at time pathTimes[j].
    std::vector<std::vector<std::int64_t>> paths;
    double seconds = 0;              ///< wall-clock time
    unsigned threads = 0;            ///< worker threads used
};

/// Simulates M walks of n steps and records, for each, T_k (or "not by n"), T_0 (or "not by
/// n"), R_n, P_n, L_n and M_n.
///
/// Randomness exactly as simulateWalk1D(): blocks of walkersPerBlock1D(n, p, q) walkers, block b draws
/// from makeStream(seed, b), steps through detail::StepSampler1D, so the result depends on the
/// parameters alone, not on the thread count, and walker w takes the same steps as walker w of
/// simulateWalk1D() with the same n, p, q, seed.
/// Steps are taken in bulk: from S ≠ 0 with running maximum M, before T_k, the next
///   c = min(|S|, M + 1 − S, |k − S|, steps left, steps to the next kept path time)
/// steps cannot reach 0, a new maximum or k before their last step, and every one of them
/// counts positive iff S > 0 (the step from ±1 to 0 included); after T_k the term |k − S| is
/// dropped. At S = 0 one step is taken. advance(c) draws the same steps as c single calls.
///
/// Memory: the bins (at most a few thousand each) per worker, and the kept paths (≤ 2001
/// points each); refused up front (TooLarge) if above kMemoryLimitBytes.
/// Errors: InvalidParameter (see validate()), TooLarge, Cancelled. Progress in steps.
Expected<PathWalk1DSimulation> simulatePathWalk1D(const PathWalk1DParams& params, RunControl& control);

}  // namespace walklab::core
