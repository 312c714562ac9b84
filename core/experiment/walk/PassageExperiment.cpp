#include "core/experiment/walk/PassageExperiment.h"

#include "core/exact/ArcsineLaw.h"
#include "core/exact/FirstPassage.h"
#include "core/exact/MaximumLaw.h"
#include "core/exact/ReturnCount.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/ParamReader.h"
#include "core/experiment/SummaryRows.h"
#include "core/experiment/walk/PathPanels.h"
#include "core/experiment/walk/WalkPanels.h"

#include <algorithm>
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

/// What is kept of the exact law of a waiting time (the law itself, n + 1 values, is not): the
/// masses of the simulation's bins, P(T > n) and E[min(T, n)].
struct WaitingLaw {
    std::vector<double> masses;
    double beyond = 0, cappedMean = 0;
};

std::optional<WaitingLaw> reduced(const Law& law, const TimeBins& bins, std::int64_t n)
{
    if (!law)
        return std::nullopt;
    return WaitingLaw{bins.masses(*law), massBeyond(*law), meanOf(*law) + double(n) * massBeyond(*law)};
}

/// A waiting time (T_k or T_0) in its bins, with the fraction not arrived by n.
struct Waiting {
    std::string key, title, symbol, exactLabel;
    const WaitingTimeCounts* counts;
    std::optional<WaitingLaw> law;
    int parity;
};

/// True when the positive values of the panel's series lie at 3 or more x and span a factor
/// of 10 or more: otherwise log–log axes would show a point or two between equal tick labels.
bool worthLogAxes(const Panel& p)
{
    std::size_t places = 0;
    double lo = INFINITY, hi = 0;
    for (std::size_t i = 0; i < p.x.size(); ++i) {
        bool any = false;
        for (const Series& series : p.series)
            if (series.y[i] > 0) {
                any = true;
                lo = std::min(lo, series.y[i]);
                hi = std::max(hi, series.y[i]);
            }
        places += any;
    }
    return places >= 3 && hi >= 10 * lo;
}

Panel waitingPanel(const Waiting& w, const PassageSettings& s, const std::string& notThere, std::vector<std::string>& notes)
{
    const std::int64_t n = s.walk.steps, M = s.walk.walkers;
    // The fraction not arrived by n goes in the legend, simulated and exact, on the simulated
    // series: the exact series' label names the law alone (it is also its on/off switch).
    std::string late = ": " + percent(double(w.counts->notArrived) / double(M)) + " " + notThere;
    if (w.law)
        late += " (exact " + percent(w.law->beyond) + ")";
    Panel p{w.key, w.title + " (n = " + std::to_string(n) + ")", "step", "Step n", w.counts->bins.unit() ? w.symbol : w.symbol + ", averaged over bins",
            {}, {}, {}};
    fillTimeHistogram(p, {&w.counts->bins.edges(), &w.counts->counts, w.law ? &w.law->masses : nullptr, M, w.parity},
                      "Simulated (" + countOf(M, "walker") + ")" + late, w.exactLabel);
    p.logX = p.logY = s.logLog && worthLogAxes(p);
    if (s.logLog && !p.logY)
        notes.push_back(w.title + ": the probabilities within n are at fewer than 3 times or within a factor of 10 "
                        "of each other, too few for log–log axes; shown on linear axes.");
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

std::vector<std::uint64_t> countsOf(const IntegerHistogram& h, std::int64_t from, std::int64_t to)
{
    std::vector<std::uint64_t> out;
    for (std::int64_t v = from; v <= to; ++v)
        out.push_back(h.count(v));
    return out;
}

/// Counts and exact probabilities of a time in bins, then the cell of "not by n".
SummaryRow waitingChiSquared(const std::string& quantity, const WaitingTimeCounts& c, const WaitingLaw& law,
                             std::vector<std::string>& notes)
{
    std::vector<std::uint64_t> observed = c.counts;
    std::vector<double> probability = law.masses;
    observed.push_back(c.notArrived);
    probability.push_back(law.beyond);
    return chiSquaredRow(quantity, observed, probability, notes);
}

/// An occupation time (time positive, last zero) as a density over the fraction of n, with the
/// arcsine density averaged over each bin when the walk has no drift.
Panel occupationPanel(const std::string& key, const std::string& title, const std::string& xLabel,
                      const OccupationCounts& c, const std::vector<double>& masses, const std::string& exactLabel,
                      int parity, const PassageSettings& s)
{
    const std::int64_t n = s.walk.steps;
    Panel p{key, title, "fraction", xLabel, "Probability density", {}, {}, {}};
    fillTimeHistogram(p, {&c.bins.edges(), &c.counts, masses.empty() ? nullptr : &masses, s.walk.walkers, parity, 1.0 / double(n)},
                      "Simulated (" + countOf(s.walk.walkers, "walker") + ")", exactLabel, true);
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
         "P(T_k = n), the first time the walk reaches level k: simulated, exact, and the fraction arriving after n.",
         true},
        {"return", "First return",
         "f_n = P(T_0 = n), the first return to 0: simulated, exact, and the fraction arriving after n."},
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

Expected<PassageSettings> PassageExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    PassageSettings s;
    PathWalk1DParams& w = s.walk;
    w.steps = read.integer("steps");
    w.walkers = read.integer("walkers");
    w.p = read.real("p");
    w.q = read.downOrComplement("q", w.p);
    w.level = read.integer("level");
    w.seed = read.seed("seed");
    w.paths = read.paths("paths", w.walkers, "walkers");
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

    // First passage and first return. Each exact law (n + 1 values) is reduced to what the
    // panels and the tests need as soon as it is computed: at n = 10^7 only one is held at a time.
    std::vector<SummaryRow> fits;  // the χ² rows, after the other rows
    const Waiting passage{"passage", "First passage to level k = " + std::to_string(w.level), "P(T_k = n)",
                          "Exact (|k|/n)·P(S_n = k)", &sim.passage,
                          reduced(exactOr(firstPassageLaw(w.level, w.p, w.q, n), "first-passage law", result),
                                  sim.passage.bins, n),
                          kParity};
    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const Waiting back{"return", "First return to 0", "f_n = P(T_0 = n)", "Exact f_n", &sim.firstReturn,
                       reduced(exactOr(firstReturnLaw(w.p, w.q, n), "first-return law", result), sim.firstReturn.bins, n),
                       even};
    result.panels.push_back(waitingPanel(passage, s, "after n", notes));
    result.panels.push_back(waitingPanel(back, s, "after n", notes));
    if (passage.law && std::all_of(passage.law->masses.begin(), passage.law->masses.end(), [](double m) { return m == 0; }))
        notes.push_back("Level k = " + std::to_string(w.level) + " cannot be reached within n = " + std::to_string(n) + " steps: " +
                        (std::abs(w.level) > n ? "it takes at least |k| = " + std::to_string(std::abs(w.level)) + " steps."
                         : (w.level > 0 ? w.p : w.q) == 0 ? std::string("the walk never steps ") + (w.level > 0 ? "up (p = 0)." : "down (q = 0).")
                                                           : std::string("its probability is below 1e-247.")));

    result.summary.push_back({"P(T_k ≤ n): reached level k by n", fractionOfWalkers(std::uint64_t(M) - sim.passage.notArrived, M),
                              passage.law ? formatSignificant(1 - passage.law->beyond, 6) : ""});
    result.summary.push_back({"P(T_k < ∞): ever reaches level k", "", formatSignificant(passageProbability(w.level, w.p, w.q), 6)});
    const auto [capped, cappedError] = cappedMean(sim.passage, n, M);
    result.summary.push_back({std::string("E[min(T_k, n)]") + (sim.passage.bins.unit() ? "" : " (bin centres)"),
                              withSampleError(capped, cappedError, M), passage.law ? formatSignificant(passage.law->cappedMean, 6) : ""});
    const double mean = meanPassageTime(w.level, w.p, w.q);
    result.summary.push_back({"E[T_k]", "", std::isfinite(mean) ? formatSignificant(mean, 6) : "infinite"});
    result.summary.push_back({"Returned to 0 by n", fractionOfWalkers(std::uint64_t(M) - sim.firstReturn.notArrived, M),
                              back.law ? formatSignificant(1 - back.law->beyond, 6) : ""});
    if (sim.passage.notArrived > 0)
        notes.push_back(std::to_string(sim.passage.notArrived) + " of " + std::to_string(M) +
                        " walkers did not reach level k by n: they are counted in the legend and in the χ² test.");
    if (passage.law)
        fits.push_back(waitingChiSquared("χ² first passage vs exact", sim.passage, *passage.law, notes));
    if (back.law)
        fits.push_back(waitingChiSquared("χ² first return vs exact", sim.firstReturn, *back.law, notes));

    // Number of returns, time positive, last zero, maximum.
    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const Law returnCount = exactOr(returnCountLaw(n, w.p, w.q), "law of the number of returns", result);
    Panel returns{"returns", "Returns to 0 by n = " + std::to_string(n), "returns", "Returns to 0, R_n",
                  "P(R_n = j)", {}, {}, {}};
    fillIntegerHistogram(returns, sim.returns, M, returnCount.value_or(std::vector<double>{}), 0,
                         "Simulated (" + countOf(M, "walker") + ")", "Exact");
    result.panels.push_back(std::move(returns));
    result.summary.push_back({"Mean number of returns by n", withSampleError(sim.returns.mean(), std::sqrt(sim.returns.variance() / double(M)), M),
                              returnCount ? formatSignificant(meanOf(*returnCount), 6) : ""});
    if (returnCount)
        fits.push_back(chiSquaredRow("χ² number of returns vs exact",
                                     countsOf(sim.returns, 0, std::int64_t(returnCount->size()) - 1), *returnCount, notes));

    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    // The legends name the method actually used (ArcsineLaw.h): Feller's discrete arcsine law is
    // the fair case; other walks without lazy steps decompose at the last zero.
    const bool fair = w.p == w.q && !lazy;
    std::vector<double> positiveMasses;
    if (const Law positive = exactOr(timePositiveLaw(n, w.p, w.q), "law of the time positive", result))
        positiveMasses = sim.timePositive.bins.masses(*positive);
    const int positiveParity = !lazy && n % 2 == 0 ? 0 : -1;  // excursions have even lengths
    result.panels.push_back(occupationPanel("arcsine", "Time above 0: the arcsine law (n = " + std::to_string(n) + ")",
                                            "Time positive P_n / n", sim.timePositive, positiveMasses,
                                            fair ? "Exact (Feller's discrete arcsine law)"
                                            : lazy ? "Exact (dynamic programme over S_t, P_t)"
                                                   : "Exact (last zero and Chung–Feller)",
                                            positiveParity, s));
    const auto [extreme, extremeExact] = extremeShare(sim.timePositive, positiveMasses, n, M);
    result.summary.push_back({"P(time positive ≤ 10 % or ≥ 90 % of n)",
                              fractionOfWalkers(std::uint64_t(std::llround(extreme * double(M))), M),
                              (positiveMasses.empty() ? std::string() : formatSignificant(extremeExact, 6) + " ") + "(arcsine limit " +
                                  formatSignificant(2 * arcsineCdf(0.1), 3) + ")"});
    if (!positiveMasses.empty())
        fits.push_back(chiSquaredRow("χ² time positive vs exact", sim.timePositive.counts, positiveMasses, notes));
    std::vector<double> lastZeroMasses;
    if (const Law lastZero = exactOr(lastZeroLaw(n, w.p, w.q), "law of the last zero", result))
        lastZeroMasses = sim.lastZero.bins.masses(*lastZero);
    result.panels.push_back(occupationPanel("lastzero", "Last visit to 0 within n = " + std::to_string(n) + " steps",
                                            "Last zero L_n / n", sim.lastZero, lastZeroMasses,
                                            fair ? "Exact (Feller's discrete arcsine law)" : "Exact u_t·P(T_0 > n − t)", even, s));
    if (!lastZeroMasses.empty())
        fits.push_back(chiSquaredRow("χ² last zero vs exact", sim.lastZero.counts, lastZeroMasses, notes));

    if (cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    Law maximum = exactOr(maximumLaw(n, w.p, w.q), "law of the maximum", result);
    if (maximum) {  // keep the law up to its last positive value or the largest simulated maximum
        std::size_t size = maximum->size();
        while (size > 1 && (*maximum)[size - 1] == 0)
            --size;
        maximum->resize(std::max(size, std::size_t(sim.maximum.maxValue() + 1)), 0.0);
        maximum->shrink_to_fit();
    }
    Panel highest{"maximum", "Maximum M_n over n = " + std::to_string(n) + " steps", "maximum",
                  "Maximum m", "P(M_n = m)", {}, {}, {}};
    fillIntegerHistogram(highest, sim.maximum, M, maximum.value_or(std::vector<double>{}), 0,
                         "Simulated (" + countOf(M, "walker") + ")",
                         w.p == w.q ? "Exact (reflection principle)" : "Exact (weighted reflection principle)");
    result.panels.push_back(std::move(highest));
    result.summary.push_back({"E[M_n]", withSampleError(sim.maximum.mean(), std::sqrt(sim.maximum.variance() / double(M)), M),
                              maximum ? formatSignificant(meanOf(*maximum), 6) : ""});
    if (maximum)
        fits.push_back(chiSquaredRow("χ² maximum vs exact", countsOf(sim.maximum, 0, std::int64_t(maximum->size()) - 1),
                                     *maximum, notes));
    result.panels.push_back(signPathsPanel(sim, w));
    if (sim.pathTimes.size() < std::size_t(n) + 1)
        notes.push_back("Sample paths are drawn at " + std::to_string(sim.pathTimes.size()) + " of the " +
                        std::to_string(n + 1) + " times; the colour of a segment between them is that of its midpoint.");

    // Goodness of fit of every histogram.
    result.summary.insert(result.summary.end(), fits.begin(), fits.end());
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    return result;
}

}  // namespace walklab::core
