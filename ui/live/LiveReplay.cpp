#include "ui/live/LiveReplay.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace walklab::ui {

std::optional<LiveReplay> LiveReplay::fromResult(const core::Result& result)
{
    const core::Panel* timeline = result.find("timeline");
    if (!timeline)
        return std::nullopt;

    // Every event of every drawn series, by realisation number.
    std::map<long long, std::vector<double>> byRow;
    const bool rowsDeclared = std::isfinite(timeline->yFrom) && std::isfinite(timeline->yTo);
    if (rowsDeclared)
        for (double r = std::ceil(timeline->yFrom); r <= timeline->yTo; ++r)
            byRow[std::llround(r)];
    double last = 0;
    for (const core::Series& s : timeline->series) {
        if (s.coordinate)
            continue;
        const core::Series* across = s.xOf.empty() ? nullptr : timeline->find(s.xOf);
        if (!s.xOf.empty() && !across)
            continue;
        const std::vector<double>& t = across ? across->y : timeline->x;
        for (std::size_t i = 0; i < std::min(t.size(), s.y.size()); ++i) {
            if (!std::isfinite(t[i]) || !std::isfinite(s.y[i]))
                continue;
            const long long row = std::llround(s.y[i]);
            if (rowsDeclared && !byRow.contains(row))
                continue;
            byRow[row].push_back(t[i]);
            last = std::max(last, t[i]);
        }
    }

    LiveReplay replay;
    replay.m_start = std::isfinite(timeline->xFrom) ? timeline->xFrom : 0.0;
    replay.m_end = std::isfinite(timeline->xTo) ? timeline->xTo : last;
    // No window and no event: a unit window, so that the clock still runs.
    if (!(replay.m_end > replay.m_start))
        replay.m_end = replay.m_start + 1;
    for (auto& [row, arrivals] : byRow) {
        std::erase_if(arrivals, [&](double t) { return t < replay.m_start || t > replay.m_end; });
        std::sort(arrivals.begin(), arrivals.end());
        replay.m_rows.push_back({int(row), std::move(arrivals)});
    }

    if (const core::Panel* counts = result.find("counts")) {
        const core::Series* law = counts->find("exact");
        for (const core::Series& s : counts->series)
            if (!law && s.style == core::SeriesStyle::Points && !s.coordinate)
                law = &s;
        if (law)
            for (std::size_t i = 0; i < std::min(counts->x.size(), law->y.size()); ++i)
                if (std::isfinite(counts->x[i]) && std::isfinite(law->y[i])) {
                    replay.m_lawK.push_back(counts->x[i]);
                    replay.m_lawP.push_back(law->y[i]);
                }
    }
    replay.reset();
    return replay;
}

std::size_t LiveReplay::shown(std::size_t index) const
{
    if (index < m_current)
        return m_rows[index].arrivals.size();
    return index == m_current ? m_shownInCurrent : 0;
}

std::size_t LiveReplay::shownTotal() const
{
    std::size_t total = 0;
    for (std::size_t i = 0; i < m_rows.size() && i <= m_current; ++i)
        total += shown(i);
    return total;
}

void LiveReplay::reset()
{
    m_current = 0;
    m_shownInCurrent = 0;
    m_clock = m_start;
    m_tally.clear();
}

bool LiveReplay::step()
{
    if (finished())
        return false;
    const std::vector<double>& arrivals = m_rows[m_current].arrivals;
    if (m_shownInCurrent < arrivals.size())
        m_clock = arrivals[m_shownInCurrent++];
    else
        finishCurrent();
    return true;
}

void LiveReplay::advance(double duration)
{
    while (duration > 0 && !finished()) {
        const double left = m_end - m_clock;
        if (duration < left) {
            m_clock += duration;
            const std::vector<double>& arrivals = m_rows[m_current].arrivals;
            m_shownInCurrent = std::size_t(
                std::upper_bound(arrivals.begin(), arrivals.end(), m_clock) - arrivals.begin());
            return;
        }
        duration -= left;
        finishCurrent();
    }
}

void LiveReplay::finishCurrent()
{
    const std::size_t count = m_rows[m_current].arrivals.size();
    if (m_tally.size() <= count)
        m_tally.resize(count + 1, 0);
    ++m_tally[count];
    ++m_current;
    m_shownInCurrent = 0;
    m_clock = finished() ? m_end : m_start;
}

}  // namespace walklab::ui
