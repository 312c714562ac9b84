// The memory check every simulation makes before a run: the limit, the refusal, the figure.
#pragma once

#include "core/experiment/Error.h"

#include <string>

namespace walklab::core {

/// A run that would need more memory than this is refused before it starts.
inline constexpr double kMemoryLimitBytes = 2.0 * 1024 * 1024 * 1024;

/// Returns a TooLarge error when `bytes` exceeds kMemoryLimitBytes, naming the figure and what
/// needs it ("the simulation would need about 7.5 GiB of memory (<what>); the limit is 2 GiB:
/// <advice>"), or an empty list.
Errors checkMemory(double bytes, const std::string& what, const std::string& advice);

/// "512 KiB", "7.45 GiB", "2 GiB": bytes in binary units with three significant digits.
std::string formatBytes(double bytes);

}  // namespace walklab::core
