// Tests of the divide-and-conquer solution of the renewal equation f = u − f ∗ u.
#include "core/exact/detail/RenewalInversion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace walklab::core::detail {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// f_n = u_n − Σ_{k<n} f_k u_{n−k} by the definition, in long double (O(N²)).
std::vector<long double> naiveRenewal(const std::vector<double>& u)
{
    std::vector<long double> f(u.size(), 0.0L);
    for (std::size_t n = 1; n < u.size(); ++n) {
        long double s = u[n];
        for (std::size_t k = 1; k < n; ++k)
            s -= f[k] * u[n - k];
        f[n] = s;
    }
    return f;
}

TEST(RenewalInversion, SimpleWalkOnTheLineHasItsClosedForm)
{
    // Feller vol. I, §XI.3: f_{2m} = u_{2m}/(2m − 1) with u_{2m} = C(2m,m)/4^m. Here
    // u_n/f_n ≈ 2n, so the error grows like ε·n^{3/2}: tolerance 2ε·n^{3/2}.
    const std::size_t size = 5001;
    std::vector<double> u(size, 0.0);
    u[0] = 1;
    for (std::size_t n = 2; n < size; n += 2)
        u[n] = u[n - 2] * double(n - 1) / double(n);
    const auto f = renewalInversion(u);
    ASSERT_EQ(f.size(), size);
    EXPECT_EQ(f[0], 0.0);
    for (std::size_t n = 1; n < size; ++n) {
        const double expected = n % 2 ? 0.0 : u[n] / double(n - 1);
        const double scale = expected + u[n - n % 2] / double(n);  // odd n: absolute FFT noise
        EXPECT_NEAR(f[n], expected, 2 * eps * std::pow(double(n), 1.5) * scale) << n;
    }
}

TEST(RenewalInversion, TransientSequenceAgreesWithTheDefinition)
{
    // u_n = 0.4 n^{−3/2} (a transient renewal sequence, like the 3D walk's): the definition in
    // long double is the reference. 3000 terms reach the FFT blocks (longer than 64) of several
    // levels. Bound: ε·√n·(u_n/f_n ≈ 4)·log²n ≈ 3e-12.
    const std::size_t size = 3000;
    std::vector<double> u(size);
    u[0] = 1;
    for (std::size_t n = 1; n < size; ++n)
        u[n] = 0.4 * std::pow(double(n), -1.5);
    const auto f = renewalInversion(u);
    const auto expected = naiveRenewal(u);
    for (std::size_t n = 1; n < size; ++n)
        EXPECT_NEAR(f[n] / double(expected[n]), 1.0, 1e-11) << n;
}

TEST(RenewalInversion, PeriodicSequenceIsSolvedOnItsSubsequence)
{
    // u_n = 0 unless 3 | n: then U(s) = V(s³), F(s) = G(s³), so f_n = 0 exactly off the
    // multiples of 3 and the rest agrees with the definition (long double, O(N²)).
    const std::size_t size = 3001;
    std::vector<double> u(size, 0.0);
    u[0] = 1;
    for (std::size_t n = 3; n < size; n += 3)
        u[n] = 0.3 * std::pow(double(n / 3), -1.5);
    const auto f = renewalInversion(u);
    const auto expected = naiveRenewal(u);
    for (std::size_t n = 1; n < size; ++n) {
        if (n % 3 != 0)
            EXPECT_EQ(f[n], 0.0) << n;
        else
            EXPECT_NEAR(f[n] / double(expected[n]), 1.0, 1e-11) << n;
    }
}

TEST(RenewalInversion, EmptyAndTrivial)
{
    EXPECT_TRUE(renewalInversion(std::vector<double>{}).empty());
    EXPECT_EQ(renewalInversion(std::vector<double>{1.0}), std::vector<double>{0.0});
}

}  // namespace
}  // namespace walklab::core::detail
