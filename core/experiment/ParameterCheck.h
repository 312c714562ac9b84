// The parameter checks every simulation's validate() makes, with messages that name the value,
// and the size limits the simulations share.
#pragma once

#include "core/experiment/Error.h"

#include <cstdint>
#include <string>

namespace walklab::core {

/// Largest number of independent repetitions of a simulation (walkers, realisations,
/// repetitions).
inline constexpr std::int64_t kMaxRepetitions = 1'000'000'000;

/// Largest number of kept (displayed) sample paths or realisations.
inline constexpr std::int64_t kMaxKeptPaths = 1000;

/// Collects "name = value: must be range" errors (ErrorKind::InvalidParameter), one call per
/// field, in the order of the calls.
class ParameterCheck {
public:
    void bad(const std::string& name, const std::string& value, const std::string& range);
    /// value finite, > 0 and ≤ max ("must be greater than 0 and at most <maxText>").
    void positive(const std::string& name, double value, double max, const std::string& maxText);
    /// value finite and in [lo, hi] ("must be between <loText> and <hiText>").
    void between(const std::string& name, double value, double lo, double hi, const std::string& loText,
                 const std::string& hiText);
    /// integer in [lo, hi].
    void count(const std::string& name, std::int64_t value, std::int64_t lo, std::int64_t hi,
               const std::string& loText, const std::string& hiText);
    /// A number of repetitions: 1 … kMaxRepetitions ("must be between 1 and 10^9").
    void repetitions(const std::string& name, std::int64_t value);
    /// The "paths" field: 0 … min(kMaxKeptPaths, repetitions), where `repetitions` is the value
    /// of the field named `repetitionsName` ("between 0 and walkers = 12").
    void paths(std::int64_t paths, std::int64_t repetitions, const std::string& repetitionsName);
    /// True when no error names `name` yet.
    bool ok(const std::string& name) const;
    Errors take() { return std::move(m_errors); }

private:
    Errors m_errors;
};

}  // namespace walklab::core
