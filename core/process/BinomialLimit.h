// The law of small numbers: n Bernoulli trials of success probability λ/n, compared with Poisson(λ).
#pragma once

#include "core/exact/PoissonLaws.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/stats/IntegerHistogram.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Parameters: M repetitions of n independent trials, each a success with probability λ/n. The
/// number of successes is Binomial(n, λ/n) exactly and tends to Poisson(λ) as n → ∞ (Poisson
/// 1837; Feller vol. I §VI.5), at total variation distance at most (1 − e^{−λ})λ/n.
/// Success positions i/n ∈ (0, 1] form a Bernoulli process that tends to a rate-λ Poisson
/// process on (0, 1].
struct BinomialLimitParams {
    double lambda = 3.0;               ///< λ = n·p, mean number of successes; > 0 and ≤ min(n, 10^6)
    std::int64_t trials = 100;         ///< n; 1 … 10^9
    std::int64_t repetitions = 100000; ///< M; 1 … 10^9
    std::uint64_t seed = 1;            ///< any 64-bit value
    std::int64_t paths = 20;           ///< repetitions whose success positions are kept; 0 … min(1000, M)
};

Errors validate(const BinomialLimitParams& params);

/// What simulateBinomialLimit() returns.
struct BinomialLimitSimulation {
    IntegerHistogram successes;  ///< successes per repetition; law Binomial(n, λ/n)
    /// positions[i], i < paths: the success times j/n (j = 1 … n the trial index), increasing,
    /// at most kMaxPathArrivals of them; pathCounts[i] is the number of successes.
    std::vector<std::vector<double>> positions;
    std::vector<std::int64_t> pathCounts;
    double seconds = 0;
    unsigned threads = 0;
};

/// Runs the trials one by one: trial j succeeds when a 64-bit draw u < p·2^64 (p honoured to
/// 2^-64; p = 1 always succeeds). Repetitions are in blocks of detail::realisationsPerBlock(n),
/// block b drawing from makeStream(seed, b, 6) only. Cost n·M draws (about 1.5 ns each).
/// Errors: InvalidParameter, Cancelled. Progress is in trials.
Expected<BinomialLimitSimulation> simulateBinomialLimit(const BinomialLimitParams& params, RunControl& control);

/// Goodness of fit of the successes against both laws, and their exact distance.
struct BinomialLimitFits {
    ChiSquaredResult binomial;  ///< against Binomial(n, λ/n): the exact law
    ChiSquaredResult poisson;   ///< against Poisson(λ): passes once d_TV ≪ 1/√M
    double totalVariation = 0;  ///< d_TV(Binomial(n, λ/n), Poisson(λ)), binomialPoissonTotalVariation()
    double totalVariationBound = 0;  ///< (1 − e^{−λ})λ/n (Barbour & Hall 1984)
};

BinomialLimitFits fitBinomialLimit(const BinomialLimitParams& params, const BinomialLimitSimulation& simulation);

}  // namespace walklab::core
