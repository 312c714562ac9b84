// Draws a HeatMap panel: one colour map per value series, side by side, on one colour scale.
#pragma once

#include "core/experiment/Result.h"
#include "ui/plot/ChartPlot.h"

#include <qcustomplot.h>

#include <QList>

namespace walklab::ui::detail {

/// What drawHeatMap() built.
struct HeatMap {
    QList<QCPAxisRect*> rects;      ///< one per value series, in panel order
    QCPColorScale* scale = nullptr;
    Ranges ranges;                  ///< all cells, each a whole cell wide
};

/// Builds the picture of `panel` (kind HeatMap): cell centres are (x[i], y[i]) with y the
/// coordinate series "y" (or the first coordinate series); the grid spacing in each direction
/// is the smallest gap between distinct centres. Each value series (every series that is not
/// a coordinate) becomes a QCPColorMap in its own axis rect titled by its label, cells
/// without a row are transparent, all maps share one QCPColorScale from 0 to the largest
/// value, and their axis ranges follow each other when one is dragged or zoomed.
/// `grid` (empty, already in the plot's layout) receives the titles on top, then the maps
/// and the colour scale.
HeatMap drawHeatMap(QCPLayoutGrid* grid, const core::Panel& panel);

}  // namespace walklab::ui::detail
