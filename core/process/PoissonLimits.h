// Size limits shared by the Poisson-process simulations (memory: see MemoryCheck.h; repetitions
// and kept paths: see ParameterCheck.h).
#pragma once

#include "core/experiment/MemoryCheck.h"

#include <cstdint>

namespace walklab::core {

/// Largest rate λ (events per time unit) and horizon (time units) any Poisson simulation takes.
inline constexpr double kMaxPoissonRate = 1e6;
inline constexpr double kMaxPoissonTime = 1e6;
/// Largest mean number of events per realisation (rate × horizon).
inline constexpr double kMaxMeanEvents = 1e9;

/// Largest number of values kept in one sample vector of a result (interarrival times, k-th
/// arrival times, residual waits, pooled arrival times): 2^22, 32 MiB of doubles.
inline constexpr std::int64_t kMaxPoissonSample = std::int64_t(1) << 22;

/// Largest expected total work of one run, in simulated events (candidates for thinning):
/// M·(λT + 1) for the homogeneous process, M·(Λ*(T) + 1) for thinning. At the roughly 10^8
/// events per second of two cores this is a few minutes; larger runs are refused (TooLarge).
inline constexpr double kMaxPoissonWork = 2e10;

/// Largest number of arrival times kept per displayed realisation (a path of N(t)).
inline constexpr std::int64_t kMaxPathArrivals = 10000;

}  // namespace walklab::core
