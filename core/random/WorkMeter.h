// Progress reporting from inside a Monte Carlo block: work is handed to the RunControl in chunks.
#pragma once

#include "core/experiment/RunControl.h"

#include <chrono>
#include <cstdint>

namespace walklab::core {

/// Polls cancellation every 2^20 units of work (steps, events, trials) and reports the work to
/// the RunControl there too, but at most once per kReportSeconds (and on destruction): the
/// shared counter is one cache line that every report moves between cores, and the fastest
/// kernels do 2^20 steps in a few microseconds. One per block.
class WorkMeter {
public:
    explicit WorkMeter(RunControl& control) : m_control(control), m_reported(Clock::now()) {}
    ~WorkMeter() { m_control.addWork(m_pending); }
    WorkMeter(const WorkMeter&) = delete;
    WorkMeter& operator=(const WorkMeter&) = delete;

    /// Adds one unit; returns false once the run is cancelled.
    bool tick()
    {
        if (++m_pending - m_checked < kChunk)
            return true;
        return flush();
    }
    /// Adds `units`; returns false once the run is cancelled.
    bool add(std::uint64_t units)
    {
        m_pending += units;
        return m_pending - m_checked < kChunk || flush();
    }
    bool flush()
    {
        const auto now = Clock::now();
        if (now - m_reported >= kReport) {
            m_control.addWork(m_pending);
            m_pending = m_checked = 0;
            m_reported = now;
        } else {
            m_checked = m_pending;  // not reported yet: check again after kChunk more units
        }
        return !m_control.cancelled();
    }

    /// Units between cancellation checks.
    static constexpr std::uint64_t kChunk = 1 << 20;
    /// Least time between two reports of one meter.
    static constexpr double kReportSeconds = 1e-3;

private:
    using Clock = std::chrono::steady_clock;
    static constexpr auto kReport = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kReportSeconds));

    RunControl& m_control;
    std::uint64_t m_pending = 0;
    std::uint64_t m_checked = 0;  ///< m_pending at the last check that did not report
    Clock::time_point m_reported;
};

}  // namespace walklab::core
