// Real linear and cyclic convolutions by FFT (exact engine internals). The transforms are FFTW's
// (fftw.org, version 3); this file holds the storage, the plans' lifetime and the convolutions.
#pragma once

#include <complex>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

struct fftw_plan_s;  // FFTW's plan (fftw3.h: typedef struct fftw_plan_s* fftw_plan)

namespace walklab::core::detail {

/// Largest transform length accepted: 2^24 real values (one buffer: 128 MiB).
inline constexpr std::size_t kMaxFftLength = std::size_t(1) << 24;

/// Smallest power of two ≥ n (1 for n ≤ 1).
std::size_t fftLength(std::size_t n);

/// Storage for one real sequence x_0 … x_{N−1} and its transform, in place: N/2 + 1 complex
/// values aligned as FFTW's SIMD code needs (fftw_malloc). values() are the first N doubles of
/// that storage, bins() all of it; after RealFft::forward bins()[k] = X_k, k = 0 … N/2.
class RealFftBuffer {
public:
    /// Length N = 0 (no storage).
    RealFftBuffer() = default;
    /// Length n, all values 0 (n even, 2 ≤ n ≤ kMaxFftLength).
    explicit RealFftBuffer(std::size_t n) { assignZero(n); }
    /// Sets the length to n (even, 2 ≤ n ≤ kMaxFftLength) and all values to 0; the storage is
    /// reallocated only when it grows.
    void assignZero(std::size_t n);
    std::size_t length() const { return m_length; }
    std::span<double> values() { return {reinterpret_cast<double*>(m_data.get()), m_length}; }
    std::span<std::complex<double>> bins() { return {m_data.get(), m_length / 2 + 1}; }
    std::span<const std::complex<double>> bins() const { return {m_data.get(), m_length / 2 + 1}; }

private:
    struct Free {
        void operator()(std::complex<double>* p) const;
    };
    std::unique_ptr<std::complex<double>[], Free> m_data;
    std::size_t m_capacity = 0;  ///< complex values allocated
    std::size_t m_length = 0;
};

/// The discrete Fourier transform of real sequences of one length N (even, 2 ≤ N ≤
/// kMaxFftLength), in place in a RealFftBuffer of that length:
///   forward  X_k = Σ_j x_j e^{−2πi jk/N}, k = 0 … N/2 (X_{N−k} = conj X_k gives the rest),
///   inverse  x_j = Σ_k X_k e^{+2πi jk/N} over all k: N times the original x (no 1/N).
/// FFTW's r2c/c2r plans made with FFTW_ESTIMATE (no timing, so the same plan every run; the
/// result depends only on the input and the machine's SIMD instruction set).
/// Accuracy: FFTW computes its twiddle factors accurately, so its transforms have the
/// Cooley–Tukey error growth: relative 2-norm error O(ε log N) in the worst case and
/// O(ε √log N) rms for random inputs (Frigo & Johnson, "The Design and Implementation of
/// FFTW3", Proc. IEEE 93(2), 2005; Johnson & Frigo, "Implementing FFTs in Practice", in Burrus,
/// Fast Fourier Transforms, 2008, "Numerical accuracy in FFTs"; the constant: Higham, Accuracy
/// and Stability of Numerical Algorithms, 2nd ed., §24.1).
/// Thread safety: plans are made and destroyed under one process-wide lock (FFTW's planner is
/// not thread-safe); forward/inverse may run concurrently on one plan with different buffers.
class RealFft {
public:
    explicit RealFft(std::size_t length);
    ~RealFft();
    RealFft(const RealFft&) = delete;
    RealFft& operator=(const RealFft&) = delete;

    std::size_t length() const { return m_length; }
    /// x in data.values() → X in data.bins(); data.length() == length().
    void forward(RealFftBuffer& data) const;
    /// X in data.bins() → N·x in data.values(); data.length() == length().
    void inverse(RealFftBuffer& data) const;

private:
    std::size_t m_length;
    fftw_plan_s* m_forward;  ///< FFTW's fftw_plan, r2c in place
    fftw_plan_s* m_inverse;  ///< c2r in place
};

/// Lengths up to this are planned once per process and kept (with FFTW's tables, about 2 MiB
/// in all): planning costs at least a transform (50 µs against 1 µs at N = 64; measured).
inline constexpr std::size_t kCachedFftLength = std::size_t(1) << 16;

/// The plan of a length (as RealFft): for powers of two ≤ kCachedFftLength one shared plan
/// per process, otherwise a new one, destroyed with its last user. Thread-safe.
std::shared_ptr<const RealFft> realFft(std::size_t length);

/// Cyclic convolution c_j = Σ_i x_i y_{(j−i) mod N}, N = fft.length(): x.values() hold x and
/// are overwritten with c; yHat = Y_0 … Y_{N/2}, the transform of y (fft.forward), so one
/// transform of y serves many products. Costs one forward and one inverse transform.
void convolveCyclic(RealFftBuffer& x, std::span<const std::complex<double>> yHat, const RealFft& fft);

/// The cyclic square c_j = Σ_i x_i x_{(j−i) mod N} in place, N = fft.length().
void squareCyclic(RealFftBuffer& x, const RealFft& fft);

/// Linear convolution c_k = Σ_j a_j b_{k−j}: returns a.size() + b.size() − 1 values (empty if
/// either input is empty), computed by summing products directly. For non-negative inputs
/// every c_k has relative error ≤ (terms in its sum)·ε.
std::vector<double> convolveDirect(std::span<const double> a, std::span<const double> b);

/// The same linear convolution as the cyclic one of length N = fftLength(|a| + |b| − 1) (≥ 2)
/// of the zero-padded inputs. Absolute error ≤ fftConvolutionErrorBound(a, b, N) for every
/// c_k: small c_k may come out with absolute noise of that size, negative ones included.
/// Precondition: |a| + |b| − 1 ≤ kMaxFftLength.
std::vector<double> convolveFft(std::span<const double> a, std::span<const double> b);

/// 3 ε log₂N ‖a‖₂ ‖b‖₂ (log₂N at least 1): the bound on the absolute error of every value of a
/// cyclic convolution of length N computed by FFT. Each transform has relative 2-norm error
/// ≲ ε log₂N (RealFft); an error δA of A = DFT(a) moves each c_j by at most
/// ‖δA·B‖₁/N ≤ ‖δA‖₂‖B‖₂/N ≤ ε log₂N ‖a‖₂‖b‖₂ (Cauchy–Schwarz, Parseval ‖A‖₂ = √N‖a‖₂), and
/// so does δB; the inverse transform adds about as much again.
double fftConvolutionErrorBound(std::span<const double> a, std::span<const double> b, std::size_t length);

}  // namespace walklab::core::detail
