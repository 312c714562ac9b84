#include "core/stats/TimeBins.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace walklab::core {

namespace {

std::vector<std::int64_t> unitEdges(std::int64_t first, std::int64_t last)
{
    std::vector<std::int64_t> edges;
    edges.reserve(std::size_t(last - first + 2));
    for (std::int64_t t = first; t <= last + 1; ++t)
        edges.push_back(t);
    return edges;
}

}  // namespace

TimeBins TimeBins::logarithmic(std::int64_t first, std::int64_t last, int perDecade)
{
    assert(0 <= first && first <= last && perDecade >= 1);
    TimeBins b;
    b.m_edges.clear();
    if (last - first + 1 <= kMaxUnitTimeBins) {
        b.m_edges = unitEdges(first, last);
        return b;
    }
    constexpr std::int64_t kUnitBelow = 100;
    for (std::int64_t t = first; t < kUnitBelow; ++t)
        b.m_edges.push_back(t);
    const double start = double(std::max(first, kUnitBelow));
    for (int i = 0;; ++i) {
        const auto edge = std::int64_t(std::llround(start * std::pow(10.0, double(i) / perDecade)));
        if (edge > last)
            break;
        if (b.m_edges.empty() || edge > b.m_edges.back())
            b.m_edges.push_back(edge);
    }
    b.m_edges.push_back(last + 1);
    return b;
}

TimeBins TimeBins::linear(std::int64_t n, std::int64_t count)
{
    assert(n >= 0 && count >= 1);
    TimeBins b;
    b.m_edges.clear();
    if (n <= kMaxUnitOccupationSteps) {
        b.m_edges = unitEdges(0, n);
        return b;
    }
    std::int64_t width = (n + count) / count;  // ⌈(n + 1) / count⌉
    width += width % 2;
    for (std::int64_t edge = 0; edge <= n; edge += width)
        b.m_edges.push_back(edge);
    if (b.m_edges.size() > 1 && 2 * (n + 1 - b.m_edges.back()) < width)
        b.m_edges.pop_back();  // a remainder shorter than half a width joins the bin before it
    b.m_edges.push_back(n + 1);
    return b;
}

std::size_t TimeBins::index(std::int64_t t) const
{
    if (unit())
        return std::size_t(t - m_edges.front());
    return std::size_t(std::upper_bound(m_edges.begin(), m_edges.end(), t) - m_edges.begin() - 1);
}

std::vector<double> TimeBins::masses(std::span<const double> pmf) const
{
    std::vector<double> m(bins(), 0.0);
    const auto size = std::int64_t(pmf.size());
    for (std::size_t i = 0; i < bins(); ++i) {
        long double sum = 0;
        for (std::int64_t t = m_edges[i]; t < std::min(m_edges[i + 1], size); ++t)
            sum += pmf[std::size_t(t)];
        m[i] = double(sum);
    }
    return m;
}

}  // namespace walklab::core
