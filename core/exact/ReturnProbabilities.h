// Returns to the origin of a random walk on Z^d, d = 1, 2, 3: u_n = P(S_n = 0), first-return
// probabilities f_n, P(returned by n), the expected number of returns, and Pólya's all-time
// return probability.
#pragma once

#include "core/exact/StepLaw.h"
#include "core/experiment/Error.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace walklab::core {

/// Most steps N for which return probabilities are computed: 10^7 (each sequence 80 MB).
inline constexpr std::int64_t kMaxReturnSteps = 10'000'000;
/// Most steps for the O(N^{3/2}) binomial-mixture method (see returnProbabilities()):
/// about 1 s at this size, 10 s at 10^6.
inline constexpr std::int64_t kMaxMixtureSteps = 250'000;
/// Most steps for first-return probabilities by the renewal equation (O(N log²N)).
inline constexpr std::int64_t kMaxRenewalSteps = 4'000'000;

/// The return statistics of a walk started at 0, each sequence indexed by the time n = 0 … N
/// (N + 1 values).
struct ReturnProbabilities {
    std::vector<double> u;                ///< u[n] = P(S_n = 0); u[0] = 1
    std::vector<double> f;                ///< f[n] = P(T = n), T = min{n ≥ 1 : S_n = 0}; f[0] = 0
    std::vector<double> returnedBy;       ///< P(T ≤ n) = Σ_{k ≤ n} f_k
    std::vector<double> expectedReturns;  ///< E #{1 ≤ k ≤ n : S_k = 0} = Σ_{1 ≤ k ≤ n} u_k
    std::string method;                   ///< how u and f were obtained, for display
};

/// u_n = P(S_n = 0) = [z^0] G(z)^n for n = 0 … maxSteps (maxSteps + 1 values).
///
/// Methods. For a simple walk with a_i = √(p₊ᵢ p₋ᵢ) and pause probability r,
///   Σ_n u_n t^n/n! = e^{rt} Π_i I₀(2 a_i t)
/// (each axis is a ±1 walk run for a binomial number of steps; OEIS A002896 gives the e.g.f.
/// I₀(2t)³ of the cubic lattice), so u depends on a_i and r only, and:
///  - one axis: n u_n = r(2n − 1) u_{n−1} + (4a² − r²)(n − 1) u_{n−2}, the recurrence of the
///    central trinomial coefficients [x^n](a x² + r x + a)^n (OEIS A002426 for a = r = 1);
///    for r = 0, u_{2m} = C(2m, m) a^{2m};
///  - two axes, equal a, r = 0: u_{2m} = C(2m, m)² a^{2m} (OEIS A002894: the walk is two
///    independent ±1 walks after a 45° rotation), by the ratio ((2m − 1)/(2m))²·16a²;
///  - three axes, equal a, r = 0: u_{2m} = A002896(m)·a^{2m} with the P-recurrence of A002896,
///    m³ A(m) = 2(2m − 1)(10m² − 10m + 3) A(m−1) − 36(m − 1)(2m − 1)(2m − 3) A(m−2),
///    run on probabilities (A(m)·36^{−m}) so that nothing overflows; it is stable forwards
///    (characteristic roots 36 and 4: the wanted solution dominates);
///  - otherwise (unequal axes, or a pause with two or three axes): binomial mixtures of the
///    axis walks and the pause (detail::binomialMixture), O(N^{3/2}), N ≤ kMaxMixtureSteps
///    (≈ 1 s at N = 2.5·10^5 for a pausing walk on Z³; walks with drift are faster, their u_n
///    underflow early).
/// Axes with a_i = 0 but p₊ᵢ + p₋ᵢ > 0 (one-way axes) forbid returns along them: they enter as
/// the factor (1 − p₊ᵢ − p₋ᵢ)^n. The recurrences run forwards in long double, whose rounding
/// errors add up to a relative ≲ n·ε_long ≈ n·1e-19, so u_n keeps ≲ 4ε + 1e-13 up to n = 10^6.
/// Cost O(N): 10^6 steps in a few ms.
/// Any other step law: G^n step by step with direct convolution (relative accuracy), keeping
/// only the positions from which 0 is still reachable; cost ≈ Σ_n min(size of the box of G^n,
/// of G^{N−n})·(number of steps), at most kMaxPowerOperations.
///
/// Errors (parameter "steps"): maxSteps < 0 (InvalidParameter); maxSteps > kMaxReturnSteps,
/// > kMaxMixtureSteps for a mixture, or too many operations for a general law (TooLarge).
Expected<std::vector<double>> returnProbabilities(const StepLaw& law, std::int64_t maxSteps);

/// f_0 = 0, f_1 … f_N from u_0 = 1, u_1 … u_N by the renewal equation U(z) = 1/(1 − F(z)),
/// f_n = u_n − Σ_{k<n} f_k u_{n−k} (Feller vol. I, §XIII.3), solved in O(N log²N) by
/// detail::renewalInversion (see there for accuracy). Returns u.size() values.
/// Precondition: u nonempty, u[0] = 1.
std::vector<double> firstReturnProbabilities(std::span<const double> u);

/// All sequences of ReturnProbabilities for n = 0 … maxSteps. f comes from closed forms where
/// they exist — for a one-axis simple walk without pause f_{2m} = u_{2m}/(2m − 1) (Feller
/// vol. I, §XI.3, (3.6)), and with a pause r the first return at n ≥ 2 is a move, n − 2 steps
/// of which m − 2 move and that end at a return of the moving walk, a last move:
/// f_n = Σ_m f⁰_m C(n − 2, m − 2)(1 − r)^m r^{n−m} (a binomial mixture), f_1 = r — and
/// from the renewal equation otherwise. The running sums are compensated (Kahan).
/// Errors: as returnProbabilities(); maxSteps > kMaxRenewalSteps when the renewal equation is
/// needed, or > kMaxMixtureSteps for the first returns of the pausing 1D walk (TooLarge).
Expected<ReturnProbabilities> returnStatistics(const StepLaw& law, std::int64_t maxSteps);

/// Watson's integral W = (1/π³)∫∫∫_{[0,π]³} dθ / (1 − (cos θ₁ + cos θ₂ + cos θ₃)/3)
///   = (√6 / (32π³)) Γ(1/24) Γ(5/24) Γ(7/24) Γ(11/24) = 1.5163860591519780…,
/// the expected number of visits to 0 (time 0 included) of the simple walk on Z³ (Watson 1939;
/// Glasser & Zucker 1977; OEIS A086231), computed from Boost.Math's tgamma.
double watsonIntegral();

/// P(the walk ever returns to 0) = Σ_n f_n = 1 − 1/U(1), U(1) = Σ_n u_n.
///
/// Simple walks: recurrent (probability 1) iff there is no drift and at most two axes move
/// (Pólya 1921). Otherwise, with c = 1 − r, U(1) = ∫₀^∞ e^{−ct} Π_i I₀(2a_i t) dt (the Laplace
/// transform of the e.g.f. above; Montroll 1956), which is 1/√(c² − 4a²) for one axis (so
/// 1 − |p − q| in 1D, Feller vol. I, §XI.3), W/c for three equal axes without drift (so
/// 1 − 1/W = 0.3405373295509991… for the simple cubic walk, OEIS A086230), and otherwise is
/// integrated numerically (Boost.Math exp_sinh, with exponentially scaled I₀; relative
/// error ≲ 1e-13).
/// One-dimensional step laws: zero mean means recurrent (Chung & Fuchs 1951); otherwise, with φ
/// the characteristic function, g the gcd of the steps (φ has period 2π/g) and μ the mean,
/// U(1) = lim_{s→1} (1/2π) ∫ Re[1/(1 − sφ(θ))] dθ = (g/π) ∫₀^{π/g} Re[1/(1 − φ(θ))] dθ + g/(2|μ|)
/// (U(1) = lim_{s→1} Σ sⁿuₙ, and near each zero of 1 − φ the real part tends to π δ/|μ|;
/// checked in the tests against Σ u_n), the integral by adaptive Gauss–Kronrod quadrature
/// (61 points).
/// Errors: InvalidParameter ("steps") for a step law in d = 2, 3 that is not simple.
Expected<double> allTimeReturnProbability(const StepLaw& law);

}  // namespace walklab::core
