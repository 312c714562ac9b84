// The live mode: the replay of a Result's event timeline (LiveReplay) and its view
// (LiveModeView), on synthetic Results whose every event is known.
#include "ui/live/LiveModeView.h"
#include "ui/live/LiveReplay.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using walklab::ui::LiveModeView;
using walklab::ui::LiveReplay;
namespace core = walklab::core;

namespace {

constexpr double kMean = 2.0;

/// P(N = k) for N ~ Poisson(kMean): e^−μ μ^k / k!.
double poissonPmf(int k)
{
    return std::exp(-kMean + k * std::log(kMean) - std::lgamma(k + 1.0));
}

/// Four realisations on [0, 10] in the layout of the poisson experiment (one Points series,
/// x = time, y = realisation): 1 has events at 0.7, 2.5, 6 (given out of order), 2 at 9.9,
/// 3 none, 4 at 1, 3, 4. The counts panel holds Poisson(2) for k = 0 … 12.
core::Result timelineResult(bool declareRange = true)
{
    core::Panel timeline;
    timeline.key = "timeline";
    timeline.xLabel = "Time t (hours)";
    timeline.x = {2.5, 0.7, 6.0, 9.9, 1.0, 3.0, 4.0};
    core::Series dots;
    dots.key = "realisation";
    dots.style = core::SeriesStyle::Points;
    dots.y = {1, 1, 1, 2, 4, 4, 4};
    timeline.series = {dots};
    if (declareRange) {
        timeline.xFrom = 0;
        timeline.xTo = 10;
        timeline.yFrom = 1;
        timeline.yTo = 4;
    }
    core::Panel counts;
    counts.key = "counts";
    counts.xLabel = "Number of births N(T)";
    core::Series exact;
    exact.key = "exact";
    exact.style = core::SeriesStyle::Points;
    for (int k = 0; k <= 12; ++k) {
        counts.x.push_back(k);
        exact.y.push_back(poissonPmf(k));
    }
    core::Series simulated;  // a Bars series first: the law is the one named "exact"
    simulated.key = "simulated";
    simulated.style = core::SeriesStyle::Bars;
    simulated.y.assign(counts.x.size(), 0.5);
    counts.series = {simulated, exact};
    core::Result r;
    r.experiment = "synthetic";
    r.panels = {timeline, counts};
    return r;
}

/// The status line with its non-breaking spaces as plain ones.
QString status(const LiveModeView& view)
{
    return view.statusLabel()->text().replace(QChar(0x00A0), ' ');
}

std::vector<double> barValues(QCPBars* bars)
{
    std::vector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        v.push_back(it->value);
    return v;
}

std::vector<double> barKeys(QCPBars* bars)
{
    std::vector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        v.push_back(it->key);
    return v;
}

}  // namespace

class LiveModeTest : public QObject {
    Q_OBJECT

private slots:
    void replayReadsTheTimeline()
    {
        const auto replay = LiveReplay::fromResult(timelineResult());
        QVERIFY(replay);
        QCOMPARE(replay->realisations().size(), std::size_t(4));
        QCOMPARE(replay->realisations()[0].number, 1);
        QCOMPARE(replay->realisations()[0].arrivals, (std::vector<double>{0.7, 2.5, 6.0}));
        QCOMPARE(replay->realisations()[1].arrivals, std::vector<double>{9.9});
        QVERIFY(replay->realisations()[2].arrivals.empty());  // declared, without events
        QCOMPARE(replay->realisations()[3].arrivals, (std::vector<double>{1, 3, 4}));
        QCOMPARE(replay->windowStart(), 0.0);
        QCOMPARE(replay->windowEnd(), 10.0);
        QCOMPARE(replay->lawK().size(), std::size_t(13));
        QCOMPARE(replay->lawP()[0], std::exp(-kMean));
        QCOMPARE(replay->shownTotal(), std::size_t(0));
        QVERIFY(!replay->finished());

        QVERIFY(!LiveReplay::fromResult(core::Result{}));  // no timeline, no replay
    }

    void replayWithoutDeclaredRange()
    {
        // Rows are those with events, and the window ends at the last one.
        const auto replay = LiveReplay::fromResult(timelineResult(false));
        QVERIFY(replay);
        QCOMPARE(replay->realisations().size(), std::size_t(3));
        QCOMPARE(replay->realisations()[2].number, 4);
        QCOMPARE(replay->windowEnd(), 9.9);
    }

    void replayOfParametricSeries()
    {
        // Another layout: x = event index, times in a coordinate series, rows drawn over it
        // (xOf); NaN pads the shorter row.
        core::Panel timeline;
        timeline.key = "timeline";
        timeline.x = {1, 2};
        timeline.xFrom = 0;
        timeline.xTo = 1;
        auto series = [](const char* key, std::vector<double> y, const char* xOf) {
            core::Series s;
            s.key = key;
            s.style = core::SeriesStyle::Points;
            s.y = std::move(y);
            s.xOf = xOf;
            s.coordinate = *xOf == '\0';
            return s;
        };
        timeline.series = {series("t1", {0.5, 0.25}, ""), series("row1", {1, 1}, "t1"),
                           series("t2", {0.75, std::nan("")}, ""), series("row2", {2, 2}, "t2")};
        core::Result r;
        r.panels = {timeline};
        const auto replay = LiveReplay::fromResult(r);
        QVERIFY(replay);
        QCOMPARE(replay->realisations().size(), std::size_t(2));
        QCOMPARE(replay->realisations()[0].arrivals, (std::vector<double>{0.25, 0.5}));
        QCOMPARE(replay->realisations()[1].arrivals, std::vector<double>{0.75});
        QVERIFY(replay->lawK().empty());
    }

    void stepShowsOneEventAtATime()
    {
        auto replay = *LiveReplay::fromResult(timelineResult());
        const double times[] = {0.7, 2.5, 6.0};
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(replay.step());
            QCOMPARE(replay.shownTotal(), i + 1);
            QCOMPARE(replay.shown(0), i + 1);
            QCOMPARE(replay.clock(), times[i]);
            QVERIFY(replay.tally().empty());
        }
        QVERIFY(replay.step());  // no event left: realisation 1 ends with 3 events
        QCOMPARE(replay.current(), std::size_t(1));
        QCOMPARE(replay.clock(), 0.0);
        QCOMPARE(replay.tally(), (std::vector<int>{0, 0, 0, 1}));
        QCOMPARE(replay.shown(0), std::size_t(3));
        QCOMPARE(replay.shown(1), std::size_t(0));

        QVERIFY(replay.step());  // realisation 2: 9.9, then its end
        QCOMPARE(replay.clock(), 9.9);
        QVERIFY(replay.step());
        QVERIFY(replay.step());  // realisation 3 has nothing: one step ends it
        QCOMPARE(replay.tally(), (std::vector<int>{1, 1, 0, 1}));
        for (int i = 0; i < 4; ++i)
            QVERIFY(replay.step());
        QVERIFY(replay.finished());
        QVERIFY(!replay.step());
        QCOMPARE(replay.tally(), (std::vector<int>{1, 1, 0, 2}));
        QCOMPARE(replay.shownTotal(), std::size_t(7));

        replay.reset();
        QCOMPARE(replay.current(), std::size_t(0));
        QCOMPARE(replay.shownTotal(), std::size_t(0));
        QVERIFY(replay.tally().empty());
    }

    void advanceRunsTheClockAcrossRealisations()
    {
        auto replay = *LiveReplay::fromResult(timelineResult());
        replay.advance(5);
        QCOMPARE(replay.current(), std::size_t(0));
        QCOMPARE(replay.clock(), 5.0);
        QCOMPARE(replay.shown(0), std::size_t(2));  // 0.7 and 2.5, not yet 6
        replay.advance(-1);
        replay.advance(std::nan(""));
        QCOMPARE(replay.clock(), 5.0);
        replay.advance(5);  // exactly to the end: realisation 1 is over
        QCOMPARE(replay.current(), std::size_t(1));
        QCOMPARE(replay.clock(), 0.0);
        replay.advance(23.5);  // through 2 and 3, into 4 up to t = 3.5
        QCOMPARE(replay.current(), std::size_t(3));
        QCOMPARE(replay.clock(), 3.5);
        QCOMPARE(replay.shown(3), std::size_t(2));
        QCOMPARE(replay.tally(), (std::vector<int>{1, 1, 0, 1}));
        replay.advance(1e9);
        QVERIFY(replay.finished());
        QCOMPARE(replay.clock(), 10.0);
        QCOMPARE(std::accumulate(replay.tally().begin(), replay.tally().end(), 0), 4);
    }

    void viewStepsAndResets()
    {
        LiveModeView view;
        view.setResult(timelineResult());
        QVERIFY(view.available());
        QVERIFY(view.playButton()->isEnabled());
        QVERIFY(view.stepButton()->isEnabled());
        QVERIFY(status(view).contains("Realisation 1 of 4"));

        for (int i = 0; i < 3; ++i)
            QTest::mouseClick(view.stepButton(), Qt::LeftButton);
        QCOMPARE(view.replay()->shownTotal(), std::size_t(3));
        QCOMPARE(view.eventPoints()->data()->size(), 2);  // the third is the highlighted newest
        QVERIFY(status(view).contains("N(t) = 3"));
        // The time has its unit, and a narrow window can break the line only between its parts.
        QVERIFY2(status(view).contains("t = 6.00 hours"), qPrintable(status(view)));
        for (const QString& part : view.statusLabel()->text().split(QStringLiteral("   ·   ")))
            QVERIFY2(!part.contains(' '), qPrintable(part));
        QVERIFY(barValues(view.tallyBars()).empty());
        QVERIFY(view.expectedPoints()->data()->isEmpty());  // nothing finished, nothing expected

        QTest::mouseClick(view.stepButton(), Qt::LeftButton);  // realisation 1 ends: 3 events
        QCOMPARE(barKeys(view.tallyBars()), std::vector<double>{3});
        QCOMPARE(barValues(view.tallyBars()), std::vector<double>{1});
        QCOMPARE(view.expectedPoints()->data()->size(), 13);
        QCOMPARE(view.expectedPoints()->data()->at(2)->value, poissonPmf(2));  // 1 · P(N = 2)
        QVERIFY(status(view).contains("Realisation 2 of 4"));

        QTest::mouseClick(view.resetButton(), Qt::LeftButton);
        QCOMPARE(view.replay()->shownTotal(), std::size_t(0));
        QVERIFY(barValues(view.tallyBars()).empty());
        QVERIFY(view.expectedPoints()->data()->isEmpty());
        QVERIFY(status(view).contains("Realisation 1 of 4"));
    }

    void viewPlaysToTheEnd()
    {
        LiveModeView view;
        view.setResult(timelineResult());
        view.setSecondsPerRealisation(0.5);
        QVERIFY(std::abs(view.secondsPerRealisation() - 0.5) < 1e-9);
        QTest::mouseClick(view.playButton(), Qt::LeftButton);
        QVERIFY(view.isPlaying());
        QCOMPARE(view.playButton()->text(), QStringLiteral("Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(view.replay()->shownTotal() > 0, 3000);
        // Four realisations of 0.5 s each.
        QTRY_VERIFY_WITH_TIMEOUT(view.replay()->finished(), 6000);
        QVERIFY(!view.isPlaying());
        QCOMPARE(view.playButton()->text(), QStringLiteral("Play"));
        QVERIFY(!view.stepButton()->isEnabled());
        QCOMPARE(barKeys(view.tallyBars()), (std::vector<double>{0, 1, 3}));
        QCOMPARE(barValues(view.tallyBars()), (std::vector<double>{1, 1, 2}));
        QCOMPARE(view.expectedPoints()->data()->at(3)->value, 4 * poissonPmf(3));
        QVERIFY(view.statusLabel()->text().contains("All 4 realisations done: 7 events"));

        // Play again starts over.
        QTest::mouseClick(view.playButton(), Qt::LeftButton);
        QVERIFY(view.isPlaying());
        QVERIFY(!view.replay()->finished());
        QTest::mouseClick(view.playButton(), Qt::LeftButton);  // pause
        QVERIFY(!view.isPlaying());
        const std::size_t paused = view.replay()->shownTotal();
        const double clock = view.replay()->clock();
        QTest::qWait(200);
        QCOMPARE(view.replay()->shownTotal(), paused);
        QCOMPARE(view.replay()->clock(), clock);
    }

    void dotsFitTheirRows()
    {
        // Twenty rows in a short plot: a dot, the newest one too, is never taller than a row is
        // high, so neighbouring rows stay apart; in a tall plot they are as large as before.
        core::Result result = timelineResult();
        core::Panel& timeline = result.panels[0];
        timeline.yTo = 20;
        for (int row = 5; row <= 20; ++row) {
            timeline.x.push_back(0.5 * row);
            timeline.series[0].y.push_back(row);
        }
        LiveModeView view;
        view.setResult(result);
        auto rowPixels = [&view] {
            QCPAxis* rows = view.plot()->axisRects().front()->axis(QCPAxis::atLeft);
            return std::abs(rows->coordToPixel(2) - rows->coordToPixel(1));
        };
        for (const QSize size : {QSize(1000, 600), QSize(1000, 1400)}) {
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            for (int i = 0; i < 6; ++i)
                view.step();
            view.plot()->replot();
            const double row = rowPixels();
            const double dot = view.eventPoints()->scatterStyle().size();
            QVERIFY2(1.5 * dot <= row, qPrintable(QStringLiteral("%1 px dots, %2 px rows").arg(dot).arg(row)));
            QVERIFY(dot >= 4);
            if (size.height() == 1400)
                QCOMPARE(dot, 13.0);  // room enough: the full size
        }
    }

    void histogramRangeStaysPut()
    {
        // The count axis runs from 0 to mean + 4 sd of the exact law (2 + 4√2 → 8), whatever the
        // realisation in progress has counted so far, so the bars never jump and the orange
        // "this realisation" bar is never cut.
        LiveModeView view;
        view.setResult(timelineResult());
        QCPAxis* k = view.plot()->axisRects().back()->axis(QCPAxis::atBottom);
        const QCPRange range = k->range();
        QCOMPARE(range.lower, -0.7);
        QCOMPARE(range.upper, 8.7);
        while (!view.replay()->finished()) {
            view.step();
            QCOMPARE(k->range(), range);
        }
        // A count beyond it widens it: realisation 1 with 12 events.
        core::Result many = timelineResult();
        for (int i = 0; i < 9; ++i) {
            many.panels[0].x.push_back(7 + 0.1 * i);
            many.panels[0].series[0].y.push_back(1);
        }
        view.setResult(many);
        for (int i = 0; i < 12; ++i)
            view.step();
        QCOMPARE(k->range().lower, -0.7);
        QCOMPARE(k->range().upper, 12.7);
    }

    void legendIsBeneathTheHistogram()
    {
        // The legend never covers the bars, however high they grow: it is beneath the
        // histogram, whole, in as many columns as the width holds.
        for (const QSize size : {QSize(1000, 700), QSize(520, 600)}) {
            LiveModeView view;
            view.setResult(timelineResult());
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            while (!view.replay()->finished())
                view.step();
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
            QCPAxisRect* counts = view.plot()->axisRects().back();
            const QList<QCPLegend*> legends = view.plot()->findChildren<QCPLegend*>();
            const auto found = std::find_if(legends.begin(), legends.end(), [](QCPLegend* l) { return l->itemCount() >= 3; });
            QVERIFY(found != legends.end());
            const QRect box = (*found)->outerRect();
            QVERIFY(box.top() > counts->outerRect().bottom() - 2);
            QVERIFY(view.plot()->viewport().contains(box));
            QCOMPARE((*found)->wrap() == 3, size.width() == 1000);
            int entries = 0;
            for (int i = 0; i < (*found)->itemCount(); ++i) {  // each entry whole
                QCPAbstractLegendItem* item = (*found)->item(i);
                if (!item)
                    continue;  // an empty cell after the last entry
                ++entries;
                QVERIFY(box.contains(item->outerRect()));
                QVERIFY(item->outerRect().width() >= item->minimumOuterSizeHint().width());
            }
            QCOMPARE(entries, 3);
        }
    }

    void noRealisationSaysWhatIsNeeded()
    {
        // paths = 0: nothing to replay, and the status says what to change (not "Play to watch
        // again" beside a disabled Play).
        core::Result result = timelineResult();
        result.panels[0].x.clear();
        result.panels[0].series[0].y.clear();
        result.panels[0].yTo = 0;
        LiveModeView view;
        view.setResult(result);
        QVERIFY(view.available());
        QVERIFY(!view.playButton()->isEnabled());
        QVERIFY2(view.statusLabel()->text().contains("Paths shown to 1 or more"), qPrintable(view.statusLabel()->text()));
    }

    void speedSlider()
    {
        LiveModeView view;
        QSlider* speed = view.speedSlider();
        speed->setValue(speed->maximum());
        QCOMPARE(view.secondsPerRealisation(), 0.5);  // right = fast
        speed->setValue(speed->minimum());
        QCOMPARE(view.secondsPerRealisation(), 60.0);
        view.setSecondsPerRealisation(5);
        QVERIFY(std::abs(view.secondsPerRealisation() / 5 - 1) < 0.01);
    }

    void resultChangesUnderneath()
    {
        LiveModeView view;
        view.setResult(core::Result{});  // nothing to play
        QVERIFY(!view.available());
        QVERIFY(!view.playButton()->isEnabled());
        QVERIFY(!view.stepButton()->isEnabled());
        view.play();
        view.step();
        view.reset();
        QVERIFY(!view.isPlaying());

        view.setResult(timelineResult());
        view.setSecondsPerRealisation(0.5);
        view.play();
        QTRY_VERIFY_WITH_TIMEOUT(view.replay()->shownTotal() > 0, 3000);
        // A new result while playing: it plays on, from the start of the new timeline.
        core::Result other = timelineResult();
        other.panels[0].yTo = 2;  // realisations 1 and 2 only
        view.setResult(other);
        QVERIFY(view.isPlaying());
        QCOMPARE(view.replay()->realisations().size(), std::size_t(2));
        QVERIFY(view.replay()->tally().empty());
        // A result without a timeline stops it.
        view.setResult(core::Result{});
        QVERIFY(!view.isPlaying());
        QVERIFY(!view.available());
        QTest::qWait(100);  // no tick may touch the old replay
        view.setResult(other);
        QVERIFY(!view.isPlaying());
        QVERIFY(!view.replay()->finished());
    }
};

QTEST_MAIN(LiveModeTest)
#include "LiveModeTest.moc"
