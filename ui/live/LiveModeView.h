// The live mode for class: events appear one by one and the count histogram grows with them.
#pragma once

#include "ui/live/LiveReplay.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemLine;
class QCPLegend;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSlider;

namespace walklab::ui {

/// Replays the event timeline of a Result (see LiveReplay) for a class on a projector: above,
/// one row per realisation fills up from the start of the window to its end while its events
/// appear at their times; below, the histogram of the number of events per finished
/// realisation grows, beside the expected numbers n · P(N = k) from the Result's exact law,
/// and the realisation in progress is stacked on it as it counts up, on a count axis that stays
/// put (0 to mean + 4 sd of the exact law, wider only for a count beyond); event dots are
/// sized to the rows on screen. Buttons Play / Pause,
/// Step (one event), Reset, and a speed slider (seconds one realisation takes on screen,
/// 0.5 … 60, logarithmic); large type. A QTimer drives the clock from the event loop, so the
/// window stays responsive; each tick moves it by the real time elapsed.
class LiveModeView : public QWidget {
    Q_OBJECT
public:
    explicit LiveModeView(QWidget* parent = nullptr);

    /// Replays the timeline of `result` (copied) from its start; keeps playing if it was.
    /// Without a timeline there is nothing to play: the controls are disabled.
    void setResult(const core::Result& result);
    /// Whether the last result had a timeline.
    bool available() const { return m_replay.has_value(); }
    /// The replay state (nullptr when not available()).
    const LiveReplay* replay() const { return m_replay ? &*m_replay : nullptr; }

    bool isPlaying() const { return m_timer.isActive(); }
    void play();
    void pause();
    /// Pauses and shows the next event (or ends the realisation: LiveReplay::step).
    void step();
    /// Pauses and starts over with an empty histogram.
    void reset();

    /// On-screen duration of one realisation, in seconds (0.5 … 60).
    double secondsPerRealisation() const;
    void setSecondsPerRealisation(double seconds);

    // For tests and screenshots.
    QPushButton* playButton() const { return m_play; }
    QPushButton* stepButton() const { return m_step; }
    QPushButton* resetButton() const { return m_reset; }
    QSlider* speedSlider() const { return m_speed; }
    QLabel* statusLabel() const { return m_status; }
    QCustomPlot* plot() const { return m_plot; }
    /// The bars of the finished realisations' counts: what the histogram shows.
    QCPBars* tallyBars() const { return m_tallyBars; }
    /// The expected numbers n · P(N = k) for the n finished realisations.
    QCPGraph* expectedPoints() const { return m_expected; }
    /// Every event on show in the timeline (the newest one is in a graph of its own).
    QCPGraph* eventPoints() const { return m_events; }

signals:
    /// The picture changed (an event appeared, a realisation ended, a reset, a new result).
    void updated();

private:
    void buildPlot();
    void tick();
    void redraw();
    void updateControls();
    void resizeEvent(QResizeEvent* event) override;
    /// Puts the legend's entries beneath the histogram in as many columns as the plot's
    /// width holds (before each replot).
    void fitLegend();
    /// Size of an event's dot in pixels: m_denseDot, at most kDotOfRow of a row's height.
    double eventDotSize() const;

    std::optional<LiveReplay> m_replay;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QString m_countLabel;  ///< x title of the histogram (from the counts panel)
    QString m_timeUnit;    ///< "hours": the timeline's x title "Time t (hours)" in brackets, or empty
    double m_denseDot = 13;  ///< dot size the events per row allow (fewer events, larger dots)

    QPushButton* m_play = nullptr;
    QPushButton* m_step = nullptr;
    QPushButton* m_reset = nullptr;
    QSlider* m_speed = nullptr;
    QLabel* m_speedText = nullptr;
    QLabel* m_status = nullptr;

    QCustomPlot* m_plot = nullptr;
    QCPLegend* m_legend = nullptr;  ///< beneath the histogram
    QCPAxisRect* m_timelineRect = nullptr;
    QCPAxisRect* m_countsRect = nullptr;
    QCPBars* m_doneRows = nullptr;     ///< finished realisations: full-length row bars
    QCPBars* m_currentRow = nullptr;   ///< the realisation in progress, up to the clock
    QCPGraph* m_events = nullptr;      ///< every event on show
    QCPGraph* m_latest = nullptr;      ///< the newest one, larger
    QCPItemLine* m_cursor = nullptr;   ///< the clock, on the current row
    QCPBars* m_tallyBars = nullptr;
    QCPBars* m_currentCount = nullptr;  ///< the current realisation, stacked on the tally
    QCPGraph* m_expected = nullptr;
};

}  // namespace walklab::ui
