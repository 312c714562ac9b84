#include "core/experiment/walk/Walk1DExperiment.h"

#include "core/exact/FirstPassage.h"
#include "core/exact/Walk1DDistribution.h"
#include "core/exact/ReturnProbabilities.h"
#include "core/exact/StepLaw.h"
#include "core/experiment/ParamReader.h"
#include "core/experiment/SummaryRows.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/walk/WalkPanels.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/walk/FirstPassageWalk.h"

#include <cmath>

namespace walklab::core {

namespace {

// Plot μ ± 5σ (and every observed position); test goodness of fit over μ ± 10σ, beyond
// which the exact mass is below 10^-23 and is left out.
constexpr double kPlotSds = 5.0;
constexpr double kTestSds = 10.0;

// The first-return times of the "returns" panel come from their own streams (domain 1), so
// that the endpoints and the paths of simulateWalk1D() (domain 0) do not depend on them.
constexpr std::uint32_t kFirstReturnDomain = 1;
// "returns": P(T_0 ≤ t) from the first-return times of `sim` (M walkers) at the observation
// times (unit bins, n ≤ kMaxUnitTimeBins) or at the upper edges of the logarithmic bins; log x
// axis for n > 1000; error bars of 2 standard errors √(P(1 − P)/M).
Panel firstReturnPanel(const FirstPassageSimulation& sim, std::int64_t walkers, std::int64_t steps,
                       const std::vector<double>* returnedBy, std::optional<double> ever, bool drift)
{
    Panel p{"returns", "Returned to the start by step t (" + countOf(walkers, "walker") + ")", "step",
            "Time t (steps)", "P(T ≤ t), T = first return time", {}, {}, {}};
    std::vector<std::int64_t> times;
    if (sim.bins.unit()) {
        times = observationTimes(steps);
        p.logX = steps > 1000;  // returns happen early: 1 … 64 step by step, then 200 times up to n
    } else {
        for (std::size_t i = 0; i < sim.bins.bins(); ++i)
            times.push_back(sim.bins.upper(i));
        p.logX = true;
    }
    Series simulated{"simulated", "Simulated fraction returned (± 2 se)", SeriesStyle::Points};
    Series exact{"exact", "Exact P(T ≤ t)", SeriesStyle::Steps, {}, true};
    std::uint64_t returned = 0;
    std::size_t bin = 0;
    for (const std::int64_t t : times) {
        for (; bin < sim.bins.bins() && sim.bins.upper(bin) <= t; ++bin)
            returned += sim.counts[bin];
        const double fraction = double(returned) / double(walkers);
        p.x.push_back(double(t));
        simulated.y.push_back(fraction);
        simulated.error.push_back(2 * std::sqrt(fraction * (1 - fraction) / double(walkers)));
        if (returnedBy)
            exact.y.push_back((*returnedBy)[std::size_t(t)]);
    }
    p.series.push_back(std::move(simulated));
    if (returnedBy)
        p.series.push_back(std::move(exact));
    if (ever)
        p.series.push_back({"polya", std::string(drift ? "Ever returns: " : "Ever returns (Pólya): ") + formatSignificant(*ever, 10),
                            SeriesStyle::Guide, std::vector<double>(p.x.size(), *ever), true});
    return p;
}

// The "msd" panel of the tracked walkers, and the "returns" panel from the first-return times
// of all M walkers (or of as many as kReturnBudgetSeconds allows, said in a note), each with
// its exact curve (the msd's always; the first returns' for n ≤ kMaxExactPathSteps = 10^7).
Errors addObservedPanels(const Walk1DParams& w, const Walk1DSimulation& sim, RunControl& control, Result& result)
{
    const double r = std::max(0.0, 1.0 - w.p - w.q);
    const std::array<double, 2> weights{w.p, w.q};
    const auto law = StepLaw::simple(1, weights, r);
    Moments step;
    step.dimension = 1;
    step.mean[0] = w.p - w.q;
    step.covariance[0][0] = w.p + w.q - (w.p - w.q) * (w.p - w.q);
    result.panels.push_back(msdPanel(sim.observed, step));
    if (sim.observed.tracked < w.walkers)
        result.notes.push_back("The MSD curve follows the first " + std::to_string(sim.observed.tracked) +
                               " walkers (a subsample: the other walkers run the fast kernel unobserved).");

    double allSeconds = 0;
    const std::int64_t walkers = firstReturnWalkers(w, allSeconds);
    const auto returns = simulateFirstPassage({w.steps, walkers, w.p, w.q, 0, w.seed, kFirstReturnDomain}, control);
    if (!returns)
        return returns.error();
    if (walkers < w.walkers)
        result.notes.push_back("The return curve follows the first " + std::to_string(walkers) + " of the " +
                               std::to_string(w.walkers) + " walkers: all of them would take about " +
                               formatSignificant(allSeconds, 2) + " s, above the limit of " +
                               formatSignificant(kReturnBudgetSeconds, 2) + " s for this curve.");
    // Exact: f_t = P(T_0 = t) by firstPassageLaw's O(n) recurrence (n ≤ 10^7), and Pólya's all-time value.
    std::optional<std::vector<double>> f, returnedBy;
    std::optional<double> ever;
    if (law && !control.cancelled()) {
        if (auto exact = firstReturnLaw(w.p, w.q, w.steps)) {
            f = std::move(*exact);
            returnedBy.emplace();
            long double sum = 0;
            for (double x : *f)
                returnedBy->push_back(double(sum += x));
        } else {
            result.notes.push_back("No exact first-return law: " + exact.error().front().message + ".");
        }
        if (auto p = allTimeReturnProbability(*law))
            ever = *p;
    }
    result.panels.push_back(firstReturnPanel(*returns, walkers, w.steps, returnedBy ? &*returnedBy : nullptr, ever, w.p != w.q));
    const double byN = double(std::uint64_t(walkers) - returns->notArrived) / double(walkers);
    result.summary.push_back({"Returned to 0 by step n", withSampleError(byN, std::sqrt(byN * (1 - byN) / double(walkers)), walkers),
                              returnedBy ? formatSignificant(returnedBy->back(), 6) : ""});
    if (f) {
        std::vector<std::uint64_t> observed = returns->counts;
        std::vector<double> probability = returns->bins.masses(*f);
        observed.push_back(returns->notArrived);
        probability.push_back(1 - returnedBy->back());
        const ChiSquaredResult chi = chiSquaredTest(observed, probability);
        result.summary.push_back(chiSquaredRow("First-return times: chi-squared vs exact", chi));
    }
    return {};
}

}  // namespace

std::int64_t firstReturnWalkers(const Walk1DParams& w, double& allSeconds)
{
    const double moves = w.p + w.q, drift = std::abs(w.p - w.q);
    const double steps = std::min(double(w.steps), 1 + moves * std::min(std::sqrt(8 * double(w.steps) / (M_PI * moves)),
                                                                       drift > 0 ? 1 / drift : INFINITY));
    const double perWalker = 0.2e-6 + steps / (w.p == 0.5 && w.q == 0.5 ? 1.5e10 : 1e9);
    allSeconds = perWalker * double(w.walkers);
    return std::min<std::int64_t>(w.walkers, std::max<std::int64_t>(1, std::int64_t(kReturnBudgetSeconds / perWalker)));
}

Walk1DExperiment::Walk1DExperiment()
{
    const Walk1DParams d;
    m_params = {
        {"steps", "Steps n", ParamType::Integer, 1, 1e9, std::to_string(d.steps), "steps",
         "Number of steps each walker takes (1 … 10^9)."},
        {"walkers", "Walkers M", ParamType::Integer, 1, 1e9, std::to_string(d.walkers), "walkers",
         "Number of independent walkers simulated (1 … 10^9)."},
        {"p", "P(step +1) p", ParamType::Real, 0, 1, formatNumber(d.p), "",
         "Probability of a step to the right (0 … 1)."},
        {"q", "P(step −1) q", ParamType::Real, 0, 1, "", "",
         "Probability of a step to the left (0 … 1 − p); empty means 1 − p. The walker stays "
         "put with probability r = 1 − p − q (lazy walk)."},
        seedParam(std::to_string(d.seed)),
        {"paths", "Paths shown", ParamType::Integer, 0, 1000, std::to_string(d.paths), "paths",
         "Number of sample paths kept and drawn (0 … 1000, at most the number of walkers).",
         {}, false, {"paths"}},
    };
    m_views = {
        {"paths", "Sample paths", "Position of the first walkers against time, with mean and ±2 sd.", true},
        {"msd", "Mean squared displacement", "E[S_t²] against t: simulated ± 2 se and the exact curve."},
        {"returns", "Returned by step t",
         "Fraction of the walkers back at 0 by step t (every walker's first return, with 2-se error bars), "
         "the exact curve and the all-time value (1 without drift)."},
        {"endpoint", "Endpoint distribution",
         "P(S_n = k): simulated frequencies, exact PMF and normal approximation.", true},
    };
}

std::string Walk1DExperiment::help() const
{
    return "The drunkard's walk on the integers: every walker starts at 0 and takes n steps of "
           "+1, −1 or 0 with probabilities p, q and r = 1 − p − q. The endpoint histogram is "
           "compared with the exact law of S_n and its normal approximation.";
}

std::vector<Preset> Walk1DExperiment::presets() const
{
    return {
        {"Fair coin: 100 tosses",
         "Heads +1, tails −1. After n tosses S_n has mean 0 and standard deviation √n = 10, and its "
         "histogram is close to the normal curve (de Moivre–Laplace); S_n is always even.",
         {{"steps", "100"}, {"walkers", "100000"}, {"p", "0.5"}, {"q", ""}}},
        {"Biased coin: p = 0.6",
         "A drift of p − q = 0.2 per step: after 100 steps the walkers are centred on 20, with standard "
         "deviation 2√(npq) ≈ 9.8.",
         {{"steps", "100"}, {"walkers", "100000"}, {"p", "0.6"}, {"q", ""}}},
        {"Lazy walker: stays half the time",
         "p = q = 1/4, r = 1/2: the walker moves on half of the steps, so S_n spreads like √(n/2), "
         "and every integer can be reached.",
         {{"steps", "100"}, {"walkers", "100000"}, {"p", "0.25"}, {"q", "0.25"}}},
        {"A million steps: the walker always comes home",
         "A fair walk returns to 0 with probability 1, but slowly: the chance of no return by step t "
         "is about √(2/(πt)), still 0.08 % at t = 10⁶ (returns view).",
         {{"steps", "1000000"}, {"walkers", "10000"}, {"p", "0.5"}, {"q", ""}, {"paths", "5"}}},
    };
}

Expected<Walk1DParams> Walk1DExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    Walk1DParams w;
    w.steps = read.integer("steps");
    w.walkers = read.integer("walkers");
    w.p = read.real("p");
    w.q = read.downOrComplement("q", w.p);
    w.seed = read.seed("seed");
    w.paths = read.paths("paths", w.walkers, "walkers");
    read.check(core::validate(w));  // range checks only for the fields that parsed
    return read.finish(w);
}

Expected<Result> Walk1DExperiment::compute(const Walk1DParams& w, RunControl& control) const
{
    auto simulated = simulateWalk1D(w, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const Walk1DSimulation& sim = *simulated;
    const Walk1DDistribution law(w.steps, w.p, w.q);
    const double mu = law.mean(), sd = std::sqrt(law.variance());
    const double M = double(w.walkers);

    Result result;
    result.threads = sim.threads;

    // Paths panel: x = time, one series per kept walker, then the mean and ±2 sd guides.
    Panel paths{"paths", "Sample paths", "step", "Time t (steps)", "Position S_t", {}, {}, {}};
    for (auto t : sim.pathTimes)
        paths.x.push_back(double(t));
    for (std::size_t i = 0; i < sim.paths.size(); ++i) {
        Series s{"path_" + std::to_string(i + 1), "Walker " + std::to_string(i + 1),
                 SeriesStyle::Line, {}, false, false};
        s.y.assign(sim.paths[i].begin(), sim.paths[i].end());
        paths.series.push_back(std::move(s));
    }
    Series meanLine{"mean", "Mean t(p − q)", SeriesStyle::Guide, {}, true, false};
    Series upper{"mean_plus_2sd", "Mean ± 2 sd", SeriesStyle::Guide, {}, true, false};
    Series lower{"mean_minus_2sd", "", SeriesStyle::Guide, {}, true, false};
    const double stepVar = law.variance() / double(w.steps);
    for (double t : paths.x) {
        meanLine.y.push_back(t * (w.p - w.q));
        upper.y.push_back(t * (w.p - w.q) + 2 * std::sqrt(stepVar * t));
        lower.y.push_back(t * (w.p - w.q) - 2 * std::sqrt(stepVar * t));
    }
    paths.series.push_back(std::move(meanLine));
    paths.series.push_back(std::move(upper));
    paths.series.push_back(std::move(lower));

    // Endpoint panel over μ ± 5σ and every observed position.
    auto [lo, hi] = law.significantRange(kPlotSds);
    lo = std::min(lo, sim.endpoints.minValue());
    hi = std::max(hi, sim.endpoints.maxValue());
    const bool exactAvailable = law.r() == 0.0 || w.steps <= kMaxExactLazySteps;
    Panel endpoint{"endpoint", "Endpoint distribution after n = " + countOf(w.steps, "step"),
                   "position", "Position k", "Probability P(S_n = k)", {}, {}, {}};
    Series simSeries{"simulated", "Simulated (" + countOf(w.walkers, "walker") + ")",
                     SeriesStyle::Bars, {}, false, false};
    Series exactSeries{"exact", "Exact PMF", SeriesStyle::Points, {}, true, true};
    Series normalSeries{"normal", law.r() == 0.0 ? "Normal approximation (×2, parity lattice)"
                                                 : "Normal approximation",
                        SeriesStyle::Line, {}, true, true};
    if (exactAvailable)
        exactSeries.y = law.pmf(lo, hi);
    for (std::int64_t k = lo; k <= hi; ++k) {
        if (control.cancelled())
            return fail(ErrorKind::Cancelled, "", "cancelled");
        endpoint.x.push_back(double(k));
        endpoint.support.push_back(law.possible(k));
        simSeries.y.push_back(double(sim.endpoints.count(k)) / M);
        normalSeries.y.push_back(law.normalApproximation(k));
    }
    endpoint.series.push_back(std::move(simSeries));
    if (exactAvailable)
        endpoint.series.push_back(std::move(exactSeries));
    else
        result.notes.push_back("The exact PMF of a lazy walk (r > 0) is computed for n ≤ 10^7 "
                               "steps; for n = " + std::to_string(w.steps) +
                               " only the normal approximation is shown.");
    endpoint.series.push_back(std::move(normalSeries));

    // Summary: moments with standard errors, and chi-squared over μ ± 10σ.
    const double mean = sim.endpoints.mean(), var = sim.endpoints.variance();
    const double seMean = std::sqrt(var / M);
    // Var(s²) ≈ (μ4 − σ⁴)/M; for the walk μ4 = 3σ⁴ + n·(κ4 of one step), close to 2σ⁴/M.
    const double seVar = law.variance() * std::sqrt(2.0 / std::max(1.0, M - 1));
    result.summary.push_back({"Mean of S_n", withSampleError(mean, seMean, w.walkers), formatSignificant(mu, 6)});
    result.summary.push_back({"Variance of S_n", withSampleError(var, seVar, w.walkers), formatSignificant(law.variance(), 6)});
    result.summary.push_back({"Standard deviation", formatSignificant(std::sqrt(var), 6), formatSignificant(sd, 6)});
    if (exactAvailable) {
        auto [tlo, thi] = law.significantRange(kTestSds);
        tlo = std::min(tlo, sim.endpoints.minValue());
        thi = std::max(thi, sim.endpoints.maxValue());
        std::vector<std::uint64_t> observed;
        const std::vector<double> probability = law.pmf(tlo, thi);
        for (std::int64_t k = tlo; k <= thi; ++k)
            observed.push_back(sim.endpoints.count(k));
        const ChiSquaredResult chi = chiSquaredTest(observed, probability);
        result.summary.push_back(chiSquaredRow("Chi-squared vs exact", chi));
        if (chi.impossible > 0)
            result.notes.push_back(std::to_string(chi.impossible) +
                                   " walkers ended at positions the exact law says are impossible.");
    }
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    result.summary.push_back({"Steps per second",
                              formatSignificant(M * double(w.steps) / std::max(sim.seconds, 1e-9), 3), ""});
    result.panels.push_back(std::move(paths));
    if (Errors e = addObservedPanels(w, sim, control, result); !e.empty())
        return std::unexpected(std::move(e));
    result.panels.push_back(std::move(endpoint));
    return result;
}

}  // namespace walklab::core
