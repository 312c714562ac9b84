// First-return probabilities from return probabilities through the renewal equation
// U(z) = 1 / (1 − F(z)) (exact engine internals).
#pragma once

#include <span>
#include <vector>

namespace walklab::core::detail {

/// Given u_0 = 1, u_1, …, u_N (return probabilities P(S_n = 0)), returns f_0 = 0, f_1, …, f_N
/// (first-return probabilities) with
///   f_n = u_n − Σ_{k=1}^{n−1} f_k u_{n−k}   (Feller vol. I, §XIII.3, the renewal equation),
/// i.e. F = 1 − 1/U as power series.
///
/// Periodic u: when u_n = 0 unless g | n (g ≥ 2 the gcd of the n with u_n ≠ 0; g = 2 for
/// simple walks without pause), U(s) = V(s^g) with v_m = u_{gm}, so F(s) = G(s^g): the
/// subsequence v is solved (N/g terms) and f_n = 0 exactly off the multiples of g.
/// Method: the recursion is solved by divide and conquer ("online convolution"): on [l, r)
/// the left half is solved, its contribution to the right half is added as one middle product
/// (direct, or by FFT when longer than 64), then the right half is solved. The recursion runs
/// over [0, 2^⌈log₂N⌉) so all blocks of a level have one length L; the contribution of a block
/// [l, l + L/2) with l > 0 always uses u_1 … u_{L−1}, whose real transform (detail::RealFft)
/// is kept per level, so such a product costs two transforms of length L.
/// Cost O(N log²N): the simple walk on Z² or Z³ up to N = 10^6 (5·10^5 terms after the
/// period) in about 0.2 s.
/// Accuracy: an FFT product has absolute error ~ε‖f‖₂‖u‖₂, which would swamp the small
/// late f_n if large early f_k met large early u_j in the same product. So the first block
/// of each level (k < L) is split in two, k < L/2 (with u_j, j > L/2, small) and k ≥ L/2
/// (with f_k small); every other block has f_k within a factor 3^{3/2} of the f_n it feeds.
/// The relative error of f_n is then ≲ ε·√n·(u_n / f_n)·polylog; measured against the O(N²)
/// recursion in long double up to n = 2·10^4: 2.3e-14 for the simple walk on Z², 2.1e-15 on Z³
/// (each factor has its own real transform, so a product's error scales with ‖f‖₂‖u‖₂, not
/// with ‖f‖₂² + ‖u‖₂² as when both share one complex transform).
/// For recurrent 1D walks u_n/f_n ≈ 2n and the error grows like ε n^{3/2}: use closed forms.
std::vector<double> renewalInversion(std::span<const double> u);

}  // namespace walklab::core::detail
