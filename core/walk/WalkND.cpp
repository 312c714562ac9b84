#include "core/walk/WalkND.h"

#include <algorithm>
#include <cmath>

namespace walklab::core {

std::vector<std::int64_t> observationTimes(std::int64_t steps)
{
    std::vector<std::int64_t> t;
    for (std::int64_t i = 0; i <= std::min<std::int64_t>(steps, 64); ++i)
        t.push_back(i);
    constexpr int kGrid = 200;
    for (int k = 1; k <= kGrid; ++k) {
        const auto tk = std::int64_t(std::llround(double(k) * double(steps) / kGrid));
        if (tk > t.back())
            t.push_back(tk);
    }
    return t;
}

std::int64_t trackedWalkers(std::int64_t walkers)
{
    return std::min(walkers, kMaxTrackedWalkers);
}

std::int64_t distinctSiteWalkers(std::int64_t steps, std::int64_t walkers)
{
    if (steps > kMaxDistinctSteps)
        return 0;
    return std::min(trackedWalkers(walkers),
                    std::max<std::int64_t>(16, (std::int64_t(1) << 21) / std::max<std::int64_t>(steps, 1)));
}

std::int64_t EndpointGrid::cellOf(const Point3& x) const
{
    std::int64_t index = 0;
    for (int a = 0; a < 3; ++a) {
        const double c = a < dimension ? std::floor((x[a] - lo[a]) / width) : 0.0;
        if (!(c >= 0 && c < double(cells[a])))
            return -1;
        index = index * cells[a] + std::int64_t(c);
    }
    return index;
}

std::size_t RadialHistogram::binOf(double rho) const
{
    const double b = std::floor(rho / width);
    return b >= 0 && b < double(counts.size()) ? std::size_t(b) : counts.size();
}

}  // namespace walklab::core
