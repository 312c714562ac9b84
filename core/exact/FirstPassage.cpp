#include "core/exact/FirstPassage.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/exact/detail/PathLawCheck.h"

#include <cassert>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxLevel = 1'000'000'000;

/// w[n] = P(T_k = n) for n ≤ w.size() − 1 by the recurrence of firstPassageLaw(), given
/// a = the probability of a step towards the level (p for k > 0), k = |level|.
void passageRecurrence(std::int64_t k, double a, double p, double q, std::vector<double>& w)
{
    const auto last = std::int64_t(w.size()) - 1;
    if (k > last || a == 0.0)
        return;
    const long double r = Walk1DDistribution(0, p, q).r();
    const long double c = 4.0L * p * q - r * r;
    const long double k2 = (long double)k * (long double)k;
    // v1 = w_{n−1}, v2 = w_{n−2}, both divided by e^{logScale}.
    long double v1 = 1, v2 = 0, logScale = (long double)k * std::log((long double)a);
    // e^{logScale}, or 0 below e^-800 (values under 1e-247 are written as 0: underflowing
    // conversions are slow).
    auto scaleOf = [](long double logScale) { return logScale < -800 ? 0.0L : std::exp(logScale); };
    long double factor = scaleOf(logScale);
    w[std::size_t(k)] = double(factor);
    for (std::int64_t n = k + 1; n <= last; ++n) {
        const long double m = (long double)n;
        const long double v = (r * (m - 1) * (2 * m - 1) * v1 + c * (m - 1) * (m - 2) * v2) / (m * m - k2);
        v2 = v1;
        v1 = v;
        if (v1 > 1e100L || (v1 > 0 && v1 < 1e-100L)) {
            logScale += std::log(v1);
            v2 /= v1;
            v1 = 1;
            factor = scaleOf(logScale);
        }
        w[std::size_t(n)] = v1 > 0 && factor > 0 ? double(v1 * factor) : 0.0;
    }
}

}  // namespace

Expected<std::vector<double>> firstPassageLaw(std::int64_t level, double p, double q, std::int64_t maxSteps)
{
    assert(p >= 0 && q >= 0);
    if (level == 0 || level > kMaxLevel || level < -kMaxLevel)
        return fail(ErrorKind::InvalidParameter, "level",
                    "level = " + std::to_string(level) + ": must be a nonzero integer between −10^9 and 10^9");
    if (auto e = detail::horizonError(maxSteps))
        return std::unexpected(Errors{*e});
    std::vector<double> w(std::size_t(maxSteps + 1), 0.0);
    passageRecurrence(std::abs(level), level > 0 ? p : q, p, q, w);
    return w;
}

double passageProbability(std::int64_t level, double p, double q)
{
    const double toward = level > 0 ? p : q, away = level > 0 ? q : p;
    if (toward == 0.0)
        return 0.0;
    if (toward >= away)
        return 1.0;
    return std::pow(toward / away, double(std::abs(level)));
}

double meanPassageTime(std::int64_t level, double p, double q)
{
    const double toward = level > 0 ? p : q, away = level > 0 ? q : p;
    if (toward <= away)
        return std::numeric_limits<double>::infinity();
    return double(std::abs(level)) / (toward - away);
}

Expected<std::vector<double>> firstReturnLaw(double p, double q, std::int64_t maxSteps)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(maxSteps))
        return std::unexpected(Errors{*e});
    std::vector<double> f(std::size_t(maxSteps + 1), 0.0);
    if (maxSteps == 0)
        return f;
    // g = P(T_{+1} = m) / p, m = 0 … maxSteps − 1, by the recurrence with a = 1; f_n = 2pq g_{n−1}.
    std::vector<double> g(std::size_t(maxSteps), 0.0);
    passageRecurrence(1, 1.0, p, q, g);
    f[1] = Walk1DDistribution(0, p, q).r();
    for (std::int64_t n = 2; n <= maxSteps; ++n)
        f[std::size_t(n)] = 2 * p * q * g[std::size_t(n - 1)];
    return f;
}

}  // namespace walklab::core
