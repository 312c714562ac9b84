#include "core/experiment/walk/PassageExperiment.h"

#include "core/exact/ArcsineLaw.h"
#include "core/exact/FirstPassage.h"
#include "core/exact/MaximumLaw.h"
#include "core/exact/ReturnCount.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/poisson/PoissonPanels.h"
#include "core/experiment/walk/PathPanels.h"
#include "core/experiment/walk/WalkPanels.h"

#include <cmath>
#include <limits>
#include <optional>

namespace walklab::core {

namespace {

using Law = std::optional<std::vector<double>>;

/// 1 − Σ pmf: the exact mass beyond the horizon (summed in long double, never below 0).
double massBeyond(const std::vector<double>& pmf)
{
    long double total = 0;
    for (double v : pmf)
        total += v;
    return double(std::max(0.0L, 1.0L - total));
}

/// Σ_j (from + j) · pmf[j].
double meanOf(const std::vector<double>& pmf, std::int64_t from = 0)
{
    long double total = 0;
    for (std::size_t j = 0; j < pmf.size(); ++j)
        total += (long double)(from + std::int64_t(j)) * pmf[j];
    return double(total);
}

/// The law, or nothing with a note saying why it is missing.
Law exactOr(Expected<std::vector<double>> law, const std::string& what, Result& result)
{
    if (law)
        return std::move(*law);
    result.notes.push_back("No exact " + what + ": " + law.error().front().message + ".");
    return std::nullopt;
}

/// A waiting time (T_k or T_0) in its bins, with the fraction not arrived by n; the legend
/// states that fraction, simulated and exact.
struct Waiting {
    std::string key, title, symbol, exactLabel;
    const WaitingTimeCounts* counts;
    Law law;
    int parity;
};

Panel waitingPanel(const Waiting& w, const PassageSettings& s, const std::string& notThere,
                   std::vector<double>& masses)
{
    const std::int64_t n = s.walk.steps, M = s.walk.walkers;
    if (w.law)
        masses = w.counts->bins.masses(*w.law);
    // The fraction not arrived by n goes in the legend: titles stay short enough for two plots.
    const std::string late = ", " + percent(double(w.counts->notArrived) / double(M)) + " " + notThere;
    Panel p{w.key, w.title + " (n = " + std::to_string(n) + ")", "step", "Step n", w.counts->bins.unit() ? w.symbol : w.symbol + ", averaged over bins",
            {}, {}, {}};
    fillTimeHistogram(p, {&w.counts->bins.edges(), &w.counts->counts, w.law ? &masses : nullptr, M, w.parity},
                      "Simulated (" + countOf(M, "walker") + ")" + late,
                      w.law ? w.exactLabel + ", " + percent(massBeyond(*w.law)) + " " + notThere : "");
    p.logX = p.logY = s.logLog;
    return p;
}

/// E[min(T, n)] from the binned counts (bin centres for wider bins) and its standard error.
std::pair<double, double> cappedMean(const WaitingTimeCounts& c, std::int64_t n, std::int64_t M)
{
    long double sum = 0, squares = 0;
    for (std::size_t i = 0; i < c.counts.size(); ++i) {
        const long double t = 0.5L * (long double)(c.bins.lower(i) + c.bins.upper(i));
        sum += t * c.counts[i];
        squares += t * t * c.counts[i];
    }
    sum += (long double)n * c.notArrived;
    squares += (long double)n * n * c.notArrived;
    const double mean = double(sum / M);
    const double variance = std::max(0.0, double(squares / M) - mean * mean);
    return {mean, std::sqrt(variance / double(std::max<std::int64_t>(M - 1, 1)))};
}

/// Capped mean E[min(T, n)] of the exact law.
double cappedMean(const std::vector<double>& pmf, std::int64_t n)
{
    return meanOf(pmf) + double(n) * massBeyond(pmf);
}

std::vector<std::uint64_t> countsOf(const IntegerHistogram& h, std::int64_t from, std::int64_t to)
{
    std::vector<std::uint64_t> out;
    for (std::int64_t v = from; v <= to; ++v)
        out.push_back(h.count(v));
    return out;
}

/// Counts and exact probabilities of a time in bins, then the cell of "not by n".
SummaryRow waitingChiSquared(const std::string& quantity, const WaitingTimeCounts& c, const std::vector<double>& masses,
                             const std::vector<double>& law, std::vector<std::string>& notes)
{
    std::vector<std::uint64_t> observed = c.counts;
    std::vector<double> probability = masses;
    observed.push_back(c.notArrived);
    probability.push_back(massBeyond(law));
    return chiSquaredRow(quantity, observed, probability, notes);
}

/// An occupation time (time positive, last zero) as a density over the fraction of n, with the
/// arcsine density averaged over each bin when the walk has no drift.
Panel occupationPanel(const std::string& key, const std::string& title, const std::string& xLabel,
                      const OccupationCounts& c, const Law& law, std::vector<double>& masses, int parity,
                      const PassageSettings& s)
{
    const std::int64_t n = s.walk.steps;
    if (law)
        masses = c.bins.masses(*law);
    Panel p{key, title, "fraction", xLabel, "Probability density", {}, {}, {}};
    fillTimeHistogram(p, {&c.bins.edges(), &c.counts, law ? &masses : nullptr, s.walk.walkers, parity, 1.0 / double(n)},
                      "Simulated (" + countOf(s.walk.walkers, "walker") + ")", "Exact (Feller)", true);
    if (s.walk.p == s.walk.q) {
        Series limit{"arcsine", "Arcsine density 1/(π√(x(1−x)))", SeriesStyle::Line, {}, true};
        for (std::size_t i = 0; i < p.x.size(); ++i) {
            const double a = p.x[i] - p.binWidth[i] / 2, b = p.x[i] + p.binWidth[i] / 2;
            limit.y.push_back((arcsineCdf(b) - arcsineCdf(a)) / p.binWidth[i]);
        }
        p.series.push_back(std::move(limit));
    }
    return p;
}

/// Fraction of the counts in bins wholly at most 10 % or at least 90 % of n, and the same
/// fraction of the exact masses.
std::pair<double, double> extremeShare(const OccupationCounts& c, const std::vector<double>& masses, std::int64_t n,
                                       std::int64_t M)
{
    std::uint64_t count = 0;
    double mass = 0;
    for (std::size_t i = 0; i < c.counts.size(); ++i)
        if (10 * c.bins.upper(i) <= n || 10 * c.bins.lower(i) >= 9 * n) {
            count += c.counts[i];
            mass += masses.empty() ? 0 : masses[i];
        }
    return {double(count) / double(M), mass};
}

/// Sample paths split by sign: "positive_i" holds the segments above 0 (S_j + S_{j+1} > 0, Feller's
/// convention for ±1 steps), "negative_i" the others; NaN where a part is not drawn.
Panel signPathsPanel(const PathWalk1DSimulation& sim, const PathWalk1DParams& w)
{
    Panel p{"signpaths", "Paths by sign: " + countOf(std::int64_t(sim.paths.size()), "walker"),
            "step", "Time t (steps)", "Position S_t", {}, {}, {}};
    for (auto t : sim.pathTimes)
        p.x.push_back(double(t));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < sim.paths.size(); ++i) {
        const auto& path = sim.paths[i];
        const std::string index = std::to_string(i + 1);
        Series above{"positive_" + index, "Above 0 (time positive)", SeriesStyle::Line, std::vector<double>(path.size(), nan)};
        Series below{"negative_" + index, "At or below 0", SeriesStyle::Line, std::vector<double>(path.size(), nan)};
        above.group = "positive";
        below.group = "negative";
        for (std::size_t j = 0; j + 1 < path.size(); ++j) {
            Series& part = path[j] + path[j + 1] > 0 ? above : below;
            part.y[j] = double(path[j]);
            part.y[j + 1] = double(path[j + 1]);
        }
        p.series.push_back(std::move(above));
        p.series.push_back(std::move(below));
    }
    p.series.push_back({"zero", "", SeriesStyle::Guide, std::vector<double>(p.x.size(), 0.0)});
    p.series.push_back({"level", "Level k = " + std::to_string(w.level), SeriesStyle::Guide,
                        std::vector<double>(p.x.size(), double(w.level)), true});
    return p;
}

}  // namespace

PassageExperiment::PassageExperiment()
{
    const PathWalk1DParams d;
    m_params = {
        {"steps", "Steps n", ParamType::Integer, 1, 1e9, std::to_string(d.steps), "steps",
         "The horizon: every walker takes n steps (1 … 10^9); a time that has not come by then is counted as "
         "“not by n”."},
        {"walkers", "Walkers M", ParamType::Integer, 1, 1e9, std::to_string(d.walkers), "walkers",
         "Number of independent walkers simulated (1 … 10^9)."},
        {"p", "P(step +1) p", ParamType::Real, 0, 1, formatNumber(d.p), "",
         "Probability of a step up (0 … 1).", {}, true},
        {"q", "P(step −1) q", ParamType::Real, 0, 1, "", "",
         "Probability of a step down (0 … 1 − p); empty means 1 − p. The walker stays put with probability "
         "r = 1 − p − q (lazy walk)."},
        {"level", "Level k", ParamType::Integer, -1e9, 1e9, std::to_string(d.level), "",
         "The level whose first passage time T_k is shown (a whole number other than 0, −10^9 … 10^9).", {}, false,
         {"passage"}},
        seedParam(std::to_string(d.seed)),
        {"paths", "Paths shown", ParamType::Integer, 0, 1000, std::to_string(d.paths), "paths",
         "Number of sample paths drawn by sign (0 … 1000, at most the number of walkers).", {}, false,
         {"signpaths"}},
        {"axes", "Waiting-time axes", ParamType::Choice, 0, 0, "log-log", "",
         "Axes of the first-passage and first-return views: log–log shows the tail n^(−3/2) as a straight line.",
         {{"log-log", "Log–log"}, {"linear", "Linear"}}, false, {"passage", "return"}},
    };
    m_views = {
        {"passage", "First passage",
         "P(T_k = n), the first time the walk reaches level k: simulated, exact, and the fraction not there by n.",
         true},
        {"return", "First return",
         "f_n = P(T_0 = n), the first return to 0: simulated, exact, and the fraction not back by n."},
        {"returns", "Number of returns", "P(R_n = j): how many times the walk is back at 0 by step n."},
        {"arcsine", "Arcsine law",
         "Fraction of the time spent above 0: simulated, exact (Feller) and the arcsine density.", true},
        {"lastzero", "Last zero",
         "Time of the last visit to 0, as a fraction of n: simulated, exact and the arcsine density."},
        {"maximum", "Maximum", "P(M_n = m): the highest level the walk reaches by step n."},
        {"signpaths", "Paths by sign", "Sample paths with their parts above 0 and below 0 in two colours."},
    };
}

std::string PassageExperiment::help() const
{
    return "The whole path of the 1D walk (steps +1, −1, 0 with probabilities p, q, r = 1 − p − q), not just its "
           "end: when it first reaches a level k, when it first comes back to 0, how often it returns, how long "
           "it stays on one side (the arcsine law: a fair walk most likely spends almost all of its time on one "
           "side), its last visit to 0 and its maximum. Each histogram is drawn against its exact law; times "
           "beyond the horizon n are counted, not dropped.";
}

std::vector<Preset> PassageExperiment::presets() const
{
    return {
        {"Feller's arcsine coin tossing (2n = 20)",
         "Twenty tosses of a fair coin: the leader rarely changes, and being ahead 10 of 20 times is the least "
         "likely split (Feller vol. I, §III.4).",
         {{"steps", "20"}, {"walkers", "200000"}, {"level", "1"}, {"p", "0.5"}, {"q", ""}}},
        {"Fair game: first passage to 1",
         "A fair walk reaches +1 with probability 1, but the mean waiting time is infinite: the tail falls like "
         "n^(−3/2), a straight line on log–log axes.",
         {{"steps", "10000"}, {"walkers", "100000"}, {"level", "1"}, {"p", "0.5"}, {"q", ""}, {"axes", "log-log"}}},
        {"Drift upwards: p = 0.55, level 10",
         "With a small drift the level is reached in k/(p − q) = 100 steps on average.",
         {{"steps", "2000"}, {"walkers", "100000"}, {"level", "10"}, {"p", "0.55"}, {"q", ""}, {"axes", "linear"}}},
        {"Long leads: 10 000 tosses",
         "Ten thousand fair tosses: in about 41 % of games one player leads more than 90 % of the time.",
         {{"steps", "10000"}, {"walkers", "20000"}, {"level", "10"}, {"p", "0.5"}, {"q", ""}}},
    };
}

Expected<PassageSettings> PassageExperiment::parse(const ParamSet& params) const
{
    ParamReader read(*this, params);
    PassageSettings s;
    PathWalk1DParams& w = s.walk;
    w.steps = read.integer("steps");
    w.walkers = read.integer("walkers");
    w.p = read.real("p");
    if (read.blank("q"))
        w.q = (w.p >= 0 && w.p <= 1) ? 1.0 - w.p : 0.0;  // a bad p is reported once, as p
    else
        w.q = read.real("q");
    w.level = read.integer("level");
    w.seed = read.seed("seed");
    w.paths = read.paths("paths", w.walkers);
    s.logLog = read.choice("axes") == "log-log";
    read.check(core::validate(w));
    return read.finish(s);
}

Expected<Result> PassageExperiment::compute(const PassageSettings& s, RunControl& control) const
{
    const PathWalk1DParams& w = s.walk;
    auto simulated = simulatePathWalk1D(w, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const PathWalk1DSimulation& sim = *simulated;
    const std::int64_t n = w.steps, M = w.walkers;
    // Without lazy steps a time keeps a parity: T_k that of k, returns and last zeros are even.
    const bool lazy = 1.0 - w.p - w.q > 4 * std::numeric_limits<double>::epsilon();
    const int kParity = lazy ? -1 : int((w.level % 2 + 2) % 2);
    const int even = lazy ? -1 : 0;

    Result result;
    result.threads = sim.threads;
    auto& notes = result.notes;
    auto cancelled = [&] { return control.cancelled(); };

    // First passage and first return.
    std::vector<double> passageMasses, returnMasses;
    const Waiting passage{"passage", "First passage to level k = " + std::to_string(w.level), "P(T_k = n)",
                          "Exact (|k|/n)·P(S_n = k)", &sim.passage,
                          exactOr(firstPassageLaw(w.level, w.p, w.q, n), "first-passage law", result), kParity};
    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const Waiting back{"return", "First return to 0", "f_n = P(T_0 = n)", "Exact f_n", &sim.firstReturn,
                       exactOr(firstReturnLaw(w.p, w.q, n), "first-return law", result), even};
    result.panels.push_back(waitingPanel(passage, s, "not there by n", passageMasses));
    result.panels.push_back(waitingPanel(back, s, "not back by n", returnMasses));

    const double arrived = 1.0 - double(sim.passage.notArrived) / double(M);
    result.summary.push_back({"P(T_k ≤ n): reached level k by n", withError(arrived, std::sqrt(arrived * (1 - arrived) / double(M)), M),
                              passage.law ? formatSignificant(1 - massBeyond(*passage.law), 6) : ""});
    result.summary.push_back({"P(T_k < ∞): ever reaches level k", "", formatSignificant(passageProbability(w.level, w.p, w.q), 6)});
    const auto [capped, cappedError] = cappedMean(sim.passage, n, M);
    result.summary.push_back({std::string("E[min(T_k, n)]") + (sim.passage.bins.unit() ? "" : " (bin centres)"),
                              withError(capped, cappedError, M), passage.law ? formatSignificant(cappedMean(*passage.law, n), 6) : ""});
    const double mean = meanPassageTime(w.level, w.p, w.q);
    result.summary.push_back({"E[T_k]", "", std::isfinite(mean) ? formatSignificant(mean, 6) : "infinite"});
    const double returned = 1.0 - double(sim.firstReturn.notArrived) / double(M);
    result.summary.push_back({"Returned to 0 by n", withError(returned, std::sqrt(returned * (1 - returned) / double(M)), M),
                              back.law ? formatSignificant(1 - massBeyond(*back.law), 6) : ""});
    if (sim.passage.notArrived > 0)
        notes.push_back(std::to_string(sim.passage.notArrived) + " of " + std::to_string(M) +
                        " walkers did not reach level k by n: they are counted in the legend and in the χ² test.");

    // Number of returns, time positive, last zero, maximum.
    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const Law returnCount = exactOr(returnCountLaw(n, w.p, w.q), "law of the number of returns", result);
    Panel returns{"returns", "Returns to 0 by n = " + std::to_string(n), "returns", "Returns to 0, R_n",
                  "P(R_n = j)", {}, {}, {}};
    fillIntegerHistogram(returns, sim.returns, M, returnCount.value_or(std::vector<double>{}), 0,
                         "Simulated (" + countOf(M, "walker") + ")", "Exact");
    result.panels.push_back(std::move(returns));
    result.summary.push_back({"Mean number of returns by n", withError(sim.returns.mean(), std::sqrt(sim.returns.variance() / double(M)), M),
                              returnCount ? formatSignificant(meanOf(*returnCount), 6) : ""});

    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    std::vector<double> positiveMasses, lastZeroMasses;
    const Law positive = exactOr(timePositiveLaw(n, w.p, w.q), "law of the time positive", result);
    const int positiveParity = !lazy && n % 2 == 0 ? 0 : -1;  // excursions have even lengths
    result.panels.push_back(occupationPanel("arcsine", "Time above 0: the arcsine law (n = " + std::to_string(n) + ")",
                                            "Time positive P_n / n", sim.timePositive, positive, positiveMasses,
                                            positiveParity, s));
    const auto [extreme, extremeExact] = extremeShare(sim.timePositive, positiveMasses, n, M);
    result.summary.push_back({"P(time positive ≤ 10 % or ≥ 90 % of n)",
                              withError(extreme, std::sqrt(extreme * (1 - extreme) / double(M)), M),
                              (positive ? formatSignificant(extremeExact, 6) + " " : std::string()) + "(arcsine limit " +
                                  formatSignificant(2 * arcsineCdf(0.1), 3) + ")"});
    const Law lastZero = exactOr(lastZeroLaw(n, w.p, w.q), "law of the last zero", result);
    result.panels.push_back(occupationPanel("lastzero", "Last visit to 0 within n = " + std::to_string(n) + " steps",
                                            "Last zero L_n / n", sim.lastZero, lastZero, lastZeroMasses, even, s));

    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const Law maximum = exactOr(maximumLaw(n, w.p, w.q), "law of the maximum", result);
    Panel highest{"maximum", "Maximum M_n over n = " + std::to_string(n) + " steps", "maximum",
                  "Maximum m", "P(M_n = m)", {}, {}, {}};
    fillIntegerHistogram(highest, sim.maximum, M, maximum.value_or(std::vector<double>{}), 0,
                         "Simulated (" + countOf(M, "walker") + ")", "Exact (reflection principle)");
    result.panels.push_back(std::move(highest));
    result.summary.push_back({"E[M_n]", withError(sim.maximum.mean(), std::sqrt(sim.maximum.variance() / double(M)), M),
                              maximum ? formatSignificant(meanOf(*maximum), 6) : ""});
    result.panels.push_back(signPathsPanel(sim, w));
    if (sim.pathTimes.size() < std::size_t(n) + 1)
        notes.push_back("Sample paths are drawn at " + std::to_string(sim.pathTimes.size()) + " of the " +
                        std::to_string(n + 1) + " times; the colour of a segment between them is that of its midpoint.");

    // Goodness of fit of every histogram.
    if (passage.law)
        result.summary.push_back(waitingChiSquared("χ² first passage vs exact", sim.passage, passageMasses, *passage.law, notes));
    if (back.law)
        result.summary.push_back(waitingChiSquared("χ² first return vs exact", sim.firstReturn, returnMasses, *back.law, notes));
    if (returnCount)
        result.summary.push_back(chiSquaredRow("χ² number of returns vs exact",
                                               countsOf(sim.returns, 0, std::int64_t(returnCount->size()) - 1), *returnCount, notes));
    if (positive)
        result.summary.push_back(chiSquaredRow("χ² time positive vs exact", sim.timePositive.counts, positiveMasses, notes));
    if (lastZero)
        result.summary.push_back(chiSquaredRow("χ² last zero vs exact", sim.lastZero.counts, lastZeroMasses, notes));
    if (maximum)
        result.summary.push_back(chiSquaredRow("χ² maximum vs exact", countsOf(sim.maximum, 0, n), *maximum, notes));
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    return result;
}

}  // namespace walklab::core
