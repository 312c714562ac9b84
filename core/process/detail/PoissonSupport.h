// Internals shared by the Poisson-process simulations: variates, message values, blocking.
#pragma once

#include "core/experiment/Error.h"
#include "core/process/PoissonLimits.h"
#include "core/process/detail/UnitExponentials.h"
#include "core/random/StreamEngine.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace walklab::core::detail {

/// U uniform on [0, 1) from the top 53 bits of one 64-bit draw.
inline double uniform01(Engine& engine) { return double(engine() >> 11) * 0x1p-53; }

/// Unit-mean exponential variates, drawn kBuffered at a time by unitExponentials() (−ln U, see
/// core/process/detail/UnitExponentials.h) and handed out one by one or as spans. Built once per
/// block and reused. The variates depend on the engine's words only (the same at every CpuLevel),
/// but the buffer reads ahead: words drawn from the same engine between two calls come after the
/// buffered ones in the stream.
class UnitExponential {
public:
    static constexpr std::size_t kBuffered = 256;

    double operator()(Engine& engine)
    {
        if (m_pos == kBuffered)
            refill(engine);
        return m_buffer[m_pos++];
    }

    /// The rest of the buffer (refilled first if empty): the next 1 … kBuffered variates.
    std::span<const double> next(Engine& engine)
    {
        if (m_pos == kBuffered)
            refill(engine);
        const std::span<const double> x(m_buffer + m_pos, kBuffered - m_pos);
        m_pos = kBuffered;
        return x;
    }

    /// Gives back the last n variates of the span next() returned, to be read again.
    void unread(std::size_t n) { m_pos -= n; }

private:
    void refill(Engine& engine)
    {
        unitExponentials(engine, m_buffer, kBuffered, m_level);
        m_pos = 0;
    }

    double m_buffer[kBuffered];
    std::size_t m_pos = kBuffered;
    CpuLevel m_level = activeCpuLevel();
};

/// A value for a message: 6 significant digits, NaN always as "nan" (never "-nan").
std::string valueText(double value);

/// Realisations per random block when a realisation costs about `events` exponential draws:
/// about 2^18 draws per block (a millisecond or two), at least 1 realisation, at most 2^20.
std::int64_t realisationsPerBlock(double events);

/// Appends `value` to one block's share of a sample unless it already holds kMaxPoissonSample
/// values (so one realisation with 10^9 events keeps only its first 2^22).
inline void keepCapped(std::vector<double>& part, double value)
{
    if (std::int64_t(part.size()) < kMaxPoissonSample)
        part.push_back(value);
}

/// Appends scale·x[i] for each value of `x`, as keepCapped() does one by one.
inline void keepCapped(std::vector<double>& part, std::span<const double> x, double scale)
{
    const std::size_t room = std::size_t(kMaxPoissonSample) - std::min(part.size(), std::size_t(kMaxPoissonSample));
    for (const double v : x.first(std::min(room, x.size())))
        part.push_back(v * scale);
}

/// Concatenates per-block vectors in block order (so the result does not depend on which
/// worker ran which block), keeping at most kMaxPoissonSample values; sets `truncated` when a
/// block reached its cap (see keepCapped()) or values were left out here. The result is built in
/// `room` (see concatenationRoom()) when its capacity suffices, so that it is only copied into.
std::vector<double> concatenate(std::vector<std::vector<double>>& parts, bool& truncated,
                                std::vector<double> room = {});

/// Memory for a concatenation of up to `values` values (capped at kMaxPoissonSample) with its
/// pages already touched: made by one worker beside the first blocks, it spares the serial
/// concatenate() at the end of a run a page fault every 512 values (perf, bench
/// PoissonArrivals/10000/10000 on one thread, before this and the blocks' reserve: 11 % of the
/// time in page faults, 10 % in copies).
std::vector<double> concatenationRoom(double values);

/// Bytes at the peak of a capped sample of about `values` values: the block vectors (at most
/// 2·kMaxPoissonSample values in all, vector growth doubling them), the concatenation and the
/// sorted copy the Kolmogorov–Smirnov test makes (at most kMaxPoissonSample each).
double sampleBytes(double values);

/// A TooLarge error when `events`, the expected work of a run, exceeds kMaxPoissonWork:
/// "the simulation would draw about 1e+18 events (<what>); the limit is 2e+10 (a few
/// minutes): <advice>". Empty otherwise.
Errors checkWork(double events, const std::string& what, const std::string& advice);

}  // namespace walklab::core::detail
