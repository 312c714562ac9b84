// End-to-end runs of the passage experiment: every view exports headless (PNG, SVG, CSV), the
// summary prints its figures, bad parameters exit with status 2 and write nothing.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QTest>

namespace {

const QStringList kSmall{"--experiment", "passage", "--steps", "200", "--walkers", "4000", "--level", "4", "--seed", "3"};

}  // namespace

class PassageTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY); }

    void everyViewExports_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("header");
        QTest::newRow("passage") << "passage" << "step,simulated,exact";
        QTest::newRow("return") << "return" << "step,simulated,exact";
        QTest::newRow("returns") << "returns" << "returns,simulated,exact";
        QTest::newRow("arcsine") << "arcsine" << "fraction,simulated,exact,arcsine";
        QTest::newRow("lastzero") << "lastzero" << "fraction,simulated,exact,arcsine";
        QTest::newRow("maximum") << "maximum" << "maximum,simulated,exact";
        QTest::newRow("signpaths") << "signpaths" << "step,positive_1,negative_1";
    }

    void everyViewExports()
    {
        QFETCH(QString, view);
        QFETCH(QString, header);
        const QString png = path(view + ".png"), svg = path(view + ".svg"), csv = path(view + ".csv");
        const auto o = walklab(kSmall + QStringList{"--view", view, "--export", png, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(!QImage(png).isNull());
        QCOMPARE(walklab(kSmall + QStringList{"--view", view, "--export", svg}).exitCode, 0);
        QVERIFY(readAll(svg).contains("<svg"));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 2);
        QVERIFY2(rows[0].join(',').startsWith(header), qPrintable(rows[0].join(',')));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows[0].size());
    }

    void printShowsTheFiguresBesideTheExactValues()
    {
        const auto o = walklab(kSmall + QStringList{"--print"});
        QCOMPARE(o.exitCode, 0);
        for (const char* text : {"P(T_k ≤ n): reached level k by n", "E[T_k]", "infinite", "Returned to 0 by n",
                                 "P(time positive ≤ 10 % or ≥ 90 % of n)", "E[M_n]", "χ² first passage vs exact"})
            QVERIFY2(o.out.contains(QString::fromUtf8(text)), text);
    }

    void badParametersExitTwoAndWriteNothing()
    {
        const QString png = path("bad.png");
        const auto o = walklab({"--experiment", "passage", "--level", "0", "--export", png});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("level = 0"), qPrintable(o.err));
        QVERIFY(!QFile::exists(png));
        const auto axes = walklab({"--experiment", "passage", "--axes", "semilog", "--export", png});
        QCOMPARE(axes.exitCode, 2);
        QVERIFY2(axes.err.contains("axes = semilog: must be one of log-log, linear"), qPrintable(axes.err));
    }
};

QTEST_MAIN(PassageTest)
#include "PassageTest.moc"
