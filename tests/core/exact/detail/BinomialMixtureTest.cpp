// Tests of Loader's binomial probabilities and of binomial mixtures of return sequences.
#include "core/exact/detail/BinomialMixture.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace walklab::core::detail {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

TEST(BinomialPmf, AgreesWithBoostMath)
{
    // Reference: Boost.Math's binomial pdf (ibeta_derivative, accurate to a few ulps).
    for (std::int64_t n : {1, 2, 7, 40, 1000, 123457, 10000000})
        for (double theta : {0.5, 0.3, 1e-3, 0.999})
            for (double at : {0.0, 0.1, 0.5, 0.77, 1.0}) {
                const std::int64_t k = std::int64_t(at * double(n));
                const double expected = boost::math::pdf(
                    boost::math::binomial_distribution<double>(double(n), theta), double(k));
                const double got = binomialPmf(n, k, theta);
                if (expected < 1e-290)
                    EXPECT_LT(got, 1e-280);
                else
                    // exp() of a rounded exponent: both sides carry ≈ |log pmf|·ε.
                    EXPECT_NEAR(got / expected, 1.0, 1e-14 + 4 * eps * std::abs(std::log(expected)))
                        << n << " " << k << " " << theta;
            }
    EXPECT_EQ(binomialPmf(5, -1, 0.5), 0.0);
    EXPECT_EQ(binomialPmf(5, 6, 0.5), 0.0);
    EXPECT_EQ(binomialPmf(5, 0, 0.0), 1.0);
    EXPECT_EQ(binomialPmf(5, 5, 1.0), 1.0);
}

// Σ_k C(n,k) θ^k (1−θ)^{n−k} a_k b_{n−k} by the definition, in long double.
std::vector<double> naiveMixture(const std::vector<double>& a, const std::vector<double>& b, double theta)
{
    std::vector<double> c(a.size());
    for (std::size_t n = 0; n < a.size(); ++n) {
        long double s = 0;
        for (std::size_t k = 0; k <= n; ++k)
            s += std::exp(std::lgamma(n + 1.0L) - std::lgamma(k + 1.0L) - std::lgamma(n - k + 1.0L) +
                          k * std::log((long double)theta) + (n - k) * std::log1p(-(long double)theta)) *
                 a[k] * b[n - k];
        c[n] = double(s);
    }
    return c;
}

std::vector<double> symmetric1D(std::size_t size)  // C(2m,m)/4^m at even n, 0 at odd
{
    std::vector<double> u(size, 0.0);
    u[0] = 1;
    for (std::size_t n = 2; n < size; n += 2)
        u[n] = u[n - 2] * double(n - 1) / double(n);
    return u;
}

TEST(BinomialMixture, TwoAxesMakeTheSquareLattice)
{
    // Two ±1 walks chosen with probability 1/2 each are the simple walk on Z²; its returns are
    // C(2m,m)²/16^m (OEIS A002894 divided by 4^{2m}).
    const std::size_t size = 3001;
    const auto axis = symmetric1D(size);
    const auto u = binomialMixture(axis, axis, 0.5);
    for (std::size_t n = 0; n < size; ++n) {
        const double expected = axis[n] * axis[n];
        if (n % 2)
            EXPECT_EQ(u[n], 0.0);
        else
            EXPECT_NEAR(u[n] / expected, 1.0, 200 * eps) << n;
    }
}

TEST(BinomialMixture, MatchesTheDefinition)
{
    const std::size_t size = 301;
    const auto axis = symmetric1D(size);
    std::vector<double> decaying(size);
    const std::vector<double> ones(size, 1.0);
    for (std::size_t n = 0; n < size; ++n)
        decaying[n] = std::pow(0.97, double(n)) / std::sqrt(double(n) + 1);
    for (double theta : {0.2, 0.5, 0.9}) {
        using Pair = std::pair<const std::vector<double>*, const std::vector<double>*>;
        for (const auto& [a, b] : {Pair{&axis, &ones}, Pair{&decaying, &axis}, Pair{&decaying, &ones}}) {
            const auto got = binomialMixture(*a, *b, theta);
            const auto expected = naiveMixture(*a, *b, theta);
            for (std::size_t n = 0; n < size; ++n)
                EXPECT_NEAR(got[n], expected[n], 1e-13 * expected[n] + 1e-300) << n << " θ = " << theta;
        }
    }
}

TEST(BinomialMixture, EdgesOfTheWeight)
{
    const std::vector<double> a{1, 0.5, 0.25}, b{1, 0.1, 0.01};
    EXPECT_EQ(binomialMixture(a, b, 0.0), (std::vector<double>{1, 0.1, 0.01}));
    EXPECT_EQ(binomialMixture(a, b, 1.0), (std::vector<double>{1, 0.5, 0.25}));
    EXPECT_TRUE(binomialMixture({}, b, 0.5).empty());
}

}  // namespace
}  // namespace walklab::core::detail
