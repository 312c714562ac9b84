#include "core/process/CumulativeIntensity.h"

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

constexpr int kInitialPieces = 1024;
constexpr std::size_t kMaxExamined = std::size_t(1) << 15;
constexpr int kMaxBisections = 36;

using Kronrod = boost::math::quadrature::gauss_kronrod<double, 31>;
using Gauss = boost::math::quadrature::gauss<double, 15>;

/// A piece waiting to be examined: its ends, λ there, its integral and how often it was bisected.
struct Piece {
    double a, b, rateA, rateB, integral;
    int depth;
};

}  // namespace

CumulativeIntensity::CumulativeIntensity(const std::function<double(double)>& rate, double horizon,
                                         double relativeTolerance)
{
    auto f = [&](double s) {
        const double v = rate(s);
        if (std::isfinite(v))
            return v;
        m_converged = m_finite = false;
        return 0.0;
    };
    // Kronrod's 31-point rule and its error estimate |K − G| against the embedded 15-point Gauss
    // rule (computed here: Boost's own estimate is on the rule's reference interval [−1, 1]).
    auto integrate = [&](double a, double b, double& error) {
        const double k = Kronrod::integrate(f, a, b, 0, 0.0);
        error = std::max(std::abs(k - Gauss::integrate(f, a, b)), 2 * std::numeric_limits<double>::epsilon() * std::abs(k));
        return k;
    };

    // The first pieces, kept in reverse so that the stack hands them out left to right.
    std::vector<Piece> stack;
    std::vector<double> rates(kInitialPieces + 1);
    auto timeOf = [&](int j) { return j == kInitialPieces ? horizon : horizon * double(j) / kInitialPieces; };
    for (int j = 0; j <= kInitialPieces; ++j)
        rates[std::size_t(j)] = f(timeOf(j));
    double scale = 0;
    for (int j = kInitialPieces - 1; j >= 0; --j) {
        double error = 0;
        const double integral = integrate(timeOf(j), timeOf(j + 1), error);
        stack.push_back({timeOf(j), timeOf(j + 1), rates[std::size_t(j)], rates[std::size_t(j) + 1], integral, 0});
        scale += std::abs(integral);
    }
    const double tolerance = relativeTolerance * scale;

    m_nodes = {0.0};
    m_values = {0.0};
    m_rates = {rates.front()};
    std::size_t examined = 0;
    while (!stack.empty()) {
        const Piece p = stack.back();
        stack.pop_back();
        const double m = 0.5 * (p.a + p.b);
        double errorLeft = 0, errorRight = 0;
        const double left = integrate(p.a, m, errorLeft);
        const double right = integrate(m, p.b, errorRight);
        const double rateM = f(m);
        const double whole = left + right;
        // Cubic Hermite of Λ on [a, b] at the midpoint, minus Λ(a).
        const double hermite = 0.5 * whole + (p.b - p.a) * (p.rateA - p.rateB) / 8;
        const double error = std::max({errorLeft + errorRight, std::abs(whole - p.integral), std::abs(hermite - left)});
        ++examined;
        const bool atBound = examined >= kMaxExamined || p.depth >= kMaxBisections || !(p.a < m && m < p.b);
        if (error > tolerance && !atBound) {
            stack.push_back({m, p.b, rateM, p.rateB, right, p.depth + 1});
            stack.push_back({p.a, m, p.rateA, rateM, left, p.depth + 1});
            continue;
        }
        if (error > tolerance)
            m_converged = false;
        m_errorBound += error;
        const double start = m_values.back();
        m_nodes.insert(m_nodes.end(), {m, p.b});
        m_values.insert(m_values.end(), {start + left, start + whole});
        m_rates.insert(m_rates.end(), {rateM, p.rateB});
    }
    m_nodes.back() = horizon;
}

double CumulativeIntensity::operator()(double t) const
{
    if (!(t > 0))
        return 0.0;
    if (t >= m_nodes.back())
        return m_values.back();
    const std::size_t j = std::size_t(std::upper_bound(m_nodes.begin(), m_nodes.end(), t) - m_nodes.begin()) - 1;
    const double h = m_nodes[j + 1] - m_nodes[j];
    const double s = (t - m_nodes[j]) / h;
    const double s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * m_values[j] + (s3 - 2 * s2 + s) * h * m_rates[j]
           + (-2 * s3 + 3 * s2) * m_values[j + 1] + (s3 - s2) * h * m_rates[j + 1];
}

}  // namespace walklab::core
