#include "app/HeadlessRun.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <future>
#include <string>

#include <unistd.h>

namespace walklab::app {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kPoll = std::chrono::milliseconds(200);
constexpr double kQuietSeconds = 1.0;  // runs shorter than this show no progress line

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

/// SIGINT sets g_interrupted once; SA_RESETHAND gives the next one its default action.
void catchInterrupt()
{
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
}

/// "0.4 s", "12 s", "3 min 05 s", "2 h 07 min".
std::string durationText(double seconds)
{
    char text[32];
    const long s = long(seconds + 0.5);
    if (seconds < 9.95)
        std::snprintf(text, sizeof text, "%.1f s", seconds);
    else if (s < 60)
        std::snprintf(text, sizeof text, "%ld s", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, s / 60 % 60);
    return text;
}

/// The progress line on a terminal's stderr, rewritten in place. The time left is the work left
/// at the rate of the recent past (the last quarter of the run, at least 2 s): parts of a run can
/// differ in speed per unit of work (walk2d's tracked walkers step far faster per unit than its
/// endpoint draws), and the rate since the start would then promise seconds for half a minute.
class ProgressLine {
public:
    explicit ProgressLine(std::string experiment) : m_experiment(std::move(experiment)) {}
    ~ProgressLine() { show({}); }

    void update(double fraction, double elapsed)
    {
        m_history.push_back({elapsed, fraction});
        const double window = std::max(2.0, elapsed / 4);
        while (m_history.size() > 2 && m_history[1].elapsed <= elapsed - window)
            m_history.pop_front();
        const Sample& then = m_history.front();
        const double rate = elapsed > then.elapsed ? (fraction - then.fraction) / (elapsed - then.elapsed) : 0;
        std::string text = m_experiment + ": " + std::to_string(int(fraction * 100)) + " % · " +
                           durationText(elapsed) + " elapsed · ";
        if (fraction >= 1)
            text += "finishing";
        else if (fraction < 1e-3 || !(rate > 0))
            text += "estimating the rest";
        else
            text += "about " + durationText((1 - fraction) / rate) + " left";
        show(text);
    }

private:
    /// Replaces the line by `text` (padded over the previous one); empty: clears it.
    void show(const std::string& text)
    {
        if (text.empty() && m_width == 0)
            return;
        const std::size_t width = std::max(m_width, text.size());
        std::fprintf(stderr, "\r%-*s%s", int(width), text.c_str(), text.empty() ? "\r" : "");
        std::fflush(stderr);
        m_width = text.size();
    }

    struct Sample {
        double elapsed, fraction;
    };
    std::string m_experiment;
    std::deque<Sample> m_history;  ///< (elapsed, fraction) since the start of the window
    std::size_t m_width = 0;
};

}  // namespace

core::Expected<core::Result> runHeadless(const core::Experiment& experiment, const core::ParamSet& params,
                                         unsigned threads)
{
    catchInterrupt();
    core::RunControl control(threads);
    const auto start = Clock::now();
    auto run = std::async(std::launch::async, [&] { return experiment.run(params, control); });
    const bool terminal = isatty(STDERR_FILENO) == 1;
    {
        ProgressLine line(experiment.key());
        while (run.wait_for(kPoll) != std::future_status::ready) {
            if (g_interrupted)
                control.cancel();
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            if (terminal && elapsed > kQuietSeconds && !control.cancelled())
                line.update(control.progress(), elapsed);
        }
    }
    core::Expected<core::Result> result = run.get();
    if (g_interrupted)
        return core::fail(core::ErrorKind::Cancelled, "", "cancelled");
    return result;
}

bool interrupted()
{
    return g_interrupted != 0;
}

}  // namespace walklab::app
