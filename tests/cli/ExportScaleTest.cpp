// --scale F: a PNG or JPG laid out at width/F × height/F and drawn F times denser, so that text
// and lines keep their size relative to the figure; refused for vector formats and bad values.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QTest>

#include <cstdlib>

namespace {

const QStringList kWalk{"--steps", "100", "--walkers", "10000", "--seed", "7"};

/// Mean absolute difference of two images of the same size, per colour channel, in 0 … 255.
double meanDifference(const QImage& a, const QImage& b)
{
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), r = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(r)) + std::abs(qGreen(p) - qGreen(r)) + std::abs(qBlue(p) - qBlue(r));
        }
    return sum / (3.0 * a.width() * a.height());
}

}  // namespace

class ExportScaleTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY); }

    // Shrunk back to 1600 × 700, the image at scale 2 is the 1600 × 700 one (up to anti-aliasing);
    // the 3200 × 1400 image without --scale, whose text is half as large, is not.
    void scaleTwoLooksLikeHalfTheSize()
    {
        const QString one = path("one.png"), two = path("two.png"), plain = path("plain.png");
        QCOMPARE(walklab(kWalk + QStringList{"--export", one}).exitCode, 0);
        const auto o = walklab(kWalk + QStringList{"--width", "3200", "--height", "1400", "--scale", "2", "--export", two});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains("wrote " + two + " (3200×1400, laid out at 1600×700 and drawn at scale 2)"), qPrintable(o.out));
        QCOMPARE(walklab(kWalk + QStringList{"--width", "3200", "--height", "1400", "--export", plain}).exitCode, 0);
        const QImage reference = QImage(one).convertToFormat(QImage::Format_RGB32);
        const auto shrunk = [](const QString& file) {
            const QImage image(file);
            return image.scaled(image.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_RGB32);
        };
        QCOMPARE(QImage(two).size(), QSize(3200, 1400));
        // Measured: 0.8 at scale 2 (anti-aliasing), 16.7 without --scale.
        const double scaled = meanDifference(shrunk(two), reference), unscaled = meanDifference(shrunk(plain), reference);
        QVERIFY2(scaled < 3 && unscaled > 8, qPrintable(QStringLiteral("%1 %2").arg(scaled).arg(unscaled)));
    }

    // Without --width and --height the image is the default size times the scale.
    void defaultSizeTimesTheScale()
    {
        const QString png = path("default.png"), jpg = path("small.jpg");
        QCOMPARE(walklab(kWalk + QStringList{"--scale", "2", "--export", png}).exitCode, 0);
        QCOMPARE(QImage(png).size(), QSize(3200, 1400));
        QCOMPARE(walklab(kWalk + QStringList{"--scale", "0.5", "--view", "endpoint", "--export", jpg}).exitCode, 0);
        QCOMPARE(QImage(jpg).size(), QSize(400, 350));
        // An SVG at scale 1 is accepted (the default).
        QCOMPARE(walklab(kWalk + QStringList{"--scale", "1", "--export", path("one.svg")}).exitCode, 0);
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("below 0.5") << QStringList{"--scale", "0.4"} << "a.png" << "--scale 0.4: must be a number between 0.5 and 8";
        QTest::newRow("above 8") << QStringList{"--scale", "9"} << "a.png" << "--scale 9: must be a number between 0.5 and 8";
        QTest::newRow("not a number") << QStringList{"--scale", "big"} << "a.png" << "--scale big: must be a number";
        QTest::newRow("svg") << QStringList{"--scale", "2"} << "a.svg" << "SVG and PDF are vector images";
        QTest::newRow("pdf") << QStringList{"--scale", "1.5"} << "a.pdf" << "SVG and PDF are vector images";
        QTest::newRow("default too large") << QStringList{"--scale", "8", "--view", "all"} << "a.png"
                                           << "the image would be 12800×11200 pixels";
        QTest::newRow("below one layout pixel") << QStringList{"--scale", "4", "--width", "1"} << "a.png"
                                                << "width and height must be at least the scale";
    }

    void refused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        QFETCH(QString, message);
        const auto o = walklab(kWalk + args + QStringList{"--export", path(file)});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains(message) && o.err.endsWith(walklab::test::kHelpHint), qPrintable(o.err));
        QVERIFY(!QFile::exists(path(file)));
    }

    void helpDescribesIt()
    {
        const QString help = walklab({"--help"}).out.simplified();
        QVERIFY2(help.contains("--scale <F> PNG and JPG: lay the figure out at width/F × height/F"), qPrintable(help));
        QVERIFY(help.contains("--scale other than 1 is refused for them."));
    }
};

QTEST_MAIN(ExportScaleTest)
#include "ExportScaleTest.moc"
