#include "core/exact/MaximumLaw.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/exact/detail/PathLawCheck.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace walklab::core {

namespace {

/// P(M_n ≥ m) and, when p ≥ q, P(M_n < m), in long double (see maximumTail()), over
/// m = 0 … top only, top = min(n, max(hi, −lo)) for the significant range [lo, hi] of S_n:
/// above it P(M_n ≥ m) = 0 and P(M_n < m) is constant, so the working memory is O(spread of
/// S_n), not O(n) (10^7 steps: about 2·10^5 values instead of 2·10^7).
/// For p ≥ q the lower part P(M_n < m) = P(S_n < m) − G_m is summed from the bottom, so that
/// the law far below the mean is not a difference of numbers near 1.
struct MaximumTails {
    std::vector<long double> atLeast;  ///< P(M_n ≥ m), m = 0 … top
    std::vector<long double> below;    ///< P(M_n < m), m = 0 … top + 1 (p ≥ q), else empty
};

MaximumTails tailsOfMaximum(std::int64_t n, double p, double q)
{
    MaximumTails result{{1.0L}, {}};
    if (p == 0.0 || n == 0)
        return result;
    const Walk1DDistribution law(n, p, q);
    auto [lo, hi] = law.significantRange(40);
    lo = std::min<std::int64_t>(lo, 0);
    hi = std::max<std::int64_t>(hi, 0);
    const std::int64_t top = std::min(n, std::max(hi, -lo));
    std::vector<long double>& tail = result.atLeast;
    tail.assign(std::size_t(top + 1), 0.0L);
    tail[0] = 1;
    const std::vector<double> pmf = law.pmf(lo, hi);
    auto at = [&](std::int64_t i) -> long double { return i < lo || i > hi ? 0.0L : pmf[std::size_t(i - lo)]; };
    long double atLeast = 0;  // P(S_n ≥ m), summed from the top (hi ≤ n)
    if (p >= q) {
        const long double rho = (long double)q / p;
        long double reflected = 0;  // G_m = Σ_{i > m} ρ^{i−m} P(S_n = i) = ρ (P(S_n = m + 1) + G_{m+1})
        std::vector<double> g(std::size_t(hi + 2), 0.0);  // G_m, m ≤ hi (0 above)
        for (std::int64_t m = hi; m >= 1; --m) {
            atLeast += at(m);
            tail[std::size_t(m)] = atLeast + reflected;
            g[std::size_t(m)] = reflected;
            reflected = rho * (at(m) + reflected);
        }
        result.below.assign(std::size_t(top + 2), 0.0L);
        long double lower = 0;  // P(S_n < m)
        for (std::int64_t i = lo; i < 0; ++i)
            lower += at(i);
        for (std::int64_t m = 1; m <= top + 1; ++m) {
            lower += at(m - 1);
            result.below[std::size_t(m)] = std::max(0.0L, lower - (m <= hi ? g[std::size_t(m)] : 0.0));
        }
        return result;
    }
    const long double logRatio = std::log((long double)p / q);
    std::vector<long double> below(std::size_t(-lo), 0.0L);  // below[m] = P(S_n < −m), m < −lo
    long double cumulative = 0;
    for (std::int64_t i = lo; i < 0; ++i)
        below[std::size_t(-i - 1)] = cumulative += at(i);
    for (std::int64_t m = top; m >= 1; --m) {
        atLeast += at(m);  // 0 above hi
        const long double b = m < -lo ? below[std::size_t(m)] : 0.0L;
        const long double mirrored = b > 0 ? std::exp(m * logRatio) * b : 0.0L;
        tail[std::size_t(m)] = atLeast + mirrored;
    }
    return result;
}

}  // namespace

Expected<std::vector<double>> maximumTail(std::int64_t n, double p, double q)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(n))
        return std::unexpected(Errors{*e});
    const std::vector<long double> tail = tailsOfMaximum(n, p, q).atLeast;
    std::vector<double> out(std::size_t(n + 1), 0.0);  // 0 above the top
    std::copy(tail.begin(), tail.end(), out.begin());
    return out;
}

Expected<std::vector<double>> maximumLaw(std::int64_t n, double p, double q)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(n))
        return std::unexpected(Errors{*e});
    const MaximumTails tails = tailsOfMaximum(n, p, q);
    const std::vector<long double>& tail = tails.atLeast;
    std::vector<double> law(std::size_t(n + 1), 0.0);  // 0 above the top
    for (std::size_t m = 0; m < tail.size(); ++m) {
        const bool fromBelow = !tails.below.empty() && tails.below[m + 1] < 0.5L;
        const long double mass = fromBelow ? tails.below[m + 1] - tails.below[m]
                                           : tail[m] - (m + 1 < tail.size() ? tail[m + 1] : 0.0L);
        law[m] = double(std::max(0.0L, mass));
    }
    return law;
}

}  // namespace walklab::core
