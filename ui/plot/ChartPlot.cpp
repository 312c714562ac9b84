#include "ui/plot/ChartPlot.h"

#include "ui/plot/PlotStyle.h"
#include "ui/plot/SeriesPoints.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::ui::detail {

namespace {

// Above this many x values the simulated frequencies are drawn as one filled step curve:
// thousands of QCPBars are slow and narrower than a pixel anyway.
constexpr qsizetype kMaxBars = 3000;
// Beyond this many x values bars lose their outline, and Points over them become rings.
constexpr qsizetype kMaxOutlinedBars = 250;
// Points drawn over another series up to this many are markers (a trajectory's start and
// end); more are a cloud, drawn as small dots.
constexpr qsizetype kMaxMarkers = 200;

struct Drawn {
    const core::Series* series = nullptr;
    PlanePoints points;
    QCPAbstractPlottable* plottable = nullptr;
};

bool parametric(const core::Series& s)
{
    return !s.xOf.empty();
}

/// Paint order: bars at the back, then curves and guides, points, and markers in front.
int paintRank(const core::Series& s)
{
    switch (s.style) {
    case core::SeriesStyle::Bars: return 0;
    case core::SeriesStyle::Line:
    case core::SeriesStyle::Steps: return 1;
    case core::SeriesStyle::Guide: return 2;
    case core::SeriesStyle::Points: return parametric(s) ? 4 : 3;
    }
    return 1;
}

/// A logarithmic axis with ticks at the powers of ten; `format` is QCPAxis::setNumberFormat's.
void makeLogarithmic(QCPAxis* axis, const QString& format)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    axis->setNumberFormat(format);
    axis->setNumberPrecision(format.startsWith(QLatin1Char('g')) ? 6 : 0);
}

/// The range lo … hi of positive values on a log axis, widened by the fractions of its
/// decades below and above (the same on screen as a linear margin).
QCPRange logRange(double lo, double hi, double below, double above)
{
    if (hi == lo) {
        lo /= 2;
        hi *= 2;
    }
    const double decades = std::log10(hi / lo);
    return QCPRange(lo / std::pow(10, below * decades), hi * std::pow(10, above * decades));
}

/// True when every finite value is a whole number (and there is one).
bool wholeNumbers(const QVector<double>& values)
{
    bool any = false;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        if (v != std::floor(v))
            return false;
        any = true;
    }
    return any;
}

struct Extent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v)
    {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    bool empty() const { return !(lo <= hi); }
};

QPen guidePen(int index)
{
    // Wide and long-dashed, to read on a projector; the second guide (a ± band) dash-dotted.
    QPen pen(kGuideColor, 2.5);
    if (index == 0)
        pen.setDashPattern({4.0, 2.0});
    else
        pen.setDashPattern({4.0, 1.6, 1.0, 1.6});
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

/// True when the x are in increasing order (a timeline's rows, one after another, are not):
/// QCustomPlot searches data it was told are sorted by bisection.
bool increasing(const QVector<double>& x)
{
    return std::is_sorted(x.begin(), x.end());
}

QCPGraph* makeGraph(QCPAxisRect* rect, const PlanePoints& p, QCPGraph::LineStyle style, bool sorted)
{
    auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setData(p.x, p.y, sorted);
    graph->setLineStyle(style);
    return graph;
}

QCPCurve* makeCurve(QCPAxisRect* rect, const PlanePoints& p)
{
    auto* curve = new QCPCurve(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    curve->setData(p.x, p.y);  // t = row index: drawn in the panel's order
    return curve;
}

/// The edge of a bin centred at x, half of `width` away (negative: the left edge); on a log
/// axis a left edge at or below 0 is drawn at x / 2.
double binEdge(double x, double width, bool logX)
{
    const double edge = x + width / 2;
    return logX && edge <= 0 ? x / 2 : edge;
}

/// Bars of their own widths as one outline: for each run of adjacent bins the base, the top
/// of every bin from edge to edge, and the base again; NaN between runs (a gap). `base` is
/// where the bars stand (0, or the bottom of a log axis).
PlanePoints binOutline(const PlanePoints& p, bool logX, double base)
{
    PlanePoints out;
    auto add = [&out](double x, double y) {
        out.x.push_back(x);
        out.y.push_back(y);
    };
    bool open = false;
    double lastRight = 0;
    for (qsizetype i = 0; i < p.x.size(); ++i) {
        const double y = p.y[i];
        const double left = binEdge(p.x[i], -p.width[i], logX), right = binEdge(p.x[i], p.width[i], logX);
        const bool drawn = std::isfinite(y) && y != 0;
        // Neighbours share an edge up to rounding (fractions of n: x ± w/2).
        const bool adjacent = std::abs(left - lastRight) <= 1e-9 * std::max(std::abs(left), p.width[i]);
        if (open && (!drawn || !adjacent)) {
            add(lastRight, base);
            add(lastRight, std::nan(""));
            open = false;
        }
        if (!drawn)
            continue;
        if (!open)
            add(left, base);
        add(open ? lastRight : left, y);
        add(right, y);
        open = true;
        lastRight = right;
    }
    if (open)
        add(lastRight, base);
    return out;
}

/// Width of the bars over `x`: the smallest gap between neighbouring x (1 for the integers of
/// a PMF, the bin width of a density histogram), 1 when there is no gap.
double barWidth(const std::vector<double>& x)
{
    double width = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < x.size(); ++i)
        if (x[i] > x[i - 1])
            width = std::min(width, x[i] - x[i - 1]);
    return std::isfinite(width) ? width : 1.0;
}

}  // namespace

QString bundleName(const QString& firstLabel, int count)
{
    // "Walker 1" → "walker": the noun of the numbered labels; "path" when there is none.
    QString noun = firstLabel;
    noun.remove(QRegularExpression(QStringLiteral("\\s*\\d+$")));
    noun = noun.trimmed().toLower();
    if (noun.isEmpty())
        noun = QStringLiteral("path");
    if (count == 1)
        return QStringLiteral("Sample path (1 %1)").arg(noun);
    return QStringLiteral("Sample paths (%1 %2s)").arg(count).arg(noun);
}

Ranges drawChart(QCPAxisRect* rect, const core::Panel& panel, const QSet<QString>& hidden)
{
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    xAxis->setLabel(displayText(panel.xLabel));
    yAxis->setLabel(displayText(panel.yLabel));
    if (panel.logY)
        makeLogarithmic(yAxis, QStringLiteral("eb"));  // probabilities: 10^k as a power
    if (panel.logX)
        makeLogarithmic(xAxis, QStringLiteral("gb"));  // times: 1, 10, …, 10^5, then powers

    // Points to draw per series; on a log axis values ≤ 0 cannot be drawn: a point with
    // x ≤ 0 is left out, y ≤ 0 becomes a gap (left out of a parametric curve).
    std::vector<Drawn> drawn;
    const PathBundle bundle = pathBundle(panel);
    for (const core::Series* s : drawnSeries(panel, hidden)) {
        Drawn d{s, planePoints(panel, *s), nullptr};
        if (panel.logX || panel.logY) {
            PlanePoints kept;
            for (qsizetype i = 0; i < d.points.x.size(); ++i) {
                if (panel.logX && !(d.points.x[i] > 0))
                    continue;
                const double y = !panel.logY || d.points.y[i] > 0 ? d.points.y[i] : std::nan("");
                if (std::isnan(y) && parametric(*s))
                    continue;
                kept.x.push_back(d.points.x[i]);
                kept.y.push_back(y);
                if (!d.points.error.isEmpty())
                    kept.error.push_back(d.points.error[i]);
                if (!d.points.width.isEmpty())
                    kept.width.push_back(d.points.width[i]);
            }
            d.points = std::move(kept);
        }
        drawn.push_back(std::move(d));
    }

    // Ranges from the drawn data (and the panel's x unless every curve is over another
    // series), with a small margin; probability panels start at 0.
    Extent ex, ey;
    QVector<double> xs, ys;
    const bool allParametric = !drawn.empty() && std::all_of(drawn.begin(), drawn.end(),
                                                              [](const Drawn& d) { return parametric(*d.series); });
    bool hasBars = false, hasPoints = false;
    for (const Drawn& d : drawn) {
        hasBars = hasBars || d.series->style == core::SeriesStyle::Bars;
        hasPoints = hasPoints || (d.series->style == core::SeriesStyle::Points && !parametric(*d.series));
        if (parametric(*d.series))
            for (double v : d.points.x)
                ex.add(v);
        for (qsizetype k = 0; k < d.points.y.size(); ++k) {
            const double v = d.points.y[k], e = d.points.error.isEmpty() ? 0 : d.points.error[k];
            ey.add(v);
            if (std::isfinite(e)) {  // the whole error bar is in sight
                ey.add(v + e);
                if (!panel.logY || v - e > 0)
                    ey.add(v - e);
            }
        }
        xs += d.points.x;
        if (d.series->style != core::SeriesStyle::Guide)  // counts keep whole ticks under a mean λt
            ys += d.points.y;
    }
    if (!allParametric) {
        for (std::size_t i = 0; i < panel.x.size(); ++i)
            if (!panel.logX || panel.x[i] > 0) {
                ex.add(panel.x[i]);
                if (panel.binWidth.size() == panel.x.size()) {  // the whole bin is in sight
                    ex.add(binEdge(panel.x[i], -panel.binWidth[i], panel.logX));
                    ex.add(binEdge(panel.x[i], panel.binWidth[i], panel.logX));
                }
            }
        xs += QVector<double>(panel.x.begin(), panel.x.end());
    }
    if (!panel.logX && wholeNumbers(xs)) {
        xAxis->setTicker(integerTicker());
        xAxis->setNumberPrecision(7);  // 1000000 in full, 1·10^7 and beyond as powers
    }
    if (!panel.logY && wholeNumbers(ys))
        yAxis->setTicker(integerTicker());
    xAxis->ticker()->setTickCount(6);
    yAxis->ticker()->setTickCount(6);

    double xmin = ex.empty() ? (panel.logX ? 1 : 0) : ex.lo, xmax = ex.empty() ? (panel.logX ? 10 : 1) : ex.hi;
    double ymin = ey.empty() ? (panel.logY ? 0.1 : 0) : ey.lo;
    double ymax = ey.empty() ? 1 : ey.hi;
    const double barSpan = panel.binWidth.size() == panel.x.size() ? 0.0 : barWidth(panel.x);
    if (panel.logX) {
        // Bars reach half a width beyond their centre (kept positive); a small margin else.
        const double lo = hasBars && xmin - barSpan / 2 > 0 ? xmin - barSpan / 2 : xmin;
        const double hi = hasBars ? xmax + barSpan / 2 : xmax;
        const QCPRange r = logRange(lo, hi, hasBars ? 0.01 : 0.03, hasBars ? 0.01 : 0.03);
        xmin = r.lower;
        xmax = r.upper;
        if (hasBars && !panel.logY)
            ymin = std::min(0.0, ymin);
    } else if (hasBars) {
        xmin -= barSpan / 2;
        xmax += barSpan / 2;
        const double pad = 0.01 * (xmax - xmin);
        xmin -= pad;
        xmax += pad;
        if (!panel.logY)
            ymin = std::min(0.0, ymin);
    } else if (xmax == xmin) {
        xmin -= 0.5;
        xmax += 0.5;
    } else if (panel.equalAxes || hasPoints) {
        // Room for the markers at both ends (paths and curves start at the frame).
        const double pad = (panel.equalAxes ? 0.04 : 0.015) * (xmax - xmin);
        xmin -= pad;
        xmax += pad;
    }
    Ranges ranges;
    if (panel.logY) {
        ranges.y = logRange(ymin, ymax, 0.04, 0.07);
    } else {
        if (ymax == ymin)
            ymax += ymax == 0 ? 1 : std::abs(ymax) * 0.5;
        const double yspan = ymax - ymin;
        const double ylo = (hasBars && ymin == 0) ? 0 : ymin - 0.04 * yspan;
        ranges.y = QCPRange(ylo, ymax + (panel.equalAxes ? 0.04 : 0.07) * yspan);
    }
    ranges.x = QCPRange(xmin, xmax);

    std::vector<std::size_t> order(drawn.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return paintRank(*drawn[a].series) < paintRank(*drawn[b].series);
    });

    int pathIndex = 0, lineIndex = 0, guideIndex = 0, markerIndex = 0;
    QStringList groups;  // Series::group in order of first appearance: one colour each
    for (const Drawn& d : drawn)
        if (!d.series->group.empty() && !groups.contains(QString::fromStdString(d.series->group)))
            groups << QString::fromStdString(d.series->group);
    for (std::size_t i : order) {
        Drawn& d = drawn[i];
        const core::Series& s = *d.series;
        const PlanePoints& p = d.points;
        switch (s.style) {
        case core::SeriesStyle::Bars: {
            if (!p.width.isEmpty()) {
                auto* graph = makeGraph(rect, binOutline(p, panel.logX, panel.logY ? ranges.y.lower : 0.0),
                                        QCPGraph::lsLine, true);
                graph->setPen(QPen(kBarPen, 1));
                graph->setBrush(kBarFill);
                d.plottable = graph;
            } else if (p.x.size() <= kMaxBars) {
                auto* bars = new QCPBars(xAxis, yAxis);
                QVector<double> bx, by;
                for (qsizetype k = 0; k < p.x.size(); ++k)
                    if (p.y[k] != 0 && !std::isnan(p.y[k])) {
                        bx.push_back(p.x[k]);
                        by.push_back(p.y[k]);
                    }
                bars->setData(bx, by, increasing(bx));
                bars->setWidthType(QCPBars::wtPlotCoords);
                bars->setWidth(barSpan);
                // Many bars are a pixel wide or less: without an outline (it would turn them
                // solid), in a deeper blue that still reads beside the exact values' rings.
                const bool thin = p.x.size() > kMaxOutlinedBars;
                bars->setBrush(thin ? kThinBarFill : kBarFill);
                bars->setPen(thin ? QPen(Qt::NoPen) : QPen(kBarPen, 1));
                if (panel.logY)
                    bars->setBaseValue(ranges.y.lower);
                d.plottable = bars;
            } else {
                auto* graph = makeGraph(rect, p, QCPGraph::lsStepCenter, increasing(p.x));
                // Thousands of steps: an outline in the fill's own colour, or it turns solid.
                graph->setPen(QPen(QColor(105, 155, 210), 1));
                graph->setBrush(kBarFill);
                d.plottable = graph;
            }
            break;
        }
        case core::SeriesStyle::Points: {
            if (parametric(s)) {
                QCPCurve* curve = makeCurve(rect, p);
                curve->setLineStyle(QCPCurve::lsNone);
                if (p.x.size() <= kMaxMarkers) {
                    curve->setScatterStyle(markerStyle(markerIndex++));
                } else {
                    const QColor c = lineColor(lineIndex++);
                    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 3));
                }
                d.plottable = curve;
            } else {
                auto* graph = makeGraph(rect, p, QCPGraph::lsNone, increasing(p.x));
                // Adaptive sampling thins dense scatter data (e.g. timeline rows); draw every point.
                graph->setAdaptiveSampling(false);
                const qsizetype n = p.x.size();
                const double size = n <= 120 ? 7 : n <= 400 ? 5.5 : 4;
                graph->setPen(QPen(kPointColor, 1));
                if (hasBars && n > kMaxOutlinedBars)  // rings over thin bars, which show through
                    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kPointColor, 1.2),
                                                           Qt::NoBrush, size + 1));
                else
                    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kPointColor,
                                                           kPointColor, size));
                d.plottable = graph;
                if (!p.error.isEmpty()) {
                    auto* bars = new QCPErrorBars(xAxis, yAxis);
                    bars->setDataPlottable(graph);
                    bars->setErrorType(QCPErrorBars::etValueError);
                    bars->setData(p.error);
                    bars->setPen(QPen(kPointColor, 1.4));
                    bars->setWhiskerWidth(n <= 60 ? 8 : 4);
                    bars->setSymbolGap(size);
                    bars->setProperty("errorsOf", QString::fromStdString(s.key));
                }
            }
            break;
        }
        case core::SeriesStyle::Line:
        case core::SeriesStyle::Steps: {
            QPen pen = !s.group.empty() ? QPen(groupColor(int(groups.indexOf(QString::fromStdString(s.group)))), 1.6)
                       : isPath(s)  ? QPen(pathColor(pathIndex++, bundle.count), pathWidth(bundle.count))
                                    : QPen(lineColor(lineIndex++), 2.2);
            if (s.style == core::SeriesStyle::Steps) {
                // Right-continuous: N(t) keeps its value from one x until the next.
                auto* graph = makeGraph(rect, p, QCPGraph::lsStepLeft, increasing(p.x));
                graph->setPen(pen);
                d.plottable = graph;
            } else if (parametric(s)) {
                QCPCurve* curve = makeCurve(rect, p);
                pen.setJoinStyle(Qt::RoundJoin);
                curve->setPen(pen);
                d.plottable = curve;
            } else {
                auto* graph = makeGraph(rect, p, QCPGraph::lsLine, true);
                graph->setPen(pen);
                d.plottable = graph;
            }
            break;
        }
        case core::SeriesStyle::Guide: {
            if (parametric(s)) {
                QCPCurve* curve = makeCurve(rect, p);
                curve->setPen(guidePen(guideIndex++));
                d.plottable = curve;
            } else {
                auto* graph = makeGraph(rect, p, QCPGraph::lsLine, true);
                graph->setPen(guidePen(guideIndex++));
                d.plottable = graph;
            }
            break;
        }
        }
        d.plottable->setName(displayText(s.label));
        d.plottable->setProperty("seriesKey", QString::fromStdString(s.key));
    }

    // Legend: series order, one entry for a whole bundle of paths and for each group, none for
    // "" labels.
    QCPLegend* legend = addLegend(rect);
    bool pathEntry = false;
    QSet<QString> groupEntries;
    for (const Drawn& d : drawn) {
        if (!d.series->group.empty()) {
            const QString group = QString::fromStdString(d.series->group);
            if (!groupEntries.contains(group) && !d.series->label.empty())
                d.plottable->addToLegend(legend);
            groupEntries.insert(group);
        } else if (isPath(*d.series)) {
            if (pathEntry)
                continue;
            pathEntry = true;
            d.plottable->setName(bundleName(bundle.firstLabel, bundle.count));
            d.plottable->addToLegend(legend);
        } else if (!d.series->label.empty()) {
            d.plottable->addToLegend(legend);
        }
    }
    finishLegend(legend);
    return ranges;
}

}  // namespace walklab::ui::detail
