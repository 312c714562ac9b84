// Kolmogorov–Smirnov: the law of D_n against closed forms and a reference table, the statistic,
// uniform p-values under the null, power against a wrong law, and the two-sample test.
#include "core/stats/KolmogorovSmirnov.h"

#include "core/random/StreamEngine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

using namespace walklab::core;

namespace {

double uniform(Engine& e) { return double(e() >> 11) * 0x1p-53; }

std::vector<double> uniformSample(std::uint64_t seed, std::size_t n)
{
    Engine e = makeStream(seed, 0);
    std::vector<double> x(n);
    for (auto& v : x)
        v = uniform(e);
    return x;
}

double uniformCdf(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace

TEST(KolmogorovSmirnovSf, OneObservationClosedForm)
{
    // D_1 = max(U, 1 − U), so P(D_1 ≥ d) = 2(1 − d) on [1/2, 1] and 1 below (exact).
    for (const double d : {0.5, 0.6, 0.7, 0.85, 0.99})
        EXPECT_NEAR(kolmogorovSmirnovSf(1, d), 2 * (1 - d), 4e-16) << d;
    EXPECT_EQ(kolmogorovSmirnovSf(1, 0.3), 1.0);
    EXPECT_EQ(kolmogorovSmirnovSf(1, 1.0), 0.0);
}

TEST(KolmogorovSmirnovSf, RubenGambinoRange)
{
    // For 1/(2n) ≤ d ≤ 1/n, P(D_n < d) = n!/nⁿ (2nd − 1)ⁿ (Ruben & Gambino 1982):
    // n = 5, d = 0.15: 120/3125 · 0.5⁵ = 0.0012. Relative tolerance 10⁻¹³.
    EXPECT_NEAR(kolmogorovSmirnovSf(5, 0.15), 1 - 0.0012, 1e-13);
    // and P(D_n ≥ d) = 2(1 − d)ⁿ for d ≥ 1 − 1/n: n = 4, d = 0.8 → 2·0.2⁴ = 0.0032.
    EXPECT_NEAR(kolmogorovSmirnovSf(4, 0.8), 0.0032, 1e-15);
}

TEST(KolmogorovSmirnovSf, AgreesWithReferenceTable)
{
    // tests/data/kolmogorov_smirnov_sf.csv: SciPy's kstwo.sf (see the file's header). Every
    // branch of the decision scheme appears in it. Tolerance: 10⁻⁹ relative where SciPy is exact
    // (matrix, Birnbaum–Tingey), 10⁻⁶ absolute in the Pelz–Good range (both use that series).
    std::ifstream in(std::string(WALKLAB_TEST_DATA) + "/kolmogorov_smirnov_sf.csv");
    ASSERT_TRUE(in) << "missing reference table";
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream row(line);
        std::int64_t n = 0;
        double d = 0, expected = 0;
        char comma = 0;
        row >> n >> comma >> d >> comma >> expected;
        const double got = kolmogorovSmirnovSf(n, d);
        EXPECT_NEAR(got, expected, std::max(1e-9 * expected, n > 140 ? 1e-6 : 1e-12)) << "n = " << n << ", d = " << d;
        ++rows;
    }
    EXPECT_GE(rows, 25);
}

TEST(KolmogorovSmirnovSf, ContinuousAcrossBranches)
{
    // The scheme switches method at n = 140 and at n·d² = 2.2: the values on either side agree.
    EXPECT_NEAR(kolmogorovSmirnovSf(140, 0.1), kolmogorovSmirnovSf(141, 0.1), 5e-3);
    for (const std::int64_t n : {50, 1000, 200000}) {
        const double d = std::sqrt(2.2 / double(n));
        EXPECT_NEAR(kolmogorovSmirnovSf(n, d * (1 - 1e-9)), kolmogorovSmirnovSf(n, d * (1 + 1e-9)), 1e-6) << n;
    }
    // Monotone decreasing in d.
    double previous = 1;
    for (double d = 0.001; d < 0.2; d += 0.001) {
        const double p = kolmogorovSmirnovSf(2000, d);
        EXPECT_LE(p, previous + 1e-9) << d;
        previous = p;
    }
}

TEST(KolmogorovSmirnovSf, EdgesAndNaN)
{
    EXPECT_TRUE(std::isnan(kolmogorovSmirnovSf(10, std::nan(""))));
    EXPECT_TRUE(std::isnan(kolmogorovSmirnovSf(0, 0.5)));
    EXPECT_EQ(kolmogorovSmirnovSf(10, 0.0), 1.0);
    EXPECT_EQ(kolmogorovSmirnovSf(10, -1.0), 1.0);
    EXPECT_EQ(kolmogorovSmirnovSf(10, 2.0), 0.0);
    EXPECT_EQ(kolmogorovSmirnovSf(1'000'000, 0.5), 0.0);
}

TEST(KolmogorovLimit, ClassicalCriticalValues)
{
    // Smirnov (1948) table of the Kolmogorov law, quantiles to 4 decimals (so 5·10⁻⁵ in p):
    // P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01, P(K > 1.2238) = 0.10; and SciPy
    // kstwobign.sf(1) = 0.26999967167735456 (to 10⁻¹⁴).
    EXPECT_NEAR(kolmogorovLimitSf(1.3581), 0.05, 5e-5);
    EXPECT_NEAR(kolmogorovLimitSf(1.6276), 0.01, 5e-5);
    EXPECT_NEAR(kolmogorovLimitSf(1.2238), 0.10, 5e-5);
    EXPECT_NEAR(kolmogorovLimitSf(1.0), 0.26999967167735456, 1e-14);
    EXPECT_NEAR(kolmogorovLimitSf(0.5), 0.9639452436648751, 1e-14);  // kstwobign.sf(0.5), theta form
    EXPECT_EQ(kolmogorovLimitSf(0), 1.0);
    // The two series meet at x = 1.
    EXPECT_NEAR(kolmogorovLimitSf(1 - 1e-12), kolmogorovLimitSf(1 + 1e-12), 1e-11);
}

TEST(KolmogorovSmirnovTest, StatisticOfASmallSample)
{
    // Sample {0.1, 0.4, 0.7} against U(0, 1): the deviations i/n − x and x − (i−1)/n are
    // 0.2333, 0.2667, 0.3 and 0.1, 0.0667, 0.0333, so D = 0.3 (exact arithmetic).
    const auto r = kolmogorovSmirnovTest({0.7, 0.1, 0.4}, uniformCdf);
    EXPECT_NEAR(r.statistic, 0.3, 1e-15);
    EXPECT_EQ(r.sampleSize, 3);
    EXPECT_NEAR(r.pValue, kolmogorovSmirnovSf(3, 0.3), 1e-15);
}

TEST(KolmogorovSmirnovTest, EmptyAndNaN)
{
    const auto empty = kolmogorovSmirnovTest({}, uniformCdf);
    EXPECT_EQ(empty.statistic, 0);
    EXPECT_EQ(empty.pValue, 1);
    const auto withNaN = kolmogorovSmirnovTest({0.5, std::nan("")}, uniformCdf);
    EXPECT_TRUE(std::isnan(withNaN.pValue));
}

TEST(KolmogorovSmirnovTest, PValuesAreUniformUnderTheNull)
{
    // 2000 tests of n = 60 uniforms (the exact-matrix branch) and 300 of n = 3000 (Pelz–Good):
    // under the null the p-values are U(0, 1), which a KS test of the p-values checks.
    for (const auto& [tests, n] : {std::pair{2000, 60}, std::pair{300, 3000}}) {
        std::vector<double> pValues;
        for (int i = 0; i < tests; ++i)
            pValues.push_back(kolmogorovSmirnovTest(uniformSample(1000 + std::uint64_t(i), std::size_t(n)), uniformCdf).pValue);
        EXPECT_GT(kolmogorovSmirnovTest(pValues, uniformCdf).pValue, 1e-3) << "n = " << n;
    }
}

TEST(KolmogorovSmirnovTest, RejectsAWrongLaw)
{
    // 50000 Exponential(1) values against Exponential(1.05): a 5% error in the rate is found
    // (√n·D ≈ 0.018·√50000 ≈ 4, p ≈ 10⁻¹⁴).
    Engine e = makeStream(5, 0);
    std::vector<double> x(50000);
    for (auto& v : x)
        v = -std::log1p(-uniform(e));
    EXPECT_GT(kolmogorovSmirnovTest(x, [](double t) { return -std::expm1(-t); }).pValue, 1e-4);
    EXPECT_LT(kolmogorovSmirnovTest(x, [](double t) { return -std::expm1(-1.05 * t); }).pValue, 1e-6);
}

TEST(KolmogorovSmirnovTwoSample, SameAndDifferentLaws)
{
    const auto a = uniformSample(1, 5000), b = uniformSample(2, 3000);
    const auto same = kolmogorovSmirnovTwoSample(a, b);
    EXPECT_NEAR(same.sampleSize, 5000.0 * 3000 / 8000, 1e-9);
    EXPECT_GT(same.pValue, 1e-3);
    auto shifted = b;
    for (auto& v : shifted)
        v = v * 1.1;
    EXPECT_LT(kolmogorovSmirnovTwoSample(a, shifted).pValue, 1e-6);
    const auto identical = kolmogorovSmirnovTwoSample(a, a);
    EXPECT_EQ(identical.statistic, 0);
    EXPECT_EQ(identical.pValue, 1);
    EXPECT_EQ(kolmogorovSmirnovTwoSample({}, a).pValue, 1);
}

TEST(KolmogorovSmirnovTwoSample, TiesAdvanceBothSamples)
{
    // {1, 2, 2} against {2, 3}: F_a − F_b is 1/3 at 1, 1 − 1/2 at 2, 0 at 3, so D = 1/2.
    EXPECT_NEAR(kolmogorovSmirnovTwoSample({1, 2, 2}, {2, 3}).statistic, 0.5, 1e-15);
}
