#include "core/experiment/walk/Walk1DExperiment.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/exact/ReturnProbabilities.h"
#include "core/exact/StepLaw.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/walk/WalkPanels.h"
#include "core/stats/ChiSquaredTest.h"

#include <chrono>
#include <cmath>

namespace walklab::core {

namespace {

// Plot μ ± 5σ (and every observed position); test goodness of fit over μ ± 10σ, beyond
// which the exact mass is below 10^-23 and is left out.
constexpr double kPlotSds = 5.0;
constexpr double kTestSds = 10.0;

// An estimate from `count` walkers; its standard error needs at least two.
std::string withError(double value, double standardError, std::int64_t count)
{
    return formatSignificant(value, 6) + " ± " + (count < 2 ? "n/a (needs M ≥ 2)" : formatSignificant(standardError, 2));
}

// The "msd" and "returns" panels of the tracked walkers, with the exact curves when the
// return probabilities are within their limits (n ≤ 4·10^6, 2.5·10^5 with a pause).
void addObservedPanels(const Walk1DParams& w, const Walk1DSimulation& sim, RunControl& control, Result& result)
{
    const double r = std::max(0.0, 1.0 - w.p - w.q);
    const std::array<double, 2> weights{w.p, w.q};
    const auto law = StepLaw::simple(1, weights, r);
    Moments step;
    step.dimension = 1;
    step.mean[0] = w.p - w.q;
    step.covariance[0][0] = w.p + w.q - (w.p - w.q) * (w.p - w.q);
    result.panels.push_back(msdPanel(sim.observed, step));
    std::optional<ReturnProbabilities> exact;
    std::optional<double> ever;
    if (law && !control.cancelled()) {
        if (auto returns = returnStatistics(*law, w.steps))
            exact = std::move(*returns);
        else
            result.notes.push_back("No exact return probabilities: " + returns.error().front().message + ".");
        if (auto p = allTimeReturnProbability(*law))
            ever = *p;
    }
    result.panels.push_back(returnsPanel(sim.observed, true, exact ? &*exact : nullptr, ever, w.p != w.q));
    const Estimate last = observedReturned(sim.observed, sim.observed.times.size() - 1);
    result.summary.push_back({"Returned to 0 by step n", withError(last.value, last.standardError, sim.observed.tracked),
                              exact ? formatSignificant(exact->returnedBy.back(), 6) : ""});
    if (sim.observed.tracked < w.walkers)
        result.notes.push_back("The MSD and return curves follow the first " + std::to_string(sim.observed.tracked) +
                               " walkers (a subsample: the other walkers run the fast kernel unobserved).");
}

}  // namespace

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
         "Fraction of walkers back at 0 by step t, the exact curve and the all-time value (1 without drift)."},
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

Expected<Walk1DParams> Walk1DExperiment::parse(const ParamSet& params) const
{
    Errors errors;
    Walk1DParams w;
    auto take = [&](auto parsed, auto& field) {
        if (parsed)
            field = *parsed;
        else
            errors.insert(errors.end(), parsed.error().begin(), parsed.error().end());
    };
    take(parseInteger(*param("steps"), paramText(params, *param("steps"))), w.steps);
    take(parseInteger(*param("walkers"), paramText(params, *param("walkers"))), w.walkers);
    take(parseReal(*param("p"), paramText(params, *param("p"))), w.p);
    const std::string qText = paramText(params, *param("q"));
    if (qText.find_first_not_of(" \t") == std::string::npos)
        w.q = (w.p >= 0 && w.p <= 1) ? 1.0 - w.p : 0.0;  // a bad p is reported once, as p
    else
        take(parseReal(*param("q"), qText), w.q);
    take(parseSeed(*param("seed"), paramText(params, *param("seed"))), w.seed);
    take(parseInteger(*param("paths"), paramText(params, *param("paths"))), w.paths);
    if (!params.contains("paths"))  // the default never exceeds the number of walkers
        w.paths = std::min(w.paths, std::max<std::int64_t>(w.walkers, 0));
    // Range checks only for the fields that parsed, so each field has at most one message.
    for (auto& e : core::validate(w)) {
        bool seen = false;
        for (const auto& prior : errors)
            seen = seen || prior.parameter == e.parameter;
        if (!seen)
            errors.push_back(std::move(e));
    }
    if (!errors.empty())
        return std::unexpected(std::move(errors));
    return w;
}

Errors Walk1DExperiment::validate(const ParamSet& params) const
{
    auto parsed = parse(params);
    return parsed ? Errors{} : parsed.error();
}

Expected<Result> Walk1DExperiment::run(const ParamSet& params, RunControl& control) const
{
    const auto start = std::chrono::steady_clock::now();
    auto parsed = parse(params);
    if (!parsed)
        return std::unexpected(parsed.error());
    const Walk1DParams& w = *parsed;

    auto simulated = simulateWalk1D(w, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const Walk1DSimulation& sim = *simulated;
    const Walk1DDistribution law(w.steps, w.p, w.q);
    const double mu = law.mean(), sd = std::sqrt(law.variance());
    const double M = double(w.walkers);

    Result result;
    result.experiment = key();
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
    for (std::int64_t k = lo; k <= hi; ++k) {
        if (control.cancelled())
            return fail(ErrorKind::Cancelled, "", "cancelled");
        endpoint.x.push_back(double(k));
        endpoint.support.push_back(law.possible(k));
        simSeries.y.push_back(double(sim.endpoints.count(k)) / M);
        if (exactAvailable)
            exactSeries.y.push_back(law.pmf(k));
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
    result.summary.push_back({"Mean of S_n", withError(mean, seMean, w.walkers), formatSignificant(mu, 6)});
    result.summary.push_back({"Variance of S_n", withError(var, seVar, w.walkers), formatSignificant(law.variance(), 6)});
    result.summary.push_back({"Standard deviation", formatSignificant(std::sqrt(var), 6), formatSignificant(sd, 6)});
    if (exactAvailable) {
        auto [tlo, thi] = law.significantRange(kTestSds);
        tlo = std::min(tlo, sim.endpoints.minValue());
        thi = std::max(thi, sim.endpoints.maxValue());
        std::vector<std::uint64_t> observed;
        std::vector<double> probability;
        for (std::int64_t k = tlo; k <= thi; ++k) {
            observed.push_back(sim.endpoints.count(k));
            probability.push_back(law.pmf(k));
        }
        const ChiSquaredResult chi = chiSquaredTest(observed, probability);
        if (chi.degreesOfFreedom == 0)  // a single possible endpoint: nothing to test
            result.summary.push_back({"Chi-squared vs exact", "n/a (dof 0: no test possible)", "p-value n/a"});
        else
            result.summary.push_back({"Chi-squared vs exact",
                                      "X² = " + formatSignificant(chi.statistic, 5) + ", dof " +
                                          std::to_string(chi.degreesOfFreedom),
                                      "p-value " + formatSignificant(chi.pValue, 3)});
        if (chi.impossible > 0)
            result.notes.push_back(std::to_string(chi.impossible) +
                                   " walkers ended at positions the exact law says are impossible.");
    }
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    result.summary.push_back({"Steps per second",
                              formatSignificant(M * double(w.steps) / std::max(sim.seconds, 1e-9), 3), ""});
    result.panels.push_back(std::move(paths));
    addObservedPanels(w, sim, control, result);
    result.panels.push_back(std::move(endpoint));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace walklab::core
