#include "core/experiment/ParameterCheck.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cmath>

namespace walklab::core {

void ParameterCheck::bad(const std::string& name, const std::string& value, const std::string& range)
{
    m_errors.push_back({ErrorKind::InvalidParameter, name, name + " = " + value + ": must be " + range});
}

void ParameterCheck::positive(const std::string& name, double value, double max, const std::string& maxText)
{
    if (!(std::isfinite(value) && value > 0 && value <= max))
        bad(name, formatNumber(value), "greater than 0 and at most " + maxText);
}

void ParameterCheck::between(const std::string& name, double value, double lo, double hi,
                             const std::string& loText, const std::string& hiText)
{
    if (!(std::isfinite(value) && value >= lo && value <= hi))
        bad(name, formatNumber(value), "between " + loText + " and " + hiText);
}

void ParameterCheck::count(const std::string& name, std::int64_t value, std::int64_t lo, std::int64_t hi,
                           const std::string& loText, const std::string& hiText)
{
    if (value < lo || value > hi)
        bad(name, std::to_string(value), "between " + loText + " and " + hiText);
}

void ParameterCheck::repetitions(const std::string& name, std::int64_t value)
{
    count(name, value, 1, kMaxRepetitions, "1", "10^9");
}

void ParameterCheck::paths(std::int64_t paths, std::int64_t repetitions, const std::string& repetitionsName)
{
    const std::int64_t max = std::min(kMaxKeptPaths, std::max<std::int64_t>(repetitions, 0));
    if (paths < 0 || paths > max)
        bad("paths", std::to_string(paths),
            repetitions < kMaxKeptPaths
                ? "between 0 and " + repetitionsName + " = " + std::to_string(repetitions)
                : "between 0 and " + std::to_string(kMaxKeptPaths));
}

bool ParameterCheck::ok(const std::string& name) const
{
    return std::none_of(m_errors.begin(), m_errors.end(), [&](const Error& e) { return e.parameter == name; });
}

}  // namespace walklab::core
