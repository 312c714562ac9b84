#include "core/experiment/poisson/PoissonExperiment.h"

#include "core/exact/PoissonLaws.h"
#include "core/experiment/TextFormat.h"
#include "core/process/BinomialLimit.h"
#include "core/process/PoissonLimits.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/poisson.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxTrials = 1'000'000'000;
constexpr int kMaxDensityBins = 40;

std::string number(double v) { return formatSignificant(v, 6); }

/// "1st", "2nd", "3rd", "11th", "22nd".
std::string ordinal(std::int64_t k)
{
    const std::int64_t tens = k % 100, units = k % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
    return std::to_string(k) + suffix;
}

std::int64_t derivedTrials(double mean)
{
    return std::int64_t(std::min(double(kMaxTrials), 10 * std::ceil(std::max(mean, 1.0))));
}

/// The "binomial" panel and its summary row.
Panel binomialPanel(std::int64_t n, double mean, const BinomialLimitSimulation* sim, double totalVariation)
{
    const double p = mean / double(n);
    const double spread = 5 * std::sqrt(mean);
    std::int64_t lo = std::max<std::int64_t>(0, std::int64_t(std::floor(mean - spread)) - 2);
    std::int64_t hi = std::int64_t(std::ceil(mean + spread)) + 2;
    if (sim && !sim->successes.empty()) {
        lo = std::min(lo, sim->successes.minValue());
        hi = std::max(hi, sim->successes.maxValue());
    }
    Panel panel{"binomial",
                "Binomial(n = " + std::to_string(n) + ", p = λT/n) → Poisson(λT = " + number(mean)
                    + "): d_TV = " + formatSignificant(totalVariation, 3),
                "count", "Number of successes k", "Probability", {}, {}, {}};
    Series simulated{"simulated", "", SeriesStyle::Bars, {}, false, false};
    Series binomial{"binomial", "Binomial(" + std::to_string(n) + ", " + number(p) + ") PMF", SeriesStyle::Points,
                    {}, true, false};
    Series poisson{"poisson", "Poisson(" + number(mean) + ") PMF", SeriesStyle::Line, {}, true, false};
    const boost::math::binomial_distribution<> b(double(n), std::min(p, 1.0));
    const boost::math::poisson_distribution<> q(mean);
    const double reps = sim ? double(sim->successes.total()) : 0.0;
    for (std::int64_t k = lo; k <= hi; ++k) {
        panel.x.push_back(double(k));
        if (sim)
            simulated.y.push_back(double(sim->successes.count(k)) / reps);
        binomial.y.push_back(k <= n ? boost::math::pdf(b, double(k)) : 0.0);
        poisson.y.push_back(boost::math::pdf(q, double(k)));
    }
    if (sim) {
        simulated.label = "Simulated: " + std::to_string(sim->successes.total()) + " × " + std::to_string(n) + " trials";
        panel.series.push_back(std::move(simulated));
    }
    panel.series.push_back(std::move(binomial));
    panel.series.push_back(std::move(poisson));
    return panel;
}

}  // namespace

PoissonExperiment::PoissonExperiment()
{
    std::vector<ParamChoice> methods;
    for (const auto& m : kPoissonMethods)
        methods.push_back({m.key, m.name});
    m_params = {
        {"rate", "Rate λ", ParamType::Real, 0, 1e6, "3", "per time unit",
         "Mean number of events per time unit (> 0, at most 10^6)."},
        unitParam("the rate and of all times"),
        {"horizon", "Horizon T", ParamType::Real, 0, 1e6, "8", "time units",
         "Length of the observation window [0, T] (> 0, at most 10^6; rate × horizon at most 10^9)."},
        {"realisations", "Realisations M", ParamType::Integer, 1, 1e9, "100000", "realisations",
         "Number of independent realisations of the process on [0, T] (1 … 10^9)."},
        {"arrival", "Arrival k", ParamType::Integer, 1, 1e6, "5", "",
         "Waiting-time view: k of the time S_k of the k-th arrival (1 … 10^6).",
         {}, false, {"waiting"}},
        {"memoryTime", "Memory time s", ParamType::Real, 0, 1e6, "0.5", "time units",
         "Memorylessness view: the remaining wait S_1 − s of the realisations with no event by time s "
         "(0 … 10^6).",
         {}, false, {"memoryless"}},
        {"method", "Simulation method", ParamType::Choice, 0, 0, "gaps", "",
         "How realisations are drawn: gaps (exponential interarrival times) or order-statistics (a "
         "Poisson count, then sorted uniform times); both give the same law.",
         methods},
        {"trials", "Trials n", ParamType::Integer, 1, double(kMaxTrials), "", "trials",
         "Binomial view: n independent trials, each a success with probability λT/n (⌈λT⌉ … 10^9); "
         "empty means 10·⌈λT⌉.",
         {}, true, {"binomial"}},
        seedParam(),
        {"paths", "Paths shown", ParamType::Integer, 0, 1000, "20", "realisations",
         "Realisations kept for the counting paths, the first 20 of them also for the timeline "
         "(0 … 1000, at most M).",
         {}, false, {"counting", "timeline"}},
    };
    m_views = {
        {"timeline", "Event timeline", "Arrival times of the first realisations, one row of dots each."},
        {"counting", "Counting process N(t)", "Step paths of N(t) with the mean λt and the band λt ± √(λt)."},
        {"counts", "Number of events N(T)", "Histogram of N(T) against the Poisson(λT) PMF.", true},
        {"interarrival", "Interarrival times", "Density histogram of the gaps against the Exponential(λ) density.", true},
        {"waiting", "Waiting time S_k", "Density histogram of the k-th arrival time against the Erlang density."},
        {"memoryless", "Memorylessness",
         "Remaining wait S_1 − s given no event by s, against the Exponential(λ) density."},
        {"binomial", "Binomial → Poisson",
         "Binomial(n, λT/n) against Poisson(λT), simulated and exact, with their total variation distance."},
    };
}

std::string PoissonExperiment::help() const
{
    return "Events at a constant average rate λ but at unpredictable moments (births, calls, sales, "
           "visits), seen from every side of one random stream: how many fall in [0, T] (Poisson), "
           "how long one waits between them (exponential) and until the k-th (Erlang), the memoryless "
           "wait, and n rare trials that approach the Poisson law.";
}

std::vector<Preset> PoissonExperiment::presets() const
{
    return {
        {"Hospital births: 3 per hour", "Births at a maternity ward over an 8-hour shift.",
         {{"rate", "3"}, {"unit", "hour"}, {"horizon", "8"}, {"memoryTime", "0.5"}}},
        {"Phone calls: 1 every 10 minutes", "Calls to a help line over two hours (λ = 0.1 per minute).",
         {{"rate", "0.1"}, {"unit", "minute"}, {"horizon", "120"}, {"memoryTime", "10"}}},
        {"Milk powder: 4 packs per day", "Packs of milk powder sold by a shop over a week.",
         {{"rate", "4"}, {"unit", "day"}, {"horizon", "7"}, {"memoryTime", "0.25"}}},
        {"Web site: 2 visits per minute", "Visits to a web site over half an hour.",
         {{"rate", "2"}, {"unit", "minute"}, {"horizon", "30"}, {"memoryTime", "0.5"}}},
    };
}

Expected<PoissonSettings> PoissonExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    PoissonSettings s;
    PoissonParams& p = s.process;
    p.rate = read.real("rate");
    s.unit = readUnit(read, "unit");
    p.horizon = read.real("horizon");
    p.realisations = read.integer("realisations");
    p.arrival = read.integer("arrival");
    p.memoryTime = read.real("memoryTime");
    const std::string method = read.choice("method");
    for (const auto& m : kPoissonMethods)
        if (method == m.key)
            p.method = m.method;
    p.seed = read.seed("seed");
    p.paths = read.paths("paths", p.realisations, "realisations");
    read.check(core::validate(p));

    const bool meanKnown = read.ok("rate") && read.ok("horizon");
    const double mean = p.rate * p.horizon;
    if (read.blank("trials")) {
        s.trials = meanKnown ? derivedTrials(mean) : 1;
        read.chose("trials", std::to_string(s.trials) + " (derived from λT)");
    } else {
        s.trials = read.integer("trials");
        const std::int64_t least = meanKnown ? std::int64_t(std::ceil(mean)) : 1;
        if (read.ok("trials") && (s.trials < least || s.trials > kMaxTrials))
            read.check({{ErrorKind::InvalidParameter, "trials",
                         "trials = " + std::to_string(s.trials) + ": must be between " + std::to_string(least)
                             + " and 10^9"
                             + (least > 1 ? " (at least rate × horizon = " + number(mean)
                                                + ", so that the success probability λT/n is at most 1)"
                                          : std::string())}});
    }
    return read.finish(std::move(s));
}

Expected<Result> PoissonExperiment::compute(const PoissonSettings& s, RunControl& control) const
{
    const PoissonParams& p = s.process;
    const TimeUnit& unit = s.unit;
    auto simulated = simulatePoisson(p, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const PoissonSimulation& sim = *simulated;
    const PoissonFits fits = fitPoisson(p, sim);

    // The binomial view: n trials of probability λT/n, within a budget of 10^8 trials.
    const double mean = p.rate * p.horizon;
    const std::int64_t reps = std::min<std::int64_t>(p.realisations,
                                                     std::int64_t(kMaxBinomialViewTrials / double(s.trials)));
    BinomialLimitParams bp{mean, s.trials, std::max<std::int64_t>(reps, 1), p.seed, 0};
    std::optional<BinomialLimitSimulation> binomialSim;
    if (reps >= 1 && core::validate(bp).empty()) {
        auto b = simulateBinomialLimit(bp, control);
        if (!b)
            return std::unexpected(b.error());
        binomialSim = std::move(*b);
    }
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    const double totalVariation = binomialPoissonTotalVariation(s.trials, mean);

    Result result;
    result.threads = sim.threads;
    const std::string rateText = "λ = " + number(p.rate) + " per " + unit.singular;
    const std::string times = " (" + unit.plural + ")";
    const std::string perUnit = "Probability density (per " + unit.singular + ")";

    result.panels.push_back(timelinePanel(sim.arrivals, sim.pathCounts, p.horizon, unit, result.notes));

    Panel counting = countingPanel(sim.arrivals, sim.pathCounts, countingGrid(p.horizon), unit, result.notes);
    Series meanLine{"mean", "Mean λt (" + rateText + ")", SeriesStyle::Guide, {}, true, false};
    Series upper{"mean_plus_sd", "λt ± √(λt)", SeriesStyle::Guide, {}, true, false};
    Series lower{"mean_minus_sd", "", SeriesStyle::Guide, {}, true, false};
    for (const double t : counting.x) {
        const double m = p.rate * t;
        meanLine.y.push_back(m);
        upper.y.push_back(m + std::sqrt(m));
        lower.y.push_back(std::max(0.0, m - std::sqrt(m)));  // N(t) ≥ 0: the band stops at 0
    }
    counting.series.push_back(std::move(meanLine));
    counting.series.push_back(std::move(upper));
    counting.series.push_back(std::move(lower));
    result.panels.push_back(std::move(counting));

    result.panels.push_back(countsPanel(sim.counts, mean,
                                        "Number of events N(T) in T = " + number(p.horizon) + " " + unit.plural,
                                        "Number of events k",
                                        "Poisson PMF, mean λT = " + number(mean) + " (" + rateText + ")"));

    const boost::math::exponential_distribution<> exponential(p.rate);
    const auto exponentialDensity = [&](double x) { return boost::math::pdf(exponential, x); };
    const double exponentialTop = boost::math::quantile(exponential, 0.999);
    result.panels.push_back(densityPanel(
        "interarrival", "Interarrival times X_i", "gap", "Interarrival time" + times, perUnit, sim.interarrivals,
        double(sim.interarrivals.size()), 0.0, exponentialTop, densityBins(sim.interarrivals.size(), kMaxDensityBins),
        exponentialDensity, "Simulated (" + std::to_string(sim.interarrivals.size()) + " gaps)",
        "Exponential density, " + rateText));
    if (sim.interarrivalsTruncated)
        result.notes.push_back(
            "The interarrival view keeps at most " + std::to_string(kMaxPoissonSample) + " gaps: "
            + (sim.gapRealisations == 1
                   ? "realisation 1 alone has more, so only its first " + std::to_string(sim.interarrivals.size())
                   : "the gaps of the first " + std::to_string(sim.gapRealisations) + " of "
                         + std::to_string(p.realisations) + " realisations, the last of them cut short, so "
                         + std::to_string(sim.interarrivals.size()))
            + " are shown and tested.");

    const boost::math::gamma_distribution<> erlang(double(p.arrival), 1.0 / p.rate);
    const double erlangTop = boost::math::quantile(erlang, 0.9995);
    double erlangBottom = boost::math::quantile(erlang, 0.0005);
    if (erlangBottom < 0.1 * erlangTop)
        erlangBottom = 0;
    const std::string sk = "S_" + std::to_string(p.arrival);
    result.panels.push_back(densityPanel(
        "waiting", "Waiting time " + sk + " until the " + ordinal(p.arrival) + " arrival", "time",
        "Waiting time " + sk + times, perUnit, sim.kthArrivals, double(sim.kthArrivals.size()), erlangBottom,
        erlangTop, densityBins(sim.kthArrivals.size(), kMaxDensityBins),
        [&](double x) { return boost::math::pdf(erlang, x); },
        "Simulated (" + std::to_string(sim.kthArrivals.size()) + " realisations)",
        "Erlang density Gamma(" + std::to_string(p.arrival) + ", 1/λ), " + rateText));

    const std::size_t qualified = sim.residualWaits.size();
    // An empty sample: the exact density alone, drawn smoothly on the finest grid.
    result.panels.push_back(densityPanel(
        "memoryless",
        "Remaining wait S_1 − s given no event by s = " + number(p.memoryTime) + " " + unit.plural
            + (qualified == 0 ? " (no realisation qualified)" : ""),
        "wait", "Remaining wait S_1 − s" + times, perUnit, sim.residualWaits, double(qualified), 0.0, exponentialTop,
        qualified == 0 ? kMaxDensityBins : densityBins(qualified, kMaxDensityBins), exponentialDensity,
        qualified == 0 ? "Simulated: none (no realisation without an event by s)"
                       : "Simulated (" + std::to_string(qualified) + " realisations)",
        "Exponential density, " + rateText));
    result.notes.push_back(
        std::to_string(qualified) + " of " + std::to_string(sim.sampleRealisations)
        + " realisations had no event by s = " + number(p.memoryTime) + " " + unit.plural + " (expected "
        + number(double(sim.sampleRealisations) * std::exp(-p.rate * p.memoryTime))
        + " = M·exp(−λs)); the memorylessness view shows their remaining waits S_1 − s.");

    result.panels.push_back(binomialPanel(s.trials, mean, binomialSim ? &*binomialSim : nullptr, totalVariation));
    if (!binomialSim)
        result.notes.push_back(
            "The binomial view shows exact laws only: simulating n = " + std::to_string(s.trials)
            + " trials per repetition is beyond its budget (n at most 10^8, and λT at most 10^6 once n ≥ 10^6).");
    if (mean > 0.1 * double(s.trials))
        result.notes.push_back(
            "The binomial view: with n = " + std::to_string(s.trials) + " trials the success probability λT/n = "
            + formatSignificant(mean / double(s.trials), 3) + " is not small, so Binomial(n, λT/n) is not close to "
            + "Poisson(λT); the approximation needs n ≫ λT (the default n = 10·⌈λT⌉ is at most 10^9, so λT ≤ 10^8).");

    // Summary. Var(s²) ≈ (μ₄ − σ⁴)/M with the Poisson moments σ² = μ, μ₄ = μ(1 + 3μ)
    // (Johnson, Kemp & Kotz, "Univariate Discrete Distributions", 3rd ed., §4.3).
    const double M = double(p.realisations);
    result.summary.push_back({"Mean of N(T)", withError(sim.counts.mean(), std::sqrt(sim.counts.variance() / M)),
                              number(mean)});
    result.summary.push_back({"Variance of N(T)",
                              withError(sim.counts.variance(), std::sqrt((mean + 2 * mean * mean) / M)),
                              number(mean)});
    result.summary.push_back(chiSquaredRow("Chi-squared, N(T) vs Poisson(λT)", fits.counts));
    result.summary.push_back(kolmogorovSmirnovRow("KS, interarrival times vs Exponential(λ)", fits.interarrivals));
    result.summary.push_back(kolmogorovSmirnovRow("KS, " + sk + " vs Gamma(k, 1/λ)", fits.kthArrivals));
    result.summary.push_back(kolmogorovSmirnovRow("KS, S_1 − s given S_1 > s vs Exponential(λ)", fits.residualWaits));
    result.summary.push_back({"Total variation, Binomial(n, λT/n) vs Poisson(λT)",
                              "n = " + std::to_string(s.trials),
                              "d_TV = " + formatSignificant(totalVariation, 3) + " (bound "
                                  + formatSignificant(-std::expm1(-mean) * mean / double(s.trials), 3) + ")"});
    const double seconds = sim.seconds + (binomialSim ? binomialSim->seconds : 0.0);
    result.summary.push_back({"Simulation time", formatRunTime(seconds, sim.threads), ""});
    return result;
}

}  // namespace walklab::core
