#include "core/experiment/poisson/NonHomogeneousPoissonExperiment.h"

#include "core/experiment/TextFormat.h"
#include "core/process/RateFunction.h"

#include <algorithm>
#include <cmath>

namespace walklab::core {

namespace {

constexpr int kMaxIntensityBins = 100;
/// Below this share of kept proposals a user's rateBound earns a note (the automatic bound keeps
/// about 1/1.1 of them for a smooth λ).
constexpr double kWastefulAcceptance = 0.05;

std::string number(double v) { return formatSignificant(v, 6); }

}  // namespace

NonHomogeneousPoissonExperiment::NonHomogeneousPoissonExperiment()
{
    const NonHomogeneousPoissonParams d;
    m_params = {
        {"rate", "Rate λ(t)", ParamType::Text, 0, 0, d.rate, "per time unit",
         "The rate at time t as a formula in t: + − * / ^, comparisons, ?:, sin cos exp log sqrt abs min "
         "max…, constants pi and e (e.g. 3 + 2*sin(2*pi*t/24), t < 12 ? 5 : 1); at least 0 and at most "
         "10^6 on [0, T]."},
        unitParam("t and of the rate"),
        {"horizon", "Horizon T", ParamType::Real, 0, 1e6, number(d.horizon), "time units",
         "Length of the observation window [0, T] (greater than 0, at most 10^6; max λ × horizon at most 10^9)."},
        {"realisations", "Realisations M", ParamType::Integer, 1, 1e9, std::to_string(d.realisations), "realisations",
         "Number of independent realisations of the process on [0, T] (1 … 10^9)."},
        {"rateBound", "Thinning bound λ*", ParamType::Real, 0, 1e6, "0", "per time unit",
         "Rate of the dominating process whose points are thinned: 0 chooses a piecewise bound from 4097 "
         "values of λ and its refined local maxima; otherwise at least max λ on [0, T] and at most 10^6 "
         "(needed only for a peak that scan misses; each proposed point costs one evaluation of λ)."},
        seedParam(std::to_string(d.seed)),
        {"paths", "Paths shown", ParamType::Integer, 0, 1000, std::to_string(d.paths), "realisations",
         "Realisations kept for the counting paths, the first 20 of them also for the timeline "
         "(0 … 1000, at most M).",
         {}, false, {"counting", "timeline"}},
    };
    m_views = {
        {"timeline", "Event timeline", "Arrival times of the first realisations, one row of dots each."},
        {"intensity", "Intensity λ(t)", "Simulated arrivals per realisation and time unit against λ(t).", true},
        {"counting", "Counting process N(t)",
         "Step paths of N(t), their simulated mean and the exact mean Λ(t) = ∫₀ᵗ λ(s) ds."},
        {"counts", "Number of events N(T)", "Histogram of N(T) against the Poisson(Λ(T)) PMF.", true},
    };
}

std::string NonHomogeneousPoissonExperiment::help() const
{
    return "Events whose rate λ(t) changes with time (a daily cycle, opening hours), typed as a formula "
           "in t and simulated by thinning (Lewis & Shedler 1979): arrivals follow λ(t), and N(T) is "
           "Poisson with mean Λ(T) = ∫₀ᵀ λ(t) dt.";
}

std::vector<Preset> NonHomogeneousPoissonExperiment::presets() const
{
    return {
        {"Daily cycle: 3 ± 2 births per hour", "A rate that peaks at 6 h and is lowest at 18 h, over two days.",
         {{"rate", "3 + 2*sin(2*pi*t/24)"}, {"unit", "hour"}, {"horizon", "48"}}},
        {"Shop: busy morning, quiet afternoon", "10 customers per hour for 4 hours, then 2 per hour.",
         {{"rate", "t < 4 ? 10 : 2"}, {"unit", "hour"}, {"horizon", "8"}}},
        {"Growing web traffic: 1 + t/10 visits per minute", "A rate that grows linearly over an hour.",
         {{"rate", "1 + t/10"}, {"unit", "minute"}, {"horizon", "60"}}},
    };
}

Expected<NonHomogeneousPoissonSettings> NonHomogeneousPoissonExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    NonHomogeneousPoissonSettings s;
    NonHomogeneousPoissonParams& p = s.process;
    p.rate = read.text("rate");
    s.unit = readUnit(read, "unit");
    p.horizon = read.real("horizon");
    p.realisations = read.integer("realisations");
    p.rateBound = read.real("rateBound");
    p.seed = read.seed("seed");
    p.paths = read.paths("paths", p.realisations, "realisations");
    p.gridPoints = std::int64_t(kCountingGridPoints);
    read.check(core::validate(p));
    return read.finish(std::move(s));
}

Expected<Result> NonHomogeneousPoissonExperiment::compute(const NonHomogeneousPoissonSettings& settings,
                                                          RunControl& control) const
{
    const NonHomogeneousPoissonParams& p = settings.process;
    const TimeUnit& unit = settings.unit;
    auto simulated = simulateNonHomogeneousPoisson(p, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    const NonHomogeneousPoissonSimulation& sim = *simulated;
    auto fitted = fitNonHomogeneousPoisson(p, sim);
    if (!fitted)
        return std::unexpected(fitted.error());
    const NonHomogeneousPoissonFits& fits = *fitted;
    const RateFunction rate = *RateFunction::parse(p.rate, "rate");
    const double mean = fits.meanEvents;

    Result result;
    result.threads = sim.threads;
    const std::string times = " (" + unit.plural + ")";
    const std::string rateLabel = "λ(t) = " + p.rate + " per " + unit.singular;

    result.panels.push_back(timelinePanel(sim.arrivals, sim.pathCounts, p.horizon, unit, result.notes));

    const double sample = double(sim.sampleRealisations);
    result.panels.push_back(densityPanel(
        "intensity", "Intensity " + rateLabel, "time", "Time t" + times, "Events per " + unit.singular,
        sim.arrivalTimes, sample, 0.0, p.horizon, densityBins(sim.arrivalTimes.size(), kMaxIntensityBins),
        [&](double t) { return rate(t); },
        "Simulated arrivals per realisation (" + std::to_string(sim.sampleRealisations) + " realisations)",
        "Rate " + rateLabel + ", mean over each bin", [&](double t) { return (*sim.intensity)(t); }));
    if (sim.sampleRealisations < p.realisations)
        result.notes.push_back("The intensity histogram pools the arrivals of the first "
                               + std::to_string(sim.sampleRealisations) + " realisations.");

    Panel counting = countingPanel(sim.arrivals, sim.pathCounts, sim.gridTimes, unit, result.notes);
    counting.series.push_back({"mean", "Simulated mean of N(t) (" + std::to_string(p.realisations) + " realisations)",
                               SeriesStyle::Line, sim.meanCounts, true, false});
    counting.series.push_back({"exact", "Exact mean Λ(t) = ∫₀ᵗ λ(s) ds", SeriesStyle::Guide, sim.cumulativeRate,
                               true, false});
    result.panels.push_back(std::move(counting));

    result.panels.push_back(countsPanel(sim.counts, mean,
                                        "Number of events N(T) in T = " + number(p.horizon) + " " + unit.plural,
                                        "Number of events k", "Poisson PMF, mean Λ(T) = " + number(mean)));

    // Summary; for N(T) ~ Poisson(Λ) the variance of s² is about (Λ + 2Λ²)/M (see PoissonExperiment).
    const double M = double(p.realisations);
    double dominating = 0;
    for (std::size_t j = 0; j < sim.boundRates.size(); ++j)
        dominating += sim.boundRates[j] * (sim.boundEdges[j + 1] - sim.boundEdges[j]);
    if (p.rateBound == 0 && !sim.boundRates.empty()) {
        const auto [low, high] = std::minmax_element(sim.boundRates.begin(), sim.boundRates.end());
        result.chosen["rateBound"] = "0 (automatic: λ* in " + std::to_string(sim.boundRates.size()) + " pieces, "
                                     + number(*low) + " … " + number(*high) + " per " + unit.singular + ")";
        if (*high == 0)
            result.notes.push_back("λ(t) was 0 at all " + std::to_string(kRateScanPoints) + " times scanned on [0, T] ("
                                   + number(p.horizon / (kRateScanPoints - 1)) + " " + unit.plural
                                   + " apart), so there are no events. If λ has a peak narrower than that, set "
                                   "rateBound to at least its height.");
    }
    const std::int64_t realisations = p.realisations;
    result.summary.push_back({"Mean of N(T)",
                              withSampleError(sim.counts.mean(), std::sqrt(sim.counts.variance() / M), realisations),
                              "Λ(T) = " + number(mean)});
    result.summary.push_back({"Variance of N(T)",
                              realisations < 2 ? std::string("n/a (needs M ≥ 2)")
                                               : withError(sim.counts.variance(), std::sqrt((mean + 2 * mean * mean) / M)),
                              number(mean)});
    result.summary.push_back(chiSquaredRow("Chi-squared, N(T) vs Poisson(Λ(T))", fits.counts));
    const std::string ksQuantity = "KS, arrival times vs Λ(t)/Λ(T)";
    if (fits.cumulativeRateAccurate) {
        result.summary.push_back(kolmogorovSmirnovRow(ksQuantity, fits.arrivalTimes));
    } else {
        result.summary.push_back({ksQuantity, "not computed", "Λ(t) not accurate enough"});
        result.notes.push_back("Λ(t) = ∫₀ᵗ λ(s) ds could not be computed to 10⁻⁶ of Λ(T) (estimated error "
                               + formatSignificant(fits.cumulativeRateError, 2) + " against Λ(T) = " + number(mean)
                               + "): the arrival times are not KS-tested, and Λ(T) in the other rows is approximate.");
    }
    result.summary.push_back({"Thinning: accepted / proposed points",
                              sim.candidates > 0 ? formatSignificant(double(sim.accepted) / double(sim.candidates), 4)
                                                 : std::string("no candidates"),
                              dominating > 0 ? "Λ(T)/Λ*(T) = " + formatSignificant(mean / dominating, 4) : ""});
    if (p.rateBound > 0 && sim.candidates > 0 && double(sim.accepted) < kWastefulAcceptance * double(sim.candidates))
        result.notes.push_back("Only " + formatSignificant(100.0 * double(sim.accepted) / double(sim.candidates), 2)
                               + " % of the proposed points were kept: rateBound = " + number(p.rateBound)
                               + " is far above λ on most of [0, T], and each proposal evaluates λ; rateBound = 0 "
                                 "(automatic) bounds λ piece by piece and proposes fewer.");
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    return result;
}

}  // namespace walklab::core
