// Exact laws of the Poisson lab: Boost.Math spot values against closed forms, the binomial–Poisson
// total variation distance, Λ(t) by quadrature, cell probabilities and the fit helpers.
#include "core/exact/PoissonLaws.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/poisson.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

using namespace walklab::core;
namespace bm = boost::math;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

}  // namespace

TEST(PoissonLaws, PoissonPmfAndCdfClosedForms)
{
    // P(N = k) = e^{−λ} λ^k / k! (Feller vol. I §VI.6). λ = 3: P(0) = e^{−3}, P(1) = 3e^{−3},
    // P(2) = 4.5e^{−3}, P(N ≤ 2) = 8.5e^{−3}; P(N > 2) = 1 − 8.5e^{−3} computed as sf.
    // Tolerance: 8 ulps relative.
    const bm::poisson_distribution<> law(3.0);
    const double e3 = std::exp(-3.0);
    EXPECT_NEAR(bm::pdf(law, 0.0), e3, 8 * eps * e3);
    EXPECT_NEAR(bm::pdf(law, 1.0), 3 * e3, 8 * eps * 3 * e3);
    EXPECT_NEAR(bm::pdf(law, 2.0), 4.5 * e3, 8 * eps * 4.5 * e3);
    EXPECT_NEAR(bm::cdf(law, 2.0), 8.5 * e3, 8 * eps * 8.5 * e3);
    EXPECT_NEAR(bm::cdf(bm::complement(law, 2.0)), 1 - 8.5 * e3, 8 * eps);
    // Far tail without cancellation: P(N > 40) for λ = 3 ≈ e^{−3} 3^41/41! (1 + 3/42 + …).
    const double tail = bm::cdf(bm::complement(law, 40.0));
    const double leading = std::exp(-3.0 + 41 * std::log(3.0) - std::lgamma(42.0));
    EXPECT_GT(tail, leading);
    EXPECT_LT(tail, leading * 1.08);
}

TEST(PoissonLaws, ExponentialAndErlangClosedForms)
{
    // Exponential(λ): F(t) = 1 − e^{−λt}, survival e^{−λt}, density λe^{−λt}.
    const bm::exponential_distribution<> gap(2.0);
    EXPECT_NEAR(bm::cdf(bm::complement(gap, 1.5)), std::exp(-3.0), 4 * eps * std::exp(-3.0));
    EXPECT_NEAR(bm::pdf(gap, 1.5), 2 * std::exp(-3.0), 4 * eps * 2 * std::exp(-3.0));
    EXPECT_NEAR(bm::cdf(gap, 1.5), -std::expm1(-3.0), 4 * eps);
    // Erlang(k, λ) = Gamma(k, 1/λ): P(S_k ≤ t) = 1 − e^{−λt} Σ_{j<k} (λt)^j / j! (Ross,
    // "Introduction to Probability Models", §5.3.2). k = 3, λ = 2, t = 1.5 (λt = 3).
    const bm::gamma_distribution<> kth(3.0, 0.5);
    const double closed = 1 - std::exp(-3.0) * (1 + 3 + 4.5);
    EXPECT_NEAR(bm::cdf(kth, 1.5), closed, 16 * eps);
    EXPECT_NEAR(bm::cdf(bm::complement(kth, 1.5)), 8.5 * std::exp(-3.0), 16 * eps * 8.5 * std::exp(-3.0));
}

TEST(PoissonLaws, TotalVariationForOneTrial)
{
    // n = 1: Bernoulli(λ) against Poisson(λ): ½(|1 − λ − e^{−λ}| + |λ − λe^{−λ}| + P(P ≥ 2))
    // = λ(1 − e^{−λ}) exactly (the Barbour–Hall bound is attained). Tolerance 10⁻¹⁵ absolute.
    for (const double lambda : {0.01, 0.3, 0.5, 1.0})
        EXPECT_NEAR(binomialPoissonTotalVariation(1, lambda), lambda * -std::expm1(-lambda), 1e-15) << lambda;
}

TEST(PoissonLaws, TotalVariationSmallCases)
{
    // n = 2, λ = 1: Binomial(2, ½) = (¼, ½, ¼) against e^{−1}(1, 1, ½, …):
    // ½[(e^{−1} − ¼) + (½ − e^{−1}) + (¼ − e^{−1}/2) + (1 − 5e^{−1}/2)] = ¾ − 3e^{−1}/2.
    EXPECT_NEAR(binomialPoissonTotalVariation(2, 1.0), 0.75 - 1.5 * std::exp(-1.0), 1e-15);
    // λ = n: Binomial(n, 1) is the point mass at n, so d_TV = 1 − P(P = n); n = 3: 1 − 4.5e^{−3}.
    EXPECT_NEAR(binomialPoissonTotalVariation(3, 3.0), 1 - 4.5 * std::exp(-3.0), 1e-15);
}

TEST(PoissonLaws, TotalVariationWithinBarbourHallBounds)
{
    // (1/32) min(1, 1/λ) λ²/n ≤ d_TV ≤ (1 − e^{−λ}) λ/n (Barbour & Hall 1984, Theorem 1).
    for (const double lambda : {0.5, 3.0, 20.0, 400.0})
        for (const std::int64_t n : {std::int64_t(500), std::int64_t(10'000), std::int64_t(1'000'000), std::int64_t(1'000'000'000)}) {
            const double tv = binomialPoissonTotalVariation(n, lambda);
            const double upper = -std::expm1(-lambda) * lambda / double(n);
            const double lower = std::min(1.0, 1 / lambda) * lambda * lambda / double(n) / 32;
            EXPECT_LE(tv, upper * (1 + 1e-6) + 1e-15) << lambda << " " << n;
            EXPECT_GE(tv, lower * (1 - 1e-6) - 1e-15) << lambda << " " << n;
        }
    // Decreasing in n, and 0 at λ = 0.
    EXPECT_GT(binomialPoissonTotalVariation(10, 3), binomialPoissonTotalVariation(100, 3));
    EXPECT_EQ(binomialPoissonTotalVariation(10, 0), 0);
    EXPECT_THROW(binomialPoissonTotalVariation(10, 11), std::invalid_argument);
    EXPECT_THROW(binomialPoissonTotalVariation(0, 1), std::invalid_argument);
}

TEST(PoissonLaws, CellProbabilitiesLumpTheTails)
{
    const auto p = poissonCellProbabilities(4.0, 2, 9);
    ASSERT_EQ(p.size(), 8u);
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-15);
    const bm::poisson_distribution<> law(4.0);
    EXPECT_NEAR(p.front(), bm::cdf(law, 2.0), 1e-16);
    EXPECT_NEAR(p.back(), bm::cdf(bm::complement(law, 8.0)), 1e-16);
    const auto zero = poissonCellProbabilities(0.0, 0, 3);
    EXPECT_EQ(zero, (std::vector<double>{1, 0, 0, 0}));
    const auto b = binomialCellProbabilities(10, 0.3, 0, 10);
    EXPECT_NEAR(std::accumulate(b.begin(), b.end(), 0.0), 1.0, 1e-15);
    EXPECT_NEAR(b[3], 120 * std::pow(0.3, 3) * std::pow(0.7, 7), 1e-15);  // C(10,3) p³ q⁷
}

TEST(PoissonLaws, CountsFitOfTheExpectedHistogramIsPerfect)
{
    // A histogram equal to M·P(N = k) (rounded) fits its own law and not a 10% larger mean.
    const double mean = 6.0;
    const bm::poisson_distribution<> law(mean);
    IntegerHistogram h;
    for (int k = 0; k < 40; ++k)
        h.add(k, std::uint64_t(std::llround(1e6 * bm::pdf(law, double(k)))));
    EXPECT_GT(poissonCountsFit(h, mean).pValue, 0.999);
    EXPECT_LT(poissonCountsFit(h, 1.1 * mean).pValue, 1e-12);
    // Mean 0 (everything kept at 0) and an impossible count.
    IntegerHistogram zeros;
    zeros.add(0, 1000);
    EXPECT_EQ(poissonCountsFit(zeros, 0.0).impossible, 0u);
    zeros.add(1);
    EXPECT_EQ(poissonCountsFit(zeros, 0.0).pValue, 0);
}
