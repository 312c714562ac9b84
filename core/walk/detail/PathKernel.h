// Kept paths of the 1D lattice walk written at full resolution: positions from random bits by a
// byte lookup table with prefix sums.
#pragma once

#include "core/random/CpuLevel.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Writes the positions after each of 64·words steps and returns the last one.
///
/// Step i of word w (bits from the low end up) is +1 if bit i of up[w] is 1, −1 if bit i of
/// move[w] is 1 and bit i of up[w] is 0, and 0 otherwise (up[w] ⊆ move[w]); move = nullptr
/// stands for all ones (the symmetric ±1 walk, one bit per step, as BitWalk reads them; with
/// the masks of SlicedBernoulli it is StepSampler1D's biased or lazy walk). So
///   out[64·w + i] = start + Σ_{steps j ≤ 64·w + i} step_j   (out holds 64·words int32).
/// Method: a 256 × 8 table of prefix bit counts C[b][i] = popcount(b mod 2^{i+1}); the 8
/// positions of byte b are base + 2·C[up byte][i] − C[move byte][i], base the position before
/// the byte. Compiled for every CpuLevel (the same integers at each); about one store-width of
/// positions per cycle. The caller keeps |start| + 64·words < 2^31.
std::int32_t pathWords(const std::uint64_t* up, const std::uint64_t* move, std::size_t words, std::int32_t start,
                       std::int32_t* out, CpuLevel level = activeCpuLevel());

/// The first `steps` ≤ 64 steps of one word pair as pathWords() reads them (move = ~0 for the
/// symmetric walk), step by step; returns the last position.
inline std::int32_t pathBits(std::uint64_t up, std::uint64_t move, int steps, std::int32_t start, std::int32_t* out)
{
    for (int i = 0; i < steps; ++i)
        out[i] = start += std::int32_t(2 * ((up >> i) & 1)) - std::int32_t((move >> i) & 1);
    return start;
}

}  // namespace walklab::core::detail
