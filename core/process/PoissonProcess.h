// Monte Carlo of the homogeneous Poisson process on [0, T], simulated in two independent ways.
#pragma once

#include "core/exact/PoissonLaws.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"

#include <array>
#include <cstdint>
#include <vector>

namespace walklab::core {

/// How realisations are drawn. Both give the same law (the tests check it); the stream of a
/// seed differs between them.
enum class PoissonMethod {
    /// Arrivals S_i = X_1 + … + X_i with i.i.d. Exponential(λ) gaps X_i, until S_i > T
    /// (Ross, "Introduction to Probability Models", §5.3).
    ExponentialGaps,
    /// N(T) ~ Poisson(λT) (Boost's PTRD sampler, Hörmann 1993), then the N(T) arrival times are
    /// the order statistics of N(T) i.i.d. Uniform(0, T) points (Ross, ibid., Theorem 5.2).
    OrderStatistics,
};

/// Key (for files and the command line) and display name of a method; the UI fills its combo
/// box from kPoissonMethods and translates `name`.
struct PoissonMethodName {
    PoissonMethod method;
    const char* key;
    const char* name;
};
inline constexpr std::array<PoissonMethodName, 2> kPoissonMethods{{
    {PoissonMethod::ExponentialGaps, "gaps", "Exponential gaps"},
    {PoissonMethod::OrderStatistics, "order-statistics", "Poisson count and uniform order statistics"},
}};

/// Parameters of the homogeneous Poisson-process experiment: M independent realisations of a
/// process of rate λ observed on [0, T].
struct PoissonParams {
    double rate = 2.0;                 ///< λ, events per time unit; > 0 and ≤ 10^6
    double horizon = 10.0;             ///< T, time units; > 0 and ≤ 10^6, with λ·T ≤ 10^9
    std::int64_t realisations = 100000;///< M, independent realisations; 1 … 10^9
    std::int64_t arrival = 5;          ///< k of the waiting time S_k to the k-th arrival; 1 … 10^6
    double memoryTime = 0.5;           ///< s of the memorylessness sample (wait beyond s given
                                       ///< no event by s); 0 … 10^6 time units
    PoissonMethod method = PoissonMethod::ExponentialGaps;
    std::uint64_t seed = 1;            ///< any 64-bit value; same seed, same result
    std::int64_t paths = 20;           ///< realisations kept for display; 0 … min(1000, M)
};

/// Checks every field; one Error per bad field (empty when all are valid), each naming the
/// field, its value and the allowed range, e.g. "rate = -1: must be greater than 0 and at
/// most 10^6".
Errors validate(const PoissonParams& params);

/// Bytes a run would hold at its peak with `workers` threads: kept paths, the sample vectors
/// with the sorted copies the fits make, and for OrderStatistics one buffer of about
/// λT + 10√(λT) + 10 arrival times per worker.
double memoryNeeded(const PoissonParams& params, unsigned workers);

/// What simulatePoisson() returns. Every sample is in realisation order, so it depends on the
/// parameters only, never on the thread count.
struct PoissonSimulation {
    IntegerHistogram counts;  ///< N(T) over the M realisations; law Poisson(λT)

    /// arrivals[i], i < paths: the arrival times in [0, T] of realisation i, increasing, the
    /// first min(N_i(T), kMaxPathArrivals) of them. pathCounts[i] = N_i(T), possibly larger.
    std::vector<std::vector<double>> arrivals;
    std::vector<std::int64_t> pathCounts;

    /// Interarrival times X_1, …, X_{N(T)+1} of realisations 0 … gapRealisations − 1,
    /// concatenated. The last gap of each realisation is the one that crosses T, drawn to its
    /// end: with it the pooled gaps follow Exponential(λ) exactly (the expected number in dx
    /// is (1 + λT)·λe^{−λx}dx by Wald's identity), whereas gaps ending inside [0, T] alone are
    /// biased towards short ones. The gaps of one realisation are not independent of their
    /// number, but the centred empirical counts are a martingale stopped at N(T) + 1, so the
    /// pooled KS statistic still has the Kolmogorov law asymptotically (the tests confirm it).
    /// gapRealisations = min(M, ⌈kMaxPoissonSample/(λT + 1)⌉). At most kMaxPoissonSample gaps
    /// are kept: with λT + 1 above it, only the first gaps of realisation 0 (then i.i.d.
    /// Exponential(λ) exactly), and interarrivalsTruncated is set.
    std::vector<double> interarrivals;
    std::int64_t gapRealisations = 0;
    bool interarrivalsTruncated = false;

    /// S_k, the time of the k-th arrival, of realisations 0 … sampleRealisations − 1
    /// (index = realisation); S_k may exceed T (the process is continued beyond T). Law
    /// Gamma(k, 1/λ) (Erlang). sampleRealisations = min(M, kMaxPoissonSample).
    std::vector<double> kthArrivals;
    std::int64_t sampleRealisations = 0;

    /// S_1 − s for the realisations i < sampleRealisations with no arrival in [0, s]
    /// (S_1 > s), in realisation order. By memorylessness their law is Exponential(λ) again;
    /// expect about sampleRealisations·e^{−λs} values (possibly none).
    std::vector<double> residualWaits;

    double seconds = 0;       ///< wall-clock time of the simulation
    unsigned threads = 0;     ///< worker threads used
};

/// Simulates M realisations of a rate-λ Poisson process on [0, T] by params.method.
///
/// Randomness: realisations are grouped in blocks of detail::realisationsPerBlock(max(λT, k) + 1)
/// consecutive realisations; block b draws from makeStream(seed, b) only, realisations in order,
/// so the result depends on the parameters alone. Realisations 0 … sampleRealisations − 1 also
/// draw what their samples need (arrival times, the continuation beyond T); later ones draw only
/// what their count needs (for OrderStatistics, N(T) alone). Exponentials are −ln U in bulk
/// (detail::unitExponentials: the same bits at every CpuLevel), uniforms the top 53 bits of one
/// 64-bit draw. ExponentialGaps works in unit time: S_i = (X'_1 + … + X'_i)/λ with unit
/// exponentials X'_i and N(T) = #{i : X'_1 + … + X'_i ≤ λT}; once nothing but the count is left
/// to record, gaps are summed eight at a time while the sum stays ≤ λT (a fixed order of
/// additions, so the result is still a function of the seed alone). Beyond T (the crossing gap, S_k
/// for k > N(T), S_1 when N(T) = 0) both methods continue with fresh Exponential(λ) gaps, which
/// by the strong Markov property is the process itself.
///
/// Errors: InvalidParameter (see validate()), TooLarge (memoryNeeded() above 2 GiB, or expected
/// work M·(λT + 1) above kMaxPoissonWork events, with the figure), Cancelled. Progress is reported in events (about M·(λT + 1) in all).
Expected<PoissonSimulation> simulatePoisson(const PoissonParams& params, RunControl& control);

/// Goodness of fit of a simulation against its exact laws.
struct PoissonFits {
    ChiSquaredResult counts;                ///< N(T) against Poisson(λT)
    KolmogorovSmirnovResult interarrivals;  ///< against Exponential(λ)
    KolmogorovSmirnovResult kthArrivals;    ///< against Gamma(k, 1/λ)
    KolmogorovSmirnovResult residualWaits;  ///< against Exponential(λ); p = 1 when empty
};

/// Runs the four tests (chi-squared with pooling to ≥ 5 expected; Kolmogorov–Smirnov).
PoissonFits fitPoisson(const PoissonParams& params, const PoissonSimulation& simulation);

/// Parameters of the counting experiment: M repetitions of "how many events fall in the window
/// (s, s + t]" of a rate-λ process started at 0.
struct PoissonCountingParams {
    double rate = 2.0;                 ///< λ, events per time unit; > 0 and ≤ 10^6
    double windowStart = 0.0;          ///< s, time units; 0 … 10^6
    double window = 1.0;               ///< t, window length, time units; > 0 and ≤ 10^6,
                                       ///< with λ·(s + t) ≤ 10^9
    std::int64_t repetitions = 100000; ///< M; 1 … 10^9
    std::uint64_t seed = 1;            ///< any 64-bit value
};

Errors validate(const PoissonCountingParams& params);

/// What simulatePoissonCounting() returns.
struct PoissonCountingSimulation {
    IntegerHistogram counts;  ///< N(s + t) − N(s) over the M repetitions; law Poisson(λt) for every s
    double seconds = 0;
    unsigned threads = 0;
};

/// Simulates each repetition by exponential gaps from time 0 and counts the arrivals in
/// (s, s + t], so the Poisson(λt) law observed for any s shows the stationary increments.
/// Randomness as simulatePoisson() (blocks by λ(s + t) + 1 events, makeStream(seed, b, 1)).
/// Errors: InvalidParameter, Cancelled.
Expected<PoissonCountingSimulation> simulatePoissonCounting(const PoissonCountingParams& params,
                                                            RunControl& control);

}  // namespace walklab::core
