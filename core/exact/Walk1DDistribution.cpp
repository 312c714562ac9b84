#include "core/exact/Walk1DDistribution.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <cassert>
#include <cmath>
#include <algorithm>
#include <limits>

namespace walklab::core {

namespace {

template <class T>
T binomialPmf(std::int64_t trials, T success, std::int64_t k)
{
    if (k < 0 || k > trials)
        return T(0);
    return boost::math::pdf(boost::math::binomial_distribution<T>(T(trials), success), T(k));
}

// Positions per stretch of the recurrence in pmf(lo, hi) between two exact anchors.
constexpr std::int64_t kStretch = 8192;
// Probabilities below this (in long double) are 0 in double; the window of pmf(lo, hi) keeps
// every position above it.
constexpr long double kNegligible = 1e-330L;

}  // namespace

Walk1DDistribution::Walk1DDistribution(std::int64_t steps, double p, double q)
    : m_n(steps), m_p(p), m_q(q), m_r(1.0 - p - q)
{
    assert(steps >= 0 && p >= 0 && q >= 0);
    if (m_r < 4 * std::numeric_limits<double>::epsilon())
        m_r = 0.0;
}

bool Walk1DDistribution::possible(std::int64_t k) const
{
    if (k > m_n || k < -m_n)
        return false;
    if (m_r == 0.0 && ((m_n + k) % 2) != 0)
        return false;
    if (m_p == 0.0 && k > 0)
        return false;
    if (m_q == 0.0 && k < 0)
        return false;
    if (m_r == 0.0 && m_p == 0.0)
        return k == -m_n;
    if (m_r == 0.0 && m_q == 0.0)
        return k == m_n;
    return true;
}

double Walk1DDistribution::pmf(std::int64_t k) const
{
    return double(pointPmf<long double>(k));
}

template <class T>
T Walk1DDistribution::pointPmf(std::int64_t k) const
{
    if (!possible(k))
        return T(0);
    if (m_r == 0.0)
        return binomialPmf<T>(m_n, T(m_p), (m_n + k) / 2);
    if (m_p == 0.0)
        return binomialPmf<T>(m_n, T(m_q), -k);
    if (m_q == 0.0)
        return binomialPmf<T>(m_n, T(m_p), k);
    return lazyPmf<T>(k);
}

template <class T>
T Walk1DDistribution::lazyPmf(std::int64_t k) const
{
    // Terms t(d) for d = dLo … dHi downs, u = d + k ups, z = n − k − 2d pauses.
    const std::int64_t dLo = std::max<std::int64_t>(0, -k);
    const std::int64_t dHi = (m_n - k) / 2;
    // r = 1 − p − q in T: in long double it is (nearly) exact, and its rounding would
    // otherwise scale P(S_n = k) by (1 + δr/r)^z, z ~ n pauses.
    const T p = m_p, q = m_q, r = T(1) - p - q;
    const T pq_r2 = (p * q) / (r * r);
    auto ratio = [&](std::int64_t d) {  // t(d + 1) / t(d)
        const T z = T(m_n - k - 2 * d), u = T(d + k);
        return z * (z - 1) / ((u + 1) * T(d + 1)) * pq_r2;
    };
    // The ratio decreases in d: the mode is the first d with ratio(d) < 1.
    std::int64_t lo = dLo, hi = dHi;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (ratio(mid) < 1)
            hi = mid;
        else
            lo = mid + 1;
    }
    const std::int64_t mode = lo;
    const std::int64_t m = k + 2 * mode;
    const T peak = binomialPmf<T>(m_n, p + q, m) * binomialPmf<T>(m, p / (p + q), mode + k);
    if (peak == 0)  // every term underflows
        return T(0);
    // Sum the terms relative to the peak, so that none becomes subnormal (slow, inexact), until
    // they fall below ε/128 of it.
    const T tiny = std::numeric_limits<T>::epsilon() / 128;
    T sum = 1, t = 1;
    for (std::int64_t d = mode; d < dHi; ++d) {
        t *= ratio(d);
        sum += t;
        if (t <= tiny)
            break;
    }
    t = 1;
    for (std::int64_t d = mode; d > dLo; --d) {
        t /= ratio(d - 1);
        sum += t;
        if (t <= tiny)
            break;
    }
    return peak * sum;
}

std::pair<std::int64_t, std::int64_t> Walk1DDistribution::window() const
{
    // Probabilities fall off on both sides of the mode for each parity; a position counts as
    // alive when it or its neighbour is above kNegligible, which bridges the parity gaps.
    auto alive = [&](std::int64_t k) {
        return pointPmf<long double>(k) > kNegligible || pointPmf<long double>(k + 1) > kNegligible;
    };
    std::int64_t centre = std::clamp<std::int64_t>(std::llround(mean()), -m_n, m_n);
    if (!alive(centre))  // a mode in the tail of the normal approximation cannot happen; be safe
        return {-m_n, m_n};
    std::int64_t lo = -m_n, hi = centre;  // first alive position in [−n, centre]
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (alive(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    const std::int64_t first = lo;
    lo = centre, hi = m_n;  // last alive position in [centre, n]
    while (lo < hi) {
        const std::int64_t mid = hi - (hi - lo) / 2;
        if (alive(mid))
            lo = mid;
        else
            hi = mid - 1;
    }
    // One-way walks: no position beyond 0 on the side they never step to.
    return {m_q == 0.0 ? std::max<std::int64_t>(first, 0) : first,
            std::min(lo + 1, m_p == 0.0 ? std::int64_t(0) : m_n)};
}

std::vector<double> Walk1DDistribution::pmf(std::int64_t lo, std::int64_t hi) const
{
    std::vector<double> out;
    if (hi < lo)
        return out;
    out.assign(std::size_t(hi - lo + 1), 0.0);
    const auto [first, last] = window();
    const std::int64_t from = std::max(lo, first), to = std::min(hi, last);
    using Wide = long double;
    // The law of the anchors: r = 1 − p − q, or q = 1 − p when r is taken as 0 (Boost.Math's
    // binomial), both in long double; a rounded q or r would drift by n·ulp over a stretch.
    const Wide n = Wide(m_n), p = m_p;
    const Wide q = m_r == 0.0 ? 1 - p : Wide(m_q), r = m_r == 0.0 ? Wide(0) : 1 - p - q;
    auto put = [&](std::int64_t k, Wide value) { out[std::size_t(k - lo)] = double(value); };
    // Positions ≥ 0, from the outer end inwards: c_{k−1} = (q(n+k+1) c_{k+1} + r k c_k) / (p(n−k+1)).
    for (std::int64_t end = to; end >= std::max<std::int64_t>(from, 0); end -= kStretch) {
        const std::int64_t start = std::max({from, std::int64_t(0), end - kStretch + 1});
        Wide outer = pointPmf<Wide>(end + 1), current = pointPmf<Wide>(end);
        put(end, current);
        for (std::int64_t k = end; k > start; --k) {
            const Wide next = (q * (n + Wide(k + 1)) * outer + r * Wide(k) * current) /
                              (p * (n - Wide(k - 1)));
            outer = current;
            current = next;
            put(k - 1, current);
        }
    }
    // Positions < 0, from the outer end inwards: c_{k+1} = (p(n−k+1) c_{k−1} − r k c_k) / (q(n+k+1)).
    for (std::int64_t begin = from; begin <= std::min<std::int64_t>(to, -1); begin += kStretch) {
        const std::int64_t stop = std::min({to, std::int64_t(-1), begin + kStretch - 1});
        Wide outer = pointPmf<Wide>(begin - 1), current = pointPmf<Wide>(begin);
        put(begin, current);
        for (std::int64_t k = begin; k < stop; ++k) {
            const Wide next = (p * (n - Wide(k - 1)) * outer - r * Wide(k) * current) /
                              (q * (n + Wide(k + 1)));
            outer = current;
            current = next;
            put(k + 1, current);
        }
    }
    return out;
}

double Walk1DDistribution::mean() const
{
    return double(m_n) * (m_p - m_q);
}

double Walk1DDistribution::variance() const
{
    const double d = m_p - m_q;
    return std::max(0.0, double(m_n) * (m_p + m_q - d * d));
}

double Walk1DDistribution::normalApproximation(std::int64_t k) const
{
    if (!possible(k))
        return 0.0;
    const double mu = mean(), sigma = std::sqrt(variance());
    if (sigma == 0.0)
        return std::abs(double(k) - mu) < 0.5 ? 1.0 : 0.0;
    const double span = m_r == 0.0 ? 2.0 : 1.0;
    const double x = (double(k) - mu) / sigma;
    return span * std::exp(-0.5 * x * x) / (sigma * boost::math::constants::root_two_pi<double>());
}

std::pair<std::int64_t, std::int64_t> Walk1DDistribution::significantRange(double sds) const
{
    const double mu = mean(), spread = sds * std::sqrt(variance());
    std::int64_t lo = std::max<std::int64_t>(-m_n, std::int64_t(std::floor(mu - spread)));
    std::int64_t hi = std::min<std::int64_t>(m_n, std::int64_t(std::ceil(mu + spread)));
    if (m_p == 0.0)
        hi = std::min<std::int64_t>(hi, 0);
    if (m_q == 0.0)
        lo = std::max<std::int64_t>(lo, 0);
    while (lo < hi && !possible(lo))
        ++lo;
    while (hi > lo && !possible(hi))
        --hi;
    return {lo, hi};
}

}  // namespace walklab::core
