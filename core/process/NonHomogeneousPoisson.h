// Monte Carlo of the non-homogeneous Poisson process with a user-typed rate λ(t), by thinning.
#pragma once

#include "core/exact/PoissonLaws.h"
#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/process/CumulativeIntensity.h"
#include "core/stats/IntegerHistogram.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace walklab::core {

/// Parameters of the non-homogeneous Poisson-process experiment: M realisations on [0, T] of the
/// process whose arrivals occur at rate λ(t) (events per time unit at time t).
struct NonHomogeneousPoissonParams {
    std::string rate = "3 + 2*sin(2*pi*t/24)"; ///< λ(t), a formula in t (see RateFunction); finite,
                                               ///< ≥ 0 and ≤ 10^6 on [0, T]
    double horizon = 48.0;                     ///< T, time units; > 0 and ≤ 10^6, with max λ · T ≤ 10^9
    std::int64_t realisations = 10000;         ///< M; 1 … 10^9
    double rateBound = 0;                      ///< λ* of thinning, events per time unit: 0 = automatic
                                               ///< (piecewise, see simulateNonHomogeneousPoisson());
                                               ///< otherwise ≥ max λ on [0, T] and ≤ 10^6
    std::int64_t gridPoints = 201;             ///< times t_j = j·T/(G − 1) of the mean-count curve; 2 … 10001
    std::uint64_t seed = 1;                    ///< any 64-bit value; same seed, same result
    std::int64_t paths = 20;                   ///< realisations kept for display; 0 … min(1000, M)
};

/// Checks every field, parsing the formula and evaluating it on a grid of 4097 times of [0, T]
/// (see checkRate()); one Error per bad field, naming it, its value and the allowed range, or
/// muparser's reason for a formula that cannot be read.
Errors validate(const NonHomogeneousPoissonParams& params);

/// What simulateNonHomogeneousPoisson() returns; samples in realisation order.
struct NonHomogeneousPoissonSimulation {
    IntegerHistogram counts;              ///< N(T) over the M realisations; law Poisson(Λ(T))

    std::vector<double> gridTimes;        ///< t_j = j·T/(G − 1), j = 0 … G − 1
    std::vector<double> meanCounts;       ///< (1/M) Σ_i N_i(t_j), one per grid time
    std::vector<double> cumulativeRate;   ///< exact E N(t_j) = Λ(t_j) = ∫_0^{t_j} λ (CumulativeIntensity)
    /// The table Λ(t) came from, for exact values at other times (bin averages of λ).
    std::shared_ptr<const CumulativeIntensity> intensity;

    std::vector<std::vector<double>> arrivals;  ///< as PoissonSimulation::arrivals
    std::vector<std::int64_t> pathCounts;       ///< N_i(T) of each kept realisation

    /// All arrival times of realisations 0 … sampleRealisations − 1, concatenated. Given N(T) = n
    /// they are n i.i.d. points of density λ(t)/Λ(T) on [0, T]; sampleRealisations =
    /// min(M, ⌈kMaxPoissonSample/(Λ(T) + 1)⌉).
    /// At most kMaxPoissonSample times are kept: beyond that (only when Λ(T) + 1 exceeds it)
    /// the sample is the first arrivals of realisation 0, no longer of that law, and
    /// arrivalTimesTruncated is set (the fit then skips it).
    std::vector<double> arrivalTimes;
    std::int64_t sampleRealisations = 0;
    bool arrivalTimesTruncated = false;

    /// The dominating rate used for thinning: λ*_j on [boundEdges[j], boundEdges[j + 1]),
    /// boundRates.size() + 1 == boundEdges.size().
    std::vector<double> boundEdges;
    std::vector<double> boundRates;
    std::uint64_t candidates = 0;  ///< points proposed by the dominating process
    std::uint64_t accepted = 0;    ///< points kept (Σ N_i(T)); accepted/candidates ≈ Λ(T)/Λ*(T)

    double seconds = 0;
    unsigned threads = 0;
};

/// Simulates M realisations by thinning (Lewis & Shedler, "Simulation of nonhomogeneous Poisson
/// processes by thinning", Naval Res. Logist. Quart. 26, 1979, Algorithm 1): candidates of a
/// homogeneous process of rate λ* ≥ λ(t) are kept with probability λ(t)/λ*.
///
/// The dominating rate is piecewise constant (thinning allows any dominating rate function,
/// Lewis & Shedler's Theorem 1; the piecewise-constant version is in Ross, "Simulation",
/// 5th ed., §5.5): with rateBound = 0, [0, T] is cut into 256 pieces and λ*_j is 1.1 × the largest λ
/// checkRate() found in piece j (its 17 grid times, and the local maxima refined by Brent's method,
/// so that a narrow peak seen on one grid time counts at its full height), and at least 10⁻³ of
/// the largest λ*_j (so that pieces where the grid saw λ = 0 still get checked candidates); with
/// rateBound > 0 it is that single constant. Crossing a piece edge restarts the exponential clock
/// at the edge (memorylessness), so the method stays exact. A bound below λ somewhere would be
/// wrong in law, and no scan can see every spike: every candidate checks λ(t) ≤ λ*_j, and a
/// violation ends the run with an error naming t, λ(t) and λ*, the height of the peak found
/// around t (localMaximum()) and a rateBound to set (suggestedBound()).
///
/// Cost: each candidate evaluates the formula once (muparser, about 0.1–0.3 µs: the bulk of the
/// run time), so the run takes about Λ*(T) · M / threads × 0.2 µs; a rateBound far above λ on
/// most of [0, T] costs as many times more as Λ*(T) exceeds the automatic bound's.
///
/// Randomness: blocks of detail::realisationsPerBlock(Λ*(T) + 1) realisations, block b draws from
/// makeStream(seed, b, 2); each candidate uses one exponential (−ln U, detail::unitExponentials) and one uniform.
/// Every thread evaluates its own copy of the rate function.
///
/// Errors: InvalidParameter (validate(), or a λ* violation / negative / non-finite λ met at a
/// candidate), TooLarge (more than 2 GiB, or M·(Λ*(T) + 1) candidates above
/// kMaxPoissonWork), Cancelled. Progress is in candidates.
Expected<NonHomogeneousPoissonSimulation> simulateNonHomogeneousPoisson(const NonHomogeneousPoissonParams& params,
                                                                        RunControl& control);

/// Times at which the automatic bound scans λ on [0, T] (spacing T/4096), before refining its
/// local maxima: a peak narrower than the spacing may fall between them unseen.
inline constexpr int kRateScanPoints = 4097;

/// Goodness of fit of a non-homogeneous simulation against its exact laws.
struct NonHomogeneousPoissonFits {
    double meanEvents = 0;                 ///< Λ(T)
    ChiSquaredResult counts;               ///< N(T) against Poisson(Λ(T))
    KolmogorovSmirnovResult arrivalTimes;  ///< pooled arrival times against Λ(t)/Λ(T)
    /// max_j |meanCounts[j] − Λ(t_j)| / √(Λ(t_j)/M) over the grid times with Λ(t_j) > 0: the
    /// largest deviation of the mean-count curve in standard errors (a maximum over correlated
    /// grid points: it may exceed 3 when right; the tests use it only to reject a wrong law).
    double meanCountDeviation = 0;
    /// CumulativeIntensity::errorBound() of the Λ(t) used (events).
    double cumulativeRateError = 0;
    /// λ was finite wherever evaluated and Λ(t) has an estimated error at most 10⁻⁶ Λ(T), far
    /// below the KS test's resolution (the table aims at 10⁻¹⁰ Λ(T), CumulativeIntensity);
    /// otherwise the arrival times are not tested (arrivalTimes stays empty, n = 0).
    bool cumulativeRateAccurate = true;
};

/// Runs the fits (Λ tabulated by CumulativeIntensity). Errors: InvalidParameter when the formula in
/// `params` no longer parses.
Expected<NonHomogeneousPoissonFits> fitNonHomogeneousPoisson(const NonHomogeneousPoissonParams& params,
                                                            const NonHomogeneousPoissonSimulation& simulation);

}  // namespace walklab::core
