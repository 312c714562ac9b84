// A long headless run: a progress line on a terminal (and nothing on a pipe), and Ctrl+C
// (SIGINT) cancels it cleanly: "cancelled", exit 1, no file written.
#include "CliHarness.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

/// About 3 s on two threads: the tracked walkers (MSD and return curves) walk 10^8 steps each.
const QStringList kLong{"--steps", "100000000", "--walkers", "100000", "--print"};

struct TerminalRun {
    int exitCode = -1;
    QByteArray output;  ///< stdout and stderr as the terminal received them
};

/// Runs walklab with `args` on a pseudo-terminal (its stdout and stderr) and reads all it writes.
TerminalRun onTerminal(const QStringList& args)
{
    TerminalRun run;
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        return run;
    if (pid == 0) {
        unsetenv("DISPLAY");
        unsetenv("WAYLAND_DISPLAY");
        unsetenv("QT_QPA_PLATFORM");
        std::vector<QByteArray> bytes{QByteArray(WALKLAB_BINARY)};
        for (const QString& a : args)
            bytes.push_back(a.toUtf8());
        std::vector<char*> argv;
        for (QByteArray& b : bytes)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    char buffer[4096];
    for (ssize_t n; (n = read(master, buffer, sizeof buffer)) > 0;)  // EIO once the child has gone
        run.output.append(buffer, n);
    close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace

class ProgressAndCancelTest : public QObject, public walklab::test::CliHarness {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(QStringLiteral(WALKLAB_BINARY)), WALKLAB_BINARY); }

    void progressLineOnATerminal()
    {
        const TerminalRun run = onTerminal(kLong);
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.output);
        // Rewritten in place: carriage returns, the experiment, percent, elapsed, the rest.
        QVERIFY2(text.startsWith("\rwalk1d: ") && text.contains(" % · ") && text.contains(" s elapsed · "),
                 qPrintable(text.left(300)));
        QVERIFY2(text.contains(" left") || text.contains("estimating the rest"), qPrintable(text.left(300)));
        // Cleared (blanked, back to the line start) before the summary is printed.
        const qsizetype summary = text.indexOf("1D random walk (walk1d): ");
        QVERIFY(summary > 0);
        QVERIFY2(text.left(summary).endsWith(QString(40, ' ') + '\r'), qPrintable(text.left(summary).right(80)));
        QVERIFY(text.contains("walk1d: done in "));
    }

    // Also: on a pipe, two seconds of run leave no progress noise on stderr.
    void ctrlCCancelsCleanly()
    {
        const QString png = path("cancelled.png"), csv = path("cancelled.csv");
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        process.setProcessEnvironment(env);
        // Over a minute if it were not cancelled.
        process.start(QStringLiteral(WALKLAB_BINARY), {"--steps", "1000000000", "--walkers", "1000000000",
                                                       "--export", png, "--csv", csv});
        QVERIFY(process.waitForStarted());
        QTest::qWait(2000);  // well into the run
        QCOMPARE(process.state(), QProcess::Running);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(20000));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));  // stops within seconds
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QStringLiteral("walklab: cancelled\n"));
        QVERIFY(!QFile::exists(png));
        QVERIFY(!QFile::exists(csv));
        QCOMPARE(QDir(directory().path()).entryList(QDir::Files), QStringList());  // no temporary file left
    }
};

QTEST_GUILESS_MAIN(ProgressAndCancelTest)
#include "ProgressAndCancelTest.moc"
