#include "core/exact/GamblersRuin.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// The transfer-matrix iterations stop once the mass left is below this.
constexpr double kNegligible = 1e-30;
/// Transfer-matrix entries below this are set to 0 (at most a·n·10^-305 of mass, < 10^-285;
/// subnormal arithmetic is ~100× slower).
constexpr double kFlushed = 1e-305;

void checkPreconditions([[maybe_unused]] std::int64_t z, [[maybe_unused]] std::int64_t a,
                        [[maybe_unused]] double p, [[maybe_unused]] double q)
{
    assert(a >= 1 && z >= 0 && z <= a);
    assert(p >= 0 && q >= 0 && p + q > 0 && p + q <= 1 + 4 * std::numeric_limits<double>::epsilon());
}

double lazy(double p, double q)
{
    return std::max(0.0, 1 - p - q);
}

/// log(num/den) to a few ulps: log1p of the exact difference when the ratio is near 1.
double logRatio(double num, double den)
{
    if (den == 0)
        return kInf;
    if (num == 0)
        return -kInf;
    if (num >= 0.5 * den && num <= 2 * den)
        return std::log1p((num - den) / den);  // num − den is exact here (Sterbenz)
    return std::log(num) - std::log(den);
}

/// P(reach a before 0 from z) for λ = log(q/p): (1 − e^{λz})/(1 − e^{λa}), written so that
/// no exponential overflows and nothing cancels.
double win(std::int64_t z, std::int64_t a, double lambda)
{
    if (z == 0)
        return 0;
    if (z == a)
        return 1;
    if (lambda == 0)
        return double(z) / double(a);
    if (lambda < 0)
        return std::expm1(lambda * double(z)) / std::expm1(lambda * double(a));
    return std::exp(-lambda * double(a - z)) * std::expm1(-lambda * double(z)) / std::expm1(-lambda * double(a));
}

/// B(x) = (e^x − 1)/x, B(0) = 1.
double expm1Ratio(double x)
{
    return x == 0 ? 1.0 : std::expm1(x) / x;
}

/// (B(x) − B(y))/(x − y) = Σ_{k≥1} h_{k−1}(x, y)/(k + 1)! for |y| ≤ |x| < 1: 30 terms leave
/// a remainder below 30/31! < 1e-32.
double expm1RatioSlope(double x, double y)
{
    double h = 1, yPower = 1, factorial = 2, sum = 0;
    for (int k = 1; k <= 30; ++k) {
        sum += h / factorial;
        yPower *= y;
        h = x * h + yPower;
        factorial *= double(k + 2);
    }
    return sum;
}

/// t*, a time by which P(T > t) < kNegligible from every start: survival ≤
/// √(a−1)·cond·λ₁^t, cond = (max(p,q)/min(p,q))^{(a−2)/2} (the matrix is similar to a
/// symmetric one by a diagonal of that condition number); for p·q = 0 the walk moves one way
/// and T > t needs fewer than a moves in t steps, a Chernoff bound.
double negligibleHorizon(std::int64_t a, double p, double q)
{
    if (p == 0 || q == 0)
        return (2 * double(a) + 560) / (p + q);
    const double top = lazy(p, q) + 2 * std::sqrt(p * q) * std::cos(M_PI / double(a));
    const double logBound = 0.5 * std::log(double(a - 1)) + std::abs(logRatio(q, p)) * double(a - 2) / 2
                            - std::log(kNegligible);
    return top <= 0 ? 1.0 : std::ceil(logBound / -std::log(top));
}

}  // namespace

double ruinProbability(std::int64_t z, std::int64_t a, double p, double q)
{
    checkPreconditions(z, a, p, q);
    return win(a - z, a, logRatio(p, q));
}

double winProbability(std::int64_t z, std::int64_t a, double p, double q)
{
    checkPreconditions(z, a, p, q);
    return win(z, a, logRatio(q, p));
}

double expectedDuration(std::int64_t z, std::int64_t a, double p, double q)
{
    checkPreconditions(z, a, p, q);
    if (z == 0 || z == a)
        return 0;
    const double lambda = logRatio(q, p);
    const double zd = double(z), ad = double(a);
    if (std::abs(lambda) * ad < 1)
        return zd * (ad - zd) * expm1RatioSlope(lambda * ad, lambda * zd)
               / (p * expm1Ratio(lambda * ad) * expm1Ratio(lambda));
    // z − a·W_z cancels when |λ|(a − z) is small; the mirror image (a − z, q, p) cancels when
    // |λ|z is: use the form whose distance is the larger one, at least a/2.
    if (z <= a - z)
        return (zd - ad * win(z, a, lambda)) / (q - p);
    return ((ad - zd) - ad * win(a - z, a, -lambda)) / (p - q);
}

double expectedGain(std::int64_t z, std::int64_t a, double p, double q)
{
    return (p - q) * expectedDuration(z, a, p, q);
}

std::vector<double> ruinCurve(std::int64_t a, double p, double q)
{
    assert(a <= 10'000'000);
    std::vector<double> curve;
    curve.reserve(std::size_t(a + 1));
    for (std::int64_t z = 0; z <= a; ++z)
        curve.push_back(ruinProbability(z, a, p, q));
    return curve;
}

namespace {

/// Steps of the transfer matrix on 1 … a − 1 needed up to time n (none past the time when the
/// mass left is negligible), or TooLarge when (a − 1) × steps exceeds kMaxTransferWork.
Expected<double> transferSteps(std::int64_t a, double p, double q, std::int64_t n, const std::string& what)
{
    const double steps = std::min(double(n), negligibleHorizon(a, p, q));
    const double work = double(a - 1) * steps;
    if (work > kMaxTransferWork)
        return fail(ErrorKind::TooLarge, "steps",
                    what + " would take about " + formatSignificant(work, 3)
                        + " steps of the transfer matrix (a − 1 = " + std::to_string(a - 1) + " states × "
                        + formatSignificant(steps, 3) + " steps); the limit is "
                        + formatSignificant(kMaxTransferWork, 3));
    return steps;
}

}  // namespace

Expected<std::vector<double>> ruinCurveWithin(std::int64_t a, double p, double q, std::int64_t n)
{
    checkPreconditions(0, a, p, q);
    assert(n >= 0);
    const auto steps = transferSteps(a, p, q, n, "the exact ruin curve within n");
    if (!steps)
        return std::unexpected(steps.error());
    const double r = lazy(p, q);
    std::vector<double> u(std::size_t(a + 1), 0.0), next(u.size(), 0.0);
    u[0] = next[0] = 1;
    for (std::int64_t t = 0; t < std::int64_t(*steps); ++t) {
        for (std::size_t x = 1; x + 1 < u.size(); ++x) {
            const double m = q * u[x - 1] + r * u[x] + p * u[x + 1];
            next[x] = m < kFlushed ? 0.0 : m;
        }
        u.swap(next);
    }
    return u;
}

int ruinDurationParity(std::int64_t z, std::int64_t a, double p, double q)
{
    checkPreconditions(z, a, p, q);
    return lazy(p, q) < 4 * std::numeric_limits<double>::epsilon() && a % 2 == 0 ? int(z % 2) : -1;
}

Expected<RuinDurationLaw> ruinDurationLaw(std::int64_t z, std::int64_t a, double p, double q,
                                          const TimeBins& bins)
{
    checkPreconditions(z, a, p, q);
    assert(bins.lower(0) == 1);
    const std::vector<std::int64_t>& edges = bins.edges();
    RuinDurationLaw law;
    law.ruin.assign(bins.bins(), 0.0);
    law.win.assign(bins.bins(), 0.0);
    if (z == 0 || z == a)
        return law;
    const std::int64_t n = edges.back() - 1;
    const double r = lazy(p, q);

    const auto steps = transferSteps(a, p, q, n, "the exact law of the duration");
    if (!steps)
        return std::unexpected(steps.error());

    std::vector<double> v(std::size_t(a + 1), 0.0), next(v.size(), 0.0);
    v[std::size_t(z)] = 1;
    std::size_t bin = 0;
    double weightedTime = 0;
    for (std::int64_t t = 1; t <= n; ++t) {
        const double ruined = q * v[1], won = p * v[std::size_t(a - 1)];
        for (std::size_t x = 1; x + 1 < v.size(); ++x) {
            // Far from the mass the values underflow; subnormal arithmetic is ~100× slower.
            const double m = p * v[x - 1] + r * v[x] + q * v[x + 1];
            next[x] = m < kFlushed ? 0.0 : m;
        }
        v.swap(next);
        while (edges[bin + 1] <= t)
            ++bin;
        law.ruin[bin] += ruined;
        law.win[bin] += won;
        weightedTime += double(t) * (ruined + won);
        if (t % 64 == 0) {
            double left = 0;
            for (double m : v)
                left += m;
            if (left < kNegligible)
                break;
        }
    }
    for (double m : v)
        law.beyond += m;
    for (std::size_t i = 0; i < law.ruin.size(); ++i) {
        law.ruinBy += law.ruin[i];
        law.winBy += law.win[i];
    }
    law.truncatedMean = weightedTime + double(n) * law.beyond;
    return law;
}

std::vector<double> reflectingStationaryLaw(std::int64_t a, double p, double q)
{
    checkPreconditions(0, a, p, q);
    const double mu = logRatio(p, q);
    std::vector<double> pi(std::size_t(a + 1));
    if (mu == 0) {
        std::fill(pi.begin(), pi.end(), 1.0 / double(a + 1));
        return pi;
    }
    // π_x = e^{νx}·expm1(ν)/expm1(ν(a + 1)) with ν = −|μ| < 0, counted from the heavy end.
    const double nu = -std::abs(mu);
    const double scale = std::expm1(nu) / std::expm1(nu * double(a + 1));
    for (std::int64_t i = 0; i <= a; ++i) {
        const double value = i == 0 ? scale : std::exp(nu * double(i)) * scale;
        pi[std::size_t(mu < 0 ? i : a - i)] = value;
    }
    return pi;
}

namespace {

/// One step of the reflecting walk: next = v·P.
void reflectingStep(const std::vector<double>& v, std::vector<double>& next, double p, double q, double r)
{
    const std::size_t last = v.size() - 1;
    for (std::size_t x = 1; x < last; ++x) {
        const double m = p * v[x - 1] + r * v[x] + q * v[x + 1];
        next[x] = m < kFlushed ? 0.0 : m;
    }
    next[0] = (q + r) * v[0] + q * v[1];
    next[last] = (p + r) * v[last] + p * v[last - 1];
}

using Matrix = std::vector<std::vector<double>>;

Matrix multiply(const Matrix& left, const Matrix& right)
{
    const std::size_t size = left.size();
    Matrix product(size, std::vector<double>(size, 0.0));
    for (std::size_t i = 0; i < size; ++i)
        for (std::size_t k = 0; k < size; ++k) {
            const double l = left[i][k];
            if (l == 0)
                continue;
            for (std::size_t j = 0; j < size; ++j)
                product[i][j] += l * right[k][j];
        }
    return product;
}

}  // namespace

Expected<std::vector<double>> reflectingPositionLaw(std::int64_t z, std::int64_t a, double p, double q,
                                                    std::int64_t steps)
{
    checkPreconditions(z, a, p, q);
    assert(steps >= 0);
    const double r = lazy(p, q);
    const double size = double(a + 1);
    std::vector<double> v(std::size_t(a + 1), 0.0);
    v[std::size_t(z)] = 1;
    if (size * double(steps) <= kMaxTransferWork) {
        std::vector<double> next(v.size(), 0.0);
        for (std::int64_t t = 0; t < steps; ++t) {
            reflectingStep(v, next, p, q, r);
            v.swap(next);
        }
        return v;
    }
    const double squarings = std::ceil(std::log2(double(steps) + 1));
    const double work = size * size * size * 2 * squarings;
    if (work > kMaxTransferWork)
        return fail(ErrorKind::TooLarge, "steps",
                    "the exact law of the position would take about " + formatSignificant(size * double(steps), 3)
                        + " steps of the transfer matrix ((a + 1) × n), or " + formatSignificant(work, 3)
                        + " operations by matrix squaring; the limit is " + formatSignificant(kMaxTransferWork, 3));
    // v·P^n by binary powers; row x of P is the law after one step from x.
    Matrix power(v.size(), std::vector<double>(v.size(), 0.0));
    std::vector<double> unit(v.size(), 0.0);
    for (std::size_t x = 0; x < v.size(); ++x) {
        unit[x] = 1;
        reflectingStep(unit, power[x], p, q, r);
        unit[x] = 0;
    }
    for (std::int64_t left = steps; left > 0; left >>= 1) {
        if (left & 1) {
            std::vector<double> next(v.size(), 0.0);
            for (std::size_t i = 0; i < v.size(); ++i)
                for (std::size_t j = 0; j < v.size(); ++j)
                    next[j] += v[i] * power[i][j];
            v.swap(next);
        }
        if (left > 1) {
            power = multiply(power, power);
            // Each squaring doubles a rounding error in the row sums (the eigenvalue 1):
            // the rows are laws, so put them back to total 1.
            for (auto& row : power) {
                double total = 0;
                for (double m : row)
                    total += m;
                for (double& m : row)
                    m /= total;
            }
        }
    }
    return v;
}

}  // namespace walklab::core
