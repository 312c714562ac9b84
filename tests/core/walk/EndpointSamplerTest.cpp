// The endpoint-only shortcut against the exact laws: 1D against Walk1DDistribution (and the
// binomial law of Boost.Math for n = 10^9), 2D/3D against latticeDistribution() site by site,
// and the moments n·E X, n·Cov X at n = 10^7; each sample also rejects a slightly wrong law.
#include "core/walk/detail/EndpointSampler.h"

#include "core/exact/LatticeDistribution.h"
#include "core/exact/Walk1DDistribution.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/walk/WalkNDTheory.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace walklab::core;
using walklab::core::detail::EndpointSampler1D;
using walklab::core::detail::EndpointSamplerND;

namespace {

constexpr int kDraws = 200'000;

/// Counts of S_n in μ ± 8σ of `law` (the rest pooled into the end cells) and the chi-squared
/// test against `law`.
ChiSquaredResult test1D(const std::map<std::int64_t, std::uint64_t>& counts, const Walk1DDistribution& law)
{
    const auto [lo, hi] = law.significantRange(8);
    std::vector<double> pmf = law.pmf(lo, hi);
    double inside = 0;
    for (double v : pmf)
        inside += v;
    pmf.front() += std::max(0.0, 1 - inside) / 2;  // beyond 8σ: below 10^-14
    pmf.back() += std::max(0.0, 1 - inside) / 2;
    std::vector<std::uint64_t> observed(pmf.size(), 0);
    for (const auto& [k, c] : counts)
        observed[std::size_t(std::clamp(k, lo, hi) - lo)] += c;
    return chiSquaredTest(observed, pmf, 1000);  // cells of ≥ 1000 expected: fewer, more powerful
}

std::map<std::int64_t, std::uint64_t> draw1D(std::int64_t n, double p, double q, std::uint64_t seed)
{
    EndpointSampler1D sampler(n, p, q);
    Engine engine = makeStream(seed, 0);
    std::map<std::int64_t, std::uint64_t> counts;
    for (int i = 0; i < kDraws; ++i)
        ++counts[sampler(engine)];
    return counts;
}

/// An endpoint grid of single sites over [−n, n]^d.
EndpointGrid sites(int dimension, std::int64_t n)
{
    EndpointGrid g;
    g.dimension = dimension;
    for (int a = 0; a < dimension; ++a) {
        g.lo[std::size_t(a)] = double(-n) - 0.5;
        g.cells[std::size_t(a)] = 2 * n + 1;
    }
    g.counts.assign(std::size_t(g.cellCount()), 0);
    return g;
}

StepLaw simpleLaw(int dimension, std::array<double, 6> weights, double lazy)
{
    return *StepLaw::simple(dimension, std::span<const double>(weights.data(), std::size_t(2 * dimension)), lazy);
}

EndpointGrid drawND(const StepLaw& law, std::int64_t n, std::uint64_t seed)
{
    EndpointSamplerND sampler(law.dimension(), n, law.simpleProbabilities());
    Engine engine = makeStream(seed, 0);
    EndpointGrid g = sites(law.dimension(), n);
    for (int i = 0; i < kDraws; ++i) {
        std::array<std::int64_t, 3> x{0, 0, 0};
        sampler(engine, x);
        const std::int64_t cell = g.cellOf({double(x[0]), double(x[1]), double(x[2])});
        EXPECT_GE(cell, 0);
        if (cell >= 0)
            ++g.counts[std::size_t(cell)];
    }
    return g;
}

}  // namespace

TEST(EndpointSampler1D, FollowsTheExactLawAndRejectsAWrongOne)
{
    struct Case {
        std::int64_t n;
        double p, q;
    };
    // Inversion (n·p < 11) and BTRD branches, lazy and not, p > 1/2 (Boost draws n − Bin(n, 1 − p)).
    for (const Case& c : {Case{1, 0.5, 0.5}, Case{7, 0.3, 0.2}, Case{40, 0.5, 0.5}, Case{1000, 0.7, 0.3},
                         Case{1000, 0.25, 0.25}, Case{100000, 0.2, 0.05}, Case{1'000'000, 1.0 / 3, 1.0 / 3}}) {
        const auto counts = draw1D(c.n, c.p, c.q, 5);
        const auto fit = test1D(counts, Walk1DDistribution(c.n, c.p, c.q));
        EXPECT_EQ(fit.impossible, 0u) << "n = " << c.n;
        EXPECT_GT(fit.pValue, 1e-4) << "n = " << c.n << ", p = " << c.p << ", q = " << c.q << ", X² = "
                                    << fit.statistic << ", dof " << fit.degreesOfFreedom;
        if (c.n >= 1000) {
            // Power: the same sample against a mean moved by σ/20, and against 5% fewer moves.
            const Walk1DDistribution law(c.n, c.p, c.q);
            const double delta = 0.05 * std::sqrt(law.variance()) / double(2 * c.n);
            EXPECT_LT(test1D(counts, Walk1DDistribution(c.n, c.p + delta, c.q - delta)).pValue, 1e-6) << "n = " << c.n;
            EXPECT_LT(test1D(counts, Walk1DDistribution(c.n, 0.95 * c.p, 0.95 * c.q)).pValue, 1e-6) << "n = " << c.n;
        }
    }
}

TEST(EndpointSampler1D, BillionStepsFollowTheBinomialLaw)
{
    // S_n = 2U − n, U ~ Binomial(10^9, p): 40 bins of equal probability by Boost.Math's quantile.
    constexpr std::int64_t n = 1'000'000'000;
    for (const double p : {0.5, 0.3}) {
        const boost::math::binomial_distribution<double> law(double(n), p), wrong(double(n), p + 2e-6);
        EndpointSampler1D sampler(n, p, 1 - p);
        Engine engine = makeStream(9, 0);
        std::vector<std::int64_t> ups(kDraws);
        for (auto& u : ups) {
            const std::int64_t s = sampler(engine);
            ASSERT_EQ((s + n) % 2, 0);
            u = (s + n) / 2;
        }
        auto fit = [&](const boost::math::binomial_distribution<double>& against) {
            constexpr int bins = 40;
            std::vector<double> edges, probability;
            double previous = 0;
            for (int b = 1; b < bins; ++b) {
                edges.push_back(std::floor(quantile(law, double(b) / bins)));
                const double c = cdf(against, edges.back());
                probability.push_back(c - previous);
                previous = c;
            }
            probability.push_back(1 - previous);
            std::vector<std::uint64_t> observed(bins, 0);
            for (const std::int64_t u : ups)
                ++observed[std::size_t(std::lower_bound(edges.begin(), edges.end(), double(u)) - edges.begin())];
            return chiSquaredTest(observed, probability).pValue;
        };
        EXPECT_GT(fit(law), 1e-4) << "p = " << p;
        EXPECT_LT(fit(wrong), 1e-6) << "p = " << p;  // a mean moved by 2000 ≈ σ/8
    }
}

TEST(EndpointSamplerND, FollowsTheExactLatticeLawSiteBySite)
{
    constexpr std::array<double, 6> equal{1, 1, 1, 1, 1, 1};
    struct Case {
        int d;
        std::int64_t n;
        std::array<double, 6> weights;
        double lazy;
    };
    for (const Case& c : {Case{2, 40, equal, 0.0}, Case{2, 41, equal, 0.3},   // rotated, rotated lazy
                         Case{2, 25, {3, 1, 1, 2, 0, 0}, 0.0},               // drift
                         Case{2, 20, {1, 0, 1, 0, 0, 0}, 0.5},               // one-way axes
                         Case{2, 30, {1, 1, 0, 0, 0, 0}, 0.1},               // one axis only
                         Case{3, 15, equal, 0.0}, Case{3, 12, {1, 2, 1, 1, 3, 1}, 0.1}}) {
        const StepLaw law = simpleLaw(c.d, c.weights, c.lazy);
        const EndpointGrid g = drawND(law, c.n, 17);
        const auto exact = latticeDistribution(law, c.n);
        ASSERT_TRUE(exact.has_value());
        const auto fit = endpointChiSquared(g, cellProbabilities(g, *exact));
        EXPECT_EQ(fit.impossible, 0u) << law.description();
        EXPECT_GT(fit.pValue, 1e-4) << law.description() << ": X² = " << fit.statistic << ", dof "
                                    << fit.degreesOfFreedom;
        // Power: 5% more weight east, or a pause of 0.03 more.
        std::array<double, 6> heavier = c.weights;
        heavier[0] *= 1.05;
        const auto drift = latticeDistribution(simpleLaw(c.d, heavier, c.lazy), c.n);
        const auto lazier = latticeDistribution(simpleLaw(c.d, c.weights, c.lazy + 0.03), c.n);
        EXPECT_LT(endpointChiSquared(g, cellProbabilities(g, *drift)).pValue, 1e-6) << law.description();
        EXPECT_LT(endpointChiSquared(g, cellProbabilities(g, *lazier)).pValue, 1e-6) << law.description();
    }
}

TEST(EndpointSamplerND, TenMillionStepsHaveTheExactMeanAndCovariance)
{
    // E S_n = n·E X and Cov S_n = n·Cov X, each within 5 standard errors of 10^5 draws.
    constexpr std::int64_t n = 10'000'000;
    constexpr int draws = 100'000;
    for (const StepLaw& law : {simpleLaw(2, {1, 1, 1, 1, 0, 0}, 0.0), simpleLaw(2, {1, 1, 1, 1, 0, 0}, 0.4),
                               simpleLaw(3, {2, 1, 1, 1, 1, 3}, 0.2)}) {
        EndpointSamplerND sampler(law.dimension(), n, law.simpleProbabilities());
        Engine engine = makeStream(3, 0);
        const auto mean = law.mean();
        const auto cov = law.covariance();
        std::array<double, 3> sum{}, sumSq{};
        double sumXY = 0;
        for (int i = 0; i < draws; ++i) {
            std::array<std::int64_t, 3> x{0, 0, 0};
            sampler(engine, x);
            for (std::size_t a = 0; a < 3; ++a) {
                const double c = double(x[a]) - double(n) * mean[a];
                sum[a] += c;
                sumSq[a] += c * c;
            }
            sumXY += (double(x[0]) - double(n) * mean[0]) * (double(x[1]) - double(n) * mean[1]);
        }
        for (std::size_t a = 0; a < std::size_t(law.dimension()); ++a) {
            const double var = double(n) * cov[a][a];
            EXPECT_NEAR(sum[a] / draws, 0.0, 5 * std::sqrt(var / draws)) << law.description() << ", axis " << a;
            EXPECT_NEAR(sumSq[a] / draws / var, 1.0, 5 * std::sqrt(2.0 / draws)) << law.description();
        }
        const double sdXY = std::sqrt(double(n) * cov[0][0] * double(n) * cov[1][1] / draws);
        EXPECT_NEAR(sumXY / draws, double(n) * cov[0][1], 5 * sdXY) << law.description();
    }
}
