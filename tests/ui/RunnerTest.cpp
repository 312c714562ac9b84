// Runner: off-thread runs, progress, cancellation and latest-request-wins.
#include "core/experiment/Registry.h"
#include "ui/Runner.h"

#include <QSignalSpy>
#include <QTest>

using walklab::ui::Runner;
namespace core = walklab::core;

namespace {

const core::Experiment& walk1d() { return *core::findExperiment("walk1d"); }

const core::ParamSet kSmall{{"steps", "50"}, {"walkers", "20000"}, {"seed", "3"}};
// 10^15 steps: far longer than any test, so it only ends by cancellation (10^11 steps of the
// symmetric walk take 0.3 s).
const core::ParamSet kHuge{{"steps", "1e9"}, {"walkers", "1e6"}, {"paths", "0"}, {"seed", "4"}};

std::string endpointTitle(const core::Result& r)
{
    const core::Panel* p = r.find("endpoint");
    return p ? p->title : std::string();
}

}  // namespace

class RunnerTest : public QObject {
    Q_OBJECT
private slots:
    void runsAndFinishes()
    {
        Runner runner;
        QSignalSpy started(&runner, &Runner::started);
        QSignalSpy finished(&runner, &Runner::finished);
        QSignalSpy failed(&runner, &Runner::failed);
        QSignalSpy progress(&runner, &Runner::progress);
        const quint64 id = runner.start(walk1d(), kSmall);
        QCOMPARE(id, runner.currentId());
        QCOMPARE(started.count(), 1);
        QVERIFY(runner.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!runner.isRunning());
        QCOMPARE(runner.pendingCount(), 0);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);
        const auto result = finished.at(0).at(0).value<core::Result>();
        QCOMPARE(result.experiment, std::string("walk1d"));
        QVERIFY(result.find("endpoint"));
    }

    void invalidParametersFail()
    {
        Runner runner;
        QSignalSpy finished(&runner, &Runner::finished);
        QSignalSpy failed(&runner, &Runner::failed);
        runner.start(walk1d(), {{"steps", "0"}});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(finished.count(), 0);
        const auto errors = failed.at(0).at(0).value<core::Errors>();
        QVERIFY(!errors.empty());
        QCOMPARE(errors.front().parameter, std::string("steps"));
    }

    void cancelStopsALongRun()
    {
        Runner runner;
        QSignalSpy finished(&runner, &Runner::finished);
        QSignalSpy cancelled(&runner, &Runner::cancelled);
        QSignalSpy progress(&runner, &Runner::progress);
        runner.start(walk1d(), kHuge);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 10000);  // the timer reports while it runs
        QVERIFY(runner.isRunning());
        runner.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 20000);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!runner.isRunning());
        QCOMPARE(runner.pendingCount(), 0);
    }

    void latestRequestWins()
    {
        Runner runner;
        QSignalSpy finished(&runner, &Runner::finished);
        QSignalSpy cancelled(&runner, &Runner::cancelled);
        QSignalSpy failed(&runner, &Runner::failed);
        const quint64 first = runner.start(walk1d(), kHuge);
        const quint64 second = runner.start(walk1d(), kSmall);
        QVERIFY(second > first);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingCount(), 0, 20000);  // the first has returned too
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(cancelled.count(), 0);  // the superseded run's cancellation is not reported
        QCOMPARE(failed.count(), 0);
        const auto result = finished.at(0).at(0).value<core::Result>();
        QCOMPARE(endpointTitle(result), std::string("Endpoint distribution after n = 50 steps"));
    }

    void latestRequestWinsBetweenShortRuns()
    {
        // Both runs may complete; only the second reply is delivered.
        Runner runner;
        QSignalSpy finished(&runner, &Runner::finished);
        runner.start(walk1d(), {{"steps", "30"}, {"walkers", "1000"}});
        runner.start(walk1d(), {{"steps", "40"}, {"walkers", "1000"}});
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingCount(), 0, 30000);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(endpointTitle(finished.at(0).at(0).value<core::Result>()),
                 std::string("Endpoint distribution after n = 40 steps"));
    }

    void destructorCancelsAndWaits()
    {
        QElapsedTimer clock;
        clock.start();
        {
            Runner runner;
            runner.start(walk1d(), kHuge);
            QTest::qWait(100);
        }
        QVERIFY2(clock.elapsed() < 20000, "the destructor should cancel, not run to the end");
    }
};

QTEST_MAIN(RunnerTest)
#include "RunnerTest.moc"
