// PlotCanvas: what each panel kind hands to QCustomPlot (offscreen). State, not pixels:
// plottable types and counts, line styles, legends, colour maps, and equal units at every size.
#include "SyntheticResults.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/plot/PlotStyle.h"

#include <QTest>

#include <algorithm>
#include <cmath>

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
                                                   {QSize(700, 170), Beside}, {QSize(400, 200), Inside}};
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
            // 400 × 200: inside in a smaller font, which then takes at most half the height.
            QCOMPARE(legend->font().pixelSize() < 13, size == QSize(400, 200));
            QVERIFY(legend->font().pixelSize() >= 10);
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
                    QVERIFY2(legend->font().pixelSize() >= 10, qPrintable(where));
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
