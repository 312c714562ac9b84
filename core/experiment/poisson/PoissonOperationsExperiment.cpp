#include "core/experiment/poisson/PoissonOperationsExperiment.h"

#include "core/experiment/TextFormat.h"
#include "core/process/PoissonLimits.h"

#include <boost/math/distributions/exponential.hpp>

#include <cmath>

namespace walklab::core {

namespace {

std::string number(double v) { return formatSignificant(v, 6); }

}  // namespace

PoissonOperationsExperiment::PoissonOperationsExperiment()
{
    m_params = {
        {"rate1", "Rate λ₁", ParamType::Real, 0, 1e6, "1", "per time unit",
         "Rate of the first process (greater than 0; rate1 + rate2 at most 10^6)."},
        {"rate2", "Rate λ₂", ParamType::Real, 0, 1e6, "2", "per time unit",
         "Rate of the second process (greater than 0; rate1 + rate2 at most 10^6)."},
        {"keep", "Keep probability p", ParamType::Real, 0, 1, "0.3", "",
         "Thinning: each event of a process of rate λ₁ + λ₂ is kept with probability p (0 … 1)."},
        {"horizon", "Horizon T", ParamType::Real, 0, 1e6, "10", "time units",
         "Length of the observation window [0, T] (greater than 0, at most 10^6; (rate1 + rate2) × "
         "horizon at most 10^9)."},
        unitParam("the rates and of all times"),
        {"realisations", "Realisations M", ParamType::Integer, 1, 1e9, "20000", "realisations",
         "Number of independent realisations of each simulation (1 … 10^9)."},
        seedParam(),
    };
    m_views = {
        {"superposition", "Superposition N₁ + N₂",
         "Events of two merged independent processes against the Poisson((λ₁ + λ₂)T) PMF.", true},
        {"interarrival", "Gaps of the merged process",
         "Density histogram of the merged gaps against the Exponential(λ₁ + λ₂) density."},
        {"thinning", "Independent thinning", "Kept events against the Poisson(p(λ₁ + λ₂)T) PMF.", true},
    };
}

std::string PoissonOperationsExperiment::help() const
{
    return "Two operations that keep a process Poisson: merging independent processes of rates λ₁ and "
           "λ₂ gives rate λ₁ + λ₂, and keeping each event of a rate-λ process with probability p, "
           "independently, gives rate pλ.";
}

std::vector<Preset> PoissonOperationsExperiment::presets() const
{
    return {
        {"Two phone lines merged: 3 + 5 calls per hour",
         "Calls to two independent lines over an 8-hour day: together they are one Poisson stream of "
         "8 calls per hour, 64 a day on average.",
         {{"rate1", "3"}, {"rate2", "5"}, {"horizon", "8"}, {"unit", "hour"}, {"keep", "0.3"}}},
        {"Shoppers who buy: thinning 30 visitors per hour",
         "Visitors come through two doors, 10 and 20 per hour; each buys with probability 0.1, "
         "independently. The buyers are a Poisson stream of 3 per hour.",
         {{"rate1", "10"}, {"rate2", "20"}, {"keep", "0.1"}, {"horizon", "8"}, {"unit", "hour"}}},
    };
}

Expected<PoissonOperationsSettings> PoissonOperationsExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    PoissonOperationsSettings s;
    SuperpositionParams& m = s.merge;
    m.rate1 = read.real("rate1");
    m.rate2 = read.real("rate2");
    s.thin.keep = read.real("keep");
    m.horizon = read.real("horizon");
    s.unit = readUnit(read, "unit");
    m.realisations = read.integer("realisations");
    m.seed = read.seed("seed");
    m.paths = 0;  // no view draws single realisations
    read.check(core::validate(m));
    if (read.ok("rate1") && read.ok("rate2") && m.rate1 + m.rate2 > kMaxPoissonRate)
        read.check({{ErrorKind::InvalidParameter, "rate2",
                     "rate2 = " + number(m.rate2) + ": must be at most 10^6 − rate1 = "
                         + number(kMaxPoissonRate - m.rate1) + " (the thinned process has rate rate1 + rate2)"}});
    s.thin = {m.rate1 + m.rate2, s.thin.keep, m.horizon, m.realisations, m.seed, m.paths};
    for (const Error& e : core::validate(s.thin))
        if (e.parameter == "keep")
            read.check({e});
    return read.finish(std::move(s));
}

Expected<Result> PoissonOperationsExperiment::compute(const PoissonOperationsSettings& settings,
                                                      RunControl& control) const
{
    const SuperpositionParams& m = settings.merge;
    const IndependentThinningParams& th = settings.thin;
    const TimeUnit& unit = settings.unit;
    auto merged = simulateSuperposition(m, control);
    if (!merged)
        return std::unexpected(merged.error());
    auto thinned = simulateIndependentThinning(th, control);
    if (!thinned)
        return std::unexpected(thinned.error());
    const SuperpositionFits mergeFits = fitSuperposition(m, *merged);
    const IndependentThinningFits thinFits = fitIndependentThinning(th, *thinned);

    Result result;
    result.threads = merged->threads;
    const double rate = m.rate1 + m.rate2;
    const std::string rates = "λ₁ = " + number(m.rate1) + ", λ₂ = " + number(m.rate2) + " per " + unit.singular;
    const std::string window = " in T = " + number(m.horizon) + " " + unit.plural;

    Panel superposition = countsPanel(merged->counts, rate * m.horizon, "Merged events N₁(T) + N₂(T)" + window,
                                      "Number of events k",
                                      "Poisson PMF, mean (λ₁ + λ₂)T = " + number(rate * m.horizon) + " (" + rates + ")");
    superposition.key = "superposition";
    result.panels.push_back(std::move(superposition));

    const boost::math::exponential_distribution<> exponential(rate);
    const auto& gaps = merged->interarrivals;
    result.panels.push_back(densityPanel(
        "interarrival", "Gaps of the merged process", "gap", "Interarrival time (" + unit.plural + ")",
        "Probability density (per " + unit.singular + ")", gaps, double(gaps.size()), 0.0,
        boost::math::quantile(exponential, 0.999), densityBins(gaps.size(), 40),
        [&](double x) { return boost::math::pdf(exponential, x); },
        "Simulated (" + std::to_string(gaps.size()) + " gaps)",
        "Exponential density, rate λ₁ + λ₂ = " + number(rate) + " per " + unit.singular));

    Panel thinning = countsPanel(thinned->kept, th.keep * rate * m.horizon, "Kept events K(T), p = " + number(th.keep) + window,
                                 "Number of kept events k",
                                 "Poisson PMF, mean pλT = " + number(th.keep * rate * m.horizon) + " (λ = " + number(rate)
                                     + " per " + unit.singular + ")");
    thinning.key = "thinning";
    result.panels.push_back(std::move(thinning));

    const double M = double(m.realisations);
    const double mean = rate * m.horizon, keptMean = th.keep * mean;
    result.summary.push_back({"Mean of N₁(T) + N₂(T)", withError(merged->counts.mean(), std::sqrt(merged->counts.variance() / M)),
                              number(mean)});
    result.summary.push_back(chiSquaredRow("Chi-squared, N₁ + N₂ vs Poisson((λ₁ + λ₂)T)", mergeFits.counts));
    result.summary.push_back(kolmogorovSmirnovRow("KS, merged gaps vs Exponential(λ₁ + λ₂)", mergeFits.interarrivals));
    result.summary.push_back({"Share of merged events from process 1", formatSignificant(mergeFits.sourceOneFraction, 5),
                              "λ₁/(λ₁ + λ₂) = " + formatSignificant(mergeFits.sourceOneExpected, 5)});
    result.summary.push_back({"Mean of kept K(T)", withError(thinned->kept.mean(), std::sqrt(thinned->kept.variance() / M)),
                              number(keptMean)});
    result.summary.push_back(chiSquaredRow("Chi-squared, K(T) vs Poisson(pλT)", thinFits.kept));
    result.summary.push_back(chiSquaredRow("Chi-squared, removed vs Poisson((1 − p)λT)", thinFits.removed));
    result.summary.push_back({"Correlation of kept and removed counts",
                              withError(thinFits.correlation, thinFits.correlationStandardError), "0 (independent)"});
    result.summary.push_back({"Simulation time", formatRunTime(merged->seconds + thinned->seconds, merged->threads), ""});
    return result;
}

}  // namespace walklab::core
