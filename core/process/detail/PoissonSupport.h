// Internals shared by the Poisson-process simulations: variates, parameter checks, blocking.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/random/StreamEngine.h"

#include <boost/random/exponential_distribution.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace walklab::core::detail {

/// U uniform on [0, 1) from the top 53 bits of one 64-bit draw.
inline double uniform01(Engine& engine) { return double(engine() >> 11) * 0x1p-53; }

/// Unit-mean exponential variates by Boost's ziggurat (Marsaglia & Tsang 2000, "The ziggurat
/// method for generating random variables", J. Stat. Softw. 5(8); boost::random since 1.56).
/// Built once per block and reused: no distribution object is constructed per draw.
class UnitExponential {
public:
    double operator()(Engine& engine) { return m_distribution(engine); }

private:
    boost::random::exponential_distribution<double> m_distribution{1.0};
};

/// A value for a message: 6 significant digits, NaN always as "nan" (never "-nan").
std::string valueText(double value);

/// Collects "name = value: must be range" errors.
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
    /// The "paths" field: 0 … min(kMaxPoissonPaths, realisations).
    void paths(std::int64_t paths, std::int64_t realisations, const std::string& realisationsName);
    bool ok(const std::string& name) const;
    Errors take() { return std::move(m_errors); }

private:
    Errors m_errors;
};

/// Realisations per random block when a realisation costs about `events` exponential draws:
/// about 2^18 draws per block (a millisecond or two), at least 1 realisation, at most 2^20.
std::int64_t realisationsPerBlock(double events);

/// Reports work to a RunControl in chunks and polls cancellation every 2^20 units.
class WorkMeter {
public:
    explicit WorkMeter(RunControl& control) : m_control(control) {}
    ~WorkMeter() { m_control.addWork(m_pending); }
    /// Adds one unit; returns false once the run is cancelled.
    bool tick()
    {
        if (++m_pending < kChunk)
            return true;
        return flush();
    }
    bool add(std::uint64_t units)
    {
        m_pending += units;
        return m_pending < kChunk || flush();
    }
    bool flush()
    {
        m_control.addWork(m_pending);
        m_pending = 0;
        return !m_control.cancelled();
    }

private:
    static constexpr std::uint64_t kChunk = 1 << 20;
    RunControl& m_control;
    std::uint64_t m_pending = 0;
};

/// Concatenates per-block vectors in block order (so the result does not depend on which
/// worker ran which block), keeping at most `cap` values.
std::vector<double> concatenate(std::vector<std::vector<double>>& parts, std::int64_t cap);

}  // namespace walklab::core::detail
