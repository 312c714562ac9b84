#include "ui/plot/PlotCanvas.h"

#include "ui/plot/ChartPlot.h"
#include "ui/plot/HeatMapPlot.h"
#include "ui/plot/PlotStyle.h"
#include "ui/plot/ProjectionPlot.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::ui {

using namespace detail;

namespace {

// Properties of each axis rect: the ranges rebuild() chose (x, y as QPointF(lower, upper))
// and the top of y that updateLayout() last set; for rects with equal units on both axes,
// the box they must show (kFitX, kFitY).
constexpr const char* kAutoX = "walklabAutoX";
constexpr const char* kAutoY = "walklabAutoY";
constexpr const char* kAutoTop = "walklabAutoTop";
constexpr const char* kEqual = "walklabEqualAxes";
constexpr const char* kFitX = "walklabFitX";
constexpr const char* kFitY = "walklabFitY";
constexpr const char* kDataY = "walklabDataY";  ///< kFitY before room was made for the legend
/// A plottable's legend text before placeLegends() wrapped it.
constexpr const char* kFullName = "walklabFullName";
/// A panel title's text before wrapTitles() broke it into lines.
constexpr const char* kFullTitle = "walklabFullTitle";
/// Least height of a plot whose legend goes beneath it, and the gap above that legend.
constexpr int kMinPlotPx = 140;
constexpr int kBelowGapPx = 10;
/// Largest share of a plot's height a legend inside it may take (the data keep the rest, see
/// updateLayout()), and the gap between a legend and the data or the plot's edge.
constexpr double kInsideShare = 0.5;
constexpr int kLegendGapPx = 8;
/// Share of its width a plot keeps when its legend goes beside it.
constexpr double kBesideShare = 0.6;
/// The smallest legend text, still readable on a projector.
constexpr int kLegendMinPx = 11;
/// Largest rise of the top of y, as a share of the range rebuild() chose, that a legend
/// inside its plot may ask for; a legend that needs more goes beneath or beside the plot.
constexpr double kMaxRaise = 0.25;
/// Half the widest marker (and a pixel): points reach this far past their key.
constexpr int kMarkerPx = 5;
/// Least height of the data area of a plot on screen: the canvas grows (and its scroll area
/// scrolls) until every plot has it, below its title, above its axis and legend.
constexpr int kMinDataPx = 150;
/// Widths closer than this count as one for that growth (a vertical scroll bar's width).
constexpr int kScrollBarSlackPx = 40;
/// Least height per y tick label of a short plot; least gap between the labels of
/// neighbouring ticks on a horizontal axis.
constexpr int kTickSpacingPx = 45;
constexpr int kXTickGapPx = 12;

QPointF asPoint(const QCPRange& r)
{
    return {r.lower, r.upper};
}

bool same(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

/// Is the rect still showing the ranges rebuild() and updateLayout() chose (not zoomed)?
bool autoRanges(QCPAxisRect* rect)
{
    const QVariant x = rect->property(kAutoX), y = rect->property(kAutoY);
    if (!x.isValid() || !y.isValid())
        return false;
    const QCPRange xr = rect->axis(QCPAxis::atBottom)->range();
    const QCPRange yr = rect->axis(QCPAxis::atLeft)->range();
    return same(xr.lower, x.toPointF().x()) && same(xr.upper, x.toPointF().y()) &&
           same(yr.lower, y.toPointF().x()) && same(yr.upper, rect->property(kAutoTop).toDouble());
}

/// Shows `ranges` in `rect` and records them as its automatic ranges.
void setAutomatic(QCPAxisRect* rect, const Ranges& ranges)
{
    rect->axis(QCPAxis::atBottom)->setRange(ranges.x);
    rect->axis(QCPAxis::atLeft)->setRange(ranges.y);
    rect->setProperty(kAutoX, asPoint(ranges.x));
    rect->setProperty(kAutoY, asPoint(ranges.y));
    rect->setProperty(kAutoTop, ranges.y.upper);
}

/// For a rect with equal units: widens the automatic ranges so that the data box fits and one
/// unit is as many pixels on x as on y; a range the user zoomed keeps x and adapts y.
/// Returns true if a range changed.
bool fitEqualUnits(QCPAxisRect* rect)
{
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const double w = rect->width(), h = rect->height();
    if (w < 2 || h < 2)
        return false;
    const QCPRange oldX = xAxis->range(), oldY = yAxis->range();
    // Linked rects (the maps of a heat map) are each fitted here: no range follows another.
    const QSignalBlocker blockX(xAxis), blockY(yAxis);
    if (autoRanges(rect)) {
        const QPointF fx = rect->property(kFitX).toPointF(), fy = rect->property(kFitY).toPointF();
        const double perUnit = std::min(w / (fx.y() - fx.x()), h / (fy.y() - fy.x()));
        const double cx = (fx.x() + fx.y()) / 2, cy = (fy.x() + fy.y()) / 2;
        setAutomatic(rect, {QCPRange(cx - w / perUnit / 2, cx + w / perUnit / 2),
                            QCPRange(cy - h / perUnit / 2, cy + h / perUnit / 2)});
    } else {
        yAxis->setScaleRatio(xAxis, 1.0);
    }
    auto moved = [](const QCPRange& a, const QCPRange& b) {
        return !same(a.lower, b.lower) || !same(a.upper, b.upper);
    };
    return moved(oldX, xAxis->range()) || moved(oldY, yAxis->range());
}

/// Width in pixels of the widest word of `text` (as wrapText() keeps words).
int longestWord(const QString& text, const QFontMetrics& metrics)
{
    QString whole = text;
    whole.replace(QStringLiteral(" = "), QStringLiteral("\u00a0=\u00a0"));
    int widest = 0;
    for (const QString& word : whole.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        widest = std::max(widest, metrics.horizontalAdvance(word));
    return widest;
}

/// Breaks the legend labels of `legend` that are wider than `room` pixels (the legend's whole
/// width) into lines, keeping each full label in kFullName.
void wrapLabels(QCPLegend* legend, int room)
{
    const int text = room - legend->margins().left() - legend->margins().right() - legend->iconSize().width() -
                     legend->iconTextPadding() - 2;  // 2: QCustomPlot measures a little wider than the advance
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
        if (!item || legend->item(i)->minimumOuterSizeHint().width() <= room - legend->margins().left() - legend->margins().right())
            continue;
        QCPAbstractPlottable* plottable = item->plottable();
        if (!plottable->property(kFullName).isValid())
            plottable->setProperty(kFullName, plottable->name());
        plottable->setName(wrapText(plottable->property(kFullName).toString(), QFontMetrics(item->font()), std::max(text, 1)));
    }
}

/// Puts back the full label of every entry of `legend`.
void unwrapLabels(QCPLegend* legend)
{
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
            item && item->plottable()->property(kFullName).isValid())
            item->plottable()->setName(item->plottable()->property(kFullName).toString());
}

/// The most ticks, 2 … 5, asked of the horizontal `axis` (linear or log) whose labels, at the axis'
/// current pixel length, stand kXTickGapPx apart or more (QCustomPlot picks round steps near
/// the count asked, so the labels are generated and measured). Leaves the ticker asking for
/// that count; returns true if it changed.
bool fitHorizontalTicks(QCPAxis* axis)
{
    QCPAxisTicker* ticker = axis->ticker().data();
    if (!ticker)
        return false;
    const int before = ticker->tickCount();
    const QCPRange range = axis->range();
    const QFontMetrics metrics(axis->tickLabelFont());
    const QString format = axis->numberFormat();
    int count = 5;
    for (; count > 2; --count) {
        ticker->setTickCount(count);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(range, axis->parentPlot()->locale(), format.isEmpty() ? QLatin1Char('g') : format.at(0),
                         axis->numberPrecision(), ticks, nullptr, &labels);
        bool fits = true;
        double lastRight = -std::numeric_limits<double>::infinity();
        for (qsizetype i = 0; i < ticks.size() && fits; ++i) {
            if (!range.contains(ticks[i]))
                continue;
            const double centre = axis->coordToPixel(ticks[i]), half = metrics.horizontalAdvance(labels[i]) / 2.0;
            fits = centre - half >= lastRight + kXTickGapPx;
            lastRight = centre + half;
        }
        if (fits)
            break;
    }
    ticker->setTickCount(count);
    return count != before;
}

/// Highest value drawn by the visible series of `rect` between keys k0 and k1.
double highestBetween(QCPAxisRect* rect, double k0, double k1)
{
    if (k0 > k1)
        std::swap(k0, k1);
    double top = -std::numeric_limits<double>::infinity();
    auto scan = [&](const auto& data, double pad) {
        // One point beyond each end too: the line from it may cross the legend.
        for (auto it = data->findBegin(k0 - pad, true), end = data->findEnd(k1 + pad, true); it != end; ++it)
            if (std::isfinite(it->value))
                top = std::max(top, it->value);
    };
    for (QCPAbstractPlottable* p : rect->plottables()) {
        if (!p->visible() || !p->property("seriesKey").isValid())
            continue;
        if (auto* graph = qobject_cast<QCPGraph*>(p)) {
            scan(graph->data(), 0.0);
        } else if (auto* bars = qobject_cast<QCPBars*>(p)) {
            scan(bars->data(), bars->width() / 2);
        } else if (auto* curve = qobject_cast<QCPCurve*>(p)) {
            for (const QCPCurveData& d : *curve->data())  // in drawing order, not by key
                if (d.key >= k0 && d.key <= k1 && std::isfinite(d.value))
                    top = std::max(top, d.value);
        }
    }
    // Error bars reach above their points.
    for (QCPAbstractPlottable* p : rect->plottables()) {
        auto* errors = qobject_cast<QCPErrorBars*>(p);
        QCPPlottableInterface1D* points = errors && errors->visible() && errors->dataPlottable()
                                              ? errors->dataPlottable()->interface1D()
                                              : nullptr;
        for (int i = 0; points && i < std::min(points->dataCount(), errors->dataCount()); ++i) {
            const double key = points->dataMainKey(i), value = points->dataMainValue(i) + errors->data()->at(i).errorPlus;
            if (key >= k0 && key <= k1 && std::isfinite(value))
                top = std::max(top, value);
        }
    }
    return top;
}

/// `v` on the screen's scale of `axis`: v on a linear axis, log10 v on a log axis (where
/// heights are linear on the screen).
double onScreen(const QCPAxis* axis, double v)
{
    return axis->scaleType() == QCPAxis::stLogarithmic ? std::log10(v) : v;
}

/// The top of y, on the screen's scale (its log10 on a log axis), that keeps the data drawn in
/// `rect` under `box` (a legend at the top of the plot) below the box with kLegendGapPx to
/// spare: with f the share of the height the box takes from the top and lo the bottom of y,
/// data ≤ top − f·(top − lo). −∞ when no data lie under the box, +∞ when the box takes
/// nearly the whole height.
double topBelow(QCPAxisRect* rect, const QRect& box)
{
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const QRect area = rect->rect();
    const bool logY = yAxis->scaleType() == QCPAxis::stLogarithmic;
    const double lo = onScreen(yAxis, yAxis->range().lower);
    const double f = double(box.bottom() + kLegendGapPx - area.top()) / std::max(1, area.height());
    if (f >= 0.9)
        return std::numeric_limits<double>::infinity();
    // Markers reach their radius past their key.
    const double top = highestBetween(rect, xAxis->pixelToCoord(box.left() - kMarkerPx),
                                      xAxis->pixelToCoord(box.right() + kMarkerPx));
    if (!std::isfinite(top) || (logY && top <= 0))
        return -std::numeric_limits<double>::infinity();
    return (onScreen(yAxis, top) - f * lo) / (1 - f);
}

/// The top of y rebuild() chose for `rect`, on the screen's scale.
double automaticTop(QCPAxisRect* rect)
{
    const double top = rect->property(kAutoY).toPointF().y();
    return onScreen(rect->axis(QCPAxis::atLeft), top);
}

/// Puts the automatic y range of a rect without equal units back to the top rebuild() chose:
/// every layout starts from it, and raises it only for a legend inside the plot. True if it
/// moved.
bool resetTop(QCPAxisRect* rect)
{
    if (rect->property(kEqual).toBool() || !autoRanges(rect))
        return false;
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const double top = rect->property(kAutoY).toPointF().y();
    if (same(yAxis->range().upper, top))
        return false;
    yAxis->setRange(yAxis->range().lower, top);
    rect->setProperty(kAutoTop, top);
    return true;
}

}  // namespace

PlotCanvas::PlotCanvas(QWidget* parent) : QCustomPlot(parent)
{
    setBackground(Qt::white);
    setAntialiasedElements(QCP::aeAll);
    setNotAntialiasedElements(QCP::aeNone);
    setAutoAddPlottableToLegend(false);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    setMinimumSize(320, 240);
    // Double click restores the view computed from the data.
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) {
        rebuild();
        replot();
    });
    rebuild();
}

void PlotCanvas::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier)
        QCustomPlot::wheelEvent(event);
    else
        event->ignore();
}

void PlotCanvas::setResult(const core::Result& result, const QStringList& views)
{
    m_result = result;
    m_views.clear();
    QStringList wanted = views;
    if (wanted.isEmpty())
        for (const auto& p : m_result.panels)
            wanted << QString::fromStdString(p.key);
    for (const auto& v : wanted)
        if (const core::Panel* p = m_result.find(v.toStdString()); p && !p->series.empty() && !m_views.contains(v))
            m_views << v;
    rebuild();
    replot();
}

QList<QPair<QString, QString>> PlotCanvas::optionalSeries() const
{
    QList<QPair<QString, QString>> out;
    QSet<QString> seen;
    for (const auto& view : m_views) {
        const core::Panel* panel = m_result.find(view.toStdString());
        if (!panel)
            continue;
        // A series without a label (the lower half of a band) goes with the labelled
        // optional series before it, so a list of switches can group them by label.
        QString inherited;
        for (const auto& s : panel->series) {
            if (!s.optional)
                continue;
            const QString key = QString::fromStdString(s.key);
            QString label = displayText(s.label);
            if (label.isEmpty())
                label = inherited.isEmpty() ? key : inherited;
            else
                inherited = label;
            if (!seen.contains(key)) {
                seen.insert(key);
                out.append({key, label});
            }
        }
    }
    return out;
}

void PlotCanvas::setSeriesVisible(const QString& seriesKey, bool visible)
{
    if (visible == isSeriesVisible(seriesKey))
        return;
    if (visible)
        m_hidden.remove(seriesKey);
    else
        m_hidden.insert(seriesKey);
    // Keep what the user zoomed to: rebuild, then put back the ranges that were not automatic.
    struct Saved {
        bool automatic;
        QCPRange x, y;
    };
    QList<Saved> saved;
    for (auto* rect : axisRects())
        saved.append({autoRanges(rect), rect->axis(QCPAxis::atBottom)->range(),
                      rect->axis(QCPAxis::atLeft)->range()});
    rebuild();
    const auto rects = axisRects();
    if (rects.size() == saved.size()) {
        for (int i = 0; i < rects.size(); ++i) {
            if (saved[i].automatic)
                continue;
            rects[i]->axis(QCPAxis::atBottom)->setRange(saved[i].x);
            rects[i]->axis(QCPAxis::atLeft)->setRange(saved[i].y);
        }
    }
    replot();
}

void PlotCanvas::updateLayout()
{
    // Every layout starts from the y ranges rebuild() chose, so that no room made for a
    // legend at an earlier size (or an earlier place of it) stays.
    for (QCPAxisRect* rect : axisRects())
        resetTop(rect);
    QCustomPlot::updateLayout();
    if (viewport().size() != m_legendsPlacedFor) {
        if (wrapTitles())
            QCustomPlot::updateLayout();  // the titles' new heights
        fitHeatMaps();
        placeLegends();
    }
    // Every size starts from the data box rebuild() chose, so the picture does not depend
    // on the sizes drawn before (the screen's, earlier exports).
    for (QCPAxisRect* rect : axisRects())
        if (rect->property(kEqual).toBool())
            rect->setProperty(kFitY, rect->property(kDataY));
    fitEqualRects();
    // Raising y changes its tick labels, hence the plot's width and the keys under the
    // legend: a few rounds settle it.
    for (int round = 0; round < 3 && makeRoomForLegends(); ++round) {
    }
    growForSmallPlots();
}

bool PlotCanvas::makeRoomForLegends()
{
    bool again = false, refit = false;
    for (QCPAxisRect* rect : axisRects()) {
        QCPLayoutInset* inset = rect->insetLayout();
        auto* legend = inset->elementCount() > 0 ? qobject_cast<QCPLegend*>(inset->elementAt(0)) : nullptr;
        const QRect area = rect->rect();
        const QRect box = legend ? legend->outerRect() : QRect();
        if (!legend || !legend->visible() || box.isEmpty() || area.height() < 40 ||
            inset->insetPlacement(0) != QCPLayoutInset::ipBorderAligned)
            continue;  // no legend inside (beside the plot: over no data)
        QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
        // Equal units: room for the legend is made by a taller data box, refitted below.
        const bool equal = rect->property(kEqual).toBool();
        const bool automatic = autoRanges(rect);
        const bool logY = yAxis->scaleType() == QCPAxis::stLogarithmic;

        // The same box in the top-right and top-left corners.
        const bool atRight = inset->insetAlignment(0) & Qt::AlignRight;
        const int gap = atRight ? area.right() - box.right() : box.left() - area.left();
        QRect right = box, left = box;
        right.moveRight(area.right() - gap);
        left.moveLeft(area.left() + gap);
        const double needRight = topBelow(rect, right), needLeft = topBelow(rect, left);
        if (std::isinf(needRight) && needRight > 0)
            continue;  // no room to make (placeLegends() keeps the box within kInsideShare)
        const double lo = onScreen(yAxis, yAxis->range().lower);
        const double limit = automatic && !equal ? automaticTop(rect) : onScreen(yAxis, yAxis->range().upper);
        // Top-right unless only the left fits, or the left needs clearly less headroom.
        const double slack = 0.03 * (limit - lo);
        const bool useLeft = needRight > limit && (needLeft <= limit || needLeft + slack < needRight);
        const Qt::Alignment want = Qt::AlignTop | (useLeft ? Qt::AlignLeft : Qt::AlignRight);
        if (inset->insetAlignment(0) != want) {
            inset->setInsetAlignment(0, want);
            again = true;
        }
        if (automatic && equal) {
            const double raise = (useLeft ? needLeft : needRight) - limit;
            if (raise > 0 && !logY) {
                QPointF fit = rect->property(kFitY).toPointF();
                fit.ry() += raise;
                rect->setProperty(kFitY, fit);
                refit = true;
            }
        } else if (automatic) {
            const double high = std::max(limit, useLeft ? needLeft : needRight);
            const double top = logY ? std::pow(10.0, high) : high;
            if (!same(top, yAxis->range().upper)) {
                yAxis->setRange(yAxis->range().lower, top);
                rect->setProperty(kAutoTop, top);
                again = true;
            }
        }
    }
    if (again || refit)
        QCustomPlot::updateLayout();  // new tick labels and legend position
    if (refit)
        fitEqualRects();
    return again;
}

void PlotCanvas::growForSmallPlots()
{
    // Only the canvas on screen, in its scroll area; exports have the size they were given.
    if (!isVisible() || viewport() != rect() || m_views.isEmpty())
        return;
    // A new result, or a new width, starts from the estimate again; a scroll bar coming or
    // going (its width) does not, or the two would take turns.
    if (std::abs(width() - m_grownForWidth) > kScrollBarSlackPx) {
        m_grownForWidth = width();
        setMinimumHeight(m_baseMinimumHeight);
    }
    // The rows share the height by equal stretch: all of them grow until the plot that lacks
    // the most has kMinDataPx. Only ever grown for one width, so that the legends moving
    // inside the taller plots cannot shrink it back and forth.
    // Heat maps (in a grid of their own) are as tall as their cells' box at their width.
    int lacking = 0;
    for (QCPAxisRect* rect : axisRects())
        if (rect->layout() == plotLayout())
            lacking = std::max(lacking, kMinDataPx - rect->height());
    const int rows = int(m_views.size() + 1) / 2;
    const int most = rows * 4 * kMinRowHeight;  // a bound, should a plot not grow with the canvas
    if (lacking > 0 && minimumHeight() < most) {
        // A widget smaller than its new minimum is resized at once, within this replot, which
        // QCustomPlot then skips: the new size is laid out by one queued.
        setMinimumHeight(std::min(most, std::max(minimumHeight(), height() + rows * lacking)));
        replot(rpQueuedReplot);
    }
}

bool PlotCanvas::wrapTitles()
{
    const int columns = std::max(1, plotLayout()->columnCount());
    const QMargins m = plotLayout()->margins();
    const int width = (viewport().width() - m.left() - m.right() - (columns - 1) * int(plotLayout()->columnSpacing()))
                      / columns - 8;
    bool changed = false;
    for (int i = 0; i < plotLayout()->elementCount(); ++i) {
        auto* title = qobject_cast<QCPTextElement*>(plotLayout()->elementAt(i));
        if (!title || !title->property(kFullTitle).isValid())
            continue;
        const QString text = wrapText(title->property(kFullTitle).toString(), QFontMetrics(title->font()), std::max(width, 1));
        if (text != title->text()) {
            title->setText(text);
            changed = true;
        }
    }
    // Axis titles as long as their axis (a y title such as "Probability density (per …)" on a
    // short plot). Every size starts from titles on one line, so the axes have their full
    // length; wrapping thickens the margins and shortens the axes, so a few rounds follow the
    // lengths down (greedy lines only grow in number as the length shrinks). A title is never
    // given less than its longest word.
    bool restored = false;
    for (QCPAxisRect* rect : axisRects())
        for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
            if (!axis->property(kFullTitle).isValid())
                axis->setProperty(kFullTitle, axis->label());
            if (axis->label() != axis->property(kFullTitle).toString()) {
                axis->setLabel(axis->property(kFullTitle).toString());
                restored = true;
            }
        }
    if (restored)
        QCustomPlot::updateLayout();
    for (int round = 0; round < 4; ++round) {
        bool wrapped = false;
        for (QCPAxisRect* rect : axisRects())
            for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
                const QString full = axis->property(kFullTitle).toString();
                const QFontMetrics metrics(axis->labelFont());
                const int length = axis->orientation() == Qt::Horizontal ? rect->width() : rect->height();
                const QString text = wrapText(full, metrics, std::max(length, longestWord(full, metrics)));
                if (text != axis->label()) {
                    axis->setLabel(text);
                    wrapped = true;
                }
            }
        if (!wrapped)
            break;
        changed = true;
        QCustomPlot::updateLayout();
    }
    return changed || restored;
}

void PlotCanvas::placeLegends()
{
    m_legendsPlacedFor = viewport().size();
    // A short plot gets fewer y ticks (at least 3), a narrow one or a short colour scale as
    // many x ticks as their labels leave room for, so that labels do not run together.
    bool ticks = false;
    for (QCPAxisRect* rect : axisRects()) {
        QCPAxisTicker* ticker = rect->axis(QCPAxis::atLeft)->ticker().data();
        const int count = std::clamp(rect->height() / kTickSpacingPx, 3, 5);
        if (ticker && ticker->tickCount() != count) {
            ticker->setTickCount(count);
            ticks = true;
        }
        ticks = fitHorizontalTicks(rect->axis(QCPAxis::atBottom)) || ticks;
    }
    for (const HeatMap& map : std::as_const(m_heatMaps))
        ticks = fitHorizontalTicks(map.scale->axis()) || ticks;
    // Every size starts from legends inside their rects, top right, with their full labels
    // in the full font.
    bool wasMoved = false;
    for (const LegendPlace& place : std::as_const(m_legends))
        wasMoved = restoreLegend(place) || wasMoved;
    if (wasMoved || ticks)
        QCustomPlot::updateLayout();

    // Sizes are those of the plots with every legend inside: each legend is placed for them.
    for (const LegendPlace& place : std::as_const(m_legends)) {
        if (!place.legend->visible())
            continue;
        bool placed = false;
        for (int px = kLegendPx; px >= kLegendMinPx && !placed; --px) {
            place.legend->setFont(pixelFont(px));
            placed = legendFitsInside(place) || putLegendBeneath(place, false) || putLegendBeside(place);
        }
        if (!placed)  // a plot too small for any place: beneath it all the same, never over the data
            putLegendBeneath(place, true);
    }
    QCustomPlot::updateLayout();  // legends moved, or inside with new fonts and lines
}

bool PlotCanvas::restoreLegend(const LegendPlace& place)
{
    QCPLegend* legend = place.legend;
    unwrapLabels(legend);
    const bool resized = legend->font().pixelSize() != kLegendPx;
    legend->setFont(pixelFont(kLegendPx));
    QCPLayoutInset* inset = place.rect->insetLayout();
    if (legend->layout() == inset) {
        if (inset->insetPlacement(0) == QCPLayoutInset::ipBorderAligned)
            return resized;
        // Beside the plot: back inside, the right margin shared with the column again.
        inset->setInsetPlacement(0, QCPLayoutInset::ipBorderAligned);
        inset->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
        place.rect->setMinimumMargins(QMargins());
        place.rect->setMarginGroup(QCP::msRight, place.rightGroup);
        return true;
    }
    auto* below = legend->layout();
    below->take(legend);
    plotLayout()->remove(below);  // an empty cell: the column keeps its width
    legend->setWrap(0);
    legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
    inset->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    return true;
}

bool PlotCanvas::legendFitsInside(const LegendPlace& place)
{
    QCPLegend* legend = place.legend;
    const QRect area = place.rect->rect();
    const QMargins inset = place.rect->insetLayout()->margins();
    const int room = area.width() - inset.left() - inset.right();
    unwrapLabels(legend);
    if (legend->minimumOuterSizeHint().width() > room)
        wrapLabels(legend, room);
    const QSize need = legend->minimumOuterSizeHint();
    // updateLayout() raises the y range so that the data pass under the legend: it may take
    // kInsideShare of the height, and the top of y may rise by kMaxRaise of the range in the
    // better of the two top corners; else the legend goes elsewhere.
    if (need.width() <= room && need.height() + inset.top() + kLegendGapPx <= kInsideShare * area.height()) {
        QCPAxisRect* rect = place.rect;
        if (rect->property(kEqual).toBool() || !autoRanges(rect))
            return true;  // equal units get a taller box; a zoomed plot is the user's view
        const QRect right(area.right() - inset.right() - need.width() + 1, area.top() + inset.top(), need.width(),
                          need.height());
        const QRect left(area.left() + inset.left(), right.top(), need.width(), need.height());
        QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
        const double lo = onScreen(yAxis, yAxis->range().lower);
        const double top = automaticTop(rect);
        if (std::min(topBelow(rect, right), topBelow(rect, left)) <= top + kMaxRaise * (top - lo))
            return true;
    }
    unwrapLabels(legend);
    return false;
}

bool PlotCanvas::putLegendBeneath(const LegendPlace& place, bool always)
{
    // Beneath the plot, in one row when the entries fit side by side, else one a row with
    // labels in lines as wide as the column, if the plot keeps kMinPlotPx of height (or always).
    QCPLegend* legend = place.legend;
    unwrapLabels(legend);
    const int column = place.rect->outerRect().width();
    int rowWidth = legend->margins().left() + legend->margins().right() +
                   legend->columnSpacing() * (legend->itemCount() - 1);
    int rowHeight = 0;
    for (int i = 0; i < legend->itemCount(); ++i) {
        const QSize item = legend->item(i)->minimumOuterSizeHint();
        rowWidth += item.width();
        rowHeight = std::max(rowHeight, item.height());
    }
    const bool oneRow = rowWidth <= column;
    if (!oneRow)
        wrapLabels(legend, column);
    const int belowHeight =
        kBelowGapPx + (oneRow ? rowHeight + legend->margins().top() + legend->margins().bottom()
                              : legend->minimumOuterSizeHint().height());
    if (!always && place.rect->rect().height() - belowHeight < kMinPlotPx) {
        unwrapLabels(legend);
        return false;
    }
    place.rect->insetLayout()->take(legend);
    if (oneRow) {
        legend->setWrap(legend->itemCount());
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
    auto* below = new QCPLayoutGrid;
    plotLayout()->addElement(place.row, place.column, below);
    below->setMargins(QMargins(0, kBelowGapPx - 2, 0, 2));
    below->setMinimumSize(1, 0);  // a long legend must not take width from the other column
    below->addElement(0, 0, legend);
    return true;
}

bool PlotCanvas::putLegendBeside(const LegendPlace& place)
{
    // Right of a wide, short plot (many views in a short export): the plot keeps its height
    // and kBesideShare of its width; the legend's labels in lines as wide as the rest allows.
    QCPAxisRect* rect = place.rect;
    if (!(rect->autoMargins() & QCP::msRight))
        return false;  // fixed margins (projections of 3D curves)
    QCPLegend* legend = place.legend;
    const QRect area = rect->rect();
    // Clear of the last x tick label, which sticks out half its width past the plot.
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    const QVector<QString> ticks = xAxis->tickVectorLabels();
    const int gap = kLegendGapPx + (ticks.isEmpty() ? 0 : QFontMetrics(xAxis->tickLabelFont()).horizontalAdvance(ticks.last()) / 2);
    const int room = int((1 - kBesideShare) * area.width()) - gap;
    unwrapLabels(legend);
    if (legend->minimumOuterSizeHint().width() > room)
        wrapLabels(legend, room);
    const QSize need = legend->minimumOuterSizeHint();
    // Down to the bottom of the x axis' title: beside the axis there is nothing to hide.
    if (need.width() > room || need.height() > rect->outerRect().bottom() - area.top()) {
        unwrapLabels(legend);
        return false;
    }
    rect->setMarginGroup(QCP::msRight, nullptr);  // only this plot narrows
    rect->setMinimumMargins(QMargins(0, 0, need.width() + gap, 0));
    QCPLayoutInset* inset = rect->insetLayout();
    inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
    // Inset rects are fractions of the plot's new width: the legend starts a gap past its right edge.
    const double width = std::max(1, area.width() - need.width() - gap);
    inset->setInsetRect(0, QRectF(1 + gap / width, 0, 0, 0));
    return true;
}

void PlotCanvas::fitHeatMaps()
{
    if (m_heatMaps.isEmpty())
        return;
    // Every size starts from maps without limits, as large as their cells of the layout.
    for (const HeatMap& map : std::as_const(m_heatMaps))
        for (QCPAxisRect* rect : map.rects)
            rect->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    QCustomPlot::updateLayout();
    bool arranged = false;
    for (const HeatMap& map : std::as_const(m_heatMaps))
        arranged = arrangeHeatMap(map) || arranged;
    if (arranged)
        QCustomPlot::updateLayout();
    for (const HeatMap& map : std::as_const(m_heatMaps))
        fitHeatMap(map);
    QCustomPlot::updateLayout();
}

void PlotCanvas::fitEqualRects()
{
    // The ranges depend on the rect's pixel size, which depends on the tick labels of those
    // ranges; a few rounds settle it.
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        for (QCPAxisRect* rect : axisRects())
            if (rect->property(kEqual).toBool())
                changed = fitEqualUnits(rect) || changed;
        if (!changed)
            break;
        QCustomPlot::updateLayout();
    }
}

void PlotCanvas::rebuild()
{
    clearItems();
    clearPlottables();
    // Margin groups of the previous layout: deleting one detaches it from its axis rects.
    for (auto* group : findChildren<QCPMarginGroup*>(QString(), Qt::FindDirectChildrenOnly))
        delete group;
    m_legends.clear();
    m_heatMaps.clear();
    m_legendsPlacedFor = QSize();
    plotLayout()->clear();  // deletes the axis rects, their legends and the titles
    plotLayout()->setRowSpacing(0);
    plotLayout()->setColumnSpacing(12);
    plotLayout()->setMargins(QMargins(6, 4, 14, 6));

    std::vector<const core::Panel*> panels;
    for (const auto& view : m_views)
        if (const core::Panel* p = m_result.find(view.toStdString()); p)
            panels.push_back(p);
    if (panels.empty())
        return;

    const int columns = panels.size() > 1 ? 2 : 1;
    const int rows = int((panels.size() + 1) / 2);
    m_baseMinimumHeight = rows * kMinRowHeight;
    m_grownForWidth = -1000;
    setMinimumHeight(m_baseMinimumHeight);
    std::vector<QCPMarginGroup*> rowGroups, columnGroups;
    for (int r = 0; r < rows; ++r)
        rowGroups.push_back(new QCPMarginGroup(this));
    for (int c = 0; c < columns; ++c)
        columnGroups.push_back(new QCPMarginGroup(this));

    for (std::size_t index = 0; index < panels.size(); ++index) {
        const core::Panel& panel = *panels[index];
        const int row = int(index) / columns, column = int(index) % columns;
        QCPTextElement* title = makeTitle(this, displayText(panel.title));
        title->setProperty(kFullTitle, title->text());
        plotLayout()->addElement(3 * row, column, title);

        if (panel.kind == core::PanelKind::HeatMap) {
            auto* grid = new QCPLayoutGrid;
            plotLayout()->addElement(3 * row + 1, column, grid);
            const HeatMap map = drawHeatMap(grid, panel);
            m_heatMaps.append(map);
            for (QCPAxisRect* rect : map.rects) {
                setAutomatic(rect, map.ranges);
                rect->setProperty(kEqual, true);
                rect->setProperty(kFitX, asPoint(map.ranges.x));
                rect->setProperty(kFitY, asPoint(map.ranges.y));
                rect->setProperty(kDataY, asPoint(map.ranges.y));
            }
            continue;
        }

        auto* rect = new QCPAxisRect(this, true);
        plotLayout()->addElement(3 * row + 1, column, rect);
        for (auto* axis : rect->axes())
            styleAxis(axis);
        Ranges ranges;
        bool equal = false;
        if (panel.kind == core::PanelKind::Space3D) {
            ranges = drawProjection(rect, panel, m_hidden);  // fixed margins, no margin group
            equal = true;
        } else {
            rect->setMarginGroup(QCP::msTop | QCP::msBottom, rowGroups[std::size_t(row)]);
            rect->setMarginGroup(QCP::msLeft | QCP::msRight, columnGroups[std::size_t(column)]);
            closeFrame(rect);
            ranges = drawChart(rect, panel, m_hidden);
            equal = panel.equalAxes && !panel.logY;
        }
        // placeLegends() may move the legend beneath the plot or beside it.
        if (auto* legend = rect->insetLayout()->elementCount() > 0
                               ? qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(0))
                               : nullptr)
            m_legends.append({legend, rect, rect->marginGroup(QCP::msRight), 3 * row + 2, column});
        // updateLayout() moves the legend and adds headroom, or fits equal units, once the
        // pixel sizes are known; it may change these ranges only while they are automatic.
        setAutomatic(rect, ranges);
        rect->setProperty(kEqual, equal);
        rect->setProperty(kFitX, asPoint(ranges.x));
        rect->setProperty(kFitY, asPoint(ranges.y));
        rect->setProperty(kDataY, asPoint(ranges.y));
    }

    // Titles and legends beneath take their own height; the plots share the rest.
    plotLayout()->expandTo(3 * rows, columns);
    for (int r = 0; r < rows; ++r) {
        plotLayout()->setRowStretchFactor(3 * r, 0.001);
        plotLayout()->setRowStretchFactor(3 * r + 1, 1);
        plotLayout()->setRowStretchFactor(3 * r + 2, 0.001);
    }
}

}  // namespace walklab::ui
