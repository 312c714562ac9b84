#include "core/exact/ReturnCount.h"

#include "core/exact/FirstPassage.h"
#include "core/exact/Walk1DDistribution.h"
#include "core/exact/detail/PathLawCheck.h"

#include <boost/math/distributions/binomial.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>

namespace walklab::core {

namespace {

constexpr double kTail = 1e-18;

/// P(R_n = j) for j = 0 … J from P(R_n ≥ j), j = 0 … J + 1 (atLeast[J + 1] < kTail or J = n).
std::vector<double> differences(const std::vector<long double>& atLeast)
{
    std::vector<double> law(atLeast.size() - 1);
    for (std::size_t j = 0; j < law.size(); ++j)
        law[j] = double(std::max(0.0L, atLeast[j] - atLeast[j + 1]));
    return law;
}

/// log(x), −∞ for x = 0.
long double logOf(long double x) { return x > 0 ? std::log(x) : -INFINITY; }

/// log(x^k) = k·log(x), with x^0 = 1 also for x = 0 (so no 0·(−∞)).
long double logPower(long double x, std::int64_t k) { return k == 0 ? 0.0L : (long double)k * logOf(x); }

/// r = 0: P(R_n ≥ j) = (2q)^j P(S_{n−j} ≥ j) + (2p)^j P(S_{n−j} < −j), S_m = 2U − m, U ~ Bin(m, p).
std::vector<double> countWithoutPause(std::int64_t n, double p, double q)
{
    std::vector<long double> atLeast{1.0L};
    for (std::int64_t j = 1; j <= n + 1; ++j) {
        long double value = 0;
        if (j <= n) {
            const std::int64_t m = n - j;
            const boost::math::binomial_distribution<double> ups(double(m), p);
            const std::int64_t high = (m + j + 1) / 2;      // S_m ≥ j ⟺ U ≥ ⌈(m + j)/2⌉
            const std::int64_t low = (m - j + 1) / 2 - 1;   // S_m < −j ⟺ U ≤ ⌈(m − j)/2⌉ − 1 (m > j)
            const double above = high > m ? 0.0 : boost::math::cdf(boost::math::complement(ups, double(high - 1)));
            const double below = m <= j || low < 0 ? 0.0 : boost::math::cdf(ups, double(low));
            value = std::exp(logPower(2.0L * q, j) + logOf(above)) + std::exp(logPower(2.0L * p, j) + logOf(below));
        }
        atLeast.push_back(value);
        if (value < kTail)
            break;
    }
    return differences(atLeast);
}

/// r > 0: P(R_n ≥ j) = Σ_i C(j, i) r^{j−i} (2q)^i P(T_i ≤ n − j) for j = 0 … J + 1, or nothing
/// when the work n·J would exceed the limit.
std::optional<std::vector<double>> countWithPause(std::int64_t n, double p, double q, double r)
{
    for (std::int64_t J = std::min<std::int64_t>(n, 64);; J = std::min(n, 2 * J)) {
        if (double(n) * double(J + 2) > kMaxLazyReturnCountWork)
            return std::nullopt;
        std::vector<long double> atLeast(std::size_t(J + 2), 0.0L);
        for (std::int64_t i = 0; i <= J + 1; ++i) {
            std::vector<double> cdf(std::size_t(n + 1), 1.0);  // P(T_i ≤ m); T_0 = 0
            if (i > 0) {
                cdf = *firstPassageLaw(i, p, q, n);
                long double sum = 0;
                for (double& c : cdf)
                    c = double(sum += c);
            }
            for (std::int64_t j = std::max<std::int64_t>(i, 1); j <= std::min(J + 1, n); ++j) {
                const long double logWeight = std::lgamma((long double)j + 1) - std::lgamma((long double)i + 1)
                                              - std::lgamma((long double)(j - i) + 1) + logPower(r, j - i)
                                              + logPower(2.0L * q, i);
                atLeast[std::size_t(j)] += std::exp(logWeight) * cdf[std::size_t(n - j)];
            }
        }
        atLeast[0] = 1;
        if (atLeast[std::size_t(J + 1)] < kTail || J == n) {
            std::size_t keep = 1;  // trim to the first j with P(R_n ≥ j) < kTail
            while (keep < atLeast.size() && atLeast[keep] >= kTail)
                ++keep;
            atLeast.resize(std::min(atLeast.size(), keep + 1));
            return differences(atLeast);
        }
    }
}

}  // namespace

Expected<std::vector<double>> returnCountLaw(std::int64_t n, double p, double q)
{
    assert(p >= 0 && q >= 0);
    if (auto e = detail::horizonError(n))
        return std::unexpected(Errors{*e});
    const double r = Walk1DDistribution(0, p, q).r();
    if (p + q == 0.0) {  // the walker never moves: every step is a lazy step at 0, a return
        std::vector<double> law(std::size_t(n + 1), 0.0);
        law[std::size_t(n)] = 1;
        return law;
    }
    if (r == 0.0)
        return countWithoutPause(n, p, q);
    if (auto law = countWithPause(n, p, q, r))
        return std::move(*law);
    return fail(ErrorKind::TooLarge, "steps",
                "steps = " + std::to_string(n) + ": the exact law of the number of returns of a lazy walk "
                "(p + q < 1) needs about steps × returns > 2·10^8 operations here; use fewer steps");
}

}  // namespace walklab::core
