// End-to-end tests of the walklab command line: runs the real binary headless (no DISPLAY,
// no QT_QPA_PLATFORM: walklab must choose the offscreen platform itself) and checks its files.
#include "CliHarness.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

namespace {

using walklab::test::Outcome;

/// Small but not trivial: fast enough to run dozens of times.
const QStringList kSmall{"--steps", "50", "--walkers", "20000", "--seed", "7"};

}  // namespace

class CommandLineTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(directory().isValid());
        QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY);
    }

    void pngHasTheAskedSizeAndIsNotBlank()
    {
        const QString file = path("walk.png");
        const Outcome o = walklab(kSmall + QStringList{"--export", file, "--width", "1000", "--height", "520"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(o.out.contains("wrote " + file + " (1000×520)"));
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1000, 520));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));  // white background
    }

    void defaultSizeFollowsTheViews()
    {
        // 800 × 700 per panel, two side by side: the default pair, all 4 views, 3 named views, one.
        const QList<QPair<QStringList, QSize>> cases{
            {{}, QSize(1600, 700)},
            {{"--view", "all"}, QSize(1600, 1400)},
            {{"--view", "paths,msd,returns"}, QSize(1600, 1400)},
            {{"--view", "endpoint"}, QSize(800, 700)}};
        for (const auto& [views, size] : cases) {
            const Outcome o = walklab(kSmall + views + QStringList{"--export", path("size.png")});
            QVERIFY2(o.exitCode == 0, qPrintable(o.err));
            QCOMPARE(QImage(path("size.png")).size(), size);
        }
    }

    void viewsDrawn_data()
    {
        QTest::addColumn<QStringList>("views");
        QTest::addColumn<QStringList>("drawn");
        QTest::addColumn<QStringList>("notDrawn");
        const QString paths = "Sample paths", msd = "Mean squared displacement",
                      returns = "Returned to the start by step t", endpoint = "Endpoint distribution";
        QTest::newRow("default pair") << QStringList{} << QStringList{paths, endpoint}
                                      << QStringList{msd, returns};
        QTest::newRow("all") << QStringList{"--view", "all"} << QStringList{paths, msd, returns, endpoint}
                             << QStringList{};
        QTest::newRow("comma list") << QStringList{"--view", "returns, msd,returns"} << QStringList{msd, returns}
                                    << QStringList{paths, endpoint};
    }

    void viewsDrawn()
    {
        QFETCH(QStringList, views);
        QFETCH(QStringList, drawn);
        QFETCH(QStringList, notDrawn);
        const QString file = path("views.svg");
        const Outcome o = walklab(kSmall + views + QStringList{"--export", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QXmlStreamReader xml(readAll(file));
        QString text;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::Characters)
                text += xml.text().toString() + '\n';
        for (const QString& title : drawn)
            QVERIFY2(text.contains(title), qPrintable(title + " not in: " + text));
        for (const QString& title : notDrawn)
            QVERIFY2(!text.contains(title), qPrintable(title + " drawn"));
    }

    void jpgLoads()
    {
        const QString file = path("walk.jpg");
        const Outcome o = walklab(kSmall + QStringList{"--export", file, "--width", "640", "--height", "400"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QImage image(file, "JPG");
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(640, 400));
    }

    void svgIsWellFormedWithAxisTitles()
    {
        const QString file = path("walk.svg");
        const Outcome o = walklab(kSmall + QStringList{"--export", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QByteArray svg = readAll(file);
        QVERIFY(svg.contains("<svg"));
        QXmlStreamReader xml(svg);
        QString text;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isCharacters())
                text += xml.text().toString() + '\n';
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // Subscripts as the window shows them (ui::detail::displayText): S_t → Sₜ.
        for (const char* title : {"Position k", "Time t (steps)", "Position Sₜ", "Probability P(Sₙ = k)",
                                  "Sample paths", "Endpoint distribution after n = 50 steps"})
            QVERIFY2(text.contains(QString::fromUtf8(title)), title);
    }

    void pdfStartsRightAndHasAxisTitles()
    {
        const QString file = path("walk.pdf");
        const Outcome o = walklab(kSmall + QStringList{"--export", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(readAll(file).startsWith("%PDF"));
        const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed: the text of the PDF is not checked");
        QProcess p;
        p.start(pdftotext, {file, "-"});
        QVERIFY(p.waitForFinished(30000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.contains("Position k"), qPrintable(text));
        QVERIFY2(text.contains("Time t (steps)"), qPrintable(text));
    }

    void endpointCsv()
    {
        const QString file = path("walk.csv");
        const Outcome o = walklab(kSmall + QStringList{"--csv", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QList<QStringList> rows = readCsv(file);
        QVERIFY(rows.size() > 10);
        QCOMPARE(rows[0], (QStringList{"position", "simulated", "exact", "normal"}));
        double simulated = 0, exact = 0;
        qint64 previous = 0;
        for (int i = 1; i < rows.size(); ++i) {
            const QStringList& r = rows[i];
            QCOMPARE(r.size(), 4);
            bool ok = false;
            const qint64 k = r[0].toLongLong(&ok);
            QVERIFY2(ok, qPrintable(r[0]));
            if (i > 1)
                QCOMPARE(k, previous + 1);  // every integer, no gaps
            previous = k;
            const double s = r[1].toDouble(&ok);
            QVERIFY(ok && s >= 0);
            const double e = r[2].toDouble(&ok);
            QVERIFY(ok && e >= 0);
            simulated += s;
            exact += e;
            if (std::abs(k) % 2 == 1) {  // n = 50 is even: odd positions are impossible
                QCOMPARE(e, 0.0);
                QCOMPARE(s, 0.0);
            }
        }
        QVERIFY2(std::abs(simulated - 1) < 1e-9, qPrintable(QString::number(simulated, 'g', 17)));
        QVERIFY2(std::abs(exact - 1) < 1e-6, qPrintable(QString::number(exact, 'g', 17)));
        // Without --view: the last default view, and stdout says which.
        QVERIFY2(o.out.contains("wrote " + file + " (view endpoint, " + QString::number(rows.size() - 1) +
                                " rows; the default view"),
                 qPrintable(o.out));
    }

    void pathsCsv()
    {
        const QString file = path("paths.csv");
        const Outcome o = walklab(kSmall + QStringList{"--view", "paths", "--csv", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QList<QStringList> rows = readCsv(file);
        QVERIFY(rows.size() == 52);  // header and t = 0 … 50
        QVERIFY(rows[0].join(',').startsWith("step,path_1"));
    }

    void sameSeedSameBytes()
    {
        const QStringList args{"--steps", "200", "--walkers", "50000", "--seed", "11"};
        QCOMPARE(walklab(args + QStringList{"--csv", path("a.csv"), "--threads", "1"}).exitCode, 0);
        QCOMPARE(walklab(args + QStringList{"--csv", path("b.csv"), "--threads", "2"}).exitCode, 0);
        QCOMPARE(walklab(args + QStringList{"--csv", path("c.csv"), "--threads", "2"}).exitCode, 0);
        const QByteArray a = readAll(path("a.csv"));
        QVERIFY(!a.isEmpty());
        QCOMPARE(readAll(path("b.csv")), a);
        QCOMPARE(readAll(path("c.csv")), a);
        QCOMPARE(walklab(args + QStringList{"--view", "paths", "--csv", path("p1.csv"), "--threads", "1"}).exitCode, 0);
        QCOMPARE(walklab(args + QStringList{"--view", "paths", "--csv", path("p2.csv"), "--threads", "2"}).exitCode, 0);
        QCOMPARE(readAll(path("p1.csv")), readAll(path("p2.csv")));
        // A different seed gives different data.
        QCOMPARE(walklab(QStringList{"--steps", "200", "--walkers", "50000", "--seed", "12", "--csv", path("d.csv")}).exitCode, 0);
        QVERIFY(readAll(path("d.csv")) != a);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("steps 0") << QStringList{"--steps", "0"} << QStringList{"steps", "0"};
        QTest::newRow("p 1.5") << QStringList{"--p", "1.5"} << QStringList{"p", "1.5"};
        QTest::newRow("p nan") << QStringList{"--p", "nan"} << QStringList{"p", "nan"};
        QTest::newRow("q 0.8") << QStringList{"--p", "0.5", "--q", "0.8"} << QStringList{"q", "0.8"};
        QTest::newRow("steps abc") << QStringList{"--steps", "abc"} << QStringList{"steps", "abc"};
        QTest::newRow("walkers -5") << QStringList{"--walkers", "-5"} << QStringList{"walkers", "-5"};
        QTest::newRow("unknown option") << QStringList{"--bogus", "1"} << QStringList{"bogus"};
        QTest::newRow("bmp") << QStringList{"--export", "x.bmp"} << QStringList{"x.bmp", "png"};
        QTest::newRow("csv extension") << QStringList{"--csv", "x.txt"} << QStringList{"x.txt", ".csv"};
        QTest::newRow("view") << QStringList{"--view", "nope"} << QStringList{"nope", "endpoint"};
        QTest::newRow("two views in a csv") << QStringList{"--view", "paths,endpoint"} << QStringList{"one view"};
        QTest::newRow("experiment") << QStringList{"--experiment", "walk9d"} << QStringList{"walk9d", "walk1d"};
        QTest::newRow("width") << QStringList{"--width", "0"} << QStringList{"width", "0"};
        QTest::newRow("height") << QStringList{"--height", "20000"} << QStringList{"height", "20000"};
        QTest::newRow("threads") << QStringList{"--threads", "two"} << QStringList{"threads", "two"};
        QTest::newRow("argument") << QStringList{"stray"} << QStringList{"stray"};
        QTest::newRow("missing value") << QStringList{"--steps"} << QStringList{"steps"};
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, mentions);
        const QString png = path("bad.png"), csv = path("bad.csv");
        QFile::remove(png);
        QFile::remove(csv);
        QFile::remove(path("x.bmp"));
        QFile::remove(path("x.txt"));
        // Outputs come first so that the bad argument is the last one parsed.
        const Outcome o = walklab(QStringList{"--walkers", "2000", "--export", png, "--csv", csv} + args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith("walklab: "), qPrintable(o.err));
        QVERIFY2(o.err.endsWith(walklab::test::kHelpHint), qPrintable(o.err));
        for (const QString& m : mentions)
            QVERIFY2(o.err.contains(m), qPrintable(m + " not in: " + o.err));
        QVERIFY(o.out.isEmpty());
        // Nothing is written, not even the valid outputs, and no temporary file is left.
        QVERIFY(!QFile::exists(png));
        QVERIFY(!QFile::exists(csv));
        QVERIFY(!QFile::exists(path("x.bmp")));
        QVERIFY(!QFile::exists(path("x.txt")));
    }

    void everyValidationErrorIsReported()
    {
        const Outcome o = walklab({"--steps", "0", "--walkers", "abc", "--p", "2", "--csv", path("e.csv")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("steps = 0"));
        QVERIFY(o.err.contains("walkers = abc"));
        QVERIFY(o.err.contains("p = 2"));
        QVERIFY(!QFile::exists(path("e.csv")));
    }

    void unwritableFileFailsCleanly()
    {
        const QString png = path("no/such/dir/walk.png");
        const Outcome o = walklab(kSmall + QStringList{"--export", png});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains("cannot write") && o.err.contains("walk.png"), qPrintable(o.err));
        QVERIFY(!QFile::exists(png));
    }

    void help()
    {
        const Outcome o = walklab({"--help"});
        QCOMPARE(o.exitCode, 0);
        for (const char* s : {"walk1d", "--steps", "--walkers", "--p", "--q", "--seed", "--paths",
                              "--export", "--csv", "--view", "--width", "--height", "--threads",
                              "--print", "endpoint", "paths", "1 … 1000000000"})
            QVERIFY2(o.out.contains(QString::fromUtf8(s)), s);
        // The default views are marked, and the one --csv writes is named.
        for (const char* s : {"Views (* shown by default):", "    * paths ", "      msd ", "      returns ",
                              "    * endpoint ", "Default view of --csv", "'all'"})
            QVERIFY2(o.out.contains(QString::fromUtf8(s)), s);
        QVERIFY(o.err.isEmpty() || !o.err.contains("walklab:"));
    }

    void version()
    {
        const Outcome o = walklab({"--version"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.out.startsWith("walklab "));
    }

    void printSummary()
    {
        const Outcome o = walklab(kSmall + QStringList{"--print"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("Mean of S_n"), qPrintable(o.out));
        QVERIFY(o.out.contains("Chi-squared"));
        QVERIFY(o.out.contains("steps=50"));
    }

    void printLayoutDoesNotDependOnTheThreadCount()
    {
        // Results are the same for any thread count, and so must be the table's columns: only
        // the run time and speed may differ ("0.0112 s on 1 thread", "0.0127 s on 2 threads").
        // With 100000 walkers the time is the longest text of the Simulated column.
        auto lines = [this](const QString& threads) {
            const Outcome o = walklab({"--steps", "100", "--walkers", "100000", "--seed", "1", "--print", "--threads", threads});
            QStringList kept;
            for (const QString& line : o.out.split('\n'))
                if (!line.startsWith("  Simulation time") && !line.startsWith("  Steps per second") &&
                    !line.startsWith("walk1d: done in"))
                    kept << line;
            return kept;
        };
        const QStringList one = lines("1"), two = lines("2");
        QVERIFY2(one.size() > 8 && one.filter("Exact").size() == 1, qPrintable(one.join('\n')));
        QCOMPARE(one, two);
    }
};

QTEST_GUILESS_MAIN(CommandLineTest)
#include "CommandLineTest.moc"
