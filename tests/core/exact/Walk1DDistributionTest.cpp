// Exact law of the 1D walk against closed forms, OEIS terms and exact rational arithmetic.
#include "core/exact/Walk1DDistribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

using walklab::core::Walk1DDistribution;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// Mass beyond 12 sd is below 10^-32 for these laws, far under the 1e-12 tolerance.
double sumOver(const Walk1DDistribution& law, double sds)
{
    const auto [lo, hi] = law.significantRange(sds);
    const auto v = law.pmf(lo, hi);
    return std::accumulate(v.begin(), v.end(), 0.0);
}

}  // namespace

TEST(Walk1DDistribution, SymmetricSmallNMatchesBinomialCoefficients)
{
    // P(S_n = k) = C(n, (n+k)/2) / 2^n (Feller vol. I, §III.2, eq. 2.2).
    const Walk1DDistribution law(4, 0.5, 0.5);
    EXPECT_NEAR(law.pmf(0), 6.0 / 16, 4 * eps);
    EXPECT_NEAR(law.pmf(2), 4.0 / 16, 4 * eps);
    EXPECT_NEAR(law.pmf(-4), 1.0 / 16, 4 * eps);
    EXPECT_EQ(law.pmf(1), 0.0);   // wrong parity
    EXPECT_EQ(law.pmf(6), 0.0);   // beyond n
    // Central binomial coefficient C(10, 5) = 252 (OEIS A000984).
    EXPECT_NEAR(Walk1DDistribution(10, 0.5, 0.5).pmf(0), 252.0 / 1024, 4 * eps);
}

TEST(Walk1DDistribution, BiasedWalkMatchesClosedForm)
{
    // n = 3, p = 0.7, q = 0.3: P(S = 3) = p³, P(S = 1) = 3p²q, P(S = −1) = 3pq², P(S = −3) = q³.
    const Walk1DDistribution law(3, 0.7, 0.3);
    EXPECT_NEAR(law.pmf(3), 0.343, 1e-15);
    EXPECT_NEAR(law.pmf(1), 0.441, 1e-15);
    EXPECT_NEAR(law.pmf(-1), 0.189, 1e-15);
    EXPECT_NEAR(law.pmf(-3), 0.027, 1e-15);
}

TEST(Walk1DDistribution, LazyWalkTwoStepsByHand)
{
    // (p z + r + q/z)² with p = 0.2, q = 0.3, r = 0.5: z² → p², z → 2pr, 1 → r² + 2pq, …
    const Walk1DDistribution law(2, 0.2, 0.3);
    EXPECT_NEAR(law.pmf(2), 0.04, 1e-15);
    EXPECT_NEAR(law.pmf(1), 0.2, 1e-15);
    EXPECT_NEAR(law.pmf(0), 0.37, 1e-15);
    EXPECT_NEAR(law.pmf(-1), 0.3, 1e-15);
    EXPECT_NEAR(law.pmf(-2), 0.09, 1e-15);
}

TEST(Walk1DDistribution, UniformLazyWalkIsCentralTrinomialCoefficient)
{
    // p = q = r = 1/3: P(S_n = 0) = T(n) / 3^n with T the central trinomial coefficients,
    // OEIS A002426: 1, 1, 3, 7, 19, 51, 141, 393, 1107, 3139, 8953.
    const double third = 1.0 / 3.0;
    const double a002426[] = {1, 1, 3, 7, 19, 51, 141, 393, 1107, 3139, 8953};
    for (int n = 1; n <= 10; ++n)
        EXPECT_NEAR(Walk1DDistribution(n, third, third).pmf(0), a002426[n] / std::pow(3.0, n),
                    64 * eps * a002426[n] / std::pow(3.0, n))
            << "n = " << n;
    // T(1000) / 3^1000 from the recurrence n T(n) = (2n−1) T(n−1) + 3(n−1) T(n−2) (A002426)
    // in exact integer arithmetic: 0.015448071054844902805715…
    EXPECT_NEAR(Walk1DDistribution(1000, third, third).pmf(0), 0.015448071054844902806,
                1e-12 * 0.0154480710548449);
}

TEST(Walk1DDistribution, LazyBiasedWalkMatchesExactRationalSum)
{
    // n = 2000, p = 1/5, q = 3/10, r = 1/2; Σ_d n!/(u! d! z!) p^u q^d r^z evaluated exactly
    // with integers (Python, denominator 10^2000), rounded to 17 digits.
    const Walk1DDistribution law(2000, 0.2, 0.3);
    EXPECT_NEAR(law.pmf(-100), 7.8395939579014533e-5, 1e-12 * 7.84e-5);
    EXPECT_NEAR(law.pmf(-400), 1.4923429295505346e-11, 1e-12 * 1.49e-11);
    EXPECT_NEAR(law.pmf(0), 1.9229117246626735e-11, 1e-12 * 1.92e-11);
}

TEST(Walk1DDistribution, MillionStepsCentralProbability)
{
    // C(10^6, 5·10^5) / 2^(10^6) in exact integer arithmetic: 7.978843613317500890872…e-4.
    const Walk1DDistribution law(1'000'000, 0.5, 0.5);
    EXPECT_NEAR(law.pmf(0), 7.9788436133175009e-4, 1e-13 * 7.98e-4);
    EXPECT_NEAR(sumOver(law, 12), 1.0, 1e-12);
}

TEST(Walk1DDistribution, SumsToOneOverGridOfParameters)
{
    struct Case { std::int64_t n; double p, q; };
    for (const Case c : {Case{1, 0.5, 0.5}, Case{7, 0.9, 0.1}, Case{100, 0.3, 0.7}, Case{999, 0.25, 0.25},
                         Case{5000, 0.1, 0.6}, Case{100000, 0.45, 0.45}, Case{1'000'000, 0.25, 0.25},
                         Case{1'000'000, 0.6, 0.4}, Case{1'000'000'000, 0.5, 0.5}}) {
        const Walk1DDistribution law(c.n, c.p, c.q);
        EXPECT_NEAR(sumOver(law, 12), 1.0, 1e-12) << "n=" << c.n << " p=" << c.p << " q=" << c.q;
    }
}

TEST(Walk1DDistribution, RangeMatchesHighPrecisionSumAtAMillionSteps)
{
    // n = 10^6, p = 0.6, q = 0.3 (the doubles), r = 1 − p − q exactly: Σ_d n!/(u! d! z!) p^u q^d r^z
    // with mpmath 1.3 at 40 digits (log-gamma terms summed from the largest one until 1e-35
    // of it), rounded to 20 digits. From the mode 3·10^5 out to 22 σ (σ = 900).
    const Walk1DDistribution law(1'000'000, 0.6, 0.3);
    const auto range = law.pmf(280'000, 330'000);
    const std::pair<std::int64_t, double> reference[] = {
        {300'000, 4.4326908268245206984e-4}, {295'000, 8.944642354844924118e-11},
        {310'000, 5.9849862046517340017e-31}, {290'000, 7.9116896882592587987e-31},
        {320'000, 8.0890177556821135028e-112}};
    for (const auto& [k, exact] : reference) {
        EXPECT_NEAR(range[std::size_t(k - 280'000)], exact, 1e-13 * exact) << k;
        EXPECT_NEAR(law.pmf(k), exact, 1e-13 * exact) << k;
    }
}

TEST(Walk1DDistribution, RangeAgreesWithSinglePositions)
{
    // pmf(lo, hi) runs a recurrence from anchors; pmf(k) sums each position alone. Over the
    // whole support and beyond it, for each kind of step law: lazy, symmetric and biased
    // (parity gaps), one-way, nearly non-lazy (r = 0.01: the law oscillates with parity).
    struct Case { std::int64_t n; double p, q; };
    for (const Case c : {Case{2000, 0.2, 0.3}, Case{999, 0.5, 0.5}, Case{1000, 0.3, 0.7},
                         Case{500, 0.5, 0.0}, Case{500, 0.0, 0.3}, Case{50, 0.0, 0.0}, Case{0, 0.3, 0.3},
                         Case{1, 0.25, 0.25}, Case{3000, 0.9, 0.05}, Case{20000, 0.495, 0.495},
                         Case{20000, 1.0, 0.0}}) {
        const Walk1DDistribution law(c.n, c.p, c.q);
        const std::int64_t lo = -c.n - 3, hi = c.n + 3;
        const auto all = law.pmf(lo, hi);
        ASSERT_EQ(all.size(), std::size_t(hi - lo + 1));
        double sum = 0;
        for (std::int64_t k = lo; k <= hi; ++k) {
            const double one = law.pmf(k), got = all[std::size_t(k - lo)];
            sum += got;
            if (!law.possible(k)) {
                EXPECT_EQ(got, 0.0) << "n=" << c.n << " p=" << c.p << " q=" << c.q << " k=" << k;
            } else if (one > 1e-290) {
                EXPECT_NEAR(got, one, 1e-13 * one) << "n=" << c.n << " p=" << c.p << " q=" << c.q << " k=" << k;
            }
        }
        EXPECT_NEAR(sum, 1.0, 1e-12) << "n=" << c.n << " p=" << c.p << " q=" << c.q;
        // A short window straddling 0 gives the same values.
        const auto part = law.pmf(-7, 11);
        for (std::int64_t k = -7; k <= 11; ++k)
            EXPECT_NEAR(part[std::size_t(k + 7)], law.pmf(k), 1e-13 * law.pmf(k)) << c.n << " " << k;
    }
}

TEST(Walk1DDistribution, MeanAndVarianceMatchThePmf)
{
    for (const auto& [p, q] : {std::pair{0.5, 0.5}, {0.3, 0.6}, {0.2, 0.2}, {0.9, 0.0}}) {
        const Walk1DDistribution law(300, p, q);
        double m1 = 0, m2 = 0;
        for (std::int64_t k = -300; k <= 300; ++k) {
            m1 += double(k) * law.pmf(k);
            m2 += double(k) * double(k) * law.pmf(k);
        }
        EXPECT_NEAR(m1, law.mean(), 1e-9);
        EXPECT_NEAR(m2 - m1 * m1, law.variance(), 1e-8);
        EXPECT_DOUBLE_EQ(law.mean(), 300 * (p - q));
        EXPECT_DOUBLE_EQ(law.variance(), 300 * (p + q - (p - q) * (p - q)));
    }
}

TEST(Walk1DDistribution, DegenerateParameters)
{
    const Walk1DDistribution right(50, 1.0, 0.0);  // always +1
    EXPECT_EQ(right.pmf(50), 1.0);
    EXPECT_EQ(right.pmf(48), 0.0);
    EXPECT_EQ(right.variance(), 0.0);
    EXPECT_EQ(right.normalApproximation(50), 1.0);
    const Walk1DDistribution still(50, 0.0, 0.0);  // always 0 (r = 1)
    EXPECT_EQ(still.pmf(0), 1.0);
    EXPECT_FALSE(still.possible(1));
    const Walk1DDistribution left(50, 0.0, 1.0);
    EXPECT_EQ(left.pmf(-50), 1.0);
    // q = 0 with r > 0: S_n ~ Binomial(n, p) on k ≥ 0.
    const Walk1DDistribution upOrStay(10, 0.5, 0.0);
    EXPECT_NEAR(upOrStay.pmf(5), 252.0 / 1024, 4 * eps);
    EXPECT_EQ(upOrStay.pmf(-1), 0.0);
    // p + q = 1 up to rounding (0.1 + 0.9) is the non-lazy walk.
    EXPECT_EQ(Walk1DDistribution(10, 0.1, 0.9).r(), 0.0);
}

TEST(Walk1DDistribution, NormalApproximationUsesLatticeSpan)
{
    // For r = 0 only every other site is possible, so the local CLT gives 2φ/σ there: the
    // approximation must still sum to 1 over the possible sites (it would give 1/2 with span 1).
    for (const double r : {0.0, 0.2}) {
        const Walk1DDistribution law(400, (1 - r) / 2, (1 - r) / 2);
        double s = 0;
        for (std::int64_t k = -400; k <= 400; ++k)
            s += law.normalApproximation(k);
        EXPECT_NEAR(s, 1.0, 1e-6) << "r = " << r;
    }
    // n = 100, symmetric: 2φ(0)/10 = 0.0797884560802865 against the exact 0.0795892373871788.
    const Walk1DDistribution law(100, 0.5, 0.5);
    EXPECT_NEAR(law.normalApproximation(0), 0.0797884560802865, 1e-15);
    EXPECT_EQ(law.normalApproximation(1), 0.0);
    EXPECT_NEAR(law.pmf(0), 0.0795892373871788, 1e-15);
}

TEST(Walk1DDistribution, SignificantRangeIsClippedToTheSupport)
{
    const auto [lo, hi] = Walk1DDistribution(10, 0.5, 0.5).significantRange(100);
    EXPECT_EQ(lo, -10);
    EXPECT_EQ(hi, 10);
    const auto [lo1, hi1] = Walk1DDistribution(11, 0.5, 0.5).significantRange(1);
    EXPECT_EQ(std::abs(lo1) % 2, 1);  // odd n: possible sites are odd
    EXPECT_EQ(std::abs(hi1) % 2, 1);
    const auto [lo2, hi2] = Walk1DDistribution(10, 0.5, 0.0).significantRange(100);
    EXPECT_EQ(lo2, 0);
    EXPECT_EQ(hi2, 10);
}
