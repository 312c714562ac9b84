#include "core/stats/IntegerHistogram.h"

namespace walklab::core {

void IntegerHistogram::add(std::int64_t value, std::uint64_t count)
{
    if (count == 0)
        return;
    if (m_counts.empty()) {
        m_offset = value;
        m_counts.assign(1, 0);
    } else if (value < m_offset) {
        m_counts.insert(m_counts.begin(), std::size_t(m_offset - value), 0);
        m_offset = value;
    } else if (value > maxValue()) {
        m_counts.resize(std::size_t(value - m_offset + 1), 0);
    }
    m_counts[std::size_t(value - m_offset)] += count;
    m_total += count;
}

void IntegerHistogram::merge(const IntegerHistogram& other)
{
    if (other.empty())
        return;
    // Grow once to the union of both ranges, then add bin by bin.
    add(other.minValue(), other.m_counts.front());
    add(other.maxValue(), other.m_counts.size() > 1 ? other.m_counts.back() : 0);
    for (std::size_t i = 1; i + 1 < other.m_counts.size(); ++i) {
        m_counts[std::size_t(other.m_offset + std::int64_t(i) - m_offset)] += other.m_counts[i];
        m_total += other.m_counts[i];
    }
}

std::uint64_t IntegerHistogram::count(std::int64_t value) const
{
    if (m_counts.empty() || value < m_offset || value > maxValue())
        return 0;
    return m_counts[std::size_t(value - m_offset)];
}

double IntegerHistogram::mean() const
{
    if (m_total == 0)
        return 0.0;
    long double sum = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        sum += (long double)(m_offset + std::int64_t(i)) * m_counts[i];
    return double(sum / m_total);
}

double IntegerHistogram::variance() const
{
    if (m_total < 2)
        return 0.0;
    const long double mu = mean();
    long double sum = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        const long double d = (long double)(m_offset + std::int64_t(i)) - mu;
        sum += d * d * m_counts[i];
    }
    return double(sum / (m_total - 1));
}

}  // namespace walklab::core
