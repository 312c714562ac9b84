// End-to-end tests of the Poisson experiments on the command line: every view of "poisson",
// "poisson-nh" and "poisson-ops" exported headless as PNG and CSV, --help listing them, --print, the same bytes
// for any thread count, and bad rates, horizons, formulas and too much work refused alike with exit
// status 2.
#include "CliHarness.h"

#include <QFile>
#include <QImage>
#include <QSet>
#include <QTest>

namespace {

using walklab::test::Outcome;

const QStringList kPoisson{"--experiment", "poisson", "--rate", "3", "--horizon", "2",
                           "--realisations", "5000", "--seed", "7"};
const QStringList kNonHomogeneous{"--experiment", "poisson-nh", "--rate", "3 + 2*sin(2*pi*t/24)",
                                  "--horizon", "24", "--realisations", "2000", "--seed", "7"};

}  // namespace

class PoissonCommandLineTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private:
    /// Distinct colours on a coarse grid of the image: a drawn plot has many, a blank one few.
    static int colours(const QImage& image)
    {
        QSet<QRgb> seen;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                seen.insert(image.pixel(x, y));
        return int(seen.size());
    }

    void exportView(const QStringList& base, const QString& view, const QString& header)
    {
        const QString png = path(view + ".png"), csv = path(view + ".csv");
        const Outcome o = walklab(base + QStringList{"--view", view, "--export", png, "--csv", csv});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QCOMPARE(image.size(), QSize(800, 700));
        QVERIFY2(colours(image) > 20, qPrintable(view + ": " + QString::number(colours(image))));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 2);
        QVERIFY2(rows[0].join(',').startsWith(header), qPrintable(rows[0].join(',')));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows[0].size());
    }

private slots:
    void initTestCase() { QVERIFY(directory().isValid()); }

    void poissonViews_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("header");
        QTest::newRow("timeline") << "timeline" << "time,realisation";
        QTest::newRow("counting") << "counting" << "time,path_1,path_2";
        QTest::newRow("counts") << "counts" << "count,simulated,exact";
        QTest::newRow("interarrival") << "interarrival" << "gap,simulated,exact";
        QTest::newRow("waiting") << "waiting" << "time,simulated,exact";
        QTest::newRow("memoryless") << "memoryless" << "wait,simulated,exact";
        QTest::newRow("binomial") << "binomial" << "count,simulated,binomial,poisson";
    }

    void poissonViews()
    {
        QFETCH(QString, view);
        QFETCH(QString, header);
        exportView(kPoisson, view, header);
    }

    void countingCsvEndsWithTheGuides()
    {
        const QString csv = path("guides.csv");
        QCOMPARE(walklab(kPoisson + QStringList{"--view", "counting", "--csv", csv}).exitCode, 0);
        const QList<QStringList> rows = readCsv(csv);
        QCOMPARE(rows.size(), 1 + 2001);
        QVERIFY(rows[0].join(',').endsWith("path_20,mean,mean_plus_sd,mean_minus_sd"));
        QCOMPARE(rows.last()[0], QStringLiteral("2"));                      // t = T
        QCOMPARE(rows.last()[rows[0].indexOf("mean")], QStringLiteral("6"));  // λT
    }

    void nonHomogeneousViews_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("header");
        QTest::newRow("timeline") << "timeline" << "time,realisation";
        QTest::newRow("intensity") << "intensity" << "time,simulated,exact";
        QTest::newRow("counting") << "counting" << "time,path_1";
        QTest::newRow("counts") << "counts" << "count,simulated,exact";
    }

    void nonHomogeneousViews()
    {
        QFETCH(QString, view);
        QFETCH(QString, header);
        exportView(kNonHomogeneous, view, header);
    }

    void operationsViews_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("header");
        QTest::newRow("superposition") << "superposition" << "count,simulated,exact";
        QTest::newRow("interarrival") << "interarrival" << "gap,simulated,exact";
        QTest::newRow("thinning") << "thinning" << "count,simulated,exact";
    }

    void operationsViews()
    {
        QFETCH(QString, view);
        QFETCH(QString, header);
        exportView({"--experiment", "poisson-ops", "--rate1", "1", "--rate2", "2", "--keep", "0.4", "--horizon", "3",
                    "--realisations", "5000"},
                   view, header);
    }

    void helpListsTheExperimentsAndTheirViews()
    {
        const Outcome o = walklab({"--help"});
        QCOMPARE(o.exitCode, 0);
        for (const char* s : {"poisson: Poisson process", "poisson-nh: Non-homogeneous Poisson process", "timeline",
                              "counting", "counts", "interarrival", "waiting", "memoryless", "binomial", "intensity",
                              "--rate", "--horizon", "--unit", "--method", "--trials", "--memoryTime", "--arrival"})
            QVERIFY2(o.out.contains(QString::fromUtf8(s)), s);
    }

    void printShowsTheFits()
    {
        const Outcome o = walklab(kPoisson + QStringList{"--unit", "minute", "--print"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        for (const char* s : {"Mean of N(T)", "Chi-squared", "KS, interarrival times", "d_TV = ",
                              "had no event by s = 0.5 minutes", "unit=minute"})
            QVERIFY2(o.out.contains(QString::fromUtf8(s)), qPrintable(QString::fromUtf8(s) + " not in " + o.out));
    }

    void sameSeedSameBytesForAnyThreadCount()
    {
        for (const QString& view : {QStringLiteral("counts"), QStringLiteral("interarrival")}) {
            const QString a = path("t1.csv"), b = path("t2.csv");
            QCOMPARE(walklab(kPoisson + QStringList{"--view", view, "--csv", a, "--threads", "1"}).exitCode, 0);
            QCOMPARE(walklab(kPoisson + QStringList{"--view", view, "--csv", b, "--threads", "2"}).exitCode, 0);
            QVERIFY(!readAll(a).isEmpty());
            QCOMPARE(readAll(a), readAll(b));
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList poisson{"--experiment", "poisson"};
        const QStringList nh{"--experiment", "poisson-nh"};
        QTest::newRow("rate -1") << poisson + QStringList{"--rate", "-1"}
                                 << "rate = -1: must be greater than 0 and at most 10^6";
        QTest::newRow("rate abc") << poisson + QStringList{"--rate", "abc"} << "rate = abc: must be a number";
        QTest::newRow("horizon 0") << poisson + QStringList{"--horizon", "0"}
                                   << "horizon = 0: must be greater than 0 and at most 10^6";
        QTest::newRow("method") << poisson + QStringList{"--method", "fast"}
                                << "method = fast: must be one of gaps, order-statistics";
        QTest::newRow("trials") << poisson + QStringList{"--rate", "3", "--horizon", "2", "--trials", "5"}
                                << "trials = 5: must be between 6 and 10^9";
        QTest::newRow("unit") << poisson + QStringList{"--unit", ""} << "unit = (empty): must be the name of a time unit";
        QTest::newRow("formula") << nh + QStringList{"--rate", "3 + * t"} << "rate = 3 + * t: cannot be read";
        QTest::newRow("negative rate") << nh + QStringList{"--rate", "1 - t", "--horizon", "2"}
                                       << "rate = 1 - t: negative at t = ";
        QTest::newRow("nh horizon") << nh + QStringList{"--horizon", "-3"}
                                    << "horizon = -3: must be greater than 0 and at most 10^6";
        // One realisation of 10^9 events used to keep every gap (15.6 GB); M·(λT + 1) is capped.
        QTest::newRow("work") << poisson + QStringList{"--rate", "1000000", "--horizon", "1000", "--realisations",
                                                       "1000000000"}
                              << "the simulation would draw about 1e+18 events";
        QTest::newRow("nh work") << nh + QStringList{"--rate", "1000000", "--horizon", "1000", "--realisations",
                                                     "1000"}
                                 << "the simulation would draw about";
        QTest::newRow("ops work") << QStringList{"--experiment", "poisson-ops", "--rate1", "500000", "--rate2",
                                                 "500000", "--horizon", "1000", "--realisations", "1000"}
                                  << "the simulation would draw about";
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString png = path("bad.png"), csv = path("bad.csv");
        const Outcome o = walklab(QStringList{"--export", png, "--csv", csv} + args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("walklab: " + message), qPrintable(o.err));
        // Refused while running (too much work) or while parsing: the same last line, no output.
        QVERIFY2(o.err.endsWith(walklab::test::kHelpHint), qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
        QVERIFY(!QFile::exists(png));
        QVERIFY(!QFile::exists(csv));
    }
};

QTEST_GUILESS_MAIN(PoissonCommandLineTest)
#include "PoissonCommandLineTest.moc"
