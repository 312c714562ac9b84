// Panels and summary rows shared by the experiments on whole paths of the 1D walk ("passage",
// "ruin"): histograms of times in bins against their exact masses, histograms of integer
// counts, chi-squared rows, estimates with standard errors.
#pragma once

#include "core/experiment/Result.h"
#include "core/experiment/SummaryRows.h"
#include "core/stats/IntegerHistogram.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace walklab::core {


/// The fraction k/M of M walkers with its binomial standard error ("0.4937 ± 0.005"), or
/// "1 (all 10)" / "0 (none of 10)" when that error would be 0.
std::string fractionOfWalkers(std::uint64_t k, std::int64_t walkers);

/// "24.6 %": a fraction in per cent, 3 significant digits ("< 0.0001 %" below 10^-6, but not 0).
std::string percent(double fraction);

/// A histogram of a time counted in integer bins [edges[i], edges[i+1]) (unit bins, or bins
/// widening on a log scale), drawn over the panel's x.
struct TimeHistogram {
    const std::vector<std::int64_t>* edges = nullptr;    ///< bins + 1 increasing edges
    const std::vector<std::uint64_t>* counts = nullptr;  ///< walkers per bin
    const std::vector<double>* masses = nullptr;         ///< exact P(time in bin i), or null
    std::int64_t walkers = 0;                            ///< M, the denominator of the counts
    /// −1: every time is possible; 0 or 1: only times of this parity are (a walk without
    /// lazy steps), so a bin's mass is shared by its possible times only.
    int parity = -1;
    double scale = 1;  ///< x = time · scale (1, or 1/n for fractions of the horizon)
};

/// Fills panel.x, panel.binWidth and the series "simulated" (Bars, labelled `simulatedLabel`)
/// and, when masses are given, "exact" (Points, optional, `exactLabel`): one row per bin
/// holding a possible time. A bin's possible times f … l (every one, or those of the parity)
/// are drawn over [f − ½, l + ½] (unit steps) or [f − 1, l + 1] (parity: the bins then tile
/// the axis), x its centre. y = P(time in bin) / (number of possible times in it): for unit
/// bins P(time = t) itself, for wider bins its average over the bin. With `density` y is
/// divided by the drawn width (in x units) instead: a probability density over x.
void fillTimeHistogram(Panel& panel, const TimeHistogram& h, const std::string& simulatedLabel,
                       const std::string& exactLabel, bool density = false);

/// Fills panel.x (every integer from the smaller to the larger of the observed range and
/// [exactFrom, exactFrom + exact.size())) where exact[j] ≥ 10^-5 · max, the part in sight), and the series
/// "simulated" (Bars: count/M) and, when `exact` is not empty, "exact" (Points, optional):
/// P(value = x) with exact[j] the probability of the value exactFrom + j.
void fillIntegerHistogram(Panel& panel, const IntegerHistogram& counts, std::int64_t walkers,
                          const std::vector<double>& exact, std::int64_t exactFrom,
                          const std::string& simulatedLabel, const std::string& exactLabel);

/// The summary row of Pearson's chi-squared test of `observed` against `probability` (cells in
/// order, probabilities summing to 1): "X² = 12.3, dof 10" beside "p-value 0.27", or n/a when
/// there is nothing to test. Adds a note to `notes` when walkers fell in impossible cells.
SummaryRow chiSquaredRow(const std::string& quantity, const std::vector<std::uint64_t>& observed,
                         const std::vector<double>& probability, std::vector<std::string>& notes);

}  // namespace walklab::core
