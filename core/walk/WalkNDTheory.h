// Exact and limiting laws of 2D/3D walks in the binned layouts of a WalkNDSimulation (endpoint
// cells, bins of |S_n|), the moments of |S_t|, and the goodness-of-fit tests against them.
#pragma once

#include "core/exact/LatticeDistribution.h"
#include "core/exact/RadialDistribution.h"
#include "core/exact/StepLaw.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/walk/WalkND.h"

#include <array>
#include <functional>
#include <vector>

namespace walklab::core {

/// Mean vector and covariance matrix of a law on R^d (entries beyond d are 0).
struct Moments {
    int dimension = 2;
    std::array<double, 3> mean{0, 0, 0};
    std::array<std::array<double, 3>, 3> covariance{};
};

/// The moments of one step of a lattice walk (StepLaw::mean, covariance).
Moments stepMoments(const StepLaw& law);
/// The moments of one continuous step: mean 0, covariance I/d (both ContinuousStep kinds).
Moments continuousStepMoments(int dimension);
/// The moments of S_t = X₁ + … + X_t: t·mean, t·covariance.
Moments scaled(const Moments& step, double t);

/// E|S_t|² = t·tr Σ + t²|μ|² for i.i.d. steps of mean μ and covariance Σ.
double meanSquaredDisplacement(const Moments& step, double t);

/// The MSD of the tracked walkers at observation k: mean Σ|S_t|²/K and its standard error
/// √((Σ|S_t|⁴/K − mean²)/(K − 1)) (0 when K < 2).
struct Estimate {
    double value = 0, standardError = 0;
};
Estimate observedMsd(const WalkObservations& observed, std::size_t k);
/// Fraction of tracked walkers returned by observation k, with the binomial standard error.
Estimate observedReturned(const WalkObservations& observed, std::size_t k);
/// Mean number of distinct sites R_n of the walkers counted, with its standard error.
Estimate observedDistinctSites(const WalkObservations& observed);

/// E R_n = Σ_{k=0}^{n} P(T > k): site S_k is new iff no partial sum of the reversed steps
/// X_k, X_k + X_{k−1}, … vanishes, an event of the same probability as T > k (Dvoretzky & Erdős
/// 1951; Spitzer, Principles of Random Walk, §I.4). returnedBy[k] = P(T ≤ k), k = 0 … n.
double expectedDistinctSites(const std::vector<double>& returnedBy);

/// Exact probability of every cell of `grid` (storage order) and, as the last entry, of the
/// outside of the box, from a lattice law (grid.width must be a whole number of sites; cells
/// hold the sites whose centre they contain). The outside mass is summed directly, not 1 − Σ.
std::vector<double> cellProbabilities(const EndpointGrid& grid, const LatticeDistribution& law);

/// Pearson's chi-squared test of the endpoint counts (cells and outside) against `probabilities`
/// as returned by cellProbabilities().
ChiSquaredResult endpointChiSquared(const EndpointGrid& grid, const std::vector<double>& probabilities);

/// Exact probability of every bin of `radius` and, last, of ρ beyond the bins, from the shells
/// of a radial law (shell ρ goes to the bin of √ρ², computed as the simulation does).
std::vector<double> binProbabilities(const RadialHistogram& radius, const RadialDistribution& law);
/// The same from a continuous CDF of ρ: F(edge_{k+1}) − F(edge_k), and sf(last edge) beyond.
std::vector<double> binProbabilities(const RadialHistogram& radius, const std::function<double(double)>& cdf,
                                     const std::function<double(double)>& sf);

/// Chi-squared test of the |S_n| counts (bins and beyond) against binProbabilities().
ChiSquaredResult radialChiSquared(const RadialHistogram& radius, const std::vector<double>& probabilities);

/// True if the law is N(0, σ²I): mean 0 and covariance a multiple of the identity
/// (relative tolerance 10^-12). Then |S| has the scaled chi law of radiusCdf().
bool isIsotropicCentred(const Moments& m);
/// P(|Z| ≤ ρ) and P(|Z| > ρ) for Z ~ N(0, σ²I_d): the chi-squared law with d degrees of freedom
/// at ρ²/σ² (Boost.Math); d = 2 is Rayleigh(σ), d = 3 Maxwell(σ).
double radiusCdf(int dimension, double variance, double rho);
double radiusSf(int dimension, double variance, double rho);

/// Density of |Z| at ρ for Z ~ N(m, C), any mean and non-singular covariance:
/// ρ^{d−1} ∫_{S^{d−1}} φ(ρω) dω, by the trapezoid rule over 256 angles in 2D and Gauss–Legendre
/// (30 nodes in cos θ) × 128 angles in 3D (spectrally accurate for these smooth periodic
/// integrands); when |m|² > 16·tr C the spot on the sphere is too narrow for that, and the
/// delta-method normal N(|m|, uᵀCu), u = m/|m|, is used. Returns NaN if C is singular.
double radiusDensity(const Moments& normal, double rho);

/// Density of N(m, C) at x (NaN if C is singular).
double normalDensity(const Moments& normal, const Point3& x);

}  // namespace walklab::core
