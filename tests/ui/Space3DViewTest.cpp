// Space3DView, run twice by ctest: under xvfb-run (xcb, software OpenGL) it must show the
// curves in a Q3DScatter; on the offscreen platform, where Data Visualization would crash, it
// must fall back to the flat projection without touching OpenGL.
#include "SyntheticResults.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/plot/Space3DView.h"

#include <Q3DScatter>
#include <QGuiApplication>
#include <QScatter3DSeries>
#include <QTest>
#include <QValue3DAxis>

using walklab::ui::Space3DView;
namespace core = walklab::core;
namespace test = walklab::test;

namespace {

/// One straight path from (0, 0, 0) to (0, 10, 0): along y, which the default view shows
/// running to the right.
core::Panel straightPath()
{
    core::Panel p{"line3d", "A straight path", "step", "x", "y", {}, {}, {}};
    p.kind = core::PanelKind::Space3D;
    std::vector<double> zero(11, 0.0), along;
    for (int t = 0; t <= 10; ++t) {
        p.x.push_back(t);
        along.push_back(t);
    }
    core::Series c[3] = {{"path_x", "", core::SeriesStyle::Line, zero},
                         {"path_y", "", core::SeriesStyle::Line, along},
                         {"path_z", "Path", core::SeriesStyle::Line, zero}};
    c[0].coordinate = c[1].coordinate = true;
    c[2].xOf = "path_x";
    c[2].yOf = "path_y";
    p.series = {c[0], c[1], c[2]};
    return p;
}

}  // namespace

class Space3DViewTest : public QObject {
    Q_OBJECT

    bool offscreen() const { return QGuiApplication::platformName() == QLatin1String("offscreen"); }

private slots:
    void platformDecides()
    {
        QVERIFY2(QGuiApplication::platformName() == "offscreen" || QGuiApplication::platformName() == "xcb",
                 qPrintable(QGuiApplication::platformName()));
        QCOMPARE(Space3DView::canRender3D(), !offscreen());
    }

    void nothingWithoutASpace3DPanel()
    {
        Space3DView view;
        QVERIFY(!view.setResult(test::resultOf({test::trajectories2D(2, 10)})));
        QVERIFY(!view.graph());
        QVERIFY(!view.fallback());
        QVERIFY(view.panelKey().isEmpty());
    }

    void showsEveryPoint()
    {
        const int walkers = 4, steps = 150;
        const core::Panel panel = test::trajectories3D(walkers, steps);
        Space3DView view;
        view.resize(800, 600);
        QVERIFY(view.setResult(test::resultOf({test::trajectories2D(2, 10), panel})));
        QCOMPARE(view.panelKey(), QStringLiteral("paths3d"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        if (offscreen()) {
            QVERIFY(!view.graph());
            QVERIFY(view.fallback());
            QCOMPARE(view.fallback()->shownViews(), QStringList({"paths3d"}));
            QCOMPARE(view.pointCount(), 0);
            return;
        }
        QVERIFY(!view.fallback());
        Q3DScatter* graph = view.graph();
        QVERIFY(graph);
        const auto series = graph->seriesList();
        QCOMPARE(series.size(), walkers + 2);
        const int dots = view.dotsPerSegment();
        QVERIFY(dots >= 1);
        QCOMPARE(view.pointCount(), walkers * (steps * dots + 1) + 2 * walkers);
        for (QScatter3DSeries* s : series) {
            const core::Series& z = *panel.find(s->property("seriesKey").toString().toStdString());
            const core::Series& x = *panel.find(z.xOf);
            const core::Series& y = *panel.find(z.yOf);
            const QScatterDataArray& items = *s->dataProxy()->array();
            if (z.style == core::SeriesStyle::Points) {
                QCOMPARE(items.size(), walkers);  // one start or end per walker
                QCOMPARE(s->mesh() == QAbstract3DSeries::MeshSphere, z.key == "start_z");
                continue;
            }
            // Every vertex of the path, in order; the graph's vertical axis is our z.
            QCOMPARE(items.size(), steps * dots + 1);
            for (int t = 0; t <= steps; ++t) {
                const QVector3D p = items[t * dots].position();
                QCOMPARE(p.x(), float(x.y[std::size_t(t)]));
                QCOMPARE(p.y(), float(z.y[std::size_t(t)]));
                QCOMPARE(p.z(), float(y.y[std::size_t(t)]));
            }
        }
        // One unit is equally long on the three axes, and every point is inside them.
        const QValue3DAxis* axes[] = {graph->axisX(), graph->axisY(), graph->axisZ()};
        for (const QValue3DAxis* a : axes)
            QCOMPARE(a->max() - a->min(), axes[0]->max() - axes[0]->min());
        QCOMPARE(graph->axisY()->title(), QStringLiteral("z"));
        QCOMPARE(graph->axisZ()->title(), QStringLiteral("y"));
        for (QScatter3DSeries* s : series)
            for (const QScatterDataItem& item : *s->dataProxy()->array()) {
                QVERIFY(item.x() >= graph->axisX()->min() && item.x() <= graph->axisX()->max());
                QVERIFY(item.y() >= graph->axisY()->min() && item.y() <= graph->axisY()->max());
                QVERIFY(item.z() >= graph->axisZ()->min() && item.z() <= graph->axisZ()->max());
            }
        // It renders (software OpenGL under Xvfb): the image has the paths' colours.
        const QImage image = graph->renderToImage(0, QSize(400, 300));
        QCOMPARE(image.size(), QSize(400, 300));
        int coloured = 0;
        for (int py = 0; py < image.height(); py += 2)
            for (int px = 0; px < image.width(); px += 2)
                coloured += QColor(image.pixel(px, py)).hsvSaturation() > 90 ? 1 : 0;
        QVERIFY2(coloured > 50, qPrintable(QString::number(coloured)));

        // A new result replaces the curves.
        QVERIFY(view.setResult(test::resultOf({straightPath()})));
        QCOMPARE(view.graph()->seriesList().size(), 1);
        // The paths read as lines from the back of a room: a straight path is drawn, in every
        // column of pixels it crosses, at least 3 pixels thick on average (dots of 1 px before).
        const QImage line = graph->renderToImage(0, QSize(800, 600));
        int columns = 0, pixels = 0;
        for (int px = 0; px < line.width(); ++px) {
            int inColumn = 0;
            for (int py = 0; py < line.height(); ++py)
                inColumn += QColor(line.pixel(px, py)).hsvSaturation() > 90 ? 1 : 0;
            columns += inColumn > 0 ? 1 : 0;
            pixels += inColumn;
        }
        QVERIFY2(columns > 100, qPrintable(QString::number(columns)));  // across the view
        QVERIFY2(pixels >= 3 * columns, qPrintable(QStringLiteral("%1 pixels in %2 columns").arg(pixels).arg(columns)));


        QVERIFY(view.setResult(test::resultOf({test::trajectories3D(2, 20)})));
        QCOMPARE(view.graph()->seriesList().size(), 2 + 2);
    }
};

QTEST_MAIN(Space3DViewTest)
#include "Space3DViewTest.moc"
