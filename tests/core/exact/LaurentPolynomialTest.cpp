// Tests of dense Laurent polynomials: layout, products (direct and FFT) and powers.
#include "core/exact/LaurentPolynomial.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace walklab::core {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

LaurentPolynomial simpleWalk(int d)
{
    LaurentPolynomial g(d, {-1, d > 1 ? -1 : 0, d > 2 ? -1 : 0}, {1, d > 1 ? 1 : 0, d > 2 ? 1 : 0});
    for (int i = 0; i < d; ++i)
        for (int s : {-1, 1}) {
            LatticePoint e{0, 0, 0};
            e[i] = s;
            g.set(e, 1.0 / (2 * d));
        }
    return g;
}

TEST(LaurentPolynomial, LayoutRoundTrips)
{
    LaurentPolynomial p(3, {-2, 0, 5}, {1, 3, 6});
    EXPECT_EQ(p.size(), 4u * 4u * 2u);
    for (std::size_t i = 0; i < p.size(); ++i)
        EXPECT_EQ(p.index(p.point(i)), i);
    EXPECT_EQ(p.index({-2, 0, 6}), 1u);  // the last coordinate is fastest
    EXPECT_EQ(p.coefficient({9, 9, 9}), 0.0);
    p.set({1, 3, 6}, 2.5);
    EXPECT_EQ(p.nonZeroCount(), 1u);
    const auto t = p.trimmed();
    EXPECT_EQ(t.size(), 1u);
    EXPECT_EQ(t.coefficient({1, 3, 6}), 2.5);
}

TEST(LaurentPolynomial, ProductByHand)
{
    // (1 + 2x)(3 + y⁻¹) = 3 + 6x + y⁻¹ + 2x y⁻¹.
    LaurentPolynomial a(2, {0, 0, 0}, {1, 0, 0}), b(2, {0, -1, 0}, {0, 0, 0});
    a.set({0, 0, 0}, 1);
    a.set({1, 0, 0}, 2);
    b.set({0, 0, 0}, 3);
    b.set({0, -1, 0}, 1);
    for (auto method : {ConvolutionMethod::Direct, ConvolutionMethod::Fft}) {
        const auto c = multiply(a, b, method);
        EXPECT_EQ(c.lo(), (LatticePoint{0, -1, 0}));
        EXPECT_EQ(c.hi(), (LatticePoint{1, 0, 0}));
        EXPECT_NEAR(c.coefficient({0, 0, 0}), 3, 8 * eps);
        EXPECT_NEAR(c.coefficient({1, 0, 0}), 6, 8 * eps);
        EXPECT_NEAR(c.coefficient({0, -1, 0}), 1, 8 * eps);
        EXPECT_NEAR(c.coefficient({1, -1, 0}), 2, 8 * eps);
    }
}

TEST(LaurentPolynomial, FftAndDirectProductsAgreeIn3D)
{
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> unit(0, 1);
    LaurentPolynomial a(3, {-3, -2, 0}, {4, 2, 5}), b(3, {0, -1, -1}, {2, 6, 1});
    for (auto& v : a.coefficients())
        v = unit(rng);
    for (auto& v : b.coefficients())
        v = unit(rng);
    double fftBound = 0;
    const auto direct = multiply(a, b, ConvolutionMethod::Direct);
    const auto viaFft = multiply(a, b, ConvolutionMethod::Fft, &fftBound);
    ASSERT_EQ(direct.size(), viaFft.size());
    EXPECT_GT(fftBound, 0.0);
    for (std::size_t i = 0; i < direct.size(); ++i)
        EXPECT_NEAR(direct.coefficients()[i], viaFft.coefficients()[i], fftBound);
}

TEST(LaurentPolynomial, PowerOfTheSimpleWalkIsBinomial)
{
    // The 1D simple walk: P(S_n = k) = C(n, (n+k)/2)/2^n (Feller vol. I, §III.2), from Boost.Math.
    const auto g = simpleWalk(1);
    for (auto method : {ConvolutionMethod::Direct, ConvolutionMethod::Fft, ConvolutionMethod::Automatic}) {
        const std::int64_t n = 301;
        PowerInfo info;
        auto p = power(g, n, method, &info);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->lo()[0], -n);
        const boost::math::binomial_distribution<double> bin(double(n), 0.5);
        double maxAbs = 0;
        for (std::int64_t k = -n; k <= n; ++k) {
            const double expected = (n + k) % 2 ? 0.0 : boost::math::pdf(bin, double((n + k) / 2));
            const double got = p->coefficient({k, 0, 0});
            maxAbs = std::max(maxAbs, std::abs(got - expected));
            if (method == ConvolutionMethod::Direct)  // relative accuracy, tails included
                EXPECT_NEAR(got, expected, 64 * eps * expected) << k;
            else
                EXPECT_NEAR(got, expected, info.absoluteError + 64 * eps * expected) << k;
        }
        if (method == ConvolutionMethod::Fft) {
            EXPECT_GT(info.fftProducts, 0);
            EXPECT_LT(info.absoluteError, 1e-12);  // the bound; the actual error is far smaller
        }
    }
}

TEST(LaurentPolynomial, PowerEdgesAndLimits)
{
    const auto g = simpleWalk(3);
    auto zero = power(g, 0);
    ASSERT_TRUE(zero);
    EXPECT_EQ(zero->size(), 1u);
    EXPECT_EQ(zero->coefficient({0, 0, 0}), 1.0);

    auto one = power(g, 1);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->coefficient({0, 0, 1}), 1.0 / 6);

    auto negative = power(g, -1);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error()[0].message, "steps = -1: must be at least 0");

    auto huge = power(g, 5000);
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error()[0].kind, ErrorKind::TooLarge);
    EXPECT_EQ(huge.error()[0].parameter, "steps");
    EXPECT_EQ(huge.error()[0].message,
              "steps = 5000: the 3D law of this step set is computed for n ≤ 127 "
              "(memory (2n+1)^3 doubles, at most 2^24 = 128 MiB)");
    EXPECT_TRUE(power(simpleWalk(1), 1'000'000));  // FFT: 2·10^6 + 1 coefficients

    // Direct convolution of a long 1D power costs too much and says so.
    auto slow = power(simpleWalk(1), 8'000'000, ConvolutionMethod::Direct);
    ASSERT_FALSE(slow);
    EXPECT_NE(slow.error()[0].message.find("the FFT method is faster"), std::string::npos);
}

}  // namespace
}  // namespace walklab::core
