// Tests of the radix-2 FFT and the convolutions built on it, against the naive DFT and direct sums.
#include "core/exact/detail/Fft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace walklab::core::detail {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

TEST(Fft, LengthIsNextPowerOfTwo)
{
    EXPECT_EQ(fftLength(0), 1u);
    EXPECT_EQ(fftLength(1), 1u);
    EXPECT_EQ(fftLength(5), 8u);
    EXPECT_EQ(fftLength(1024), 1024u);
}

TEST(Fft, MatchesNaiveDftInLongDouble)
{
    // Reference: the defining sum X_k = Σ x_j e^{−2πijk/N}, evaluated in long double.
    for (std::size_t n : {1u, 2u, 4u, 8u, 64u, 256u}) {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> unit(-1, 1);
        std::vector<std::complex<double>> x(n);
        for (auto& v : x)
            v = {unit(rng), unit(rng)};
        auto y = x;
        fft(y, false);
        double norm = 0;
        for (std::size_t k = 0; k < n; ++k) {
            std::complex<long double> s = 0;
            for (std::size_t j = 0; j < n; ++j) {
                const long double angle = -2 * std::numbers::pi_v<long double> * (j * k % n) / n;
                s += std::complex<long double>(x[j]) * std::polar(1.0L, angle);
            }
            norm = std::max(norm, double(std::abs(s)));
            EXPECT_NEAR(y[k].real(), double(s.real()), 8 * eps * std::log2(double(n) + 1) * std::sqrt(double(n)))
                << "n = " << n << ", k = " << k;
            EXPECT_NEAR(y[k].imag(), double(s.imag()), 8 * eps * std::log2(double(n) + 1) * std::sqrt(double(n)));
        }
        fft(y, true);  // the inverse includes 1/N
        for (std::size_t j = 0; j < n; ++j)
            EXPECT_NEAR(std::abs(y[j] - x[j]), 0.0, 8 * eps * std::log2(double(n) + 1));
    }
}

TEST(Fft, ImpulseTransformsToOnes)
{
    std::vector<std::complex<double>> x(16);
    x[0] = 1.0;
    fft(x, false);
    for (const auto& v : x)
        EXPECT_EQ(v, std::complex<double>(1.0, 0.0));
}

TEST(Fft, DirectConvolutionSmallExample)
{
    // (1 + 2z)(3 + 4z) = 3 + 10z + 8z².
    const std::vector<double> a{1, 2}, b{3, 4};
    EXPECT_EQ(convolveDirect(a, b), (std::vector<double>{3, 10, 8}));
    EXPECT_TRUE(convolveDirect(a, {}).empty());
    EXPECT_TRUE(convolveFft({}, b).empty());
}

TEST(Fft, FftConvolutionWithinItsErrorBound)
{
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0, 1);
    for (auto [la, lb] : {std::pair{1u, 1u}, {3u, 5u}, {100u, 37u}, {1000u, 1000u}, {4097u, 3u}}) {
        std::vector<double> a(la), b(lb);
        for (auto& v : a)
            v = unit(rng);
        for (auto& v : b)
            v = unit(rng);
        const auto direct = convolveDirect(a, b), viaFft = convolveFft(a, b);
        ASSERT_EQ(direct.size(), viaFft.size());
        const double bound = fftConvolutionErrorBound(a, b);
        for (std::size_t i = 0; i < direct.size(); ++i)
            EXPECT_LE(std::abs(direct[i] - viaFft[i]), bound) << la << "×" << lb << " at " << i;
    }
}

// The position of X_k (k < M) in the permuted layout: k with its log₂M bits reversed.
std::size_t reversed(std::size_t k, std::size_t m)
{
    std::size_t r = 0;
    for (std::size_t bit = 1; bit < m; bit <<= 1)
        r = (r << 1) | ((k & bit) ? 1 : 0);
    return r;
}

TEST(Fft, RealTransformInPermutedOrderMatchesNaiveDft)
{
    // Reference: X_k = Σ x_j e^{−2πijk/N} in long double, at every k for small N and at 40 k
    // for N = 2^17 (whose long butterflies read the strided table of factors). Plans longer than
    // N (2^17) check that the factors are sampled correctly.
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> unit(-1, 1);
    for (std::size_t n : {2u, 4u, 8u, 64u, 1024u, 131072u}) {
        std::vector<std::complex<long double>> root(n);  // e^{−2πim/N}
        for (std::size_t m = 0; m < n; ++m)
            root[m] = std::polar(1.0L, -2 * std::numbers::pi_v<long double> * m / n);
        for (std::size_t planLength : {std::size_t(131072), n}) {
            std::vector<double> x(n);
            for (auto& v : x)
                v = unit(rng);
            const FftPlan plan(planLength);
            std::vector<std::complex<double>> X(n / 2 + 1);
            realFftPermuted(x, X, plan);
            const double tol = 8 * eps * std::log2(double(n) + 1) * std::sqrt(double(n));
            const std::size_t step = n <= 1024 ? 1 : n / 80;  // k = 0 … n/2 in 40 steps
            for (std::size_t k = 0; k <= n / 2; k += step) {
                std::complex<long double> s = 0;
                for (std::size_t j = 0; j < n; ++j)
                    s += (long double)x[j] * root[(j * k) % n];
                const auto& got = X[k == n / 2 ? n / 2 : reversed(k, n / 2)];
                EXPECT_NEAR(got.real(), double(s.real()), tol) << "n = " << n << ", k = " << k;
                EXPECT_NEAR(got.imag(), double(s.imag()), tol) << "n = " << n << ", k = " << k;
            }
            std::vector<double> back(n);
            inverseRealFftPermuted(X, back, plan);
            for (std::size_t j = 0; j < n; ++j)
                EXPECT_NEAR(back[j], x[j], 8 * eps * std::log2(double(n) + 1)) << "n = " << n;
            if (planLength == n)
                break;
        }
    }
}

TEST(Fft, PermutedProductIsCyclicConvolution)
{
    // Element-wise products in the permuted layout are transforms of cyclic convolutions:
    // c_j = Σ_i a_i b_{(j−i) mod N}, against the direct sum.
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> unit(0, 1);
    const std::size_t n = 512;
    std::vector<double> a(n), b(n);
    for (auto& v : a)
        v = unit(rng);
    for (auto& v : b)
        v = unit(rng);
    const FftPlan plan(n);
    std::vector<std::complex<double>> A(n / 2 + 1), B(n / 2 + 1);
    realFftPermuted(a, A, plan);
    realFftPermuted(b, B, plan);
    for (std::size_t k = 0; k < A.size(); ++k)
        A[k] *= B[k];
    std::vector<double> c(n);
    inverseRealFftPermuted(A, c, plan);
    for (std::size_t j = 0; j < n; ++j) {
        double direct = 0;
        for (std::size_t i = 0; i < n; ++i)
            direct += a[i] * b[(j + n - i) % n];
        EXPECT_NEAR(c[j], direct, 3 * eps * std::log2(double(n)) * std::sqrt(double(n)) * direct) << j;
    }
}

}  // namespace
}  // namespace walklab::core::detail
