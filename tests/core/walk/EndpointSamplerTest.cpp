// The endpoint-only shortcut against the exact laws: the binomial variates (BTRD and inversion)
// against Boost.Math's binomial law, 1D against Walk1DDistribution (and the binomial law of
// Boost.Math for n = 10^9), 2D/3D against latticeDistribution() site by site, and the moments
// n·E X, n·Cov X at n = 10^7; each sample also rejects a slightly wrong law. Every CpuLevel
// gives the same draws.
#include "core/walk/detail/EndpointSampler.h"

#include "core/exact/LatticeDistribution.h"
#include "core/exact/Walk1DDistribution.h"
#include "core/random/CpuLevel.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/walk/WalkNDTheory.h"

#include <boost/math/distributions/binomial.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

using namespace walklab::core;
using walklab::core::detail::Binomial;
using walklab::core::detail::EndpointSampler1D;
using walklab::core::detail::EndpointSamplerND;

namespace {

constexpr int kDraws = 200'000;

/// Walkers per call, cycling through 1 … kMaxCall (part batches and several batches), or 1 (the
/// one-walker path).
constexpr int kMaxCall = 150;
int callSize(int call, bool oneByOne = false) { return oneByOne ? 1 : 1 + call % kMaxCall; }

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

std::map<std::int64_t, std::uint64_t> draw1D(std::int64_t n, double p, double q, std::uint64_t seed, bool oneByOne)
{
    const EndpointSampler1D sampler(n, p, q);
    Engine engine = makeStream(seed, 0);
    std::map<std::int64_t, std::uint64_t> counts;
    std::vector<std::int64_t> s(kMaxCall);
    for (int done = 0, call = 0; done < kDraws; done += callSize(call++, oneByOne)) {
        if (oneByOne)
            s[0] = sampler(engine);
        else
            sampler(engine, s.data(), std::size_t(callSize(call)));
        for (int i = 0; i < callSize(call, oneByOne); ++i)
            ++counts[s[std::size_t(i)]];
    }
    return counts;
}

/// Chi-squared of Binomial draws against Binomial(t, p) of Boost.Math: a cell per value when
/// t ≤ 2000 (cells pooled to ≥ 20 expected), else 50 cells of equal probability under
/// Binomial(t, binsP). Every draw must lie in 0 … t.
ChiSquaredResult binomialFit(const std::vector<std::int64_t>& draws, std::int64_t t, double p, double binsP)
{
    const boost::math::binomial_distribution<double> law(double(t), p), bins(double(t), binsP);
    std::vector<double> edges;  // cell i holds the values in (edges[i − 1], edges[i]]
    for (std::int64_t k = 0; k < t && t <= 2000; ++k)
        edges.push_back(double(k));
    for (int b = 1; b < 50 && t > 2000; ++b) {
        const double e = std::floor(quantile(bins, b / 50.0));
        if (edges.empty() || e > edges.back())
            edges.push_back(e);
    }
    std::vector<double> probability;
    double previous = 0;
    for (const double e : edges) {
        const double c = cdf(law, e);
        probability.push_back(c - previous);
        previous = c;
    }
    probability.push_back(1 - previous);
    std::vector<std::uint64_t> observed(probability.size(), 0);
    for (const std::int64_t x : draws) {
        EXPECT_TRUE(x >= 0 && x <= t) << x << " drawn from Binomial(" << t << ", " << p << ")";
        ++observed[std::size_t(std::lower_bound(edges.begin(), edges.end(), double(x)) - edges.begin())];
    }
    return chiSquaredTest(observed, probability, 20);
}

/// Binomial(t, p) with the mean moved by σ/20 (at least 1/t): the wrong law each sample must reject.
double movedP(std::int64_t t, double p)
{
    const double dt = double(t);
    return std::min(1.0, p + std::max(0.05 * std::sqrt(dt * p * (1 - p)), 1.0 / 64) / dt);
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

EndpointGrid drawND(const StepLaw& law, std::int64_t n, std::uint64_t seed, bool oneByOne)
{
    const EndpointSamplerND sampler(law.dimension(), n, law.simpleProbabilities());
    Engine engine = makeStream(seed, 0);
    EndpointGrid g = sites(law.dimension(), n);
    std::vector<EndpointSamplerND::Displacement> s(kMaxCall);
    for (int done = 0, call = 0; done < kDraws; done += callSize(call++, oneByOne)) {
        if (oneByOne) {
            s[0] = {0, 0, 0};
            sampler(engine, s[0]);  // the one-walker form: adds S_n
        } else {
            sampler(engine, s.data(), std::size_t(callSize(call)));
        }
        for (int i = 0; i < callSize(call, oneByOne); ++i) {
            const auto& x = s[std::size_t(i)];
            const std::int64_t cell = g.cellOf({double(x[0]), double(x[1]), double(x[2])});
            EXPECT_GE(cell, 0);
            if (cell >= 0)
                ++g.counts[std::size_t(cell)];
        }
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
        for (const bool oneByOne : {false, true}) {
            SCOPED_TRACE(oneByOne ? "one walker per call" : "walkers in calls of 1 … 150");
            const auto counts = draw1D(c.n, c.p, c.q, 5, oneByOne);
            const auto fit = test1D(counts, Walk1DDistribution(c.n, c.p, c.q));
            EXPECT_EQ(fit.impossible, 0u) << "n = " << c.n;
            EXPECT_GT(fit.pValue, 1e-4) << "n = " << c.n << ", p = " << c.p << ", q = " << c.q << ", X² = "
                                        << fit.statistic << ", dof " << fit.degreesOfFreedom;
            if (c.n >= 1000) {
                // Power: the same sample against a mean moved by σ/20, and against 5% fewer moves.
                const Walk1DDistribution law(c.n, c.p, c.q);
                const double delta = 0.05 * std::sqrt(law.variance()) / double(2 * c.n);
                EXPECT_LT(test1D(counts, Walk1DDistribution(c.n, c.p + delta, c.q - delta)).pValue, 1e-6)
                    << "n = " << c.n;
                EXPECT_LT(test1D(counts, Walk1DDistribution(c.n, 0.95 * c.p, 0.95 * c.q)).pValue, 1e-6)
                    << "n = " << c.n;
            }
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
        for (const bool oneByOne : {false, true}) {
            SCOPED_TRACE(oneByOne ? "one walker per call" : "walkers in calls of 1 … 150");
            const StepLaw law = simpleLaw(c.d, c.weights, c.lazy);
            const EndpointGrid g = drawND(law, c.n, 17, oneByOne);
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

TEST(Binomial, FollowsTheBinomialLawInEveryRegionAndRejectsAWrongOne)
{
    struct Case {
        std::int64_t t;
        double p;
    };
    // Inversion (mode m = ⌊(t + 1)p⌋ < 11) and BTRD (m ≥ 11, the smallest m = 11 included), the
    // recursion (|k − m| ≤ 15 dominant at t·p·q ≈ 20) and squeeze / final test (large t), p > ½,
    // and t = 10^9. Draws in calls of 1 … 150 (one-draw path, part and whole batches).
    for (const Case& c : {Case{5, 0.3}, Case{20, 0.5}, Case{21, 0.5}, Case{100, 0.3}, Case{1000, 0.9},
                         Case{1'000'000, 0.5}, Case{1'000'000'000, 5e-9}, Case{1'000'000'000, 0.01}}) {
        const Binomial binomial(c.t, c.p);
        Engine engine = makeStream(21, 0);
        std::vector<std::int64_t> draws(kDraws + kMaxCall);
        std::size_t done = 0;
        for (int call = 0; done < std::size_t(kDraws); done += std::size_t(callSize(call++)))
            binomial(engine, draws.data() + done, std::size_t(callSize(call)));
        draws.resize(done);
        const auto fit = binomialFit(draws, c.t, c.p, c.p);
        EXPECT_GT(fit.pValue, 1e-4) << "t = " << c.t << ", p = " << c.p << ": X² = " << fit.statistic << ", dof "
                                    << fit.degreesOfFreedom;
        EXPECT_LT(binomialFit(draws, c.t, movedP(c.t, c.p), c.p).pValue, 1e-6) << "t = " << c.t << ", p = " << c.p;
    }
}

TEST(Binomial, DegenerateLawsAreExact)
{
    Engine engine = makeStream(2, 0);
    std::vector<std::int64_t> draws(100);
    for (const std::int64_t t : {0, 1, 50, 1'000'000}) {
        Binomial(t, 0.0)(engine, draws.data(), draws.size());
        EXPECT_EQ(std::count(draws.begin(), draws.end(), 0), 100) << "t = " << t;
        Binomial(t, 1.0)(engine, draws.data(), draws.size());
        EXPECT_EQ(std::count(draws.begin(), draws.end(), t), 100) << "t = " << t;
    }
}

TEST(Binomial, LawsSetUpPerDrawFollowTheirBinomialLaws)
{
    // binomials(): a batch mixes inversion and BTRD draws (trials cycle through the list).
    const std::vector<std::int64_t> trials{3, 30, 22, 1000, 7, 1'000'000};
    for (const double p : {0.3, 0.75}) {
        std::vector<std::int64_t> t(trials.size() * 40'000);
        for (std::size_t j = 0; j < t.size(); ++j)
            t[j] = trials[j % trials.size()];
        std::vector<std::int64_t> out(t.size());
        Engine engine = makeStream(8, 0);
        detail::binomials(engine, t.data(), p, out.data(), out.size());
        for (std::size_t i = 0; i < trials.size(); ++i) {
            std::vector<std::int64_t> draws;
            for (std::size_t j = i; j < out.size(); j += trials.size())
                draws.push_back(out[j]);
            EXPECT_GT(binomialFit(draws, trials[i], p, p).pValue, 1e-4) << "t = " << trials[i] << ", p = " << p;
            EXPECT_LT(binomialFit(draws, trials[i], movedP(trials[i], p), p).pValue, 1e-6) << "t = " << trials[i];
        }
    }
}

TEST(Binomial, LawsSetUpPerDrawDrawAsTheSameLawSetUpOnce)
{
    // binomials() with every trials[j] = t sets each law up in vector registers; Binomial(t, p)
    // sets it up once in scalar code. The same words must give the same variates (the set-ups
    // agree bit for bit), in batches and one at a time, in every region and for p > ½.
    for (const auto& [t, p] : std::vector<std::pair<std::int64_t, double>>{
             {4, 0.2}, {10, 0.6}, {40, 0.5}, {500, 0.3}, {1'000'000, 0.7}, {999'999'999, 0.01}}) {
        const Binomial binomial(t, p);
        const std::vector<std::int64_t> trials(1000, t);
        std::vector<std::int64_t> once(trials.size()), perDraw(trials.size());
        Engine a = makeStream(4, 1), b = makeStream(4, 1);
        for (std::size_t done = 0, call = 0; done < trials.size(); done += std::size_t(callSize(int(call++)))) {
            const std::size_t n = std::min(std::size_t(callSize(int(call))), trials.size() - done);
            binomial(a, once.data() + done, n);
            detail::binomials(b, trials.data() + done, p, perDraw.data() + done, n);
        }
        EXPECT_EQ(once, perDraw) << "t = " << t << ", p = " << p;
        EXPECT_EQ(a(), b()) << "the same words read";
    }
}

TEST(EndpointSampler, EveryCpuLevelDrawsTheSameEndpoints)
{
    // Binomial (one draw and batches, every region), binomials(), and the 1D and 2D/3D chains.
    auto drawAll = [](CpuLevel level) {
        std::vector<std::int64_t> all;
        auto take = [&](Engine& e, auto draw, std::size_t n) {
            std::vector<std::int64_t> out(n);
            draw(e, out.data(), n);
            all.insert(all.end(), out.begin(), out.end());
        };
        Engine engine = makeStream(11, 2);
        engine.useCpuLevel(level);
        for (const auto& [t, p] : std::vector<std::pair<std::int64_t, double>>{
                 {5, 0.3}, {25, 0.5}, {300, 0.2}, {1'000'000, 0.5}, {1'000'000'000, 0.7}}) {
            const Binomial binomial(t, p);
            take(engine, [&](Engine& e, std::int64_t* out, std::size_t n) { binomial(e, out, n); }, 20'000);
            all.push_back(binomial(engine));
        }
        std::vector<std::int64_t> trials(5000);
        for (std::size_t j = 0; j < trials.size(); ++j)
            trials[j] = std::int64_t(j * j % 100'003);
        auto perDraw = [&](Engine& e, std::int64_t* out, std::size_t n) {
            detail::binomials(e, trials.data(), 0.3, out, n);
        };
        take(engine, perDraw, trials.size());
        const EndpointSampler1D lazy(100'000, 0.3, 0.5);
        take(engine, [&](Engine& e, std::int64_t* out, std::size_t n) { lazy(e, out, n); }, 10'000);
        for (const StepLaw& law : {simpleLaw(2, {1, 1, 1, 1, 0, 0}, 0.2), simpleLaw(3, {1, 2, 1, 1, 3, 1}, 0.1)}) {
            const EndpointSamplerND sampler(law.dimension(), 1'000'000, law.simpleProbabilities());
            std::vector<EndpointSamplerND::Displacement> x(5000);
            sampler(engine, x.data(), x.size());
            for (const auto& s : x)
                all.insert(all.end(), s.begin(), s.end());
        }
        return all;
    };
    const std::vector<std::int64_t> baseline = drawAll(CpuLevel::Baseline);
    for (const CpuLevel level : {CpuLevel::Avx2, CpuLevel::Avx512}) {
        if (level > detectedCpuLevel()) {
            std::cout << "[  NOTE    ] this CPU lacks " << cpuLevelName(level) << ": not compared\n";
            continue;
        }
        EXPECT_TRUE(drawAll(level) == baseline) << cpuLevelName(level) << " against baseline";
    }
}
