// Views on the command line for every experiment: without --view the image holds the default
// pair and --csv writes the last default view (saying so); --view all draws every view.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QTest>

namespace {

using walklab::test::Outcome;

}  // namespace

class DefaultViewsTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(directory().isValid());
        QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY);
    }

    void defaultsAndAll_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("csvView");
        QTest::addColumn<int>("views");
        QTest::newRow("walk1d") << QStringList{"--experiment", "walk1d", "--steps", "50", "--walkers", "3000"}
                                << "endpoint" << 4;
        QTest::newRow("walk2d") << QStringList{"--experiment", "walk2d", "--steps", "60", "--walkers", "3000",
                                               "--paths", "3"}
                                << "density" << 5;
        QTest::newRow("walk3d") << QStringList{"--experiment", "walk3d", "--steps", "20", "--walkers", "3000",
                                               "--paths", "3"}
                                << "returns" << 7;
        QTest::newRow("poisson") << QStringList{"--experiment", "poisson", "--realisations", "2000"}
                                 << "interarrival" << 7;
        QTest::newRow("poisson-nh") << QStringList{"--experiment", "poisson-nh", "--realisations", "2000"}
                                    << "counts" << 4;
        QTest::newRow("poisson-ops") << QStringList{"--experiment", "poisson-ops", "--realisations", "2000"}
                                     << "thinning" << 3;
    }

    void defaultsAndAll()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, csvView);
        QFETCH(int, views);
        const QString png = path("default.png"), csv = path("default.csv"), named = path("named.csv");
        const Outcome o = walklab(args + QStringList{"--export", png, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(QImage(png).size(), QSize(1600, 700));  // two default views side by side
        QVERIFY2(o.out.contains("(view " + csvView + ", ") && o.out.contains("the default view"),
                 qPrintable(o.out));
        // The same table as when the view is named.
        const Outcome n = walklab(args + QStringList{"--view", csvView, "--csv", named});
        QVERIFY2(n.exitCode == 0, qPrintable(n.err));
        QVERIFY(!n.out.contains("the default view"));
        QVERIFY(!readAll(csv).isEmpty());
        QCOMPARE(readAll(csv), readAll(named));

        const Outcome all = walklab(args + QStringList{"--view", "all", "--export", path("all.png")});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QCOMPARE(QImage(path("all.png")).size(), QSize(1600, 700 * ((views + 1) / 2)));
    }

    void allWithCsvNeedsOneView()
    {
        const Outcome o = walklab({"--experiment", "poisson-ops", "--view", "all", "--csv", path("x.csv")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("one view") && o.err.contains("superposition, interarrival, thinning"),
                 qPrintable(o.err));
        QVERIFY(!QFile::exists(path("x.csv")));
    }
};

QTEST_GUILESS_MAIN(DefaultViewsTest)
#include "DefaultViewsTest.moc"
