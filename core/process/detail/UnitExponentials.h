// Unit exponential variates in bulk, by −log U with a logarithm of our own that gives the same
// bits at every CpuLevel.
#pragma once

#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Writes n unit-mean exponential variates X = −ln U to out, one engine word per variate, in
/// stream order: U = (k + 1)·2^-52 with k the top 52 bits of the word, so U is uniform on the
/// 2^52 points of (0, 1] and P(X > x) = ⌊e^{−x}·2^52⌋/2^52: the Exponential(1) tail to
/// within 2^-52 for every x (X ∈ [0, 52 ln 2 ≈ 36.04]; inversion method, Devroye, "Non-Uniform
/// Random Variate Generation", 1986, §II.2).
///
/// ln is portableLog() (core/random/detail/PortableLog.h, fdlibm's e_log.c, error below 1 ulp):
/// only additions, subtractions, multiplications, one division and exact conversions, all
/// correctly rounded in IEEE 754 double precision, and no fused multiply-add: so every CpuLevel
/// (8 variates per AVX-512 instruction, 4 per AVX2, scalar code on the baseline) yields the same
/// bits (tested), as does every thread count. About 5·10^8 variates/s per thread with AVX-512
/// (bench LimitExponentials on the development machine).
void unitExponentials(Engine& engine, double* out, std::size_t n, CpuLevel level = activeCpuLevel());

/// Adds x[0], x[1], … to `t` while the sum stays ≤ `end`: returns i, the number of values added
/// with the sum still ≤ end (0 ≤ i ≤ n). When i < n, `t` then holds the first sum beyond end,
/// x[i] included; when i = n, the sum of all n. For the Poisson process's partial sums
/// S_i = X_1 + … + X_i against λT (N(T) = i).
///
/// The additions are grouped in one fixed order: blocks of 64 values summed as eight lanes
/// (lane j: x[j] + x[8 + j] + … + x[56 + j], pairwise), the lanes pairwise, and the block added to
/// `t` while the sum stays ≤ end; in the block where it would not, groups of 8 summed pairwise,
/// then values one by one. So every CpuLevel (one AVX-512 vector per lane sum, two AVX2 vectors,
/// SSE2 pairs on the baseline) gives the same bits, and the grouping moves a sum by a few
/// roundings (relative 2^-52 each), never the variates drawn. (perf, bench PoissonArrivals/10000/10000
/// on one thread: the counting went from 18 % of the run, summed by eights in scalar code, to 3 %.)
std::size_t addWhileAtMost(double& t, const double* x, std::size_t n, double end, CpuLevel level = activeCpuLevel());

/// −ln((k + 1)·2^-52) for the top 52 bits k of `word`: the variate unitExponentials() makes of
/// one word (the scalar reference).
double unitExponential(std::uint64_t word);

}  // namespace walklab::core::detail
