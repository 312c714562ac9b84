#include "ui/plot/HeatMapPlot.h"

#include "ui/plot/PlotStyle.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace walklab::ui::detail {

namespace {

// A colour map is a dense image: more cells than this (a 2000 × 2000 grid) are not drawn.
constexpr double kMaxCells = 4e6;

/// Cell centres along one direction: first centre, spacing and number of cells.
struct Axis1D {
    double first = 0, step = 1;
    int cells = 0;

    int index(double v) const { return int(std::lround((v - first) / step)); }
};

Axis1D gridOf(const std::vector<double>& values)
{
    std::vector<double> v;
    for (double x : values)
        if (std::isfinite(x))
            v.push_back(x);
    Axis1D a;
    if (v.empty())
        return a;
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    a.first = v.front();
    for (std::size_t i = 1; i < v.size(); ++i)
        a.step = i == 1 ? v[1] - v[0] : std::min(a.step, v[i] - v[i - 1]);
    const double cells = std::round((v.back() - v.front()) / a.step) + 1;
    a.cells = cells <= kMaxCells ? int(cells) : 0;
    return a;
}

/// Sequential, white at zero (so cells a walker cannot reach blend with the background),
/// light to dark blue (ColorBrewer YlGnBu).
QCPColorGradient gradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(255, 255, 255));
    g.setColorStopAt(0.15, QColor(237, 248, 177));
    g.setColorStopAt(0.4, QColor(127, 205, 187));
    g.setColorStopAt(0.65, QColor(44, 127, 184));
    g.setColorStopAt(1.0, QColor(8, 29, 88));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

const core::Series* yCoordinate(const core::Panel& panel)
{
    if (const core::Series* y = panel.find("y"); y && y->coordinate)
        return y;
    for (const auto& s : panel.series)
        if (s.coordinate)
            return &s;
    return nullptr;
}

}  // namespace

HeatMap drawHeatMap(QCPLayoutGrid* grid, const core::Panel& panel)
{
    QCustomPlot* plot = grid->parentPlot();
    HeatMap map;
    grid->setRowSpacing(0);
    // Rows: room above, the maps under their titles, the colour scale, room below.
    auto* maps = new QCPLayoutGrid;
    grid->addElement(1, 0, maps);
    maps->setColumnSpacing(10);
    maps->setRowSpacing(0);

    const core::Series* ySeries = yCoordinate(panel);
    const std::vector<double> none;
    const Axis1D gx = gridOf(panel.x), gy = gridOf(ySeries ? ySeries->y : none);
    const bool drawable = gx.cells > 0 && gy.cells > 0 && double(gx.cells) * gy.cells <= kMaxCells;

    std::vector<const core::Series*> values;
    for (const auto& s : panel.series)
        if (!s.coordinate)
            values.push_back(&s);

    double top = 0;
    for (const core::Series* s : values)
        for (double v : s->y)
            if (std::isfinite(v))
                top = std::max(top, v);

    // Beneath the maps, as wide as they are together: the maps keep the width of the panel.
    map.scale = new QCPColorScale(plot);
    map.scale->setType(QCPAxis::atBottom);
    map.scale->setGradient(gradient());
    map.scale->setDataRange(QCPRange(0, top > 0 ? top : 1));
    map.scale->setRangeDrag(false);
    map.scale->setRangeZoom(false);
    map.scale->setBarWidth(14);
    map.scale->setMargins(QMargins(0, 6, 0, 0));
    styleAxis(map.scale->axis());

    auto* heights = new QCPMarginGroup(plot);
    auto* left = new QCPMarginGroup(plot);
    auto* right = new QCPMarginGroup(plot);
    map.scale->setMarginGroup(QCP::msLeft, left);
    map.scale->setMarginGroup(QCP::msRight, right);

    // A cell's centre is its coordinate; a map with one cell in a direction still needs a
    // range, so the grid has at least two (the extra one stays transparent).
    const int nx = std::max(gx.cells, 2), ny = std::max(gy.cells, 2);
    const QCPRange keys(gx.first, gx.first + (nx - 1) * gx.step);
    const QCPRange rows(gy.first, gy.first + (ny - 1) * gy.step);
    auto span = [](const Axis1D& a) {
        return QCPRange(a.first - a.step / 2, a.first + (std::max(a.cells, 1) - 0.5) * a.step);
    };
    map.ranges.x = span(gx);
    map.ranges.y = span(gy);

    for (std::size_t k = 0; k < values.size(); ++k) {
        const core::Series& s = *values[k];
        const QString label = displayText(s.label.empty() ? s.key : s.label);
        // Each map under its title, in a cell of its own: arrangeHeatMap() moves the cells.
        auto* cell = new QCPLayoutGrid;
        cell->setRowSpacing(0);
        maps->addElement(0, int(k), cell);
        cell->addElement(0, 0, makeTitle(plot, label, false));

        auto* rect = new QCPAxisRect(plot, true);
        cell->addElement(1, 0, rect);
        cell->setRowStretchFactor(0, 0.001);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, heights);
        if (k == 0)
            rect->setMarginGroup(QCP::msLeft, left);
        if (k + 1 == values.size())
            rect->setMarginGroup(QCP::msRight, right);
        // QCustomPlot puts the axes of an added rect on the current layer ("main"), where the
        // map, made after them, would cover the frame's inner half (in a PDF, at a reader's
        // resolution, all of it): they go on the layer above the plottables, as the first
        // rect's do.
        for (auto* axis : rect->axes()) {
            styleAxis(axis);
            axis->setLayer(QStringLiteral("axes"));
        }
        closeFrame(rect);
        QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
        QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
        xAxis->setLabel(displayText(panel.xLabel));
        // The maps share y (they move together): its label and numbers only on the first.
        if (k == 0)
            yAxis->setLabel(displayText(panel.yLabel));
        else
            yAxis->setTickLabels(false);
        for (QCPAxis* axis : {xAxis, yAxis}) {
            axis->grid()->setVisible(false);
            axis->ticker()->setTickCount(5);
        }
        if (gx.step == std::floor(gx.step) && gx.first == std::floor(gx.first))
            xAxis->setTicker(integerTicker());
        if (gy.step == std::floor(gy.step) && gy.first == std::floor(gy.first))
            yAxis->setTicker(integerTicker());

        auto* colorMap = new QCPColorMap(xAxis, yAxis);
        colorMap->setInterpolate(false);
        colorMap->setTightBoundary(false);
        colorMap->setColorScale(map.scale);  // takes the scale's gradient and data range
        colorMap->setName(label);
        colorMap->setProperty("seriesKey", QString::fromStdString(s.key));
        if (drawable) {
            QCPColorMapData* data = colorMap->data();
            data->setSize(nx, ny);
            data->setRange(keys, rows);
            data->fill(std::nan(""));
            const std::size_t n = std::min({panel.x.size(), ySeries->y.size(), s.y.size()});
            for (std::size_t i = 0; i < n; ++i)
                if (std::isfinite(panel.x[i]) && std::isfinite(ySeries->y[i]))
                    data->setCell(gx.index(panel.x[i]), gy.index(ySeries->y[i]), s.y[i]);
        }
        map.rects << rect;
    }
    grid->addElement(2, 0, map.scale);
    grid->expandTo(4, 1);
    for (int row : {0, 2, 3})
        grid->setRowStretchFactor(row, 0.001);
    map.maps = maps;

    // The maps show the same cells: dragging or zooming one moves the others with it.
    for (QCPAxisRect* from : map.rects)
        for (QCPAxisRect* to : map.rects) {
            if (from == to)
                continue;
            for (auto type : {QCPAxis::atBottom, QCPAxis::atLeft}) {
                QCPAxis* target = to->axis(type);
                QObject::connect(from->axis(type), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                                 target, [target](const QCPRange& r) { target->setRange(r); });
            }
        }
    return map;
}

bool arrangeHeatMap(const HeatMap& map)
{
    const int n = int(map.rects.size());
    if (n < 2)
        return false;
    // Room for the maps, and what each takes besides its cells: axes, tick labels, title.
    const QRect room = map.maps->rect();
    int aroundX = 0, aroundY = 0;
    for (QCPAxisRect* rect : map.rects) {
        aroundX = std::max(aroundX, rect->outerRect().width() - rect->width());
        aroundY = std::max(aroundY, rect->layout()->outerRect().height() - rect->height());
    }
    const double aspect = map.ranges.y.size() / map.ranges.x.size();
    auto mapWidth = [&](double w, double h) { return std::min(w - aroundX, (h - aroundY) / aspect); };
    const double beside = mapWidth((room.width() - (n - 1) * map.maps->columnSpacing()) / double(n), room.height());
    const double above = mapWidth(room.width(), (room.height() - (n - 1) * map.maps->rowSpacing()) / double(n));
    const bool stacked = above > 1.2 * beside;
    if (stacked == (map.maps->rowCount() > 1))
        return false;

    QList<QCPLayoutElement*> cells;
    for (QCPAxisRect* rect : map.rects) {
        cells << rect->layout();
        map.maps->take(cells.back());
    }
    map.maps->simplify();
    QCPMarginGroup* left = map.scale->marginGroup(QCP::msLeft);
    QCPMarginGroup* right = map.scale->marginGroup(QCP::msRight);
    for (int k = 0; k < n; ++k) {
        map.maps->addElement(stacked ? k : 0, stacked ? 0 : k, cells[k]);
        // Side by side the maps share the y numbers of the first; stacked each shows its own,
        // and all line up with the colour scale (the y title stays on the first).
        if (k > 0)
            map.rects[k]->axis(QCPAxis::atLeft)->setTickLabels(stacked);
        map.rects[k]->setMarginGroup(QCP::msLeft, stacked || k == 0 ? left : nullptr);
        map.rects[k]->setMarginGroup(QCP::msRight, stacked || k + 1 == n ? right : nullptr);
    }
    return true;
}

void fitHeatMap(const HeatMap& map)
{
    if (map.rects.isEmpty())
        return;
    int inner = 0, height = QWIDGETSIZE_MAX;
    for (QCPAxisRect* rect : map.rects) {
        inner += rect->width();
        height = std::min(height, rect->height());
    }
    // Equal widths that fill the row together (or, stacked, the column's); heights the box's
    // aspect at that width.
    const bool stacked = map.maps && map.maps->rowCount() > 1;
    const int width = std::max(1, stacked ? map.rects.front()->width() : inner / int(map.rects.size()));
    const double tall = std::ceil(width * map.ranges.y.size() / map.ranges.x.size());
    for (QCPAxisRect* rect : map.rects)
        rect->setMaximumSize(width, tall < height ? int(tall) : QWIDGETSIZE_MAX);
}

}  // namespace walklab::ui::detail
