// Runs an Experiment off the GUI thread; the latest request wins.
#pragma once

#include "core/experiment/Experiment.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <list>
#include <memory>

Q_DECLARE_METATYPE(walklab::core::Result)
Q_DECLARE_METATYPE(walklab::core::Errors)

namespace walklab::ui {

/// Runs core::Experiment::run on a thread pool of its own (QtConcurrent::run) and reports back
/// on the GUI thread.
///
/// Latest request wins: every start() gets a larger id and cancels the run before it; the
/// reply of a superseded run is dropped, so finished(), failed() and cancelled() always
/// concern the most recent start(). While the latest run is active, progress() is emitted
/// about every 50 ms. The destructor cancels every run and waits for it.
class Runner : public QObject {
    Q_OBJECT
public:
    explicit Runner(QObject* parent = nullptr);
    ~Runner() override;

    /// Starts `experiment` (which must outlive the run; registry experiments do) with `params`
    /// on `threads` worker threads (0 = all). Returns the id of the new run.
    quint64 start(const core::Experiment& experiment, const core::ParamSet& params,
                  unsigned threads = 0);
    /// Asks the latest run to stop; cancelled() follows once it has.
    void cancel();

    /// Is the latest run still going?
    bool isRunning() const;
    /// Id of the latest start() (0 before the first).
    quint64 currentId() const { return m_currentId; }
    /// Runs whose thread has not returned yet, superseded ones included.
    int pendingCount() const { return int(m_jobs.size()); }

signals:
    void started();
    void progress(double fraction);
    void finished(const walklab::core::Result& result);
    void failed(const walklab::core::Errors& errors);
    void cancelled();

private:
    struct Job {
        quint64 id = 0;
        std::shared_ptr<core::RunControl> control;
        QFutureWatcher<core::Expected<core::Result>>* watcher = nullptr;
        bool cancelRequested = false;
    };

    void onJobFinished(quint64 id);
    Job* findJob(quint64 id);

    std::list<Job> m_jobs;
    quint64 m_currentId = 0;
    QTimer m_progressTimer;
    /// Own pool, so a new run never queues behind superseded runs that are still stopping,
    /// nor behind other users of the global pool. Declared last: destroyed (joined) first.
    QThreadPool m_pool;
};

}  // namespace walklab::ui
