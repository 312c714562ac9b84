#include "core/exact/ReturnProbabilities.h"

#include "core/exact/LaurentPolynomial.h"
#include "core/exact/detail/BinomialMixture.h"
#include "core/exact/detail/RenewalInversion.h"
#include "core/experiment/TextFormat.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/bessel.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <numeric>

namespace walklab::core {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
using Sequence = std::vector<double>;

bool nearlyEqual(double a, double b)
{
    return std::abs(a - b) <= 8 * kEps * std::max(std::abs(a), std::abs(b));
}

// The simple walk split into what can come back: the moving axes (a_i = √(p₊ᵢp₋ᵢ) > 0) and the
// pause. One-way axes only contribute the factor active^n.
struct SimpleParts {
    std::vector<double> a;    // a_i of the moving axes
    std::vector<double> pi;   // p₊ᵢ + p₋ᵢ of the moving axes
    double lazy = 0.0;
    double active = 0.0;      // lazy + Σ pi: probability of a step that does not rule out a return
    bool driftFree = true;    // p₊ᵢ = p₋ᵢ on every axis
    double drift = 0.0;       // c − Σ 2a_i = Σ_i (√p₊ᵢ − √p₋ᵢ)², computed without cancellation

    bool equalAxes() const
    {
        return std::all_of(a.begin(), a.end(), [&](double x) { return nearlyEqual(x, a[0]); });
    }
};

SimpleParts simpleParts(const StepLaw& law)
{
    const auto p = law.simpleProbabilities();
    SimpleParts s;
    s.lazy = p.lazy;
    s.active = p.lazy;
    for (std::size_t i = 0; i < std::size_t(law.dimension()); ++i) {
        const double plus = p.plus[i], minus = p.minus[i];
        if (!nearlyEqual(plus, minus))
            s.driftFree = false;
        const double root = std::sqrt(plus) - std::sqrt(minus);
        s.drift += root * root;
        if (plus > 0.0 && minus > 0.0) {
            s.a.push_back(std::sqrt(plus * minus));
            s.pi.push_back(plus + minus);
            s.active += plus + minus;
        }
    }
    if (s.driftFree)
        s.drift = 0.0;
    return s;
}

// The recurrences below run in long double (64-bit mantissa on x86-64): their rounding errors
// add up along n, so the extra 11 bits keep u_n to ~1e-13 relative at n = 10^7 for the cost
// of a few ms.
using Wide = long double;

// One ±1 axis with pause, normalised: P(±1) with √(p₊p₋) = a, P(0) = r (trinomial recurrence).
Sequence oneAxisReturns(double a, double r, std::size_t size)
{
    Sequence u(size, 0.0);
    if (size == 0)
        return u;
    u[0] = 1.0;
    if (a == 0.0) {
        for (std::size_t n = 1; n < size; ++n)
            u[n] = std::pow(r, double(n));
        return u;
    }
    const Wide wa = a, wr = r;
    const Wide c2 = (2 * wa - wr) * (2 * wa + wr);  // 4a² − r²
    Wide previous = 1, current = wr;
    if (size > 1)
        u[1] = r;
    for (std::size_t n = 2; n < size; ++n) {
        const Wide dn = Wide(n);
        const Wide next = (wr * (2 * dn - 1) * current + c2 * (dn - 1) * previous) / dn;
        previous = current;
        current = next;
        u[n] = double(next);
    }
    return u;
}

// `axes` moving axes with equal a and no pause (a normalised: 2·axes·a ≤ 1).
Sequence equalAxesReturns(int axes, double a, std::size_t size)
{
    Sequence u(size, 0.0);
    if (size == 0)
        return u;
    u[0] = 1.0;
    Wide a2 = Wide(a) * Wide(a);
    // Without drift (2·axes·a = 1) the probabilities 1/(2d) reach us rounded; taken literally
    // they would scale u_n by (1 − O(ε))^n, a relative drift of n·ε (4e-11 at n = 4·10^5) that
    // is an artefact of the input, not of the walk meant. Snap to the exact value.
    const Wide full = Wide(2 * axes) * Wide(a);
    if (std::abs(full - 1) <= 16 * kEps)
        a2 = 1 / Wide(4 * axes * axes);
    if (axes <= 2) {
        const Wide scale = axes == 1 ? 4 * a2 : 16 * a2;
        Wide value = 1;
        for (std::size_t n = 2; n < size; n += 2) {
            const Wide m = Wide(n / 2);
            const Wide ratio = (2 * m - 1) / (2 * m);
            value *= (axes == 1 ? ratio : ratio * ratio) * scale;
            u[n] = double(value);
        }
        return u;
    }
    // A002896(m)·a^{2m} with σ = 36a² (σ = 1 for the symmetric walk).
    const Wide sigma = 36 * a2;
    Wide previous = 1, current = 6 * a2;  // A002896(0) = 1, A002896(1) = 6
    if (size > 2)
        u[2] = double(current);
    for (std::size_t n = 4; n < size; n += 2) {
        const Wide m = Wide(n / 2);
        const Wide c1 = 2 * (2 * m - 1) * (10 * m * m - 10 * m + 3) / (36 * m * m * m);
        const Wide c2 = (m - 1) * (2 * m - 1) * (2 * m - 3) / (36 * m * m * m);
        const Wide next = c1 * sigma * current - c2 * sigma * sigma * previous;
        previous = current;
        current = next;
        u[n] = double(next);
    }
    return u;
}

struct ActiveReturns {
    Sequence u;          // return probabilities of the walk conditioned to active steps
    std::string method;
    bool mixture = false;
};

ActiveReturns activeReturns(const SimpleParts& s, std::size_t size)
{
    if (s.active == 0.0)
        return {Sequence(size, 0.0), "no step allows a return", false};
    const double lazy = s.lazy / s.active;
    if (s.a.empty())
        return {Sequence(size, 1.0), "the walk only pauses", false};
    if (s.a.size() == 1)
        return {oneAxisReturns(s.a[0] / s.active, lazy, size),
                "recurrence of the central trinomial coefficients", false};
    const int axes = int(s.a.size());
    const std::string base = axes == 2 ? "C(2m,m)^2 (OEIS A002894)"
                                       : "P-recurrence of OEIS A002896";
    if (s.equalAxes() && s.lazy == 0.0)
        return {equalAxesReturns(axes, s.a[0] / s.active, size), base, false};
    const double moving = s.active - s.lazy;
    Sequence u;
    std::string method;
    if (s.equalAxes()) {
        u = equalAxesReturns(axes, s.a[0] / moving, size);
        method = base + ", mixed with the pauses (binomial mixture)";
    } else {
        double weight = s.pi[0];
        u = equalAxesReturns(1, s.a[0] / s.pi[0], size);
        for (std::size_t i = 1; i < s.a.size(); ++i) {
            const Sequence axis = equalAxesReturns(1, s.a[i] / s.pi[i], size);
            u = detail::binomialMixture(u, axis, weight / (weight + s.pi[i]));
            weight += s.pi[i];
        }
        method = "binomial mixture of the axis walks";
    }
    if (s.lazy > 0.0)
        u = detail::binomialMixture(u, Sequence(size, 1.0), moving / s.active);
    return {std::move(u), method, true};
}

void scaleByPower(Sequence& x, double s)
{
    if (s == 1.0)
        return;
    for (std::size_t n = 1; n < x.size(); ++n)
        x[n] *= std::pow(s, double(n));
}

LaurentPolynomial cropped(const LaurentPolynomial& p, const LatticePoint& lo, const LatticePoint& hi,
                          bool& empty)
{
    LatticePoint clo, chi;
    for (int i = 0; i < 3; ++i) {
        clo[i] = std::max(p.lo()[i], lo[i]);
        chi[i] = std::min(p.hi()[i], hi[i]);
        if (clo[i] > chi[i]) {
            empty = true;
            return LaurentPolynomial(p.dimension(), {0, 0, 0}, {0, 0, 0});
        }
    }
    empty = false;
    LaurentPolynomial c(p.dimension(), clo, chi);
    const std::int64_t w2 = c.width(2);
    auto out = c.coefficients();
    const auto in = p.coefficients();
    for (std::int64_t x = clo[0]; x <= chi[0]; ++x)
        for (std::int64_t y = clo[1]; y <= chi[1]; ++y) {
            const std::size_t from = p.index({x, y, clo[2]}), to = c.index({x, y, clo[2]});
            std::copy_n(in.begin() + std::ptrdiff_t(from), w2, out.begin() + std::ptrdiff_t(to));
        }
    return c;
}

Expected<Sequence> generalReturns(const StepLaw& law, std::int64_t maxSteps)
{
    const LaurentPolynomial& g = law.generatingFunction();
    Sequence u(std::size_t(maxSteps) + 1, 0.0);
    u[0] = 1.0;
    for (int i = 0; i < law.dimension(); ++i)
        if (g.lo()[i] > 0 || g.hi()[i] < 0)
            return u;  // that coordinate is strictly monotone: no return ever
    const double nnz = double(g.nonZeroCount());
    double operations = 0.0;
    for (std::int64_t k = 1; k <= maxSteps && operations <= kMaxPowerOperations; ++k)
        operations += double(std::min(powerBoxSize(g, k - 1), powerBoxSize(g, maxSteps - k + 1))) * nnz;
    if (operations > kMaxPowerOperations) {
        std::int64_t lo = 1, hi = maxSteps;  // largest allowed N, by bisection on the cost
        auto cost = [&](std::int64_t n) {
            double ops = 0.0;
            for (std::int64_t k = 1; k <= n && ops <= kMaxPowerOperations; ++k)
                ops += double(std::min(powerBoxSize(g, k - 1), powerBoxSize(g, n - k + 1))) * nnz;
            return ops;
        };
        while (hi - lo > 1) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            (cost(mid) <= kMaxPowerOperations ? lo : hi) = mid;
        }
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(maxSteps) +
                        ": return probabilities of this step law are computed step by step for "
                        "n ≤ " + std::to_string(lo) + " (about " +
                        formatSignificant(operations, 2) + " operations needed, limit " +
                        formatSignificant(kMaxPowerOperations, 2) + ")");
    }
    LaurentPolynomial current(law.dimension(), {0, 0, 0}, {0, 0, 0});
    current.set({0, 0, 0}, 1.0);
    for (std::int64_t k = 1; k <= maxSteps; ++k) {
        current = multiply(current, g, ConvolutionMethod::Direct);
        // Keep the positions x from which 0 is reachable in the remaining steps: −x ∈ (N−k)·box(G).
        const std::int64_t rest = maxSteps - k;
        LatticePoint lo, hi;
        for (int i = 0; i < 3; ++i) {
            lo[i] = -rest * g.hi()[i];
            hi[i] = -rest * g.lo()[i];
        }
        bool empty = false;
        current = cropped(current, lo, hi, empty);
        if (empty)
            break;
        u[std::size_t(k)] = current.coefficient({0, 0, 0});
    }
    return u;
}

Expected<Sequence> checkSteps(std::int64_t maxSteps)
{
    if (maxSteps < 0)
        return fail(ErrorKind::InvalidParameter, "steps",
                    "steps = " + std::to_string(maxSteps) + ": must be at least 0");
    if (maxSteps > kMaxReturnSteps)
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(maxSteps) +
                        ": return probabilities are computed for n ≤ 10^7 (80 MB per sequence)");
    return Sequence{};
}

Expected<ActiveReturns> simpleReturns(const SimpleParts& s, std::int64_t maxSteps)
{
    const std::size_t size = std::size_t(maxSteps) + 1;
    const bool needsMixture =
        s.a.size() >= 2 && !(s.equalAxes() && s.lazy == 0.0);
    if (needsMixture && maxSteps > kMaxMixtureSteps)
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(maxSteps) +
                        ": for a walk with unequal axes or pauses in 2D/3D the return "
                        "probabilities are computed for n ≤ " +
                        std::to_string(kMaxMixtureSteps) + " (binomial mixtures, O(n^1.5))");
    return activeReturns(s, size);
}

// e^{−x} I₀(x) for x ≥ 0: Boost.Math below 500, the asymptotic series (Abramowitz & Stegun
// 9.7.1) above, where it converges to full precision within a few terms.
double scaledBesselI0(double x)
{
    if (x <= 500.0)
        return boost::math::cyl_bessel_i(0, x) * std::exp(-x);
    double term = 1.0, sum = 1.0;
    for (int k = 1; k < 30 && std::abs(term) > 1e-18; ++k) {
        term *= double((2 * k - 1) * (2 * k - 1)) / (8.0 * double(k) * x);
        sum += term;
    }
    return sum / std::sqrt(boost::math::constants::two_pi<double>() * x);
}

Expected<double> simpleAllTime(const SimpleParts& s)
{
    const std::size_t axes = s.a.size();
    if (s.driftFree && axes <= 2)
        return 1.0;  // Pólya: recurrent (includes the walk that only pauses)
    const double c = 1.0 - s.lazy;
    if (axes == 0)
        return s.lazy;
    if (axes == 1) {
        // U(1) = 1/√(c² − 4a²) with c − 2a = drift: 1 − |p − q| in 1D.
        const double root = std::sqrt(s.drift * (c + 2 * s.a[0]));
        return 1.0 - root;
    }
    if (axes == 3 && s.driftFree && s.equalAxes())
        return 1.0 - c / watsonIntegral();
    try {
        boost::math::quadrature::exp_sinh<double> integrator;  // non-const: Boost 1.74 defines integrate(f, tol) without const
        auto integrand = [&](double t) {
            double v = std::exp(-s.drift * t);
            for (double a : s.a)
                v *= scaledBesselI0(2 * a * t);
            return v;
        };
        const double u = integrator.integrate(integrand, 1e-14);
        return 1.0 - 1.0 / u;
    } catch (const std::exception& e) {
        return fail(ErrorKind::InvalidParameter, "steps",
                    std::string("steps: the return integral could not be evaluated (") + e.what() +
                        ")");
    }
}

Expected<double> oneDimensionalAllTime(const StepLaw& law)
{
    double maxStep = 0.0, mean = 0.0;
    std::int64_t g = 0;
    for (const auto& st : law.steps()) {
        mean += st.probability * double(st.vector[0]);
        maxStep = std::max(maxStep, std::abs(double(st.vector[0])));
        g = std::gcd(g, std::abs(st.vector[0]));
    }
    if (std::abs(mean) <= 8 * kEps * maxStep || g == 0)
        return 1.0;  // Chung–Fuchs: a mean-zero walk on Z is recurrent
    const double pi = boost::math::constants::pi<double>();
    auto integrand = [&](double theta) {
        double a = 0.0, b = 0.0;  // 1 − Re φ, Im φ
        for (const auto& st : law.steps()) {
            const double x = double(st.vector[0]) * theta;
            const double h = std::sin(0.5 * x);
            a += st.probability * 2 * h * h;
            b += st.probability * std::sin(x);
        }
        return a / (a * a + b * b);
    };
    try {
        const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
            integrand, 0.0, pi / double(g), 20, 1e-14);
        // Abel's limit s → 1 of Re 1/(1 − sφ) adds π δ(θ − θ_j)/|μ| at each of the g zeros θ_j
        // of 1 − φ in a period of 2π: g/(2|μ|) in all.
        const double u = double(g) / pi * integral + double(g) / (2 * std::abs(mean));
        return 1.0 - 1.0 / u;
    } catch (const std::exception& e) {
        return fail(ErrorKind::InvalidParameter, "steps",
                    std::string("steps: the return integral could not be evaluated (") + e.what() +
                        ")");
    }
}

Sequence runningSum(const Sequence& x, bool skipFirst)
{
    Sequence s(x.size(), 0.0);
    double sum = 0.0, carry = 0.0;  // Kahan
    for (std::size_t n = 0; n < x.size(); ++n) {
        if (!(skipFirst && n == 0)) {
            const double y = x[n] - carry;
            const double t = sum + y;
            carry = (t - sum) - y;
            sum = t;
        }
        s[n] = sum;
    }
    return s;
}

}  // namespace

Expected<std::vector<double>> returnProbabilities(const StepLaw& law, std::int64_t maxSteps)
{
    if (auto ok = checkSteps(maxSteps); !ok)
        return ok;
    if (!law.isSimple())
        return generalReturns(law, maxSteps);
    const SimpleParts s = simpleParts(law);
    auto active = simpleReturns(s, maxSteps);
    if (!active)
        return std::unexpected(active.error());
    Sequence u = std::move(active->u);
    u[0] = 1.0;
    scaleByPower(u, s.active);
    return u;
}

std::vector<double> firstReturnProbabilities(std::span<const double> u)
{
    return detail::renewalInversion(u);
}

Expected<ReturnProbabilities> returnStatistics(const StepLaw& law, std::int64_t maxSteps)
{
    if (auto ok = checkSteps(maxSteps); !ok)
        return std::unexpected(ok.error());
    const std::size_t size = std::size_t(maxSteps) + 1;
    ReturnProbabilities r;
    auto renewalAllowed = [&]() -> Expected<Sequence> {
        if (maxSteps > kMaxRenewalSteps)
            return fail(ErrorKind::TooLarge, "steps",
                        "steps = " + std::to_string(maxSteps) +
                            ": first-return probabilities of this walk are computed for n ≤ "
                            "4·10^6 (renewal equation, O(n log² n))");
        return Sequence{};
    };
    if (!law.isSimple()) {
        if (auto ok = renewalAllowed(); !ok)
            return std::unexpected(ok.error());
        auto u = generalReturns(law, maxSteps);
        if (!u)
            return std::unexpected(u.error());
        r.u = std::move(*u);
        r.f = detail::renewalInversion(r.u);
        r.method = "u: step-by-step direct convolution; f: renewal equation";
    } else {
        const SimpleParts s = simpleParts(law);
        auto active = simpleReturns(s, maxSteps);
        if (!active)
            return std::unexpected(active.error());
        Sequence u = std::move(active->u);
        u[0] = 1.0;
        Sequence f(size, 0.0);
        std::string fMethod;
        if (s.active == 0.0) {
            fMethod = "no return possible";
        } else if (s.a.empty()) {
            if (size > 1)
                f[1] = 1.0;
            fMethod = "pause at step 1";
        } else if (s.a.size() == 1 && s.lazy == 0.0) {
            for (std::size_t n = 2; n < size; n += 2)
                f[n] = u[n] / double(n - 1);
            fMethod = "f_2m = u_2m/(2m−1)";
        } else if (s.a.size() == 1) {
            if (maxSteps > kMaxMixtureSteps)
                return fail(ErrorKind::TooLarge, "steps",
                            "steps = " + std::to_string(maxSteps) +
                                ": first returns of a pausing 1D walk are computed for n ≤ " +
                                std::to_string(kMaxMixtureSteps) + " (binomial mixture, O(n^1.5))");
            const double r0 = s.lazy / s.active;
            const Sequence u0 = equalAxesReturns(1, s.a[0] / (s.active - s.lazy), size);
            Sequence shifted(size > 2 ? size - 2 : 0, 0.0);
            for (std::size_t j = 0; j < shifted.size(); j += 2)
                shifted[j] = u0[j + 2] / double(j + 1);  // f⁰_{j+2} = u⁰_{j+2}/(j+1)
            const Sequence h = detail::binomialMixture(shifted, Sequence(shifted.size(), 1.0), 1 - r0);
            if (size > 1)
                f[1] = r0;
            for (std::size_t n = 2; n < size; ++n)
                f[n] = (1 - r0) * (1 - r0) * h[n - 2];
            fMethod = "first return of the pausing walk as a binomial mixture";
        } else {
            if (auto ok = renewalAllowed(); !ok)
                return std::unexpected(ok.error());
            f = detail::renewalInversion(u);  // f_n = 0 exactly where u has period 2
            fMethod = "renewal equation";
        }
        scaleByPower(u, s.active);
        scaleByPower(f, s.active);
        r.u = std::move(u);
        r.f = std::move(f);
        r.method = "u: " + active->method + "; f: " + fMethod;
    }
    r.returnedBy = runningSum(r.f, false);
    r.expectedReturns = runningSum(r.u, true);
    return r;
}

double watsonIntegral()
{
    using boost::math::tgamma;
    const double pi = boost::math::constants::pi<double>();
    return std::sqrt(6.0) / (32 * pi * pi * pi) * tgamma(1.0 / 24) * tgamma(5.0 / 24) *
           tgamma(7.0 / 24) * tgamma(11.0 / 24);
}

Expected<double> allTimeReturnProbability(const StepLaw& law)
{
    if (law.isSimple())
        return simpleAllTime(simpleParts(law));
    if (law.dimension() == 1)
        return oneDimensionalAllTime(law);
    return fail(ErrorKind::InvalidParameter, "steps",
                "steps: the all-time return probability is computed for simple walks in d = 1, 2, "
                "3 and for any step law in d = 1; this is a " +
                    std::to_string(law.steps().size()) + "-step law in d = " +
                    std::to_string(law.dimension()));
}

}  // namespace walklab::core
