// Bins for times 0 … n of a walk (first-passage, first-return, last-zero times, time positive):
// unit bins while n is small, wider bins (logarithmic or equal) when n is large, so that a
// histogram takes memory in the number of bins, never in n or in the number of walkers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace walklab::core {

/// Most waiting times (last − first + 1) that TimeBins::logarithmic puts in unit bins: beyond,
/// single counts in the tail would drown the power law on log–log axes.
inline constexpr std::int64_t kMaxUnitTimeBins = 2'000;

/// Largest horizon n whose occupation times 0 … n TimeBins::linear puts in unit bins.
inline constexpr std::int64_t kMaxUnitOccupationSteps = 200;

/// Consecutive integer bins [edges[i], edges[i+1]), i = 0 … bins() − 1, edges strictly
/// increasing. Values, built by the factories below.
class TimeBins {
public:
    /// One unit bin holding the time 0.
    TimeBins() = default;
    /// Times first … last: unit bins when last − first + 1 ≤ kMaxUnitTimeBins; otherwise
    /// unit bins for the times below 100 and then about `perDecade` bins per decade with
    /// geometrically growing integer edges (for waiting times, whose law falls like a power:
    /// log–log plots of mass/width show it as a line). Precondition: 0 ≤ first ≤ last.
    static TimeBins logarithmic(std::int64_t first, std::int64_t last, int perDecade = 40);
    /// Times 0 … n in equal bins of even width w = ⌈(n + 1)/count⌉ rounded up to even (so that
    /// a walk whose times keep the parity of n puts the same number of possible values in every
    /// bin), about count/2 … count bins; the last bin holds the remaining times, w/2 … 3w/2 of
    /// them (a shorter remainder joins the bin before it, so that the narrow end bin does not
    /// stand out in a density); unit bins when n ≤ kMaxUnitOccupationSteps.
    /// Precondition: n ≥ 0, count ≥ 1.
    static TimeBins linear(std::int64_t n, std::int64_t count = 150);

    std::size_t bins() const { return m_edges.size() - 1; }
    /// bins() + 1 edges; bin i holds the times edges[i] ≤ t < edges[i+1].
    const std::vector<std::int64_t>& edges() const { return m_edges; }
    std::int64_t lower(std::size_t i) const { return m_edges[i]; }
    std::int64_t upper(std::size_t i) const { return m_edges[i + 1] - 1; }  ///< last time in bin i
    std::int64_t width(std::size_t i) const { return m_edges[i + 1] - m_edges[i]; }
    bool unit() const { return m_edges.back() - m_edges.front() == std::int64_t(bins()); }
    /// Index of the bin holding t; precondition lower(0) ≤ t ≤ upper(bins() − 1). O(log bins),
    /// O(1) for unit bins.
    std::size_t index(std::int64_t t) const;
    /// Masses of the bins from a pmf over times 0 … pmf.size() − 1 (times beyond it count 0):
    /// Σ_{t in bin i} pmf[t], summed in time order in long double.
    std::vector<double> masses(std::span<const double> pmf) const;

    bool operator==(const TimeBins&) const = default;

private:
    std::vector<std::int64_t> m_edges{0, 1};
};

}  // namespace walklab::core
