#include "core/process/detail/PoissonSupport.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cmath>

namespace walklab::core::detail {

std::string valueText(double value)
{
    return std::isnan(value) ? std::string("nan") : formatSignificant(value, 6);
}

std::int64_t realisationsPerBlock(double events)
{
    const double per = std::floor(double(1 << 18) / std::max(events, 1.0));
    return std::int64_t(std::clamp(per, 1.0, double(1 << 20)));
}

std::vector<double> concatenate(std::vector<std::vector<double>>& parts, bool& truncated, std::vector<double> room)
{
    const std::int64_t cap = kMaxPoissonSample;
    std::vector<double> all = std::move(room);
    all.clear();  // keeps the capacity and its touched pages
    std::size_t total = 0;
    truncated = false;
    for (const auto& p : parts) {
        total += p.size();
        truncated = truncated || std::int64_t(p.size()) >= cap;
    }
    truncated = truncated || total > std::size_t(cap);
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

std::vector<double> concatenationRoom(double values)
{
    return std::vector<double>(std::size_t(std::clamp(values, 0.0, double(kMaxPoissonSample))));
}

double sampleBytes(double values)
{
    const double cap = double(kMaxPoissonSample);
    return 8.0 * (2.0 * std::min(values, 2.0 * cap) + 2.0 * std::min(values, cap));
}

Errors checkWork(double events, const std::string& what, const std::string& advice)
{
    if (events <= kMaxPoissonWork)
        return {};
    return {{ErrorKind::TooLarge, "",
             "the simulation would draw about " + formatSignificant(events, 3) + " events (" + what
                 + "); the limit is " + formatSignificant(kMaxPoissonWork, 3) + " (a few minutes): " + advice}};
}

}  // namespace walklab::core::detail
