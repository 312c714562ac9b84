// The "poisson" declaration: schema and presets, the documented validation messages, every
// panel's shape and normalisation, the fit of each histogram to its exact law over a grid of
// (λ, T, k, s, method) at fixed seeds (and the rejection of a 15% wrong rate), the binomial view,
// the time unit in the labels, and independence of the thread count.
#include "core/experiment/poisson/PoissonExperiment.h"

#include "core/experiment/CsvWriter.h"
#include "core/experiment/Registry.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/poisson.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numeric>
#include <sstream>

using namespace walklab::core;

namespace {

const PoissonExperiment& experiment()
{
    return dynamic_cast<const PoissonExperiment&>(*findExperiment("poisson"));
}

Result run(const ParamSet& params, unsigned threads = 2)
{
    RunControl control(threads);
    auto result = experiment().run(params, control);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result ? std::move(*result) : Result{};
}

std::vector<std::string> messages(const ParamSet& params)
{
    std::vector<std::string> m;
    for (const auto& e : experiment().validate(params))
        m.push_back(e.message);
    return m;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

/// The bars of a density panel turned back into counts (bar · n · width, checked to be whole),
/// with one more cell for the values outside the bins, tested against `cdf` by chi-squared.
ChiSquaredResult densityFit(const Panel& panel, std::size_t n, const std::function<double(double)>& cdf)
{
    const double width = panel.x[1] - panel.x[0];
    const double lo = panel.x.front() - width / 2;
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    double inside = 0, mass = 0;
    const auto& bars = panel.find("simulated")->y;
    for (std::size_t b = 0; b < bars.size(); ++b) {
        const double c = bars[b] * double(n) * width;
        EXPECT_NEAR(c, std::round(c), 1e-6 * std::max(1.0, c)) << panel.key << " bin " << b;
        observed.push_back(std::uint64_t(std::llround(c)));
        inside += std::round(c);
        probability.push_back(cdf(lo + double(b + 1) * width) - cdf(lo + double(b) * width));
        mass += probability.back();
    }
    EXPECT_LE(inside, double(n));
    observed.push_back(std::uint64_t(double(n) - inside));
    probability.push_back(std::max(0.0, 1 - mass));
    return chiSquaredTest(observed, probability);
}

/// Counts of a probability panel's "simulated" bars (frequency · total), tested against `pmf`.
ChiSquaredResult countsFit(const Panel& panel, double total, const std::function<double(double)>& pmf)
{
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    const auto& freq = panel.find("simulated")->y;
    for (std::size_t i = 0; i < panel.x.size(); ++i) {
        observed.push_back(std::uint64_t(std::llround(freq[i] * total)));
        probability.push_back(pmf(panel.x[i]));
    }
    // The mass beyond the panel's range joins the last cell.
    probability.back() += std::max(0.0, 1 - sum(probability));
    return chiSquaredTest(observed, probability);
}

/// The number after `prefix` in `text`.
double numberAfter(const std::string& text, const std::string& prefix)
{
    const auto at = text.find(prefix);
    EXPECT_NE(at, std::string::npos) << prefix << " in " << text;
    return at == std::string::npos ? NAN : std::stod(text.substr(at + prefix.size()));
}

struct GridCase {
    const char *rate, *horizon, *arrival, *memoryTime, *method;
};

std::ostream& operator<<(std::ostream& os, const GridCase& c)
{
    return os << "λ = " << c.rate << ", T = " << c.horizon << ", k = " << c.arrival << ", s = " << c.memoryTime
              << ", " << c.method;
}

class PoissonExperimentGrid : public testing::TestWithParam<GridCase> {};

}  // namespace

TEST(PoissonExperiment, DeclaresItsParametersViewsAndPresets)
{
    const PoissonExperiment& e = experiment();
    EXPECT_EQ(e.title(), "Poisson process");
    std::vector<std::string> keys;
    for (const auto& p : e.params())
        keys.push_back(p.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"rate", "unit", "horizon", "realisations", "arrival", "memoryTime",
                                              "method", "trials", "seed", "paths"}));
    std::vector<std::string> views;
    for (const auto& v : e.views())
        views.push_back(v.key);
    EXPECT_EQ(views, (std::vector<std::string>{"timeline", "counting", "counts", "interarrival", "waiting",
                                               "memoryless", "binomial"}));
    EXPECT_EQ(e.param("unit")->type, ParamType::Text);
    ASSERT_EQ(e.param("method")->choices.size(), kPoissonMethods.size());
    EXPECT_EQ(e.param("method")->choices[1].key, "order-statistics");
    EXPECT_TRUE(e.param("trials")->slider);

    const auto presets = e.presets();
    ASSERT_EQ(presets.size(), 4u);
    EXPECT_EQ(presets[0].name, "Hospital births: 3 per hour");
    EXPECT_EQ(presets[1].params.at("rate"), "0.1");
    for (const auto& preset : presets) {
        EXPECT_TRUE(e.validate(preset.params).empty()) << preset.name;
        for (const char* k : {"rate", "unit", "horizon"})
            EXPECT_TRUE(preset.params.contains(k)) << preset.name << " sets " << k;
    }
}

TEST(PoissonExperiment, BadParametersGiveTheDocumentedMessages)
{
    EXPECT_EQ(messages({{"rate", "-1"}}),
              std::vector<std::string>{"rate = -1: must be greater than 0 and at most 10^6"});
    EXPECT_EQ(messages({{"rate", "nan"}}),
              std::vector<std::string>{"rate = nan: must be greater than 0 and at most 10^6"});
    EXPECT_EQ(messages({{"horizon", "0"}}),
              std::vector<std::string>{"horizon = 0: must be greater than 0 and at most 10^6"});
    EXPECT_EQ(messages({{"unit", "  "}}),
              std::vector<std::string>{"unit = (empty): must be the name of a time unit, 1 to 24 characters (e.g. hour)"});
    EXPECT_EQ(messages({{"method", "fast"}}),
              std::vector<std::string>{"method = fast: must be one of gaps, order-statistics"});
    EXPECT_EQ(messages({{"trials", "5"}}),
              std::vector<std::string>{"trials = 5: must be between 24 and 10^9 (at least rate × horizon = 24, so "
                                       "that the success probability λT/n is at most 1)"});
    EXPECT_EQ(messages({{"trials", "2e9"}, {"rate", "x"}}),
              (std::vector<std::string>{"rate = x: must be a number", "trials = 2000000000: must be between 1 and 10^9"}));
    EXPECT_EQ(messages({{"realisations", "0"}, {"paths", "0"}}),
              std::vector<std::string>{"realisations = 0: must be between 1 and 10^9"});
    EXPECT_EQ(messages({{"memoryTime", "-1"}}),
              std::vector<std::string>{"memoryTime = -1: must be between 0 and 10^6"});
    EXPECT_EQ(messages({{"realisations", "3"}, {"paths", "5"}}),
              std::vector<std::string>{"paths = 5: must be between 0 and realisations = 3"});
    const auto tooMany = messages({{"rate", "1e6"}, {"horizon", "2000"}});
    ASSERT_EQ(tooMany.size(), 1u);
    EXPECT_EQ(tooMany[0].rfind("horizon = 2000: must be at most 10^9 / rate = 1000", 0), 0u) << tooMany[0];
    // Several bad parameters: one message each, and run() refuses with the same errors.
    EXPECT_EQ(messages({{"rate", "0"}, {"arrival", "0"}, {"unit", ""}}).size(), 3u);
    RunControl control;
    EXPECT_FALSE(experiment().run({{"rate", "0"}}, control).has_value());
}

TEST(PoissonExperiment, TrialsDefaultToTenTimesTheMeanRoundedUp)
{
    EXPECT_EQ(experiment().parse({{"rate", "2.5"}, {"horizon", "1"}}, nullptr)->trials, 30);
    EXPECT_EQ(experiment().parse({{"rate", "0.01"}, {"horizon", "1"}}, nullptr)->trials, 10);
    EXPECT_EQ(experiment().parse({{"trials", "1000"}}, nullptr)->trials, 1000);
    EXPECT_EQ(experiment().parse({{"rate", "1e6"}, {"horizon", "1000"}}, nullptr)->trials, 1'000'000'000);
}

TEST(PoissonExperiment, PanelsHaveTheirShapesAndProbabilitiesSumToOne)
{
    const ParamSet params{{"rate", "3"}, {"horizon", "2"}, {"realisations", "20000"}, {"seed", "7"}};
    const Result r = run(params);
    ASSERT_EQ(r.panels.size(), 7u);
    for (const auto& panel : r.panels)
        for (const auto& s : panel.series)
            EXPECT_EQ(s.y.size(), panel.x.size()) << panel.key << "." << s.key;

    const Panel& timeline = *r.find("timeline");
    const auto& rows = timeline.find("realisation")->y;
    EXPECT_EQ(rows.front(), 1.0);
    EXPECT_LE(rows.back(), 20.0);
    for (double t : timeline.x)
        EXPECT_TRUE(t >= 0 && t <= 2);

    // N(t) steps: 20 paths on 2001 times, non-decreasing, ending at the row lengths of the timeline.
    const Panel& counting = *r.find("counting");
    ASSERT_EQ(counting.x.size(), kCountingGridPoints);
    EXPECT_EQ(counting.x.back(), 2.0);
    for (int i = 1; i <= 20; ++i) {
        const Series* path = counting.find("path_" + std::to_string(i));
        ASSERT_NE(path, nullptr);
        EXPECT_EQ(path->style, SeriesStyle::Steps);
        for (std::size_t j = 1; j < path->y.size(); ++j)
            EXPECT_GE(path->y[j], path->y[j - 1]);
        EXPECT_EQ(path->y.back(), double(std::count(rows.begin(), rows.end(), double(i))));
    }
    EXPECT_EQ(counting.find("mean")->y.back(), 6.0);
    EXPECT_DOUBLE_EQ(counting.find("mean_plus_sd")->y.back(), 6 + std::sqrt(6.0));
    EXPECT_DOUBLE_EQ(counting.find("mean_minus_sd")->y.back(), 6 - std::sqrt(6.0));
    EXPECT_EQ(counting.find("mean_minus_sd")->y[100], 0.0);  // λt = 0.3: the band is cut at N = 0

    const Panel& counts = *r.find("counts");
    EXPECT_NEAR(sum(counts.find("simulated")->y), 1.0, 1e-12);
    EXPECT_NEAR(sum(counts.find("exact")->y), 1.0, 1e-6);
    std::ostringstream csv;
    writeCsv(counts, csv);
    EXPECT_EQ(csv.str().substr(0, csv.str().find('\n')), "count,simulated,exact");

    // Density histograms: bar areas are probabilities; the exact density integrates to about
    // the mass of the drawn range (0.999 and more).
    for (const char* key : {"interarrival", "waiting", "memoryless"}) {
        const Panel& p = *r.find(key);
        const double width = p.x[1] - p.x[0];
        EXPECT_NEAR(sum(p.find("simulated")->y) * width, 1.0, 5e-3) << key;
        EXPECT_NEAR(sum(p.find("exact")->y) * width, 1.0, 5e-3) << key;
        EXPECT_EQ(p.find("simulated")->style, SeriesStyle::Bars);
        EXPECT_EQ(p.find("exact")->style, SeriesStyle::Line);
    }
    EXPECT_EQ(r.find("interarrival")->x.size(), 40u);

    const Panel& binomial = *r.find("binomial");
    EXPECT_NEAR(sum(binomial.find("simulated")->y), 1.0, 1e-12);
    EXPECT_NEAR(sum(binomial.find("binomial")->y), 1.0, 1e-6);
    EXPECT_NEAR(sum(binomial.find("poisson")->y), 1.0, 1e-6);

    bool memoryNote = false;
    for (const auto& note : r.notes)
        memoryNote = memoryNote || note.find("had no event by s = 0.5 hours") != std::string::npos;
    EXPECT_TRUE(memoryNote);
    std::vector<std::string> quantities;
    for (const auto& row : r.summary)
        quantities.push_back(row.quantity);
    EXPECT_EQ(quantities.size(), 8u);
}

TEST(PoissonExperiment, TheTimeUnitNamesEveryAxisAndTheRateLegend)
{
    const Result r = run({{"rate", "2"}, {"unit", "minute"}, {"horizon", "5"}, {"realisations", "2000"}});
    EXPECT_EQ(r.find("timeline")->xLabel, "Time t (minutes)");
    EXPECT_EQ(r.find("counting")->xLabel, "Time t (minutes)");
    EXPECT_EQ(r.find("interarrival")->xLabel, "Interarrival time (minutes)");
    EXPECT_EQ(r.find("interarrival")->yLabel, "Probability density (per minute)");
    EXPECT_EQ(r.find("waiting")->xLabel, "Waiting time S_5 (minutes)");
    EXPECT_EQ(r.find("interarrival")->find("exact")->label, "Exponential density, λ = 2 per minute");
    EXPECT_NE(r.find("counts")->find("exact")->label.find("λ = 2 per minute"), std::string::npos);
    EXPECT_EQ(r.find("counts")->title, "Number of events N(T) in T = 5 minutes");
    EXPECT_EQ(r.find("waiting")->title, "Waiting time S_5 until the 5th arrival");
}

TEST_P(PoissonExperimentGrid, EveryHistogramFitsItsExactLaw)
{
    const GridCase c = GetParam();
    const ParamSet params{{"rate", c.rate}, {"horizon", c.horizon}, {"arrival", c.arrival},
                          {"memoryTime", c.memoryTime}, {"method", c.method}, {"realisations", "20000"},
                          {"seed", "20260415"}};
    const Result r = run(params);
    // The samples behind the panels, from the core with the same parameters and seed.
    const PoissonParams p = experiment().parse(params, nullptr)->process;
    RunControl control(1);
    const PoissonSimulation sim = *simulatePoisson(p, control);
    const double mean = p.rate * p.horizon;
    const boost::math::poisson_distribution<> poisson(mean);
    const auto exponentialCdf = [&](double x) { return x > 0 ? -std::expm1(-p.rate * x) : 0.0; };
    const auto wrongCdf = [&](double x) { return x > 0 ? -std::expm1(-1.15 * p.rate * x) : 0.0; };
    const boost::math::gamma_distribution<> erlang(double(p.arrival), 1 / p.rate);
    const double threshold = 1e-3, power = 1e-6;

    const auto pmf = [&](double k) { return boost::math::pdf(poisson, k); };
    EXPECT_GT(countsFit(*r.find("counts"), 20000, pmf).pValue, threshold);
    const boost::math::poisson_distribution<> wrong(1.15 * mean);
    EXPECT_LT(countsFit(*r.find("counts"), 20000, [&](double k) { return boost::math::pdf(wrong, k); }).pValue, power);

    EXPECT_GT(densityFit(*r.find("interarrival"), sim.interarrivals.size(), exponentialCdf).pValue, threshold);
    EXPECT_LT(densityFit(*r.find("interarrival"), sim.interarrivals.size(), wrongCdf).pValue, power);
    EXPECT_GT(densityFit(*r.find("waiting"), sim.kthArrivals.size(),
                         [&](double x) { return x > 0 ? boost::math::cdf(erlang, x) : 0.0; }).pValue, threshold);
    const boost::math::gamma_distribution<> wrongErlang(double(p.arrival), 1 / (1.15 * p.rate));
    EXPECT_LT(densityFit(*r.find("waiting"), sim.kthArrivals.size(),
                         [&](double x) { return x > 0 ? boost::math::cdf(wrongErlang, x) : 0.0; }).pValue, power);
    ASSERT_GT(sim.residualWaits.size(), 2000u);
    EXPECT_GT(densityFit(*r.find("memoryless"), sim.residualWaits.size(), exponentialCdf).pValue, threshold);
    EXPECT_LT(densityFit(*r.find("memoryless"), sim.residualWaits.size(), wrongCdf).pValue, power);

    // The simulated binomial counts follow Binomial(n, λT/n), n = 10·⌈λT⌉.
    const Panel& binomial = *r.find("binomial");
    const double n = 10 * std::ceil(mean);
    const boost::math::binomial_distribution<> law(n, mean / n);
    EXPECT_GT(countsFit(binomial, 20000, [&](double k) { return k <= n ? boost::math::pdf(law, k) : 0.0; }).pValue,
              threshold);
}

INSTANTIATE_TEST_SUITE_P(Poisson, PoissonExperimentGrid,
                         testing::Values(GridCase{"3", "2", "5", "0.5", "gaps"},
                                         GridCase{"0.1", "120", "1", "10", "order-statistics"},
                                         GridCase{"4", "7", "12", "0.25", "gaps"},
                                         GridCase{"50", "0.3", "3", "0.01", "order-statistics"}));

TEST(PoissonExperiment, BinomialViewShowsTheTotalVariationDistance)
{
    // n = 12 trials of p = 1/2 against Poisson(6): far apart, and the simulation says so.
    const Result r = run({{"rate", "3"}, {"horizon", "2"}, {"trials", "12"}, {"realisations", "20000"}});
    const Panel& p = *r.find("binomial");
    // d_TV = ½ Σ |b_k − p_k| summed directly from Boost's PMFs (the core sums log-ratios instead).
    const boost::math::binomial_distribution<> b(12, 0.5);
    const boost::math::poisson_distribution<> q(6);
    double direct = 0;
    for (int k = 0; k <= 60; ++k)
        direct += std::abs((k <= 12 ? boost::math::pdf(b, k) : 0.0) - boost::math::pdf(q, k));
    direct /= 2;
    EXPECT_NEAR(numberAfter(p.title, "d_TV = "), direct, 5e-3 * direct);
    EXPECT_NEAR(numberAfter(r.summary[6].exact, "d_TV = "), direct, 1e-3 * direct);
    EXPECT_EQ(p.find("binomial")->label, "Binomial(12, 0.5) PMF");
    const auto noted = [](const Result& result) {
        return std::any_of(result.notes.begin(), result.notes.end(),
                           [](const std::string& n) { return n.find("is not small") != std::string::npos; });
    };
    EXPECT_TRUE(noted(r));  // λT/n = 1/2: a note says the approximation needs n ≫ λT
    EXPECT_LT(countsFit(p, 20000, [&](double k) { return boost::math::pdf(q, k); }).pValue, 1e-6);
    // Beyond the budget of 10^8 trials only the exact laws are drawn, and a note says why.
    const Result big = run({{"rate", "3"}, {"horizon", "2"}, {"trials", "200000000"}, {"realisations", "1000"}});
    EXPECT_EQ(big.find("binomial")->find("simulated"), nullptr);
    EXPECT_NE(big.find("binomial")->find("poisson"), nullptr);
    EXPECT_NE(big.notes.back().find("exact laws only"), std::string::npos);
    EXPECT_FALSE(noted(big));
    // Barbour & Hall (1984), Theorem 1: (1/32)·min(1, 1/λ)λ²/n ≤ d_TV ≤ (1 − e^{−λ})λ/n.
    const double tv = numberAfter(big.summary[6].exact, "d_TV = ");
    EXPECT_GE(tv, 6.0 / 32 / 2e8 * 0.999);
    EXPECT_LE(tv, -std::expm1(-6.0) * 6 / 2e8 * 1.001);
}

TEST(PoissonExperiment, SameSeedSameResultWhateverTheThreadCount)
{
    for (const char* method : {"gaps", "order-statistics"}) {
        const ParamSet params{{"rate", "5"}, {"horizon", "3"}, {"realisations", "30000"}, {"method", method}};
        const Result one = run(params, 1), two = run(params, 2);
        ASSERT_EQ(one.panels.size(), two.panels.size());
        for (std::size_t i = 0; i < one.panels.size(); ++i) {
            EXPECT_EQ(one.panels[i].x, two.panels[i].x) << method << " " << one.panels[i].key;
            for (std::size_t j = 0; j < one.panels[i].series.size(); ++j)
                EXPECT_EQ(one.panels[i].series[j].y, two.panels[i].series[j].y)
                    << method << " " << one.panels[i].key << "." << one.panels[i].series[j].key;
        }
        for (std::size_t i = 0; i + 1 < one.summary.size(); ++i)  // all but the time
            EXPECT_EQ(one.summary[i].simulated, two.summary[i].simulated);
    }
}
