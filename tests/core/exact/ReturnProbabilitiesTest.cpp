// Tests of return probabilities, first returns and Pólya's constants against OEIS, closed forms,
// the lattice laws, and each other.
#include "core/exact/ReturnProbabilities.h"

#include "core/exact/LatticeDistribution.h"
#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/OeisTable.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>

namespace walklab::core {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

TEST(ReturnProbabilities, SquareAndCubicLatticeMatchOeis)
{
    // OEIS A002894 (Z²: C(2m,m)²) and A002896 (Z³) count closed walks of length 2m; dividing by
    // (2d)^{2m} gives u_{2m}. The recurrences should be within a few ulps.
    const auto a2 = test::readOeisTable("oeis_A002894.txt");
    const auto a3 = test::readOeisTable("oeis_A002896.txt");
    auto u2 = returnProbabilities(*StepLaw::simple(2), 2 * std::int64_t(a2.size()) - 1);
    auto u3 = returnProbabilities(*StepLaw::simple(3), 2 * std::int64_t(a3.size()) - 1);
    ASSERT_TRUE(u2 && u3);
    for (std::size_t m = 0; m < a2.size(); ++m) {
        EXPECT_NEAR((*u2)[2 * m] / double(a2[m] / std::pow(16.0L, (long double)m)), 1.0, 16 * eps) << m;
        EXPECT_EQ((*u2)[2 * m + 1], 0.0);
    }
    for (std::size_t m = 0; m < a3.size(); ++m) {
        EXPECT_NEAR((*u3)[2 * m] / double(a3[m] / std::pow(36.0L, (long double)m)), 1.0, 32 * eps) << m;
        EXPECT_EQ((*u3)[2 * m + 1], 0.0);
    }
}

TEST(ReturnProbabilities, CubicRecurrenceStaysAccurateFarOut)
{
    // A002896(m) = C(2m,m) Σ_k C(m,k)² C(2k,k) (OEIS A002896, formula section): evaluated in long
    // double with lgamma, an independent check of the recurrence at m = 2000 and 200000.
    auto u = returnProbabilities(*StepLaw::simple(3), 400000);
    ASSERT_TRUE(u);
    for (long m : {2000L, 200000L}) {
        auto logC = [](long double n, long double k) {
            return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
        };
        // Sum relative to the largest term to avoid overflow.
        long double maxLog = -1e300L;
        std::vector<long double> logs;
        for (long k = 0; k <= m; ++k) {
            logs.push_back(2 * logC(m, k) + logC(2 * k, k));
            maxLog = std::max(maxLog, logs.back());
        }
        long double s = 0;
        for (auto l : logs)
            s += std::exp(l - maxLog);
        const long double logU = logC(2 * m, m) + maxLog + std::log(s) - 2 * m * std::log(6.0L);
        // The reference itself carries ~1e-12 (lgamma of 10^6-sized arguments).
        EXPECT_NEAR((*u)[std::size_t(2 * m)] / double(std::exp(logU)), 1.0, 5e-12) << m;
    }
}

TEST(ReturnProbabilities, OneDimensionalAgreesWithWalk1D)
{
    // Reference: P(S_n = 0) of core/exact/Walk1DDistribution (binomial / trinomial sums).
    struct Case { double p, q; };
    for (const auto c : {Case{0.5, 0.5}, Case{0.7, 0.3}, Case{0.25, 0.25}, Case{0.45, 0.1}, Case{0.3, 0.0}}) {
        const double r = 1 - c.p - c.q < 1e-15 ? 0.0 : 1 - c.p - c.q;  // 1 − 0.7 − 0.3 ≠ 0 in doubles
        const std::vector<double> w{c.q, r, c.p};
        auto law = StepLaw::range(-1, w);
        auto u = returnProbabilities(*law, 3000);
        ASSERT_TRUE(u);
        for (std::int64_t n : {0, 1, 2, 3, 10, 99, 100, 1000, 2999, 3000}) {
            const double expected = Walk1DDistribution(n, c.p, c.q).pmf(0);
            EXPECT_NEAR((*u)[std::size_t(n)], expected, 1e-12 * expected) << c.p << " " << c.q << " " << n;
        }
    }
}

TEST(ReturnProbabilities, MixturesAndGeneralLawsMatchTheLatticeLaw)
{
    // Pauses and unequal axes go through binomial mixtures, non-simple laws through stepping;
    // P(S_n = 0) of the lattice law (direct convolution, relative accuracy) is the reference.
    std::vector<StepLaw> laws;
    laws.push_back(*StepLaw::simple(2, 0.3));
    laws.push_back(*StepLaw::simple(3, 0.2));
    const std::vector<double> w2{0.4, 0.1, 0.3, 0.2}, w3{1, 2, 1, 1, 3, 0.5};
    laws.push_back(*StepLaw::simple(2, w2, 0.0));
    laws.push_back(*StepLaw::simple(3, w3, 0.1));
    const std::vector<double> oneWay{1, 0, 1, 1, 1, 1};  // +e₁ only: returns need no e₁ step
    laws.push_back(*StepLaw::simple(3, oneWay, 0.0));
    const std::vector<double> range{1, 1, 2, 2, 1, 1};
    laws.push_back(*StepLaw::range(-2, range));
    const std::vector<LatticePoint> king{{1, 0, 0}, {-1, 1, 0}, {0, -1, 0}, {1, 1, 0}, {-1, -1, 0}};
    const std::vector<double> kw{1, 1, 1, 0.5, 0.5};
    laws.push_back(*StepLaw::fromSteps(2, king, kw));
    for (const auto& law : laws) {
        const std::int64_t n = law.dimension() == 3 ? 40 : 80;
        auto u = returnProbabilities(law, n);
        ASSERT_TRUE(u) << law.description();
        for (std::int64_t k = 0; k <= n; ++k) {
            auto d = latticeDistribution(law, k, ConvolutionMethod::Direct);
            const double expected = d->pmf({0, 0, 0});
            EXPECT_NEAR((*u)[std::size_t(k)], expected, 1e-12 * expected) << law.description() << " n=" << k;
        }
    }
    auto die = returnProbabilities(*StepLaw::die(), 10);
    ASSERT_TRUE(die);
    EXPECT_EQ((*die)[0], 1.0);
    EXPECT_EQ((*die)[10], 0.0);
}

TEST(ReturnProbabilities, FirstReturnsAndRunningSums)
{
    // 1D: f_{2m} = C(2m,m)/((2m−1)4^m) (Feller vol. I, §III.3 / §XI.3).
    auto line = returnStatistics(*StepLaw::simple(1), 1000);
    ASSERT_TRUE(line);
    for (std::size_t n = 2; n <= 1000; n += 2)
        EXPECT_NEAR(line->f[n], line->u[n] / double(n - 1), 4 * eps * line->f[n]);
    EXPECT_NEAR(line->f[2], 0.5, eps);
    EXPECT_NEAR(line->f[4], 0.125, eps);
    // P(T ≤ 2m) = 1 − u_{2m} for the simple walk on Z (Feller vol. I, §III.3, lemma 1).
    EXPECT_NEAR(line->returnedBy[1000], 1 - line->u[1000], 1e-14);

    // 2D and 3D: f from the divide-and-conquer renewal solver against the O(N²) definition in
    // long double; expected returns are the running sums of u.
    for (int d : {2, 3}) {
        auto s = returnStatistics(*StepLaw::simple(d), 4000);
        ASSERT_TRUE(s);
        std::vector<long double> f(s->u.size(), 0);
        for (std::size_t n = 1; n < f.size(); ++n) {
            long double x = s->u[n];
            for (std::size_t k = 1; k < n; ++k)
                x -= f[k] * s->u[n - k];
            f[n] = x;
        }
        for (std::size_t n = 2; n < f.size(); n += 2)
            EXPECT_NEAR(s->f[n] / double(f[n]), 1.0, 1e-12) << d << " " << n;
        long double e = 0;
        for (std::size_t n = 1; n < f.size(); ++n)
            e += s->u[n];
        EXPECT_NEAR(s->expectedReturns.back(), double(e), 1e-14 * double(e));
        EXPECT_EQ(s->expectedReturns[0], 0.0);
        EXPECT_NEAR(s->f[2], 1.0 / (2 * d), eps);
    }

    // A pausing walk: the binomial-mixture first returns agree with the renewal equation.
    auto lazy = returnStatistics(*StepLaw::simple(1, 0.4), 3000);
    ASSERT_TRUE(lazy);
    const auto renewal = firstReturnProbabilities(lazy->u);
    EXPECT_NEAR(lazy->f[1], 0.4, eps);
    for (std::size_t n = 1; n <= 3000; ++n)
        EXPECT_NEAR(lazy->f[n], renewal[n], 1e-9 * renewal[n]) << n;
}

TEST(ReturnProbabilities, PolyaConstants)
{
    // Watson's integral, OEIS A086231: 1.516386059151978018156012159680…
    EXPECT_NEAR(watsonIntegral(), 1.5163860591519780181560121596, 4 * eps * 1.52);
    // Pólya's constant for Z³, OEIS A086230: 0.340537329550999142826…; the issue asks for 10 digits.
    auto p3 = allTimeReturnProbability(*StepLaw::simple(3));
    ASSERT_TRUE(p3);
    EXPECT_NEAR(*p3, 0.3405373296, 5e-11);
    EXPECT_NEAR(*p3, 0.340537329550999142826, 8 * eps);
    EXPECT_EQ(*allTimeReturnProbability(*StepLaw::simple(1)), 1.0);
    EXPECT_EQ(*allTimeReturnProbability(*StepLaw::simple(2, 0.5)), 1.0);
    // Z³ with pauses r: U(1) = W/(1 − r).
    EXPECT_NEAR(*allTimeReturnProbability(*StepLaw::simple(3, 0.5)), 1 - 0.5 / watsonIntegral(), 4 * eps);
    // 1D with drift: 1 − |p − q| (Feller vol. I, §XI.3), also through the general 1D integral
    // with steps ±2 (period 2π/2).
    const std::vector<double> biased{0.3, 0.7};
    EXPECT_NEAR(*allTimeReturnProbability(*StepLaw::simple(1, biased, 0.0)), 0.6, 4 * eps);
    const std::vector<LatticePoint> twos{{-2, 0, 0}, {2, 0, 0}};
    EXPECT_NEAR(*allTimeReturnProbability(*StepLaw::fromSteps(1, twos, biased)), 0.6, 1e-13);
    // A die never returns.
    EXPECT_NEAR(*allTimeReturnProbability(*StepLaw::die()), 0.0, 1e-13);
    // Non-simple laws in 2D are refused with a message.
    const std::vector<LatticePoint> king{{1, 1, 0}, {-1, -1, 0}};
    const std::vector<double> kw{1, 1};
    auto refused = allTimeReturnProbability(*StepLaw::fromSteps(2, king, kw));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error()[0].parameter, "steps");
}

TEST(ReturnProbabilities, AllTimeAgreesWithTheSumOfReturns)
{
    // Transient walks: 1 − 1/Σ_n u_n with u_n decaying geometrically (the sum to N = 4000 leaves
    // less than 1e-15) checks the Bessel integral and the 1D Fourier integral.
    std::vector<StepLaw> laws;
    const std::vector<double> w3{1.5, 0.5, 1, 1, 1, 1}, w2{3, 1, 2, 2};
    laws.push_back(*StepLaw::simple(3, w3, 0.0));
    laws.push_back(*StepLaw::simple(2, w2, 0.2));
    const std::vector<double> range{1, 1, 1, 4, 3};  // steps −1 … +3, drift +1.4
    laws.push_back(*StepLaw::range(-1, range));
    for (const auto& law : laws) {
        const std::int64_t n = law.isSimple() ? 4000 : 600;
        auto u = returnProbabilities(law, n);
        ASSERT_TRUE(u);
        long double sum = 0;
        for (double x : *u)
            sum += x;
        ASSERT_LT(u->back(), 1e-17 * double(sum)) << law.description();
        auto r = allTimeReturnProbability(law);
        ASSERT_TRUE(r);
        EXPECT_NEAR(*r, 1 - 1 / double(sum), 1e-12) << law.description();
    }
}

TEST(ReturnProbabilities, PolyaConstantFromTheSumOfReturns)
{
    // Σ_{n ≤ 2M} u_n plus the tail: u_{2m} = c m^{−3/2}(1 + b/m + O(m^{−2})) (local limit theorem),
    // with c and b fitted at m = M/2 and M and the tail Σ_{m>M} m^{−s} by Euler–Maclaurin.
    const std::int64_t big = 2'000'000, bigM = big / 2;
    auto u = returnProbabilities(*StepLaw::simple(3), big);
    ASSERT_TRUE(u);
    long double sum = 0;
    for (double x : *u)
        sum += x;
    auto scaled = [&](long m) { return (long double)(*u)[std::size_t(2 * m)] * std::pow((long double)m, 1.5L); };
    const long double m1 = bigM / 2, m2 = bigM;
    const long double g1 = scaled(long(m1)), g2 = scaled(long(m2));
    const long double b = (g1 / g2 - 1) / (1 / m1 - g1 / (g2 * m2));
    const long double c = g2 / (1 + b / m2);
    auto zetaTail = [&](long double s) {  // Σ_{m > M} m^{−s}
        const long double mm = m2;
        return std::pow(mm, 1 - s) / (s - 1) - std::pow(mm, -s) / 2 + s * std::pow(mm, -s - 1) / 12;
    };
    const long double total = sum + c * zetaTail(1.5L) + c * b * zetaTail(2.5L);
    EXPECT_NEAR(double(1 - 1 / total), 0.3405373296, 5e-11);
    EXPECT_NEAR(double(total), watsonIntegral(), 1e-11);
}

TEST(ReturnProbabilities, ValidationAndLimits)
{
    auto negative = returnProbabilities(*StepLaw::simple(2), -3);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error()[0].message, "steps = -3: must be at least 0");
    auto huge = returnProbabilities(*StepLaw::simple(1), 20'000'000);
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error()[0].kind, ErrorKind::TooLarge);
    auto mixture = returnProbabilities(*StepLaw::simple(3, 0.1), 300'000);
    ASSERT_FALSE(mixture);
    EXPECT_EQ(mixture.error()[0].message,
              "steps = 300000: for a walk with unequal axes or pauses in 2D/3D the return "
              "probabilities are computed for n ≤ 250000 (binomial mixtures, O(n^1.5))");
    EXPECT_TRUE(returnProbabilities(*StepLaw::simple(1, 0.1), 10'000'000));  // 1D: a recurrence
    EXPECT_FALSE(returnStatistics(*StepLaw::simple(1, 0.1), 300'000));
    const std::vector<double> range{1, 1, 2, 2, 1, 1};
    auto general = returnProbabilities(*StepLaw::range(-2, range), 1'000'000);
    ASSERT_FALSE(general);
    EXPECT_NE(general.error()[0].message.find("step by step for n ≤ "), std::string::npos);
    auto zero = returnStatistics(*StepLaw::simple(3), 0);
    ASSERT_TRUE(zero);
    EXPECT_EQ(zero->u, std::vector<double>{1.0});
    EXPECT_EQ(zero->f, std::vector<double>{0.0});
}

TEST(ReturnProbabilities, MillionSteps)
{
    // u_n for n ≤ 10^6 by the recurrences and f_n by the renewal equation reach the far end
    // sanely (times are printed, not asserted: bench/ExactBench.cpp measures them).
    for (int d = 1; d <= 3; ++d) {
        const auto start = std::chrono::steady_clock::now();
        auto s = returnStatistics(*StepLaw::simple(d), 1'000'000);
        const double t = seconds(start);
        ASSERT_TRUE(s);
        std::cout << "[ timing ] u_n and f_n, n ≤ 10^6, d = " << d << ": " << t << " s\n";
        EXPECT_EQ(s->f[999'999], 0.0);  // odd times: no return, exactly
        if (d == 3) {
            // f_n ~ (1 − F(1))² u_n for large n in 3D (Feller vol. I, §XIII.3 renewal
            // asymptotics): a sanity check of the far end of the renewal solution.
            const double q = 1 / watsonIntegral();
            EXPECT_NEAR(s->f[1'000'000] / s->u[1'000'000], q * q, 0.01);
        }
    }
}

}  // namespace
}  // namespace walklab::core
