#include "core/exact/Walk1DDistribution.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <cassert>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

double binomialPmf(std::int64_t trials, double success, std::int64_t k)
{
    if (k < 0 || k > trials)
        return 0.0;
    return boost::math::pdf(boost::math::binomial_distribution<double>(double(trials), success),
                            double(k));
}

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
    if (!possible(k))
        return 0.0;
    if (m_r == 0.0)
        return binomialPmf(m_n, m_p, (m_n + k) / 2);
    if (m_p == 0.0)
        return binomialPmf(m_n, m_q, -k);
    if (m_q == 0.0)
        return binomialPmf(m_n, m_p, k);
    return lazyPmf(k);
}

double Walk1DDistribution::lazyPmf(std::int64_t k) const
{
    // Terms t(d) for d = dLo … dHi downs, u = d + k ups, z = n − k − 2d pauses.
    const std::int64_t dLo = std::max<std::int64_t>(0, -k);
    const std::int64_t dHi = (m_n - k) / 2;
    const double pq_r2 = (m_p * m_q) / (m_r * m_r);
    auto ratio = [&](std::int64_t d) {  // t(d + 1) / t(d)
        const double z = double(m_n - k - 2 * d), u = double(d + k);
        return z * (z - 1) / ((u + 1) * double(d + 1)) * pq_r2;
    };
    // The ratio decreases in d: the mode is the first d with ratio(d) < 1.
    std::int64_t lo = dLo, hi = dHi;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (ratio(mid) < 1.0)
            hi = mid;
        else
            lo = mid + 1;
    }
    const std::int64_t mode = lo;
    const std::int64_t m = k + 2 * mode;
    const double peak =
        binomialPmf(m_n, m_p + m_q, m) * binomialPmf(m, m_p / (m_p + m_q), mode + k);
    if (peak == 0.0)  // every term underflows
        return 0.0;
    // Sum the terms relative to the peak, so that none becomes subnormal (slow, inexact).
    constexpr double tiny = 1e-18;
    double sum = 1.0;
    double t = 1.0;
    for (std::int64_t d = mode; d < dHi; ++d) {
        t *= ratio(d);
        sum += t;
        if (t <= tiny)
            break;
    }
    t = 1.0;
    for (std::int64_t d = mode; d > dLo; --d) {
        t /= ratio(d - 1);
        sum += t;
        if (t <= tiny)
            break;
    }
    return peak * sum;
}

std::vector<double> Walk1DDistribution::pmf(std::int64_t lo, std::int64_t hi) const
{
    std::vector<double> out;
    if (hi < lo)
        return out;
    out.reserve(std::size_t(hi - lo + 1));
    for (std::int64_t k = lo; k <= hi; ++k)
        out.push_back(pmf(k));
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
