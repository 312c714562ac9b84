// Pearson's chi-squared goodness-of-fit test of observed counts against a discrete law.
#pragma once

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Outcome of chiSquaredTest().
struct ChiSquaredResult {
    double statistic = 0;        ///< X² = Σ (O − E)² / E over the pooled cells
    int degreesOfFreedom = 0;    ///< pooled cells − 1
    double pValue = 1;           ///< P(χ²_dof ≥ X²); 0 when an impossible value was observed
    int cells = 0;               ///< number of pooled cells
    std::uint64_t impossible = 0;///< observations in cells of probability 0
};

/// Tests observed counts O_i against probabilities π_i (Pearson 1900; pooling rule of
/// Cochran 1954, "Some methods for strengthening the common χ² tests", §3).
///
/// observed and probability have one entry per cell, in an order where neighbours are
/// adjacent values (so pooling merges neighbours); probability should sum to 1, with the
/// mass of values outside the listed cells added to the first and last cells. Cells with
/// π_i = 0 are left out, and any observation in one makes pValue 0 (a wrong support is the
/// strongest evidence there is). The rest are pooled left to right until each pooled cell
/// expects at least `minExpected` observations; a short remainder joins the last cell.
/// With fewer than 2 pooled cells there is nothing to test: dof = 0 and pValue = 1.
/// The p-value is the upper tail of Boost.Math's chi_squared distribution.
ChiSquaredResult chiSquaredTest(const std::vector<std::uint64_t>& observed,
                                const std::vector<double>& probability,
                                double minExpected = 5.0);

}  // namespace walklab::core
