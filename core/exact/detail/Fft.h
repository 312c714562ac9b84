// A small radix-2 complex FFT and the real linear convolutions built on it (exact engine internals).
#pragma once

#include <complex>
#include <cstddef>
#include <span>
#include <vector>

namespace walklab::core::detail {

/// Largest transform length accepted: 2^24 complex values (256 MiB, plus 128 MiB of twiddles).
inline constexpr std::size_t kMaxFftLength = std::size_t(1) << 24;

/// Smallest power of two ≥ n (1 for n ≤ 1).
std::size_t fftLength(std::size_t n);

/// In place discrete Fourier transform of data (length a power of two, ≤ kMaxFftLength):
///   forward  X_k = Σ_j x_j e^{−2πi jk/N},   inverse  x_j = (1/N) Σ_k X_k e^{+2πi jk/N}
/// (the inverse includes the 1/N). Iterative radix-2 Cooley–Tukey with bit-reversed input
/// order (Press et al., Numerical Recipes, 3rd ed., §12.2). The twiddle factors are computed
/// directly with cos/sin (not by recurrence), so the result has the textbook accuracy of the
/// algorithm: ‖X̂ − X‖₂ ≲ ε log₂N ‖X‖₂ (Higham, Accuracy and Stability of Numerical
/// Algorithms, 2nd ed., §24.1).
void fft(std::span<std::complex<double>> data, bool inverse);

/// The twiddle factors of one transform length, kept for repeated transforms: a plan made for
/// length N transforms any power-of-two length ≤ N. fft() makes a plan per call.
class FftPlan {
public:
    explicit FftPlan(std::size_t length);
    std::size_t length() const { return m_top.size() * 2; }
    /// As fft(); data.size() must be a power of two ≤ length().
    void transform(std::span<std::complex<double>> data, bool inverse) const;
    /// e^{−2πik/n} for a power of two n ≤ length() and k < n/2.
    std::complex<double> twiddle(std::size_t k, std::size_t n) const;
    /// The forward transform (no scaling) by decimation in frequency: natural order in, the
    /// result in bit-reversed order (X_k at the reversal of k over log₂ size bits).
    void forwardPermuted(std::span<std::complex<double>> data) const;
    /// The inverse transform without the 1/N, by decimation in time: input in bit-reversed
    /// order, result in natural order. inversePermuted(forwardPermuted(x)) = N·x: a pointwise
    /// product in between is a cyclic convolution without any reordering pass.
    void inversePermuted(std::span<std::complex<double>> data) const;

private:
    const std::complex<double>* factors(std::size_t len, std::size_t& stride) const;
    void decimateInTime(std::span<std::complex<double>> data, double sign) const;

    /// Lengths up to this many points keep their own contiguous table of factors (512 KiB).
    static constexpr std::size_t kContiguousTwiddles = std::size_t(1) << 15;
    std::vector<std::complex<double>> m_top;    ///< e^{−2πik/N}, k < N/2
    std::vector<std::complex<double>> m_short;  ///< e^{−2πik/len} at len/2 − 1 + k, len ≤ 2^15
};

/// The DFT X_0 … X_{N/2} of a real sequence x of length N (a power of two, 2 ≤ N ≤
/// plan.length(); X_{N−k} = conj X_k gives the rest) through one complex transform of length
/// M = N/2 of z_j = x_{2j} + i x_{2j+1}: X_k = E_k + e^{−2πik/N} O_k with E, O the transforms
/// of the even and odd samples (Press et al., Numerical Recipes, 3rd ed., §12.3.2). Layout of
/// X (M + 1 values): X_k for k < M at the bit reversal of k over log₂M bits, X_M at M — the
/// order forwardPermuted leaves, so no reordering pass is made. Same accuracy as fft().
void realFftPermuted(std::span<const double> x, std::span<std::complex<double>> X, const FftPlan& plan);

/// The inverse of realFftPermuted (with the 1/N): x (length N) from X in that layout; X is
/// overwritten. Products of two transforms in that layout, element by element, are the
/// transforms of cyclic convolutions.
void inverseRealFftPermuted(std::span<std::complex<double>> X, std::span<double> x, const FftPlan& plan);

/// Linear convolution c_k = Σ_j a_j b_{k−j}: returns a.size() + b.size() − 1 values (empty if
/// either input is empty), computed by summing products directly. For non-negative inputs
/// every c_k has relative error ≤ (terms in its sum)·ε.
std::vector<double> convolveDirect(std::span<const double> a, std::span<const double> b);

/// The same linear convolution through one complex FFT of length fftLength(|a| + |b| − 1)
/// (a packed in the real part, b in the imaginary part; the product is unpacked from the
/// conjugate symmetry). Absolute error ≲ 3 ε log₂N ‖a‖₂ ‖b‖₂ for every c_k; small c_k may
/// therefore come out with absolute noise of that size, negative ones included.
/// Precondition: |a| + |b| − 1 ≤ kMaxFftLength.
std::vector<double> convolveFft(std::span<const double> a, std::span<const double> b);

/// The core of convolveFft, for callers that lay out their own inputs: z holds a in its real
/// and b in its imaginary part (zero-padded to z.size(), a power of two ≤ plan.length(), at
/// least |a| + |b| − 1 so the cyclic product is the linear one); on return the real parts of z
/// hold the convolution a ∗ b.
void convolvePacked(std::span<std::complex<double>> z, const FftPlan& plan);

/// The bound 3 ε log₂N ‖a‖₂ ‖b‖₂ on the absolute error of convolveFft for these inputs.
double fftConvolutionErrorBound(std::span<const double> a, std::span<const double> b);

}  // namespace walklab::core::detail
