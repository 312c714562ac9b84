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
    QCPLayoutGrid* maps = nullptr;  ///< the maps' cells (title above map), in a row or a column
    Ranges ranges;                  ///< all cells, each a whole cell wide
};

/// Builds the picture of `panel` (kind HeatMap): cell centres are (x[i], y[i]) with y the
/// coordinate series "y" (or the first coordinate series); the grid spacing in each direction
/// is the smallest gap between distinct centres. Each value series (every series that is not
/// a coordinate) becomes a QCPColorMap in its own axis rect titled by its label, cells
/// without a row are transparent, all maps share one QCPColorScale from 0 to the largest
/// value, and their axis ranges follow each other when one is dragged or zoomed (y is
/// labelled on the first map only).
/// `grid` (empty, already in the plot's layout) receives, top to bottom: an empty row, the
/// maps side by side under their titles, the colour scale beneath them as wide as they are
/// together, an empty row. The empty rows take the height the maps leave (fitHeatMap).
HeatMap drawHeatMap(QCPLayoutGrid* grid, const core::Panel& panel);

/// Puts the maps of `map` side by side, or one above the other when the room they have in the
/// current layout (laid out without limits) makes them more than 1.2 times as wide that way
/// (a narrow, tall panel); stacked maps each show their y numbers. Returns true if
/// the arrangement changed; the layout must be updated after.
bool arrangeHeatMap(const HeatMap& map);

/// Sizes the maps of `map` to the room they have in the current layout (laid out without
/// limits): one width for all, together filling their row, and a height of that width times
/// the aspect of `map.ranges`, or all the height when that is less — so a map is as tall as
/// its cells' box and no taller, square cells in a square plot, and the room above and
/// below goes to the empty rows. Stacked maps (arrangeHeatMap) take the width of the column. Sets maximum inner sizes; the layout must be updated after.
void fitHeatMap(const HeatMap& map);

}  // namespace walklab::ui::detail
