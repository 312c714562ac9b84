#include "ui/plot/ProjectionPlot.h"

#include "ui/plot/PlotStyle.h"
#include "ui/plot/SeriesPoints.h"

#include <QFontMetrics>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace walklab::ui::detail {

namespace {

const QColor kFloorFill(236, 238, 241);
const QColor kWallFill(244, 245, 247);
const QColor kPaneEdge(200, 203, 208);
const QColor kPaneGrid(214, 217, 222);

// Points drawn up to this many are markers (a trajectory's start and end); more are dots.
constexpr qsizetype kMaxMarkers = 200;

using Vec3 = std::array<double, 3>;

/// The box the curves are drawn in: [lo[k], hi[k]] in each coordinate k = x, y, z.
struct Box {
    Vec3 lo{}, hi{};
    double span() const { return std::max({hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}); }
};

QPointF at(const Vec3& p)
{
    return project(p[0], p[1], p[2]);
}

/// Builds the items and decoration curves in one axis rect, and tracks their extent.
class Painter {
public:
    explicit Painter(QCPAxisRect* rect)
        : m_rect(rect), m_x(rect->axis(QCPAxis::atBottom)), m_y(rect->axis(QCPAxis::atLeft))
    {
    }

    void line(const Vec3& a, const Vec3& b, const QPen& pen, const QString& layer)
    {
        auto* item = new QCPItemLine(m_rect->parentPlot());
        for (QCPItemPosition* p : {item->start, item->end})
            p->setAxes(m_x, m_y);
        item->setClipAxisRect(m_rect);
        item->start->setCoords(at(a));
        item->end->setCoords(at(b));
        item->setPen(pen);
        item->setLayer(layer);
        include(a);
        include(b);
    }

    /// Text whose anchor (the point of the text given by `align`) is at `p`, shifted away
    /// from it by `padding` pixels.
    void text(const Vec3& p, const QString& s, Qt::Alignment align, const QFont& font,
              const QColor& color, const QMargins& padding = QMargins(2, 1, 2, 1))
    {
        auto* item = new QCPItemText(m_rect->parentPlot());
        item->position->setAxes(m_x, m_y);
        item->setClipAxisRect(m_rect);
        item->setClipToAxisRect(false);
        item->position->setCoords(at(p));
        item->setPositionAlignment(align);
        item->setText(s);
        item->setFont(font);
        item->setColor(color);
        item->setPadding(padding);
        item->setLayer(QStringLiteral("axes"));
        include(p);
    }

    void pane(const std::array<Vec3, 4>& corners, const QColor& fill)
    {
        auto* curve = new QCPCurve(m_x, m_y);
        QVector<double> u, v;
        for (int i = 0; i <= 4; ++i) {
            const QPointF q = at(corners[std::size_t(i % 4)]);
            u << q.x();
            v << q.y();
        }
        curve->setData(u, v);
        curve->setPen(QPen(kPaneEdge, 1));
        curve->setBrush(fill);
        curve->setLayer(QStringLiteral("grid"));
        curve->setSelectable(QCP::stNone);
        for (const Vec3& c : corners)
            include(c);
    }

    void include(const Vec3& p) { include(at(p)); }
    void include(const QPointF& q)
    {
        m_lo.rx() = std::min(m_lo.x(), q.x());
        m_lo.ry() = std::min(m_lo.y(), q.y());
        m_hi.rx() = std::max(m_hi.x(), q.x());
        m_hi.ry() = std::max(m_hi.y(), q.y());
    }
    Ranges ranges() const { return {QCPRange(m_lo.x(), m_hi.x()), QCPRange(m_lo.y(), m_hi.y())}; }

private:
    QCPAxisRect* m_rect;
    QCPAxis* m_x;
    QCPAxis* m_y;
    // The box always holds its corners, so these are finite once anything is drawn.
    QPointF m_lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
    QPointF m_hi{-std::numeric_limits<double>::max(), -std::numeric_limits<double>::max()};
};

/// Nice tick values and labels inside [lo, hi] (whole numbers when the data are).
void ticksFor(double lo, double hi, bool integral, QVector<double>& ticks, QVector<QString>& labels)
{
    QSharedPointer<QCPAxisTicker> ticker = integral ? integerTicker() : QSharedPointer<QCPAxisTicker>::create();
    ticker->setTickCount(4);
    QVector<double> all;
    QVector<QString> allLabels;
    ticker->generate(QCPRange(lo, hi), QLocale::c(), QLatin1Char('g'), 6, all, nullptr, &allLabels);
    const double eps = 1e-9 * std::max(1.0, hi - lo);
    for (qsizetype i = 0; i < all.size(); ++i)
        if (all[i] >= lo - eps && all[i] <= hi + eps) {
            ticks << all[i];
            labels << allLabels.value(i);
        }
}

}  // namespace

QPointF project(double x, double y, double z)
{
    constexpr double phi = kAzimuthDeg * std::numbers::pi / 180;
    constexpr double theta = kElevationDeg * std::numbers::pi / 180;
    const double u = -x * std::sin(phi) + y * std::cos(phi);
    const double v = -(x * std::cos(phi) + y * std::sin(phi)) * std::sin(theta) + z * std::cos(theta);
    return {u, v};
}

Ranges drawProjection(QCPAxisRect* rect, const core::Panel& panel, const QSet<QString>& hidden)
{
    for (QCPAxis* axis : rect->axes()) {
        axis->setVisible(false);
        axis->grid()->setVisible(false);
    }

    struct Drawn {
        const core::Series* series;
        SpacePoints points;
    };
    std::vector<Drawn> drawn;
    const PathBundle bundle = pathBundle(panel);
    bool integral = true;
    Box box;
    box.lo.fill(std::numeric_limits<double>::infinity());
    box.hi.fill(-std::numeric_limits<double>::infinity());
    for (const core::Series* s : drawnSeries(panel, hidden)) {
        Drawn d{s, spacePoints(panel, *s)};
        for (const QVector<double>* c : {&d.points.x, &d.points.y, &d.points.z}) {
            const std::size_t k = std::size_t(c == &d.points.x ? 0 : c == &d.points.y ? 1 : 2);
            for (double v : *c) {
                box.lo[k] = std::min(box.lo[k], v);
                box.hi[k] = std::max(box.hi[k], v);
                integral = integral && v == std::floor(v);
            }
        }
        drawn.push_back(std::move(d));
    }
    for (std::size_t k = 0; k < 3; ++k) {
        if (!(box.lo[k] <= box.hi[k])) {
            box.lo[k] = 0;
            box.hi[k] = 1;
        } else if (box.lo[k] == box.hi[k]) {
            box.lo[k] -= 0.5;
            box.hi[k] += 0.5;
        }
    }
    const double margin = 0.03 * box.span();
    for (std::size_t k = 0; k < 3; ++k) {
        box.lo[k] -= margin;
        box.hi[k] += margin;
    }

    Painter paint(rect);
    const auto [xl, yl, zl] = box.lo;
    const auto [xh, yh, zh] = box.hi;
    // The floor and the far walls (seen from +x, +y, +z, these are z = lo, x = lo, y = lo).
    paint.pane({Vec3{xl, yl, zl}, Vec3{xh, yl, zl}, Vec3{xh, yh, zl}, Vec3{xl, yh, zl}}, kFloorFill);
    paint.pane({Vec3{xl, yl, zl}, Vec3{xl, yh, zl}, Vec3{xl, yh, zh}, Vec3{xl, yl, zh}}, kWallFill);
    paint.pane({Vec3{xl, yl, zl}, Vec3{xh, yl, zl}, Vec3{xh, yl, zh}, Vec3{xl, yl, zh}}, kWallFill);

    const QFont tickFont = pixelFont(kTickPx), titleFont = pixelFont(kLabelPx + 1);
    const QColor tickColor = kAxisColor.darker(130), titleColor = Qt::black;
    const QFontMetrics metrics(tickFont);
    const double tick = 0.035 * box.span();
    const QPen gridPen(kPaneGrid, 1), axisPen(kAxisColor, 1.2), tickPen(kAxisColor, 1);
    const QString grid = QStringLiteral("grid"), axes = QStringLiteral("axes");
    int widest = 0;
    std::array<QVector<double>, 3> ticks;
    std::array<QVector<QString>, 3> labels;
    for (std::size_t k = 0; k < 3; ++k) {
        ticksFor(box.lo[k], box.hi[k], integral, ticks[k], labels[k]);
        for (const QString& l : labels[k])
            widest = std::max(widest, metrics.horizontalAdvance(l));
    }
    const double diag = tick / std::numbers::sqrt2;
    for (qsizetype i = 0; i < ticks[0].size(); ++i) {
        const double x = ticks[0][i];
        paint.line({x, yl, zl}, {x, yh, zl}, gridPen, grid);
        paint.line({x, yl, zl}, {x, yl, zh}, gridPen, grid);
        paint.line({x, yh, zl}, {x, yh + tick, zl}, tickPen, axes);
        paint.text({x, yh + 1.4 * tick, zl}, labels[0][i], Qt::AlignLeft | Qt::AlignVCenter, tickFont, tickColor);
    }
    for (qsizetype i = 0; i < ticks[1].size(); ++i) {
        const double y = ticks[1][i];
        paint.line({xl, y, zl}, {xh, y, zl}, gridPen, grid);
        paint.line({xl, y, zl}, {xl, y, zh}, gridPen, grid);
        paint.line({xh, y, zl}, {xh + tick, y, zl}, tickPen, axes);
        paint.text({xh + 1.4 * tick, y, zl}, labels[1][i], Qt::AlignRight | Qt::AlignTop, tickFont, tickColor);
    }
    for (qsizetype i = 0; i < ticks[2].size(); ++i) {
        const double z = ticks[2][i];
        paint.line({xl, yl, z}, {xl, yh, z}, gridPen, grid);
        paint.line({xl, yl, z}, {xh, yl, z}, gridPen, grid);
        paint.line({xh, yl, z}, {xh + diag, yl - diag, z}, tickPen, axes);
        paint.text({xh + 1.4 * diag, yl - 1.4 * diag, z}, labels[2][i], Qt::AlignRight | Qt::AlignVCenter, tickFont, tickColor);
    }
    // The near edges carry the scales, and beyond their tick labels the coordinate names.
    paint.line({xl, yh, zl}, {xh, yh, zl}, axisPen, axes);
    paint.line({xh, yl, zl}, {xh, yh, zl}, axisPen, axes);
    paint.line({xh, yl, zl}, {xh, yl, zh}, axisPen, axes);
    const int away = widest + 14;
    paint.text({(xl + xh) / 2, yh + 1.4 * tick, zl}, QStringLiteral("x"), Qt::AlignLeft | Qt::AlignVCenter,
               titleFont, titleColor, QMargins(away, 0, 0, 0));
    paint.text({xh + 1.4 * tick, (yl + yh) / 2, zl}, QStringLiteral("y"), Qt::AlignRight | Qt::AlignTop,
               titleFont, titleColor, QMargins(0, metrics.height(), away, 0));
    paint.text({xh + 1.4 * diag, yl - 1.4 * diag, (zl + zh) / 2}, QStringLiteral("z"),
               Qt::AlignRight | Qt::AlignVCenter, titleFont, titleColor, QMargins(0, 0, away, 0));

    // The curves, bundles of paths first, then other lines, markers on top.
    std::stable_sort(drawn.begin(), drawn.end(), [](const Drawn& a, const Drawn& b) {
        return (a.series->style == core::SeriesStyle::Points) < (b.series->style == core::SeriesStyle::Points);
    });
    QCPLegend* legend = addLegend(rect);
    QCPAxis* uAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* vAxis = rect->axis(QCPAxis::atLeft);
    int pathIndex = 0, lineIndex = 0, markerIndex = 0;
    bool pathEntry = false;
    for (const Drawn& d : drawn) {
        const core::Series& s = *d.series;
        auto* curve = new QCPCurve(uAxis, vAxis);
        QVector<double> u, v;
        for (qsizetype i = 0; i < d.points.x.size(); ++i) {
            const QPointF q = project(d.points.x[i], d.points.y[i], d.points.z[i]);
            u << q.x();
            v << q.y();
            paint.include(q);
        }
        curve->setData(u, v);
        curve->setName(displayText(s.label));
        curve->setProperty("seriesKey", QString::fromStdString(s.key));
        if (s.style == core::SeriesStyle::Points) {
            curve->setLineStyle(QCPCurve::lsNone);
            if (u.size() <= kMaxMarkers) {
                curve->setScatterStyle(markerStyle(markerIndex++));
            } else {
                const QColor c = lineColor(lineIndex++);
                curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 3));
            }
        } else if (isPath(s)) {
            curve->setPen(QPen(pathColor(pathIndex++, bundle.count), pathWidth(bundle.count)));
        } else {
            QPen pen(lineColor(lineIndex++), 2.2);
            if (s.style == core::SeriesStyle::Guide)
                pen = QPen(kGuideColor, 2.0, Qt::DashLine);
            curve->setPen(pen);
        }
        if (isPath(s)) {
            if (!pathEntry) {
                pathEntry = true;
                curve->setName(bundleName(bundle.firstLabel, bundle.count));
                curve->addToLegend(legend);
            }
        } else if (!s.label.empty()) {
            curve->addToLegend(legend);
        }
    }
    finishLegend(legend);

    // Fixed margins hold the tick labels and coordinate names outside the box.
    rect->setAutoMargins(QCP::msNone);
    rect->setMargins(QMargins(2 * widest + 40, 10, widest + 40, metrics.height() + 16));
    return paint.ranges();
}

}  // namespace walklab::ui::detail
