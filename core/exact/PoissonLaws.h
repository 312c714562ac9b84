// Exact laws of the Poisson-process lab that Boost.Math lacks, and goodness-of-fit helpers.
//
// The standard laws are used straight from Boost.Math and are not wrapped here:
//   N(t) of a rate-λ process          boost::math::poisson_distribution<>(λ t)
//   an interarrival time, a residual  boost::math::exponential_distribution<>(λ)
//   the k-th arrival time S_k         boost::math::gamma_distribution<>(k, 1/λ)   (Erlang)
//   successes in n trials of p = λ/n  boost::math::binomial_distribution<>(n, λ/n)
//   N(t) of a process of rate λ(s)    boost::math::poisson_distribution<>(Λ(t)), Λ below.
#pragma once

#include "core/stats/ChiSquaredTest.h"
#include "core/stats/IntegerHistogram.h"
#include "core/stats/KolmogorovSmirnov.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Total variation distance d_TV = ½ Σ_k |P(B = k) − P(P = k)| between B ~ Binomial(n, λ/n)
/// and P ~ Poisson(λ), for n ≥ 1 and 0 ≤ λ ≤ n (0 when λ = 0).
///
/// Sums p_k |b_k/p_k − 1| over k within λ ± (20√λ + 40) (clipped to 0 … n), p_k from Boost.Math's
/// Poisson PMF and the ratio b_k/p_k = exp(Σ_{j<k} log(1 − j/n) + (n − k) log(1 − λ/n) + λ) by
/// log1p, so that the tiny distances of large n are not lost to cancellation; the tails outside
/// (below 10⁻¹⁸) are added from Boost's cdf and sf. Accurate to about 10⁻¹⁴ relative. Known bounds, used by the tests (Barbour & Hall 1984,
/// "On the rate of Poisson convergence", Math. Proc. Camb. Phil. Soc. 95, Theorem 1):
///   (1/32) min(1, 1/λ) λ²/n ≤ d_TV ≤ (1 − e^{−λ}) λ/n,
/// and for n = 1 the distance equals the upper bound λ(1 − e^{−λ}).
double binomialPoissonTotalVariation(std::int64_t n, double lambda);

/// Cell probabilities of Poisson(mean) on k = lo … hi for chiSquaredTest(): P(N = k), with
/// P(N < lo) added to the first cell and P(N > hi) (Boost sf) to the last. mean = 0 is the
/// point mass at 0. Returns hi − lo + 1 values (index i ↔ k = lo + i); requires 0 ≤ lo ≤ hi.
std::vector<double> poissonCellProbabilities(double mean, std::int64_t lo, std::int64_t hi);

/// The same for Binomial(n, p), 0 ≤ p ≤ 1, 0 ≤ lo ≤ hi ≤ n.
std::vector<double> binomialCellProbabilities(std::int64_t n, double p, std::int64_t lo, std::int64_t hi);

/// Pearson chi-squared test of a histogram of counts against Poisson(mean) (mean ≥ 0) over the
/// cells from min(observed min, mean − 10√mean − 10) (at least 0) to max(observed max,
/// mean + 10√mean + 10), tails lumped into the end cells, pooled to ≥ 5 expected.
ChiSquaredResult poissonCountsFit(const IntegerHistogram& counts, double mean);

/// The same against Binomial(n, p), with the cells clipped to 0 … n and ±(10 sd + 10) around
/// the mean n·p (so n = 10⁹ lists a few thousand cells, not 10⁹).
ChiSquaredResult binomialCountsFit(const IntegerHistogram& counts, std::int64_t n, double p);

/// Kolmogorov–Smirnov test of a sample against Exponential(rate), F(x) = 1 − e^{−rate·x}.
KolmogorovSmirnovResult exponentialFit(const std::vector<double>& sample, double rate);

/// Kolmogorov–Smirnov test of a sample against the Erlang law of the k-th arrival of a
/// rate-λ process, Gamma(shape k, scale 1/λ) (Boost.Math gamma_p).
KolmogorovSmirnovResult erlangFit(const std::vector<double>& sample, std::int64_t k, double rate);

}  // namespace walklab::core
