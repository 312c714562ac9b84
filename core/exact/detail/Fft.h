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
    std::size_t length() const { return m_twiddles.size() * 2; }
    /// As fft(); data.size() must be a power of two ≤ length().
    void transform(std::span<std::complex<double>> data, bool inverse) const;

private:
    std::vector<std::complex<double>> m_twiddles;  ///< e^{−2πik/N}, k < N/2
};

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
