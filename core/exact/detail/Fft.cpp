#include "core/exact/detail/Fft.h"

#include <boost/math/constants/constants.hpp>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace walklab::core::detail {

namespace {

double norm2(std::span<const double> a)
{
    double s = 0.0;
    for (double x : a)
        s += x * x;
    return std::sqrt(s);
}

}  // namespace

std::size_t fftLength(std::size_t n)
{
    std::size_t m = 1;
    while (m < n)
        m <<= 1;
    return m;
}

FftPlan::FftPlan(std::size_t length)
{
    const std::size_t n = std::max<std::size_t>(fftLength(length), 2);
    assert(n <= kMaxFftLength);
    const std::size_t half = n / 2;
    m_twiddles.assign(half, {1.0, 0.0});
    const double step = boost::math::constants::two_pi<double>() / double(n);
    // cos/sin directly up to the first octant; the rest from exact symmetries.
    const std::size_t eighth = n / 8;
    for (std::size_t k = 0; k <= eighth && k < half; ++k)
        m_twiddles[k] = {std::cos(step * double(k)), -std::sin(step * double(k))};
    if (n < 8) {
        for (std::size_t k = eighth + 1; k < half; ++k)
            m_twiddles[k] = {std::cos(step * double(k)), -std::sin(step * double(k))};
        return;
    }
    const std::size_t quarter = n / 4;
    for (std::size_t k = eighth + 1; k <= quarter; ++k) {  // angle π/2 − angle(quarter − k)
        const auto w = m_twiddles[quarter - k];
        m_twiddles[k] = {-w.imag(), -w.real()};
    }
    for (std::size_t k = quarter + 1; k < half; ++k) {  // angle π/2 + angle(k − quarter)
        const auto w = m_twiddles[k - quarter];
        m_twiddles[k] = {w.imag(), -w.real()};
    }
}

void FftPlan::transform(std::span<std::complex<double>> data, bool inverse) const
{
    const std::size_t n = data.size();
    assert((n & (n - 1)) == 0 && n <= length());
    if (n <= 1)
        return;
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(data[i], data[j]);
    }
    const double sign = inverse ? -1.0 : 1.0;
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::size_t half = len / 2, stride = length() / len;
        for (std::size_t start = 0; start < n; start += len) {
            std::complex<double>* lo = data.data() + start;
            std::complex<double>* hi = lo + half;
            for (std::size_t k = 0; k < half; ++k) {
                const double wr = m_twiddles[k * stride].real();
                const double wi = sign * m_twiddles[k * stride].imag();
                // Written out: std::complex's operator* checks for NaN/Inf and is far slower.
                const double re = wr * hi[k].real() - wi * hi[k].imag();
                const double im = wr * hi[k].imag() + wi * hi[k].real();
                hi[k] = {lo[k].real() - re, lo[k].imag() - im};
                lo[k] = {lo[k].real() + re, lo[k].imag() + im};
            }
        }
    }
    if (inverse) {
        const double scale = 1.0 / double(n);
        for (auto& x : data)
            x *= scale;
    }
}

void fft(std::span<std::complex<double>> data, bool inverse)
{
    FftPlan(data.size()).transform(data, inverse);
}

std::vector<double> convolveDirect(std::span<const double> a, std::span<const double> b)
{
    if (a.empty() || b.empty())
        return {};
    std::vector<double> c(a.size() + b.size() - 1, 0.0);
    for (std::size_t j = 0; j < b.size(); ++j) {
        const double bj = b[j];
        if (bj == 0.0)
            continue;
        double* out = c.data() + j;
        for (std::size_t i = 0; i < a.size(); ++i)
            out[i] += a[i] * bj;
    }
    return c;
}

void convolvePacked(std::span<std::complex<double>> z, const FftPlan& plan)
{
    const std::size_t n = z.size();
    plan.transform(z, false);
    // With Z = A + iB for real a, b: A_k B_k = (Z_k² − conj(Z_{−k})²) / (4i); the pair k, −k
    // is updated together so the product overwrites Z.
    const std::complex<double> minusQuarterI(0.0, -0.25);
    for (std::size_t k = 0; k <= n / 2; ++k) {
        const std::size_t m = (n - k) & (n - 1);
        const std::complex<double> zk = z[k], zm = z[m];
        z[k] = (zk * zk - std::conj(zm) * std::conj(zm)) * minusQuarterI;
        z[m] = (zm * zm - std::conj(zk) * std::conj(zk)) * minusQuarterI;
    }
    plan.transform(z, true);
}

std::vector<double> convolveFft(std::span<const double> a, std::span<const double> b)
{
    if (a.empty() || b.empty())
        return {};
    const std::size_t len = a.size() + b.size() - 1;
    const std::size_t n = fftLength(len);
    std::vector<std::complex<double>> z(n);
    for (std::size_t i = 0; i < a.size(); ++i)
        z[i].real(a[i]);
    for (std::size_t i = 0; i < b.size(); ++i)
        z[i].imag(b[i]);
    convolvePacked(z, FftPlan(n));
    std::vector<double> c(len);
    for (std::size_t i = 0; i < len; ++i)
        c[i] = z[i].real();
    return c;
}

double fftConvolutionErrorBound(std::span<const double> a, std::span<const double> b)
{
    const std::size_t n = fftLength(a.size() + b.size());
    return 3.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::log2(double(n))) *
           norm2(a) * norm2(b);
}

}  // namespace walklab::core::detail
