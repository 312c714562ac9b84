// Independent thinning of a homogeneous Poisson process: each arrival is kept with probability p.
#pragma once

#include "core/exact/PoissonLaws.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters: M realisations on [0, T] of a rate-λ process whose arrivals are each kept with
/// probability p, independently. The kept and the removed arrivals are independent Poisson
/// processes of rates pλ and (1 − p)λ (Kingman, "Poisson Processes", 1993, §5.1, Colouring
/// Theorem; Ross, "Introduction to Probability Models", Proposition 5.2).
struct IndependentThinningParams {
    double rate = 5.0;                  ///< λ, events per time unit; > 0 and ≤ 10^6
    double keep = 0.3;                  ///< p, probability of keeping an arrival; 0 … 1
    double horizon = 10.0;              ///< T, time units; > 0 and ≤ 10^6, with λ·T ≤ 10^9
    std::int64_t realisations = 100000; ///< M; 1 … 10^9
    std::uint64_t seed = 1;             ///< any 64-bit value
    std::int64_t paths = 20;            ///< realisations kept for display; 0 … min(1000, M)
};

Errors validate(const IndependentThinningParams& params);

/// What simulateIndependentThinning() returns; samples in realisation order.
struct IndependentThinningSimulation {
    IntegerHistogram kept;     ///< kept count K(T); law Poisson(pλT)
    IntegerHistogram removed;  ///< removed count R(T); law Poisson((1 − p)λT), independent of K(T)

    /// Sample covariance of K(T) and R(T) over the M realisations (exact integer sums, so it
    /// does not depend on the thread count); 0 in law. 0 when M < 2.
    double covariance = 0;

    /// arrivals[i], i < paths: all arrival times in [0, T] of the original process (at most
    /// kMaxPathArrivals); keptFlags[i][j] is 1 when arrivals[i][j] was kept.
    std::vector<std::vector<double>> arrivals;
    std::vector<std::vector<std::uint8_t>> keptFlags;
    std::vector<std::int64_t> pathCounts;  ///< N_i(T) (kept + removed) of each kept realisation

    /// Kept arrival times of realisations 0 … sampleRealisations − 1, concatenated. Given
    /// K(T) = k they are k i.i.d. Uniform(0, T) points (a Poisson process's order-statistics
    /// property), so together with the Poisson law of K(T) they show the kept process is Poisson
    /// of rate pλ. sampleRealisations = min(M, ⌈kMaxPoissonSample/(pλT + 1)⌉).
    /// At most kMaxPoissonSample times: beyond that (pλT + 1 above it) the first kept times of
    /// realisation 0, no longer uniform, and keptTimesTruncated is set (the fit then skips them).
    std::vector<double> keptTimes;
    std::int64_t sampleRealisations = 0;
    bool keptTimesTruncated = false;

    double seconds = 0;
    unsigned threads = 0;
};

/// Simulates the process by exponential gaps and keeps each arrival when a uniform U < p, all
/// from makeStream(seed, b, 5) for block b of detail::realisationsPerBlock(λT + 1) realisations.
/// Errors: InvalidParameter, TooLarge (memory over 2 GiB or M·(λT + 1) events above
/// kMaxPoissonWork), Cancelled.
Expected<IndependentThinningSimulation> simulateIndependentThinning(const IndependentThinningParams& params,
                                                                    RunControl& control);

/// Goodness of fit against the exact laws.
struct IndependentThinningFits {
    ChiSquaredResult kept;                 ///< against Poisson(pλT)
    ChiSquaredResult removed;              ///< against Poisson((1 − p)λT)
    KolmogorovSmirnovResult keptTimes;     ///< against Uniform(0, T)
    /// Sample correlation of K(T) and R(T) (0 when either is constant) and its standard error
    /// under independence, 1/√M.
    double correlation = 0;
    double correlationStandardError = 0;
};

IndependentThinningFits fitIndependentThinning(const IndependentThinningParams& params,
                                               const IndependentThinningSimulation& simulation);

}  // namespace walklab::core
