#include "ui/Runner.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

namespace walklab::ui {

Runner::Runner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<core::Result>();
    qRegisterMetaType<core::Errors>();
    // Each run spreads its own work over worker threads; the pool only hosts the calls, one
    // per run, superseded ones included until they notice their cancellation.
    m_pool.setMaxThreadCount(16);
    m_pool.setExpiryTimeout(5000);
    m_progressTimer.setInterval(50);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        if (const Job* job = findJob(m_currentId))
            emit progress(job->control->progress());
    });
}

Runner::~Runner()
{
    m_progressTimer.stop();
    for (Job& job : m_jobs) {
        job.control->cancel();
        job.watcher->disconnect(this);
    }
    for (Job& job : m_jobs) {
        job.watcher->waitForFinished();
        delete job.watcher;
    }
    m_jobs.clear();
}

quint64 Runner::start(const core::Experiment& experiment, const core::ParamSet& params,
                      unsigned threads)
{
    // Supersede the previous run: it is told to stop and its reply will be dropped.
    if (Job* previous = findJob(m_currentId))
        previous->control->cancel();

    const quint64 id = ++m_currentId;
    auto control = std::make_shared<core::RunControl>(threads);
    auto* watcher = new QFutureWatcher<core::Expected<core::Result>>(this);
    m_jobs.push_back(Job{id, control, watcher, false});
    connect(watcher, &QFutureWatcherBase::finished, this, [this, id] { onJobFinished(id); });

    const core::Experiment* exp = &experiment;
    // The lambda owns copies of everything it reads, and a share of the RunControl.
    // An exception escaping run() (a defect) becomes an error: the window stays up and keeps the
    // previous result.
    watcher->setFuture(QtConcurrent::run(&m_pool, [exp, params, control]() -> core::Expected<core::Result> {
        try {
            return exp->run(params, *control);
        } catch (const std::exception& e) {
            return core::fail(core::ErrorKind::Internal, "",
                              "internal error in " + exp->key() + ": " + e.what());
        }
    }));

    emit started();
    emit progress(0.0);
    m_progressTimer.start();
    return id;
}

void Runner::cancel()
{
    if (Job* job = findJob(m_currentId)) {
        job->cancelRequested = true;
        job->control->cancel();
    }
}

bool Runner::isRunning() const
{
    for (const Job& job : m_jobs)
        if (job.id == m_currentId)
            return true;
    return false;
}

Runner::Job* Runner::findJob(quint64 id)
{
    for (Job& job : m_jobs)
        if (job.id == id)
            return &job;
    return nullptr;
}

void Runner::onJobFinished(quint64 id)
{
    const auto it =
        std::find_if(m_jobs.begin(), m_jobs.end(), [id](const Job& j) { return j.id == id; });
    if (it == m_jobs.end())
        return;
    Job job = *it;
    m_jobs.erase(it);
    job.watcher->deleteLater();
    if (id != m_currentId)
        return;  // superseded by a later start(): its reply is not wanted

    m_progressTimer.stop();
    core::Expected<core::Result> outcome = job.watcher->future().result();
    bool wasCancelled = job.cancelRequested;
    if (!outcome)
        for (const auto& e : outcome.error())
            wasCancelled = wasCancelled || e.kind == core::ErrorKind::Cancelled;
    if (wasCancelled) {
        emit cancelled();
    } else if (outcome) {
        emit progress(1.0);
        emit finished(*outcome);
    } else {
        emit failed(outcome.error());
    }
}

}  // namespace walklab::ui

#include "moc_Runner.cpp"
