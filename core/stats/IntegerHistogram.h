// Counts of integer observations (walk positions), stored over the observed range only.
#pragma once

#include <cstdint>
#include <vector>

namespace walklab::core {

/// Histogram of integer values with unit bins. Memory is proportional to the range of the
/// values seen (max − min + 1), never to the number of observations. Merging two histograms
/// is exact and order-free, so a sum over threads does not depend on the thread count.
class IntegerHistogram {
public:
    void add(std::int64_t value, std::uint64_t count = 1);
    void merge(const IntegerHistogram& other);

    bool empty() const { return m_total == 0; }
    std::uint64_t total() const { return m_total; }
    /// Smallest and largest value seen; undefined when empty().
    std::int64_t minValue() const { return m_offset; }
    std::int64_t maxValue() const { return m_offset + std::int64_t(m_counts.size()) - 1; }
    /// Number of observations equal to `value` (0 outside the seen range).
    std::uint64_t count(std::int64_t value) const;

    /// Sample mean Σ k·c_k / N and unbiased sample variance Σ (k − mean)²·c_k / (N − 1)
    /// (0 when N < 2), summed in value order so the result is reproducible.
    double mean() const;
    double variance() const;

    bool operator==(const IntegerHistogram&) const = default;

private:
    std::int64_t m_offset = 0;           ///< value of m_counts[0]
    std::vector<std::uint64_t> m_counts; ///< trimmed: first and last entries are non-zero
    std::uint64_t m_total = 0;
};

}  // namespace walklab::core
