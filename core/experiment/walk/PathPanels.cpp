#include "core/experiment/walk/PathPanels.h"

#include "core/experiment/SummaryRows.h"
#include "core/experiment/TextFormat.h"
#include "core/stats/ChiSquaredTest.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::core {

std::string fractionOfWalkers(std::uint64_t k, std::int64_t walkers)
{
    if (k == 0)
        return "0 (none of " + std::to_string(walkers) + ")";
    if (std::int64_t(k) == walkers)
        return "1 (all " + std::to_string(walkers) + ")";
    const double f = double(k) / double(walkers);
    return withSampleError(f, std::sqrt(f * (1 - f) / double(walkers)), walkers);
}

std::string percent(double fraction)
{
    if (fraction > 0 && fraction < 1e-6)
        return "< 0.0001 %";
    return formatSignificant(100 * fraction, 3) + " %";
}

void fillTimeHistogram(Panel& panel, const TimeHistogram& h, const std::string& simulatedLabel,
                       const std::string& exactLabel, bool density)
{
    Series simulated{"simulated", simulatedLabel, SeriesStyle::Bars, {}};
    Series exact{"exact", exactLabel, SeriesStyle::Points, {}, true};
    const std::vector<std::int64_t>& edges = *h.edges;
    const double M = double(std::max<std::int64_t>(h.walkers, 1));
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        std::int64_t first = edges[i], last = edges[i + 1] - 1;
        double half = 0.5;
        if (h.parity >= 0) {
            first += (first % 2 + 2) % 2 != h.parity;
            last -= (last % 2 + 2) % 2 != h.parity;
            half = 1;
        }
        if (first > last)
            continue;
        const double possible = h.parity >= 0 ? double((last - first) / 2 + 1) : double(last - first + 1);
        const double width = (double(last - first) + 2 * half) * h.scale;
        const double per = density ? width : possible;
        panel.x.push_back(0.5 * double(first + last) * h.scale);
        panel.binWidth.push_back(width);
        simulated.y.push_back(double((*h.counts)[i]) / M / per);
        if (h.masses)
            exact.y.push_back((*h.masses)[i] / per);
    }
    panel.series.push_back(std::move(simulated));
    if (h.masses)
        panel.series.push_back(std::move(exact));
}

void fillIntegerHistogram(Panel& panel, const IntegerHistogram& counts, std::int64_t walkers,
                          const std::vector<double>& exact, std::int64_t exactFrom,
                          const std::string& simulatedLabel, const std::string& exactLabel)
{
    std::int64_t lo = counts.empty() ? std::numeric_limits<std::int64_t>::max() : counts.minValue();
    std::int64_t hi = counts.empty() ? std::numeric_limits<std::int64_t>::min() : counts.maxValue();
    const double top = exact.empty() ? 0 : *std::max_element(exact.begin(), exact.end());
    for (std::size_t j = 0; j < exact.size(); ++j)
        if (exact[j] >= 1e-5 * top) {
            lo = std::min(lo, exactFrom + std::int64_t(j));
            hi = std::max(hi, exactFrom + std::int64_t(j));
        }
    Series simulated{"simulated", simulatedLabel, SeriesStyle::Bars, {}};
    Series law{"exact", exactLabel, SeriesStyle::Points, {}, true};
    const double M = double(std::max<std::int64_t>(walkers, 1));
    for (std::int64_t v = lo; v <= hi; ++v) {
        panel.x.push_back(double(v));
        simulated.y.push_back(double(counts.count(v)) / M);
        const std::int64_t j = v - exactFrom;
        if (!exact.empty())
            law.y.push_back(j >= 0 && j < std::int64_t(exact.size()) ? exact[std::size_t(j)] : 0.0);
    }
    panel.series.push_back(std::move(simulated));
    if (!exact.empty())
        panel.series.push_back(std::move(law));
}

SummaryRow chiSquaredRow(const std::string& quantity, const std::vector<std::uint64_t>& observed,
                         const std::vector<double>& probability, std::vector<std::string>& notes)
{
    const ChiSquaredResult chi = chiSquaredTest(observed, probability);
    if (chi.impossible > 0)
        notes.push_back(quantity + ": " + std::to_string(chi.impossible) +
                        " walkers took values the exact law says are impossible.");
    return chiSquaredRow(quantity, chi);
}

}  // namespace walklab::core
