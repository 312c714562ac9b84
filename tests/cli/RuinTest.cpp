// End-to-end runs of the ruin experiment: every view exports headless (PNG, SVG, CSV) for both
// kinds of barriers, presets run, bad parameters exit with status 2 and write nothing, and a
// view the barriers leave empty is refused when named, left out (with a note) by default.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QTest>

namespace {

const QStringList kAbsorbing{"--experiment", "ruin", "--capital", "4", "--target", "12", "--walkers", "3000", "--seed", "2"};
const QStringList kReflecting{"--experiment", "ruin", "--capital", "0", "--target", "12", "--walkers", "3000",
                              "--barriers", "reflecting", "--steps", "150", "--seed", "2"};

}  // namespace

class RuinTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY); }

    void everyViewExports_data()
    {
        QTest::addColumn<QStringList>("base");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("header");
        QTest::newRow("path") << kAbsorbing << "path" << "step,path_1";
        QTest::newRow("ruin") << kAbsorbing << "ruin" << "capital,simulated,simulated_2se,exact";
        QTest::newRow("duration") << kAbsorbing << "duration" << "step,simulated,exact";
        QTest::newRow("position") << kReflecting << "position" << "position,simulated,exact,stationary";
        QTest::newRow("reflecting path") << kReflecting << "path" << "step,path_1";
    }

    void everyViewExports()
    {
        QFETCH(QStringList, base);
        QFETCH(QString, view);
        QFETCH(QString, header);
        const QString png = path(view + ".png"), svg = path(view + ".svg"), csv = path(view + ".csv");
        const auto o = walklab(base + QStringList{"--view", view, "--export", png, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(!QImage(png).isNull());
        QCOMPARE(walklab(base + QStringList{"--view", view, "--export", svg}).exitCode, 0);
        QVERIFY(readAll(svg).contains("<svg"));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 2);
        QVERIFY2(rows[0].join(',').startsWith(header), qPrintable(rows[0].join(',')));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows[0].size());
    }

    void fellersRowFromThePreset()
    {
        const auto o = walklab({"--experiment", "ruin", "--preset", "Feller's table: p = 0.45, z = 90, a = 100",
                                "--walkers", "2000", "--print"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains("0.865569"), qPrintable(o.out));  // ruin probability (Feller: 0.866)
        QVERIFY2(o.out.contains("765.569"), qPrintable(o.out));   // expected duration (Feller: 765.6)
        QVERIFY(o.out.contains("Unfinished after n rounds"));
    }

    // Issue 5, P2-4: a view for the other kind of barrier has no data: its CSV is refused with
    // the reason; the default picture draws the two views the barriers fill, sized for two.
    void placeholderViewsAreNeitherWrittenNorDrawn()
    {
        const QString csv = path("placeholder.csv");
        const auto o = walklab(kReflecting + QStringList{"--view", "ruin", "--csv", csv});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("view ruin has no data") && o.err.contains("choose barriers = absorbing"), qPrintable(o.err));
        QVERIFY(!QFile::exists(csv));
        const QString defaults = path("defaults.png"), two = path("two.png");
        QCOMPARE(walklab(kReflecting + QStringList{"--export", defaults}).exitCode, 0);
        QCOMPARE(walklab(kReflecting + QStringList{"--view", "path,position", "--export", two}).exitCode, 0);
        QCOMPARE(QImage(defaults).size(), QImage(two).size());
    }

    // --csv without --view writes the last default view the barriers fill: the ruin curve for
    // absorbing barriers, the position law for reflecting ones.
    void defaultCsvIsAViewWithData()
    {
        const QString absorbing = path("absorbing.csv"), reflecting = path("reflecting.csv");
        QCOMPARE(walklab(QStringList{"--experiment", "ruin", "--walkers", "2000", "--csv", absorbing}).exitCode, 0);
        QCOMPARE(readCsv(absorbing).front().join(','), QStringLiteral("capital,simulated,simulated_2se,exact"));
        QCOMPARE(walklab(kReflecting + QStringList{"--csv", reflecting}).exitCode, 0);
        QCOMPARE(readCsv(reflecting).front().join(','), QStringLiteral("position,simulated,exact,stationary"));
    }

    // Try-out: a view named with --view that the barriers leave empty is refused alike for every
    // output (exit 2, the reason, nothing written), not drawn white nor silently dropped.
    void namedViewWithoutDataIsRefused_data()
    {
        QTest::addColumn<QStringList>("request");
        QTest::addColumn<QString>("file");
        QTest::newRow("export") << QStringList{"--view", "position", "--export"} << "r.png";
        QTest::newRow("export, with a view that has data") << QStringList{"--view", "path,position", "--export"} << "x.png";
        QTest::newRow("csv") << QStringList{"--view", "position", "--csv"} << "x.csv";
        QTest::newRow("print") << QStringList{"--view", "POSITION", "--print"} << "";
    }

    void namedViewWithoutDataIsRefused()
    {
        QFETCH(QStringList, request);
        QFETCH(QString, file);
        const auto o = walklab(kAbsorbing + request + (file.isEmpty() ? QStringList{} : QStringList{path(file)}));
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.err, "walklab: view position has no data for these parameters (Position at n: choose barriers = "
                        "reflecting)\n" + walklab::test::kHelpHint);
        QVERIFY(o.out.isEmpty());
        if (!file.isEmpty())
            QVERIFY(!QFile::exists(path(file)));
    }

    // The default views leave position out with one line on stderr, and only when an image is drawn.
    void defaultViewWithoutDataIsLeftOutWithANote()
    {
        const QString png = path("note.png");
        const auto o = walklab(kAbsorbing + QStringList{"--export", png});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QStringLiteral("walklab: note: left out of the image, no data for these parameters: position "
                                       "(Position at n: choose barriers = reflecting)\n"));
        QCOMPARE(QImage(png).size(), QSize(1600, 700));  // path and ruin, side by side
        const auto print = walklab(kAbsorbing + QStringList{"--print"});
        QCOMPARE(print.exitCode, 0);
        QVERIFY2(print.err.isEmpty(), qPrintable(print.err));
    }

    // Each view has data exactly for the barriers its declaration (shown by --help) needs.
    void viewsHaveDataForTheBarriersTheHelpNames_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<bool>("absorbing");
        QTest::addColumn<bool>("reflecting");
        QTest::addColumn<QString>("inHelp");  // the end of the view's entry in --help
        QTest::newRow("path") << "path" << true << true << "between the barriers 0 and a. * ruin Ruin probability.";
        QTest::newRow("ruin") << "ruin" << true << false << "and the exact curve. Only with barriers = absorbing.";
        QTest::newRow("duration") << "duration" << true << false
                                  << "unfinished after n rounds. Only with barriers = absorbing.";
        QTest::newRow("position") << "position" << false << true
                                  << "and the stationary law. Only with barriers = reflecting.";
    }

    void viewsHaveDataForTheBarriersTheHelpNames()
    {
        QFETCH(QString, view);
        QFETCH(bool, absorbing);
        QFETCH(bool, reflecting);
        QFETCH(QString, inHelp);
        QCOMPARE(walklab(kAbsorbing + QStringList{"--view", view, "--print"}).exitCode, absorbing ? 0 : 2);
        QCOMPARE(walklab(kReflecting + QStringList{"--view", view, "--print"}).exitCode, reflecting ? 0 : 2);
        QVERIFY(walklab({"--help"}).out.simplified().contains(inHelp));
    }

    // --help tells which view --csv writes by default, from the views' declared needs.
    void helpNamesTheDefaultCsvViewForEachBarrier()
    {
        const QString help = walklab({"--help"}).out.simplified();
        QVERIFY2(help.contains("ruin: position with barriers = reflecting, else ruin;"), qPrintable(help));
        QVERIFY(help.contains("walk1d: endpoint;"));
    }

    void badParametersExitTwoAndWriteNothing()
    {
        const QString png = path("bad.png");
        const auto o = walklab({"--experiment", "ruin", "--capital", "30", "--target", "20", "--export", png});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("capital = 30"), qPrintable(o.err));
        QVERIFY(!QFile::exists(png));
        const auto barriers = walklab({"--experiment", "ruin", "--barriers", "sticky", "--export", png});
        QCOMPARE(barriers.exitCode, 2);
        QVERIFY2(barriers.err.contains("barriers = sticky"), qPrintable(barriers.err));
    }
};

QTEST_MAIN(RuinTest)
#include "RuinTest.moc"
