#include "core/stats/KolmogorovSmirnov.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace walklab::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A square matrix with a binary exponent: value = m · 2^exponent.
struct ScaledMatrix {
    int size = 0;
    std::vector<double> a;  ///< row-major
    long exponent = 0;

    double& at(int i, int j) { return a[std::size_t(i) * std::size_t(size) + std::size_t(j)]; }
    double at(int i, int j) const { return a[std::size_t(i) * std::size_t(size) + std::size_t(j)]; }
};

ScaledMatrix multiply(const ScaledMatrix& x, const ScaledMatrix& y)
{
    const int m = x.size;
    ScaledMatrix r{m, std::vector<double>(std::size_t(m) * std::size_t(m), 0.0), x.exponent + y.exponent};
    for (int i = 0; i < m; ++i)
        for (int k = 0; k < m; ++k) {
            const double xik = x.at(i, k);
            if (xik == 0)
                continue;
            for (int j = 0; j < m; ++j)
                r.at(i, j) += xik * y.at(k, j);
        }
    return r;
}

/// Keeps the centre entry (the one the answer is read from) near 1, as MTW do with 10^140.
void rescale(ScaledMatrix& x, int centre)
{
    const double c = std::abs(x.at(centre, centre));
    if (c > 0x1p128 || (c > 0 && c < 0x1p-128)) {
        int e = 0;
        std::frexp(c, &e);
        for (double& v : x.a)
            v = std::ldexp(v, -e);
        x.exponent += e;
    }
}

ScaledMatrix power(const ScaledMatrix& h, std::int64_t n, int centre)
{
    if (n == 1)
        return h;
    ScaledMatrix half = power(h, n / 2, centre);
    ScaledMatrix r = multiply(half, half);
    if (n % 2 == 1)
        r = multiply(r, h);
    rescale(r, centre);
    return r;
}

/// P(D_n < d) by Durbin's matrix formula in the form of Marsaglia, Tsang & Wang (2003):
/// with k = ⌊nd⌋ + 1, m = 2k − 1, h = k − nd, the answer is n!/nⁿ · (H^n)_{kk} for the m×m
/// matrix H_{ij} = 1/(i − j + 1)! for i − j + 1 ≥ 0 (0 above), except the first column and
/// last row, which lose h^i / i! terms, and the corner, which gains (2h − 1)₊^m / m!.
double durbinCdf(std::int64_t n, double d)
{
    const double nd = double(n) * d;
    const int k = int(nd) + 1;
    const int m = 2 * k - 1;
    const double h = k - nd;
    ScaledMatrix hm{m, std::vector<double>(std::size_t(m) * std::size_t(m), 0.0), 0};
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j)
            if (i - j + 1 >= 0)
                hm.at(i, j) = 1.0;
    for (int i = 0; i < m; ++i) {
        hm.at(i, 0) -= std::pow(h, i + 1);
        hm.at(m - 1, i) -= std::pow(h, m - i);
    }
    hm.at(m - 1, 0) += 2 * h - 1 > 0 ? std::pow(2 * h - 1, m) : 0.0;
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j)
            for (int g = 1; g <= i - j + 1; ++g)
                hm.at(i, j) /= g;
    ScaledMatrix q = power(hm, n, k - 1);
    double s = q.at(k - 1, k - 1);
    long e = q.exponent;
    // Multiply by n!/nⁿ one factor at a time, keeping s in range.
    for (std::int64_t i = 1; i <= n; ++i) {
        s = s * double(i) / double(n);
        if (s < 0x1p-128) {
            s = std::ldexp(s, 128);
            e -= 128;
        }
    }
    return std::clamp(std::ldexp(s, int(e)), 0.0, 1.0);
}

/// P(D_n⁺ ≥ d) by the Birnbaum–Tingey (1951) sum, every term positive, summed in logs.
double smirnovSf(std::int64_t n, double d)
{
    const double dn = double(n);
    const std::int64_t last = std::int64_t(std::floor(dn * (1 - d)));
    const double lgn = std::lgamma(dn + 1);
    std::vector<double> logTerm;
    logTerm.reserve(std::size_t(last + 1));
    double top = -std::numeric_limits<double>::infinity();
    for (std::int64_t j = 0; j <= last; ++j) {
        const double dj = double(j);
        const double a = 1 - d - dj / dn;  // base of the (n − j)-th power
        if (a <= 0 && n - j > 0)
            continue;
        const double lt = lgn - std::lgamma(dj + 1) - std::lgamma(dn - dj + 1)
                          + (n - j > 0 ? (dn - dj) * std::log(a) : 0.0)
                          + (dj - 1) * std::log(d + dj / dn);
        logTerm.push_back(lt);
        top = std::max(top, lt);
    }
    double sum = 0;
    for (const double lt : logTerm)
        sum += std::exp(lt - top);
    return std::min(1.0, d * sum * std::exp(top));
}

/// Pelz & Good (1976) approximation of P(D_n < d) = K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2},
/// z = d√n, in the theta-function form suited to small z (the formulas as given by Simard &
/// L'Ecuyer 2011, with the odd-index sums over m = 2k − 1).
double pelzGoodCdf(std::int64_t n, double d)
{
    using std::numbers::pi;
    const double z = d * std::sqrt(double(n));
    const double z2 = z * z, z4 = z2 * z2, z6 = z4 * z2, z8 = z4 * z4;
    const double pi2 = pi * pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
    const double sqrt2pi = std::sqrt(2 * pi);
    if (pi2 / (8 * z2) > 700)
        return 0.0;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;  // sums over odd m of the four K's
    const int terms = int(std::ceil(16 * z / pi)) + 2;
    for (int k = 1; k <= terms; ++k) {
        const double m = 2.0 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
        const double e = std::exp(-pi2 * m2 / (8 * z2));
        s0 += e;
        s1 += (pi2 * m2 / 4 - z2) * e;
        s2 += (6 * z6 + 2 * z4 + pi2 * (2 * z4 - 5 * z2) * m2 / 4 + pi4 * (1 - 2 * z2) * m4 / 16) * e;
        s3 += (-30 * z6 - 90 * z8 + pi2 * (135 * z4 - 96 * z6) * m2 / 4
               + pi4 * (212 * z4 - 60 * z2) * m4 / 16 + pi6 * (5 - 30 * z2) * m6 / 64) * e;
    }
    double t2 = 0, t3 = 0;  // sums over all k ≥ 1 in K₂ and K₃
    for (int k = 1; k <= terms; ++k) {
        const double k2 = double(k) * k;
        const double e = std::exp(-pi2 * k2 / (2 * z2));
        t2 += k2 * e;
        t3 += (3 * z2 - pi2 * k2) * k2 * e;
    }
    const double k0 = sqrt2pi / z * s0;
    const double k1 = sqrt2pi / (6 * z4) * s1;
    const double k2 = sqrt2pi / (72 * z6 * z) * s2 - pi2 * sqrt2pi / (36 * z2 * z) * t2;
    const double k3 = sqrt2pi / (6480 * z8 * z2) * s3 + pi2 * sqrt2pi / (216 * z6) * t3;
    const double rn = std::sqrt(double(n));
    return std::clamp(k0 + k1 / rn + k2 / double(n) + k3 / (double(n) * rn), 0.0, 1.0);
}

}  // namespace

double kolmogorovLimitSf(double x)
{
    if (std::isnan(x))
        return kNaN;
    if (x <= 0)
        return 1.0;
    using std::numbers::pi;
    if (x < 1) {
        double s = 0;
        for (int k = 1; k <= 8; ++k) {
            const double m = 2.0 * k - 1;
            s += std::exp(-m * m * pi * pi / (8 * x * x));
        }
        return std::clamp(1 - std::sqrt(2 * pi) / x * s, 0.0, 1.0);
    }
    double s = 0;
    for (int k = 1; k <= 20; ++k)
        s += (k % 2 == 1 ? 2.0 : -2.0) * std::exp(-2.0 * k * k * x * x);
    return std::clamp(s, 0.0, 1.0);
}

double kolmogorovSmirnovSf(std::int64_t n, double d)
{
    if (n < 1 || std::isnan(d))
        return kNaN;
    if (d >= 1)
        return 0.0;
    const double dn = double(n);
    const double t = dn * d;
    if (t <= 0.5)
        return 1.0;
    if (t <= 1) {
        // Ruben & Gambino: P(D_n < d) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ d ≤ 1/n.
        const double logCdf = std::lgamma(dn + 1) - dn * std::log(dn) + dn * std::log(2 * t - 1);
        return -std::expm1(logCdf);
    }
    if (t >= dn - 1)
        return std::min(1.0, 2 * std::pow(1 - d, dn));
    if (d >= 0.5)
        return std::min(1.0, 2 * smirnovSf(n, d));
    const double s = t * d;
    if (s >= 370)
        return 0.0;
    if (s >= 2.2)
        return std::min(1.0, 2 * smirnovSf(n, d));
    if (n <= 140 || (n <= 100000 && dn * std::pow(d, 1.5) < 1.4))
        return 1 - durbinCdf(n, d);
    return 1 - pelzGoodCdf(n, d);
}

KolmogorovSmirnovResult kolmogorovSmirnovTest(std::vector<double> sample,
                                              const std::function<double(double)>& cdf)
{
    KolmogorovSmirnovResult r;
    if (sample.empty())
        return r;
    for (const double x : sample)
        if (std::isnan(x)) {
            r.statistic = r.pValue = kNaN;
            r.sampleSize = double(sample.size());
            return r;
        }
    std::sort(sample.begin(), sample.end());
    const double n = double(sample.size());
    double dmax = 0;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const double f = cdf(sample[i]);
        dmax = std::max({dmax, double(i + 1) / n - f, f - double(i) / n});
    }
    r.statistic = dmax;
    r.sampleSize = n;
    r.pValue = kolmogorovSmirnovSf(std::int64_t(sample.size()), dmax);
    return r;
}

KolmogorovSmirnovResult kolmogorovSmirnovTwoSample(std::vector<double> a, std::vector<double> b)
{
    KolmogorovSmirnovResult r;
    if (a.empty() || b.empty())
        return r;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const double na = double(a.size()), nb = double(b.size());
    std::size_t i = 0, j = 0;
    double dmax = 0;
    while (i < a.size() && j < b.size()) {
        const double x = std::min(a[i], b[j]);
        while (i < a.size() && a[i] == x)
            ++i;
        while (j < b.size() && b[j] == x)
            ++j;
        dmax = std::max(dmax, std::abs(double(i) / na - double(j) / nb));
    }
    const double ne = na * nb / (na + nb);
    const double rne = std::sqrt(ne);
    r.statistic = dmax;
    r.sampleSize = ne;
    r.pValue = kolmogorovLimitSf((rne + 0.12 + 0.11 / rne) * dmax);
    return r;
}

}  // namespace walklab::core
