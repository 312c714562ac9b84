// Laurent polynomials in one to three variables, stored densely over a box of exponents, with
// their products and integer powers: the generating functions G(z) = Σ p_s z^s of step laws.
#pragma once

#include "core/experiment/Error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace walklab::core {

/// A point of Z^d, d = 1…3, as three coordinates; the coordinates beyond d are 0.
using LatticePoint = std::array<std::int64_t, 3>;

/// How a product of two polynomials is computed.
enum class ConvolutionMethod {
    Automatic,  ///< the cheaper of Direct and Fft by the operation count below
    Direct,     ///< sums of products: every coefficient of a product of non-negative polynomials
                ///< keeps a relative error ≤ (terms summed)·ε, tails included
    Fft,        ///< real FFTs (FFTW): absolute error ≲ 3 ε log₂M ‖a‖₂‖b‖₂ for each coefficient
};

/// Largest number of coefficients of a polynomial this engine builds: 2^24 (128 MiB of
/// doubles; an FFT product of that size needs about 450 MiB more for its two transforms and
/// FFTW's tables, so a power peaks near 1 GiB with its factors).
inline constexpr std::size_t kMaxLaurentCoefficients = std::size_t(1) << 24;
/// Largest estimated operation count (multiply-adds) of one power(): 3·10^10, about 10–20 s.
inline constexpr double kMaxPowerOperations = 3e10;

/// Σ c_e z^e over the box lo ≤ e ≤ hi (coordinatewise) of Z^d. Coefficients are stored row-major
/// with the last used coordinate fastest: index ((e₀−lo₀)·w₁ + (e₁−lo₁))·w₂ + (e₂−lo₂) with the
/// widths w_i = hi_i − lo_i + 1 (w_i = 1 for i ≥ d).
class LaurentPolynomial {
public:
    /// The zero polynomial in one variable over the box {0}.
    LaurentPolynomial() = default;
    /// The zero polynomial over the box lo…hi. Preconditions: 1 ≤ dimension ≤ 3, lo ≤ hi,
    /// coordinates ≥ dimension are 0, and the box has at most kMaxLaurentCoefficients points.
    LaurentPolynomial(int dimension, LatticePoint lo, LatticePoint hi);

    int dimension() const { return m_dimension; }
    const LatticePoint& lo() const { return m_lo; }
    const LatticePoint& hi() const { return m_hi; }
    /// hi_axis − lo_axis + 1, for axis = 0, 1, 2.
    std::int64_t width(int axis) const { return m_hi[axis] - m_lo[axis] + 1; }
    /// Number of stored coefficients, the product of the widths.
    std::size_t size() const { return m_coefficients.size(); }

    bool contains(const LatticePoint& e) const;
    /// Storage index of a point of the box (precondition: contains(e)).
    std::size_t index(const LatticePoint& e) const;
    /// The exponent stored at index i < size().
    LatticePoint point(std::size_t i) const;
    /// The coefficient of z^e, 0 outside the box.
    double coefficient(const LatticePoint& e) const;
    /// Sets the coefficient of z^e (precondition: contains(e)).
    void set(const LatticePoint& e, double value) { m_coefficients[index(e)] = value; }

    std::span<const double> coefficients() const { return m_coefficients; }
    std::span<double> coefficients() { return m_coefficients; }

    std::size_t nonZeroCount() const;
    /// G(1, …, 1) = Σ c_e, summed pairwise (error ≲ ε log₂(size) Σ|c_e|).
    double sum() const;
    /// The same polynomial over the smallest box holding its non-zero coefficients
    /// (the box {0} if all are 0).
    LaurentPolynomial trimmed() const;

private:
    int m_dimension = 1;
    LatticePoint m_lo{0, 0, 0}, m_hi{0, 0, 0};
    std::vector<double> m_coefficients = std::vector<double>(1, 0.0);
};

/// Number of coefficients of the box of G^n when G's box has the given widths:
/// Π (n·(w_i − 1) + 1); saturates at SIZE_MAX.
std::size_t powerBoxSize(const LaurentPolynomial& g, std::int64_t n);

/// The product a·b over the box a.lo + b.lo … a.hi + b.hi.
/// Direct: for each non-zero coefficient of the factor with fewer of them, a shifted copy of
/// the other is added, cost nnz(small)·size(large) multiply-adds. Fft: the d-dimensional
/// product is a one-dimensional one after Kronecker substitution (the exponent e ↦
/// Σ e_i·stride_i with the strides of the product's box, so no carries occur), computed by
/// real FFTs of length M = 2^⌈log₂ size⌉ (three, two for a square a·a; cost ≈ 2.5·M log₂M);
/// coefficients whose magnitude is below the error bound 3 ε log₂M ‖a‖₂‖b‖₂ are set to 0,
/// since they are not resolved (this restores the exact zeros of, e.g., the parity of a
/// simple walk).
/// Automatic picks the lower cost. Preconditions: equal dimensions; the product's box has at
/// most kMaxLaurentCoefficients points.
/// If fftErrorBound is given, it receives the absolute error bound of the FFT product
/// (0 for a direct one).
LaurentPolynomial multiply(const LaurentPolynomial& a, const LaurentPolynomial& b,
                           ConvolutionMethod method = ConvolutionMethod::Automatic,
                           double* fftErrorBound = nullptr);

/// What power() did, for reports and error bounds.
struct PowerInfo {
    bool stepping = false;          ///< stepping (true) or binary powering (false)
    int fftProducts = 0;            ///< number of products computed by FFT
    int directProducts = 0;         ///< number of products computed directly
    /// Bound on the absolute error of every coefficient from FFT round-off, propagated with
    /// ‖δ(A·B)‖∞ ≤ ‖δA‖∞‖B‖₁ + ‖A‖₁‖δB‖∞ (0 if no FFT product was used; the direct products
    /// add only the relative error (terms summed)·ε).
    double absoluteError = 0.0;
};

/// G^n, n ≥ 0 (G^0 = 1 at the origin), over the box n·lo … n·hi.
///
/// Method: the cheaper (by operation count) of
///  - stepping, G^k = G^{k−1}·G by Direct products, cost Σ_k size(G^k)·nnz(G): best for sparse
///    G such as the 2d + 1 steps of a simple walk, and exact to relative (n·nnz)·ε;
///  - binary powering (left to right: square, then multiply by G for each 1 bit; Knuth, TAOCP
///    vol. 2, §4.6.3), each product by `method` (Automatic: per product, the cheaper).
/// `method` = Direct allows only direct products, Fft forces binary powering with FFT products.
/// With FFT products the absolute error of G^n is about (log₂n)·3ε log₂M·max coefficient of
/// G^n for a probability law G; coefficients below it come out as 0 (see multiply()).
///
/// Errors (parameter "steps"): InvalidParameter if n < 0; TooLarge if G^n has more than
/// kMaxLaurentCoefficients coefficients (the message gives the largest n allowed and the
/// memory) or the plan needs more than kMaxPowerOperations operations.
/// If info is given, it receives what was done.
Expected<LaurentPolynomial> power(const LaurentPolynomial& g, std::int64_t n,
                                  ConvolutionMethod method = ConvolutionMethod::Automatic,
                                  PowerInfo* info = nullptr);

}  // namespace walklab::core
