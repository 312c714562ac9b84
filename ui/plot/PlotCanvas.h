// The chart area: draws the panels of a core::Result with QCustomPlot, one axis rect each.
#pragma once

#include "core/experiment/Result.h"
#include "ui/plot/HeatMapPlot.h"

#include <qcustomplot.h>

#include <QSet>
#include <QStringList>

namespace walklab::ui {

/// One QCustomPlot holding the displayed Panels in a grid of at most two columns, each under
/// its title, so that the GUI and every export render exactly the same picture:
/// - Chart panels: one axis rect (see detail::drawChart); with equalAxes one data unit is as
///   many pixels on x as on y, at every size (the screen and each export), logY a log axis;
/// - HeatMap panels: one colour map per value series side by side (stacked in a narrow, tall
///   panel: detail::arrangeHeatMap), one colour scale beneath (detail::drawHeatMap), equal units, each map no taller than its cells' box at its width
///   (detail::fitHeatMap);
/// - Space3D panels: an orthographic view of the curves in their box (detail::drawProjection);
///   the rotatable view is Space3DView.
/// It only draws: all numbers come from the Result.
class PlotCanvas : public QCustomPlot {
    Q_OBJECT
public:
    explicit PlotCanvas(QWidget* parent = nullptr);

    /// Least height of a row of plots on screen (title, axes, room for the data): the canvas
    /// asks for this much per row, and more once laid out if a plot's data area is still
    /// short of 150 px (titles in lines, legends beneath), so that a window with many views
    /// scrolls instead of squashing them.
    static constexpr int kMinRowHeight = 220;

    /// Replaces what is drawn by the panels of `result` whose keys are in `views`
    /// (all panels when `views` is empty). Panels without series (a view that needs other
    /// parameters) are not drawn.
    void setResult(const core::Result& result, const QStringList& views = {});
    /// The Result last given to setResult() (empty before the first call).
    const core::Result& result() const { return m_result; }
    /// Keys of the panels currently drawn, in order.
    QStringList shownViews() const { return m_views; }

    /// Optional series of the current result as (key, legend label), without duplicates.
    QList<QPair<QString, QString>> optionalSeries() const;
    /// Shows or hides every optional series with this key; the choice is kept across results.
    void setSeriesVisible(const QString& seriesKey, bool visible);
    bool isSeriesVisible(const QString& seriesKey) const { return !m_hidden.contains(seriesKey); }

protected:
    /// QCustomPlot's layout from the y ranges rebuild() chose (no headroom kept from an
    /// earlier size); then heat maps get the height of their cells' box; then rects
    /// with equal units get ranges that fit their data at this pixel size (or, when zoomed, y
    /// follows x by QCPAxis::setScaleRatio); then each legend is placed where it hides no data
    /// (placeLegends), and a legend inside its plot goes to the top corner where it hides less
    /// data while the y range is the one rebuild() chose (and units need not be equal), the
    /// range is raised just enough that the legend covers no data. Labels too long for the
    /// room are broken into lines (never cut, never past the axes). Runs for the screen and
    /// for every export size. On screen, the canvas then asks for more height if a plot is
    /// too short (growForSmallPlots).
    void updateLayout() override;
    /// Ctrl + wheel zooms (QCustomPlot's range zoom); the plain wheel is left to the parent,
    /// so the scroll area of the plots scrolls instead of the plot under the mouse zooming.
    void wheelEvent(QWheelEvent* event) override;

private:
    /// A chart's legend, its axis rect, the rect's right margin group (left while the legend
    /// is beside the plot), and the cell of plotLayout() beneath the plot.
    struct LegendPlace {
        QCPLegend* legend;
        QCPAxisRect* rect;
        QCPMarginGroup* rightGroup;
        int row, column;
    };
    void rebuild();
    /// For each legend inside its plot: the top corner where it hides less data and, while
    /// the y range is the one rebuild() chose (and units need not be equal), a top of y just
    /// high enough that the legend covers no data. True if a range or a corner changed.
    bool makeRoomForLegends();
    /// On screen: raises the canvas' minimum height (its scroll area then scrolls) until the
    /// data area of every plot is kMinDataPx high or more.
    void growForSmallPlots();
    /// Breaks each panel title that is wider than its column, and each axis title longer than
    /// its axis rect (but never into lines narrower than its longest word), into lines at
    /// spaces, for the current viewport, starting from the full titles. Returns true when a
    /// title changed.
    bool wrapTitles();
    /// Places each legend for the current viewport, at the first of these that fits, in its
    /// full font and then in smaller ones down to 11 px: inside its plot when it takes at most
    /// half its height and little headroom (legendFitsInside); beneath the
    /// plot (in one row when the entries fit side by side) when the plot keeps 140 px of
    /// height; beside a wide, short plot that keeps 60 % of its width. A plot too small for
    /// all three gets its legend beneath in the smallest font: a legend never hides data.
    void placeLegends();
    /// Puts the legend back inside its plot, top right, full labels, full font; true if it
    /// was elsewhere or smaller.
    bool restoreLegend(const LegendPlace& place);
    /// Whether the legend (labels in lines as wide as the plot) takes at most kInsideShare of
    /// its plot's height and, in one of the top corners, needs the top of y raised by at most
    /// kMaxRaise of its range to cover no data; it stays inside, wrapped, if so.
    bool legendFitsInside(const LegendPlace& place);
    /// Moves the legend beneath the plot if the plot keeps kMinPlotPx of height, or `always`.
    bool putLegendBeneath(const LegendPlace& place, bool always);
    /// Moves the legend beside a wide plot, in its right margin, if it fits there.
    bool putLegendBeside(const LegendPlace& place);
    /// Sizes the maps of each heat map to the shape of their cells' box, for the current
    /// viewport (detail::fitHeatMap).
    void fitHeatMaps();
    /// Gives every rect with equal units ranges that fit its data box at its pixel size.
    void fitEqualRects();

    core::Result m_result;
    QStringList m_views;
    QSet<QString> m_hidden;
    QList<LegendPlace> m_legends;
    QList<detail::HeatMap> m_heatMaps;
    int m_baseMinimumHeight = 0;  ///< rows × kMinRowHeight: the minimum height before growForSmallPlots()
    int m_grownForWidth = -1000;  ///< width growForSmallPlots() last grew the minimum height for (none yet)
    QSize m_legendsPlacedFor;  ///< viewport size titles, heat maps and legends were last laid out for (empty: stale)
};

}  // namespace walklab::ui
