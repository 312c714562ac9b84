// Number formatting for messages and tables (GCC 12 has no std::format).
#pragma once

#include <string>

namespace walklab::core {

/// Shortest text that reads back to the same double ("0.1", "1e-09", "nan", "inf").
std::string formatNumber(double value);

/// `value` with `digits` significant digits in %g style ("0.3405", "1.2e+06").
std::string formatSignificant(double value, int digits);

/// "40 s", "12 min", "3.1 h": a time estimate, 2 significant digits.
std::string formatDuration(double seconds);

/// Wall time of a simulation and its worker threads, for the summary tables:
/// "0.123 s on 1 thread", "2.5 s on 4 threads" (seconds to 3 significant digits).
std::string formatRunTime(double seconds, unsigned threads);

}  // namespace walklab::core
