#include "core/walk/WalkNDTheory.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/quadrature/gauss.hpp>

#include <cmath>

namespace walklab::core {

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

// Inverse and determinant of the leading d×d block (cofactors; d ≤ 3).
bool invert(const Moments& m, Matrix& inverse, double& determinant)
{
    const auto& c = m.covariance;
    inverse = Matrix{};
    if (m.dimension == 2) {
        determinant = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        if (!(determinant > 0))
            return false;
        inverse[0][0] = c[1][1] / determinant;
        inverse[1][1] = c[0][0] / determinant;
        inverse[0][1] = -c[0][1] / determinant;
        inverse[1][0] = -c[1][0] / determinant;
        return true;
    }
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            const int i1 = (i + 1) % 3, i2 = (i + 2) % 3, j1 = (j + 1) % 3, j2 = (j + 2) % 3;
            inverse[j][i] = c[i1][j1] * c[i2][j2] - c[i1][j2] * c[i2][j1];  // adjugate
        }
    determinant = c[0][0] * inverse[0][0] + c[0][1] * inverse[1][0] + c[0][2] * inverse[2][0];
    if (!(determinant > 0))
        return false;
    for (auto& row : inverse)
        for (double& v : row)
            v /= determinant;
    return true;
}

double density(const Moments& m, const Matrix& inverse, double determinant, const Point3& x)
{
    double q = 0;
    for (int i = 0; i < m.dimension; ++i)
        for (int j = 0; j < m.dimension; ++j)
            q += (x[i] - m.mean[i]) * inverse[i][j] * (x[j] - m.mean[j]);
    const double twoPi = boost::math::constants::two_pi<double>();
    return std::exp(-0.5 * q) / std::sqrt(std::pow(twoPi, m.dimension) * determinant);
}

}  // namespace

Moments stepMoments(const StepLaw& law)
{
    Moments m;
    m.dimension = law.dimension();
    m.mean = law.mean();
    m.covariance = law.covariance();
    return m;
}

Moments continuousStepMoments(int dimension)
{
    Moments m;
    m.dimension = dimension;
    for (int i = 0; i < dimension; ++i)
        m.covariance[i][i] = 1.0 / dimension;
    return m;
}

Moments scaled(const Moments& step, double t)
{
    Moments m = step;
    for (int i = 0; i < 3; ++i) {
        m.mean[i] *= t;
        for (int j = 0; j < 3; ++j)
            m.covariance[i][j] *= t;
    }
    return m;
}

double meanSquaredDisplacement(const Moments& step, double t)
{
    double trace = 0, mean2 = 0;
    for (int i = 0; i < step.dimension; ++i) {
        trace += step.covariance[i][i];
        mean2 += step.mean[i] * step.mean[i];
    }
    return t * trace + t * t * mean2;
}

Estimate observedMsd(const WalkObservations& o, std::size_t k)
{
    const double n = double(o.tracked);
    const double mean = o.sumSquared[k] / n;
    const double variance = n > 1 ? std::max(0.0, (o.sumFourth[k] / n - mean * mean) * n / (n - 1)) : 0.0;
    return {mean, n > 1 ? std::sqrt(variance / n) : 0.0};
}

Estimate observedReturned(const WalkObservations& o, std::size_t k)
{
    const double n = double(o.tracked), p = double(o.returned[k]) / n;
    return {p, std::sqrt(p * (1 - p) / n)};
}

Estimate observedDistinctSites(const WalkObservations& o)
{
    const double n = double(o.distinctWalkers);
    if (n < 1)
        return {};
    const double mean = o.distinctSum / n;
    const double variance = n > 1 ? std::max(0.0, (o.distinctSumSquares / n - mean * mean) * n / (n - 1)) : 0.0;
    return {mean, n > 1 ? std::sqrt(variance / n) : 0.0};
}

double expectedDistinctSites(const std::vector<double>& returnedBy)
{
    double sum = 0, carry = 0;  // Kahan: n terms of size ~1
    for (double r : returnedBy) {
        const double y = (1 - r) - carry, t = sum + y;
        carry = (t - sum) - y;
        sum = t;
    }
    return sum;
}

std::vector<double> cellProbabilities(const EndpointGrid& grid, const LatticeDistribution& law)
{
    std::vector<double> p(std::size_t(grid.cellCount()) + 1, 0.0);
    const LaurentPolynomial& g = law.law();
    const auto values = g.coefficients();
    std::size_t i = 0;
    for (std::int64_t x = g.lo()[0]; x <= g.hi()[0]; ++x)
        for (std::int64_t y = g.lo()[1]; y <= g.hi()[1]; ++y)
            for (std::int64_t z = g.lo()[2]; z <= g.hi()[2]; ++z, ++i) {
                if (values[i] == 0.0)
                    continue;
                const std::int64_t cell = grid.cellOf({double(x), double(y), double(z)});
                p[cell >= 0 ? std::size_t(cell) : p.size() - 1] += values[i];
            }
    return p;
}

ChiSquaredResult endpointChiSquared(const EndpointGrid& grid, const std::vector<double>& probabilities)
{
    std::vector<std::uint64_t> observed(grid.counts);
    observed.push_back(grid.outside);
    return chiSquaredTest(observed, probabilities);
}

std::vector<double> binProbabilities(const RadialHistogram& radius, const RadialDistribution& law)
{
    std::vector<double> p(radius.counts.size() + 1, 0.0);
    for (std::size_t s = 0; s < law.squaredRadius.size(); ++s)
        p[radius.binOf(std::sqrt(double(law.squaredRadius[s])))] += law.probability[s];
    return p;
}

std::vector<double> binProbabilities(const RadialHistogram& radius, const std::function<double(double)>& cdf,
                                     const std::function<double(double)>& sf)
{
    std::vector<double> p;
    double below = cdf(0.0);
    for (std::size_t k = 0; k < radius.counts.size(); ++k) {
        const double next = cdf(double(k + 1) * radius.width);
        p.push_back(next - below);
        below = next;
    }
    p.push_back(sf(double(radius.counts.size()) * radius.width));
    return p;
}

ChiSquaredResult radialChiSquared(const RadialHistogram& radius, const std::vector<double>& probabilities)
{
    std::vector<std::uint64_t> observed(radius.counts);
    observed.push_back(radius.beyond);
    return chiSquaredTest(observed, probabilities);
}

bool isIsotropicCentred(const Moments& m)
{
    const double s = m.covariance[0][0];
    for (int i = 0; i < m.dimension; ++i) {
        if (std::abs(m.mean[i]) > 1e-12 * std::sqrt(s))
            return false;
        for (int j = 0; j < m.dimension; ++j)
            if (std::abs(m.covariance[i][j] - (i == j ? s : 0.0)) > 1e-12 * s)
                return false;
    }
    return s > 0;
}

double radiusCdf(int dimension, double variance, double rho)
{
    return boost::math::cdf(boost::math::chi_squared_distribution<double>(dimension), rho * rho / variance);
}

double radiusSf(int dimension, double variance, double rho)
{
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(dimension),
                                                    rho * rho / variance));
}

double normalDensity(const Moments& normal, const Point3& x)
{
    Matrix inverse;
    double determinant = 0;
    if (!invert(normal, inverse, determinant))
        return std::nan("");
    return density(normal, inverse, determinant, x);
}

double radiusDensity(const Moments& normal, double rho)
{
    Matrix inverse;
    double determinant = 0;
    if (!invert(normal, inverse, determinant))
        return std::nan("");
    const double twoPi = boost::math::constants::two_pi<double>();
    // Far from the origin the density on the sphere is a narrow spot, too narrow for a fixed
    // rule; there |Z| ≈ u·Z, u = m/|m| (delta method): normal with mean |m|, variance uᵀCu.
    double mean2 = 0, trace = 0;
    for (int i = 0; i < normal.dimension; ++i) {
        mean2 += normal.mean[i] * normal.mean[i];
        trace += normal.covariance[i][i];
    }
    if (mean2 > 16 * trace) {
        double v = 0;
        for (int i = 0; i < normal.dimension; ++i)
            for (int j = 0; j < normal.dimension; ++j)
                v += normal.mean[i] * normal.covariance[i][j] * normal.mean[j] / mean2;
        const double z = (rho - std::sqrt(mean2)) / std::sqrt(v);
        return std::exp(-0.5 * z * z) / std::sqrt(twoPi * v);
    }
    if (normal.dimension == 2) {
        constexpr int kAngles = 256;
        double sum = 0;
        for (int k = 0; k < kAngles; ++k) {
            const double a = twoPi * k / kAngles;
            sum += density(normal, inverse, determinant, {rho * std::cos(a), rho * std::sin(a), 0});
        }
        return rho * sum * twoPi / kAngles;
    }
    constexpr int kAngles = 128;
    auto ring = [&](double c) {  // ∫ over φ at cos θ = c
        const double s = std::sqrt(std::max(0.0, 1 - c * c));
        double sum = 0;
        for (int k = 0; k < kAngles; ++k) {
            const double a = twoPi * k / kAngles;
            sum += density(normal, inverse, determinant, {rho * s * std::cos(a), rho * s * std::sin(a), rho * c});
        }
        return sum * twoPi / kAngles;
    };
    return rho * rho * boost::math::quadrature::gauss<double, 30>::integrate(ring, -1.0, 1.0);
}

}  // namespace walklab::core
