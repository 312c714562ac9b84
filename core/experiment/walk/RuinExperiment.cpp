#include "core/experiment/walk/RuinExperiment.h"

#include "core/exact/GamblersRuin.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/ParamReader.h"
#include "core/experiment/SummaryRows.h"
#include "core/experiment/walk/PathPanels.h"
#include "core/experiment/walk/WalkPanels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace walklab::core {

namespace {

// Beyond this many capitals the exact ruin curve is drawn at about this many of them.
constexpr std::int64_t kCurveCapitals = 400;

std::string gameOf(const RuinParams& g)
{
    return "z = " + std::to_string(g.capital) + ", a = " + std::to_string(g.target) + ", p = " + formatNumber(g.p) +
           (g.p + g.q < 1 ? ", q = " + formatNumber(g.q) : "");
}

/// A panel that only the other kind of barrier fills: no series over x = 0, 1, and a title
/// that says how to see it.
Panel otherBarriers(const std::string& key, const std::string& title, const std::string& needed)
{
    return {key, title + ": choose barriers = " + needed, "x", "", "", {0, 1}, {}, {}};
}

/// The sample games up to the end of the last one shown (n, or the path horizon, when one is
/// unfinished), the barriers as guides.
Panel pathPanel(const RuinParams& g, const RuinSimulation& sim)
{
    const bool absorbing = g.barriers == Barriers::Absorbing;
    Panel p{"path",
            (absorbing ? "Sample games: z = " : "Reflected walks: z = ") + std::to_string(g.capital) + ", a = " +
                std::to_string(g.target),
            "step", "Time t (steps)", "Capital", {}, {}, {}};
    std::int64_t end = sim.pathTimes.empty() ? 0 : sim.pathTimes.back();
    if (absorbing && !sim.pathDurations.empty()) {
        const bool unfinished = std::ranges::find(sim.pathDurations, -1) != sim.pathDurations.end();
        end = unfinished ? end : std::max<std::int64_t>(1, std::ranges::max(sim.pathDurations));
    }
    // Times up to the first one at or after the end (a decimated path reaches its barrier there).
    const std::size_t kept = std::min(sim.pathTimes.size(),
                                      std::size_t(std::ranges::lower_bound(sim.pathTimes, end) - sim.pathTimes.begin()) + 1);
    for (std::size_t j = 0; j < kept; ++j)
        p.x.push_back(double(sim.pathTimes[j]));
    if (!absorbing && end < g.steps)
        p.title += " (the first " + std::to_string(end) + " of n = " + std::to_string(g.steps) + " steps)";
    for (std::size_t i = 0; i < sim.paths.size(); ++i)
        p.series.push_back({"path_" + std::to_string(i + 1), (absorbing ? "Gambler " : "Walker ") + std::to_string(i + 1),
                            SeriesStyle::Line,
                            std::vector<double>(sim.paths[i].begin(), sim.paths[i].begin() + std::ptrdiff_t(kept))});
    const std::string a = std::to_string(g.target);
    p.series.push_back({"target", absorbing ? "Target a = " + a : "Reflecting barrier a = " + a, SeriesStyle::Guide,
                        std::vector<double>(p.x.size(), double(g.target))});
    p.series.push_back({"ruin", absorbing ? "Ruin at 0" : "Reflecting barrier 0", SeriesStyle::Guide,
                        std::vector<double>(p.x.size(), 0.0)});
    p.yFrom = 0;
    p.yTo = double(g.target);
    return p;
}

/// The exact ruin probability the simulated curve estimates: P(ruin within n) from every
/// capital (`within`, when the cap n matters and ruinCurveWithin() could compute it) or
/// P(ruin) without a cap.
struct CurveLaw {
    std::optional<std::vector<double>> within;  ///< ruinCurveWithin(a, p, q, n), when the cap matters
    bool capUnknown = false;  ///< the cap may matter (games unfinished) but within n is too costly
    std::string note;         ///< why, when capUnknown
    double at(const RuinParams& g, std::int64_t z) const
    {
        return within ? (*within)[std::size_t(z)] : ruinProbability(z, g.target, g.p, g.q);
    }
};

/// The cap matters when some start's P(ruin) and P(ruin within n) differ by this much.
constexpr double kCapMatters = 1e-9;

CurveLaw curveLaw(const RuinParams& g, const RuinSimulation& sim)
{
    CurveLaw law;
    auto within = ruinCurveWithin(g.target, g.p, g.q, g.steps);
    if (!within) {
        const bool unfinished = std::ranges::any_of(sim.curveUnfinished, [](auto u) { return u > 0; });
        law.capUnknown = unfinished;
        law.note = within.error().front().message;
        return law;
    }
    for (std::int64_t z = 0; z <= g.target; ++z)
        if (ruinProbability(z, g.target, g.p, g.q) - (*within)[std::size_t(z)] >= kCapMatters) {
            law.within = std::move(*within);
            break;
        }
    return law;
}

/// The exact ruin curve over z = 0 … a (about kCurveCapitals of them for large a) — within n
/// when the cap matters, with the curve without a cap as a guide — and the simulated capitals
/// with error bars of 2 standard errors.
Panel ruinPanel(const RuinParams& g, const RuinSimulation& sim, const CurveLaw& law)
{
    const std::string within = law.within ? " within n = " + std::to_string(g.steps) + " rounds" : "";
    Panel p{"ruin", "P(ruin" + within + ") against the starting capital (p = " + formatNumber(g.p) + ")",
            "capital", "Starting capital z", "P(ruin" + std::string(law.within ? " within n" : "") + ")", {}, {}, {}};
    std::set<std::int64_t> capitals(sim.curveCapitals.begin(), sim.curveCapitals.end());
    const std::int64_t step = std::max<std::int64_t>(1, g.target / kCurveCapitals);
    for (std::int64_t z = 0; z <= g.target; z += step)
        capitals.insert(z);
    capitals.insert(g.target);
    const std::string closedForm =
        g.p == g.q ? "1 − z/a (fair game)" : "(ρ^a − ρ^z)/(ρ^a − 1), ρ = q/p = " + formatSignificant(g.q / g.p, 4);
    Series exact{"exact", law.within ? "Exact P(ruin within n = " + std::to_string(g.steps) + ")" : "Exact " + closedForm,
                 SeriesStyle::Line, {}};
    Series uncapped{"uncapped", "Without a cap: " + closedForm, SeriesStyle::Guide, {}};
    Series simulated{"simulated", "Simulated ± 2 se (" + countOf(sim.curveWalkers, "game") + " each" +
                                      (law.within || law.capUnknown ? ", unfinished at n count as not ruined)" : ")"),
                     SeriesStyle::Points, {}};
    for (std::int64_t z : capitals) {
        p.x.push_back(double(z));
        exact.y.push_back(law.at(g, z));
        uncapped.y.push_back(ruinProbability(z, g.target, g.p, g.q));
        const auto at = std::find(sim.curveCapitals.begin(), sim.curveCapitals.end(), z);
        const bool simulatedHere = at != sim.curveCapitals.end();
        const std::size_t j = std::size_t(at - sim.curveCapitals.begin());
        simulated.y.push_back(simulatedHere ? sim.curveRuinFraction[j] : std::nan(""));
        simulated.error.push_back(simulatedHere ? 2 * sim.curveStandardError[j] : std::nan(""));
    }
    p.series = {std::move(simulated), std::move(exact)};
    if (law.within)
        p.series.push_back(std::move(uncapped));
    p.yFrom = 0;
    p.yTo = 1;
    return p;
}

/// The ruin curve in one row: the largest |simulated − exact| / se over the k simulated
/// capitals with se > 0 (the ends 0 and a have none), and beside it the chance of a maximum at
/// least m = that large when every point is exact up to independent normal errors:
/// P(max of k |N(0, 1)| ≥ m) = 1 − erf(m/√2)^k (a normal approximation of the binomials).
/// With k = 0 (p or q = 1, or one game per capital: each capital ruined in all or none of its
/// games) there is nothing to divide by, and the row says so instead of naming a count.
SummaryRow ruinCurveRow(const RuinParams& g, const RuinSimulation& sim, const CurveLaw& law)
{
    double worst = 0;
    int k = 0;
    for (std::size_t j = 0; j < sim.curveCapitals.size(); ++j)
        if (sim.curveStandardError[j] > 0) {
            ++k;
            worst = std::max(worst, std::abs(sim.curveRuinFraction[j] - law.at(g, sim.curveCapitals[j])) /
                                        sim.curveStandardError[j]);
        }
    const std::string quantity = "Ruin curve: largest |simulated − exact| / se";
    if (k == 0)
        return {quantity, "n/a (se = 0 at every capital: all or none of its games ruined)", ""};
    const std::string over = quantity + " over " + countOf(k, "capital");
    if (law.capUnknown)
        return {over, "n/a (games unfinished at n; no exact curve within n)", ""};
    const double pValue = -std::expm1(double(k) * std::log1p(-std::erfc(worst / std::sqrt(2.0))));
    return {over, formatSignificant(worst, 3), "p-value ≈ " + formatSignificant(pValue, 3)};
}

/// An exact probability, "< 1e-30" below the precision of the transfer matrix.
std::string probability(double value)
{
    return value > 0 && value < 1e-30 ? "< 1e-30" : formatSignificant(value, 6);
}

/// The position at time n with reflecting barriers over x = 0 … a: simulated, exact (when
/// computable) and the stationary law.
Panel positionPanel(const RuinParams& g, const RuinSimulation& sim, const std::vector<double>& law)
{
    Panel position{"position", "Position at time n = " + std::to_string(g.steps) + " (" + gameOf(g) + ")", "position",
                   "Position x", "P(X_n = x)", {}, {}, {}};
    Series simulated{"simulated", "Simulated (" + countOf(g.walkers, "walker") + ")", SeriesStyle::Bars, {}};
    Series exact{"exact", "Exact", SeriesStyle::Points, {}, true};
    Series stationary{"stationary", g.p == g.q ? "Stationary law (uniform)" : "Stationary law ∝ (p/q)^x",
                      SeriesStyle::Line, reflectingStationaryLaw(g.target, g.p, g.q), true};
    for (std::int64_t x = 0; x <= g.target; ++x) {
        position.x.push_back(double(x));
        simulated.y.push_back(double(sim.positions.count(x)) / double(g.walkers));
    }
    exact.y = law;
    position.series.push_back(std::move(simulated));
    if (!law.empty())
        position.series.push_back(std::move(exact));
    position.series.push_back(std::move(stationary));
    return position;
}

}  // namespace

RuinExperiment::RuinExperiment()
{
    const RuinParams d;
    m_params = {
        {"capital", "Starting capital z", ParamType::Integer, 0, double(kMaxRuinTarget), std::to_string(d.capital), "units",
         "The gambler's capital at the start (1 … a − 1; 0 … a with reflecting barriers)."},
        {"target", "Target a", ParamType::Integer, 2, double(kMaxRuinTarget), std::to_string(d.target), "units",
         "The game ends at a: the two players' capital together (2 … 10^6)."},
        {"p", "P(win a round) p", ParamType::Real, 0, 1, formatNumber(d.p), "",
         "Probability that the gambler wins one unit in a round (0 … 1).", {}, true},
        {"q", "P(lose a round) q", ParamType::Real, 0, 1, "", "",
         "Probability of losing one unit (0 … 1 − p); empty means 1 − p. A round is a draw with probability "
         "r = 1 − p − q."},
        {"walkers", "Gamblers M", ParamType::Integer, 1, 1e9, std::to_string(d.walkers), "gamblers",
         "Number of independent games simulated (1 … 10^9); as many again estimate the ruin curve."},
        {"steps", "Steps n", ParamType::Integer, 1, 1e9, std::to_string(d.steps), "steps",
         "Absorbing barriers: the most rounds played; games still going then are counted as unfinished "
         "(and compared with the exact laws within n rounds). Reflecting barriers: the time at which the positions "
         "are shown (1 … 10^9)."},
        {"barriers", "Barriers", ParamType::Choice, 0, 0, std::string(kBarrierNames[0]), "",
         "Absorbing: the game ends at 0 (ruin) or a (win). Reflecting: a step that would leave 0 … a is not taken.",
         {{std::string(kBarrierNames[0]), "Absorbing"}, {std::string(kBarrierNames[1]), "Reflecting"}}},
        seedParam(std::to_string(d.seed)),
        {"paths", "Gamblers shown", ParamType::Integer, 0, 1000, std::to_string(d.paths), "gamblers",
         "Number of sample games drawn (0 … 1000, at most the number of gamblers).", {}, false, {"path"}},
    };
    m_views = {
        {"path", "Sample games", "Capital of the first gamblers over time, between the barriers 0 and a.", true},
        {"ruin", "Ruin probability",
         "P(ruin) against the starting capital: simulated points with error bars and the exact curve.", true,
         {{"barriers", std::string(kBarrierNames[0])}}},
        {"duration", "Duration",
         "How long the game lasts: simulated, exact, and the games unfinished after n rounds.", false,
         {{"barriers", std::string(kBarrierNames[0])}}},
        {"position", "Position (reflecting)",
         "Reflecting barriers: where the walker is at time n, exact and the stationary law.", true,
         {{"barriers", std::string(kBarrierNames[1])}}},
    };
}

std::string RuinExperiment::help() const
{
    return "A gambler with capital z plays rounds won with probability p (lost with q, drawn with r = 1 − p − q) "
           "against an adversary until one of them is ruined: the walk from z is absorbed at 0 or at a. A fair game "
           "is lost with probability 1 − z/a; a slightly unfair one almost surely. With reflecting barriers the walk "
           "stays in 0 … a and settles to its stationary law. Simulated against the exact laws (Feller vol. I, "
           "ch. XIV).";
}

std::vector<Preset> RuinExperiment::presets() const
{
    return {
        {"Fair game (z = 10, a = 20)", "A fair coin, equal capitals: ruin with probability 1/2, z(a − z) = 100 rounds on average.",
         {{"capital", "10"}, {"target", "20"}, {"p", "0.5"}, {"q", ""}, {"barriers", "absorbing"}, {"steps", "10000"}}},
        {"A slightly unfair casino (p = 0.49, z = 90, a = 100)",
         "Odds barely against the gambler, who needs only 10 more units: a win 2 times in 3, yet the expected gain is −23.6 units.",
         {{"capital", "90"}, {"target", "100"}, {"p", "0.49"}, {"q", ""}, {"barriers", "absorbing"}, {"steps", "100000"}}},
        {"Feller's table: p = 0.45, z = 90, a = 100",
         "Feller vol. I, §XIV.2, Table 1: ruin probability 0.866, expected gain −76.6, expected duration 765.6.",
         {{"capital", "90"}, {"target", "100"}, {"p", "0.45"}, {"q", ""}, {"barriers", "absorbing"}, {"steps", "100000"}}},
        {"Reflecting barriers", "Walls at 0 and 20 that push the walker back: after 400 steps it is near its stationary law.",
         {{"capital", "0"}, {"target", "20"}, {"p", "0.55"}, {"q", ""}, {"barriers", "reflecting"}, {"steps", "400"}}},
    };
}

Expected<RuinParams> RuinExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    RuinParams g;
    g.capital = read.integer("capital");
    g.target = read.integer("target");
    g.p = read.real("p");
    g.q = read.downOrComplement("q", g.p);
    g.walkers = read.integer("walkers");
    g.steps = read.integer("steps");
    g.barriers = read.choice("barriers") == kBarrierNames[1] ? Barriers::Reflecting : Barriers::Absorbing;
    g.seed = read.seed("seed");
    g.paths = read.paths("paths", g.walkers, "walkers");
    read.check(core::validate(g));
    return read.finish(g);
}

Expected<Result> RuinExperiment::compute(const RuinParams& g, RunControl& control) const
{
    auto simulated = simulateRuin(g, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const RuinSimulation& sim = *simulated;
    const std::int64_t M = g.walkers;
    const double m = double(M);
    Result result;
    result.threads = sim.threads;
    auto& notes = result.notes;
    result.panels.push_back(pathPanel(g, sim));

    if (g.barriers == Barriers::Reflecting) {
        result.panels.push_back(otherBarriers("ruin", "Ruin probability", "absorbing"));
        result.panels.push_back(otherBarriers("duration", "Duration", "absorbing"));
        auto law = reflectingPositionLaw(g.capital, g.target, g.p, g.q, g.steps);
        if (!law)
            notes.push_back("No exact law of the position: " + law.error().front().message + ".");
        result.panels.push_back(positionPanel(g, sim, law ? *law : std::vector<double>{}));
        const std::vector<double> pi = reflectingStationaryLaw(g.target, g.p, g.q);
        long double mean = 0, stationaryMean = 0;
        for (std::size_t x = 0; x < pi.size(); ++x)
            stationaryMean += (long double)x * pi[x];
        if (law)
            for (std::size_t x = 0; x < law->size(); ++x)
                mean += (long double)x * (*law)[x];
        result.summary.push_back({"Mean position at n", withSampleError(sim.positions.mean(), std::sqrt(sim.positions.variance() / m), M),
                                  law ? formatSignificant(double(mean), 6) : ""});
        result.summary.push_back({"Mean of the stationary law", "", formatSignificant(double(stationaryMean), 6)});
        if (law) {
            std::vector<std::uint64_t> observed;
            for (std::int64_t x = 0; x <= g.target; ++x)
                observed.push_back(sim.positions.count(x));
            result.summary.push_back(chiSquaredRow("χ² position vs exact", observed, *law, notes));
        }
        result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
        return result;
    }

    // Absorbing barriers: the ruin curve, the duration, the summary of the game from z.
    const CurveLaw curve = curveLaw(g, sim);
    result.panels.push_back(ruinPanel(g, sim, curve));
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const TimeBins& bins = sim.durationBins;
    auto law = ruinDurationLaw(g.capital, g.target, g.p, g.q, bins);
    if (!law)
        notes.push_back("No exact law of the duration: " + law.error().front().message + ".");
    // Bins in sight: up to the last one with a walker or with an exact probability per step
    // above 10^-6 of the largest.
    std::vector<std::uint64_t> counts(bins.bins());
    std::vector<double> masses;
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] = sim.ruinDurations[i] + sim.winDurations[i];
    std::size_t shown = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (counts[i] > 0)
            shown = i + 1;
    if (law) {
        double top = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            masses.push_back(law->ruin[i] + law->win[i]);
            top = std::max(top, masses[i] / double(bins.width(i)));
        }
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (masses[i] / double(bins.width(i)) >= 1e-6 * top)
                shown = std::max(shown, i + 1);
    }
    const std::vector<std::int64_t> edges(bins.edges().begin(), bins.edges().begin() + std::ptrdiff_t(shown) + 1);
    const std::vector<std::uint64_t> shownCounts(counts.begin(), counts.begin() + std::ptrdiff_t(shown));
    const std::vector<double> shownMasses = law ? std::vector<double>(masses.begin(), masses.begin() + std::ptrdiff_t(shown))
                                                : std::vector<double>{};
    Panel duration{"duration", "Duration of the game from z = " + std::to_string(g.capital), "step", "Duration T (rounds)",
                   bins.unit() ? "P(T = t)" : "P(T = t), averaged over bins", {}, {}, {}};
    fillTimeHistogram(duration,
                      {&edges, &shownCounts, law ? &shownMasses : nullptr, M, ruinDurationParity(g.capital, g.target, g.p, g.q)},
                      "Simulated (" + countOf(M, "game") + "), " + percent(double(sim.unfinished) / m) + " unfinished at n",
                      law ? "Exact" : "");
    duration.logX = true;  // quick wins and slow ruins differ by orders of magnitude
    result.panels.push_back(std::move(duration));
    result.panels.push_back(otherBarriers("position", "Position at n", "reflecting"));

    // With games unfinished at the cap, the simulation estimates P(ruin within n): compared with
    // that, and the probabilities without a cap listed below without a simulated value.
    const bool capped = law ? law->beyond >= kCapMatters : sim.unfinished > 0;
    const std::string n = std::to_string(g.steps);
    const std::string ruin = formatSignificant(ruinProbability(g.capital, g.target, g.p, g.q), 6);
    const std::string win = formatSignificant(winProbability(g.capital, g.target, g.p, g.q), 6);
    if (capped) {
        result.summary.push_back({"Ruin within n = " + n + " rounds", fractionOfWalkers(sim.ruined, M),
                                  law ? probability(law->ruinBy) : ""});
        result.summary.push_back({"Win within n = " + n + " rounds", fractionOfWalkers(sim.won, M), law ? probability(law->winBy) : ""});
        result.summary.push_back({"Ruin probability (no cap)", "", ruin});
        result.summary.push_back({"Win probability (no cap)", "", win});
    } else {
        result.summary.push_back({"Ruin probability from z", fractionOfWalkers(sim.ruined, M), ruin});
        result.summary.push_back({"Win probability (reach a)", fractionOfWalkers(sim.won, M), win});
    }
    result.summary.push_back({"Expected duration E[T]", "", formatSignificant(expectedDuration(g.capital, g.target, g.p, g.q), 6)});
    result.summary.push_back({"E[min(T, n)]", withSampleError(sim.durationMean, sim.durationStandardError, M),
                              law ? formatSignificant(law->truncatedMean, 6) : ""});
    result.summary.push_back({"Expected gain a·P(win) − z", "", formatSignificant(expectedGain(g.capital, g.target, g.p, g.q), 6)});
    result.summary.push_back({"Unfinished after n rounds", fractionOfWalkers(sim.unfinished, M), law ? probability(law->beyond) : ""});
    if (law) {
        std::vector<std::uint64_t> observed = counts;
        std::vector<double> probabilities = masses;
        observed.push_back(sim.unfinished);
        probabilities.push_back(law->beyond);
        result.summary.push_back(chiSquaredRow("χ² duration vs exact", observed, probabilities, notes));
    }
    result.summary.push_back(ruinCurveRow(g, sim, curve));
    if (sim.unfinished > 0)
        notes.push_back(std::to_string(sim.unfinished) + " of " + std::to_string(M) + " games were still going after n = " +
                        n + " rounds: counted as unfinished, not dropped.");
    if (curve.within)
        notes.push_back("Ruin curve: games unfinished after n = " + n +
                        " rounds count as not ruined; the points estimate P(ruin within n rounds), the exact line.");
    if (curve.capUnknown)
        notes.push_back("Ruin curve: games were unfinished after n = " + n +
                        " rounds, so the points estimate P(ruin within n rounds), which could not be computed ("
                        + curve.note + "); the line is P(ruin) without a cap.");
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    return result;
}

}  // namespace walklab::core
