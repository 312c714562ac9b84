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
    m_top.assign(half, {1.0, 0.0});
    auto& top = m_top;
    const double step = boost::math::constants::two_pi<double>() / double(n);
    // cos/sin directly up to the first octant; the rest from exact symmetries.
    const std::size_t eighth = n / 8;
    for (std::size_t k = 0; k <= eighth && k < half; ++k)
        top[k] = {std::cos(step * double(k)), -std::sin(step * double(k))};
    if (n < 8) {
        for (std::size_t k = eighth + 1; k < half; ++k)
            top[k] = {std::cos(step * double(k)), -std::sin(step * double(k))};
    } else {
        const std::size_t quarter = n / 4;
        for (std::size_t k = eighth + 1; k <= quarter; ++k) {  // angle π/2 − angle(quarter − k)
            const auto w = top[quarter - k];
            top[k] = {-w.imag(), -w.real()};
        }
        for (std::size_t k = quarter + 1; k < half; ++k) {  // angle π/2 + angle(k − quarter)
            const auto w = top[k - quarter];
            top[k] = {w.imag(), -w.real()};
        }
    }
    // The tables of the short lengths, contiguous (the same values, sampled): their butterflies
    // then read neighbouring memory instead of one cache line per factor.
    const std::size_t shortest = std::min(n, kContiguousTwiddles);
    m_short.resize(shortest - 1);
    for (std::size_t len = 2; len <= shortest; len <<= 1)
        for (std::size_t k = 0; k < len / 2; ++k)
            m_short[len / 2 - 1 + k] = top[k * (n / len)];
}

std::complex<double> FftPlan::twiddle(std::size_t k, std::size_t n) const
{
    return n <= kContiguousTwiddles ? m_short[n / 2 - 1 + k] : m_top[k * (length() / n)];
}

const std::complex<double>* FftPlan::factors(std::size_t len, std::size_t& stride) const
{
    const bool contiguous = len <= kContiguousTwiddles;
    stride = contiguous ? 1 : length() / len;
    return contiguous ? m_short.data() + len / 2 - 1 : m_top.data();
}

void FftPlan::decimateInTime(std::span<std::complex<double>> data, double sign) const
{
    const std::size_t n = data.size();
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::size_t half = len / 2;
        std::size_t stride = 1;
        const std::complex<double>* w = factors(len, stride);
        for (std::size_t start = 0; start < n; start += len) {
            std::complex<double>* lo = data.data() + start;
            std::complex<double>* hi = lo + half;
            for (std::size_t k = 0; k < half; ++k) {
                const double wr = w[k * stride].real();
                const double wi = sign * w[k * stride].imag();
                // Written out: std::complex's operator* checks for NaN/Inf and is far slower.
                const double re = wr * hi[k].real() - wi * hi[k].imag();
                const double im = wr * hi[k].imag() + wi * hi[k].real();
                hi[k] = {lo[k].real() - re, lo[k].imag() - im};
                lo[k] = {lo[k].real() + re, lo[k].imag() + im};
            }
        }
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
    decimateInTime(data, inverse ? -1.0 : 1.0);
    if (inverse) {
        const double scale = 1.0 / double(n);
        for (auto& x : data)
            x *= scale;
    }
}

void FftPlan::forwardPermuted(std::span<std::complex<double>> data) const
{
    const std::size_t n = data.size();
    assert((n & (n - 1)) == 0 && n <= length());
    // Gentleman–Sande: the butterflies of decimation in time, mirrored (Numerical Recipes §12.2).
    for (std::size_t len = n; len >= 2; len >>= 1) {
        const std::size_t half = len / 2;
        std::size_t stride = 1;
        const std::complex<double>* w = factors(len, stride);
        for (std::size_t start = 0; start < n; start += len) {
            std::complex<double>* lo = data.data() + start;
            std::complex<double>* hi = lo + half;
            for (std::size_t k = 0; k < half; ++k) {
                const double wr = w[k * stride].real(), wi = w[k * stride].imag();
                const double dr = lo[k].real() - hi[k].real(), di = lo[k].imag() - hi[k].imag();
                lo[k] = {lo[k].real() + hi[k].real(), lo[k].imag() + hi[k].imag()};
                hi[k] = {wr * dr - wi * di, wr * di + wi * dr};
            }
        }
    }
}

void FftPlan::inversePermuted(std::span<std::complex<double>> data) const
{
    assert((data.size() & (data.size() - 1)) == 0 && data.size() <= length());
    decimateInTime(data, -1.0);
}

namespace {

// a·b written out: std::complex's operator* checks for NaN/Inf and is far slower.
std::complex<double> times(std::complex<double> a, std::complex<double> b)
{
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// The bit reversal of k + 1 over log2(m) bits, given r = the reversal of k.
std::size_t nextReversed(std::size_t r, std::size_t m)
{
    std::size_t bit = m >> 1;
    while (r & bit) {
        r ^= bit;
        bit >>= 1;
    }
    return r | bit;
}

}  // namespace

void realFftPermuted(std::span<const double> x, std::span<std::complex<double>> X, const FftPlan& plan)
{
    const std::size_t n = x.size(), half = n / 2;
    assert(n >= 2 && X.size() == half + 1);
    for (std::size_t j = 0; j < half; ++j)
        X[j] = {x[2 * j], x[2 * j + 1]};
    plan.forwardPermuted(X.first(half));  // Z_k at rev(k)
    X[half] = X[0];                       // Z_M = Z_0
    // E_k = (Z_k + conj Z_{M−k})/2, O_k = (Z_k − conj Z_{M−k})/(2i), X_k = E_k + e^{−2πik/N} O_k;
    // k and M − k together. rev(M − k) = (M − 1) xor rev(k − 1) for k ≥ 1.
    std::size_t previous = 0, at = 0;  // rev(k − 1), rev(k)
    for (std::size_t k = 0; k <= half / 2; ++k) {
        if (k > 0) {
            previous = at;
            at = nextReversed(at, half);
        }
        const std::size_t m = half - k, atM = k == 0 ? half : (half - 1) ^ previous;
        const std::complex<double> zk = X[at], zm = X[atM];
        const std::complex<double> ek = 0.5 * (zk + std::conj(zm)), d = zk - std::conj(zm);
        const std::complex<double> ok(0.5 * d.imag(), -0.5 * d.real());  // d/(2i)
        X[at] = ek + times(plan.twiddle(k, n), ok);
        if (atM != at)  // E_{M−k} = conj E_k, O_{M−k} = conj O_k; e^{−iπ} = −1 at k = 0
            X[atM] = std::conj(ek) + (k == 0 ? -std::conj(ok) : times(plan.twiddle(m, n), std::conj(ok)));
    }
}

void inverseRealFftPermuted(std::span<std::complex<double>> X, std::span<double> x, const FftPlan& plan)
{
    const std::size_t n = x.size(), half = n / 2;
    assert(n >= 2 && X.size() == half + 1);
    // E_k = (X_k + conj X_{M−k})/2, O_k = (X_k − conj X_{M−k}) e^{+2πik/N}/2, Z_k = E_k + i O_k.
    std::size_t previous = 0, at = 0;
    for (std::size_t k = 0; k <= half / 2; ++k) {
        if (k > 0) {
            previous = at;
            at = nextReversed(at, half);
        }
        const std::size_t m = half - k, atM = k == 0 ? half : (half - 1) ^ previous;
        const std::complex<double> xk = X[at], xm = X[atM];
        const std::complex<double> ek = 0.5 * (xk + std::conj(xm)), dk = 0.5 * (xk - std::conj(xm));
        const std::complex<double> ok = times(dk, std::conj(plan.twiddle(k, n)));
        X[at] = {ek.real() - ok.imag(), ek.imag() + ok.real()};  // E_k + i O_k
        if (atM != at && m < half) {  // E_{M−k} = conj E_k, O_{M−k} = −conj d_k e^{+2πi(M−k)/N}
            const std::complex<double> om = -times(std::conj(dk), std::conj(plan.twiddle(m, n)));
            X[atM] = {ek.real() - om.imag(), -ek.imag() + om.real()};
        }
    }
    plan.inversePermuted(X.first(half));
    const double scale = 1.0 / double(half);
    for (std::size_t j = 0; j < half; ++j) {
        x[2 * j] = scale * X[j].real();
        x[2 * j + 1] = scale * X[j].imag();
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
