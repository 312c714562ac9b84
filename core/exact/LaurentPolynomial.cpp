#include "core/exact/LaurentPolynomial.h"

#include "core/exact/detail/Fft.h"
#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>

namespace walklab::core {

namespace {

// Cost of one FFT product of M points in units of one multiply-add of a direct product: three
// real transforms of length M (FFTW), two for a square; measured on the development machine
// (M = 2^7 … 2^15, d = 1 … 3) as 1 … 4·M·log₂M, squares about 2/3 of products.
constexpr double kFftCostFactor = 2.5;

double fftCost(std::size_t productSize)
{
    const double m = double(detail::fftLength(productSize));
    return kFftCostFactor * m * std::max(1.0, std::log2(m));
}

double pairwiseSum(const double* x, std::size_t n)
{
    if (n <= 64) {
        double s = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            s += x[i];
        return s;
    }
    const std::size_t half = n / 2;
    return pairwiseSum(x, half) + pairwiseSum(x + half, n - half);
}

LatticePoint sumOf(const LatticePoint& a, const LatticePoint& b)
{
    return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}

// The storage of a d-dimensional box seen as a 3D box whose last axis is the last used one, so
// that the innermost loops run over contiguous memory: widths (1, 1, w₀) in 1D, (1, w₀, w₁) in
// 2D, (w₀, w₁, w₂) in 3D; the same shift applies to offsets.
std::array<std::int64_t, 3> view(int dimension, const std::array<std::int64_t, 3>& x, std::int64_t fill)
{
    if (dimension == 1)
        return {fill, fill, x[0]};
    if (dimension == 2)
        return {fill, x[0], x[1]};
    return x;
}

std::array<std::int64_t, 3> widths(const LaurentPolynomial& p)
{
    return view(p.dimension(), {p.width(0), p.width(1), p.width(2)}, 1);
}

LaurentPolynomial multiplyDirect(const LaurentPolynomial& a, const LaurentPolynomial& b)
{
    const bool aSmaller = a.nonZeroCount() <= b.nonZeroCount();
    const LaurentPolynomial& small = aSmaller ? a : b;
    const LaurentPolynomial& big = aSmaller ? b : a;
    const int d = a.dimension();
    LaurentPolynomial c(d, sumOf(a.lo(), b.lo()), sumOf(a.hi(), b.hi()));
    struct Term {
        std::array<std::int64_t, 3> offset;
        double value;
    };
    std::vector<Term> terms;
    const auto sc = small.coefficients();
    for (std::size_t j = 0; j < sc.size(); ++j)
        if (sc[j] != 0.0) {
            const LatticePoint p = small.point(j);
            terms.push_back({view(d, {p[0] - small.lo()[0], p[1] - small.lo()[1], p[2] - small.lo()[2]}, 0),
                             sc[j]});
        }
    const auto bw = widths(big), cw = widths(c);
    double* out = c.coefficients().data();
    const double* in = big.coefficients().data();
    // Output row by output row, so that each row is written once while it sits in cache and the
    // few input rows it draws on are read next to each other (a stencil for sparse factors).
    for (std::int64_t o0 = 0; o0 < cw[0]; ++o0)
        for (std::int64_t o1 = 0; o1 < cw[1]; ++o1) {
            double* row = out + (o0 * cw[1] + o1) * cw[2];
            for (const Term& t : terms) {
                const std::int64_t i0 = o0 - t.offset[0], i1 = o1 - t.offset[1];
                if (i0 < 0 || i0 >= bw[0] || i1 < 0 || i1 >= bw[1])
                    continue;
                const double* __restrict src = in + (i0 * bw[1] + i1) * bw[2];
                double* __restrict dst = row + t.offset[2];
                const double v = t.value;
                for (std::int64_t i2 = 0; i2 < bw[2]; ++i2)
                    dst[i2] += v * src[i2];
            }
        }
    return c;
}

// Writes the coefficients of p into z at the Kronecker positions Σ (e_i − lo_i)·stride_i with the
// strides of the product box.
void embed(const LaurentPolynomial& p, std::size_t s0, std::size_t s1, std::span<double> z)
{
    const std::size_t w0 = std::size_t(p.width(0)), w1 = std::size_t(p.width(1)),
                      w2 = std::size_t(p.width(2));
    const double* in = p.coefficients().data();
    for (std::size_t i0 = 0; i0 < w0; ++i0)
        for (std::size_t i1 = 0; i1 < w1; ++i1)
            std::copy_n(in + (i0 * w1 + i1) * w2, w2, z.begin() + std::ptrdiff_t(i0 * s0 + i1 * s1));
}

LaurentPolynomial multiplyFft(const LaurentPolynomial& a, const LaurentPolynomial& b,
                              double& errorBound)
{
    LaurentPolynomial c(a.dimension(), sumOf(a.lo(), b.lo()), sumOf(a.hi(), b.hi()));
    const std::size_t s1 = std::size_t(c.width(2)), s0 = std::size_t(c.width(1)) * s1;
    const std::size_t m = std::max<std::size_t>(detail::fftLength(c.size()), 2);
    const auto fft = detail::realFft(m);
    detail::RealFftBuffer x(m);
    embed(a, s0, s1, x.values());
    if (&a == &b) {  // a square (binary powering): one forward transform
        detail::squareCyclic(x, *fft);
    } else {
        detail::RealFftBuffer y(m);
        embed(b, s0, s1, y.values());
        fft->forward(y);
        detail::convolveCyclic(x, y.bins(), *fft);
    }
    const double bound = detail::fftConvolutionErrorBound(a.coefficients(), b.coefficients(), m);
    const auto z = x.values();
    auto out = c.coefficients();
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = std::abs(z[i]) <= bound ? 0.0 : z[i];
    errorBound = bound;
    return c;
}

std::size_t saturatingProduct(std::size_t a, std::size_t b)
{
    if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a)
        return std::numeric_limits<std::size_t>::max();
    return a * b;
}

// "(2n+1)^3" or "(5n+1)(2n+1)": the size of the box of G^n as a formula in n.
std::string boxFormula(const LaurentPolynomial& g)
{
    auto factor = [](std::int64_t c) {
        if (c == 0)
            return std::string("1");
        std::string s = "(";  // appended piecewise: GCC 12 warns falsely on chained +
        if (c != 1)
            s += std::to_string(c);
        s += "n+1)";
        return s;
    };
    std::int64_t c[3] = {0, 0, 0};
    for (int i = 0; i < g.dimension(); ++i)
        c[i] = g.width(i) - 1;
    const bool equal = std::all_of(c, c + g.dimension(), [&](std::int64_t x) { return x == c[0]; });
    if (equal) {
        std::string s = factor(c[0]);
        if (g.dimension() > 1)
            s.append(1, '^').append(std::to_string(g.dimension()));
        return s;
    }
    std::string s;
    for (int i = 0; i < g.dimension(); ++i)
        s += factor(c[i]);
    return s;
}

struct Plan {
    bool stepping = false;
    double operations = 0.0;
};

// Operation counts of the two strategies, with the box size standing in for the (unknown)
// number of non-zero coefficients of the intermediate powers.
Plan planPower(const LaurentPolynomial& g, std::int64_t n, ConvolutionMethod method)
{
    const double nnzG = double(std::max<std::size_t>(g.nonZeroCount(), 1));
    Plan binary;
    std::int64_t k = 1;
    int top = 62;
    while (top > 0 && !((n >> top) & 1))
        --top;
    for (int bit = top - 1; bit >= 0; --bit) {
        const double sizeK = double(powerBoxSize(g, k));
        const std::size_t square = powerBoxSize(g, 2 * k);
        const double direct = sizeK * sizeK, viaFft = fftCost(square);
        binary.operations += method == ConvolutionMethod::Direct ? direct
                             : method == ConvolutionMethod::Fft  ? viaFft
                                                                 : std::min(direct, viaFft);
        k *= 2;
        if ((n >> bit) & 1) {
            const std::size_t next = powerBoxSize(g, k + 1);
            const double directG = nnzG * double(powerBoxSize(g, k));
            const double fftG = fftCost(next);
            binary.operations += method == ConvolutionMethod::Direct ? directG
                                 : method == ConvolutionMethod::Fft  ? fftG
                                                                     : std::min(directG, fftG);
            k += 1;
        }
    }
    if (method == ConvolutionMethod::Fft)
        return binary;
    Plan stepping{true, 0.0};
    for (std::int64_t j = 1; j < n && stepping.operations <= binary.operations; ++j)
        stepping.operations += double(powerBoxSize(g, j)) * nnzG;
    return stepping.operations <= binary.operations ? stepping : binary;
}

}  // namespace

LaurentPolynomial::LaurentPolynomial(int dimension, LatticePoint lo, LatticePoint hi)
    : m_dimension(dimension), m_lo(lo), m_hi(hi)
{
    assert(dimension >= 1 && dimension <= 3);
    std::size_t n = 1;
    for (int i = 0; i < 3; ++i) {
        assert(lo[i] <= hi[i]);
        assert(i < dimension || (lo[i] == 0 && hi[i] == 0));
        n *= std::size_t(hi[i] - lo[i] + 1);
    }
    assert(n <= kMaxLaurentCoefficients);
    m_coefficients.assign(n, 0.0);
}

bool LaurentPolynomial::contains(const LatticePoint& e) const
{
    for (int i = 0; i < 3; ++i)
        if (e[i] < m_lo[i] || e[i] > m_hi[i])
            return false;
    return true;
}

std::size_t LaurentPolynomial::index(const LatticePoint& e) const
{
    assert(contains(e));
    return (std::size_t(e[0] - m_lo[0]) * std::size_t(width(1)) + std::size_t(e[1] - m_lo[1])) *
               std::size_t(width(2)) +
           std::size_t(e[2] - m_lo[2]);
}

LatticePoint LaurentPolynomial::point(std::size_t i) const
{
    const std::size_t w1 = std::size_t(width(1)), w2 = std::size_t(width(2));
    return {m_lo[0] + std::int64_t(i / (w1 * w2)), m_lo[1] + std::int64_t((i / w2) % w1),
            m_lo[2] + std::int64_t(i % w2)};
}

double LaurentPolynomial::coefficient(const LatticePoint& e) const
{
    return contains(e) ? m_coefficients[index(e)] : 0.0;
}

std::size_t LaurentPolynomial::nonZeroCount() const
{
    return std::size_t(std::count_if(m_coefficients.begin(), m_coefficients.end(),
                                     [](double c) { return c != 0.0; }));
}

double LaurentPolynomial::sum() const
{
    return pairwiseSum(m_coefficients.data(), m_coefficients.size());
}

LaurentPolynomial LaurentPolynomial::trimmed() const
{
    LatticePoint lo = m_hi, hi = m_lo;
    bool any = false;
    for (std::size_t i = 0; i < m_coefficients.size(); ++i) {
        if (m_coefficients[i] == 0.0)
            continue;
        any = true;
        const LatticePoint p = point(i);
        for (int k = 0; k < 3; ++k) {
            lo[k] = std::min(lo[k], p[k]);
            hi[k] = std::max(hi[k], p[k]);
        }
    }
    if (!any)
        return LaurentPolynomial(m_dimension, {0, 0, 0}, {0, 0, 0});
    LaurentPolynomial t(m_dimension, lo, hi);
    for (std::size_t i = 0; i < m_coefficients.size(); ++i)
        if (m_coefficients[i] != 0.0)
            t.set(point(i), m_coefficients[i]);
    return t;
}

std::size_t powerBoxSize(const LaurentPolynomial& g, std::int64_t n)
{
    std::size_t size = 1;
    for (int i = 0; i < 3; ++i) {
        const std::size_t w = std::size_t(g.width(i) - 1);
        const std::size_t un = std::size_t(std::max<std::int64_t>(n, 0));
        const std::size_t grown = saturatingProduct(w, un);
        const std::size_t extent =
            grown == std::numeric_limits<std::size_t>::max() ? grown : grown + 1;
        size = saturatingProduct(size, extent);
    }
    return size;
}

LaurentPolynomial multiply(const LaurentPolynomial& a, const LaurentPolynomial& b,
                           ConvolutionMethod method, double* fftErrorBound)
{
    assert(a.dimension() == b.dimension());
    if (method == ConvolutionMethod::Automatic) {
        std::size_t productSize = 1;
        for (int i = 0; i < 3; ++i)
            productSize *= std::size_t(a.width(i) + b.width(i) - 1);
        const double direct =
            double(std::min(a.nonZeroCount(), b.nonZeroCount())) * double(std::max(a.size(), b.size()));
        method = direct <= fftCost(productSize) ? ConvolutionMethod::Direct : ConvolutionMethod::Fft;
    }
    double bound = 0.0;
    LaurentPolynomial c = method == ConvolutionMethod::Direct ? multiplyDirect(a, b)
                                                              : multiplyFft(a, b, bound);
    if (fftErrorBound)
        *fftErrorBound = bound;
    return c;
}

Expected<LaurentPolynomial> power(const LaurentPolynomial& g, std::int64_t n,
                                  ConvolutionMethod method, PowerInfo* info)
{
    PowerInfo local;
    PowerInfo& done = info ? *info : local;
    done = PowerInfo{};
    if (n < 0)
        return fail(ErrorKind::InvalidParameter, "steps",
                    "steps = " + std::to_string(n) + ": must be at least 0");
    if (powerBoxSize(g, n) > kMaxLaurentCoefficients) {
        std::int64_t lo = 0, hi = n;  // largest allowed n by bisection: size(lo) fits, size(hi) not
        while (hi - lo > 1) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            (powerBoxSize(g, mid) <= kMaxLaurentCoefficients ? lo : hi) = mid;
        }
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(n) + ": the " + std::to_string(g.dimension()) +
                        "D law of this step set is computed for n ≤ " + std::to_string(lo) +
                        " (memory " + boxFormula(g) + " doubles, at most 2^24 = 128 MiB)");
    }
    if (n == 0) {
        LaurentPolynomial one(g.dimension(), {0, 0, 0}, {0, 0, 0});
        one.set({0, 0, 0}, 1.0);
        return one;
    }
    const Plan plan = planPower(g, n, method);
    if (plan.operations > kMaxPowerOperations)
        return fail(ErrorKind::TooLarge, "steps",
                    "steps = " + std::to_string(n) + ": computing this law " +
                        (method == ConvolutionMethod::Direct ? "by direct convolution " : "") +
                        "needs about " + formatSignificant(plan.operations, 2) +
                        " operations, more than the limit " +
                        formatSignificant(kMaxPowerOperations, 2) +
                        (method == ConvolutionMethod::Direct ? " (the FFT method is faster)" : ""));
    if (plan.stepping) {
        done.stepping = true;
        LaurentPolynomial result = g;
        for (std::int64_t k = 1; k < n; ++k)
            result = multiply(result, g, ConvolutionMethod::Direct);
        done.directProducts = int(std::min<std::int64_t>(n - 1, 1 << 30));
        return result;
    }
    // ‖·‖₁ of A and B bound how far their errors spread through a product.
    const double gNorm1 = [&] {
        double s = 0.0;
        for (double c : g.coefficients())
            s += std::abs(c);
        return s;
    }();
    double resultNorm1 = gNorm1;
    auto step = [&](const LaurentPolynomial& a, const LaurentPolynomial& b, double aNorm1,
                    double aError, double bNorm1, double bError) {
        double bound = 0.0;
        LaurentPolynomial c = multiply(a, b, method, &bound);
        (bound > 0.0 ? done.fftProducts : done.directProducts) += 1;
        done.absoluteError = aError * bNorm1 + aNorm1 * bError + bound;
        resultNorm1 = aNorm1 * bNorm1;
        return c;
    };
    int top = 62;
    while (top > 0 && !((n >> top) & 1))
        --top;
    LaurentPolynomial result = g;
    for (int bit = top - 1; bit >= 0; --bit) {
        result = step(result, result, resultNorm1, done.absoluteError, resultNorm1,
                      done.absoluteError);
        if ((n >> bit) & 1)
            result = step(result, g, resultNorm1, done.absoluteError, gNorm1, 0.0);
    }
    return result;
}

}  // namespace walklab::core
