// Size limits shared by the Poisson-process simulations, and the memory check made before a run.
#pragma once

#include "core/experiment/Error.h"

#include <cstdint>
#include <string>

namespace walklab::core {

/// Largest rate λ (events per time unit) and horizon (time units) any Poisson simulation takes.
inline constexpr double kMaxPoissonRate = 1e6;
inline constexpr double kMaxPoissonTime = 1e6;
/// Largest mean number of events per realisation (rate × horizon).
inline constexpr double kMaxMeanEvents = 1e9;
/// Largest number of realisations (repetitions) of a Poisson simulation.
inline constexpr std::int64_t kMaxRealisations = 1'000'000'000;

/// Largest number of values kept in one sample vector of a result (interarrival times, k-th
/// arrival times, residual waits, pooled arrival times): 2^22, 32 MiB of doubles.
inline constexpr std::int64_t kMaxPoissonSample = std::int64_t(1) << 22;

/// Largest number of arrival times kept per displayed realisation (a path of N(t)).
inline constexpr std::int64_t kMaxPathArrivals = 10000;

/// Largest number of displayed realisations (paths).
inline constexpr std::int64_t kMaxPoissonPaths = 1000;

/// A run that would need more memory than this is refused before it starts.
inline constexpr double kMemoryLimitBytes = 2.0 * 1024 * 1024 * 1024;

/// Returns a TooLarge error when `bytes` exceeds kMemoryLimitBytes, naming the figure and what
/// needs it ("the simulation would need about 7.5 GiB of memory (<what>); the limit is 2 GiB:
/// <advice>"), or an empty list.
Errors checkMemory(double bytes, const std::string& what, const std::string& advice);

/// "512 KiB", "7.45 GiB", "2 GiB": bytes in binary units with three significant digits.
std::string formatBytes(double bytes);

}  // namespace walklab::core
