// The state of the live mode: a Result's event timeline replayed one event at a time.
#pragma once

#include "core/experiment/Result.h"

#include <optional>
#include <vector>

namespace walklab::ui {

/// Replays the realisations of a point process that a Result holds in its "timeline" panel,
/// one after the other, on a clock that runs from the start of the window to its end, and
/// tallies the number of events of every finished realisation: the count histogram of the
/// live mode, to be compared with the exact law P(N = k) of the Result's "counts" panel.
/// Plain data, no Qt: the widget (LiveModeView) only draws it and drives the clock.
///
/// The timeline panel: every drawn series gives events at (time, realisation number), the time
/// being the panel's x (or the series named by Series::xOf) and the realisation its y value.
/// Realisations are numbered 1 … R and the window is [xFrom, xTo] as the panel declares them
/// (Panel::xFrom … yTo); without them the window is [0, last event] ([0, 1] when there is none)
/// and the rows those with events. The counts panel: x = k, and the series "exact" (else the
/// first Points series) is P(N = k).
class LiveReplay {
public:
    /// The replay of `result`'s "timeline" panel, or nullopt when it has none.
    static std::optional<LiveReplay> fromResult(const core::Result& result);

    struct Realisation {
        int number = 0;                ///< the realisation's number in the timeline (1 … R)
        std::vector<double> arrivals;  ///< its event times, increasing
    };

    const std::vector<Realisation>& realisations() const { return m_rows; }
    double windowStart() const { return m_start; }
    double windowEnd() const { return m_end; }

    /// Index (into realisations()) of the realisation being played; realisations().size()
    /// once all have finished.
    std::size_t current() const { return m_current; }
    bool finished() const { return m_current >= m_rows.size(); }
    /// The time reached in the current realisation (windowStart() … windowEnd()).
    double clock() const { return m_clock; }
    /// Events of realisation `index` on show: all of a finished one, those up to the clock
    /// of the current one, none of a later one.
    std::size_t shown(std::size_t index) const;
    /// Total number of events on show.
    std::size_t shownTotal() const;

    /// Back to the start of the first realisation, with an empty tally.
    void reset();
    /// One step: the next event of the current realisation appears (the clock jumps to it);
    /// when it has no more, it ends instead (its count joins the tally) and the next one
    /// starts, with no event yet. Returns false when all are finished.
    bool step();
    /// Runs the clock forward by `duration` time units (≥ 0), ending realisations and starting
    /// the next ones on the way.
    void advance(double duration);

    /// tally()[k] = number of finished realisations with exactly k events.
    const std::vector<int>& tally() const { return m_tally; }
    /// k and P(N = k) from the counts panel (both empty when the Result has none).
    const std::vector<double>& lawK() const { return m_lawK; }
    const std::vector<double>& lawP() const { return m_lawP; }

private:
    void finishCurrent();

    std::vector<Realisation> m_rows;
    double m_start = 0, m_end = 0;
    std::size_t m_current = 0;
    std::size_t m_shownInCurrent = 0;
    double m_clock = 0;
    std::vector<int> m_tally;
    std::vector<double> m_lawK, m_lawP;
};

}  // namespace walklab::ui
