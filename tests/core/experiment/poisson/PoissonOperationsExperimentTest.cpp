// The "poisson-ops" declaration: merged counts against Poisson((λ₁ + λ₂)T) and kept counts against
// Poisson(pλT) at a fixed seed, with the wrong laws (one process only; a 15% wrong p) rejected,
// the merged gaps' density normalised, and the messages for bad rates and keep probabilities.
#include "core/experiment/poisson/PoissonOperationsExperiment.h"

#include "core/experiment/Registry.h"

#include <boost/math/distributions/poisson.hpp>

#include <gtest/gtest.h>

#include <numeric>

using namespace walklab::core;

namespace {

const Experiment& experiment() { return *findExperiment("poisson-ops"); }

/// Chi-squared p-value of a counts panel (frequency · M) against Poisson(mean).
double poissonP(const Panel& panel, double realisations, double mean)
{
    const boost::math::poisson_distribution<> law(mean);
    std::vector<std::uint64_t> observed;
    std::vector<double> probability;
    for (std::size_t i = 0; i < panel.x.size(); ++i) {
        observed.push_back(std::uint64_t(std::llround(panel.find("simulated")->y[i] * realisations)));
        probability.push_back(boost::math::pdf(law, panel.x[i]));
    }
    probability.front() += panel.x.front() > 0 ? boost::math::cdf(law, panel.x.front() - 1) : 0.0;
    probability.back() += boost::math::cdf(boost::math::complement(law, panel.x.back()));
    return chiSquaredTest(observed, probability).pValue;
}

}  // namespace

TEST(PoissonOperationsExperiment, MergedAndThinnedCountsArePoisson)
{
    RunControl control(2);
    const auto r = experiment().run({{"rate1", "1.5"}, {"rate2", "2.5"}, {"keep", "0.3"}, {"horizon", "5"},
                                     {"realisations", "20000"}, {"seed", "99"}, {"unit", "day"}},
                                    control);
    ASSERT_TRUE(r.has_value()) << r.error().front().message;
    const Panel& merged = *r->find("superposition");
    EXPECT_GT(poissonP(merged, 20000, 20.0), 1e-3);   // (1.5 + 2.5) · 5
    EXPECT_LT(poissonP(merged, 20000, 12.5), 1e-6);   // process 2 alone
    const Panel& kept = *r->find("thinning");
    EXPECT_GT(poissonP(kept, 20000, 6.0), 1e-3);      // 0.3 · 4 · 5
    EXPECT_LT(poissonP(kept, 20000, 6.9), 1e-6);      // p 15% too large
    const Panel& gaps = *r->find("interarrival");
    const double width = gaps.x[1] - gaps.x[0];
    const auto& bars = gaps.find("simulated")->y;
    EXPECT_NEAR(std::accumulate(bars.begin(), bars.end(), 0.0) * width, 1.0, 5e-3);
    EXPECT_EQ(gaps.xLabel, "Interarrival time (days)");
    EXPECT_EQ(gaps.find("exact")->label, "Exponential density, rate λ₁ + λ₂ = 4 per day");
}

TEST(PoissonOperationsExperiment, BadRatesAndKeepProbabilitiesAreNamed)
{
    const Errors sum = experiment().validate({{"rate1", "6e5"}, {"rate2", "5e5"}});
    ASSERT_EQ(sum.size(), 1u);
    EXPECT_EQ(sum[0].message, "rate2 = 500000: must be at most 10^6 − rate1 = 400000 (the thinned process has rate "
                              "rate1 + rate2)");
    const Errors keep = experiment().validate({{"keep", "1.5"}, {"rate1", "-2"}});
    ASSERT_EQ(keep.size(), 2u);
    EXPECT_EQ(keep[0].message, "rate1 = -2: must be greater than 0 and at most 10^6");
    EXPECT_EQ(keep[1].message, "keep = 1.5: must be between 0 and 1");
}
