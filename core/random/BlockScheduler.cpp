#include "core/random/BlockScheduler.h"

#include <atomic>
#include <thread>
#include <vector>

namespace walklab::core {

unsigned workerCount(std::uint64_t blocks, const RunControl& control)
{
    unsigned threads = control.threads();
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    return unsigned(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, blocks)));
}

unsigned runBlocks(std::uint64_t blocks, RunControl& control,
                   const std::function<void(std::uint64_t, unsigned)>& work)
{
    const unsigned workers = workerCount(blocks, control);
    std::atomic<std::uint64_t> next{0};
    auto loop = [&](unsigned worker) {
        for (std::uint64_t b = next++; b < blocks && !control.cancelled(); b = next++)
            work(b, worker);
    };
    std::vector<std::jthread> pool;
    for (unsigned w = 1; w < workers; ++w)
        pool.emplace_back(loop, w);
    loop(0);
    return workers;
}

}  // namespace walklab::core
