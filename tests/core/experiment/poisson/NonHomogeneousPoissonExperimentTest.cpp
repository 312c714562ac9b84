// The "poisson-nh" declaration: schema and presets, messages for bad formulas, rates and horizons,
// the intensity histogram against the closed-form Λ of a sinusoidal rate (and a 10% wrong rate
// rejected), Λ(T) in the counting and counts views, independence of the thread count, the rows of
// a single realisation, and the note when Λ(t) cannot be computed accurately.
#include "core/experiment/poisson/NonHomogeneousPoissonExperiment.h"

#include "core/experiment/Registry.h"

#include <boost/math/distributions/chi_squared.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <numeric>

using namespace walklab::core;

namespace {

const Experiment& experiment() { return *findExperiment("poisson-nh"); }

Result run(const ParamSet& params, unsigned threads = 2)
{
    RunControl control(threads);
    auto result = experiment().run(params, control);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result ? std::move(*result) : Result{};
}

/// Λ(t) = ∫₀ᵗ 3 + 2 sin(2πs/24) ds = 3t + (24/π)(1 − cos(2πt/24)), the default rate's integral.
double cumulative(double t, double scale = 1.0)
{
    return scale * (3 * t + 24 / std::numbers::pi * (1 - std::cos(2 * std::numbers::pi * t / 24)));
}

/// Pearson's statistic of the intensity bars turned back into counts (bar · S · width) against
/// S·(Λ(b) − Λ(a)) per bin. The bins hold independent Poisson counts (disjoint intervals of
/// independent Poisson processes), so with the total not fixed the statistic has about bins
/// degrees of freedom; returns the p-value.
double intensityFit(const Panel& p, double realisations, double scale)
{
    const double width = p.x[1] - p.x[0];
    double x2 = 0;
    for (std::size_t b = 0; b < p.x.size(); ++b) {
        const double observed = p.find("simulated")->y[b] * realisations * width;
        const double expected = realisations * (cumulative(p.x[b] + width / 2, scale) - cumulative(p.x[b] - width / 2, scale));
        x2 += (observed - expected) * (observed - expected) / expected;
    }
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<>(double(p.x.size())), x2));
}

}  // namespace

TEST(NonHomogeneousPoissonExperiment, DeclaresItsParametersViewsAndPresets)
{
    const Experiment& e = experiment();
    EXPECT_EQ(e.title(), "Non-homogeneous Poisson process");
    EXPECT_EQ(e.param("rate")->type, ParamType::Text);
    EXPECT_EQ(e.param("rate")->defaultText, "3 + 2*sin(2*pi*t/24)");
    EXPECT_EQ(e.param("unit")->type, ParamType::Text);
    std::vector<std::string> views;
    for (const auto& v : e.views())
        views.push_back(v.key);
    EXPECT_EQ(views, (std::vector<std::string>{"timeline", "intensity", "counting", "counts"}));
    ASSERT_FALSE(e.presets().empty());
    for (const auto& preset : e.presets())
        EXPECT_TRUE(e.validate(preset.params).empty()) << preset.name;
}

TEST(NonHomogeneousPoissonExperiment, BadFormulasRatesAndHorizonsNameTheParameter)
{
    const Experiment& e = experiment();
    const Errors syntax = e.validate({{"rate", "3 + * t"}});
    ASSERT_EQ(syntax.size(), 1u);
    EXPECT_EQ(syntax[0].parameter, "rate");
    EXPECT_EQ(syntax[0].message.rfind("rate = 3 + * t: cannot be read: ", 0), 0u) << syntax[0].message;

    const Errors unknown = e.validate({{"rate", "lambda*t"}});
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_NE(unknown[0].message.find("unknown name \"lambda\""), std::string::npos) << unknown[0].message;

    const Errors negative = e.validate({{"rate", "1 - t"}, {"horizon", "2"}});
    ASSERT_EQ(negative.size(), 1u);
    EXPECT_EQ(negative[0].parameter, "rate");
    EXPECT_NE(negative[0].message.find("negative at t = "), std::string::npos) << negative[0].message;

    const Errors empty = e.validate({{"rate", " "}});
    ASSERT_EQ(empty.size(), 1u);
    EXPECT_NE(empty[0].message.find("the formula is empty"), std::string::npos);

    // A bad horizon and a bad formula: both reported, each once.
    const Errors both = e.validate({{"rate", "3 +"}, {"horizon", "-1"}});
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[0].message, "horizon = -1: must be greater than 0 and at most 10^6");
    EXPECT_EQ(both[1].parameter, "rate");
    const Errors syntaxHorizon = e.validate({{"horizon", "two"}});
    ASSERT_EQ(syntaxHorizon.size(), 1u);
    EXPECT_EQ(syntaxHorizon[0].message, "horizon = two: must be a number");

    EXPECT_EQ(e.validate({{"unit", ""}}).front().parameter, "unit");
    EXPECT_EQ(e.validate({{"rate", "5"}, {"rateBound", "4"}}).front().parameter, "rateBound");
    RunControl control;
    EXPECT_FALSE(e.run({{"rate", "sqrt(t - 1)"}}, control).has_value());
}

TEST(NonHomogeneousPoissonExperiment, ArrivalsFollowTheRateAndCountsFollowPoissonOfLambda)
{
    const Result r = run({{"horizon", "48"}, {"realisations", "4000"}, {"seed", "31"}, {"unit", "hour"}});
    for (const auto& panel : r.panels)
        for (const auto& s : panel.series)
            EXPECT_EQ(s.y.size(), panel.x.size()) << panel.key << "." << s.key;
    for (const auto& note : r.notes)
        EXPECT_EQ(note.find("pools"), std::string::npos) << note;  // all 4000 realisations are in the sample

    const Panel& intensity = *r.find("intensity");
    EXPECT_EQ(intensity.x.size(), 100u);
    EXPECT_EQ(intensity.yLabel, "Events per hour");
    // The exact series is λ's mean over each bin (what a bar estimates), here over [0, 0.48]:
    // Λ(t) = 3t + (24/π)(1 − cos(2πt/24)), so (Λ(0.48) − Λ(0))/0.48.
    const double lambda048 = 3 * 0.48 + 24 / std::numbers::pi * (1 - std::cos(2 * std::numbers::pi * 0.48 / 24));
    EXPECT_NEAR(intensity.find("exact")->y[0], lambda048 / 0.48, 1e-9);
    EXPECT_GT(intensityFit(intensity, 4000, 1.0), 1e-3);
    EXPECT_LT(intensityFit(intensity, 4000, 1.1), 1e-6);

    // Λ(48) = 144: the sine integrates to 0 over two periods.
    const Panel& counting = *r.find("counting");
    ASSERT_EQ(counting.x.size(), kCountingGridPoints);
    EXPECT_NEAR(counting.find("exact")->y.back(), 144.0, 1e-9);
    EXPECT_NEAR(counting.find("exact")->y[1000], cumulative(24.0), 1e-9);
    EXPECT_NEAR(counting.find("mean")->y.back(), 144.0, 4 * std::sqrt(144.0 / 4000));
    EXPECT_NE(counting.find("path_20"), nullptr);

    const Panel& counts = *r.find("counts");
    const auto& exact = counts.find("exact")->y;
    EXPECT_NEAR(std::accumulate(exact.begin(), exact.end(), 0.0), 1.0, 1e-6);
    EXPECT_NE(counts.find("exact")->label.find("Λ(T) = 144"), std::string::npos);
    ASSERT_FALSE(r.summary.empty());
    EXPECT_EQ(r.summary[0].exact, "Λ(T) = 144");
}

TEST(NonHomogeneousPoissonExperiment, SameSeedSameResultWhateverTheThreadCount)
{
    const ParamSet params{{"rate", "t < 4 ? 10 : 2"}, {"horizon", "8"}, {"realisations", "20000"}};
    const Result one = run(params, 1), two = run(params, 2);
    for (std::size_t i = 0; i < one.panels.size(); ++i)
        for (std::size_t j = 0; j < one.panels[i].series.size(); ++j)
            EXPECT_EQ(one.panels[i].series[j].y, two.panels[i].series[j].y) << one.panels[i].key;
}

TEST(NonHomogeneousPoissonExperiment, OneRealisationHasNoStandardError)
{
    // As walk1d: with M = 1 neither a standard error nor a sample variance exists.
    const Result r = run({{"realisations", "1"}, {"paths", "1"}, {"seed", "3"}});
    ASSERT_GE(r.summary.size(), 2u);
    EXPECT_EQ(r.summary[0].quantity, "Mean of N(T)");
    EXPECT_NE(r.summary[0].simulated.find(" ± n/a (needs M ≥ 2)"), std::string::npos) << r.summary[0].simulated;
    EXPECT_EQ(r.summary[1].quantity, "Variance of N(T)");
    EXPECT_EQ(r.summary[1].simulated, "n/a (needs M ≥ 2)");
    const Result two = run({{"realisations", "2"}, {"paths", "1"}, {"seed", "3"}});
    EXPECT_EQ(two.summary[1].simulated.find("n/a"), std::string::npos) << two.summary[1].simulated;
}

TEST(NonHomogeneousPoissonExperiment, AnUnresolvedLambdaSkipsTheKsTestWithANote)
{
    // 1 + sin(10⁵ t) over [0, 1000]: 1.6·10⁷ periods, more than the Λ table may refine.
    const Result r = run({{"rate", "1 + sin(100000*t)"}, {"horizon", "1000"}, {"realisations", "5"}, {"paths", "0"}});
    bool row = false, note = false;
    for (const auto& s : r.summary)
        row = row || (s.quantity.starts_with("KS,") && s.simulated == "not computed");
    for (const auto& n : r.notes)
        note = note || n.find("could not be computed to 10⁻⁶ of Λ(T)") != std::string::npos;
    EXPECT_TRUE(row);
    EXPECT_TRUE(note);
    // A resolvable rate has the test and no such note.
    const Result fine = run({{"realisations", "5"}, {"paths", "0"}});
    for (const auto& n : fine.notes)
        EXPECT_EQ(n.find("could not be computed"), std::string::npos) << n;
}
