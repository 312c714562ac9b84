// Exporter: every panel kind written as PNG, SVG and PDF (offscreen, so also headless), and
// the CSV layout of parametric and heat-map panels.
#include "SyntheticResults.h"
#include "ui/plot/ExportSizeDialog.h"
#include "ui/plot/Exporter.h"
#include "ui/plot/PlotCanvas.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using walklab::ui::PlotCanvas;
namespace core = walklab::core;
namespace test = walklab::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<QStringList> readCsv(const QString& path)
{
    QList<QStringList> rows;
    for (const QByteArray& line : readAll(path).split('\n'))
        if (!line.isEmpty())
            rows << QString::fromUtf8(line).split(',');
    return rows;
}

/// Pixels of a clearly saturated colour (paths, markers, colour cells), not grey or white.
int colouredPixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            n += QColor(image.pixel(x, y)).hsvSaturation() > 90 ? 1 : 0;
    return n;
}

}  // namespace

class ExporterTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void everyKindToEveryFormat_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("trajectories") << 0;
        QTest::newRow("counting") << 1;
        QTest::newRow("heatmap") << 2;
        QTest::newRow("space3d") << 3;
    }

    void everyKindToEveryFormat()
    {
        QFETCH(int, kind);
        const core::Panel panel = kind == 0   ? test::trajectories2D(5, 200)
                                  : kind == 1 ? test::countingPaths(5, 2, 4, 401)
                                  : kind == 2 ? test::heatMap(8)
                                              : test::trajectories3D(4, 200);
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({panel}));
        const QString base = m_dir.filePath(QString::fromStdString(panel.key));

        QCOMPARE(walklab::ui::exportPlot(canvas, base + ".png", 900, 600), QString());
        const QImage image(base + ".png");
        QCOMPARE(image.size(), QSize(900, 600));
        QVERIFY2(colouredPixels(image) > 200, "the data are drawn");

        QCOMPARE(walklab::ui::exportPlot(canvas, base + ".svg", 900, 600), QString());
        const QByteArray svg = readAll(base + ".svg");
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains(panel.title.c_str()));
        if (kind == 3)  // the projection's coordinate names
            for (const char* name : {">x<", ">y<", ">z<"})
                QVERIFY2(svg.contains(name), name);

        QCOMPARE(walklab::ui::exportPlot(canvas, base + ".pdf", 900, 600), QString());
        const QByteArray pdf = readAll(base + ".pdf");
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.size() > 2000);
    }

    void heatMapFramesAreDrawnOverTheMaps()
    {
        // A PDF reader showed no frame around the maps: QCustomPlot put the axes of the maps'
        // rects on the layer of the plottables, so each map, made after its axes, was drawn
        // over the inner half of its frame (the whole of it at a reader's resolution). The axes
        // belong on the layer above; and painted as the PDF is (vectorized, 3 × denser), the
        // frame's every pixel is the axes' grey, not a map cell's colour.
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::heatMap(8)}));
        canvas.resize(900, 600);
        canvas.replot();
        const auto maps = canvas.findChildren<QCPColorMap*>();
        QCOMPARE(maps.size(), 2);
        for (QCPColorMap* map : maps)
            for (QCPAxis* axis : map->keyAxis()->axisRect()->axes())
                QVERIFY2(axis->layer()->index() > map->layer()->index(), qPrintable(axis->layer()->name()));

        constexpr int kScale = 3;
        QImage image(900 * kScale, 600 * kScale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QCPPainter painter(&image);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setMode(QCPPainter::pmNonCosmetic);
        painter.scale(kScale, kScale);
        canvas.toPainter(&painter, 900, 600);
        painter.end();
        for (QCPColorMap* map : maps) {
            const QRect r = map->keyAxis()->axisRect()->rect();
            // The inner half of the 3-pixel lines on the left (centred on x = left) and bottom
            // (y = bottom) edges, all along them: where a map drawn last would cover them.
            for (int y = r.top() * kScale + 6; y < r.bottom() * kScale - 6; y += 3) {
                const QColor c = image.pixelColor(r.left() * kScale, y);
                QVERIFY2(c.saturation() < 40 && c.value() < 160, qPrintable(QStringLiteral("left edge at %1: %2").arg(y).arg(c.name())));
            }
            for (int x = r.left() * kScale + 6; x < r.right() * kScale - 6; x += 3) {
                const QColor c = image.pixelColor(x, r.bottom() * kScale - 1);
                QVERIFY2(c.saturation() < 40 && c.value() < 160, qPrintable(QStringLiteral("bottom edge at %1: %2").arg(x).arg(c.name())));
            }
        }
    }

    void sizeDialogSpeaksTheFormatsUnit()
    {
        // Pixels for PNG and JPG, points for SVG and PDF (as --width and --height say), and no
        // size the exporter would refuse.
        for (const char* name : {"plot.png", "plot.jpg", "plot.svg", "plot.pdf"}) {
            const bool vector = QByteArray(name).endsWith("svg") || QByteArray(name).endsWith("pdf");
            walklab::ui::ExportSizeDialog dialog(QString::fromLatin1(name), QSize(640, 480));
            for (QSpinBox* box : {dialog.widthBox(), dialog.heightBox()}) {
                QCOMPARE(box->suffix(), vector ? QStringLiteral(" pt") : QStringLiteral(" px"));
                QCOMPARE(box->maximum(), walklab::ui::kMaxImageSide);
            }
            QVERIFY2(dialog.caption()->text().contains(vector ? "points" : "pixels"), name);
            QCOMPARE(dialog.imageSize(), QSize(640, 480));
        }
        PlotCanvas canvas;
        canvas.setResult(test::resultOf({test::heatMap(3)}));
        const QString tooLarge = walklab::ui::exportPlot(canvas, m_dir.filePath("big.pdf"), 20000, 100);
        QVERIFY2(tooLarge.contains("10000 points"), qPrintable(tooLarge));
    }

    void parametricCsvHasOneRowPerStep()
    {
        const core::Panel panel = test::trajectories2D(3, 40);
        const QString path = m_dir.filePath("paths.csv");
        QCOMPARE(walklab::ui::exportCsv(panel, path), QString());
        const auto rows = readCsv(path);
        QCOMPARE(rows.size(), 1 + 41);
        QStringList header{"step"};
        for (const auto& s : panel.series)
            header << QString::fromStdString(s.key);
        QCOMPARE(rows[0], header);  // coordinates included: path_1_x beside path_1_y
        const int xColumn = int(header.indexOf("path_2_x")), yColumn = int(header.indexOf("path_2_y"));
        for (int t = 0; t <= 40; ++t) {
            QCOMPARE(rows[t + 1].size(), header.size());
            QCOMPARE(rows[t + 1][0].toInt(), t);
            QCOMPARE(rows[t + 1][xColumn].toDouble(), panel.find("path_2_x")->y[std::size_t(t)]);
            QCOMPARE(rows[t + 1][yColumn].toDouble(), panel.find("path_2_y")->y[std::size_t(t)]);
        }
        QCOMPARE(rows[1][int(header.indexOf("end_x"))].toDouble(), panel.find("path_1_x")->y.back());
        QCOMPARE(rows[5][int(header.indexOf("end_x"))], QStringLiteral("nan"));  // padding
    }

    void heatMapCsvIsLongForm()
    {
        const core::Panel panel = test::heatMap(3);
        const QString path = m_dir.filePath("density.csv");
        QCOMPARE(walklab::ui::exportCsv(panel, path), QString());
        const auto rows = readCsv(path);
        QCOMPARE(rows[0], QStringList({"x", "y", "simulated", "exact"}));
        QCOMPARE(rows.size(), 1 + 49);
        QSet<QString> cells;
        for (int i = 1; i < rows.size(); ++i) {
            cells.insert(rows[i][0] + ',' + rows[i][1]);
            QCOMPARE(rows[i][3].toDouble(), panel.find("exact")->y[std::size_t(i - 1)]);
        }
        QCOMPARE(cells.size(), 49);  // one row per cell
    }
};

QTEST_MAIN(ExporterTest)
#include "ExporterTest.moc"
