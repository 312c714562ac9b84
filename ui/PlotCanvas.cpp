#include "ui/PlotCanvas.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::ui {

namespace {

// Fonts are given in pixels, not points: QCustomPlot measures text with the screen's DPI
// while painting uses the paint device's, so point sizes would make the PDF and SVG layouts
// differ from the PNG one. Pixels are the same on every device (16 px = 12 pt at 96 dpi).
constexpr int kTitlePx = 16;
constexpr int kLabelPx = 15;
constexpr int kTickPx = 14;
constexpr int kLegendPx = 13;

// Above this many x values the simulated frequencies are drawn as one filled step curve:
// thousands of QCPBars are slow and narrower than a pixel anyway.
constexpr std::size_t kMaxBars = 3000;

const QColor kBarFill(135, 180, 225, 190);
const QColor kBarPen(60, 110, 170);
const QColor kPointColor(165, 20, 30);
const QColor kGuideColor(70, 70, 70);
const QColor kAxisColor(60, 60, 60);
const QColor kGridColor(225, 225, 225);

/// Curves other than sample paths: the first is the normal approximation of walk1d.
const QColor kLineColors[] = {QColor(0, 120, 55), QColor(200, 110, 0), QColor(110, 60, 160),
                              QColor(0, 110, 150), QColor(150, 40, 110)};
/// Muted, distinct colours for bundles of sample paths (Tableau 10).
const QColor kPathColors[] = {QColor(78, 121, 167),  QColor(242, 142, 43), QColor(225, 87, 89),
                              QColor(118, 183, 178), QColor(89, 161, 79),  QColor(237, 201, 72),
                              QColor(176, 122, 161), QColor(255, 157, 167), QColor(156, 117, 95),
                              QColor(186, 176, 172)};

QFont pixelFont(int px, bool bold = false)
{
    // "sans-serif" is resolved by fontconfig (DejaVu Sans here) and is the generic CSS family
    // that SVG viewers understand.
    QFont f(QStringLiteral("sans-serif"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

bool isPath(const core::Series& s)
{
    return s.style == core::SeriesStyle::Line && s.key.rfind("path_", 0) == 0;
}

/// Tick steps that are whole numbers (1, 2, 5, 10, 20, 25, 50 …) for integer x axes such as
/// positions and times, so a narrow range never gets ticks at 2.5.
class IntegerTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override
    {
        const double step = QCPAxisTicker::getTickStep(range);
        if (step <= 1)
            return 1;
        if (step < 10 && step != std::floor(step))
            return std::floor(step);
        return step;
    }
    int getSubTickCount(double tickStep) override
    {
        if (tickStep <= 1)
            return 0;
        if (tickStep == 2)
            return 1;
        if (tickStep == 5)
            return 4;
        return QCPAxisTicker::getSubTickCount(tickStep);
    }
};

// Properties of each axis rect: the ranges rebuild() chose (x, y as QPointF(lower, upper))
// and the top of y that updateLayout() last set.
constexpr const char* kAutoX = "walklabAutoX";
constexpr const char* kAutoY = "walklabAutoY";
constexpr const char* kAutoTop = "walklabAutoTop";

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

/// Highest value drawn by the visible plottables of `rect` between keys k0 and k1.
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
        if (!p->visible())
            continue;
        if (auto* graph = qobject_cast<QCPGraph*>(p))
            scan(graph->data(), 0.0);
        else if (auto* bars = qobject_cast<QCPBars*>(p))
            scan(bars->data(), bars->width() / 2);
    }
    return top;
}

/// What rebuild() drew for one series: its points after the support filter.
struct Drawn {
    const core::Series* series = nullptr;
    QCPAbstractPlottable* plottable = nullptr;
    QVector<double> x, y;
};

void styleAxis(QCPAxis* axis)
{
    axis->setBasePen(QPen(kAxisColor, 1));
    axis->setTickPen(QPen(kAxisColor, 1));
    axis->setSubTickPen(QPen(kAxisColor, 1));
    axis->setTickLabelColor(kAxisColor.darker(130));
    axis->setLabelColor(Qt::black);
    axis->setTickLabelFont(pixelFont(kTickPx));
    axis->setLabelFont(pixelFont(kLabelPx));
    axis->setTickLengthIn(5);
    axis->setSubTickLengthIn(2);
    axis->setLabelPadding(6);
    axis->grid()->setPen(QPen(kGridColor, 1));
    axis->grid()->setZeroLinePen(QPen(QColor(185, 185, 185), 1));
    axis->grid()->setSubGridVisible(false);
}

bool allIntegers(const std::vector<double>& x)
{
    return std::all_of(x.begin(), x.end(),
                       [](double v) { return std::isfinite(v) && v == std::floor(v); });
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

void PlotCanvas::setResult(const core::Result& result, const QStringList& views)
{
    m_result = result;
    m_views.clear();
    if (views.isEmpty()) {
        for (const auto& p : m_result.panels)
            m_views << QString::fromStdString(p.key);
    } else {
        for (const auto& v : views)
            if (m_result.find(v.toStdString()) && !m_views.contains(v))
                m_views << v;
    }
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
            QString label = QString::fromStdString(s.label);
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
    QCustomPlot::updateLayout();
    bool again = false;
    for (QCPAxisRect* rect : axisRects()) {
        QCPLayoutInset* inset = rect->insetLayout();
        auto* legend = inset->elementCount() > 0 ? qobject_cast<QCPLegend*>(inset->elementAt(0)) : nullptr;
        const QRect area = rect->rect();
        const QRect box = legend ? legend->outerRect() : QRect();
        if (!legend || !legend->visible() || box.isEmpty() || area.height() < 40)
            continue;
        QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
        QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
        const bool automatic = autoRanges(rect);

        // The same box in the top-right and top-left corners.
        const bool atRight = inset->insetAlignment(0) & Qt::AlignRight;
        const int gap = atRight ? area.right() - box.right() : box.left() - area.left();
        QRect right = box, left = box;
        right.moveRight(area.right() - gap);
        left.moveLeft(area.left() + gap);

        // The top of y that keeps the data under each box below it: with f the fraction of
        // the height taken from the top by the box (and 8 px: a marker's radius and a gap),
        // data ≤ hi − f·(hi − lo).
        const double lo = yAxis->range().lower;
        const double f = double(box.bottom() + 8 - area.top()) / area.height();
        if (f >= 0.6)
            continue;  // too small a plot to make room: leave the legend over the data
        auto needed = [&](const QRect& r) {
            const double top = highestBetween(rect, xAxis->pixelToCoord(r.left()),
                                              xAxis->pixelToCoord(r.right()));
            return std::isfinite(top) ? (top - f * lo) / (1 - f) : -std::numeric_limits<double>::infinity();
        };
        const double needRight = needed(right), needLeft = needed(left);
        const double limit = automatic ? rect->property(kAutoY).toPointF().y() : yAxis->range().upper;
        // Top-right unless only the left fits, or the left needs clearly less headroom.
        const double slack = 0.03 * (limit - lo);
        const bool useLeft = needRight > limit && (needLeft <= limit || needLeft + slack < needRight);
        const Qt::Alignment want = Qt::AlignTop | (useLeft ? Qt::AlignLeft : Qt::AlignRight);
        if (inset->insetAlignment(0) != want) {
            inset->setInsetAlignment(0, want);
            again = true;
        }
        if (automatic) {
            const double top = std::max(limit, useLeft ? needLeft : needRight);
            if (!same(top, yAxis->range().upper)) {
                yAxis->setRange(lo, top);
                rect->setProperty(kAutoTop, top);
                again = true;
            }
        }
    }
    if (again)
        QCustomPlot::updateLayout();  // new tick labels and legend position
}

void PlotCanvas::rebuild()
{
    clearItems();
    clearPlottables();
    // Margin groups of the previous layout: deleting one detaches it from its axis rects.
    for (auto* group : findChildren<QCPMarginGroup*>(QString(), Qt::FindDirectChildrenOnly))
        delete group;
    plotLayout()->clear();  // deletes the axis rects, their legends and the titles
    plotLayout()->setRowSpacing(0);
    plotLayout()->setColumnSpacing(12);
    plotLayout()->setMargins(QMargins(6, 4, 14, 6));

    std::vector<const core::Panel*> panels;
    for (const auto& view : m_views)
        if (const core::Panel* p = m_result.find(view.toStdString()))
            panels.push_back(p);
    if (panels.empty())
        return;

    const int columns = panels.size() > 1 ? 2 : 1;
    const int rows = int((panels.size() + 1) / 2);
    std::vector<QCPMarginGroup*> rowGroups, columnGroups;
    for (int r = 0; r < rows; ++r)
        rowGroups.push_back(new QCPMarginGroup(this));
    for (int c = 0; c < columns; ++c)
        columnGroups.push_back(new QCPMarginGroup(this));

    for (std::size_t index = 0; index < panels.size(); ++index) {
        const core::Panel& panel = *panels[index];
        const int row = int(index) / columns, column = int(index) % columns;

        auto* title = new QCPTextElement(this, QString::fromStdString(panel.title),
                                         pixelFont(kTitlePx, true));
        title->setTextColor(Qt::black);
        title->setMargins(QMargins(0, 8, 0, 4));
        plotLayout()->addElement(2 * row, column, title);

        auto* rect = new QCPAxisRect(this, true);
        plotLayout()->addElement(2 * row + 1, column, rect);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, rowGroups[row]);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, columnGroups[column]);
        QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
        QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
        for (auto* axis : rect->axes())
            styleAxis(axis);
        // A closed frame: the top and right axes draw only their base line.
        for (auto* axis : {rect->axis(QCPAxis::atTop), rect->axis(QCPAxis::atRight)}) {
            axis->setVisible(true);
            axis->setTicks(false);
            axis->setTickLabels(false);
        }
        xAxis->setLabel(QString::fromStdString(panel.xLabel));
        yAxis->setLabel(QString::fromStdString(panel.yLabel));
        if (allIntegers(panel.x)) {
            xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new IntegerTicker));
            xAxis->setNumberPrecision(7);  // 1000000 in full, 1·10^7 and beyond as powers
        }
        xAxis->ticker()->setTickCount(6);
        yAxis->ticker()->setTickCount(6);

        // Points to draw per series; hidden series are not drawn and do not set the ranges.
        std::vector<Drawn> drawn;
        int pathCount = 0;
        for (const auto& s : panel.series) {
            if (isPath(s))
                ++pathCount;
            if (s.optional && m_hidden.contains(QString::fromStdString(s.key)))
                continue;
            Drawn d;
            d.series = &s;
            const bool filter = s.onSupportOnly && panel.support.size() == panel.x.size();
            const std::size_t n = std::min(panel.x.size(), s.y.size());
            d.x.reserve(int(n));
            d.y.reserve(int(n));
            for (std::size_t i = 0; i < n; ++i) {
                if (filter && !panel.support[i])
                    continue;
                d.x.push_back(panel.x[i]);
                d.y.push_back(s.y[i]);
            }
            drawn.push_back(std::move(d));
        }

        // Paint order: bars at the back, then curves and guides, points in front.
        auto rank = [](core::SeriesStyle style) {
            switch (style) {
            case core::SeriesStyle::Bars: return 0;
            case core::SeriesStyle::Line: return 1;
            case core::SeriesStyle::Guide: return 2;
            case core::SeriesStyle::Points: return 3;
            }
            return 1;
        };
        std::vector<std::size_t> order(drawn.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return rank(drawn[a].series->style) < rank(drawn[b].series->style);
        });

        bool hasBars = false;
        int pathIndex = 0, lineIndex = 0, guideIndex = 0;
        const int pathAlpha = pathCount <= 20 ? 220 : pathCount <= 100 ? 150 : pathCount <= 300 ? 115 : 80;
        for (std::size_t i : order) {
            Drawn& d = drawn[i];
            const core::Series& s = *d.series;
            const QString name = QString::fromStdString(s.label);
            switch (s.style) {
            case core::SeriesStyle::Bars: {
                hasBars = true;
                if (d.x.size() <= int(kMaxBars)) {
                    auto* bars = new QCPBars(xAxis, yAxis);
                    QVector<double> bx, by;
                    for (int k = 0; k < d.x.size(); ++k)
                        if (d.y[k] != 0) {
                            bx.push_back(d.x[k]);
                            by.push_back(d.y[k]);
                        }
                    bars->setData(bx, by, true);
                    bars->setWidthType(QCPBars::wtPlotCoords);
                    bars->setWidth(1.0);
                    bars->setBrush(kBarFill);
                    bars->setPen(d.x.size() <= 250 ? QPen(kBarPen, 1) : QPen(Qt::NoPen));
                    d.plottable = bars;
                } else {
                    auto* graph = new QCPGraph(xAxis, yAxis);
                    graph->setData(d.x, d.y, true);
                    graph->setLineStyle(QCPGraph::lsStepCenter);
                    // Thousands of steps: an outline in the fill's own colour, or it turns solid.
                    graph->setPen(QPen(QColor(105, 155, 210), 1));
                    graph->setBrush(kBarFill);
                    d.plottable = graph;
                }
                break;
            }
            case core::SeriesStyle::Points: {
                auto* graph = new QCPGraph(xAxis, yAxis);
                graph->setData(d.x, d.y, true);
                graph->setLineStyle(QCPGraph::lsNone);
                const int n = d.x.size();
                const double size = n <= 120 ? 7 : n <= 400 ? 5.5 : 4;
                graph->setPen(QPen(kPointColor, 1));
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kPointColor,
                                                       kPointColor, size));
                d.plottable = graph;
                break;
            }
            case core::SeriesStyle::Line: {
                auto* graph = new QCPGraph(xAxis, yAxis);
                graph->setData(d.x, d.y, true);
                graph->setLineStyle(QCPGraph::lsLine);
                if (isPath(s)) {
                    QColor c = kPathColors[pathIndex++ % std::size(kPathColors)];
                    c.setAlpha(pathAlpha);
                    graph->setPen(QPen(c, pathCount <= 20 ? 1.3 : 1.0));
                } else {
                    graph->setPen(QPen(kLineColors[lineIndex++ % std::size(kLineColors)], 2.2));
                }
                d.plottable = graph;
                break;
            }
            case core::SeriesStyle::Guide: {
                auto* graph = new QCPGraph(xAxis, yAxis);
                graph->setData(d.x, d.y, true);
                graph->setLineStyle(QCPGraph::lsLine);
                QPen pen(kGuideColor, 2.0);
                if (guideIndex++ == 0)
                    pen.setStyle(Qt::DashLine);
                else
                    pen.setDashPattern({1.5, 2.0});
                pen.setCapStyle(Qt::FlatCap);
                graph->setPen(pen);
                d.plottable = graph;
                break;
            }
            }
            d.plottable->setName(name);
            d.plottable->setProperty("seriesKey", QString::fromStdString(s.key));
        }

        // Legend: series order, one entry for a whole bundle of paths, none for "" labels.
        auto* legend = new QCPLegend;
        rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
        rect->insetLayout()->setMargins(QMargins(10, 10, 10, 10));
        legend->setLayer(QStringLiteral("legend"));
        legend->setFont(pixelFont(kLegendPx));
        legend->setTextColor(Qt::black);
        legend->setBrush(QColor(255, 255, 255, 215));
        legend->setBorderPen(QPen(QColor(190, 190, 190), 1));
        legend->setIconSize(26, 12);
        legend->setIconTextPadding(9);  // SVG has no clipping: graph icons overrun by 5 px
        legend->setRowSpacing(0);
        legend->setMargins(QMargins(7, 4, 8, 4));
        bool pathEntry = false;
        for (const Drawn& d : drawn) {
            if (isPath(*d.series)) {
                if (pathEntry)
                    continue;
                pathEntry = true;
                d.plottable->setName(pathCount == 1 ? QStringLiteral("Sample path (1 walker)")
                                                    : QStringLiteral("Sample paths (%1 walkers)").arg(pathCount));
                d.plottable->addToLegend(legend);
            } else if (!d.series->label.empty()) {
                d.plottable->addToLegend(legend);
            }
        }
        legend->setVisible(legend->itemCount() > 0);

        // Ranges from the drawn data, with a small margin; probability panels start at 0.
        double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin;
        for (double v : panel.x)
            if (std::isfinite(v)) {
                xmin = std::min(xmin, v);
                xmax = std::max(xmax, v);
            }
        double ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
        for (const Drawn& d : drawn)
            for (double v : d.y)
                if (std::isfinite(v)) {
                    ymin = std::min(ymin, v);
                    ymax = std::max(ymax, v);
                }
        if (!std::isfinite(xmin)) {
            xmin = 0;
            xmax = 1;
        }
        if (!std::isfinite(ymin)) {
            ymin = 0;
            ymax = 1;
        }
        if (hasBars) {
            xmin -= 0.5;
            xmax += 0.5;
            const double pad = 0.01 * (xmax - xmin);
            xmin -= pad;
            xmax += pad;
            ymin = std::min(0.0, ymin);
        } else if (xmax == xmin) {
            xmin -= 0.5;
            xmax += 0.5;
        }
        if (ymax == ymin) {
            ymax += ymax == 0 ? 1 : std::abs(ymax) * 0.5;
        }
        const double yspan = ymax - ymin;
        const double ylo = (hasBars && ymin == 0) ? 0 : ymin - 0.04 * yspan;
        const double yhi = ymax + 0.07 * yspan;
        xAxis->setRange(xmin, xmax);
        yAxis->setRange(ylo, yhi);

        // updateLayout() moves the legend and adds headroom once the pixel sizes are known;
        // it may change this range only while it is still the automatic one.
        rect->setProperty(kAutoX, QVariant::fromValue(QPointF(xmin, xmax)));
        rect->setProperty(kAutoY, QVariant::fromValue(QPointF(ylo, yhi)));
        rect->setProperty(kAutoTop, yhi);
    }

    // Titles take their own height; the plots share the rest.
    for (int r = 0; r < rows; ++r) {
        plotLayout()->setRowStretchFactor(2 * r, 0.001);
        plotLayout()->setRowStretchFactor(2 * r + 1, 1);
    }
}

}  // namespace walklab::ui
