#include "core/random/StreamEngine.h"

namespace walklab::core {

namespace {

// The SplitMix64 output function alone: a bijection of 64-bit words.
std::uint64_t mix(std::uint64_t z)
{
    std::uint64_t state = z - 0x9e3779b97f4a7c15;
    return detail::splitMix64(state);
}

}  // namespace

Engine::Engine(std::uint64_t splitMixState)
{
    useCpuLevel(activeCpuLevel());
    for (std::size_t l = 0; l < kLanes; ++l)
        for (std::size_t j = 0; j < 4; ++j)
            m_lanes.s[j][l] = detail::splitMix64(splitMixState);
}

Engine::Engine(const std::uint64_t (&state)[kLanes][4])
{
    useCpuLevel(activeCpuLevel());
    for (std::size_t l = 0; l < kLanes; ++l)
        for (std::size_t j = 0; j < 4; ++j)
            m_lanes.s[j][l] = state[l][j];
}

void Engine::generate(std::uint64_t* out, std::size_t n)
{
    const std::size_t buffered = std::min(n, kBufferWords - m_pos);
    std::copy_n(m_buffer + m_pos, buffered, out);
    m_pos += buffered;
    out += buffered;
    n -= buffered;
    const std::size_t rounds = n / kLanes;
    m_kernels->generate(m_lanes, out, rounds);
    out += rounds * kLanes;
    n -= rounds * kLanes;
    if (n > 0) {
        refill();
        std::copy_n(m_buffer, n, out);
        m_pos = n;
    }
}

void Engine::refill()
{
    m_kernels->generate(m_lanes, m_buffer, detail::kBufferRounds);
    m_pos = 0;
}

std::uint64_t Engine::popcountBeyondBuffer(std::size_t n)
{
    // The rest of the buffer, whole rounds in registers, then a new buffer for the last words.
    const std::size_t head = kBufferWords - m_pos, rounds = (n - head) / kLanes, tail = (n - head) % kLanes;
    const std::uint64_t ones = m_kernels->popcountSpan(m_lanes, m_buffer + m_pos, head, rounds, m_buffer, tail);
    m_pos = tail > 0 ? tail : kBufferWords;
    return ones;
}

std::uint64_t Engine::popcountPrefixes(std::span<const std::uint64_t> bitEnds, std::uint64_t* ones)
{
    if (bitEnds.empty())
        return 0;
    // The same split as popcountBeyondBuffer: the rest of the buffer, whole rounds, a new buffer.
    const std::size_t n = std::size_t((bitEnds.back() + 63) / 64), buffered = kBufferWords - m_pos;
    const std::size_t head = std::min(n, buffered), rounds = (n - head) / kLanes, tail = (n - head) % kLanes;
    const std::uint64_t last = m_kernels->popcountPrefixes(m_lanes, m_buffer + m_pos, head, rounds, m_buffer, tail,
                                                           bitEnds.data(), bitEnds.size(), ones);
    m_pos = n <= buffered ? m_pos + n : tail > 0 ? tail : kBufferWords;
    return last;
}

Engine makeStream(std::uint64_t seed, std::uint64_t block, std::uint32_t domain)
{
    constexpr std::uint64_t c1 = 0x243f6a8885a308d3, c2 = 0x13198a2e03707345;  // digits of π, odd
    return Engine(mix(mix(mix(seed + c1) ^ block) + c2 * (std::uint64_t(domain) + 1)));
}

}  // namespace walklab::core
