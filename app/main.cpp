// walklab: the WalkLab window, or a headless run when files or a summary are asked for.
#include "app/CommandLine.h"
#include "ui/MainWindow.h"
#include "ui/form/ParameterPanel.h"

#include <QApplication>

#include <cstdio>

namespace {

QtMessageHandler g_defaultHandler = nullptr;

/// Drops Qt's notice about a missing XDG_RUNTIME_DIR (usual in containers and CI, harmless
/// here), so that stderr carries only walklab's own messages; everything else goes through.
void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_defaultHandler(type, context, message);
}

bool haveDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

/// Opens the main window, with the experiment, parameters and views given on the command line.
int runGui(QApplication& app, const walklab::app::CommandLine& cli)
{
    walklab::ui::MainWindow window;
    if (cli.experimentGiven() && cli.experiment() && window.experiment() != cli.experiment())
        window.selectExperiment(QString::fromStdString(cli.experiment()->key()));
    if (!cli.views().isEmpty())
        window.setChosenViews(cli.views());  // checked against the experiment by parse()
    if (!cli.params().empty()) {
        window.parameterPanel()->setParams(cli.params());
        window.runNow();
    }
    window.show();
    return app.exec();
}

}  // namespace

int main(int argc, char** argv)
{
    // Without a display the offscreen platform is used (unless one was chosen), so that
    // --help, argument errors and headless runs work; this must be decided before
    // QApplication exists. Only the window then refuses to start.
    g_defaultHandler = qInstallMessageHandler(messageHandler);
    bool forcedOffscreen = false;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !haveDisplay()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        forcedOffscreen = true;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("walklab"));
    QApplication::setOrganizationName(QStringLiteral("WalkLab"));
    QApplication::setApplicationVersion(QString::fromLatin1(walklab::app::kVersion));

    walklab::app::CommandLine cli;
    if (const int code = cli.parse(QApplication::arguments()); code >= 0)
        return code;
    if (cli.headless())
        return cli.run();
    if (forcedOffscreen) {
        std::fputs("walklab: no display (DISPLAY and WAYLAND_DISPLAY are unset); use --export, "
                   "--csv or --print to run without a window\n",
                   stderr);
        return walklab::app::kExitUsage;
    }
    return runGui(app, cli);
}
