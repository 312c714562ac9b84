// The horizon check shared by the exact path laws of the 1D walk (exact engine internals).
#pragma once

#include "core/exact/FirstPassage.h"
#include "core/experiment/TextFormat.h"

#include <optional>

namespace walklab::core::detail {

/// The error for a horizon n outside 0 … kMaxExactPathSteps (parameter "steps"), if any.
inline std::optional<Error> horizonError(std::int64_t n)
{
    if (n < 0)
        return Error{ErrorKind::InvalidParameter, "steps",
                     "steps = " + std::to_string(n) + ": must be at least 0"};
    if (n > kMaxExactPathSteps)
        return Error{ErrorKind::TooLarge, "steps",
                     "steps = " + std::to_string(n) + ": the exact law is computed for at most 10^7 steps"};
    return std::nullopt;
}

}  // namespace walklab::core::detail
