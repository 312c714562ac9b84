// The coordinates a series is drawn at: its own values over the panel's x, or over other
// series of the panel (Series::xOf, yOf), as PlotCanvas and Space3DView need them.
#pragma once

#include "core/experiment/Result.h"

#include <QSet>
#include <QString>
#include <QVector>

#include <vector>

namespace walklab::ui::detail {

/// A sample path of a bundle (keys "path_…", drawn as Line or Steps): one legend entry and
/// muted colours for all of them.
bool isPath(const core::Series& series);

/// The sample paths of a panel, which share one legend entry: how many series are paths
/// (isPath(), hidden or not) and the label of the first (see bundleName()).
struct PathBundle {
    int count = 0;
    QString firstLabel;
};
PathBundle pathBundle(const core::Panel& panel);

/// The series of `panel` that are drawn: not coordinate columns, not optional series whose
/// key is in `hidden`; in panel order.
std::vector<const core::Series*> drawnSeries(const core::Panel& panel, const QSet<QString>& hidden);

/// Points in the plane, in the order of the panel's rows; `error` holds the half-width of
/// each point's error bar when the series has them (Series::error), `width` the width of each
/// point's bin when the panel has them (Panel::binWidth); else they are empty.
struct PlanePoints {
    QVector<double> x, y, error, width;
};

/// Where `series` is drawn in a 2D chart: (panel.x[i], y[i]) ± error[i], or (xOf.y[i], y[i])
/// when xOf is set. Rows outside the panel's support are dropped for onSupportOnly series; for parametric
/// series rows with a non-finite coordinate are dropped too (padding of shorter paths).
/// Over the panel's x a NaN is kept: the graph draws a gap there. Empty if xOf names no series.
PlanePoints planePoints(const core::Panel& panel, const core::Series& series);

/// Points in space, in the order of the panel's rows.
struct SpacePoints {
    QVector<double> x, y, z;
};

/// Where `series` of a Space3D panel is drawn: (xOf.y[i], yOf.y[i], y[i]); rows with a
/// non-finite coordinate are dropped. Empty if xOf or yOf names no series.
SpacePoints spacePoints(const core::Panel& panel, const core::Series& series);

}  // namespace walklab::ui::detail
