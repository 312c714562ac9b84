// The command line for Choice and Text parameters and for --preset, on the real binary with
// the poisson experiment (a choice "method", a text "unit", four presets).
#include "CliHarness.h"

#include <QFile>
#include <QTest>

namespace {

/// Fast runs: few realisations.
const QStringList kPoisson{"--experiment", "poisson", "--realisations", "2000", "--print"};

/// The "key=value …" settings line that --print starts with.
QString settings(const QString& out)
{
    return out.section('\n', 0, 0);
}

}  // namespace

class PresetsAndChoicesTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(directory().isValid()); }

    void helpNamesChoicesAndPresets()
    {
        const auto o = walklab({"--help"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("--method <gaps|order-statistics>"), qPrintable(o.out));
        QVERIFY(o.out.contains("--unit <text>"));
        QVERIFY(o.out.contains("--preset <name>"));
        QVERIFY(o.out.contains("Presets (--preset NAME):"));
        QVERIFY(o.out.contains("hospital-births-3-per-hour"));
        QVERIFY(o.out.contains("milk-powder-4-packs-per-day"));
    }

    void accentsAreDroppedFromPresetSlugs()
    {
        // "Pólya: the drunk bird …" is polya-the-drunk-bird-…, and its start selects it.
        const auto help = walklab({"--help"});
        QVERIFY2(help.out.contains("polya-the-drunk-bird-may-never-come-home"), qPrintable(help.out));
        const auto o = walklab({"--experiment", "walk3d", "--preset", "polya", "--steps", "20", "--walkers", "200", "--print"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains("kind=lattice steps=20 walkers=200"), qPrintable(o.out));
    }

    void choiceByKeyOrLabel()
    {
        auto o = walklab(kPoisson + QStringList{"--method", "order-statistics"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(settings(o.out).contains("method=order-statistics"), qPrintable(o.out));
        // A label, in any case, is stored as its key.
        o = walklab(kPoisson + QStringList{"--method", "EXPONENTIAL GAPS"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(settings(o.out).contains("method=gaps"), qPrintable(o.out));
    }

    void badChoiceNamesTheAllowedOnes()
    {
        const QString csv = path("bad.csv");
        const auto o = walklab(kPoisson + QStringList{"--method", "fast", "--csv", csv});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("method = fast: must be one of gaps, order-statistics"),
                 qPrintable(o.err));
        QCOMPARE(o.err.count("method = fast"), 1);  // once, not again from the validation
        QVERIFY(!QFile::exists(csv));
    }

    void textIsTakenAsGiven()
    {
        const auto o = walklab(kPoisson + QStringList{"--unit", "light year"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(settings(o.out).contains("unit=light year"), qPrintable(o.out));
    }

    void presetThenExplicitOptions()
    {
        // The preset's values, the defaults for the rest, and explicit options last.
        auto o = walklab(kPoisson + QStringList{"--preset", "milk-powder-4-packs-per-day"});
        QCOMPARE(o.exitCode, 0);
        const QString milk = settings(o.out);
        QVERIFY2(milk.contains("rate=4 unit=day horizon=7"), qPrintable(milk));
        QVERIFY(milk.contains("seed=1"));
        o = walklab(kPoisson +
                    QStringList{"--rate", "5", "--preset", "Milk powder: 4 packs per day"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(settings(o.out).contains("rate=5 unit=day horizon=7"), qPrintable(o.out));
        // The start of a single name will do, and the preset picks its experiment.
        o = walklab({"--preset", "phone", "--realisations", "2000", "--print"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.startsWith("Poisson process (poisson): rate=0.1 unit=minute"),
                 qPrintable(o.out));
    }

    // Try-out: two owners are "both", and view names, like presets, are taken in any case.
    void presetOfTwoExperimentsNamesBoth()
    {
        const auto o = walklab({"--preset", "FELLER", "--print"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--preset FELLER: experiments passage and ruin both have it; choose one with "
                                "--experiment"),
                 qPrintable(o.err));
    }

    void viewNamesInAnyCase()
    {
        const QStringList walk{"--steps", "30", "--walkers", "2000"};
        const QString lower = path("lower.png"), upper = path("upper.png"), csv = path("paths.csv");
        QCOMPARE(walklab(walk + QStringList{"--view", "paths,msd", "--export", lower}).exitCode, 0);
        const auto o = walklab(walk + QStringList{"--view", "PATHS, Msd", "--export", upper});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(readAll(upper), readAll(lower));
        const auto one = walklab(walk + QStringList{"--view", "Paths", "--csv", csv});
        QVERIFY2(one.exitCode == 0 && one.out.contains("(view paths, "), qPrintable(one.err + one.out));
        QCOMPARE(walklab(walk + QStringList{"--view", "ALL", "--export", upper}).exitCode, 0);
        QVERIFY(walklab({"--help"}).out.simplified().contains("marked below); names in any case."));
    }

    void badPresets_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QStringList{"--experiment", "poisson", "--preset", "tram"}
                                 << "--preset tram: no such preset; the presets are "
                                    "hospital-births-3-per-hour, phone-calls-1-every-10-minutes";
        QTest::newRow("another experiment's")
            << QStringList{"--experiment", "walk1d", "--preset", "phone"}
            << "--preset phone: no such preset; the presets are fair-coin-100-tosses, biased-coin-p-0-6";
        QTest::newRow("in no experiment") << QStringList{"--preset", "tram"}
                                          << "--preset tram: no experiment has such a preset";
        QTest::newRow("blank") << QStringList{"--experiment", "poisson", "--preset", " - "}
                               << "--preset  - : no such preset";
    }

    void badPresets()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString csv = path("preset.csv");
        const auto o = walklab(args + QStringList{"--csv", csv});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
        QVERIFY(!QFile::exists(csv));
    }
};

QTEST_GUILESS_MAIN(PresetsAndChoicesTest)
#include "PresetsAndChoicesTest.moc"
