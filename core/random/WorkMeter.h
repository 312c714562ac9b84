// Progress reporting from inside a Monte Carlo block: work is handed to the RunControl in chunks.
#pragma once

#include "core/experiment/RunControl.h"

#include <cstdint>

namespace walklab::core {

/// Reports work to a RunControl in chunks of 2^20 units (steps, events, trials) and polls
/// cancellation at each chunk; what is left is reported on destruction. One per block.
class WorkMeter {
public:
    explicit WorkMeter(RunControl& control) : m_control(control) {}
    ~WorkMeter() { m_control.addWork(m_pending); }
    WorkMeter(const WorkMeter&) = delete;
    WorkMeter& operator=(const WorkMeter&) = delete;

    /// Adds one unit; returns false once the run is cancelled.
    bool tick()
    {
        if (++m_pending < kChunk)
            return true;
        return flush();
    }
    /// Adds `units`; returns false once the run is cancelled.
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

    /// Units between reports and cancellation checks.
    static constexpr std::uint64_t kChunk = 1 << 20;

private:
    RunControl& m_control;
    std::uint64_t m_pending = 0;
};

}  // namespace walklab::core
