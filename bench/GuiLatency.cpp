// Latency of the window: from a parameter change to the repainted plot, for the default
// experiment (walk1d with its defaults). Offscreen (QT_QPA_PLATFORM=offscreen): the window is
// shown, a field is changed as a user would (new text + Run, or a slider step where the
// parameter has one), and the clock stops when the canvas has painted the new result. Prints
// one line per change and the median in ms; asserts nothing (a measurement, not a test).
//
// The paint is timed by an event filter that lets the canvas paint inside it: the time after
// QWidget::event(paint) returns is when the new pixels exist.
#include "ui/MainWindow.h"
#include "ui/form/ParameterPanel.h"
#include "ui/plot/PlotCanvas.h"
#include "ui/Runner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QLineEdit>
#include <QSlider>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using walklab::ui::MainWindow;

namespace {

class PaintClock : public QObject {
public:
    explicit PaintClock(QWidget* target) : m_target(target) { target->installEventFilter(this); }

    qint64 lastPaintNs = -1;  ///< end of the latest paint of the target, on `clock`
    QElapsedTimer clock;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched != m_target || event->type() != QEvent::Paint || m_inside)
            return false;
        m_inside = true;
        static_cast<QObject*>(m_target)->event(event);  // paint now (QObject::event is public)
        m_inside = false;
        lastPaintNs = clock.nsecsElapsed();
        return true;
    }

private:
    QWidget* m_target;
    bool m_inside = false;
};

// Waits until a new result has been shown, lets the event loop settle (the canvas replots
// inside setResult or on the next paint event), and returns the end of the latest canvas paint
// in ms since `since`.
double waitForPaint(const PaintClock& paint, qint64 since, const int& shown, int& seen)
{
    while (shown == seen || paint.lastPaintNs < since)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    seen = shown;
    QTest::qWait(50);
    return double(paint.lastPaintNs - since) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    PaintClock paint(window.canvas());
    paint.clock.start();
    int shown = 0, seen = 0;
    qint64 shownAt = 0;  // when the window had updated the canvas, summary and switches
    QObject::connect(&window, &MainWindow::resultShown, &window, [&] {
        ++shown;
        shownAt = paint.clock.nsecsElapsed();
    });
    // The start-up run of the defaults (it may have been shown while the window was exposed).
    while (window.canvas()->result().panels.empty() || window.runner()->isRunning())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QTest::qWait(300);
    seen = shown;

    auto* panel = window.parameterPanel();
    std::vector<double> typed, dragged;
    // Typing: the seed changes (same cost as the defaults), then Run.
    for (int i = 0; i < 9; ++i) {
        QLineEdit* seed = panel->field(QStringLiteral("seed"));
        seed->setText(QString::number(100 + i));
        const qint64 t0 = paint.clock.nsecsElapsed();
        QTest::mouseClick(window.runButton(), Qt::LeftButton);
        typed.push_back(waitForPaint(paint, t0, shown, seen));
        // The canvas paints inside MainWindow's update, before its summary and switches are done.
        std::printf("seed → %d, Run: %.1f ms (the run itself %.1f ms; canvas painted at %.1f ms, the rest "
                    "of the window updated at %.1f ms)\n", 100 + i, typed.back(),
                    1e3 * window.canvas()->result().seconds, typed.back(), double(shownAt - t0) / 1e6);
    }
    // A slider step (if the default experiment has a slider on any field).
    for (const QString& key : panel->keys()) {
        QSlider* slider = panel->slider(key);
        if (!slider)
            continue;
        const int start = slider->value();
        for (int i = 1; i <= 6; ++i) {
            const qint64 t0 = paint.clock.nsecsElapsed();
            slider->setValue(start + (i % 2 ? 1 : -1) * std::min(2, slider->maximum() - start));
            dragged.push_back(waitForPaint(paint, t0, shown, seen));
            std::printf("slider %s step: %.1f ms (the run itself: %.1f ms)\n", qPrintable(key),
                        dragged.back(), 1e3 * window.canvas()->result().seconds);
        }
        break;
    }
    // Where the time goes: the replot (QCustomPlot layout and raster drawing) of the shown result.
    std::vector<double> replots;
    for (int i = 0; i < 5; ++i) {
        const qint64 t0 = paint.clock.nsecsElapsed();
        window.canvas()->replot(QCustomPlot::rpImmediateRefresh);
        replots.push_back(double(paint.clock.nsecsElapsed() - t0) / 1e6);
    }
    std::printf("replot + repaint of the shown result alone: median %.1f ms\n", median(replots));
    std::printf("median latency, typed change: %.1f ms\n", median(typed));
    if (!dragged.empty())
        std::printf("median latency, slider step: %.1f ms\n", median(dragged));
    return 0;
}
