// The bulk kernels of the engine: xoshiro256++ in 16 lanes, one implementation per CpuLevel.
#pragma once

#include "core/random/CpuLevel.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Independent xoshiro256++ generators run side by side (two AVX-512 registers per state word).
inline constexpr std::size_t kXoshiroLanes = 16;

/// The state of the 16 lanes, structure of arrays: s[j][l] is state word j of lane l.
struct alignas(64) XoshiroLanes {
    std::uint64_t s[4][kXoshiroLanes];
};

/// One round advances every lane once; its 16 outputs are stored in lane order. All three
/// functions give the same words and leave the same state at every CpuLevel.
struct XoshiroKernels {
    /// Writes `rounds` rounds to out: out[16·r + l] is the r-th next output of lane l.
    void (*generate)(XoshiroLanes& lanes, std::uint64_t* out, std::size_t rounds);
    /// Advances `rounds` rounds and returns the number of 1 bits in the words generate() would
    /// have written (the words are never stored: the popcount walk's inner loop).
    std::uint64_t (*popcountRounds)(XoshiroLanes& lanes, std::size_t rounds);
    /// Number of 1 bits in words[0 … n).
    std::uint64_t (*popcount)(const std::uint64_t* words, std::size_t n);
};

/// The kernels compiled for `level`; level must not exceed detectedCpuLevel().
const XoshiroKernels& xoshiroKernels(CpuLevel level);

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA
/// 2014; the generator Blackman & Vigna recommend for seeding xoshiro): adds the golden-ratio
/// increment to `state` and returns the mixed value. The mix is a bijection of the state.
inline std::uint64_t splitMix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

}  // namespace walklab::core::detail
