#include "ui/plot/Space3DView.h"

#include "ui/plot/PlotCanvas.h"
#include "ui/plot/PlotStyle.h"
#include "ui/plot/SeriesPoints.h"

#include <Q3DInputHandler>
#include <Q3DScatter>
#include <Q3DTheme>
#include <QGuiApplication>
#include <QLabel>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QScatter3DSeries>
#include <QValue3DAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace walklab::ui {

using namespace detail;

namespace {

// About this many dots in all make the paths read as lines and keep software OpenGL fluid.
constexpr double kTargetDots = 60000;
constexpr int kMaxDotsPerSegment = 24;
// Item sizes (Qt Data Visualization: a fraction of the graph): paths about 3 px wide in a
// 600-px view, legible from the back of a room; starts and ends well larger than a path.
constexpr float kPathDotSize = 0.08f;
constexpr float kMarkerSize = 0.2f;
// Segments per axis (at most): few numbers, so that they keep apart at the projector's size.
constexpr double kAxisSegments = 3;

/// The smallest of 1, 2, 2.5, 5 × 10^k that is at least `x` (> 0).
double roundStep(double x)
{
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * decade >= x * (1 - 1e-12))
            return m * decade;
    return 10 * decade;
}

/// Data Visualization turns the graph with the right button and selects with the left;
/// here the left button turns it too (nothing is selectable), as users expect.
class DragToRotate : public Q3DInputHandler {
public:
    using Q3DInputHandler::Q3DInputHandler;

protected:
    void mousePressEvent(QMouseEvent* event, const QPoint& at) override
    {
        QMouseEvent right = asRightButton(event);
        Q3DInputHandler::mousePressEvent(&right, at);
    }
    void mouseReleaseEvent(QMouseEvent* event, const QPoint& at) override
    {
        QMouseEvent right = asRightButton(event);
        Q3DInputHandler::mouseReleaseEvent(&right, at);
    }

private:
    static QMouseEvent asRightButton(const QMouseEvent* e)
    {
        const Qt::MouseButton button = e->button() == Qt::LeftButton ? Qt::RightButton : e->button();
        Qt::MouseButtons buttons = e->buttons();
        if (buttons & Qt::LeftButton)
            buttons = (buttons & ~Qt::MouseButtons(Qt::LeftButton)) | Qt::RightButton;
        return QMouseEvent(e->type(), e->position(), e->scenePosition(), e->globalPosition(), button,
                           buttons, e->modifiers(), e->pointingDevice());
    }
};

/// Our z is up; Data Visualization's vertical axis is its y and its depth axis points away
/// from the default viewer, so (x, y, z) ↦ (x, z, y) keeps x, y, z a right-handed frame.
QVector3D toGraph(double x, double y, double z)
{
    return QVector3D(float(x), float(z), float(y));
}

QScatter3DSeries* makeSeries(const QColor& color, QAbstract3DSeries::Mesh mesh, float size)
{
    auto* series = new QScatter3DSeries;
    series->setMesh(mesh);
    series->setMeshSmooth(mesh == QAbstract3DSeries::MeshSphere);
    series->setItemSize(size);
    series->setColorStyle(Q3DTheme::ColorStyleUniform);
    series->setBaseColor(color);
    series->setItemLabelVisible(false);
    return series;
}

}  // namespace

Space3DView::Space3DView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_hint = new QLabel(tr("Drag to turn the view, scroll to zoom."));
    m_hint->setObjectName(QStringLiteral("space3dHint"));
    m_hint->hide();
    layout->addWidget(m_hint);
}

Space3DView::~Space3DView() = default;

bool Space3DView::canRender3D()
{
    static const bool can = [] {
        const QString platform = QGuiApplication::platformName();
        if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
            return false;
        QOpenGLContext context;
        return context.create();
    }();
    return can;
}

bool Space3DView::setResult(const core::Result& result)
{
    const auto panel = std::find_if(result.panels.begin(), result.panels.end(), [](const core::Panel& p) {
        return p.kind == core::PanelKind::Space3D;
    });
    if (panel == result.panels.end())
        return false;
    m_panelKey = QString::fromStdString(panel->key);
    if (!canRender3D()) {
        if (!m_fallback) {
            m_fallback = new PlotCanvas;
            m_fallback->setObjectName(QStringLiteral("space3dFallback"));
            layout()->addWidget(m_fallback);
        }
        m_fallback->setResult(result, {m_panelKey});
        return true;
    }
    if (!m_graph)
        create3D();
    show3D(*panel);
    return true;
}

int Space3DView::pointCount() const
{
    int n = 0;
    if (m_graph)
        for (QScatter3DSeries* s : m_graph->seriesList())
            n += s->dataProxy()->itemCount();
    return n;
}

void Space3DView::create3D()
{
    m_graph = new Q3DScatter;
    m_graph->setActiveInputHandler(new DragToRotate(m_graph));
    m_graph->setSelectionMode(QAbstract3DGraph::SelectionNone);
    m_graph->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    m_graph->setOptimizationHints(QAbstract3DGraph::OptimizationStatic);
    Q3DTheme* theme = m_graph->activeTheme();
    theme->setType(Q3DTheme::ThemeQt);
    theme->setBackgroundColor(Qt::white);
    theme->setWindowColor(Qt::white);
    theme->setLabelBackgroundEnabled(false);
    theme->setLabelTextColor(QColor(40, 40, 40));
    theme->setGridLineColor(QColor(205, 208, 214));
    QFont font = pixelFont(kLabelPx);
    // Labels are textures scaled with the graph, their size on screen growing with the point
    // size (Qt Data Visualization: 0.05 + size / 500 of the graph's unit): 44 puts them at the
    // window's text size or larger in a 1024 × 768 window, legible on a projector.
    font.setPointSize(44);
    theme->setFont(font);
    QValue3DAxis* ours[] = {m_graph->axisX(), m_graph->axisZ(), m_graph->axisY()};  // x, y, z
    for (int k = 0; k < 3; ++k) {
        ours[k]->setTitle(QString(QChar(u"xyz"[k])));
        ours[k]->setTitleVisible(true);
        ours[k]->setTitleFixed(false);
        ours[k]->setLabelFormat(QStringLiteral("%.4g"));
        // Numbers and titles turn to face the viewer rather than lie in the box's planes,
        // where seen edge-on they shrink, slant and run into each other.
        ours[k]->setLabelAutoRotation(90);
    }
    // Seen as the flat projection is (ProjectionPlot.h): x towards the lower left, y to the
    // right, z up; zoomed out so that the numbers at the box's corners stay in the view.
    m_graph->scene()->activeCamera()->setCameraPosition(-60, 20, 85);

    m_container = QWidget::createWindowContainer(m_graph, this);
    m_container->setObjectName(QStringLiteral("space3dGraph"));
    m_container->setMinimumSize(320, 240);
    m_container->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_container->setFocusPolicy(Qt::StrongFocus);
    layout()->addWidget(m_container);
    m_hint->show();
}

void Space3DView::show3D(const core::Panel& panel)
{
    for (QScatter3DSeries* s : m_graph->seriesList()) {
        m_graph->removeSeries(s);
        delete s;
    }

    std::vector<std::pair<const core::Series*, SpacePoints>> drawn;
    double pathSegments = 0;
    int pathCount = 0;
    double lo[3] = {HUGE_VAL, HUGE_VAL, HUGE_VAL}, hi[3] = {-HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    for (const core::Series* s : drawnSeries(panel, {})) {
        SpacePoints p = spacePoints(panel, *s);
        if (p.x.isEmpty())
            continue;
        if (s->style != core::SeriesStyle::Points)
            pathSegments += double(p.x.size() - 1);
        pathCount += isPath(*s) ? 1 : 0;
        for (qsizetype i = 0; i < p.x.size(); ++i) {
            const double c[3] = {p.x[i], p.y[i], p.z[i]};
            for (int k = 0; k < 3; ++k) {
                lo[k] = std::min(lo[k], c[k]);
                hi[k] = std::max(hi[k], c[k]);
            }
        }
        drawn.emplace_back(s, std::move(p));
    }
    m_dotsPerSegment = pathSegments > 0 ? std::clamp(int(kTargetDots / pathSegments), 1, kMaxDotsPerSegment) : 1;

    int pathIndex = 0, lineIndex = 0, markerIndex = 0;
    for (const auto& [s, p] : drawn) {
        auto* data = new QScatterDataArray;
        QScatter3DSeries* series = nullptr;
        if (s->style == core::SeriesStyle::Points) {
            const QAbstract3DSeries::Mesh mesh = markerIndex == 0 ? QAbstract3DSeries::MeshSphere
                                                                  : QAbstract3DSeries::MeshCube;
            series = makeSeries(markerStyle(markerIndex++).brush().color(), mesh, kMarkerSize);
            for (qsizetype i = 0; i < p.x.size(); ++i)
                data->append(QScatterDataItem(toGraph(p.x[i], p.y[i], p.z[i])));
        } else {
            QColor color = isPath(*s) ? pathColor(pathIndex++, pathCount) : lineColor(lineIndex++);
            color.setAlpha(255);
            series = makeSeries(color, QAbstract3DSeries::MeshSphere, kPathDotSize);
            data->reserve(qsizetype((p.x.size() - 1) * m_dotsPerSegment + 1));
            for (qsizetype i = 0; i < p.x.size(); ++i) {
                const int dots = i + 1 < p.x.size() ? m_dotsPerSegment : 1;
                for (int j = 0; j < dots; ++j) {
                    const double f = double(j) / m_dotsPerSegment;
                    auto lerp = [&](const QVector<double>& c) { return j == 0 ? c[i] : c[i] + f * (c[i + 1] - c[i]); };
                    data->append(QScatterDataItem(toGraph(lerp(p.x), lerp(p.y), lerp(p.z))));
                }
            }
        }
        series->setName(displayText(s->label));
        series->setProperty("seriesKey", QString::fromStdString(s->key));
        series->dataProxy()->resetArray(data);
        m_graph->addSeries(series);
    }

    // One data unit is as long on every axis: each starts at a multiple of one round step
    // (1, 2, 2.5 or 5 × 10^k, at least a third of the largest span) and has as many segments
    // as the axis that needs most.
    double span = 0;
    for (int k = 0; k < 3; ++k) {
        if (!(lo[k] <= hi[k]))
            lo[k] = hi[k] = 0;
        span = std::max(span, hi[k] - lo[k]);
    }
    const double step = roundStep(std::max(span, 1.0) / kAxisSegments);
    double start[3];
    int segments = 1;
    for (int k = 0; k < 3; ++k) {
        start[k] = std::floor(lo[k] / step) * step;
        segments = std::max(segments, int(std::ceil((hi[k] - start[k]) / step - 1e-9)));
    }
    QValue3DAxis* ours[] = {m_graph->axisX(), m_graph->axisZ(), m_graph->axisY()};  // x, y, z
    for (int k = 0; k < 3; ++k) {
        ours[k]->setSegmentCount(segments);
        ours[k]->setRange(float(start[k]), float(start[k] + segments * step));
    }
}

}  // namespace walklab::ui
