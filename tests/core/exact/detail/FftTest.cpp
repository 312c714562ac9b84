// Tests of the FFT storage, plans and convolutions (the transforms are FFTW's): the transform's
// layout and sign against closed-form DFTs, convolutions against direct sums and their error bound.
#include "core/exact/detail/Fft.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <thread>

namespace walklab::core::detail {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

std::vector<double> uniform(std::size_t n, std::uint64_t seed, double lo = 0.0)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(lo, 1.0);
    std::vector<double> x(n);
    for (auto& v : x)
        v = unit(rng);
    return x;
}

double norm2(std::span<const double> x)
{
    double s = 0;
    for (double v : x)
        s += v * v;
    return std::sqrt(s);
}

TEST(Fft, LengthIsNextPowerOfTwo)
{
    EXPECT_EQ(fftLength(0), 1u);
    EXPECT_EQ(fftLength(1), 1u);
    EXPECT_EQ(fftLength(5), 8u);
    EXPECT_EQ(fftLength(1024), 1024u);
}

TEST(Fft, BufferViewsAndZeroing)
{
    RealFftBuffer x(8);
    EXPECT_EQ(x.values().size(), 8u);
    EXPECT_EQ(x.bins().size(), 5u);
    EXPECT_EQ(static_cast<void*>(x.values().data()), static_cast<void*>(x.bins().data()));
    for (auto& v : x.bins())
        v = {1.0, 2.0};
    x.assignZero(6);  // reuses the storage: every value, and the padding, is 0 again
    EXPECT_EQ(x.length(), 6u);
    EXPECT_EQ(x.bins().size(), 4u);
    for (const auto& v : x.bins())
        EXPECT_EQ(v, std::complex<double>(0.0, 0.0));
}

TEST(Fft, RealTransformOfGeometricSequenceHasItsClosedForm)
{
    // x_j = r^j: X_k = Σ r^j e^{−2πijk/N} = (1 − r^N) / (1 − r e^{−2πik/N}) (a geometric sum),
    // evaluated in long double. It checks the sign of the exponent and that bins()[k] is X_k in
    // natural order; N = 6 and 10 are not powers of two. Tolerance: the relative 2-norm error
    // ε log₂N of a transform, ‖X‖₂ = √N ‖x‖₂ (Parseval), with a factor 4 to spare.
    for (std::size_t n : {2u, 6u, 10u, 64u, 1024u, 131072u}) {
        const long double r = 0.999L;
        RealFftBuffer buffer(n);
        std::vector<double> x(n);
        for (std::size_t j = 0; j < n; ++j)
            x[j] = buffer.values()[j] = double(std::pow(r, (long double)j));
        const RealFft fft(n);
        fft.forward(buffer);
        const double tol = 4 * eps * std::log2(double(n)) * std::sqrt(double(n)) * norm2(x);
        const long double rN = std::pow(r, (long double)n);
        for (std::size_t k = 0; k <= n / 2; ++k) {
            const auto w = std::polar(1.0L, -2 * std::numbers::pi_v<long double> * k / n);
            const std::complex<long double> expected = (1 - rN) / (1.0L - r * w);
            const auto got = buffer.bins()[k];
            EXPECT_NEAR(got.real(), double(expected.real()), tol) << "n = " << n << ", k = " << k;
            EXPECT_NEAR(got.imag(), double(expected.imag()), tol) << "n = " << n << ", k = " << k;
        }
        fft.inverse(buffer);  // unnormalised: N·x
        for (std::size_t j = 0; j < n; ++j)
            ASSERT_NEAR(buffer.values()[j] / double(n), x[j], tol / std::sqrt(double(n))) << "n = " << n;
    }
}

TEST(Fft, ShiftedImpulseTransformsToRootsOfUnity)
{
    // x = δ_{j,1}: X_k = e^{−2πik/N}, to a few ulp.
    const std::size_t n = 16;
    RealFftBuffer x(n);
    x.values()[1] = 1.0;
    RealFft(n).forward(x);
    for (std::size_t k = 0; k <= n / 2; ++k) {
        const double angle = -2 * std::numbers::pi * double(k) / double(n);
        EXPECT_NEAR(x.bins()[k].real(), std::cos(angle), 4 * eps) << k;
        EXPECT_NEAR(x.bins()[k].imag(), std::sin(angle), 4 * eps) << k;
    }
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
    // Against the direct sums; the bound is also small enough to mean something: below 10^-11
    // of the largest value, so an error in one term of a sum would break it.
    for (auto [la, lb] : {std::pair{1u, 1u}, {3u, 5u}, {100u, 37u}, {1000u, 1000u}, {4097u, 3u}}) {
        const auto a = uniform(la, 11 + la), b = uniform(lb, 13 + lb);
        const auto direct = convolveDirect(a, b), viaFft = convolveFft(a, b);
        ASSERT_EQ(direct.size(), viaFft.size());
        const double bound = fftConvolutionErrorBound(a, b, fftLength(la + lb - 1));
        EXPECT_LT(bound, 1e-11 * *std::max_element(direct.begin(), direct.end()));
        for (std::size_t i = 0; i < direct.size(); ++i)
            EXPECT_LE(std::abs(direct[i] - viaFft[i]), bound) << la << "×" << lb << " at " << i;
    }
}

TEST(Fft, SquareThroughOneTransformWithinTheBound)
{
    // convolveFft(a, a) takes the square path (one forward transform); signed inputs.
    const auto a = uniform(3000, 17, -1.0);
    const auto direct = convolveDirect(a, a), viaFft = convolveFft(a, a);
    const double bound = fftConvolutionErrorBound(a, a, fftLength(2 * a.size() - 1));
    ASSERT_EQ(direct.size(), viaFft.size());
    for (std::size_t i = 0; i < direct.size(); ++i)
        EXPECT_LE(std::abs(direct[i] - viaFft[i]), bound) << i;
}

TEST(Fft, CyclicProductsWrapAround)
{
    // c_j = Σ_i x_i y_{(j−i) mod N} against the direct sum, for convolveCyclic with a kept
    // transform of y (used for two different x) and for squareCyclic.
    const std::size_t n = 512;
    const RealFft fft(n);
    RealFftBuffer y(n);
    const auto yValues = uniform(n, 9);
    std::ranges::copy(yValues, y.values().begin());
    fft.forward(y);
    auto cyclic = [&](const std::vector<double>& a, const std::vector<double>& b, std::size_t j) {
        double s = 0;
        for (std::size_t i = 0; i < n; ++i)
            s += a[i] * b[(j + n - i) % n];
        return s;
    };
    for (std::uint64_t seed : {21u, 22u}) {
        const auto xValues = uniform(n, seed);
        RealFftBuffer x(n), sq(n);
        std::ranges::copy(xValues, x.values().begin());
        std::ranges::copy(xValues, sq.values().begin());
        convolveCyclic(x, y.bins(), fft);
        squareCyclic(sq, fft);
        const double bound = fftConvolutionErrorBound(xValues, yValues, n);
        const double squareBound = fftConvolutionErrorBound(xValues, xValues, n);
        for (std::size_t j = 0; j < n; ++j) {
            EXPECT_NEAR(x.values()[j], cyclic(xValues, yValues, j), bound) << j;
            EXPECT_NEAR(sq.values()[j], cyclic(xValues, xValues, j), squareBound) << j;
        }
    }
}

TEST(Fft, ShortPlansAreSharedLongOnesAreNot)
{
    EXPECT_EQ(realFft(1024), realFft(1024));
    EXPECT_EQ(realFft(kCachedFftLength)->length(), kCachedFftLength);
    EXPECT_NE(realFft(2 * kCachedFftLength), realFft(2 * kCachedFftLength));
    EXPECT_NE(realFft(6), realFft(6));  // not a power of two
}

TEST(Fft, ConcurrentPlansGiveTheSerialBits)
{
    // Plans are made and destroyed on four threads at once (FFTW's planner is not thread-safe:
    // RealFft serialises it), directly and through the shared cache; every transform equals,
    // bit for bit, the one made on this thread.
    const std::vector<std::size_t> lengths{6, 10, 30, 64, 250, 1000, 2048};
    std::vector<std::vector<std::complex<double>>> serial;
    auto transform = [](const RealFft& fft) {
        RealFftBuffer x(fft.length());
        std::ranges::copy(uniform(fft.length(), fft.length()), x.values().begin());
        fft.forward(x);
        return std::vector<std::complex<double>>(x.bins().begin(), x.bins().end());
    };
    for (std::size_t n : lengths)
        serial.push_back(transform(RealFft(n)));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 30; ++round)
                for (std::size_t i = 0; i < lengths.size(); ++i) {
                    const std::size_t at = (i + t) % lengths.size();
                    mismatches[t] += transform(RealFft(lengths[at])) != serial[at];
                    mismatches[t] += transform(*realFft(lengths[at])) != serial[at];
                }
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace walklab::core::detail
