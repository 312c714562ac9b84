#include "core/exact/ArcsineLaw.h"

#include "core/exact/FirstPassage.h"
#include "core/exact/ReturnProbabilities.h"
#include "core/exact/Walk1DDistribution.h"
#include "core/exact/detail/PathLawCheck.h"

#include <boost/math/constants/constants.hpp>

#include <cassert>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

/// u_t = P(S_t = 0), t = 0 … n.
std::vector<double> returnProbabilitiesOf(std::int64_t n, double p, double q, double r)
{
    if (p + q == 0.0)
        return std::vector<double>(std::size_t(n + 1), 1.0);  // the walk never moves
    const double weights[] = {p, q};
    const auto law = StepLaw::simple(1, weights, r);
    assert(law);
    auto u = returnProbabilities(*law, n);
    assert(u);
    return std::move(*u);
}

/// P(T > m), m = 0 … law.size() − 1, from P(T = m): 1 − a compensated running sum.
std::vector<double> survival(const std::vector<double>& law)
{
    std::vector<double> s(law.size());
    long double sum = 0;
    for (std::size_t m = 0; m < law.size(); ++m)
        s[m] = double(1.0L - (sum += law[m]));
    return s;
}

/// The r = 0 method of timePositiveLaw(): decomposition at the last zero, suffix sums.
std::vector<double> timePositiveWithoutPause(std::int64_t n, double p, double q)
{
    const std::vector<double> u = returnProbabilitiesOf(n, p, q, 0.0);
    const std::vector<double> upSurvival = survival(*firstPassageLaw(+1, p, q, n));
    const std::vector<double> downSurvival = survival(*firstPassageLaw(-1, p, q, n));
    // negative[L/2] = Σ_{L' ≥ L even, L' < n} u_L' q P(T_{+1} > n − L' − 1) / (L'/2 + 1), positive[L/2] the same
    // with p P(T_{−1} > …): the bridge ends at L' and the walk then stays negative (positive).
    // Only even L contribute: entry L/2, summed in long double, stored as double (0 for L ≥ n).
    std::vector<double> negative(std::size_t(n / 2 + 2), 0.0), positive(std::size_t(n / 2 + 2), 0.0);
    long double negativeSum = 0, positiveSum = 0;
    for (std::int64_t L = n >= 1 ? (n - 1) / 2 * 2 : -2; L >= 0; L -= 2) {  // the largest even L < n
        const long double share = (long double)u[std::size_t(L)] / (L / 2 + 1);
        negative[std::size_t(L / 2)] = double(negativeSum += share * q * upSurvival[std::size_t(n - L - 1)]);
        positive[std::size_t(L / 2)] = double(positiveSum += share * p * downSurvival[std::size_t(n - L - 1)]);
    }
    std::vector<double> law(std::size_t(n + 1), 0.0);
    const long double bridge = n % 2 == 0 ? (long double)u[std::size_t(n)] / (n / 2 + 1) : 0.0L;
    for (std::int64_t k = 0; k <= n; ++k) {
        long double sum = 0;
        if (k % 2 == 0)
            sum += (long double)negative[std::size_t(k / 2)] + bridge;
        if ((n - k) % 2 == 0)
            sum += (long double)positive[std::size_t((n - k) / 2)];
        law[std::size_t(k)] = double(sum);
    }
    return law;
}

/// The r > 0 method of timePositiveLaw(): the joint law of (S_t, P_t), t = 0 … n.
std::vector<double> timePositiveByRecursion(std::int64_t n, double p, double q, double r)
{
    const std::size_t width = std::size_t(2 * n + 1), counts = std::size_t(n + 1);
    // cur[(s + n)·counts + c] = P(S_t = s, P_t = c)
    std::vector<double> cur(width * counts, 0.0), next(width * counts, 0.0);
    auto cell = [&](std::int64_t s, std::int64_t c) { return std::size_t(s + n) * counts + std::size_t(c); };
    cur[cell(0, 0)] = 1;
    for (std::int64_t t = 0; t < n; ++t) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::int64_t s = -t; s <= t; ++s)
            for (std::int64_t c = 0; c <= t; ++c) {
                const double w = cur[cell(s, c)];
                if (w == 0.0)
                    continue;
                next[cell(s + 1, c + (s >= 0))] += p * w;
                next[cell(s - 1, c + (s > 0))] += q * w;
                next[cell(s, c + (s > 0))] += r * w;
            }
        std::swap(cur, next);
    }
    std::vector<double> law(counts, 0.0);
    for (std::int64_t s = -n; s <= n; ++s)
        for (std::int64_t c = 0; c <= n; ++c)
            law[std::size_t(c)] += cur[cell(s, c)];
    return law;
}

}  // namespace

Expected<std::vector<double>> lastZeroLaw(std::int64_t n, double p, double q)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(n))
        return std::unexpected(Errors{*e});
    const double r = Walk1DDistribution(0, p, q).r();
    const std::vector<double> u = returnProbabilitiesOf(n, p, q, r);
    const std::vector<double> noReturn = survival(*firstReturnLaw(p, q, n));
    std::vector<double> law(std::size_t(n + 1));
    for (std::int64_t t = 0; t <= n; ++t)
        law[std::size_t(t)] = u[std::size_t(t)] * noReturn[std::size_t(n - t)];
    return law;
}

Expected<std::vector<double>> timePositiveLaw(std::int64_t n, double p, double q)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(n))
        return std::unexpected(Errors{*e});
    const double r = Walk1DDistribution(0, p, q).r();
    if (r == 0.0)
        return timePositiveWithoutPause(n, p, q);
    if (n > kMaxLazyOccupationSteps)
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(n) + ": the exact law of the time positive of a lazy walk "
                    "(p + q < 1) is computed for at most " + std::to_string(kMaxLazyOccupationSteps) + " steps");
    return timePositiveByRecursion(n, p, q, r);
}

double arcsineDensity(double x)
{
    if (!(x >= 0 && x <= 1))
        return 0.0;
    if (x == 0 || x == 1)
        return std::numeric_limits<double>::infinity();
    return 1.0 / (boost::math::constants::pi<double>() * std::sqrt(x * (1 - x)));
}

double arcsineCdf(double x)
{
    if (!(x > 0))
        return 0.0;
    if (x >= 1)
        return 1.0;
    return 2.0 / boost::math::constants::pi<double>() * std::asin(std::sqrt(x));
}

}  // namespace walklab::core
