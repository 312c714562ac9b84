// Draws a Chart panel (series over x, or parametric curves over another series) into one
// axis rect of a QCustomPlot.
#pragma once

#include "core/experiment/Result.h"

#include <qcustomplot.h>

#include <QSet>
#include <QString>

namespace walklab::ui::detail {

/// The x and y ranges that show everything drawn, with a small margin.
struct Ranges {
    QCPRange x, y;
};

/// Draws the series of `panel` (kind Chart) in `rect`: Bars as QCPBars (a filled step graph
/// beyond 3000 bars; one filled outline over the bins when the panel has Panel::binWidth), Points as discs, Line and Guide as graphs, Steps as a QCPGraph with
/// lsStepLeft; series with xOf as QCPCurve (parametric: drawn in row order), Points over xOf as
/// start/end style markers; Points with Series::error get QCPErrorBars (property "errorsOf" =
/// the series key). Series of one Series::group share a colour (groupColor). Coordinate series
/// and optional series whose key is in `hidden` are not drawn. Labelled series get a legend
/// entry; a bundle of paths ("path_…") gets one, and so does each group.
/// Sets the axis titles, the log scales for logX and logY, and returns the ranges of the drawn
/// data, error bars included (each plottable carries its series key in the property
/// "seriesKey").
Ranges drawChart(QCPAxisRect* rect, const core::Panel& panel, const QSet<QString>& hidden);

/// Text of the single legend entry of a bundle of `count` paths whose first is labelled
/// `firstLabel` ("Walker 1" → "Sample paths (20 walkers)").
QString bundleName(const QString& firstLabel, int count);

}  // namespace walklab::ui::detail
