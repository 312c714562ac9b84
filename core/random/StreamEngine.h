// Random streams derived from (seed, block index): the only source of randomness in WalkLab.
#pragma once

#include "core/random/CpuLevel.h"
#include "core/random/detail/BitCount.h"
#include "core/random/detail/XoshiroKernels.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace walklab::core {

/// The engine every simulation draws from: xoshiro256++ (Blackman & Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47(4), 2021) run as 16 independent lanes whose
/// outputs are interleaved in a fixed order: word 16·r + l of the stream is the r-th output of
/// lane l. Quality: the paper reports that xoshiro256++ passes TestU01 BigCrush (including
/// the linearity tests that unscrambled xorshift generators fail) and PractRand; period
/// 2^256 − 1 per lane, so lanes seeded by SplitMix64 (as the authors recommend) do not overlap
/// in any feasible run. It is not cryptographic, which no simulation needs.
///
/// Models Boost.Random's (and the standard's) uniform random bit generator: result_type is a
/// 64-bit word, min() = 0, max() = 2^64 − 1, operator() returns the next word, so every
/// Boost.Random distribution plugs in. Words are generated 256 at a time into a buffer by the
/// kernels of activeCpuLevel() (AVX-512, AVX2 or plain x86-64; the same words at every level).
///
/// Bulk reading (the hot loops; each reads the same words operator() would, in order, so
/// mixing calls never changes the stream):
///   - next(maxWords): a span of the next 1 … maxWords words, read in place from the buffer
///     (unread(n) gives back its last n words);
///   - generate(out, n): the next n words into out;
///   - popcount(n): the number of 1 bits in the next n words, generated and counted in
///     registers without being stored when n is large (the symmetric walk's kernel);
///   - popcountPrefixes(bitEnds, ones): the 1 bits before each of many positions of the bit
///     stream of the next words, in one kernel call (a walk observed at many times).
/// Cost: operator() is a compare, a load and an index store inline (the refill is out of line):
/// about 10^9 words/s per thread in a tight loop with AVX-512 refills (6·10^8 on the baseline
/// level); the bulk reads run at several 10^9 words/s with AVX-512. popcount(n) costs one inline loop for n ≤ kInlinePopcountWords words
/// within the buffer, one kernel call otherwise. Copyable (about 2.6 KB); one per block.
class Engine {
public:
    using result_type = std::uint64_t;
    static constexpr std::size_t kLanes = detail::kXoshiroLanes;
    static constexpr std::size_t kBufferWords = detail::kBufferRounds * kLanes;  ///< words per refill
    /// popcount() spans up to this many words are counted inline (cheaper than a kernel call).
    static constexpr std::size_t kInlinePopcountWords = 1;

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type(0); }

    /// Seeds lane l with the SplitMix64 outputs 4l … 4l + 3 from state `splitMixState`
    /// (lane 0 is then xoshiro256++ seeded the way the authors' reference code suggests).
    explicit Engine(std::uint64_t splitMixState);
    /// Starts from explicit lane states (state[l] = s0 … s3 of lane l; not all zero).
    explicit Engine(const std::uint64_t (&state)[kLanes][4]);

    /// The next word.
    result_type operator()()
    {
        if (m_pos == kBufferWords) [[unlikely]]
            refill();
        return m_buffer[m_pos++];
    }

    /// The next min(maxWords, words left in the buffer) ≥ 1 words (maxWords ≥ 1), valid until
    /// the next call on this engine.
    std::span<const std::uint64_t> next(std::size_t maxWords)
    {
        if (m_pos == kBufferWords) [[unlikely]]
            refill();
        const std::size_t n = std::min(maxWords, kBufferWords - m_pos);
        const std::span<const std::uint64_t> words(m_buffer + m_pos, n);
        m_pos += n;
        return words;
    }

    /// Puts back the last n words of the span the latest next() returned (n ≤ its size; no
    /// other call in between), so that they are read again: for a consumer that takes the whole
    /// buffer and learns only afterwards how much of it it needs.
    void unread(std::size_t n) { m_pos -= n; }

    /// Writes the next n words to out.
    void generate(std::uint64_t* out, std::size_t n);

    /// The number of 1 bits in the next n words.
    std::uint64_t popcount(std::size_t n)
    {
        if (n > kBufferWords - m_pos)
            return popcountBeyondBuffer(n);
        const std::uint64_t* w = m_buffer + m_pos;
        m_pos += n;
        if (n > kInlinePopcountWords)
            return m_kernels->popcount(w, n);
        std::uint64_t ones = 0;
        for (std::size_t i = 0; i < n; ++i)
            ones += std::uint64_t(detail::popcount64(w[i]));
        return ones;
    }

    /// Reads the next words as one bit stream, bit j being bit j mod 64 of the ⌊j/64⌋-th next word
    /// (low bits first, as BitWalk takes its steps), and writes ones[i] = number of 1 bits among
    /// its first bitEnds[i] bits for every i (bitEnds nondecreasing; ones[0 … bitEnds.size())
    /// apart from bitEnds). Reads ⌈bitEnds.back()/64⌉ words, the same words popcount() and
    /// operator() would read for those bits. Returns the last word read when bitEnds.back() is
    /// not a multiple of 64 (its bits from bitEnds.back() mod 64 up are not counted), else 0.
    /// One kernel call and one load and store of the lane state for all the positions; with
    /// AVX-512 a position costs a few nanoseconds (the whole rounds between positions are counted
    /// in registers as by popcount()), instead of a popcount() call each.
    std::uint64_t popcountPrefixes(std::span<const std::uint64_t> bitEnds, std::uint64_t* ones);

    /// Runs this engine's kernels at `level` (≤ detectedCpuLevel()) instead of
    /// activeCpuLevel(): for tests and benchmarks comparing the code paths.
    void useCpuLevel(CpuLevel level)
    {
        m_kernels = &detail::xoshiroKernels(level);
        m_level = level;
    }
    /// The level this engine's kernels run at.
    CpuLevel cpuLevel() const { return m_level; }

private:
    [[gnu::noinline]] void refill();
    std::uint64_t popcountBeyondBuffer(std::size_t n);

    detail::XoshiroLanes m_lanes;
    alignas(64) std::uint64_t m_buffer[kBufferWords];
    std::size_t m_pos = kBufferWords;
    const detail::XoshiroKernels* m_kernels;
    CpuLevel m_level;
};

/// Returns the engine of block `block` of the stream `seed`.
///
/// The SplitMix64 state of the engine is k = h(h(h(seed + c₁) ⊕ block) + c₂·(domain + 1))
/// with h the SplitMix64 mix (a bijection of 64-bit words) and c₁, c₂ odd constants. For a
/// fixed seed and domain, distinct blocks give distinct k (likewise for distinct domains), so
/// the lanes of two streams of one run never start from the same state; k of unrelated
/// arguments collide with probability 2^-64. A result is a function of the seed and the block
/// decomposition only, never of the number of threads or of scheduling. `domain` separates
/// streams used for different purposes within one experiment and defaults to 0.
Engine makeStream(std::uint64_t seed, std::uint64_t block, std::uint32_t domain = 0);

}  // namespace walklab::core
