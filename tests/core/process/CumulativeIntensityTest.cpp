// Λ(t) = ∫₀ᵗ λ on the adaptive table against closed forms everywhere (between nodes too): a peak
// far narrower than the first pieces, a smooth cycle, jumps off the nodes; a rate it cannot
// resolve is reported as not converged.
#include "core/process/CumulativeIntensity.h"

#include "core/process/RateFunction.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace walklab::core;

namespace {

/// λ(t) = 1 + 500 exp(−10⁵ (t − 10.003)²): a peak of standard deviation 1/√(2·10⁵) ≈ 0.0022,
/// a fifth of the first pieces' width 48/1024 on [0, 48].
/// Λ(t) = t + 250 √(π/10⁵) [erf(√10⁵ (t − 10.003)) + erf(√10⁵ · 10.003)] (∫ e^{−a u²} du =
/// ½√(π/a) erf(√a u), Abramowitz & Stegun 7.1.1).
constexpr double kWidth = 1e5, kCentre = 10.003;
const char* const kPeak = "1 + 500*exp(-100000*(t-10.003)^2)";

double peakIntegral(double t)
{
    const double r = std::sqrt(kWidth);
    return t + 250 * std::sqrt(std::numbers::pi / kWidth) * (std::erf(r * (t - kCentre)) + std::erf(r * kCentre));
}

}  // namespace

TEST(CumulativeIntensity, ANarrowPeakIsRightBetweenTheNodes)
{
    const auto rate = RateFunction::parse(kPeak);
    ASSERT_TRUE(rate.has_value());
    const CumulativeIntensity lambda(*rate, 48.0);
    EXPECT_TRUE(lambda.converged());
    const double total = peakIntegral(48.0);  // 50.80
    EXPECT_NEAR(lambda.total(), total, 1e-12 * total);
    EXPECT_LT(lambda.errorBound(), 1e-8 * total);
    // Every 10⁻⁴ across the peak ± 0.02 and every 0.01 elsewhere: 10⁻⁹ of Λ(T) (the table's
    // tolerance is 10⁻¹⁰ Λ(T) per piece; the old 4097-node interpolation was off by 10⁻² here).
    double worst = 0;
    for (double t = kCentre - 0.02; t < kCentre + 0.02; t += 1e-4)
        worst = std::max(worst, std::abs(lambda(t) - peakIntegral(t)));
    for (double t = 0; t <= 48.0; t += 0.01)
        worst = std::max(worst, std::abs(lambda(t) - peakIntegral(t)));
    EXPECT_LT(worst, 1e-9 * total);
    EXPECT_LT(lambda.nodes().size(), 10'000u);  // refined near the peak only
}

TEST(CumulativeIntensity, SmoothRatesAndJumpsOffTheNodes)
{
    // Λ(t) = 3t + (24/π)(1 − cos(2πt/24)).
    const CumulativeIntensity sine([](double t) { return 3 + 2 * std::sin(2 * std::numbers::pi * t / 24); }, 48.0);
    EXPECT_TRUE(sine.converged());
    for (double t = 0; t <= 48.0; t += 0.37)
        EXPECT_NEAR(sine(t), 3 * t + 24 / std::numbers::pi * (1 - std::cos(2 * std::numbers::pi * t / 24)), 1e-9)
            << t;
    EXPECT_EQ(sine.nodes().size(), 2049u);  // no piece needed bisecting: the midpoints of 1024
    // Jumps at 0.3 and 0.7, not table nodes (not dyadic): Λ is piecewise linear.
    const CumulativeIntensity jumps([](double t) { return t > 0.3 && t < 0.7 ? 5.0 : 1.0; }, 1.0);
    EXPECT_TRUE(jumps.converged());
    auto exact = [](double t) { return t + 4 * std::clamp(t - 0.3, 0.0, 0.4); };
    for (double t : {0.0, 0.1, 0.29999, 0.3, 0.30001, 0.5, 0.69999, 0.7, 0.70001, 0.9, 1.0})
        EXPECT_NEAR(jumps(t), exact(t), 1e-9) << t;
    EXPECT_NEAR(jumps.total(), 2.6, 1e-9);
    // Clamped outside [0, T]; zero rate.
    EXPECT_EQ(jumps(-1.0), 0.0);
    EXPECT_EQ(jumps(2.0), jumps.total());
    const CumulativeIntensity zero([](double) { return 0.0; }, 3.0);
    EXPECT_EQ(zero.total(), 0.0);
    EXPECT_TRUE(zero.converged());
}

TEST(CumulativeIntensity, AnUnresolvableRateIsReported)
{
    // 1 + sin(10⁵ t) on [0, 10⁴]: 1.6·10⁸ periods, far beyond the 2^15 pieces of the work bound.
    const CumulativeIntensity fast([](double t) { return 1 + std::sin(1e5 * t); }, 1e4);
    EXPECT_FALSE(fast.converged());
    // A rate that is not finite somewhere is not converged either.
    const CumulativeIntensity pole([](double t) { return 1 / std::abs(t - 0.5); }, 1.0);
    EXPECT_FALSE(pole.converged());
}
