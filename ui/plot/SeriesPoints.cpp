#include "ui/plot/SeriesPoints.h"

#include "ui/plot/PlotStyle.h"

#include <algorithm>
#include <cmath>

namespace walklab::ui::detail {

bool isPath(const core::Series& series)
{
    return !series.coordinate && series.key.rfind("path_", 0) == 0 &&
           (series.style == core::SeriesStyle::Line || series.style == core::SeriesStyle::Steps);
}

PathBundle pathBundle(const core::Panel& panel)
{
    PathBundle bundle;
    for (const auto& s : panel.series)
        if (isPath(s) && bundle.count++ == 0)
            bundle.firstLabel = displayText(s.label);
    return bundle;
}

std::vector<const core::Series*> drawnSeries(const core::Panel& panel, const QSet<QString>& hidden)
{
    std::vector<const core::Series*> out;
    for (const auto& s : panel.series)
        if (!s.coordinate && !(s.optional && hidden.contains(QString::fromStdString(s.key))))
            out.push_back(&s);
    return out;
}

PlanePoints planePoints(const core::Panel& panel, const core::Series& series)
{
    PlanePoints p;
    const bool parametric = !series.xOf.empty();
    const core::Series* over = parametric ? panel.find(series.xOf) : nullptr;
    if (parametric && !over)
        return p;
    const std::vector<double>& x = parametric ? over->y : panel.x;
    const bool filter = series.onSupportOnly && panel.support.size() == panel.x.size();
    const std::size_t n = std::min(x.size(), series.y.size());
    const bool bars = !series.error.empty();
    const bool binned = !parametric && panel.binWidth.size() == panel.x.size();
    p.x.reserve(qsizetype(n));
    p.y.reserve(qsizetype(n));
    for (std::size_t i = 0; i < n; ++i) {
        if (filter && (i >= panel.support.size() || !panel.support[i]))
            continue;
        if (parametric && !(std::isfinite(x[i]) && std::isfinite(series.y[i])))
            continue;
        p.x.push_back(x[i]);
        p.y.push_back(series.y[i]);
        if (bars)
            p.error.push_back(i < series.error.size() ? series.error[i] : std::nan(""));
        if (binned)
            p.width.push_back(panel.binWidth[i]);
    }
    return p;
}

SpacePoints spacePoints(const core::Panel& panel, const core::Series& series)
{
    SpacePoints p;
    const core::Series* xs = panel.find(series.xOf);
    const core::Series* ys = panel.find(series.yOf);
    if (!xs || !ys)
        return p;
    const std::size_t n = std::min({xs->y.size(), ys->y.size(), series.y.size()});
    for (std::size_t i = 0; i < n; ++i) {
        const double x = xs->y[i], y = ys->y[i], z = series.y[i];
        if (!(std::isfinite(x) && std::isfinite(y) && std::isfinite(z)))
            continue;
        p.x.push_back(x);
        p.y.push_back(y);
        p.z.push_back(z);
    }
    return p;
}

}  // namespace walklab::ui::detail
