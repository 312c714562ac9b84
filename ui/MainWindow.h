// The WalkLab main window: experiment form on the left, plots on the right.
#pragma once

#include "core/experiment/Experiment.h"

#include <QMainWindow>
#include <QMap>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QVBoxLayout;
class QWidget;

namespace walklab::ui {

class ParameterPanel;
class PlotCanvas;
class Runner;

/// Left: experiment selector, parameter form, Run / Cancel, progress and switches for the
/// optional series. Right: the PlotCanvas, with the summary table and notes beneath it (wide,
/// so each row stays on one line and everything fits 1400 × 800 without scrolling).
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
    /// The switch of an optional series (any of the keys it controls), or nullptr.
    QCheckBox* seriesCheckBox(const QString& seriesKey) const;

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
    void onFinished(const core::Result& result);
    void onFailed(const core::Errors& errors);
    void onCancelled();
    void setRunning(bool running);
    void showResult(const core::Result& result);
    void rebuildSeriesSwitches();
    void fitSummary();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void exportPlot();
    void exportCsv();
    void about();
    void zoomText(int delta);

    const core::Experiment* m_experiment = nullptr;
    ParameterPanel* m_panel = nullptr;
    PlotCanvas* m_canvas = nullptr;
    Runner* m_runner = nullptr;
    QComboBox* m_selector = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QWidget* m_seriesBox = nullptr;
    QVBoxLayout* m_seriesLayout = nullptr;
    QMap<QString, QCheckBox*> m_seriesSwitches;  ///< every controlled key → its switch
    QStringList m_switchSignature;               ///< keys and labels the switches were built for
    QWidget* m_summaryBox = nullptr;
    QLabel* m_experimentHelp = nullptr;
    QTableWidget* m_summary = nullptr;
    QLabel* m_notes = nullptr;
    QLabel* m_lastRun = nullptr;
    QWidget* m_sidebar = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_exportPlotAction = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QString m_lastDir;  ///< folder of the last export
    int m_textZoom = 0;
    bool m_hasResult = false;
};

}  // namespace walklab::ui
