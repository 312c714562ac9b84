// Runs independent blocks of Monte Carlo work on several threads.
#pragma once

#include "core/experiment/RunControl.h"

#include <cstdint>
#include <functional>

namespace walklab::core {

/// Calls work(block, worker) once for every block in [0, blocks), spread over
/// min(control.threads(), blocks) threads (all hardware threads when control.threads() is 0).
/// `worker` is in [0, workers) and names the thread, so each can own its accumulator;
/// blocks are handed out in increasing order, but which worker takes which block varies.
/// Callers must make the result independent of that (per-block seeds, order-free merging).
/// Stops handing out blocks once control.cancelled(). Returns the number of workers used.
unsigned runBlocks(std::uint64_t blocks, RunControl& control,
                   const std::function<void(std::uint64_t block, unsigned worker)>& work);

/// The number of workers runBlocks() will use for `blocks` blocks.
unsigned workerCount(std::uint64_t blocks, const RunControl& control);

}  // namespace walklab::core
