// The walklab command line: options generated from the experiment schema, and headless runs.
#pragma once

#include "core/experiment/Experiment.h"

#include <QCommandLineOption>
#include <QList>
#include <QMap>
#include <QStringList>

namespace walklab::app {

inline constexpr const char* kVersion = "0.1.0";

/// Exit codes of walklab.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,  ///< the run or writing an output failed
    kExitUsage = 2,    ///< bad option, parameter, view, size or file extension
};

/// Parses and checks everything before any work is done, so that a bad argument never
/// leaves an output file behind; then runs headless or hands over to the GUI.
class CommandLine {
public:
    CommandLine();

    /// Parses `arguments` (program name first). Prints help, version or errors itself.
    /// Returns an exit code when walklab should stop now, or -1 to go on with run() or the GUI.
    int parse(const QStringList& arguments);

    /// True when no window is wanted: --export, --csv or --print was given.
    bool headless() const { return m_headless; }

    /// Runs the experiment and writes the outputs (after a successful parse() in headless
    /// mode). Returns the exit code.
    int run();

    /// For the GUI: the chosen experiment, and the parameters given on the command line.
    const core::Experiment* experiment() const { return m_experiment; }
    bool experimentGiven() const { return m_experimentGiven; }
    const core::ParamSet& params() const { return m_params; }
    /// The views named by --view ("all" expanded), or empty when it was not given.
    QStringList views() const { return m_viewsGiven ? m_imageViews : QStringList(); }

    /// The full --help text: options, then every experiment with its views and parameters.
    QString helpText() const;

private:
    struct ParamOption {
        QString name;                       ///< option name, without dashes
        QMap<QString, QString> keyByExperiment;  ///< experiment key → ParamSpec key
    };

    QString describeOptions() const;
    QString describeExperiments() const;
    /// Prints "walklab: <message>" on stderr and counts it.
    void error(const QString& message);
    /// Ends the messages of a refused request with the hint to --help; returns kExitUsage.
    static int refuse();
    /// Sets the image size from the number of views: 800 × 700 per panel, two panels per row,
    /// times the scale.
    void defaultImageSize();
    /// Checks that the views named by --view have data in `result`, and leaves out of the
    /// default views (and of --view all) those that have none, saying so on stderr when an
    /// image is asked for. False (the reasons printed) when the request cannot be met.
    bool checkViews(const core::Result& result);

    QList<QCommandLineOption> m_builtin;
    QList<ParamOption> m_paramOptions;
    QList<QCommandLineOption> m_options;  ///< everything registered with the parser, in help order

    // The request, once parsed.
    const core::Experiment* m_experiment = nullptr;
    bool m_experimentGiven = false;
    core::ParamSet m_params;
    QStringList m_imageViews;  ///< views drawn by --export: --view, else the default views
    bool m_viewsGiven = false;  ///< --view was given: the window shows m_imageViews too
    bool m_allViews = false;    ///< --view all: drop the panels a result leaves empty
    bool m_sizeGiven = false;   ///< --width or --height was given
    QString m_csvView;
    bool m_csvViewChosen = true;  ///< false: m_csvView is the default, not named by --view
    QString m_exportPath, m_csvPath;
    int m_width = 0, m_height = 0;
    double m_scale = 1;  ///< --scale: PNG and JPG laid out at width/scale × height/scale
    unsigned m_threads = 0;
    bool m_print = false;
    bool m_headless = false;
    int m_errors = 0;
};

}  // namespace walklab::app
