#include "core/random/StreamEngine.h"

#include <boost/random/seed_seq.hpp>

namespace walklab::core {

Engine makeStream(std::uint64_t seed, std::uint64_t block, std::uint32_t domain)
{
    boost::random::seed_seq seq{std::uint32_t(seed), std::uint32_t(seed >> 32),
                                std::uint32_t(block), std::uint32_t(block >> 32), domain};
    return Engine(seq);
}

}  // namespace walklab::core
