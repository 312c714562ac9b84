// Random streams derived from (seed, block index): the only source of randomness in WalkLab.
#pragma once

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>

namespace walklab::core {

/// The engine every simulation draws from: Boost's 64-bit Mersenne Twister
/// (Matsumoto & Nishimura 1998; passes TestU01 BigCrush except the linear-complexity tests,
/// L'Ecuyer & Simard 2007, which do not concern walks).
using Engine = boost::random::mt19937_64;

/// Returns the engine of block `block` of the stream `seed`.
///
/// The engine is seeded through boost::random::seed_seq with the four 32-bit halves of seed
/// and block, so every (seed, block) pair gives an independent-looking stream and a result
/// is a function of the seed and the block decomposition only, never of the number of
/// threads or of scheduling. `domain` separates streams used for different purposes within
/// one experiment (e.g. walks vs. another quantity) and defaults to 0.
Engine makeStream(std::uint64_t seed, std::uint64_t block, std::uint32_t domain = 0);

}  // namespace walklab::core
