#include "core/exact/detail/BinomialMixture.h"

#include <boost/math/constants/constants.hpp>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace walklab::core::detail {

namespace {

// stirlerr(n) = log(n!) − log(√(2πn) (n/e)^n).
double stirlerr(double n)
{
    constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680,
                     s4 = 1.0 / 1188;
    if (n <= 15.0) {
        const double half_log_two_pi = 0.5 * std::log(boost::math::constants::two_pi<double>());
        return std::lgamma(n + 1.0) - (n + 0.5) * std::log(n) + n - half_log_two_pi;
    }
    const double nn = n * n;
    if (n > 500)
        return (s0 - s1 / nn) / n;
    if (n > 80)
        return (s0 - (s1 - s2 / nn) / nn) / n;
    if (n > 35)
        return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// bd0(x, np) = x log(x/np) + np − x, computed without cancellation.
double bd0(double x, double np)
{
    if (std::abs(x - np) < 0.1 * (x + np)) {
        double v = (x - np) / (x + np);
        double s = (x - np) * v;
        double ej = 2 * x * v;
        v *= v;
        for (int j = 1; j < 1000; ++j) {
            ej *= v;
            const double s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
        return s;
    }
    return x * std::log(x / np) + np - x;
}

bool oddEntriesZero(std::span<const double> a)
{
    for (std::size_t i = 1; i < a.size(); i += 2)
        if (a[i] != 0.0)
            return false;
    return true;
}

std::int64_t lastPositive(std::span<const double> a)
{
    for (std::size_t i = a.size(); i-- > 0;)
        if (a[i] > 0.0)
            return std::int64_t(i);
    return -1;
}

}  // namespace

double binomialPmf(std::int64_t n, std::int64_t k, double theta)
{
    if (k < 0 || k > n)
        return 0.0;
    const double q = 1.0 - theta;
    if (theta == 0.0)
        return k == 0 ? 1.0 : 0.0;
    if (q == 0.0)
        return k == n ? 1.0 : 0.0;
    const double dn = double(n), dk = double(k);
    if (k == 0)
        return std::exp(dn * std::log1p(-theta));
    if (k == n)
        return std::exp(dn * std::log(theta));
    const double lc = stirlerr(dn) - stirlerr(dk) - stirlerr(dn - dk) - bd0(dk, dn * theta) -
                      bd0(dn - dk, dn * q);
    const double lf = std::log(boost::math::constants::two_pi<double>()) + std::log(dk) +
                      std::log1p(-dk / dn);
    return std::exp(lc - 0.5 * lf);
}

std::vector<double> binomialMixture(std::span<const double> a, std::span<const double> b,
                                    double theta)
{
    assert(theta >= 0.0 && theta <= 1.0);
    const std::size_t size = std::min(a.size(), b.size());
    std::vector<double> c(size, 0.0);
    if (size == 0)
        return c;
    if (theta == 0.0 || theta == 1.0) {
        for (std::size_t n = 0; n < size; ++n)
            c[n] = theta == 0.0 ? a[0] * b[n] : a[n] * b[0];
        return c;
    }
    const bool evenA = oddEntriesZero(a.first(size)), evenB = oddEntriesZero(b.first(size));
    const std::int64_t s = (evenA || evenB) ? 2 : 1;
    const std::int64_t lastA = lastPositive(a.first(size)), lastB = lastPositive(b.first(size));
    const double odds = theta / (1.0 - theta), inverseOdds = (1.0 - theta) / theta;
    std::vector<double> reciprocal(size + 1, 0.0);
    for (std::size_t i = 1; i <= size; ++i)
        reciprocal[i] = 1.0 / double(i);
    constexpr double tiny = 1e-18;

    std::int64_t mode = 0;  // the largest term's k, carried from one n to the next
    for (std::int64_t n = 0; n < std::int64_t(size); ++n) {
        if (evenA && evenB && (n % 2) != 0)
            continue;
        // Allowed k: k even if a lives on even indices, n − k even if b does.
        const std::int64_t residue = evenA ? 0 : evenB ? (n % 2) : 0;
        std::int64_t kLo = std::max<std::int64_t>(0, n - lastB);
        std::int64_t kHi = std::min<std::int64_t>(n, lastA);
        if (s == 2) {
            if (((kLo - residue) % 2 + 2) % 2 != 0)
                ++kLo;
            if (((kHi - residue) % 2 + 2) % 2 != 0)
                --kHi;
        }
        if (kLo > kHi)
            continue;
        // Term ratio t(k + s) / t(k) for kLo ≤ k < k + s ≤ kHi.
        auto ratio = [&](std::int64_t k) {
            double r = 1.0;
            for (std::int64_t i = 0; i < s; ++i)
                r *= double(n - k - i) / double(k + i + 1) * odds;
            return r * (a[std::size_t(k + s)] / a[std::size_t(k)]) *
                   (b[std::size_t(n - k - s)] / b[std::size_t(n - k)]);
        };
        std::int64_t k = std::clamp(mode + std::int64_t(std::llround(theta * double(s))), kLo, kHi);
        if (s == 2 && ((k - kLo) % 2) != 0)
            --k;
        while (k + s <= kHi && ratio(k) > 1.0)
            k += s;
        while (k - s >= kLo && ratio(k - s) < 1.0)
            k -= s;
        mode = k;
        const double weight = binomialPmf(n, k, theta);
        const double peak = weight * a[std::size_t(k)] * b[std::size_t(n - k)];
        if (!(peak > 0.0))
            continue;
        // Outwards from the peak the binomial weight follows its exact ratio (with the
        // reciprocals tabulated, no division in the loop) and each term is weight·a_k·b_{n−k}.
        double sum = peak;
        double w = weight;
        for (std::int64_t j = k; j + s <= kHi; j += s) {
            for (std::int64_t i = 0; i < s; ++i)
                w *= double(n - j - i) * reciprocal[std::size_t(j + i + 1)] * odds;
            const double t = w * a[std::size_t(j + s)] * b[std::size_t(n - j - s)];
            sum += t;
            if (t < tiny * sum)
                break;
        }
        w = weight;
        for (std::int64_t j = k; j - s >= kLo; j -= s) {
            for (std::int64_t i = 0; i < s; ++i)
                w *= double(j - i) * reciprocal[std::size_t(n - j + i + 1)] * inverseOdds;
            const double t = w * a[std::size_t(j - s)] * b[std::size_t(n - j + s)];
            sum += t;
            if (t < tiny * sum)
                break;
        }
        c[std::size_t(n)] = sum;
    }
    return c;
}

}  // namespace walklab::core::detail
