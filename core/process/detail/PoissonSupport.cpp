#include "core/process/detail/PoissonSupport.h"

#include "core/experiment/TextFormat.h"
#include "core/process/PoissonLimits.h"

#include <algorithm>
#include <cmath>

namespace walklab::core::detail {

std::string valueText(double value)
{
    return std::isnan(value) ? std::string("nan") : formatSignificant(value, 6);
}

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

void ParameterCheck::paths(std::int64_t paths, std::int64_t realisations, const std::string& realisationsName)
{
    const std::int64_t max = std::min(kMaxPoissonPaths, std::max<std::int64_t>(realisations, 0));
    if (paths < 0 || paths > max)
        bad("paths", std::to_string(paths),
            realisations < kMaxPoissonPaths
                ? "between 0 and " + realisationsName + " = " + std::to_string(realisations)
                : "between 0 and " + std::to_string(kMaxPoissonPaths));
}

bool ParameterCheck::ok(const std::string& name) const
{
    return std::none_of(m_errors.begin(), m_errors.end(), [&](const Error& e) { return e.parameter == name; });
}

std::int64_t realisationsPerBlock(double events)
{
    const double per = std::floor(double(1 << 18) / std::max(events, 1.0));
    return std::int64_t(std::clamp(per, 1.0, double(1 << 20)));
}

std::vector<double> concatenate(std::vector<std::vector<double>>& parts, std::int64_t cap)
{
    std::vector<double> all;
    std::size_t total = 0;
    for (const auto& p : parts)
        total += p.size();
    all.reserve(std::min<std::size_t>(total, std::size_t(cap)));
    for (auto& p : parts) {
        const std::size_t room = std::size_t(cap) - all.size();
        all.insert(all.end(), p.begin(), p.begin() + std::ptrdiff_t(std::min(room, p.size())));
        std::vector<double>().swap(p);
        if (all.size() >= std::size_t(cap))
            break;
    }
    return all;
}

}  // namespace walklab::core::detail
