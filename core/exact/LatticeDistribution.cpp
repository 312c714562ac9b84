#include "core/exact/LatticeDistribution.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/exact/detail/AxisMixture.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace walklab::core {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

bool nearlyEqual(double a, double b)
{
    return std::abs(a - b) <= 8 * kEps * std::max(std::abs(a), std::abs(b));
}

LatticePoint scaled(const LatticePoint& p, std::int64_t n)
{
    return {p[0] * n, p[1] * n, p[2] * n};
}

}  // namespace

std::string methodName(LatticeMethod method)
{
    switch (method) {
    case LatticeMethod::ClosedForm1D:
        return "closed form: binomial law of the 1D simple walk";
    case LatticeMethod::RotatedProduct2D:
        return "closed form: product of two binomials (axes rotated by 45°)";
    case LatticeMethod::AxisMixture:
        return "binomial mixture over the steps along the last axis (multinomial decomposition)";
    case LatticeMethod::StepByStep:
        return "step-by-step direct convolution";
    case LatticeMethod::PowerBySquaring:
        return "power by squaring (direct or FFT products)";
    }
    return "?";
}

LatticeDistribution::LatticeDistribution(std::int64_t steps, LaurentPolynomial law,
                                         LatticeMethod method, double absoluteError)
    : m_steps(steps), m_law(std::move(law)), m_method(method), m_absoluteError(absoluteError)
{
}

Expected<LatticeDistribution> latticeDistribution(const StepLaw& law, std::int64_t steps,
                                                  ConvolutionMethod method,
                                                  const RunControl* control)
{
    const LaurentPolynomial& g = law.generatingFunction();
    if (steps < 0 || powerBoxSize(g, steps) > kMaxLaurentCoefficients) {
        auto refused = power(g, steps, method);  // for its message
        return std::unexpected(refused.error());
    }
    if (control && control->cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const LatticePoint lo = scaled(g.lo(), steps), hi = scaled(g.hi(), steps);
    if (law.isSimple() && steps > 0) {
        const auto p = law.simpleProbabilities();
        if (law.dimension() == 1 && (p.lazy == 0.0 || p.plus[0] == 0.0 || p.minus[0] == 0.0)) {
            const Walk1DDistribution w(steps, p.plus[0], p.minus[0]);
            const auto values = w.pmf(lo[0], hi[0]);
            LaurentPolynomial result(1, lo, hi);
            std::copy(values.begin(), values.end(), result.coefficients().begin());
            return LatticeDistribution(steps, std::move(result), LatticeMethod::ClosedForm1D, 0.0);
        }
        if (law.dimension() == 2 && p.lazy == 0.0 &&
            nearlyEqual(p.plus[0] * p.minus[0], p.plus[1] * p.minus[1])) {
            // u = x + y and v = x − y move by ±1 at every step: +e₁ ↦ (+1, +1), −e₁ ↦ (−1, −1),
            // +e₂ ↦ (+1, −1), −e₂ ↦ (−1, +1). The joint law of (Δu, Δv) is the product of its
            // margins exactly when p₊₁p₋₁ = p₊₂p₋₂ (the 2×2 table has rank one), and then U_n and
            // V_n are independent ±1 walks.
            const double alpha = p.plus[0] + p.plus[1], beta = p.plus[0] + p.minus[1];
            const Walk1DDistribution wu(steps, alpha, 1.0 - alpha), wv(steps, beta, 1.0 - beta);
            const auto pu = wu.pmf(-steps, steps), pv = wv.pmf(-steps, steps);
            LaurentPolynomial result(2, lo, hi);
            auto out = result.coefficients();
            for (std::size_t i = 0; i < out.size(); ++i) {
                const LatticePoint x = result.point(i);
                const std::int64_t u = x[0] + x[1], v = x[0] - x[1];
                if (u < -steps || u > steps || v < -steps || v > steps)
                    continue;
                out[i] = pu[std::size_t(u + steps)] * pv[std::size_t(v + steps)];
            }
            return LatticeDistribution(steps, std::move(result), LatticeMethod::RotatedProduct2D,
                                       0.0);
        }
        if (law.dimension() >= 2) {
            auto mixture = detail::axisMixture(law.dimension(), p, steps, lo, hi, control);
            if (!mixture)
                return std::unexpected(mixture.error());
            return LatticeDistribution(steps, std::move(*mixture), LatticeMethod::AxisMixture, 0.0);
        }
    }
    PowerInfo info;
    auto result = power(g, steps, method, &info);
    if (!result)
        return std::unexpected(result.error());
    return LatticeDistribution(steps, std::move(*result),
                               info.stepping ? LatticeMethod::StepByStep
                                             : LatticeMethod::PowerBySquaring,
                               info.absoluteError);
}

}  // namespace walklab::core
