// The WalkLab main window: experiment form on the left, plots on the right.
#pragma once

#include "core/experiment/Experiment.h"

#include <QMainWindow>
#include <QMap>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QToolButton;
class QVBoxLayout;
class QWidget;

namespace walklab::ui {

class LiveModeView;
class Space3DView;
class ParameterPanel;
class PlotCanvas;
class Runner;

/// Left: experiment selector, parameter form, Run / Cancel, progress, and switches for the
/// optional series of the views shown. Right, in the Plots tab: a strip of toggle buttons, one
/// per view of the experiment, always in sight above the plots (which panels are drawn: at
/// first its default views; the choice is kept per experiment for the session, and at least
/// one view stays on; views the parameters leave empty are greyed out and not drawn, see
/// viewsToDraw), then the PlotCanvas (scrolling when the views need more height than there
/// is), with the summary table and notes beneath it (every column in sight at any width, text
/// wrapped into lines when the table is narrow; at most a fifth of the height, scrolling
/// beyond, so that the window fits 1400 × 800); beside the
/// plots, a "Live mode" tab when the result has an event timeline. Menu Presets: the
/// experiment's classic examples.
/// Editing a parameter that drives only some views (ParamSpec::views), by typing, its slider
/// or its list, switches on the first of them when none is shown.
/// Everything about an experiment (fields, views, series switches) comes from the core's
/// declarations, so a new experiment in core::experiments() needs no code here.
///
/// A run that fails or is cancelled, or parameters that do not validate, never replace the
/// last good plot and summary. The window runs the first experiment with its defaults as soon
/// as it is constructed, so it never shows empty plots.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Selects the experiment with this key (resets its parameters and runs it); false if
    /// there is no such experiment.
    bool selectExperiment(const QString& key);
    const core::Experiment* experiment() const { return m_experiment; }

    /// Validates the form and, if it is fine, starts a run; otherwise shows the messages and
    /// returns false. A run already going is superseded.
    bool runNow();
    void cancelRun();

    // Accessors for tests.
    ParameterPanel* parameterPanel() const { return m_panel; }
    PlotCanvas* canvas() const { return m_canvas; }
    Runner* runner() const { return m_runner; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QComboBox* experimentSelector() const { return m_selector; }
    QTableWidget* summaryTable() const { return m_summary; }
    QLabel* notesLabel() const { return m_notes; }
    /// The toggle button of a view of the current experiment (in the strip above the plots),
    /// or nullptr.
    QToolButton* viewButton(const QString& viewKey) const;
    /// Views chosen for the current experiment, in declaration order: what the Plots tab
    /// draws, Export plot renders and Export data offers.
    QStringList chosenViews() const;
    /// Chooses these views of the current experiment (walklab --view) and redraws the last
    /// result. False, and nothing changed, when none of the keys is a view of it; unknown
    /// keys are ignored.
    bool setChosenViews(const QStringList& viewKeys);
    /// The switch of an optional series (any of the keys it controls), or nullptr.
    QCheckBox* seriesCheckBox(const QString& seriesKey) const;
    /// Presets of the current experiment: one action each, which sets the form (defaults
    /// overlaid with the preset's values) and runs; disabled when there are none.
    QMenu* presetsMenu() const { return m_presetsMenu; }
    /// The tabs of the plot area: the canvas, and the live mode, a tab offered only when the
    /// result has an event timeline (LiveReplay).
    QTabWidget* plotTabs() const { return m_plotTabs; }
    LiveModeView* liveView() const { return m_live; }
    Space3DView* space3DView() const { return m_space3D; }

    /// Exports without dialogs (used by the menu actions after their dialogs, and by tests).
    /// Return an empty string on success, else the error message.
    QString exportPlotTo(const QString& path, int width, int height);
    QString exportCsvTo(const QString& viewKey, const QString& path);

signals:
    /// A result has been shown (after the canvas, summary and switches were updated).
    void resultShown();

private:
    void buildUi();
    void buildMenus();
    void onExperimentChosen(int index);
    /// Sizes the side panel to the current form (see onExperimentChosen).
    void fitSidebar();
    /// QStatusBar::showMessage, the message ended with "…" where it would run into the
    /// "Last run: …" text (whole in the status bar's tooltip).
    void showStatus(const QString& message, int timeout = 0);
    void rebuildPresets();
    void applyPreset(const core::Preset& preset);
    /// A slider moved: runs now, or once the current run is over (latest values win).
    void runWhenIdle();
    void onFinished(const core::Result& result);
    void onFailed(const core::Errors& errors);
    void onCancelled();
    void setRunning(bool running);
    void showResult(const core::Result& result);
    void rebuildViewSwitches();
    /// A view switch was toggled: remembers the choice and redraws the last result.
    void onViewToggled();
    /// The views of `result` to draw for the views `chosen`: the chosen ones whose panel has
    /// series (an empty panel is a view that needs other parameters, e.g. ruin's position
    /// with absorbing barriers); if there are none, the first view that has series.
    static QStringList viewsToDraw(const core::Result& result, const QStringList& chosen);
    /// The view switches show what the canvas draws; those of empty panels in `result`
    /// (nullptr: none known) are disabled, their panel's title telling what they need.
    void syncViewSwitches(const core::Result* result);
    /// Connects the fields of parameters that drive only some views to showViewsOf().
    void watchViewParameters();
    /// The user edited parameter `key`: if it drives views none of which is shown, shows
    /// the first of them.
    void showViewsOf(const QString& key);
    void rebuildSeriesSwitches();
    void fitSummary();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void exportPlot();
    void exportCsv();
    void about();
    void zoomText(int delta);
    /// The menu bar and its menus in `font` (the side panel's: as large as the rest).
    void setMenuFont(const QFont& font);

    const core::Experiment* m_experiment = nullptr;
    ParameterPanel* m_panel = nullptr;
    PlotCanvas* m_canvas = nullptr;
    Runner* m_runner = nullptr;
    QComboBox* m_selector = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QWidget* m_viewStrip = nullptr;  ///< the toggle buttons above the plots
    QList<QToolButton*> m_viewSwitches;            ///< one per view, in declaration order
    QMap<QString, QStringList> m_viewsByExperiment;  ///< experiment key → views chosen
    QWidget* m_seriesBox = nullptr;
    QVBoxLayout* m_seriesLayout = nullptr;
    QMap<QString, QCheckBox*> m_seriesSwitches;  ///< every controlled key → its switch
    QStringList m_switchSignature;               ///< keys and labels the switches were built for
    QWidget* m_summaryBox = nullptr;
    QWidget* m_center = nullptr;  ///< the plot tabs and the summary beneath them
    QLabel* m_experimentHelp = nullptr;
    QTableWidget* m_summary = nullptr;
    QLabel* m_notes = nullptr;
    QLabel* m_lastRun = nullptr;
    QWidget* m_sidebar = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_exportPlotAction = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QMenu* m_presetsMenu = nullptr;
    QTabWidget* m_plotTabs = nullptr;
    LiveModeView* m_live = nullptr;
    Space3DView* m_space3D = nullptr;  ///< tab shown when the result has a Space3D panel
    bool m_runPending = false;  ///< runWhenIdle() was asked while a run was going
    QString m_lastDir;  ///< folder of the last export
    int m_textZoom = 0;
    bool m_hasResult = false;
    bool m_formErrorShown = false;  ///< the status bar says "Not run — fix …"
};

}  // namespace walklab::ui
