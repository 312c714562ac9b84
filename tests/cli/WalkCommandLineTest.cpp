// End-to-end runs of the 2D and 3D walks: every view exports headless (PNG and CSV), --help
// lists the views, bad parameters exit with status 2 and write nothing.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QSet>
#include <QTest>

namespace {

const QStringList kSmall2D{"--experiment", "walk2d", "--steps", "60", "--walkers", "3000", "--paths", "3", "--seed", "5"};
const QStringList kSmall3D{"--experiment", "walk3d", "--steps", "20", "--walkers", "3000", "--paths", "3", "--seed", "5"};

}  // namespace

class WalkCommandLineTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(directory().isValid());
        QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY);
    }

    void everyViewExports_data()
    {
        QTest::addColumn<QStringList>("base");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("firstColumns");
        for (const char* v : {"paths", "msd", "returns", "radial", "density"})
            QTest::newRow(qPrintable(QString("walk2d ") + v)) << kSmall2D << QString(v) << QString();
        for (const char* v : {"paths3d", "projection_xy", "projection_xz", "projection_yz", "msd", "returns", "radial"})
            QTest::newRow(qPrintable(QString("walk3d ") + v)) << kSmall3D << QString(v) << QString();
    }

    void everyViewExports()
    {
        QFETCH(QStringList, base);
        QFETCH(QString, view);
        const QString png = path(view + ".png"), csv = path(view + ".csv");
        const walklab::test::Outcome o = walklab(base + QStringList{"--view", view, "--export", png, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 2);
        const QString header = rows[0].join(',');
        if (view == "density")
            QCOMPARE(header, QString("x,y,simulated,exact"));
        else if (view == "radial")
            QCOMPARE(header, QString("distance,simulated,exact,limit"));
        else if (view == "msd")
            QCOMPARE(header, QString("step,simulated,simulated_plus_2se,simulated_minus_2se,exact"));
        else if (view == "returns")
            QCOMPARE(header, QString("step,simulated,exact,polya"));
        else if (view == "paths3d")
            QVERIFY2(header.startsWith("step,path_1_x,path_1_y,path_1_z"), qPrintable(header));
        else if (view == "projection_yz")
            QVERIFY2(header.startsWith("step,path_1_y,path_1_z"), qPrintable(header));
        else
            QVERIFY2(header.startsWith("step,path_1_x,path_1_"), qPrintable(header));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows[0].size());
    }

    void sameSeedSameBytesWhateverTheThreads()
    {
        for (const QString& v : {QString("returns"), QString("density")}) {
            QCOMPARE(walklab(kSmall2D + QStringList{"--view", v, "--csv", path("t1.csv"), "--threads", "1"}).exitCode, 0);
            QCOMPARE(walklab(kSmall2D + QStringList{"--view", v, "--csv", path("t2.csv"), "--threads", "2"}).exitCode, 0);
            QVERIFY(!readAll(path("t1.csv")).isEmpty());
            QCOMPARE(readAll(path("t1.csv")), readAll(path("t2.csv")));
        }
    }

    void helpListsTheViews()
    {
        const walklab::test::Outcome o = walklab({"--help"});
        QCOMPARE(o.exitCode, 0);
        for (const char* s : {"walk2d", "walk3d", "density", "radial", "msd", "returns", "paths3d", "projection_xz",
                              "--kind", "--east", "--down", "--lazy", "pearson", "gaussian"})
            QVERIFY2(o.out.contains(QString::fromUtf8(s)), s);
    }

    void badParameters_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("steps") << (kSmall2D + QStringList{"--steps", "0"}) << QStringList{"steps = 0", "10^7"};
        QTest::newRow("kind") << (kSmall2D + QStringList{"--kind", "levy"}) << QStringList{"levy", "pearson"};
        QTest::newRow("weight") << (kSmall3D + QStringList{"--up", "-1"}) << QStringList{"up = -1", "10^6"};
        QTest::newRow("lazy") << (kSmall2D + QStringList{"--lazy", "1"}) << QStringList{"lazy = 1"};
        QTest::newRow("view") << (kSmall3D + QStringList{"--view", "density"}) << QStringList{"density", "paths3d"};
    }

    void badParameters()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, mentions);
        const QString png = path("bad.png");
        QFile::remove(png);
        const walklab::test::Outcome o = walklab(QStringList{"--export", png} + args);
        QCOMPARE(o.exitCode, 2);
        for (const QString& m : mentions)
            QVERIFY2(o.err.contains(m), qPrintable(m + " not in: " + o.err));
        QVERIFY(!QFile::exists(png));
    }
};

QTEST_GUILESS_MAIN(WalkCommandLineTest)
#include "WalkCommandLineTest.moc"
