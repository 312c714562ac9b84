// Draws a Space3D panel on flat axes: an orthographic view of the curves inside their
// bounding box, for the canvas and for every export (which cannot use OpenGL).
#pragma once

#include "core/experiment/Result.h"
#include "ui/plot/ChartPlot.h"

#include <qcustomplot.h>

#include <QPointF>
#include <QSet>
#include <QString>

namespace walklab::ui::detail {

/// The direction the box is seen from: azimuth about the z axis (from +x towards +y) and
/// elevation above the xy plane, in degrees. x then recedes to the lower left, y to the lower
/// right and z points up.
inline constexpr double kAzimuthDeg = 30;
inline constexpr double kElevationDeg = 25;

/// Orthographic projection onto the screen plane, in data units (one unit is as long on the
/// screen in every direction of the screen plane):
///   u = −x sin φ + y cos φ,   v = −(x cos φ + y sin φ) sin θ + z cos θ,
/// with φ the azimuth and θ the elevation: a rotation about z by φ, then about the new
/// horizontal axis by θ, then depth dropped — an axonometric parallel projection (Foley, van
/// Dam, Feiner & Hughes, Computer Graphics: Principles and Practice, 2nd ed., §6.1.2).
QPointF project(double x, double y, double z);

/// Draws the series of `panel` (kind Space3D; each value series is z over xOf and yOf) in
/// `rect`: the floor and the two far walls of the bounding box with grid lines, ticks and
/// the titles x, y, z on the three near edges, the curves as QCPCurve (paths in muted
/// colours, Points series as markers, one legend entry per bundle or label). The rect's own
/// axes are hidden and its margins fixed. Returns the (u, v) ranges of everything drawn,
/// to be shown with equal units on both axes. Coordinate series and optional series whose
/// key is in `hidden` are not drawn.
Ranges drawProjection(QCPAxisRect* rect, const core::Panel& panel, const QSet<QString>& hidden);

}  // namespace walklab::ui::detail
