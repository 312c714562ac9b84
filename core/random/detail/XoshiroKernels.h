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

/// Rounds per buffer of Engine (16 rounds of 16 lanes: 256 words).
inline constexpr std::size_t kBufferRounds = 16;

/// One round advances every lane once; its 16 outputs are stored in lane order. All four
/// functions give the same words and leave the same state at every CpuLevel.
struct XoshiroKernels {
    /// Writes `rounds` rounds to out: out[16·r + l] is the r-th next output of lane l.
    void (*generate)(XoshiroLanes& lanes, std::uint64_t* out, std::size_t rounds);
    /// The number of 1 bits in, in stream order: head[0 … headWords) (words already generated;
    /// may lie in `buffer`), then the words of `rounds` rounds (advanced and counted in
    /// registers, never stored: the popcount walk's inner loop), then, if tailWords > 0, the
    /// first tailWords of kBufferRounds further rounds, all of which are written to buffer (as
    /// generate() would) so that the rest can be read later. One call, one load and store of
    /// the lane state, whatever the span.
    std::uint64_t (*popcountSpan)(XoshiroLanes& lanes, const std::uint64_t* head, std::size_t headWords,
                                  std::size_t rounds, std::uint64_t* buffer, std::size_t tailWords);
    /// Number of 1 bits in words[0 … n).
    std::uint64_t (*popcount)(const std::uint64_t* words, std::size_t n);
    /// Prefix counts of a bit stream: the words of popcountSpan (head[0 … headWords), `rounds`
    /// rounds in registers, then the first tailWords of a new buffer if tailWords > 0), bit j
    /// of the stream being bit j mod 64 of its word ⌊j/64⌋. Writes ones[i] = number of 1 bits
    /// among the first bitEnds[i] bits for i < count (bitEnds nondecreasing, the last at most
    /// 64 × the stream's words; ones apart from bitEnds).
    /// Returns the word holding bit bitEnds[count − 1] − 1 when bitEnds[count − 1] is not a
    /// multiple of 64, else 0. Each stop costs a reduction and a masked count of one word; whole
    /// rounds between stops are counted as in popcountSpan.
    std::uint64_t (*popcountPrefixes)(XoshiroLanes& lanes, const std::uint64_t* head, std::size_t headWords,
                                      std::size_t rounds, std::uint64_t* buffer, std::size_t tailWords,
                                      const std::uint64_t* bitEnds, std::size_t count, std::uint64_t* ones);
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
