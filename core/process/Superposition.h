// Superposition of two independent homogeneous Poisson processes, simulated side by side.
#pragma once

#include "core/exact/PoissonLaws.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters: M realisations on [0, T] of two independent processes of rates λ₁ and λ₂ and of
/// their union (superposition), which is a Poisson process of rate λ₁ + λ₂ (Kingman, "Poisson
/// Processes", 1993, §2.2, Superposition Theorem).
struct SuperpositionParams {
    double rate1 = 1.0;                 ///< λ₁, events per time unit; > 0 and ≤ 10^6
    double rate2 = 2.0;                 ///< λ₂, events per time unit; > 0 and ≤ 10^6
    double horizon = 10.0;              ///< T, time units; > 0 and ≤ 10^6, with (λ₁ + λ₂)·T ≤ 10^9
    std::int64_t realisations = 100000; ///< M; 1 … 10^9
    std::uint64_t seed = 1;             ///< any 64-bit value
    std::int64_t paths = 20;            ///< realisations kept for display; 0 … min(1000, M)
};

Errors validate(const SuperpositionParams& params);

/// What simulateSuperposition() returns; samples in realisation order.
struct SuperpositionSimulation {
    IntegerHistogram counts1;  ///< N₁(T); law Poisson(λ₁T)
    IntegerHistogram counts2;  ///< N₂(T); law Poisson(λ₂T)
    IntegerHistogram counts;   ///< N(T) = N₁(T) + N₂(T); law Poisson((λ₁ + λ₂)T)

    /// arrivals[i], i < paths: the merged arrival times in [0, T], increasing (at most
    /// kMaxPathArrivals); sources[i][j] ∈ {1, 2} says which process arrivals[i][j] came from.
    std::vector<std::vector<double>> arrivals;
    std::vector<std::vector<std::uint8_t>> sources;
    std::vector<std::int64_t> pathCounts;  ///< N_i(T) of each kept realisation

    /// Gaps of the merged process, X_1 … X_{N(T)+1} (the last crossing T, ending at the first
    /// arrival of either process after T), of realisations 0 … gapRealisations − 1, concatenated;
    /// law Exponential(λ₁ + λ₂), see PoissonSimulation::interarrivals.
    /// At most kMaxPoissonSample gaps (interarrivalsTruncated set when some were left out).
    std::vector<double> interarrivals;
    std::int64_t gapRealisations = 0;
    bool interarrivalsTruncated = false;

    double seconds = 0;
    unsigned threads = 0;
};

/// Simulates both processes by exponential gaps, process 1 from makeStream(seed, b, 3) and
/// process 2 from makeStream(seed, b, 4) for block b of detail::realisationsPerBlock((λ₁ + λ₂)T + 2)
/// realisations, and merges them. Errors: InvalidParameter, TooLarge (memory over 2 GiB or
/// M·((λ₁ + λ₂)T + 2) events above kMaxPoissonWork), Cancelled.
Expected<SuperpositionSimulation> simulateSuperposition(const SuperpositionParams& params, RunControl& control);

/// Goodness of fit against the exact laws.
struct SuperpositionFits {
    ChiSquaredResult counts1, counts2, counts;  ///< against Poisson(λ₁T), Poisson(λ₂T), Poisson((λ₁+λ₂)T)
    KolmogorovSmirnovResult interarrivals;      ///< against Exponential(λ₁ + λ₂)
    double sourceOneFraction = 0;  ///< Σ N₁ / Σ N, which should be near λ₁/(λ₁ + λ₂) (0 if no event)
    double sourceOneExpected = 0;  ///< λ₁/(λ₁ + λ₂)
};

SuperpositionFits fitSuperposition(const SuperpositionParams& params, const SuperpositionSimulation& simulation);

}  // namespace walklab::core
