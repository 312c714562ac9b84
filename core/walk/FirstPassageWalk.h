// First-return and first-passage times of the 1D walk with a cap: each walker stops at arrival.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/TimeBins.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters: M independent walkers start at 0 and take steps of +1 (probability p), −1 (q)
/// or 0 (r = 1 − p − q) until they reach the level k (k = 0: their first return to 0) or the
/// cap n, whichever comes first.
struct FirstPassageParams {
    std::int64_t steps = 1000;      ///< n, the cap; 1 … 10^9
    std::int64_t walkers = 100000;  ///< M; 1 … 10^9
    double p = 0.5;                 ///< P(step = +1); 0 … 1
    double q = 0.5;                 ///< P(step = −1); 0 … 1 − p
    std::int64_t level = 0;         ///< k; −10^9 … 10^9; 0 = first return
    std::uint64_t seed = 1;         ///< any 64-bit value; same seed, same result
    std::uint32_t domain = 0;       ///< stream domain of makeStream(seed, block, domain)
};

/// Checks every field; one Error per bad field, naming it, its value and the allowed range
/// ("level = 2000000000: must be between −10^9 and 10^9"); empty when all are valid.
Errors validate(const FirstPassageParams& params);

/// What simulateFirstPassage() returns: the law of T ∧ n over the M walkers, where
/// T = T_k = min{t ≥ 1 : S_t = k} (T_0: the first return time).
struct FirstPassageSimulation {
    TimeBins bins;                      ///< arrival times 1 … n: TimeBins::logarithmic(1, n)
    std::vector<std::uint64_t> counts;  ///< counts[i]: walkers with T in bin i (bins.bins() values)
    std::uint64_t notArrived = 0;       ///< walkers with T > n; Σ counts + notArrived = M
    /// Σ over the walkers of min(T, n): the steps of a walker-by-walker simulation that stops
    /// at arrival (the "equivalent steps" of the benchmarks).
    std::uint64_t equivalentSteps = 0;
    /// Steps actually drawn: ≤ equivalentSteps, as a walker is stopped as soon as its distance
    /// to k exceeds the steps left, or as soon as it is known never to arrive (see below).
    std::uint64_t drawnSteps = 0;
    double seconds = 0;                 ///< wall-clock time
    unsigned threads = 0;               ///< worker threads used
};

/// Simulates M walkers, each until T_k or n.
///
/// Method: at distance D = |k − S_t| > 0 no arrival is possible before D more steps, so the
/// next D steps are taken at once by detail::StepSampler1D::advance(D) (one random bit per
/// step for p = q = 1/2, 64 per word by popcount; otherwise bit-sliced Bernoulli trials, p and
/// q honoured to 2^-64), and the walker has arrived iff it stands at k afterwards; at D = 0
/// (t = 0, k = 0) one step is taken (a lazy step at 0 is a return at t = 1). A walker with
/// D > n − t is counted as not arrived without drawing its remaining steps.
/// A walker on the side of k where the drift points away from k (probabilities a > b of the
/// steps away from and towards k) reaches k with probability (b/a)^D (Feller vol. I, §XIV.2):
/// one uniform U (53 bits) decides it; if U ≥ (b/a)^D it never arrives, otherwise it walks on
/// as the walk conditioned to reach k, which is the same walk with p and q exchanged (Doob's
/// h-transform with h(x) = (b/a)^|k − x|: b·h(x ∓ 1)/h(x) = a, r unchanged), drawn by a second
/// StepSampler1D(q, p) — exact in law, and a walker drifting away costs O(1) instead of ~n steps.
/// The number of advance() calls per walker is then about log n for the symmetric walk, whose
/// E[min(T_0, n)] = √(8n/π) (Feller vol. I, §III.3), and smaller with a drift. A very lazy walk
/// (small p + q) takes about 1/((p + q)·D) calls per move at distance D: for k ≠ 0 up to n/|k|
/// calls per walker (p = q = 0 is answered at once: T_0 = 1, T_k = ∞).
///
/// Randomness: blocks of kFirstPassageWalkersPerBlock consecutive walkers; block b draws from
/// makeStream(seed, b, domain) only, walkers in order, and counts are summed, so the result is
/// a function of the parameters alone (not of control.threads() nor of the CPU level).
/// Memory: the bins (at most kMaxUnitTimeBins counts) once per worker — never in M.
/// Progress in equivalent steps (M·n in all; a stopped walker reports its remaining steps).
/// Errors: InvalidParameter (see validate()), Cancelled.
Expected<FirstPassageSimulation> simulateFirstPassage(const FirstPassageParams& params, RunControl& control);

/// Walkers per random block of simulateFirstPassage(). Small, because a block's cost varies
/// much (each walker's min(T, n) is heavy-tailed): 10^5 walkers make 98 blocks (25 with 4096),
/// so the threads' last blocks end closer together.
inline constexpr std::int64_t kFirstPassageWalkersPerBlock = 1024;

}  // namespace walklab::core
