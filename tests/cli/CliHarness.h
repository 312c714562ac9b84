// Shared by the command-line test suites: runs the real walklab binary headless (no DISPLAY,
// no QT_QPA_PLATFORM: walklab must choose the offscreen platform itself) in a temporary
// folder, and reads the files it writes.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace walklab::test {

/// The last line on stderr of every refused request (bad arguments, or a run refused as too large).
inline const QString kHelpHint = QStringLiteral("Try 'walklab --help' for the options, experiments and parameters.\n");

struct Outcome {
    int exitCode = -1;  ///< -1 when walklab crashed or took over a minute
    QString out, err;
};

class CliHarness {
public:
    const QTemporaryDir& directory() const { return m_dir; }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// Runs walklab with `args` in the temporary folder and waits up to a minute.
    Outcome walklab(const QStringList& args)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral(WALKLAB_BINARY), args);
        Outcome o;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return o;
        }
        o.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        o.out = QString::fromUtf8(process.readAllStandardOutput());
        o.err = QString::fromUtf8(process.readAllStandardError());
        return o;
    }

    QByteArray readAll(const QString& file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    /// Rows of a CSV file, each split at commas (header first).
    QList<QStringList> readCsv(const QString& file)
    {
        QList<QStringList> rows;
        for (const QByteArray& line : readAll(file).split('\n'))
            if (!line.isEmpty())
                rows << QString::fromUtf8(line).split(',');
        return rows;
    }

private:
    QTemporaryDir m_dir;
};

}  // namespace walklab::test
