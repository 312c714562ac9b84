// PlotCanvas: what each panel kind hands to QCustomPlot (offscreen). State, not pixels:
// plottable types and counts, line styles, legends, colour maps, and equal units at every size.
#include "SyntheticResults.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/plot/PlotStyle.h"

#include <QScrollArea>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using walklab::ui::PlotCanvas;
namespace core = walklab::core;
namespace test = walklab::test;

namespace {

/// The plottables that draw a series (decorations such as the projection's box carry no key).
template <class T>
QList<T*> seriesPlottables(QCustomPlot& plot)
{
    QList<T*> out;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* p = qobject_cast<T*>(plot.plottable(i)); p && p->property("seriesKey").isValid())
            out << p;
    return out;
}

QStringList keysOf(const QList<QCPAbstractPlottable*>& list)
{
    QStringList keys;
    for (auto* p : list)
        keys << p->property("seriesKey").toString();
    return keys;
}

/// Pixels per data unit along x divided by pixels per unit along y (1: equal units).
double unitRatio(QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const double px = std::abs(x->coordToPixel(1) - x->coordToPixel(0));
    const double py = std::abs(y->coordToPixel(1) - y->coordToPixel(0));
    return px / py;
}

/// Lays the canvas out at w × h pixels, as an export does.
void layOut(PlotCanvas& canvas, int w, int h)
{
    canvas.setViewport(QRect(0, 0, w, h));
    canvas.replot(QCustomPlot::rpImmediateRefresh);
}

/// The axis rects of a heat map's maps (rects with a colour map) in reading order: top to
/// bottom, left to right.
QList<QCPAxisRect*> mapRects(QCustomPlot& plot)
{
    QList<QCPAxisRect*> rects;
    for (QCPAxisRect* rect : plot.axisRects())
        if (!rect->plottables().isEmpty() && qobject_cast<QCPColorMap*>(rect->plottables().front()))
            rects << rect;
    std::sort(rects.begin(), rects.end(), [](QCPAxisRect* a, QCPAxisRect* b) {
        return std::pair(a->top(), a->left()) < std::pair(b->top(), b->left());
    });
    return rects;
}

QStringList legendNames(QCPAxisRect* rect)
{
    QStringList names;
    auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(0));
    for (int i = 0; legend && i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            names << item->plottable()->name();
    return names;
}

/// A bell-shaped histogram with its exact law and a curve, the legend of three long labels
/// (an endpoint view): data across the whole width, highest in the middle.
core::Panel bellPanel()
{
    core::Panel p{"endpoint", "Endpoint distribution", "position", "Position k", "Probability", {}, {}, {}};
    core::Series sim{"simulated", "Simulated (100000 walkers)", core::SeriesStyle::Bars, {}};
    core::Series exact{"exact", "Exact PMF, binomial law of the endpoint", core::SeriesStyle::Points, {}};
    core::Series normal{"normal", "Normal approximation (×2, parity lattice)", core::SeriesStyle::Line, {}};
    for (int k = -30; k <= 30; ++k) {
        p.x.push_back(k);
        const double e = std::exp(-k * k / 200.0) / std::sqrt(2 * M_PI * 100);
        exact.y.push_back(e);
        normal.y.push_back(e);
        sim.y.push_back(e * (1 + 0.05 * std::sin(k)));
    }
    p.series = {sim, exact, normal};
    return p;
}

/// Does any data point, or any bar from 0 to its top, drawn in `rect` lie under `box`?
bool dataUnder(QCPAxisRect* rect, const QRect& box)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const QRectF area = rect->rect();
    for (QCPAbstractPlottable* p : rect->plottables()) {
        if (!p->visible() || !p->property("seriesKey").isValid())
            continue;
        auto check = [&](double key, double value, bool bar) {
            const double px = x->coordToPixel(key), top = y->coordToPixel(value), base = y->coordToPixel(0);
            if (!area.contains(px, std::clamp(top, area.top(), area.bottom())))
                return false;
            if (px < box.left() || px > box.right())
                return false;
            return bar ? std::max(top, base) >= box.top() && std::min(top, base) <= box.bottom()
                       : top >= box.top() && top <= box.bottom();
        };
        if (auto* graph = qobject_cast<QCPGraph*>(p)) {
            for (const QCPGraphData& d : *graph->data())
                if (check(d.key, d.value, false))
                    return true;
        } else if (auto* bars = qobject_cast<QCPBars*>(p)) {
            for (const QCPBarsData& d : *bars->data())
                if (check(d.key, d.value, true))
                    return true;
        }
    }
    return false;
}

/// The interarrival view at a 1024-px screen: a density histogram over bins of 0.1 (the
/// simulated exponential gaps) and the exponential density λe^(−λx), λ = 3, over it, long labels.
core::Panel interarrivalPanel()
{
    core::Panel p{"interarrival", "Interarrival times X_i", "gap", "Interarrival time (hours)",
                  "Probability density (per hour)", {}, {}, {}};
    core::Series sim{"simulated", "Simulated (2500791 gaps)", core::SeriesStyle::Bars, {}};
    core::Series exact{"exact", "Exponential density, λ = 3 per hour", core::SeriesStyle::Line, {}};
    for (int i = 0; i < 25; ++i) {
        const double x = 0.05 + 0.1 * i;
        p.x.push_back(x);
        p.binWidth.push_back(0.1);
        exact.y.push_back(3 * std::exp(-3 * x));
        sim.y.push_back(3 * std::exp(-3 * x) * (1 + 0.04 * std::cos(7.0 * i)));
    }
    p.series = {sim, exact};
    return p;
}

/// The event timeline: 20 rows of dots (row r at height r) over [0, 8], the rows one after
/// another, so x is not in increasing order; every part of the width has dots in every row.
core::Panel timelinePanel()
{
    core::Panel p{"timeline", "Arrival times of 20 realisations on [0, 8] hours", "time", "Time t (hours)",
                  "Realisation", {}, {}, {}};
    core::Series dots{"realisation", "Arrival", core::SeriesStyle::Points, {}};
    for (int row = 1; row <= 20; ++row)
        for (int i = 0; i < 24; ++i) {
            p.x.push_back(std::fmod(0.33 * i + 0.071 * row * row, 8.0));
            dots.y.push_back(row);
        }
    p.series = {dots};
    return p;
}

/// The mean squared displacement: E[S_t²] = t as Points with 2-se error bars over the exact line,
/// rising to the top-right corner.
core::Panel msdPanel()
{
    core::Panel p{"msd", "Mean squared displacement (10000 walkers)", "t", "Time t (steps)", "E[|S_t|²]", {}, {}, {}};
    core::Series sim{"simulated", "Simulated mean of |S_t|²", core::SeriesStyle::Points, {}};
    core::Series exact{"exact", "Exact t·E|X|²", core::SeriesStyle::Line, {}};
    for (int t = 0; t <= 100; ++t) {
        p.x.push_back(t);
        sim.y.push_back(t * (1 + 0.02 * std::sin(t)));
        sim.error.push_back(0.03 * t);
        exact.y.push_back(t);
    }
    p.series = {sim, exact};
    return p;
}

/// Does anything drawn in `rect` reach into `box`, as it is painted: a bar over its whole width
/// from its base to its top, a graph's fill down to 0, a marker with its radius, a line between
/// neighbouring points (steps with their corners), an error bar over its whole length?
bool drawnUnder(QCPAxisRect* rect, const QRect& box)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const QRectF area = rect->rect();
    const QRectF target = QRectF(box).intersected(area);
    if (target.isEmpty())
        return false;
    auto pixel = [&](double key, double value) { return QPointF(x->coordToPixel(key), y->coordToPixel(value)); };
    const double base = std::clamp(y->coordToPixel(y->scaleType() == QCPAxis::stLogarithmic ? y->range().lower : 0.0),
                                   area.top(), area.bottom());
    // A disc of radius r at p, or with `fill` the column from p down to the base.
    auto hits = [&](QPointF p, double r, bool fill) {
        if (fill)
            return p.x() >= target.left() - r && p.x() <= target.right() + r &&
                   std::min(p.y(), base) <= target.bottom() + r && std::max(p.y(), base) >= target.top() - r;
        return target.adjusted(-r, -r, r, r).contains(p);
    };
    auto segment = [&](QPointF a, QPointF b, double r, bool fill) {
        const int n = int(std::ceil(std::max(std::abs(b.x() - a.x()), std::abs(b.y() - a.y())))) + 1;
        for (int i = 0; i <= n; ++i)
            if (hits(a + (b - a) * (double(i) / n), r, fill))
                return true;
        return false;
    };
    // A polyline through (key, value) pairs; NaN breaks it.
    auto polyline = [&](const QVector<QPointF>& points, double r, bool fill, bool line) {
        for (qsizetype i = 0; i < points.size(); ++i) {
            const QPointF p = points[i];
            if (!std::isfinite(p.y()))
                continue;
            if (hits(pixel(p.x(), p.y()), r, fill))
                return true;
            if (line && i + 1 < points.size() && std::isfinite(points[i + 1].y()) &&
                segment(pixel(p.x(), p.y()), pixel(points[i + 1].x(), points[i + 1].y()), r, fill))
                return true;
        }
        return false;
    };
    for (QCPAbstractPlottable* p : rect->plottables()) {
        if (!p->visible())
            continue;
        if (auto* graph = qobject_cast<QCPGraph*>(p)) {
            const double r = std::max(graph->scatterStyle().isNone() ? 0.0 : graph->scatterStyle().size() / 2,
                                      graph->pen().widthF() / 2);
            QVector<QPointF> points;
            for (const QCPGraphData& d : *graph->data()) {
                if (!points.isEmpty() && graph->lineStyle() == QCPGraph::lsStepLeft)
                    points.append({d.key, points.back().y()});
                if (!points.isEmpty() && graph->lineStyle() == QCPGraph::lsStepCenter) {
                    const double mid = (points.back().x() + d.key) / 2;
                    points.append({mid, points.back().y()});
                    points.append({mid, d.value});
                }
                points.append({d.key, d.value});
            }
            if (polyline(points, r, graph->brush().style() != Qt::NoBrush, graph->lineStyle() != QCPGraph::lsNone))
                return true;
        } else if (auto* curve = qobject_cast<QCPCurve*>(p)) {
            const double r = std::max(curve->scatterStyle().isNone() ? 0.0 : curve->scatterStyle().size() / 2,
                                      curve->pen().widthF() / 2);
            QVector<QPointF> points;
            for (const QCPCurveData& d : *curve->data())
                points.append({d.key, d.value});
            if (polyline(points, r, false, curve->lineStyle() != QCPCurve::lsNone))
                return true;
        } else if (auto* bars = qobject_cast<QCPBars*>(p)) {
            for (const QCPBarsData& d : *bars->data()) {
                const QRectF bar = QRectF(pixel(d.key - bars->width() / 2, d.value), pixel(d.key + bars->width() / 2, bars->baseValue()))
                                       .normalized();
                if (bar.intersects(target))
                    return true;
            }
        } else if (auto* errors = qobject_cast<QCPErrorBars*>(p)) {
            QCPPlottableInterface1D* points = errors->dataPlottable() ? errors->dataPlottable()->interface1D() : nullptr;
            for (int i = 0; points && i < std::min(points->dataCount(), errors->dataCount()); ++i) {
                const double key = points->dataMainKey(i), value = points->dataMainValue(i);
                const QCPErrorBarsData e = errors->data()->at(i);
                if (segment(pixel(key, value - e.errorMinus), pixel(key, value + e.errorPlus), errors->pen().widthF() / 2, false))
                    return true;
            }
        }
    }
    return false;
}

/// Highest and lowest value drawn in `rect` (error bars included).
QCPRange drawnValues(QCPAxisRect* rect)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (QCPAbstractPlottable* p : rect->plottables()) {
        bool found = false;
        const QCPRange v = p->getValueRange(found);
        if (found) {
            lo = std::min(lo, v.lower);
            hi = std::max(hi, v.upper);
        }
    }
    return QCPRange(lo, hi);
}

/// Is the legend of `rect` inside it (not beneath, not beside)?
bool legendInside(QCPAxisRect* rect)
{
    QCPLayoutInset* inset = rect->insetLayout();
    auto* legend = inset->elementCount() > 0 ? qobject_cast<QCPLegend*>(inset->elementAt(0)) : nullptr;
    return legend && legend->visible() && inset->insetPlacement(0) == QCPLayoutInset::ipBorderAligned;
}

}  // namespace

class PlotCanvasTest : public QObject {
    Q_OBJECT
private slots:
    void stepsAreLeftStepGraphs()
    {
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::countingPaths(6, 3, 5, 501)}));
        const auto graphs = seriesPlottables<QCPGraph>(canvas);
        QCOMPARE(graphs.size(), 7);  // 6 paths and the mean
        for (QCPGraph* g : graphs) {
            const bool path = g->property("seriesKey").toString().startsWith("path_");
            QCOMPARE(g->lineStyle(), path ? QCPGraph::lsStepLeft : QCPGraph::lsLine);
            QCOMPARE(g->dataCount(), 501);
        }
        // N(t) holds its value until the next time: right-continuous steps.
        QCOMPARE(legendNames(canvas.axisRect()),
                 QStringList({"Sample paths (6 realisations)", "Mean λt"}));
        QVERIFY(seriesPlottables<QCPCurve>(canvas).isEmpty());
        // Counts get whole-number ticks although the mean is not whole.
        QCPAxis* y = canvas.axisRect()->axis(QCPAxis::atLeft);
        layOut(canvas, 900, 600);
        for (double tick : y->tickVector())
            QCOMPARE(tick, std::round(tick));
    }

    void parametricSeriesAreCurvesInRowOrder()
    {
        const core::Panel panel = test::trajectories2D(4, 120);
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        const auto curves = seriesPlottables<QCPCurve>(canvas);
        QCOMPARE(curves.size(), 4 + 2);  // the paths, the starts, the ends
        QVERIFY(seriesPlottables<QCPGraph>(canvas).isEmpty());
        QList<QCPAbstractPlottable*> all;
        for (auto* c : curves)
            all << c;
        for (const QString& key : keysOf(all))
            QVERIFY2(!panel.find(key.toStdString())->coordinate, qPrintable(key));
        for (QCPCurve* c : curves) {
            const std::string key = c->property("seriesKey").toString().toStdString();
            const core::Series& s = *panel.find(key);
            const core::Series& x = *panel.find(s.xOf);
            if (s.style == core::SeriesStyle::Points) {
                QCOMPARE(c->dataCount(), 4);  // NaN padding dropped
                QCOMPARE(c->lineStyle(), QCPCurve::lsNone);
                QVERIFY(c->scatterStyle().shape() != QCPScatterStyle::ssNone);
                continue;
            }
            // The curve keeps the order of the rows (a walk doubles back on x).
            QCOMPARE(c->dataCount(), 121);
            for (int i = 0; i < c->dataCount(); ++i) {
                QCOMPARE(c->data()->at(i)->key, x.y[std::size_t(i)]);
                QCOMPARE(c->data()->at(i)->value, s.y[std::size_t(i)]);
            }
        }
        // Coordinate columns never reach the legend; one entry for the bundle.
        QCOMPARE(legendNames(canvas.axisRect()), QStringList({"Sample paths (4 walkers)", "Start", "End"}));
        // Start and end look different.
        QVERIFY(curves[4]->scatterStyle().shape() != curves[5]->scatterStyle().shape());
    }

    void equalAxesAtEverySize()
    {
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::trajectories2D(6, 300)}));
        QCPAxisRect* rect = canvas.axisRect();
        const core::Panel& panel = canvas.result().panels.front();
        for (const QSize size : {QSize(900, 600), QSize(500, 900), QSize(1600, 450), QSize(640, 640)}) {
            layOut(canvas, size.width(), size.height());
            QVERIFY2(std::abs(unitRatio(rect) - 1) < 0.01, qPrintable(QString::number(unitRatio(rect))));
            // Every point of every path is in view.
            const QCPRange x = rect->axis(QCPAxis::atBottom)->range(), y = rect->axis(QCPAxis::atLeft)->range();
            for (const auto& s : panel.series) {
                if (s.xOf.empty())
                    continue;
                const core::Series& xs = *panel.find(s.xOf);
                for (std::size_t i = 0; i < s.y.size(); ++i)
                    if (std::isfinite(s.y[i]))
                        QVERIFY(x.contains(xs.y[i]) && y.contains(s.y[i]));
            }
        }
        // Zoomed by the user: x stays, y follows it.
        rect->axis(QCPAxis::atBottom)->setRange(-5, 5);
        layOut(canvas, 700, 500);
        QCOMPARE(rect->axis(QCPAxis::atBottom)->range().lower, -5.0);
        QVERIFY(std::abs(unitRatio(rect) - 1) < 0.01);

        // The check can fail: a chart without equalAxes fills its rect.
        PlotCanvas other;
        other.setResult(test::resultOf({test::countingPaths(3, 3, 5, 101)}));
        layOut(other, 900, 600);
        QVERIFY(std::abs(unitRatio(other.axisRect()) - 1) > 0.1);
    }

    void heatMapIsTwoColourMapsOnOneScale()
    {
        const core::Panel panel = test::heatMap(6);
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        const auto maps = seriesPlottables<QCPColorMap>(canvas);
        QCOMPARE(maps.size(), 2);
        QCOMPARE(canvas.axisRectCount(), 2);
        QVERIFY(maps[0]->keyAxis()->axisRect() != maps[1]->keyAxis()->axisRect());
        QVERIFY(maps[0]->colorScale());
        QCOMPARE(maps[0]->colorScale(), maps[1]->colorScale());
        QCOMPARE(canvas.findChildren<QCPColorScale*>().size(), 1);
        double top = 0;
        for (const auto& s : panel.series)
            if (!s.coordinate)
                for (double v : s.y)
                    top = std::max(top, v);
        QCOMPARE(maps[0]->dataRange().lower, 0.0);
        QCOMPARE(maps[0]->dataRange().upper, top);
        QCOMPARE(maps[0]->gradient().colorStops(), maps[1]->gradient().colorStops());
        // Each cell holds its row's value, at the centre given by x and the "y" coordinate.
        const core::Series& y = *panel.find("y");
        for (int m = 0; m < 2; ++m) {
            const core::Series& s = *panel.find(maps[m]->property("seriesKey").toString().toStdString());
            QCOMPARE(maps[m]->data()->keySize(), 13);
            QCOMPARE(maps[m]->data()->valueSize(), 13);
            for (std::size_t i = 0; i < panel.x.size(); ++i)
                QCOMPARE(maps[m]->data()->data(panel.x[i], y.y[i]), s.y[i]);
        }
        for (const QSize size : {QSize(1100, 500), QSize(700, 700)}) {
            layOut(canvas, size.width(), size.height());
            for (QCPAxisRect* rect : canvas.axisRects())
                QVERIFY2(std::abs(unitRatio(rect) - 1) < 0.01, qPrintable(QString::number(unitRatio(rect))));
        }
        // Dragging one map moves the other.
        canvas.axisRects()[0]->axis(QCPAxis::atBottom)->setRange(-2, 3);
        QCOMPARE(canvas.axisRects()[1]->axis(QCPAxis::atBottom)->range(), QCPRange(-2, 3));
    }

    void heatMapsAreAsTallAsTheirCells()
    {
        // A square box of cells in a tall room: square maps of equal size, as wide as the
        // room allows, showing just the box (no rows of empty cells above and below); the
        // colour scale beneath, from the left of the first map to the right of the last.
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::heatMap(6)}));
        layOut(canvas, 700, 900);
        const QList<QCPAxisRect*> rects = mapRects(canvas);
        QCOMPARE(rects.size(), 2);
        const QRect a = rects[0]->rect(), b = rects[1]->rect();
        QVERIFY2(a.width() > 250 && std::abs(a.width() - b.width()) <= 1,
                 qPrintable(QStringLiteral("%1, %2").arg(a.width()).arg(b.width())));
        for (QCPAxisRect* rect : rects) {
            QVERIFY2(std::abs(rect->height() - rect->width()) <= 2,
                     qPrintable(QStringLiteral("%1 × %2").arg(rect->width()).arg(rect->height())));
            QVERIFY(std::abs(unitRatio(rect) - 1) < 0.01);
            const QCPRange y = rect->axis(QCPAxis::atLeft)->range();
            QVERIFY2(y.lower > -7 && y.upper < 7, qPrintable(QStringLiteral("%1 … %2").arg(y.lower).arg(y.upper)));
        }
        const auto scales = canvas.findChildren<QCPColorScale*>();
        QCOMPARE(scales.size(), 1);
        const QRect bar = scales.front()->rect();
        QVERIFY(bar.top() > rects[0]->outerRect().bottom());
        QVERIFY2(std::abs(bar.left() - a.left()) <= 2 && std::abs(bar.right() - b.right()) <= 2,
                 qPrintable(QStringLiteral("%1 … %2 under %3 … %4").arg(bar.left()).arg(bar.right()).arg(a.left()).arg(b.right())));
        // The room the maps leave is shared above and below them.
        const int above = rects[0]->outerRect().top(), below = 900 - bar.bottom();
        QVERIFY2(above > 100 && std::abs(above - below) < 0.3 * above, qPrintable(QStringLiteral("%1, %2").arg(above).arg(below)));

        // In a wide room the maps take all the height and show more columns beside the box.
        layOut(canvas, 1600, 500);
        for (QCPAxisRect* rect : canvas.axisRects()) {
            QVERIFY2(rect->width() > 2 * rect->height(), qPrintable(QStringLiteral("%1 × %2").arg(rect->width()).arg(rect->height())));
            QVERIFY(std::abs(unitRatio(rect) - 1) < 0.01);
        }
    }

    void space3DIsProjectedWithEqualUnits()
    {
        const core::Panel panel = test::trajectories3D(3, 200);
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        const auto curves = seriesPlottables<QCPCurve>(canvas);
        QCOMPARE(curves.size(), 3 + 2);
        for (QCPCurve* c : curves) {
            const core::Series* s = panel.find(c->property("seriesKey").toString().toStdString());
            QVERIFY(s && !s->coordinate);
            QCOMPARE(c->dataCount(), s->style == core::SeriesStyle::Points ? 3 : 201);
        }
        QStringList texts;
        for (int i = 0; i < canvas.itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(canvas.item(i)))
                texts << t->text();
        for (const char* axis : {"x", "y", "z"})
            QVERIFY2(texts.contains(axis), axis);
        QVERIFY(texts.size() > 6);  // and tick labels
        layOut(canvas, 900, 700);
        QVERIFY(std::abs(unitRatio(canvas.axisRect()) - 1) < 0.01);
        QCOMPARE(legendNames(canvas.axisRect()), QStringList({"Sample paths (3 walkers)", "Start", "End"}));
    }

    void logAxisDropsNonPositiveValues()
    {
        core::Panel panel = test::logPanel(40);
        panel.series[0].y[3] = 0;  // cannot be drawn on a log axis
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        QCPAxis* y = canvas.axisRect()->axis(QCPAxis::atLeft);
        QCOMPARE(y->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(y->range().lower > 0);
        const auto graphs = seriesPlottables<QCPGraph>(canvas);
        QCOMPARE(graphs.size(), 2);
        QCPGraph* points = graphs[0]->property("seriesKey").toString() == "exact" ? graphs[0] : graphs[1];
        QVERIFY(std::isnan(points->data()->at(3)->value));
        QVERIFY(y->range().contains(panel.series[0].y[39]) && y->range().contains(panel.series[0].y[0]));
    }

    void hiddenOptionalSeriesAreNotDrawn()
    {
        core::Panel panel = test::trajectories2D(2, 50);
        for (auto& s : panel.series)
            if (s.key == "end_y")
                s.optional = true;
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        QCOMPARE(seriesPlottables<QCPCurve>(canvas).size(), 4);
        canvas.setSeriesVisible("end_y", false);
        QCOMPARE(seriesPlottables<QCPCurve>(canvas).size(), 3);
    }

    void legendStaysInsideItsPlotOrGoesBeneath()
    {
        // Short labels sit in the plot; labels longer than the plot is wide are broken into
        // lines inside it while the legend takes at most half its height, else go beneath it
        // (a narrow plot) or beside it (a wide, short one), in a smaller font if need be;
        // never cut, never over the tick labels.
        core::Panel panel = test::logPanel(200);
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        layOut(canvas, 800, 500);
        QCPAxisRect* rect = canvas.axisRect();
        auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(0));
        QVERIFY(legend);
        QVERIFY(rect->rect().contains(legend->outerRect()));

        const QString label = "Exact (|k|/n)·P(S_n = k), with a label much longer than the plot is wide";
        panel.series[0].label = label.toStdString();
        canvas.setResult(test::resultOf({panel}));
        enum Place { Inside, Beneath, Beside };
        const QList<std::pair<QSize, Place>> cases{{QSize(1600, 500), Inside}, {QSize(400, 300), Inside},
                                                   {QSize(1600, 500), Inside}, {QSize(260, 330), Beneath},
                                                   {QSize(700, 170), Beside}, {QSize(400, 200), Beneath}};
        for (const auto& [size, expected] : cases) {
            layOut(canvas, size.width(), size.height());
            rect = canvas.axisRect();
            const QList<QCPLegend*> legends = canvas.findChildren<QCPLegend*>();
            const auto found = std::find_if(legends.begin(), legends.end(),
                                            [](QCPLegend* l) { return l->itemCount() > 0; });
            QVERIFY(found != legends.end());
            legend = *found;
            const QRect box = legend->outerRect();
            const Place place = legend->layout() != rect->insetLayout() ? Beneath
                                : rect->insetLayout()->insetPlacement(0) == QCPLayoutInset::ipFree ? Beside
                                                                                                 : Inside;
            QCOMPARE(place, expected);
            // 400 × 200: no place fits even in the smallest font (11 px): beneath, in it.
            QCOMPARE(legend->font().pixelSize() < 13, size == QSize(400, 200));
            QVERIFY(legend->font().pixelSize() >= 11);
            if (place == Inside) {
                QVERIFY(rect->rect().contains(box));
            } else if (place == Beneath) {
                // Beneath the x axis and its label, within the plot's column.
                QVERIFY(box.top() > rect->outerRect().bottom() - 2);
                QVERIFY(box.left() >= rect->outerRect().left() && box.right() <= rect->outerRect().right());
                QVERIFY(box.bottom() <= size.height());
            } else {
                // Right of the plot and of its last tick label, within the canvas.
                QVERIFY(box.left() > rect->rect().right());
                QVERIFY(box.right() <= size.width() && box.bottom() <= size.height());
            }
            auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(0));
            QVERIFY(item);
            // In lines where the plot is narrow, every word there.
            const QString name = item->plottable()->name();
            QCOMPARE(name.contains('\n'), size.width() < 1600);
            QCOMPARE(QString(name).replace('\n', ' '), walklab::ui::detail::displayText(label));  // Sₙ
            QVERIFY(item->outerRect().right() <= box.right());
            const QFontMetrics metrics(item->font());
            for (const QString& line : name.split('\n'))
                QVERIFY2(item->rect().left() + legend->iconSize().width() + legend->iconTextPadding() +
                                 metrics.horizontalAdvance(line) <= box.right(),
                         qPrintable(line));
        }
    }

    void legendNeverHidesData()
    {
        // Small plots (a 1024-px screen, many views in a short export): the legend goes where
        // it hides no data point and no bar — inside with headroom, beneath, or beside a wide,
        // short plot — in a smaller font if need be, never below the floor.
        PlotCanvas canvas;
        for (const int panels : {1, 2}) {
            std::vector<core::Panel> list(std::size_t(panels), bellPanel());
            list.back().key = "endpoint2";
            canvas.setResult(test::resultOf(list));
            for (const QSize size : {QSize(800, 500), QSize(600, 300), QSize(560, 260), QSize(400, 200),
                                     QSize(300, 220), QSize(900, 150), QSize(1600, 160)}) {
                layOut(canvas, size.width(), size.height());
                int legends = 0;
                for (QCPLegend* legend : canvas.findChildren<QCPLegend*>()) {
                    if (legend->itemCount() == 0 || !legend->visible())
                        continue;
                    ++legends;
                    const QString where = QStringLiteral("%1 panel(s) at %2×%3").arg(panels).arg(size.width()).arg(size.height());
                    QVERIFY2(legend->font().pixelSize() >= 11, qPrintable(where));
                    for (QCPAxisRect* rect : canvas.axisRects())
                        QVERIFY2(!dataUnder(rect, legend->outerRect()), qPrintable(where));
                    QVERIFY2(QRect(0, 0, size.width(), size.height()).contains(legend->outerRect()), qPrintable(where));
                }
                QCOMPARE(legends, panels);
            }
        }
        // The wrong placement is caught: the legend put back over the middle of the bell.
        canvas.setResult(test::resultOf({bellPanel()}));
        layOut(canvas, 400, 200);
        QCPAxisRect* rect = canvas.axisRect();
        const QRect middle(rect->rect().center().x() - 40, rect->rect().center().y() - 20, 80, 40);
        QVERIFY(dataUnder(rect, middle));
    }

    void legendCoversNothingDrawn()
    {
        // What a new user saw at 1024 × 768: the interarrival legend over the density curve and
        // the bars, the "Arrival" legend over the timeline's dots (rows one after another, x not
        // in increasing order). Everything drawn counts (drawnUnder), not only the centres of
        // points and bars: bars over their width, fills, markers with their radius, the lines
        // between points, error bars. At the sizes of a 1024-px screen's columns and of
        // exports, going down and up again (nothing kept from the size before).
        const std::vector<core::Panel> panels{timelinePanel(), interarrivalPanel(), bellPanel(), msdPanel()};
        const QList<QSize> sizes{QSize(1600, 700), QSize(270, 260), QSize(280, 330), QSize(330, 420), QSize(420, 300),
                                 QSize(560, 420), QSize(800, 500), QSize(400, 200), QSize(900, 150), QSize(1600, 700)};
        PlotCanvas canvas;
        auto check = [&canvas](const QString& what) {
            for (QCPLegend* legend : canvas.findChildren<QCPLegend*>()) {
                if (legend->itemCount() == 0 || !legend->visible())
                    continue;
                QVERIFY2(legend->font().pixelSize() >= 11, qPrintable(what));
                for (QCPAxisRect* rect : canvas.axisRects())
                    QVERIFY2(!drawnUnder(rect, legend->outerRect()), qPrintable(what));
            }
        };
        for (const core::Panel& panel : panels) {
            canvas.setResult(test::resultOf({panel}));
            for (const QSize size : sizes) {
                layOut(canvas, size.width(), size.height());
                check(QStringLiteral("%1 at %2×%3").arg(QString::fromStdString(panel.key)).arg(size.width()).arg(size.height()));
            }
        }
        canvas.setResult(test::resultOf(panels));
        for (const QSize size : {QSize(540, 700), QSize(1100, 900), QSize(540, 385), QSize(1600, 1400)}) {
            layOut(canvas, size.width(), size.height());
            check(QStringLiteral("four panels at %1×%2").arg(size.width()).arg(size.height()));
        }
        // The check sees what a check of centres misses: a box over the side of a wide bar.
        canvas.setResult(test::resultOf({interarrivalPanel()}));
        layOut(canvas, 800, 500);
        QCPAxisRect* rect = canvas.axisRect();
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        const int side = int(x->coordToPixel(0.09)), low = int(y->coordToPixel(0.5));
        const QRect overSide(side - 2, low - 2, 4, 4);
        QVERIFY(drawnUnder(rect, overSide));
        QVERIFY(!dataUnder(rect, overSide));
        // And the timeline's dots, anywhere in its middle.
        canvas.setResult(test::resultOf({timelinePanel()}));
        layOut(canvas, 800, 500);
        rect = canvas.axisRect();
        QVERIFY(drawnUnder(rect, QRect(rect->rect().center() - QPoint(40, 15), QSize(80, 30))));
    }

    void yRangeFitsTheDataUnlessALegendIsInside()
    {
        // The y axis makes room for a legend only while the legend is inside the plot and needs
        // it, and then little (a legend that would need much goes beneath or beside); with the
        // legend elsewhere y ends 7 % above the data, also after a size where it was inside.
        PlotCanvas canvas;
        auto check = [&canvas](const QString& what) {
            for (QCPAxisRect* rect : canvas.axisRects()) {
                const QCPRange data = drawnValues(rect), shown = rect->axis(QCPAxis::atLeft)->range();
                const double span = data.upper - shown.lower;
                const double room = legendInside(rect) ? 0.4 : 0.08;
                QVERIFY2(shown.upper >= data.upper, qPrintable(QStringLiteral("%1: %2 < %3").arg(what).arg(shown.upper).arg(data.upper)));
                QVERIFY2(shown.upper <= data.upper + room * span,
                         qPrintable(QStringLiteral("%1: y up to %2 for data up to %3").arg(what).arg(shown.upper).arg(data.upper)));
            }
        };
        const QList<QSize> sizes{QSize(1600, 700), QSize(400, 300), QSize(270, 420), QSize(330, 420),
                                 QSize(800, 500), QSize(270, 260), QSize(1600, 700)};
        for (const core::Panel& panel : {msdPanel(), timelinePanel(), interarrivalPanel(), bellPanel()}) {
            canvas.setResult(test::resultOf({panel}));
            for (const QSize size : sizes) {
                layOut(canvas, size.width(), size.height());
                check(QStringLiteral("%1 at %2×%3").arg(QString::fromStdString(panel.key)).arg(size.width()).arg(size.height()));
            }
        }
        canvas.setResult(test::resultOf({msdPanel(), timelinePanel(), interarrivalPanel(), bellPanel()}));
        for (const QSize size : {QSize(1100, 900), QSize(540, 385), QSize(540, 900), QSize(1100, 900)}) {
            layOut(canvas, size.width(), size.height());
            check(QStringLiteral("four panels at %1×%2").arg(size.width()).arg(size.height()));
        }
    }

    void manyViewsScrollInsteadOfShrinking()
    {
        // Four views in the plot area of a 1024 × 768 window (about 540 × 385 px): the canvas
        // grows in its scroll area until the data area of every plot is 150 px high; titles
        // stay whole, inside the canvas, clear of the plots.
        QScrollArea area;
        area.setWidgetResizable(true);
        area.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        auto* canvas = new PlotCanvas;
        area.setWidget(canvas);
        canvas->setResult(test::resultOf({timelinePanel(), test::countingPaths(20, 3, 8, 200), bellPanel(), interarrivalPanel()}));
        area.resize(540, 385);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        auto shortest = [canvas] {
            int least = std::numeric_limits<int>::max();
            for (QCPAxisRect* rect : canvas->axisRects())
                least = std::min(least, rect->height());
            return least;
        };
        QTRY_VERIFY2(shortest() >= 150, qPrintable(QString::number(shortest())));
        QVERIFY(canvas->height() > 385);
        for (int i = 0; i < canvas->plotLayout()->elementCount(); ++i) {
            auto* title = qobject_cast<QCPTextElement*>(canvas->plotLayout()->elementAt(i));
            if (!title)
                continue;
            QVERIFY(canvas->rect().contains(title->outerRect()));
            for (QCPAxisRect* rect : canvas->axisRects())
                QVERIFY(!title->outerRect().intersects(rect->rect()));
        }
        // Two views need no scrolling at that size.
        canvas->setResult(test::resultOf({bellPanel(), interarrivalPanel()}));
        QTRY_COMPARE(canvas->height(), area.viewport()->height());
    }

    void logAxisTickLabelsStandApart()
    {
        // Log–log axes over 1 … 10^5 steps in a narrow plot (the passage view of the fair-game
        // preset): neighbouring labels such as "1000" and "10000" stay apart.
        core::Panel panel{"passage", "First passage", "n", "Step n", "P(T = n)", {}, {}, {}};
        panel.logX = panel.logY = true;
        core::Series exact{"exact", "Exact", core::SeriesStyle::Points, {}};
        for (int i = 0; i <= 100; ++i) {
            panel.x.push_back(std::round(std::pow(10.0, i / 20.0)));
            exact.y.push_back(std::pow(panel.x.back(), -1.5));
        }
        panel.series = {exact};
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel, panel}));
        for (const QSize size : {QSize(540, 400), QSize(700, 400), QSize(1600, 700)}) {
            layOut(canvas, size.width(), size.height());
            for (QCPAxisRect* rect : canvas.axisRects()) {
                QCPAxis* axis = rect->axis(QCPAxis::atBottom);
                const QFontMetrics metrics(axis->tickLabelFont());
                double lastRight = -1e9;
                int shown = 0;
                for (qsizetype i = 0; i < axis->tickVector().size(); ++i) {
                    if (!axis->range().contains(axis->tickVector()[i]))
                        continue;
                    const double centre = axis->coordToPixel(axis->tickVector()[i]);
                    const double half = metrics.horizontalAdvance(axis->tickVectorLabels()[i]) / 2.0;
                    QVERIFY2(centre - half >= lastRight + 8, qPrintable(axis->tickVectorLabels()[i]));
                    lastRight = centre + half;
                    ++shown;
                }
                QVERIFY(shown >= 2);
            }
        }
    }

    void legendEntriesLeaveRoomForDescenders()
    {
        // QCustomPlot clips an entry to its own box: the subscript of "Sₙ" and the tail of
        // "y" must lie inside it (measured as deep as an underscore, the deepest of them).
        core::Panel panel = test::logPanel(50);
        panel.series[0].label = "P(S_n = k) by y";
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        layOut(canvas, 800, 500);
        auto* legend = qobject_cast<QCPLegend*>(canvas.axisRect()->insetLayout()->elementAt(0));
        QVERIFY(legend && legend->itemCount() == 1);
        QCPAbstractLegendItem* item = legend->item(0);
        const QFontMetrics metrics(item->font());
        const int lowest = item->rect().top() + metrics.ascent() +
                           metrics.tightBoundingRect(QStringLiteral("_y")).bottom();
        QVERIFY2(lowest <= item->outerRect().bottom(),
                 qPrintable(QStringLiteral("%1 > %2").arg(lowest).arg(item->outerRect().bottom())));
    }

    void panelsWithoutSeriesAreNotDrawn()
    {
        core::Panel empty{"position", "Position: choose barriers = reflecting", "x", "", "", {0, 1}, {}, {}};
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({empty, test::logPanel(20)}));
        QCOMPARE(canvas.shownViews(), QStringList({"firstreturn"}));
        QCOMPARE(canvas.axisRects().size(), 1);
        canvas.setResult(test::resultOf({empty, test::logPanel(20)}), {"position", "firstreturn"});
        QCOMPARE(canvas.shownViews(), QStringList({"firstreturn"}));
    }

    void longTitlesWrapToTheirColumn()
    {
        core::Panel a = test::logPanel(20), b = test::logPanel(20);
        a.title = "Reflected walks: z = 10, a = 20 (the first 800 of n = 10000 steps)";
        b.key = "other";
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({a, b}));
        auto titleText = [&] {
            for (int i = 0; i < canvas.plotLayout()->elementCount(); ++i)
                if (auto* t = qobject_cast<QCPTextElement*>(canvas.plotLayout()->elementAt(i)); t && t->text().startsWith("Reflected"))
                    return std::pair{t->text(), QFontMetrics(t->font())};
            return std::pair{QString(), QFontMetrics(QFont())};
        };
        layOut(canvas, 3000, 600);
        QVERIFY(!titleText().first.contains('\n'));
        layOut(canvas, 800, 600);
        const auto [text, metrics] = titleText();
        const QStringList lines = text.split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QString& line : lines)
            QVERIFY2(metrics.horizontalAdvance(line) <= 400, qPrintable(line));
        QVERIFY(lines[1].contains(QStringLiteral("n = 10000")));  // "n = 10000" not broken
        QVERIFY(!text.contains(QStringLiteral("…")));
    }

    void longAxisTitlesWrapToTheirAxis()
    {
        core::Panel panel = test::logPanel(20);
        const QString full = "Probability density (per quarter-hour at the front desk of the hospital)";
        panel.yLabel = full.toStdString();
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        QCPAxis* y = canvas.axisRect()->axis(QCPAxis::atLeft);
        layOut(canvas, 800, 900);
        QCOMPARE(y->label(), full);
        layOut(canvas, 800, 300);  // the plot is shorter than the title: lines, none longer than the axis
        QVERIFY2(y->label().contains('\n'), qPrintable(y->label()));
        QCOMPARE(QString(y->label()).replace('\n', ' '), full);
        for (const QString& line : y->label().split('\n'))
            QVERIFY2(QFontMetrics(y->labelFont()).horizontalAdvance(line) <= canvas.axisRect()->height(), qPrintable(line));
    }

    void axisTitlesWrapAtWordsToTheWholeAxis()
    {
        // Four rows of panels with long x titles, first laid out small (a widget's first size),
        // then exported 600 px wide: each x title is broken at spaces only, into lines as full
        // as the axis rect allows (never one word a line because an earlier, smaller layout
        // made the axis narrow), and the plots keep a usable size.
        std::vector<core::Panel> panels;
        const QString full = "Time t (workdays at the hospitals)";
        for (int i = 0; i < 7; ++i) {
            core::Panel p = test::logPanel(20);
            p.key = "panel" + std::to_string(i);
            p.xLabel = full.toStdString();
            p.yLabel = "Probability density (per workday at the hospitals)";
            panels.push_back(p);
        }
        PlotCanvas canvas;
        canvas.setResult(test::resultOf(panels));
        layOut(canvas, 320, 240);
        layOut(canvas, 600, 2800);
        QCOMPARE(canvas.axisRectCount(), 7);
        for (QCPAxisRect* rect : canvas.axisRects()) {
            QVERIFY2(rect->width() >= 150 && rect->height() >= 300,
                     qPrintable(QStringLiteral("%1 × %2").arg(rect->width()).arg(rect->height())));
            QCPAxis* x = rect->axis(QCPAxis::atBottom);
            const QStringList lines = x->label().split('\n');
            QCOMPARE(lines.join(' '), full);  // only spaces became breaks: no word is split
            const QFontMetrics metrics(x->labelFont());
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                // Greedy and full: the next line's first word would not have fitted.
                const QString longer = lines[i] + ' ' + lines[i + 1].section(' ', 0, 0);
                QVERIFY2(metrics.horizontalAdvance(longer) > rect->width(), qPrintable(x->label()));
            }
            for (const QString& line : lines)
                QVERIFY2(metrics.horizontalAdvance(line) <= rect->width(), qPrintable(line));
        }
        // Back at a wide size, the titles are whole again.
        layOut(canvas, 3000, 2800);
        QCOMPARE(canvas.axisRects().front()->axis(QCPAxis::atBottom)->label(), full);
    }

    void narrowHeatMapsStackAndKeepTheirNumbersApart()
    {
        // A heat map beside another plot in a 600 × 700 export: the maps go one above the other
        // (wider than side by side), each with at least 3 numbers on each axis, and the colour
        // scale's numbers do not run together.
        core::Panel chart = test::logPanel(20);
        chart.key = "chart";
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({chart, test::heatMap(30)}));
        auto labelsApart = [](QCPAxis* axis, int* shown) {
            const QFontMetrics metrics(axis->tickLabelFont());
            double lastRight = -1e9;
            *shown = 0;
            for (qsizetype i = 0; i < axis->tickVector().size(); ++i) {
                if (!axis->range().contains(axis->tickVector()[i]))
                    continue;
                ++*shown;
                const double c = axis->coordToPixel(axis->tickVector()[i]);
                const double half = metrics.horizontalAdvance(axis->tickVectorLabels()[i]) / 2.0;
                if (c - half < lastRight + 4)
                    return false;
                lastRight = c + half;
            }
            return true;
        };
        for (const QSize size : {QSize(600, 700), QSize(900, 700), QSize(1600, 700)}) {
            layOut(canvas, size.width(), size.height());
            const QList<QCPAxisRect*> rects = mapRects(canvas);
            QCOMPARE(rects.size(), 2);
            const QRect a = rects[0]->rect(), b = rects[1]->rect();
            const bool stacked = b.top() > a.bottom();
            QCOMPARE(stacked, size.width() < 1600);
            QVERIFY2(a.width() >= 0.4 * size.width() / 2, qPrintable(QString::number(a.width())));
            for (QCPAxisRect* rect : rects) {
                QVERIFY(std::abs(unitRatio(rect) - 1) < 0.01);
                for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
                    int shown = 0;
                    QVERIFY(axis->orientation() == Qt::Vertical || labelsApart(axis, &shown));
                    if (axis->orientation() == Qt::Vertical)
                        for (double t : axis->tickVector())
                            shown += axis->range().contains(t);
                    QVERIFY2(shown >= 3, qPrintable(QStringLiteral("%1 ticks at %2").arg(shown).arg(size.width())));
                }
            }
            QCPAxis* scale = canvas.findChildren<QCPColorScale*>().front()->axis();
            int shown = 0;
            QVERIFY2(labelsApart(scale, &shown), qPrintable(scale->tickVectorLabels().toList().join(' ')));
            QVERIFY(shown >= 2);
        }
    }

    void plainWheelScrollsCtrlWheelZooms()
    {
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::logPanel(20)}));
        layOut(canvas, 800, 600);
        QCPAxis* x = canvas.axisRect(0)->axis(QCPAxis::atBottom);
        const QCPRange before = x->range();
        const QPointF centre = canvas.axisRect(0)->rect().center();
        auto wheel = [&](Qt::KeyboardModifiers modifiers) {
            QWheelEvent event(centre, canvas.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, modifiers,
                              Qt::NoScrollPhase, false);
            QCoreApplication::sendEvent(&canvas, &event);
            return event.isAccepted();
        };
        QVERIFY(!wheel(Qt::NoModifier));  // left to the scroll area around the plots
        QCOMPARE(x->range().lower, before.lower);
        QCOMPARE(x->range().upper, before.upper);
        wheel(Qt::ControlModifier);
        QVERIFY(x->range().size() < before.size());
    }
};

QTEST_MAIN(PlotCanvasTest)
#include "PlotCanvasTest.moc"
