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

/// −ln((k + 1)·2^-52) for the top 52 bits k of `word`: the variate unitExponentials() makes of
/// one word (the scalar reference).
double unitExponential(std::uint64_t word);

}  // namespace walklab::core::detail
