#include "core/exact/detail/Fft.h"

#include <fftw3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

namespace walklab::core::detail {

namespace {

// FFTW's planner (plan creation and destruction) is not thread-safe; its execute functions are.
// Constant-initialised, so it outlives the cached plans destroyed at exit.
std::mutex plannerMutex;
std::mutex cacheMutex;

double norm2(std::span<const double> a)
{
    double s = 0.0;
    for (double x : a)
        s += x * x;
    return std::sqrt(s);
}

// x_k ← s·x_k·y_k, written out: std::complex's operator* checks for NaN/Inf and is far slower.
// x and y may be the same values.
void multiplyBins(std::span<std::complex<double>> x, std::span<const std::complex<double>> y, double s)
{
    assert(x.size() == y.size());
    for (std::size_t k = 0; k < x.size(); ++k) {
        const double xr = x[k].real(), xi = x[k].imag(), yr = y[k].real(), yi = y[k].imag();
        x[k] = {s * (xr * yr - xi * yi), s * (xr * yi + xi * yr)};
    }
}

fftw_complex* asFftw(std::span<std::complex<double>> x)
{
    return reinterpret_cast<fftw_complex*>(x.data());  // layout-compatible (FFTW manual §4.1.1)
}

std::complex<double>* allocateBins(std::size_t count)
{
    auto* p = reinterpret_cast<std::complex<double>*>(fftw_alloc_complex(count));
    if (!p)
        throw std::bad_alloc();
    return p;
}

}  // namespace

std::size_t fftLength(std::size_t n)
{
    std::size_t m = 1;
    while (m < n)
        m <<= 1;
    return m;
}

void RealFftBuffer::Free::operator()(std::complex<double>* p) const
{
    fftw_free(p);
}

void RealFftBuffer::assignZero(std::size_t n)
{
    assert(n >= 2 && n % 2 == 0 && n <= kMaxFftLength);
    const std::size_t count = n / 2 + 1;
    if (count > m_capacity) {
        m_data.reset();  // the old storage goes first, so the two never coexist
        m_capacity = 0;
        m_data.reset(allocateBins(count));
        m_capacity = count;
    }
    m_length = n;
    std::uninitialized_fill_n(m_data.get(), count, std::complex<double>{});
}

RealFft::RealFft(std::size_t length) : m_length(length)
{
    assert(length >= 2 && length % 2 == 0 && length <= kMaxFftLength);
    const int n = int(length);
    const std::lock_guard lock(plannerMutex);
    // FFTW_ESTIMATE plans without touching the arrays: they only fix the plan's alignment (that
    // of fftw_malloc, as every RealFftBuffer has) and that it works in place. Untouched, the
    // storage costs no memory.
    const std::unique_ptr<std::complex<double>[], void (*)(void*)> probe(allocateBins(length / 2 + 1),
                                                                         fftw_free);
    const std::span<std::complex<double>> bins(probe.get(), length / 2 + 1);
    double* values = reinterpret_cast<double*>(probe.get());
    m_forward = fftw_plan_dft_r2c_1d(n, values, asFftw(bins), FFTW_ESTIMATE);
    m_inverse = fftw_plan_dft_c2r_1d(n, asFftw(bins), values, FFTW_ESTIMATE);
    if (!m_forward || !m_inverse) {
        if (m_forward)
            fftw_destroy_plan(m_forward);
        if (m_inverse)
            fftw_destroy_plan(m_inverse);
        throw std::runtime_error("FFTW made no plan for a real transform of length " +
                                 std::to_string(length));
    }
}

RealFft::~RealFft()
{
    const std::lock_guard lock(plannerMutex);
    fftw_destroy_plan(m_forward);
    fftw_destroy_plan(m_inverse);
}

void RealFft::forward(RealFftBuffer& data) const
{
    assert(data.length() == m_length);
    fftw_execute_dft_r2c(m_forward, data.values().data(), asFftw(data.bins()));
}

void RealFft::inverse(RealFftBuffer& data) const
{
    assert(data.length() == m_length);
    fftw_execute_dft_c2r(m_inverse, asFftw(data.bins()), data.values().data());
}

std::shared_ptr<const RealFft> realFft(std::size_t length)
{
    if (length > kCachedFftLength || (length & (length - 1)) != 0)
        return std::make_shared<const RealFft>(length);
    static std::array<std::shared_ptr<const RealFft>, 17> cache;  // by log₂ length
    std::size_t level = 0;
    while ((std::size_t(1) << level) < length)
        ++level;
    const std::lock_guard lock(cacheMutex);
    if (!cache[level])
        cache[level] = std::make_shared<const RealFft>(length);
    return cache[level];
}

void convolveCyclic(RealFftBuffer& x, std::span<const std::complex<double>> yHat, const RealFft& fft)
{
    fft.forward(x);
    multiplyBins(x.bins(), yHat, 1.0 / double(fft.length()));  // the 1/N of the inverse
    fft.inverse(x);
}

void squareCyclic(RealFftBuffer& x, const RealFft& fft)
{
    fft.forward(x);
    multiplyBins(x.bins(), x.bins(), 1.0 / double(fft.length()));
    fft.inverse(x);
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

std::vector<double> convolveFft(std::span<const double> a, std::span<const double> b)
{
    if (a.empty() || b.empty())
        return {};
    const std::size_t len = a.size() + b.size() - 1;
    const std::size_t n = std::max<std::size_t>(fftLength(len), 2);
    const auto fft = realFft(n);
    RealFftBuffer x(n);
    std::ranges::copy(a, x.values().begin());
    if (a.data() == b.data() && a.size() == b.size()) {
        squareCyclic(x, *fft);
    } else {
        RealFftBuffer y(n);
        std::ranges::copy(b, y.values().begin());
        fft->forward(y);
        convolveCyclic(x, y.bins(), *fft);
    }
    const auto c = x.values().first(len);
    return {c.begin(), c.end()};
}

double fftConvolutionErrorBound(std::span<const double> a, std::span<const double> b, std::size_t length)
{
    return 3.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::log2(double(length))) *
           norm2(a) * norm2(b);
}

}  // namespace walklab::core::detail
