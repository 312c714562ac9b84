// Tests of the n-step lattice laws against closed forms, OEIS return counts, and each other.
#include "core/exact/LatticeDistribution.h"

#include "core/exact/ReturnProbabilities.h"
#include "core/exact/Walk1DDistribution.h"
#include "tests/core/exact/OeisTable.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <future>
#include <limits>
#include <thread>

namespace walklab::core {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

double total(const LatticeDistribution& d)
{
    return d.law().sum();
}

TEST(LatticeDistribution, OneDimensionalClosedFormAndPowerAgreeWithWalk1D)
{
    // Reference: core/exact/Walk1DDistribution (binomial/trinomial closed form, Feller §XI.1).
    struct Case { double p, q, r; };
    for (const auto c : {Case{0.5, 0.5, 0}, Case{0.7, 0.3, 0}, Case{0.3, 0.2, 0.5}, Case{0.6, 0, 0.4}}) {
        const std::vector<double> w{c.q, c.r, c.p};  // steps −1, 0, +1
        auto law = StepLaw::range(-1, w);
        ASSERT_TRUE(law);
        for (std::int64_t n : {0, 1, 2, 17, 400}) {
            for (auto method : {ConvolutionMethod::Direct, ConvolutionMethod::Automatic}) {
                auto d = latticeDistribution(*law, n, method);
                ASSERT_TRUE(d) << d.error()[0].message;
                const Walk1DDistribution ref(n, c.p, c.q);
                for (std::int64_t k = -n; k <= n; ++k) {
                    const double expected = ref.pmf(k), got = d->pmf({k, 0, 0});
                    EXPECT_NEAR(got, expected, d->absoluteError() + 1e-12 * expected)
                        << "p=" << c.p << " q=" << c.q << " n=" << n << " k=" << k;
                }
                EXPECT_NEAR(total(*d), 1.0, 1e-13);
            }
        }
    }
    auto simple = StepLaw::simple(1);
    auto d = latticeDistribution(*simple, 1000);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->method(), LatticeMethod::ClosedForm1D);
    EXPECT_EQ(d->absoluteError(), 0.0);
}

TEST(LatticeDistribution, HugeOneDimensionalSimpleWalkIsFast)
{
    auto simple = StepLaw::simple(1);
    auto d = latticeDistribution(*simple, 8'000'000);
    ASSERT_TRUE(d) << d.error()[0].message;
    EXPECT_NEAR(total(*d), 1.0, 1e-12);
    EXPECT_FALSE(latticeDistribution(*simple, 8'388'608));  // 2·n + 1 > 2^24
}

TEST(LatticeDistribution, RangeLawAndDie)
{
    // Steps −2 … +3 with weights 1 1 2 2 1 1: FFT and direct powers agree; mean and variance are
    // n times those of one step; the law sums to 1.
    const std::vector<double> w{1, 1, 2, 2, 1, 1};
    auto law = StepLaw::range(-2, w);
    ASSERT_TRUE(law);
    const std::int64_t n = 500;
    auto direct = latticeDistribution(*law, n, ConvolutionMethod::Direct);
    auto viaFft = latticeDistribution(*law, n, ConvolutionMethod::Fft);
    ASSERT_TRUE(direct && viaFft);
    EXPECT_EQ(viaFft->method(), LatticeMethod::PowerBySquaring);
    EXPECT_GT(viaFft->absoluteError(), 0.0);
    double mean = 0, second = 0;
    for (std::int64_t k = -2 * n; k <= 3 * n; ++k) {
        const double p = direct->pmf({k, 0, 0});
        EXPECT_NEAR(viaFft->pmf({k, 0, 0}), p, viaFft->absoluteError() + 1e-13 * p) << k;
        mean += double(k) * p;
        second += double(k) * double(k) * p;
    }
    const double m1 = law->mean()[0], v1 = law->covariance()[0][0];
    EXPECT_NEAR(mean, n * m1, 1e-10 * n);
    EXPECT_NEAR(second - mean * mean, n * v1, 1e-9 * n);
    EXPECT_NEAR(total(*direct), 1.0, 1e-13);
    EXPECT_NEAR(total(*viaFft), 1.0, 1e-12);
    // The smallest value, 8^-300 at k = −600 for n = 300, keeps its relative accuracy by direct
    // convolution (the FFT sets it to 0, below its absolute error).
    auto corner = latticeDistribution(*law, 300, ConvolutionMethod::Direct);
    ASSERT_TRUE(corner);
    EXPECT_NEAR(corner->pmf({-600, 0, 0}) / std::pow(0.125, 300), 1.0, 1e-12);

    // Two dice: P(S_2 = k) = (6 − |k − 7|)/36.
    auto die = StepLaw::die(6);
    auto two = latticeDistribution(*die, 2);
    ASSERT_TRUE(two);
    for (std::int64_t k = 2; k <= 12; ++k)
        EXPECT_NEAR(two->pmf({k, 0, 0}), (6.0 - std::abs(double(k) - 7)) / 36, 4 * eps);
    EXPECT_EQ(two->lo()[0], 2);
}

TEST(LatticeDistribution, SquareLatticeReturnsAreA002894)
{
    // OEIS A002894: a(m) = C(2m,m)² closed walks of length 2m on Z², so P(S_2m = 0) = a(m)/16^m.
    const auto a = test::readOeisTable("oeis_A002894.txt");
    ASSERT_EQ(a.size(), 20u);
    auto law = StepLaw::simple(2);
    for (std::size_t m = 0; m < a.size(); ++m) {
        const long double expected = a[m] / std::pow(16.0L, (long double)m);
        for (auto method : {ConvolutionMethod::Direct, ConvolutionMethod::Fft}) {
            auto d = latticeDistribution(*law, std::int64_t(2 * m), method);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->method(), m == 0 ? LatticeMethod::PowerBySquaring : LatticeMethod::RotatedProduct2D);
            EXPECT_NEAR(d->pmf({0, 0, 0}) / double(expected), 1.0, 8 * eps) << m;
        }
    }
}

TEST(LatticeDistribution, RotatedProductMatchesTheDirectPower)
{
    // p₊₁p₋₁ = p₊₂p₋₂ (0.3·0.2 = 0.4·0.15): the 45° factorisation holds; compare it with the
    // power of G computed step by step (direct convolution, relative accuracy).
    const std::vector<double> w{0.3, 0.2, 0.4, 0.15};
    auto law = StepLaw::simple(2, w, 0.0);
    ASSERT_TRUE(law);
    auto closed = latticeDistribution(*law, 60);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->method(), LatticeMethod::RotatedProduct2D);
    auto stepped = power(law->generatingFunction(), 60, ConvolutionMethod::Direct);
    ASSERT_TRUE(stepped);
    for (std::size_t i = 0; i < stepped->size(); ++i) {
        const double e = stepped->coefficients()[i];
        EXPECT_NEAR(closed->law().coefficient(stepped->point(i)), e, 1e-12 * e);
    }
    EXPECT_NEAR(total(*closed), 1.0, 1e-13);

    auto big = latticeDistribution(*StepLaw::simple(2), 2047);
    ASSERT_TRUE(big);
    EXPECT_NEAR(total(*big), 1.0, 1e-12);
    auto tooBig = latticeDistribution(*StepLaw::simple(2), 2048);
    ASSERT_FALSE(tooBig);
    EXPECT_NE(tooBig.error()[0].message.find("n ≤ 2047"), std::string::npos);
}

TEST(LatticeDistribution, CubicLatticeReturnsAreA002896)
{
    // OEIS A002896: closed 2m-step walks on Z³, so P(S_2m = 0) = a(m)/36^m.
    const auto a = test::readOeisTable("oeis_A002896.txt");
    ASSERT_EQ(a.size(), 18u);
    auto law = StepLaw::simple(3);
    for (std::size_t m = 0; m < a.size(); ++m) {
        const long double expected = a[m] / std::pow(36.0L, (long double)m);
        auto d = latticeDistribution(*law, std::int64_t(2 * m));
        ASSERT_TRUE(d);
        EXPECT_EQ(d->method(), m == 0 ? LatticeMethod::PowerBySquaring : LatticeMethod::AxisMixture);
        EXPECT_NEAR(d->pmf({0, 0, 0}) / double(expected), 1.0, 64 * eps) << m;
        EXPECT_NEAR(total(*d), 1.0, 64 * eps);
    }
    // The largest law allowed, n = 127 (odd: 0 at the origin by parity), sums to 1 and has the
    // symmetries of the cube; at n = 126 the origin agrees with the P-recurrence of A002896
    // (returnProbabilities(), an independent computation).
    auto big = latticeDistribution(*law, 127);
    ASSERT_TRUE(big) << big.error()[0].message;
    EXPECT_EQ(big->method(), LatticeMethod::AxisMixture);
    EXPECT_EQ(big->absoluteError(), 0.0);
    EXPECT_NEAR(total(*big), 1.0, 1e-13);
    const double p = big->pmf({3, 2, 0});
    for (const LatticePoint x : {LatticePoint{0, -3, 2}, {2, 0, -3}, {-2, 3, 0}, {0, 2, 3}})
        EXPECT_NEAR(big->pmf(x), p, 1e-13 * p);
    EXPECT_EQ(big->pmf({0, 0, 0}), 0.0);
    EXPECT_GT(big->pmf({127, 0, 0}), 0.0);  // 6^-127 ≈ 4e-99, kept to relative accuracy
    EXPECT_NEAR(big->pmf({0, 0, -127}) / std::pow(6.0, -127), 1.0, 1e-13);
    auto even = latticeDistribution(*law, 126);
    auto u = returnProbabilities(*law, 126);
    ASSERT_TRUE(even && u);
    EXPECT_NEAR(even->pmf({0, 0, 0}) / (*u)[126], 1.0, 1e-13);
    auto refused = latticeDistribution(*law, 128);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error()[0].kind, ErrorKind::TooLarge);
    EXPECT_EQ(refused.error()[0].message,
              "steps = 128: the 3D law of this step set is computed for n ≤ 127 "
              "(memory (2n+1)^3 doubles, at most 2^24 = 128 MiB)");
    EXPECT_FALSE(latticeDistribution(*law, -1));
}

TEST(LatticeDistribution, AxisMixtureMatchesTheDirectPower)
{
    // Unequal, lazy and one-sided 2D/3D simple walks: the axis mixture against G^n computed
    // step by step by direct convolution (relative accuracy ≲ n·7ε), entry by entry, tails
    // included (the smallest entries are ~1e-60).
    struct Case { int d; std::vector<double> w; double lazy; };
    const std::vector<Case> cases{
        {2, {0.4, 0.1, 0.3, 0.2}, 0.0},          // p₊₁p₋₁ ≠ p₊₂p₋₂: no 45° product
        {2, {1, 1, 1, 1}, 0.3},                  // equal, lazy
        {2, {0.5, 0.2, 0.1, 0.05}, 0.15},        // unequal, lazy
        {2, {1, 0, 1, 2}, 0.0},                  // +e₁ only along x
        {3, {1, 1, 1, 1, 1, 1}, 0.0},            // the symmetric walk
        {3, {1, 2, 1, 1, 3, 0.5}, 0.0},          // unequal
        {3, {1, 2, 1, 1, 3, 0.5}, 0.1},          // unequal, lazy
        {3, {1, 0, 1, 1, 0, 1}, 0.2},            // one-sided x and z, lazy
        {3, {0, 0, 0, 0, 1, 2}, 0.0},            // steps along z only
        {3, {1, 1, 2, 1, 0, 0}, 0.25},           // no z steps
    };
    for (const auto& c : cases) {
        auto law = StepLaw::simple(c.d, c.w, c.lazy);
        ASSERT_TRUE(law);
        const std::int64_t n = c.d == 2 ? 60 : 24;
        auto mixture = latticeDistribution(*law, n);
        auto stepped = power(law->generatingFunction(), n, ConvolutionMethod::Direct);
        ASSERT_TRUE(mixture && stepped);
        EXPECT_EQ(mixture->method(), LatticeMethod::AxisMixture) << law->description();
        ASSERT_EQ(mixture->lo(), stepped->lo());
        ASSERT_EQ(mixture->hi(), stepped->hi());
        double worst = 0.0;
        for (std::size_t i = 0; i < stepped->size(); ++i) {
            const double e = stepped->coefficients()[i], got = mixture->probabilities()[i];
            if (e == 0.0)
                EXPECT_EQ(got, 0.0) << law->description() << " at " << i;
            else
                worst = std::max(worst, std::abs(got - e) / e);
        }
        EXPECT_LT(worst, 1e-13) << law->description();
        EXPECT_NEAR(total(*mixture), 1.0, 1e-14) << law->description();
    }
}

TEST(LatticeDistribution, CancelledComputationsStop)
{
    // A control cancelled before the call stops every method; one cancelled while the 3D law at
    // n = 127 is being computed (≥ 0.1 s) stops the axis mixture between two slices.
    RunControl cancelled;
    cancelled.cancel();
    for (const auto& law : {*StepLaw::simple(3), *StepLaw::simple(2), *StepLaw::simple(1, 0.5)}) {
        auto d = latticeDistribution(law, 50, ConvolutionMethod::Automatic, &cancelled);
        ASSERT_FALSE(d) << law.description();
        EXPECT_EQ(d.error()[0].kind, ErrorKind::Cancelled);
    }
    RunControl control;
    const StepLaw law = *StepLaw::simple(3);
    auto running = std::async(std::launch::async, [&] {
        return latticeDistribution(law, 127, ConvolutionMethod::Automatic, &control);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    control.cancel();
    auto d = running.get();
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error()[0].kind, ErrorKind::Cancelled);
    RunControl untouched;
    EXPECT_TRUE(latticeDistribution(law, 20, ConvolutionMethod::Automatic, &untouched));
}

TEST(LatticeDistribution, LazyWalksSumToOne)
{
    for (int d = 1; d <= 3; ++d) {
        auto law = StepLaw::simple(d, 0.25);
        const std::int64_t n = d == 3 ? 60 : 300;
        auto dist = latticeDistribution(*law, n);
        ASSERT_TRUE(dist);
        if (d > 1) {
            EXPECT_EQ(dist->method(), LatticeMethod::AxisMixture);
        }
        EXPECT_NEAR(total(*dist), 1.0, 1e-12) << d;
    }
}

}  // namespace
}  // namespace walklab::core
