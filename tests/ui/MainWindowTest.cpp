// The main window end to end (offscreen): typing, running, refusing, cancelling, switching.
// Assertions are about state (the Result handed to the canvas, widget states), not pixels.
#include "core/experiment/Registry.h"
#include "ui/live/LiveModeView.h"
#include "ui/MainWindow.h"
#include "ui/form/ParameterPanel.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/plot/PlotStyle.h"
#include "ui/Runner.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <functional>
#include <memory>
#include <numeric>

using walklab::ui::MainWindow;
namespace core = walklab::core;

namespace {

const core::Experiment& walk1d() { return *core::findExperiment("walk1d"); }
const core::Experiment& poisson() { return *core::findExperiment("poisson"); }

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

    /// Shows every experiment in turn (waiting for its first result, then for the form's layout),
    /// calls check(e) on each, and returns to walk1d at 1400 × 800, as the tests after expect.
    void forEachExperiment(const std::function<void(const core::Experiment&)>& check)
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        int expected = 0;
        for (const auto& e : core::experiments()) {
            if (w->experiment() != e.get()) {
                QVERIFY(w->selectExperiment(QString::fromStdString(e->key())));
                ++expected;
                QTRY_COMPARE_WITH_TIMEOUT(shown.count(), expected, 30000);
            }
            QApplication::processEvents();  // the side panel is measured after the form's layout
            check(*e);
            if (QTest::currentTestFailed())
                break;
        }
        w->resize(1400, 800);
        QVERIFY(w->selectExperiment("walk1d"));
        ++expected;
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), expected, 30000);
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
        // 1400 × 800, or the screen's free area when that is smaller.
        const QSize screen = w->screen()->availableGeometry().size();
        QVERIFY(w->width() >= std::min(1000, screen.width()) && w->height() >= std::min(700, screen.height()));
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
        // The core's text, with subscripts for display ("Mean of S_n" → "Mean of Sₙ").
        QCOMPARE(w->summaryTable()->item(0, 0)->text(), walklab::ui::detail::displayText(r.summary[0].quantity));
        QCOMPARE(w->summaryTable()->item(0, 2)->text(), walklab::ui::detail::displayText(r.summary[0].exact));
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
        // Long enough to be still going when cancelled (10^5 × 10^6 steps now take 0.3 s).
        type("steps", "1e9");
        type("walkers", "1e6");
        type("paths", "0");
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

    void presetsMenuSetsTheFormAndRuns()
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(w->presetsMenu()->actions().size(), qsizetype(walk1d().presets().size()));  // walk1d's own
        QCOMPARE(w->presetsMenu()->actions().front()->text(), QString::fromStdString(walk1d().presets().front().name));

        QVERIFY(w->selectExperiment("poisson"));  // the menu is rebuilt for the experiment
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        const std::vector<core::Preset> presets = poisson().presets();
        QVERIFY(presets.size() >= 2);
        const QList<QAction*> actions = w->presetsMenu()->actions();
        QCOMPARE(actions.size(), qsizetype(presets.size()));
        QVERIFY(w->presetsMenu()->isEnabled());
        for (std::size_t i = 0; i < presets.size(); ++i)
            QCOMPARE(actions[qsizetype(i)]->text(), QString::fromStdString(presets[i].name));

        // A preset sets every field: its own values, and the defaults for the others (even a
        // field the user had changed), then runs.
        type("realisations", "2000");
        type("seed", "99");
        const core::Preset& preset = presets[1];
        actions[1]->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        const core::ParamSet form = w->parameterPanel()->params();
        for (const auto& spec : poisson().params()) {
            const auto given = preset.params.find(spec.key);
            const std::string expected =
                given == preset.params.end() ? spec.defaultText : given->second;
            QCOMPARE(form.at(spec.key), expected);
        }
        // The result is the core's for exactly these values.
        core::RunControl control;
        const auto direct = poisson().run(form, control);
        QVERIFY(direct);
        const core::Result& shownResult = w->canvas()->result();
        QCOMPARE(shownResult.experiment, std::string("poisson"));
        QCOMPARE(shownResult.find("counts")->find("simulated")->y,
                 direct->find("counts")->find("simulated")->y);
        QCOMPARE(shownResult.find("timeline")->xLabel, direct->find("timeline")->xLabel);
    }

    void liveModeIsOfferedForATimeline()
    {
        // The poisson result of the test before: the live tab is there and replays it.
        QTabWidget* tabs = w->plotTabs();
        const int liveTab = tabs->indexOf(w->liveView());
        QVERIFY(liveTab > 0);
        QVERIFY(tabs->isTabVisible(liveTab));
        walklab::ui::LiveModeView* live = w->liveView();
        QVERIFY(live->available());
        const core::Panel* timeline = w->canvas()->result().find("timeline");
        QCOMPARE(live->replay()->realisations().size(), std::size_t(timeline->yTo));
        QCOMPARE(live->replay()->windowEnd(), timeline->xTo);

        tabs->setCurrentIndex(liveTab);
        QVERIFY(!w->summaryTable()->isVisible());  // the whole height for the live mode
        QTest::mouseClick(live->stepButton(), Qt::LeftButton);
        QCOMPARE(live->replay()->shownTotal(), std::size_t(1));
        live->setSecondsPerRealisation(0.5);
        QTest::mouseClick(live->playButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(live->replay()->current() >= 1, 5000);
        tabs->setCurrentIndex(0);  // back to the plots: the replay pauses
        QVERIFY(!live->isPlaying());
        QVERIFY(w->summaryTable()->isVisible());

        // An experiment without a timeline: no live tab.
        tabs->setCurrentIndex(liveTab);
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QVERIFY(!tabs->isTabVisible(liveTab));
        QVERIFY(tabs->currentWidget()->isAncestorOf(w->canvas()));  // the Plots tab
        QVERIFY(!live->available());
        QVERIFY(w->summaryTable()->isVisible());
    }

    void sliderDragRunsWithoutQueueing()
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("poisson"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        type("realisations", "3000");
        QSlider* trials = w->parameterPanel()->slider("trials");
        QVERIFY(trials);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);

        // A drag: many positions in a row while the first run is going. Only the first and
        // the last value are run; nothing stale is queued behind them.
        QSignalSpy started(w->runner(), &walklab::ui::Runner::started);
        for (int position = 200; position <= 400; position += 20)
            trials->setValue(position);
        QCOMPARE(started.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        QTest::qWait(200);
        QCOMPARE(started.count(), 2);
        const QString n = w->parameterPanel()->field("trials")->text();
        QCOMPARE(n, QStringLiteral("3981"));  // 10^(9 · 0.4), rounded
        QVERIFY2(w->canvas()->result().find("binomial")->title.find("n = " + n.toStdString()) !=
                     std::string::npos,
                 w->canvas()->result().find("binomial")->title.c_str());
        // The slider of n drives the binomial view only: dragging it brought that view in.
        QCOMPARE(w->chosenViews(), QStringList({"counts", "interarrival", "binomial"}));
        QCOMPARE(w->canvas()->shownViews(), w->chosenViews());
        QVERIFY(w->setChosenViews({"counts", "interarrival"}));  // as the tests after this one expect

        QVERIFY(w->selectExperiment("walk1d"));  // as the tests after this one expect
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 4, 30000);
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

    void defaultViewsPerExperiment()
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        int results = 0;
        for (const auto& e : core::experiments()) {
            const QString key = QString::fromStdString(e->key());
            QVERIFY(w->selectExperiment(key));
            ++results;
            QTRY_COMPARE_WITH_TIMEOUT(shown.count(), results, 30000);
            QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
            // A readable pair on a projector: one or two views, as the core declares them (a
            // default view the default parameters leave empty is not drawn).
            QStringList defaults, drawn;
            for (const std::string& v : e->defaultViews()) {
                defaults << QString::fromStdString(v);
                const core::Panel* panel = w->canvas()->result().find(v);
                if (panel && !panel->series.empty())
                    drawn << defaults.back();
            }
            QVERIFY2(drawn.size() >= 1 && drawn.size() <= 2, qPrintable(key));
            QCOMPARE(w->canvas()->shownViews(), drawn);
            QCOMPARE(w->chosenViews(), defaults);
            // One switch per view, labelled with its title, its help as tooltip.
            for (const core::ViewSpec& view : e->views()) {
                QToolButton* box = w->viewButton(QString::fromStdString(view.key));
                QVERIFY2(box, view.key.c_str());
                QCOMPARE(box->text(), walklab::ui::detail::displayText(view.title));
                QVERIFY(box->toolTip().endsWith(walklab::ui::detail::displayText(view.help)));
                QCOMPARE(box->isChecked(), drawn.contains(QString::fromStdString(view.key)));
                QVERIFY(box->isVisibleTo(w.get()));
            }
            int switches = 0;  // none left over from the experiment before
            for (const QToolButton* button : w->findChildren<QToolButton*>())
                switches += button->objectName().startsWith("view_");
            QCOMPARE(switches, int(e->views().size()));
        }
        QVERIFY(w->selectExperiment("walk1d"));  // as the tests after this one expect
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), results + 1, 30000);
    }

    void emptyViewsAreNotDrawn()
    {
        // Ruin: the position view needs reflecting barriers, ruin and duration absorbing ones;
        // the barriers choice decides which are drawn, the others are greyed out.
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("ruin"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        const auto drawable = [this](const char* view) {
            const core::Panel* panel = w->canvas()->result().find(view);
            return panel && !panel->series.empty();
        };
        QVERIFY(!drawable("position"));
        QVERIFY(!w->canvas()->shownViews().contains("position"));
        QVERIFY(w->canvas()->shownViews().contains("ruin"));
        QVERIFY(!w->viewButton("position")->isEnabled());
        QVERIFY(w->viewButton("position")->toolTip().contains("reflecting"));

        QComboBox* barriers = w->parameterPanel()->choiceBox("barriers");
        QVERIFY(barriers);
        barriers->setCurrentIndex(barriers->findData("reflecting"));
        QVERIFY(w->runNow());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        QVERIFY(!drawable("ruin"));
        for (const QString& view : w->canvas()->shownViews())
            QVERIFY2(drawable(qPrintable(view)), qPrintable(view));
        QVERIFY(w->canvas()->shownViews().contains("position"));
        QVERIFY(!w->viewButton("ruin")->isEnabled());
        QVERIFY(!w->viewButton("ruin")->isChecked());
        QVERIFY(w->viewButton("position")->isChecked());
        // The choice survives: absorbing barriers bring the ruin curve back.
        barriers->setCurrentIndex(barriers->findData("absorbing"));
        QVERIFY(w->runNow());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 30000);
        QVERIFY(w->canvas()->shownViews().contains("ruin"));
        QVERIFY(w->viewButton("ruin")->isChecked());

        // Chosen views that are all empty: the first view that has something is drawn.
        QVERIFY(w->setChosenViews({"position"}));
        QCOMPARE(w->canvas()->shownViews(), QStringList({"path"}));
        QVERIFY(w->selectExperiment("walk1d"));  // as the tests after this one expect
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 4, 30000);
    }

    void fitsTheScreenWithEveryView()
    {
        // 1400 × 860 with every view of the passage experiment: the status bar stays in the
        // window, the summary scrolls in a fifth of the height, the plots scroll rather than
        // shrink below a usable height.
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("passage"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QStringList all;
        for (const core::ViewSpec& view : w->experiment()->views())
            all << QString::fromStdString(view.key);
        QVERIFY(w->setChosenViews(all));
        QVERIFY(all.size() >= 5);
        w->resize(1400, 860);
        QTRY_COMPARE(w->height(), 860);
        QApplication::processEvents();
        QVERIFY(w->minimumSizeHint().height() <= 860);
        QTableWidget* summary = w->summaryTable();
        QVERIFY(summary->rowCount() > 10);
        QVERIFY(summary->height() <= 0.25 * w->height());
        QVERIFY(summary->verticalScrollBar()->isVisible());
        QVERIFY(w->statusBar()->isVisible());
        QVERIFY(w->statusBar()->geometry().bottom() < w->height());
        const int rows = int(w->canvas()->shownViews().size() + 1) / 2;
        QVERIFY(w->canvas()->height() >= rows * walklab::ui::PlotCanvas::kMinRowHeight);
        w->canvas()->replot(QCustomPlot::rpImmediateRefresh);
        for (QCPAxisRect* rect : w->canvas()->axisRects())
            QVERIFY2(rect->height() >= 100, qPrintable(QString::number(rect->height())));
        QVERIFY(w->setChosenViews(QStringList(all.mid(0, 2))));
        QVERIFY(w->selectExperiment("walk1d"));  // as the tests after this one expect
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        w->resize(1400, 800);
    }

    void fitsA1024PxScreen()
    {
        // Every experiment's window fits the width of a 1024 × 700 screen: long choice labels,
        // long series labels and the live mode's controls do not force its width.
        forEachExperiment([&](const core::Experiment& e) {
            QVERIFY2(w->minimumSizeHint().width() <= 1000 && w->minimumWidth() <= 1000,
                     qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(e.key())).arg(w->minimumSizeHint().width())));
        });
    }

    void fieldsShowTheirValuesAtTheLeastWidth()
    {
        // At the window's least width, every text field of every experiment shows 10 digits
        // (10^9 walkers), 8 beside a slider ("Trials n"), or its whole text or placeholder if
        // shorter; a formula (poisson-nh's rate λ(t)) shows whole.
        forEachExperiment([&](const core::Experiment& e) {
            w->resize(w->minimumSizeHint().width(), 700);
            QApplication::processEvents();
            for (const QString& key : w->parameterPanel()->keys()) {
                QLineEdit* edit = w->parameterPanel()->field(key);
                if (!edit)
                    continue;
                const QString text = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
                const QFontMetrics metrics = edit->fontMetrics();
                const core::ParamSpec& spec = *e.param(key.toStdString());
                const QString digits(spec.slider ? 8 : 10, QLatin1Char('0'));
                const bool formula = spec.type == core::ParamType::Text && text.size() > 10;
                const int need = formula ? metrics.horizontalAdvance(text)
                                         : std::min(metrics.horizontalAdvance(text), metrics.horizontalAdvance(digits));
                // QLineEdit's text area: its contents less 2 px of margin on each side.
                QVERIFY2(edit->contentsRect().width() - 4 >= need,
                         qPrintable(QStringLiteral("%1 %2: %3 px for %4 px").arg(QString::fromStdString(e.key()), key)
                                        .arg(edit->contentsRect().width() - 4).arg(need)));
            }
        });
    }

    void sidePanelFollowsTheForm()
    {
        // The side panel's width follows the form: back on walk1d after any other experiment
        // it is as wide as when walk1d was first shown, and the plots get their room back; a
        // wider form (poisson: a long list label, units) widens it.
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        w->resize(1400, 800);
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QApplication::processEvents();
        auto* side = w->findChild<QScrollArea*>("sidebarScroll");
        QVERIFY(side);
        const int narrow = side->width();
        const int plots = w->canvas()->width();
        int runs = 1;
        for (const char* wide : {"poisson", "walk2d", "passage"}) {
            QVERIFY(w->selectExperiment(wide));
            ++runs;
            QTRY_COMPARE_WITH_TIMEOUT(shown.count(), runs, 30000);
            QApplication::processEvents();
            QVERIFY(w->selectExperiment("walk1d"));
            ++runs;
            QTRY_COMPARE_WITH_TIMEOUT(shown.count(), runs, 30000);
            QApplication::processEvents();
            QCOMPARE(side->width(), narrow);
            QCOMPARE(w->canvas()->width(), plots);
        }
        QVERIFY(w->selectExperiment("poisson"));
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        QApplication::processEvents();
        QVERIFY2(side->width() > narrow, "the poisson form asks for more width than walk1d's");
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        QApplication::processEvents();
    }

    void togglingAViewRedrawsWithoutRunning()
    {
        QCOMPARE(w->canvas()->shownViews(), QStringList({"paths", "endpoint"}));
        const Snapshot before = snapshot(*w);
        QSignalSpy started(w->runner(), &walklab::ui::Runner::started);

        // Switched on: drawn at once, in the order of the result, from the same data.
        w->viewButton("msd")->click();
        QCOMPARE(w->canvas()->shownViews(), QStringList({"paths", "msd", "endpoint"}));
        QCOMPARE(w->chosenViews(), w->canvas()->shownViews());
        // Switched off: the series switches follow the panels shown.
        QVERIFY(w->seriesCheckBox("mean_plus_2sd"));
        w->viewButton("paths")->click();
        w->viewButton("msd")->click();
        QCOMPARE(w->canvas()->shownViews(), QStringList({"endpoint"}));
        QVERIFY(!w->seriesCheckBox("mean_plus_2sd"));
        QVERIFY(w->seriesCheckBox("exact"));
        QCOMPARE(started.count(), 0);
        QVERIFY(snapshot(*w) == before);

        // The last view cannot be switched off, by a click or from code.
        QToolButton* endpoint = w->viewButton("endpoint");
        QVERIFY(!endpoint->isEnabled());
        QVERIFY(w->viewButton("paths")->isEnabled());
        endpoint->setChecked(false);
        QVERIFY(endpoint->isChecked());
        QCOMPARE(w->canvas()->shownViews(), QStringList({"endpoint"}));

        // A new run keeps the choice; so does a visit to another experiment.
        runWith({{"seed", "21"}});
        QCOMPARE(w->canvas()->shownViews(), QStringList({"endpoint"}));
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("poisson-ops"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(w->canvas()->shownViews(), QStringList({"superposition", "thinning"}));
        QVERIFY(!w->viewButton("endpoint"));
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        QCOMPARE(w->canvas()->shownViews(), QStringList({"endpoint"}));
        QVERIFY(w->viewButton("endpoint")->isChecked());
        QVERIFY(!w->viewButton("paths")->isChecked());
        QVERIFY(!w->viewButton("endpoint")->isEnabled());
    }

    void exportPlotDrawsTheShownViews()
    {
        // Titles in an SVG export: the panels drawn, and only those.
        const auto titles = [this](const QString& file) {
            if (!w->exportPlotTo(file, 1000, 500).isEmpty())
                return QString();
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return QString();
            QXmlStreamReader xml(f.readAll());
            QString text;
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::Characters)
                    text += xml.text().toString() + '\n';
            return text;
        };
        QTemporaryDir dir;
        QCOMPARE(w->canvas()->shownViews(), QStringList({"endpoint"}));  // as the test before left it
        QString text = titles(dir.filePath("one.svg"));
        QVERIFY2(text.contains("Endpoint distribution"), qPrintable(text));
        QVERIFY(!text.contains("Sample paths"));
        QVERIFY(!text.contains("Mean squared displacement"));

        w->viewButton("paths")->click();
        w->viewButton("msd")->click();
        text = titles(dir.filePath("three.svg"));
        QVERIFY(text.contains("Endpoint distribution"));
        QVERIFY(text.contains("Sample paths"));
        QVERIFY2(text.contains("Mean squared displacement"), qPrintable(text));
        QVERIFY(!text.contains("Returned"));
        w->viewButton("msd")->click();  // back to the defaults
        QCOMPARE(w->canvas()->shownViews(), QStringList({"paths", "endpoint"}));
    }

    void viewStripIsInSightAboveThePlots()
    {
        // walk3d has the most views (7): at 1400 × 800 every button shows without scrolling,
        // above the plots, inside the Plots tab.
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("walk3d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        w->resize(1400, 800);
        QApplication::processEvents();
        const QRect canvas(w->canvas()->mapTo(w.get(), QPoint(0, 0)), w->canvas()->size());
        for (const core::ViewSpec& view : core::findExperiment("walk3d")->views()) {
            QToolButton* button = w->viewButton(QString::fromStdString(view.key));
            QVERIFY2(button && button->isVisible(), view.key.c_str());
            QVERIFY(button->isCheckable());
            QVERIFY(w->plotTabs()->widget(0)->isAncestorOf(button));
            const QRect r(button->mapTo(w.get(), QPoint(0, 0)), button->size());
            QVERIFY2(w->rect().contains(r), view.key.c_str());
            QVERIFY2(r.bottom() < canvas.top(), view.key.c_str());
        }

        // --view in window mode: setChosenViews. Unknown keys are ignored; none known: refused.
        QSignalSpy started(w->runner(), &walklab::ui::Runner::started);
        QVERIFY(w->setChosenViews({"radial", "nosuch"}));
        QCOMPARE(w->chosenViews(), QStringList({"radial"}));
        QCOMPARE(w->canvas()->shownViews(), QStringList({"radial"}));
        QVERIFY(w->viewButton("radial")->isChecked());
        QVERIFY(!w->viewButton("paths3d")->isChecked());
        QVERIFY(!w->setChosenViews({"nosuch"}));
        QVERIFY(!w->setChosenViews({}));
        QCOMPARE(w->chosenViews(), QStringList({"radial"}));
        QCOMPARE(started.count(), 0);  // redrawn, not run
        QVERIFY(w->setChosenViews({"paths3d", "returns"}));
    }

    void aParameterBringsItsView()
    {
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("poisson"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->runner()->isRunning(), 30000);
        QCOMPARE(w->chosenViews(), QStringList({"counts", "interarrival"}));

        // A parameter of every view (the rate) changes no view.
        type("rate", "4");
        QCOMPARE(w->chosenViews(), QStringList({"counts", "interarrival"}));
        // Arrival k drives the waiting-time view: typing brings it in, drawn from the last result.
        type("arrival", "7");
        QCOMPARE(w->chosenViews(), QStringList({"counts", "interarrival", "waiting"}));
        QCOMPARE(w->canvas()->shownViews(), w->chosenViews());
        QVERIFY(w->viewButton("waiting")->isChecked());
        // Switched off again by the user, it comes back with the next edit.
        w->viewButton("waiting")->click();
        QVERIFY(!w->chosenViews().contains("waiting"));
        type("arrival", "8");
        QVERIFY(w->chosenViews().contains("waiting"));
        type("memoryTime", "1");
        QVERIFY(w->chosenViews().contains("memoryless"));

        // Paths drive the counting paths and the timeline: one of them shown is enough.
        QVERIFY(w->setChosenViews({"timeline"}));
        type("paths", "10");
        QCOMPARE(w->chosenViews(), QStringList({"timeline"}));
        QVERIFY(w->setChosenViews({"counts"}));
        type("paths", "12");
        QCOMPARE(w->chosenViews(), QStringList({"counting", "counts"}));  // the first, in view order

        // Values set by code (reset, presets, the command line) leave the views alone.
        QVERIFY(w->setChosenViews({"counts"}));
        w->parameterPanel()->resetToDefaults();
        w->parameterPanel()->setParams({{"arrival", "3"}, {"trials", "500"}});
        QCOMPARE(w->chosenViews(), QStringList({"counts"}));
        QCOMPARE(shown.count(), 1);  // nothing of this ran

        QVERIFY(w->setChosenViews({"counts", "interarrival"}));
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
    }

    void summaryShowsEveryColumnAtTheLeastWidth()
    {
        // At the window's least width (a 1024-px projector) every column of the summary is in
        // sight, no horizontal scrolling, and no text is cut: it wraps into lines. Ruin's
        // Feller preset has long values, poisson long quantities and values, walk1d p-values.
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        int runs = 0;
        for (const char* key : {"ruin", "poisson", "walk1d"}) {
            QVERIFY(w->selectExperiment(key));
            ++runs;
            QTRY_COMPARE_WITH_TIMEOUT(shown.count(), runs, 30000);
            if (QString(key) == "ruin") {
                QAction* feller = nullptr;
                for (QAction* a : w->presetsMenu()->actions())
                    if (a->text().startsWith("Feller"))
                        feller = a;
                QVERIFY(feller);
                feller->trigger();
                ++runs;
                QTRY_COMPARE_WITH_TIMEOUT(shown.count(), runs, 60000);
            }
            QApplication::processEvents();
            w->resize(std::max(w->minimumSizeHint().width(), w->minimumWidth()), 768);
            QApplication::processEvents();
            QApplication::processEvents();
            QTableWidget* summary = w->summaryTable();
            const QAbstractItemView* view = summary;  // sizeHintFor… are public here
            const QString where = QString::fromLatin1(key);
            // Every column within the table, no word of any cell wider than its column (text
            // wraps at spaces only), and every row as high as its wrapped text.
            const QFontMetrics metrics = summary->fontMetrics();
            for (int c = 0; c < 3; ++c) {
                QVERIFY2(summary->columnViewportPosition(c) + summary->columnWidth(c) <= summary->viewport()->width(),
                         qPrintable(where));
                for (int r = 0; r < summary->rowCount(); ++r)
                    for (const QString& word : summary->item(r, c)->text().split(' '))
                        QVERIFY2(metrics.horizontalAdvance(word) + 8 <= summary->columnWidth(c),
                                 qPrintable(QStringLiteral("%1: “%2” in %3 px").arg(where, word).arg(summary->columnWidth(c))));
            }
            for (int r = 0; r < summary->rowCount(); ++r)
                QVERIFY(summary->rowHeight(r) >= view->sizeHintForRow(r) - 1);
            // Where the window leaves room, the values are whole, one line each: walk1d.
            if (QString(key) == "walk1d")
                for (int c = 1; c < 3; ++c)
                    QVERIFY2(summary->columnWidth(c) >= view->sizeHintForColumn(c), qPrintable(where));
        }
        w->resize(1400, 800);
        QVERIFY(w->selectExperiment("walk1d"));  // as the tests after this one expect
        ++runs;
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), runs, 30000);
    }

    void statusClearsOnceTheFormIsValid()
    {
        type("steps", "abc");
        QVERIFY(!w->runNow());
        QVERIFY(w->statusBar()->currentMessage().startsWith("Not run"));
        type("steps", "10");  // "1" is valid already: cleared as soon as it is
        QVERIFY(w->statusBar()->currentMessage().isEmpty());
        w->parameterPanel()->resetToDefaults();
        QVERIFY(w->parameterPanel()->isValid());
    }

    void longStatusEndsBeforeLastRun()
    {
        // At 1024 px, two refused fields make a message longer than the status bar has room
        // for before "Last run: …": it ends with "…" a gap before that text, whole in the
        // tooltip (and each message beneath its field in the form).
        w->resize(1024, 700);
        QApplication::processEvents();
        type("steps", "abc");
        type("walkers", "-5");
        QVERIFY(!w->runNow());
        QStatusBar* bar = w->statusBar();
        auto* lastRun = w->findChild<QLabel*>("lastRun");
        const QString full = bar->toolTip();
        QVERIFY2(full.startsWith("Not run") && full.contains("steps = abc") && full.contains("walkers = -5"),
                 qPrintable(full));
        const QString shown = bar->currentMessage();
        QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(shown));
        QVERIFY(full.startsWith(shown.chopped(1)));
        // QStatusBar draws the message from x = 6; the label's text starts after its margin.
        const int end = 6 + bar->fontMetrics().horizontalAdvance(shown);
        QVERIFY2(end + 16 <= lastRun->x() + lastRun->contentsRect().left(),
                 qPrintable(QStringLiteral("message ends at %1, \"Last run\" starts at %2").arg(end).arg(lastRun->x() + lastRun->contentsRect().left())));
        w->parameterPanel()->resetToDefaults();
        QVERIFY(bar->currentMessage().isEmpty());
        QVERIFY(bar->toolTip().isEmpty());
        w->resize(1400, 800);
    }

    void menusAreAsLargeAsTheRest()
    {
        const qreal size = w->parameterPanel()->font().pointSizeF();
        QCOMPARE(w->menuBar()->font().pointSizeF(), size);
        for (QMenu* menu : w->menuBar()->findChildren<QMenu*>())
            QCOMPARE(menu->font().pointSizeF(), size);
    }

    void subscriptsInViewsAndSummary()
    {
        // Core text with underscores is shown with subscripts: poisson's "Waiting time S_k".
        QSignalSpy shown(w.get(), &MainWindow::resultShown);
        QVERIFY(w->selectExperiment("poisson"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(w->viewButton("waiting")->text(), QStringLiteral("Waiting time Sₖ"));
        const QRegularExpression raw(QStringLiteral("(?<!\\w)[A-Za-z]_[0-9a-z]"));
        for (int r = 0; r < w->summaryTable()->rowCount(); ++r)
            for (int c = 0; c < 3; ++c)
                QVERIFY2(!w->summaryTable()->item(r, c)->text().contains(raw), qPrintable(w->summaryTable()->item(r, c)->text()));
        QVERIFY(w->selectExperiment("walk1d"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
