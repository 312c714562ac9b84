#include "ui/MainWindow.h"

#include "core/experiment/Registry.h"
#include "core/experiment/TextFormat.h"
#include "ui/plot/ExportSizeDialog.h"
#include "ui/plot/Exporter.h"
#include "ui/FlowLayout.h"
#include "ui/live/LiveModeView.h"
#include "ui/form/ParameterPanel.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/plot/PlotStyle.h"
#include "ui/Runner.h"
#include "ui/plot/Space3DView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScreen>
#include <QScrollBar>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace walklab::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

/// Smallest point size of the side panel: readable from the back of a classroom.
constexpr double kMinSidebarPointSize = 11.0;
/// Widest line of a series switch's label: the side panel's least width (380 px) less its
/// margins, the scroll bar and the check box.
constexpr int kSwitchTextPx = 280;
/// Least width of the side panel, and its width for a form that asks for no more.
constexpr int kSidebarMinPx = 380;
constexpr int kSidebarPx = 420;
/// Width the plots keep when the side panel widens for its form.
constexpr int kPlotsWidthPx = 700;
constexpr int kProgressSteps = 1000;
/// Room between a status message and the "Last run: …" text.
constexpr int kStatusGapPx = 24;
/// Share of the plot area's height the summary table may take; it scrolls beyond.
constexpr double kSummaryShare = 0.2;
/// Rows of the summary always in sight (when there are that many).
constexpr int kSummaryMinRows = 3;

/// The view strip: toggle buttons that read as on or off from the back of a room. (No bold
/// when checked: the size hint ignores style-sheet fonts, so bold text would be cut off.)
const char* const kViewStripStyle = R"(
QToolButton {
    border: 1px solid #aab3c0; border-radius: 6px; padding: 4px 12px;
    background: #f3f5f8; color: #2d3440;
}
QToolButton:hover { background: #e2e9f3; border-color: #1f5fa8; }
QToolButton:checked {
    background: #1f5fa8; border-color: #184b85; color: white;
}
QToolButton:checked:disabled { background: #1f5fa8; color: white; }
QToolButton:!checked:disabled { background: #f7f8fa; border-style: dashed; color: #8d949e; }
)";

QString joinMessages(const core::Errors& errors)
{
    QStringList messages;
    for (const auto& e : errors)
        messages << qs(e.message);
    return messages.join(QStringLiteral("; "));
}

QString formatSeconds(double s)
{
    return qs(core::formatSignificant(s, s < 10 ? 2 : 3)) + QStringLiteral(" s");
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    m_lastDir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (m_lastDir.isEmpty() || !QDir(m_lastDir).exists())
        m_lastDir = QDir::homePath();

    m_runner = new Runner(this);
    buildUi();
    buildMenus();

    connect(m_runner, &Runner::started, this, [this] { setRunning(true); });
    connect(m_runner, &Runner::progress, this,
            [this](double f) { m_progress->setValue(int(f * kProgressSteps + 0.5)); });
    connect(m_runner, &Runner::finished, this, &MainWindow::onFinished);
    connect(m_runner, &Runner::failed, this, &MainWindow::onFailed);
    connect(m_runner, &Runner::cancelled, this, &MainWindow::onCancelled);

    {
        const QSignalBlocker block(m_selector);
        for (const auto& e : core::experiments())
            m_selector->addItem(qs(e->title()), qs(e->key()));
    }
    connect(m_selector, &QComboBox::currentIndexChanged, this, &MainWindow::onExperimentChosen);
    setWindowIcon(QIcon(QStringLiteral(":/walklab/walklab.svg")));
    // 1400 × 800, or the screen's free area when that is smaller (a 1024 × 700 projector).
    QSize size(1400, 800);
    if (const QScreen* shownOn = screen())
        size = size.boundedTo(shownOn->availableGeometry().size());
    resize(size);
    if (m_selector->count() > 0)
        onExperimentChosen(0);  // runs the defaults: the window never shows empty plots
}

MainWindow::~MainWindow()
{
    // The runner cancels and waits in its destructor; delete it before the widgets it feeds.
    m_runner->disconnect(this);
    delete m_runner;
    m_runner = nullptr;
}

void MainWindow::buildUi()
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);

    // ---- side panel ------------------------------------------------------------------------
    m_sidebar = new QWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    auto* side = new QVBoxLayout(m_sidebar);
    side->setContentsMargins(10, 10, 10, 10);
    side->setSpacing(10);

    // The experiment selector (beneath its label, so long titles get the sidebar's width) and
    // what the experiment is about.
    auto* experimentRow = new QVBoxLayout;
    experimentRow->setSpacing(4);
    auto* experimentLabel = new QLabel(tr("&Experiment"));
    m_selector = new QComboBox;
    m_selector->setObjectName(QStringLiteral("experimentSelector"));
    m_selector->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    experimentLabel->setBuddy(m_selector);
    QFont boldLabel = experimentLabel->font();
    boldLabel.setBold(true);
    experimentLabel->setFont(boldLabel);
    experimentRow->addWidget(experimentLabel);
    experimentRow->addWidget(m_selector);
    side->addLayout(experimentRow);
    m_experimentHelp = new QLabel;
    m_experimentHelp->setObjectName(QStringLiteral("experimentHelp"));
    m_experimentHelp->setWordWrap(true);
    QPalette helpPalette = m_experimentHelp->palette();
    helpPalette.setColor(QPalette::WindowText, QColor(0x4a, 0x50, 0x5c));
    m_experimentHelp->setPalette(helpPalette);
    side->addWidget(m_experimentHelp);

    auto* paramBox = new QGroupBox(tr("Parameters"));
    auto* paramLayout = new QVBoxLayout(paramBox);
    m_panel = new ParameterPanel;
    m_panel->setObjectName(QStringLiteral("parameterPanel"));
    paramLayout->addWidget(m_panel);
    side->addWidget(paramBox);
    connect(m_panel, &ParameterPanel::runRequested, this, &MainWindow::runNow);
    connect(m_panel, &ParameterPanel::dragRunRequested, this, &MainWindow::runWhenIdle);
    // "Not run — fix …" stays only while there is something to fix.
    connect(m_panel, &ParameterPanel::paramsChanged, this, [this] {
        if (m_formErrorShown && m_panel->isValid()) {
            m_formErrorShown = false;
            statusBar()->clearMessage();
        }
    });

    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"));
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setDefault(true);
    m_runButton->setToolTip(tr("Simulate with these parameters (Ctrl+R, or Enter in any field)"));
    m_runButton->setMinimumHeight(36);
    QFont bold = m_runButton->font();
    bold.setBold(true);
    m_runButton->setFont(bold);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setToolTip(tr("Stop the running simulation (Esc); the previous result stays"));
    m_cancelButton->setMinimumHeight(36);
    m_cancelButton->setEnabled(false);
    buttons->addWidget(m_runButton, 2);
    buttons->addWidget(m_cancelButton, 1);
    side->addLayout(buttons);
    connect(m_runButton, &QPushButton::clicked, this, &MainWindow::runNow);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelRun);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("Ready"));
    side->addWidget(m_progress);

    auto* showBox = new QGroupBox(tr("Show"));
    m_seriesBox = showBox;
    m_seriesLayout = new QVBoxLayout(showBox);
    m_seriesLayout->setSpacing(4);
    showBox->hide();  // until a result offers optional series
    side->addWidget(showBox);

    side->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("sidebarScroll"));
    scroll->setWidget(m_sidebar);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(kSidebarMinPx);

    // ---- plots, and the summary beneath them (wide, so that every row is one line) ---------
    m_summaryBox = new QGroupBox(tr("Summary"));
    auto* summaryLayout = new QVBoxLayout(m_summaryBox);
    m_summary = new QTableWidget(0, 3);
    m_summary->setObjectName(QStringLiteral("summaryTable"));
    m_summary->setHorizontalHeaderLabels({tr("Quantity"), tr("Simulated"), tr("Exact")});
    m_summary->verticalHeader()->hide();
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_summary->setAlternatingRowColors(true);
    // Every column in sight at the window's least width (a 1024-px projector): fitSummary()
    // sets the widths, and text wraps into lines when they are short.
    m_summary->setWordWrap(true);
    m_summary->setTextElideMode(Qt::ElideNone);
    m_summary->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_summary->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_summary->horizontalHeader()->setStretchLastSection(true);
    m_summary->horizontalHeader()->setMinimumSectionSize(40);
    m_summary->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_summary->installEventFilter(this);
    summaryLayout->addWidget(m_summary);
    m_notes = new QLabel;
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_notes->hide();  // until a result has notes
    summaryLayout->addWidget(m_notes);

    m_canvas = new PlotCanvas;
    m_canvas->setObjectName(QStringLiteral("plotCanvas"));
    m_canvas->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_canvas->setMinimumWidth(400);
    // The canvas asks for a least height per row of plots: many views scroll, not squash.
    auto* plotScroll = new QScrollArea;
    plotScroll->setObjectName(QStringLiteral("plotScroll"));
    plotScroll->setWidget(m_canvas);
    plotScroll->setWidgetResizable(true);
    plotScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    plotScroll->setFrameShape(QFrame::NoFrame);

    auto* center = new QWidget;
    auto* centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 6, 4);
    centerLayout->setSpacing(4);
    // The plots, and the live mode in a second tab when the result has an event timeline;
    // the live mode has the whole height (a projector), so the summary hides while it shows.
    m_plotTabs = new QTabWidget;
    m_plotTabs->setObjectName(QStringLiteral("plotTabs"));
    m_plotTabs->setDocumentMode(true);
    // The view strip above the plots: every view in sight, wrapping onto a second row.
    m_viewStrip = new QWidget;
    m_viewStrip->setObjectName(QStringLiteral("viewStrip"));
    m_viewStrip->setStyleSheet(QString::fromLatin1(kViewStripStyle));
    auto* strip = new FlowLayout(m_viewStrip);
    strip->setContentsMargins(4, 6, 4, 2);
    strip->setSpacing(6);
    auto* stripLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Views:")));
    stripLabel->setToolTip(tr("Click a view to show or hide it; the plots are redrawn without "
                              "running again. In a plot: drag to move, Ctrl + wheel to zoom, "
                              "double-click to restore the view"));
    strip->addWidget(stripLabel);
    auto* plotsPage = new QWidget;
    plotsPage->setObjectName(QStringLiteral("plotsPage"));
    auto* plotsLayout = new QVBoxLayout(plotsPage);
    plotsLayout->setContentsMargins(0, 0, 0, 0);
    plotsLayout->setSpacing(2);
    plotsLayout->addWidget(m_viewStrip, 0);
    plotsLayout->addWidget(plotScroll, 1);
    m_plotTabs->addTab(plotsPage, tr("Plots"));
    m_live = new LiveModeView;
    m_live->setObjectName(QStringLiteral("liveView"));
    m_plotTabs->addTab(m_live, tr("Live mode: events one by one"));
    m_plotTabs->setTabToolTip(m_plotTabs->indexOf(m_live),
                              tr("Replay the event timeline event by event, with the count "
                                 "histogram growing beside it"));
    m_plotTabs->setTabVisible(m_plotTabs->indexOf(m_live), false);
    // A rotatable view of the trajectories when the result has a Space3D panel.
    m_space3D = new Space3DView;
    m_space3D->setObjectName(QStringLiteral("space3DView"));
    m_plotTabs->addTab(m_space3D, tr("3D view"));
    m_plotTabs->setTabToolTip(m_plotTabs->indexOf(m_space3D),
                              tr("The trajectories in space: drag to turn them, scroll to zoom"));
    m_plotTabs->setTabVisible(m_plotTabs->indexOf(m_space3D), false);
    connect(m_plotTabs, &QTabWidget::currentChanged, this, [this](int index) {
        m_summaryBox->setVisible(m_plotTabs->widget(index) != m_live);
        if (m_plotTabs->widget(index) != m_live)
            m_live->pause();
    });
    centerLayout->addWidget(m_plotTabs, 1);
    centerLayout->addWidget(m_summaryBox, 0);
    m_center = center;
    center->installEventFilter(this);  // the summary's height follows the area's

    QFont textFont = m_sidebar->font();
    if (textFont.pointSizeF() > 0 && textFont.pointSizeF() < kMinSidebarPointSize)
        textFont.setPointSizeF(kMinSidebarPointSize);
    m_sidebar->setFont(textFont);
    m_summaryBox->setFont(textFont);
    m_viewStrip->setFont(textFont);

    splitter->addWidget(scroll);
    splitter->addWidget(center);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({kSidebarPx, 1400 - kSidebarPx});
    setCentralWidget(splitter);

    m_lastRun = new QLabel(tr("No run yet"));
    m_lastRun->setObjectName(QStringLiteral("lastRun"));
    m_lastRun->setContentsMargins(kStatusGapPx, 0, 0, 0);  // apart from a long message
    statusBar()->addPermanentWidget(m_lastRun);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString& message) {
        if (message.isEmpty())
            statusBar()->setToolTip({});
    });
    QFont statusFont = statusBar()->font();
    if (statusFont.pointSizeF() > 0 && statusFont.pointSizeF() < kMinSidebarPointSize - 1) {
        statusFont.setPointSizeF(kMinSidebarPointSize - 1);
        statusBar()->setFont(statusFont);
    }
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_exportPlotAction = file->addAction(tr("Export &plot…"), this, &MainWindow::exportPlot);
    m_exportPlotAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportCsvAction = file->addAction(tr("Export &data (CSV)…"), this, &MainWindow::exportCsv);
    m_exportCsvAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportPlotAction->setEnabled(false);
    m_exportCsvAction->setEnabled(false);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* sim = menuBar()->addMenu(tr("&Simulation"));
    m_runAction = sim->addAction(tr("&Run"), this, &MainWindow::runNow);
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    m_runAction->setShortcutContext(Qt::WindowShortcut);
    m_cancelAction = sim->addAction(tr("&Cancel"), this, &MainWindow::cancelRun);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);
    sim->addSeparator();
    sim->addAction(tr("Reset &parameters"), this, [this] { m_panel->resetToDefaults(); });
    sim->addAction(tr("New &seed and run"), this, [this] {
        if (auto* b = m_panel->newSeedButton())
            b->click();
        runNow();
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));

    m_presetsMenu = menuBar()->addMenu(tr("&Presets"));
    m_presetsMenu->setObjectName(QStringLiteral("presetsMenu"));
    m_presetsMenu->setToolTipsVisible(true);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Larger text"), this, [this] { zoomText(+1); })
        ->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    view->addAction(tr("&Smaller text"), this, [this] { zoomText(-1); })
        ->setShortcut(QKeySequence::ZoomOut);
    view->addAction(tr("&Normal text size"), this, [this] { zoomText(-m_textZoom); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About WalkLab"), this, &MainWindow::about)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    setMenuFont(m_sidebar->font());
}

bool MainWindow::selectExperiment(const QString& key)
{
    const int index = m_selector->findData(key);
    if (index < 0)
        return false;
    if (index == m_selector->currentIndex())
        onExperimentChosen(index);
    else
        m_selector->setCurrentIndex(index);  // → onExperimentChosen
    return true;
}

void MainWindow::onExperimentChosen(int index)
{
    const auto& all = core::experiments();
    if (index < 0 || index >= int(all.size()))
        return;
    m_experiment = all[std::size_t(index)].get();
    m_selector->setToolTip(qs(m_experiment->title()));  // the whole title when the box cuts it
    m_panel->setExperiment(m_experiment);
    watchViewParameters();
    rebuildPresets();
    rebuildViewSwitches();
    // The side panel follows the form (measured once the new form's layout is done): as wide
    // as it asks (a choice's longest label whole) where the window has room, the plots keeping
    // kPlotsWidthPx, and narrower again for a narrower form; never less than the form needs
    // (long units, sliders), nor than kSidebarMinPx.
    QMetaObject::invokeMethod(this, &MainWindow::fitSidebar, Qt::QueuedConnection);
    m_selector->setToolTip(detail::displayText(m_experiment->help()));
    m_experimentHelp->setText(detail::displayText(m_experiment->help()));
    setWindowTitle(QStringLiteral("WalkLab — ") + qs(m_experiment->title()));
    runNow();
}

void MainWindow::showStatus(const QString& message, int timeout)
{
    QStatusBar* bar = statusBar();
    // QStatusBar cuts a long message off where "Last run: …" begins: end it with "…" instead,
    // the whole message in the tooltip (a parameter's error is beneath the form's fields too).
    QString shown = message;
    if (bar->isVisible() && m_lastRun->isVisible()) {
        bar->layout()->activate();  // the label's place for its current text
        const int room = m_lastRun->x() - 8;  // QStatusBar's message starts at 6, ends 2 before
        shown = bar->fontMetrics().elidedText(message, Qt::ElideRight, std::max(room, 0));
    }
    bar->setToolTip(shown == message ? QString() : message);
    bar->showMessage(shown, timeout);
}

void MainWindow::fitSidebar()
{
    auto* scroll = findChild<QScrollArea*>(QStringLiteral("sidebarScroll"));
    auto* splitter = scroll ? qobject_cast<QSplitter*>(scroll->parentWidget()) : nullptr;
    if (!splitter)
        return;
    // The scroll bar's width is always counted, so the width does not depend on whether the
    // panel happens to scroll.
    const int bar = scroll->verticalScrollBar()->sizeHint().width();
    const int least = std::max(kSidebarMinPx, m_sidebar->minimumSizeHint().width() + bar);
    scroll->setMinimumWidth(least);
    const int around = m_sidebar->width() - m_panel->width();  // margins, the group box
    const int wanted = std::max(kSidebarPx, around + m_panel->sizeHint().width() + bar);
    const QList<int> sizes = splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int width = std::max(least, std::min(wanted, total - kPlotsWidthPx));
    if (width != sizes.value(0))
        splitter->setSizes({width, total - width});
}

void MainWindow::rebuildPresets()
{
    m_presetsMenu->clear();
    const std::vector<core::Preset> presets = m_experiment->presets();
    for (const core::Preset& preset : presets) {
        QAction* action = m_presetsMenu->addAction(qs(preset.name), this,
                                                   [this, preset] { applyPreset(preset); });
        action->setToolTip(qs(preset.help));
        action->setStatusTip(qs(preset.help));
    }
    m_presetsMenu->setEnabled(!presets.empty());
    m_presetsMenu->menuAction()->setEnabled(!presets.empty());
}

void MainWindow::applyPreset(const core::Preset& preset)
{
    core::ParamSet values;
    for (const auto& spec : m_experiment->params())
        values[spec.key] = spec.defaultText;
    for (const auto& [key, value] : preset.params)
        values[key] = value;
    m_panel->setParams(values);
    showStatus(tr("Preset: %1").arg(qs(preset.name)), 5000);
    runNow();
}

void MainWindow::runWhenIdle()
{
    if (m_runner->isRunning())
        m_runPending = true;
    else
        runNow();
}

bool MainWindow::runNow()
{
    m_runPending = false;
    if (!m_experiment)
        return false;
    const core::Errors errors = m_panel->validate();
    if (!errors.empty()) {
        m_panel->showErrors(errors);
        m_panel->focusFirstError();
        showStatus(tr("Not run — fix the parameter marked in red: %1").arg(joinMessages(errors)), 10000);
        m_formErrorShown = true;
        return false;
    }
    m_formErrorShown = false;
    showStatus(tr("Running…"));
    m_runner->start(*m_experiment, m_panel->params());
    return true;
}

void MainWindow::cancelRun()
{
    m_runPending = false;
    if (m_runner->isRunning()) {
        m_runner->cancel();
        showStatus(tr("Cancelling…"));
    }
}

void MainWindow::setRunning(bool running)
{
    m_cancelButton->setEnabled(running);
    m_cancelAction->setEnabled(running);
    if (running) {
        m_progress->setFormat(QStringLiteral("%p%"));
        m_progress->setValue(0);
    }
}

void MainWindow::onFinished(const core::Result& result)
{
    setRunning(false);
    showResult(result);
    m_progress->setValue(kProgressSteps);
    m_progress->setFormat(tr("Done in %1").arg(formatSeconds(result.seconds)));
    showStatus(tr("Finished in %1").arg(formatSeconds(result.seconds)), 5000);
    if (m_runPending)
        runNow();
}

void MainWindow::onFailed(const core::Errors& errors)
{
    setRunning(false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Failed"));
    m_panel->showErrors(errors);  // beside the field, or at the bottom of the form
    showStatus(tr("Run failed: %1 — the plots still show the previous result.").arg(joinMessages(errors)));
    if (m_runPending)
        runNow();
}

void MainWindow::onCancelled()
{
    setRunning(false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Cancelled"));
    showStatus(tr("Run cancelled — the plots still show the previous result."), 10000);
}

void MainWindow::showResult(const core::Result& result)
{
    m_canvas->setResult(result, viewsToDraw(result, m_viewsByExperiment.value(qs(result.experiment))));
    rebuildSeriesSwitches();
    syncViewSwitches(&result);
    m_live->setResult(result);
    if (!m_live->available() && m_plotTabs->currentWidget() == m_live)
        m_plotTabs->setCurrentIndex(0);
    m_plotTabs->setTabVisible(m_plotTabs->indexOf(m_live), m_live->available());
    const bool has3D = m_space3D->setResult(result);
    if (!has3D && m_plotTabs->currentWidget() == m_space3D)
        m_plotTabs->setCurrentIndex(0);
    m_plotTabs->setTabVisible(m_plotTabs->indexOf(m_space3D), has3D);

    m_summary->setRowCount(int(result.summary.size()));
    for (int i = 0; i < int(result.summary.size()); ++i) {
        const core::SummaryRow& row = result.summary[std::size_t(i)];
        const QString cells[3] = {detail::displayText(row.quantity), detail::displayText(row.simulated),
                                  detail::displayText(row.exact)};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            m_summary->setItem(i, c, item);
        }
    }
    fitSummary();

    QStringList notes;
    for (const auto& n : result.notes)
        notes << QStringLiteral("• ") + detail::displayText(n);
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());

    const QString seconds = formatSeconds(result.seconds);
    m_lastRun->setText(result.threads == 1
                           ? tr("Last run: %1 on 1 thread").arg(seconds)
                           : tr("Last run: %1 on %2 threads").arg(seconds).arg(result.threads));
    m_hasResult = true;
    m_exportPlotAction->setEnabled(true);
    m_exportCsvAction->setEnabled(!result.panels.empty());
    emit resultShown();
}

void MainWindow::fitSummary()
{
    // Columns as wide as their longest line when the table has room. Otherwise the values
    // keep theirs while the quantities still get a quarter of the room, in lines; on a still
    // narrower table the widest columns are cut to one common width, their text wrapped. No
    // column leaves the table (a vertical scroll bar's width is always kept for it).
    const int room = m_summary->width() - 2 * m_summary->frameWidth() - m_summary->verticalScrollBar()->sizeHint().width();
    std::array<int, 3> natural{}, width{};
    for (int c = 0; c < 3; ++c)
        natural[std::size_t(c)] = std::max(m_summary->horizontalHeader()->sectionSizeHint(c),
                                           static_cast<QAbstractItemView*>(m_summary)->sizeHintForColumn(c));
    if (room - natural[1] - natural[2] >= std::min(natural[0], room / 4)) {
        width = natural;
    } else {
        std::array<int, 3> order{0, 1, 2};
        std::sort(order.begin(), order.end(), [&](int a, int b) { return natural[std::size_t(a)] < natural[std::size_t(b)]; });
        int left = room;
        for (int i = 0; i < 3; ++i) {
            const std::size_t c = std::size_t(order[std::size_t(i)]);
            width[c] = std::min(natural[c], std::max(0, left) / (3 - i));
            left -= width[c];
        }
    }
    // The first column takes what the values leave; the last stretches to the edge.
    m_summary->setColumnWidth(0, std::max(0, std::min(natural[0], room - width[1] - width[2])));
    m_summary->setColumnWidth(1, width[1]);

    // Every row when they fit in kSummaryShare of the height, else that much and a scroll
    // bar; never fewer than kSummaryMinRows rows.
    m_summary->resizeRowsToContents();
    const int frame = m_summary->horizontalHeader()->sizeHint().height() + 2 * m_summary->frameWidth();
    int all = frame, least = frame;
    for (int i = 0; i < m_summary->rowCount(); ++i) {
        all += m_summary->rowHeight(i);
        if (i < kSummaryMinRows)
            least += m_summary->rowHeight(i);
    }
    const int share = int(kSummaryShare * m_center->height());
    m_summary->setFixedHeight(std::min(all, std::max(least, share)));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // A narrower table needs narrower columns (in more lines), a taller window allows more
    // rows: new widths and height.
    if ((watched == m_summary || watched == m_center) && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &MainWindow::fitSummary, Qt::QueuedConnection);
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::rebuildViewSwitches()
{
    qDeleteAll(m_viewSwitches);
    m_viewSwitches.clear();
    const QString experimentKey = qs(m_experiment->key());
    if (!m_viewsByExperiment.contains(experimentKey)) {
        QStringList defaults;
        for (const std::string& key : m_experiment->defaultViews())
            defaults << qs(key);
        m_viewsByExperiment.insert(experimentKey, defaults);
    }
    const QStringList chosen = m_viewsByExperiment.value(experimentKey);
    for (const core::ViewSpec& view : m_experiment->views()) {
        auto* button = new QToolButton;
        button->setText(detail::displayText(view.title));
        button->setObjectName(QStringLiteral("view_") + qs(view.key));
        button->setProperty("viewKey", qs(view.key));
        button->setToolTip(detail::displayText(view.help));
        button->setProperty("viewHelp", detail::displayText(view.help));
        button->setCheckable(true);
        button->setChecked(chosen.contains(qs(view.key)));
        button->setCursor(Qt::PointingHandCursor);
        m_viewStrip->layout()->addWidget(button);
        m_viewSwitches << button;
        connect(button, &QToolButton::toggled, this, &MainWindow::onViewToggled);
    }
    onViewToggled();
}

void MainWindow::onViewToggled()
{
    const QString experimentKey = qs(m_experiment->key());
    QStringList chosen;
    for (QToolButton* button : std::as_const(m_viewSwitches))
        if (button->isChecked())
            chosen << button->property("viewKey").toString();
    if (chosen.isEmpty() && !m_viewSwitches.isEmpty())
        chosen = m_viewsByExperiment.value(experimentKey);  // only from code: keep the choice
    m_viewsByExperiment.insert(experimentKey, chosen);
    // Redraw the last result of this experiment, without running again.
    if (m_hasResult && qs(m_canvas->result().experiment) == experimentKey) {
        const core::Result result = m_canvas->result();
        m_canvas->setResult(result, viewsToDraw(result, chosen));
        rebuildSeriesSwitches();
        syncViewSwitches(&result);
    } else {
        syncViewSwitches(nullptr);
    }
}

QStringList MainWindow::viewsToDraw(const core::Result& result, const QStringList& chosen)
{
    QStringList shown, drawable;
    for (const core::Panel& panel : result.panels) {
        if (panel.series.empty())
            continue;
        drawable << qs(panel.key);
        if (chosen.contains(drawable.back()))
            shown << drawable.back();
    }
    // None of the chosen views has anything to draw with these parameters: the first that has.
    if (shown.isEmpty() && !drawable.isEmpty())
        shown << drawable.front();
    return shown;
}

void MainWindow::syncViewSwitches(const core::Result* result)
{
    const QStringList shown = result ? m_canvas->shownViews() : chosenViews();
    for (QToolButton* button : std::as_const(m_viewSwitches)) {
        const QString key = button->property("viewKey").toString();
        const core::Panel* panel = result ? result->find(key.toStdString()) : nullptr;
        const bool available = !panel || !panel->series.empty();
        const QSignalBlocker block(button);
        button->setChecked(shown.contains(key));
        // The last view shown cannot be switched off: the plots are never empty.
        button->setEnabled(available && (shown.size() != 1 || !button->isChecked()));
        // A view that needs other parameters says which (its panel's title).
        const QString help = button->property("viewHelp").toString();
        button->setToolTip(available ? help : detail::displayText(panel->title) + QStringLiteral("\n") + help);
    }
}

QToolButton* MainWindow::viewButton(const QString& viewKey) const
{
    for (QToolButton* button : m_viewSwitches)
        if (button->property("viewKey").toString() == viewKey)
            return button;
    return nullptr;
}

bool MainWindow::setChosenViews(const QStringList& viewKeys)
{
    if (std::none_of(viewKeys.begin(), viewKeys.end(),
                     [this](const QString& key) { return viewButton(key) != nullptr; }))
        return false;
    for (QToolButton* button : std::as_const(m_viewSwitches)) {
        const QSignalBlocker block(button);
        button->setChecked(viewKeys.contains(button->property("viewKey").toString()));
    }
    onViewToggled();
    return true;
}

void MainWindow::watchViewParameters()
{
    for (const core::ParamSpec& spec : m_experiment->params()) {
        if (spec.views.empty())
            continue;
        const QString key = qs(spec.key);
        const auto show = [this, key] { showViewsOf(key); };
        // User edits only: a preset, a reset or the command line leave the views alone.
        if (QLineEdit* edit = m_panel->field(key))
            connect(edit, &QLineEdit::textEdited, this, show);
        if (QSlider* slider = m_panel->slider(key))
            connect(slider, &QSlider::valueChanged, this, show);
        if (QComboBox* choice = m_panel->choiceBox(key))
            connect(choice, &QComboBox::activated, this, show);
    }
}

void MainWindow::showViewsOf(const QString& key)
{
    const core::ParamSpec* spec = m_experiment->param(key.toStdString());
    if (!spec || spec->views.empty())
        return;
    const QStringList chosen = chosenViews();
    for (const std::string& view : spec->views)
        if (chosen.contains(qs(view)))
            return;
    if (QToolButton* button = viewButton(qs(spec->views.front()))) {
        button->setChecked(true);  // → onViewToggled: remembered and redrawn
        showStatus(tr("Showing “%1”: %2 drives it").arg(button->text(), qs(spec->label)), 5000);
    }
}

QStringList MainWindow::chosenViews() const
{
    return m_experiment ? m_viewsByExperiment.value(qs(m_experiment->key())) : QStringList();
}

void MainWindow::rebuildSeriesSwitches()
{
    // One switch per label: series sharing a label (the two lines of a "mean ± 2 sd" band)
    // go together, and so does an unlabelled entry with the one before it.
    QList<QPair<QString, QStringList>> groups;  // label → keys
    QStringList signature;
    for (const auto& [key, label] : m_canvas->optionalSeries()) {
        signature << key + QLatin1Char('\x1f') + label;
        auto same = std::find_if(groups.begin(), groups.end(),
                                 [&label](const auto& g) { return g.first == label; });
        if (label.isEmpty() && !groups.isEmpty())
            groups.last().second << key;
        else if (same != groups.end())
            same->second << key;
        else
            groups.append({label.isEmpty() ? key : label, {key}});
    }

    if (signature != m_switchSignature) {
        m_switchSignature = signature;
        QList<QCheckBox*> old;
        for (QCheckBox* box : std::as_const(m_seriesSwitches))
            if (!old.contains(box))
                old << box;
        qDeleteAll(old);
        m_seriesSwitches.clear();
        for (const auto& [label, keys] : groups) {
            auto* box = new QCheckBox;
            box->setObjectName(QStringLiteral("show_") + keys.first());
            box->setToolTip(tr("Show or hide this series in every plot"));
            m_seriesLayout->addWidget(box);
            // A long label (a long time unit) in lines, so it does not widen the side panel.
            box->setText(detail::wrapText(label, box->fontMetrics(), kSwitchTextPx));
            for (const QString& key : keys)
                m_seriesSwitches.insert(key, box);
            const QStringList controlled = keys;
            connect(box, &QCheckBox::toggled, this, [this, controlled](bool on) {
                for (const QString& key : controlled)
                    m_canvas->setSeriesVisible(key, on);
            });
        }
        m_seriesBox->setVisible(!groups.isEmpty());
    }
    for (const auto& [label, keys] : groups) {
        QCheckBox* box = m_seriesSwitches.value(keys.first());
        const QSignalBlocker block(box);
        box->setChecked(m_canvas->isSeriesVisible(keys.first()));
    }
}

QCheckBox* MainWindow::seriesCheckBox(const QString& seriesKey) const
{
    return m_seriesSwitches.value(seriesKey, nullptr);
}

QString MainWindow::exportPlotTo(const QString& path, int width, int height)
{
    return ui::exportPlot(*m_canvas, path, width, height);
}

QString MainWindow::exportCsvTo(const QString& viewKey, const QString& path)
{
    const core::Panel* panel = m_canvas->result().find(viewKey.toStdString());
    if (!panel)
        return tr("There is no view “%1” in the current result.").arg(viewKey);
    return ui::exportCsv(*panel, path);
}

void MainWindow::exportPlot()
{
    if (!m_hasResult)
        return;
    const QString png = tr("PNG image (*.png)"), jpg = tr("JPEG image (*.jpg *.jpeg)"),
                  svg = tr("SVG vector image (*.svg)"), pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    const QString suggested = QDir(m_lastDir).filePath(
        QStringLiteral("walklab-%1.png").arg(qs(m_canvas->result().experiment)));
    const QString filters = QStringList{png, jpg, svg, pdf}.join(QStringLiteral(";;"));
    QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), suggested, filters, &filter);
    if (path.isEmpty())
        return;
    if (!imageFormatForPath(path)) {
        const QString ext = filter == jpg ? QStringLiteral(".jpg")
                            : filter == svg ? QStringLiteral(".svg")
                            : filter == pdf ? QStringLiteral(".pdf")
                                            : QStringLiteral(".png");
        path += ext;
    }
    m_lastDir = QFileInfo(path).absolutePath();

    // Size in pixels (points for the vector formats), defaulting to what is on screen.
    ExportSizeDialog dialog(path, m_canvas->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;

    const QString error = exportPlotTo(path, dialog.imageSize().width(), dialog.imageSize().height());
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export plot"), error);
    else
        showStatus(tr("Plot saved to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::exportCsv()
{
    // A CSV file holds one table: one of the views shown.
    const core::Result& result = m_canvas->result();
    const QStringList shown = m_canvas->shownViews();
    if (shown.isEmpty())
        return;
    QString viewKey = shown.front();
    if (shown.size() > 1) {
        QStringList items;
        for (const QString& key : shown)
            items << QStringLiteral("%1 — %2").arg(key, qs(result.find(key.toStdString())->title));
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Export data (CSV)"),
                                                     tr("Which view?"), items, 0, false, &ok);
        if (!ok)
            return;
        viewKey = shown[items.indexOf(chosen)];
    }
    const QString suggested = QDir(m_lastDir).filePath(
        QStringLiteral("walklab-%1-%2.csv").arg(qs(result.experiment), viewKey));
    QString path = QFileDialog::getSaveFileName(this, tr("Export data (CSV)"), suggested,
                                                tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    m_lastDir = QFileInfo(path).absolutePath();
    const QString error = exportCsvTo(viewKey, path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export data (CSV)"), error);
    else
        showStatus(tr("Data saved to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::about()
{
    QStringList list;
    for (const auto& e : core::experiments())
        list << QStringLiteral("<li>%1</li>").arg(qs(e->title()).toHtmlEscaped());
    const QString version = QCoreApplication::applicationVersion().isEmpty()
                                ? QString()
                                : QStringLiteral(" ") + QCoreApplication::applicationVersion();
    QMessageBox::about(this, tr("About WalkLab"),
                       tr("<h3>WalkLab%1</h3>"
                          "<p>Random walks and Poisson processes explored by simulation: every "
                          "Monte Carlo result is plotted against its exact distribution.</p>"
                          "<p>Experiments:</p><ul>%2</ul>"
                          "<p>Keys: Ctrl+R or Enter runs, Esc cancels, Ctrl+N draws a new seed "
                          "and runs, Ctrl++ / Ctrl+− change the text size.</p>")
                           .arg(version.toHtmlEscaped(), list.join(QString())));
}

void MainWindow::setMenuFont(const QFont& font)
{
    // Menus are windows of their own: they take the application's font, not their parent's.
    menuBar()->setFont(font);
    for (QMenu* menu : menuBar()->findChildren<QMenu*>())
        menu->setFont(font);
}

void MainWindow::zoomText(int delta)
{
    const int zoom = std::clamp(m_textZoom + delta, -3, 12);
    if (zoom == m_textZoom)
        return;
    QFont f = m_sidebar->font();
    if (f.pointSizeF() <= 0)
        return;
    f.setPointSizeF(f.pointSizeF() + (zoom - m_textZoom));
    m_textZoom = zoom;
    m_sidebar->setFont(f);
    m_summaryBox->setFont(f);
    m_viewStrip->setFont(f);
    setMenuFont(f);
    QFont status = statusBar()->font();
    status.setPointSizeF(f.pointSizeF() - 1);
    statusBar()->setFont(status);
    fitSummary();
}

}  // namespace walklab::ui

#include "moc_MainWindow.cpp"
