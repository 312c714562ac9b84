// The main window end to end (offscreen): typing, running, refusing, cancelling, switching.
// Assertions are about state (the Result handed to the canvas, widget states), not pixels.
#include "core/experiment/Registry.h"
#include "ui/MainWindow.h"
#include "ui/ParameterPanel.h"
#include "ui/PlotCanvas.h"
#include "ui/Runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <numeric>

using walklab::ui::MainWindow;
namespace core = walklab::core;

namespace {

const core::Experiment& walk1d() { return *core::findExperiment("walk1d"); }

/// What identifies a result's data, to check that a refused or cancelled run left it alone.
struct Snapshot {
    std::string endpointTitle;
    std::vector<double> x, simulated;
    std::size_t summaryRows = 0;
    QString firstSummaryValue;

    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const MainWindow& w)
{
    Snapshot s;
    const core::Result& r = w.canvas()->result();
    if (const core::Panel* p = r.find("endpoint")) {
        s.endpointTitle = p->title;
        s.x = p->x;
        if (const core::Series* sim = p->find("simulated"))
            s.simulated = sim->y;
    }
    s.summaryRows = r.summary.size();
    if (w.summaryTable()->rowCount() > 0 && w.summaryTable()->item(0, 1))
        s.firstSummaryValue = w.summaryTable()->item(0, 1)->text();
    return s;
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> w;

    void type(const char* key, const QString& text)
    {
        QLineEdit* edit = w->parameterPanel()->field(QString::fromLatin1(key));
        QVERIFY2(edit, key);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), text);
    }

    /// Types `params`, clicks Run and waits for the result on the canvas.
    void runWith(const core::ParamSet& params)
    {
        for (const auto& [key, value] : params)
            type(key.c_str(), QString::fromStdString(value));
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QTest::mouseClick(w->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
    }

private slots:
    void initTestCase()
    {
        w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        // The window runs the defaults at once, so it never shows empty plots.
        QTRY_VERIFY_WITH_TIMEOUT(!w->canvas()->result().panels.empty(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
    }

    void cleanupTestCase() { w.reset(); }

    void layout()
    {
        QCOMPARE(w->windowTitle(), QStringLiteral("WalkLab — 1D random walk"));
        QCOMPARE(w->experimentSelector()->count(), int(core::experiments().size()));
        QCOMPARE(w->experiment(), &walk1d());
        QVERIFY(w->width() >= 1000);
        QVERIFY(QFile::exists(":/walklab/walklab.svg"));
        QVERIFY(!w->windowIcon().isNull());
        QVERIFY(w->runButton()->isEnabled());
        QVERIFY(!w->cancelButton()->isEnabled());
        // One field per ParamSpec.
        QCOMPARE(w->parameterPanel()->keys().size(), qsizetype(walk1d().params().size()));
        for (const auto& spec : walk1d().params())
            QVERIFY(w->parameterPanel()->field(QString::fromStdString(spec.key)));
        // The startup result is fully shown.
        QCOMPARE(w->summaryTable()->rowCount(), int(w->canvas()->result().summary.size()));
        QVERIFY(w->summaryTable()->rowCount() > 0);
        QCOMPARE(w->summaryTable()->columnCount(), 3);
    }

    void runWithTypedParameters()
    {
        runWith({{"steps", "50"}, {"walkers", "20000"}, {"seed", "3"}});
        const core::Result& r = w->canvas()->result();
        QCOMPARE(r.experiment, std::string("walk1d"));

        const core::Panel* endpoint = r.find("endpoint");
        QVERIFY(endpoint);
        QVERIFY(!endpoint->x.empty());
        for (std::size_t i = 1; i < endpoint->x.size(); ++i)
            QCOMPARE(endpoint->x[i], endpoint->x[i - 1] + 1);  // every integer position
        QVERIFY(endpoint->x.front() <= -30 && endpoint->x.back() >= 30);  // about ±5 sd of S_50
        const core::Series* sim = endpoint->find("simulated");
        QVERIFY(sim);
        QCOMPARE(sim->y.size(), endpoint->x.size());
        QVERIFY(std::abs(std::accumulate(sim->y.begin(), sim->y.end(), 0.0) - 1.0) < 1e-9);
        const core::Series* exact = endpoint->find("exact");
        QVERIFY(exact);
        QVERIFY(std::abs(std::accumulate(exact->y.begin(), exact->y.end(), 0.0) - 1.0) < 1e-6);
        QVERIFY(endpoint->find("normal"));
        QVERIFY(endpoint->title.find("n = 50") != std::string::npos);

        const core::Panel* paths = r.find("paths");
        QVERIFY(paths);
        QVERIFY(paths->find("path_1"));
        QCOMPARE(paths->x.size(), std::size_t(51));
        QCOMPARE(paths->find("path_1")->y.size(), std::size_t(51));

        // Exactly what the core gives for these parameters: the form passed them unchanged.
        core::RunControl control;
        auto direct = walk1d().run(w->parameterPanel()->params(), control);
        QVERIFY(direct);
        QCOMPARE(direct->find("endpoint")->find("simulated")->y, sim->y);
        QCOMPARE(w->parameterPanel()->params().at("walkers"), std::string("20000"));

        // Summary table and status.
        QCOMPARE(w->summaryTable()->rowCount(), int(r.summary.size()));
        QCOMPARE(w->summaryTable()->item(0, 0)->text(),
                 QString::fromStdString(r.summary[0].quantity));
        QCOMPARE(w->summaryTable()->item(0, 2)->text(), QString::fromStdString(r.summary[0].exact));
        QVERIFY(!w->cancelButton()->isEnabled());
        QVERIFY(w->findChild<QLabel*>("lastRun")->text().contains("thread"));
    }

    void badValueIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::newRow("steps 0") << "steps" << "0";
        QTest::newRow("p 1.5") << "p" << "1.5";
        QTest::newRow("steps abc") << "steps" << "abc";
    }

    void badValueIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        const QString good = w->parameterPanel()->field(key)->text();
        const Snapshot before = snapshot(*w);
        QVERIFY(!before.simulated.empty());

        type(qPrintable(key), text);
        QLabel* error = w->parameterPanel()->errorLabel(key);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(key + " = " + text), qPrintable(error->text()));

        const quint64 id = w->runner()->currentId();
        QSignalSpy started(w->runner(), &walklab::ui::Runner::started);
        QTest::mouseClick(w->runButton(), Qt::LeftButton);
        QVERIFY(!w->runNow());
        QTest::qWait(100);
        QCOMPARE(started.count(), 0);
        QCOMPARE(w->runner()->currentId(), id);
        QVERIFY(!error->isHidden());
        QVERIFY(snapshot(*w) == before);  // the last good plot and summary are untouched

        type(qPrintable(key), good);
        QVERIFY(error->isHidden());
        QVERIFY(w->parameterPanel()->isValid());
    }

    void cancelKeepsPreviousResult()
    {
        const Snapshot before = snapshot(*w);
        const core::ParamSet good = w->parameterPanel()->params();
        type("steps", "1e6");
        type("walkers", "1e5");
        QSignalSpy cancelled(w->runner(), &walklab::ui::Runner::cancelled);
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QTest::mouseClick(w->runButton(), Qt::LeftButton);
        QVERIFY(w->runner()->isRunning());
        QVERIFY(w->cancelButton()->isEnabled());
        QTest::qWait(300);
        QTest::mouseClick(w->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 20000);
        QVERIFY(!w->runner()->isRunning());
        QVERIFY(!w->cancelButton()->isEnabled());
        QCOMPARE(shown.count(), 0);
        QVERIFY(snapshot(*w) == before);
        w->parameterPanel()->setParams(good);
    }

    void toggleOptionalSeries()
    {
        QCheckBox* exact = w->seriesCheckBox("exact");
        QVERIFY(exact);
        QVERIFY(exact->isChecked());
        QVERIFY(w->canvas()->isSeriesVisible("exact"));
        exact->click();
        QVERIFY(!w->canvas()->isSeriesVisible("exact"));
        QVERIFY(w->canvas()->isSeriesVisible("normal"));
        // The choice survives a new result.
        runWith({{"seed", "5"}});
        QVERIFY(!w->canvas()->isSeriesVisible("exact"));
        QVERIFY(!w->seriesCheckBox("exact")->isChecked());
        w->seriesCheckBox("exact")->click();
        QVERIFY(w->canvas()->isSeriesVisible("exact"));

        // One switch per label: the two lines of the ±2 sd band go together.
        QCheckBox* band = w->seriesCheckBox("mean_plus_2sd");
        QVERIFY(band);
        QCOMPARE(w->seriesCheckBox("mean_minus_2sd"), band);
        QVERIFY(w->seriesCheckBox("mean") != band);
        band->click();
        QVERIFY(!w->canvas()->isSeriesVisible("mean_plus_2sd"));
        QVERIFY(!w->canvas()->isSeriesVisible("mean_minus_2sd"));
        QVERIFY(w->canvas()->isSeriesVisible("mean"));
        band->click();
        QVERIFY(w->canvas()->isSeriesVisible("mean_plus_2sd"));
        QVERIFY(w->canvas()->isSeriesVisible("mean_minus_2sd"));
    }

    void selectExperiment()
    {
        QVERIFY(!w->selectExperiment("no-such-experiment"));
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("walk1d"));  // resets the form to the defaults and runs
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(w->parameterPanel()->params().at("steps"), walk1d().param("steps")->defaultText);
    }

    void latestRequestWins()
    {
        const core::ParamSet good = w->parameterPanel()->params();
        QSignalSpy finished(w->runner(), &walklab::ui::Runner::finished);
        type("steps", "1e6");
        type("walkers", "1e5");
        QTest::mouseClick(w->runButton(), Qt::LeftButton);
        type("steps", "40");
        type("walkers", "1000");
        QTest::mouseClick(w->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(w->runner()->pendingCount(), 0, 20000);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(w->canvas()->result().find("endpoint")->title,
                 std::string("Endpoint distribution after n = 40 steps"));
        w->parameterPanel()->setParams(good);
    }

    void enterInAFieldRuns()
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        type("seed", "11");
        QTest::keyClick(w->parameterPanel()->field("seed"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
    }

    void exportsWriteFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath("endpoint.csv");
        QCOMPARE(w->exportCsvTo("endpoint", csv), QString());
        QVERIFY(QFileInfo(csv).size() > 0);
        QVERIFY(!w->exportCsvTo("nosuchview", dir.filePath("x.csv")).isEmpty());
        const QString png = dir.filePath("plot.png");
        QCOMPARE(w->exportPlotTo(png, 800, 500), QString());
        QVERIFY(QFileInfo(png).size() > 0);
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
