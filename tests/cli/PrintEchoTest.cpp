// The --print parameter echo shows the values a run used: a default that these parameters
// cap (paths at most walkers or realisations) is echoed as the capped value with the reason,
// checked against the paths the run wrote to its CSV; derived and automatic values likewise.
#include "CliHarness.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

class PrintEchoTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(directory().isValid());
        QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY);
    }

    void echoShowsThePathsUsed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("echo");
        QTest::addColumn<int>("paths");  // path columns the run writes
        QTest::newRow("walk1d capped") << QStringList{"--experiment", "walk1d", "--walkers", "7"} << "paths"
                                       << "paths=7 (default 20, at most walkers)" << 7;
        QTest::newRow("walk2d capped") << QStringList{"--experiment", "walk2d", "--walkers", "10", "--steps", "50"}
                                       << "paths" << "paths=10 (default 20, at most walkers)" << 10;
        QTest::newRow("poisson capped") << QStringList{"--experiment", "poisson", "--realisations", "12"} << "counting"
                                        << "paths=12 (default 20, at most realisations)" << 12;
        QTest::newRow("walk2d default") << QStringList{"--experiment", "walk2d", "--walkers", "30", "--steps", "50"}
                                        << "paths" << "paths=20\n" << 20;
        QTest::newRow("walk2d given") << QStringList{"--experiment", "walk2d", "--walkers", "10", "--steps", "50", "--paths", "4"}
                                      << "paths" << "paths=4\n" << 4;
    }

    void echoShowsThePathsUsed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, view);
        QFETCH(QString, echo);
        QFETCH(int, paths);
        const QString csv = path(QString(QTest::currentDataTag()).replace(' ', '_') + ".csv");
        const walklab::test::Outcome o = walklab(args + QStringList{"--print", "--view", view, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        // The echo is the line after "wrote …": "Title (key): key=value …".
        const QStringList lines = o.out.split('\n').filter(QStringLiteral("): "));
        QVERIFY2(!lines.isEmpty(), qPrintable(o.out));
        const QString line = lines.front() + '\n';
        QVERIFY2(line.contains(echo), qPrintable(line));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(!rows.isEmpty());
        const QRegularExpression pathColumn(QStringLiteral("^path_\\d+(_x)?$"));
        QCOMPARE(int(rows[0].filter(pathColumn).size()), paths);
    }

    void echoShowsDerivedValues_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("echo");
        QTest::newRow("q blank") << QStringList{"--experiment", "walk1d", "--p", "0.25", "--steps", "10"}
                                 << " q=0.75 (1 − p) ";
        QTest::newRow("q rounded") << QStringList{"--experiment", "passage", "--p", "0.55", "--steps", "10"}
                                   << " q=0.45 (1 − p) ";  // 1 − 0.55 is 0.44999999999999996 in doubles
        QTest::newRow("weights unused") << QStringList{"--experiment", "walk2d", "--kind", "pearson", "--steps", "10"}
                                        << " east=1 (unused) ";
        QTest::newRow("q given") << QStringList{"--experiment", "walk1d", "--p", "0.25", "--q", "0.5", "--steps", "10"}
                                 << " q=0.5 ";
        QTest::newRow("trials") << QStringList{"--experiment", "poisson", "--rate", "2.5", "--horizon", "1"}
                                << " trials=30 (derived from λT) ";
        QTest::newRow("rateBound") << QStringList{"--experiment", "poisson-nh", "--rate", "t < 4 ? 10 : 2", "--horizon",
                                                  "8", "--realisations", "100"}
                                   << " rateBound=0 (automatic: λ* in ";
    }

    void echoShowsDerivedValues()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, echo);
        const walklab::test::Outcome o = walklab(args + QStringList{"--print"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QStringList lines = o.out.split('\n').filter(QStringLiteral("): "));
        QVERIFY2(!lines.isEmpty(), qPrintable(o.out));
        QVERIFY2(lines.front().contains(echo), qPrintable(lines.front()));
    }

    void givenPathsAboveTheCapAreRefused()
    {
        // Never clamped silently: a value given above the cap is an error naming both.
        const walklab::test::Outcome o =
            walklab({"--experiment", "walk2d", "--walkers", "10", "--paths", "20", "--print"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("paths = 20: must be between 0 and walkers = 10"), qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
    }
};

QTEST_MAIN(PrintEchoTest)
#include "PrintEchoTest.moc"
