// Regressions from testing the walks: degenerate step laws (an axis without variance), the radial
// range of Gaussian walks with few steps, statistics that do not exist (M = 1, dof 0), wording.
#include "core/experiment/walk/Walk1DExperiment.h"
#include "core/experiment/walk/Walk2DExperiment.h"
#include "core/experiment/walk/Walk3DExperiment.h"

#include <gtest/gtest.h>

#include <numeric>

using namespace walklab::core;

namespace {

Result runOk(const Experiment& e, const ParamSet& params)
{
    RunControl control(2);
    Expected<Result> result = fail(ErrorKind::InvalidParameter, "", "threw");
    EXPECT_NO_THROW(result = e.run(params, control));
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result ? std::move(*result) : Result{};
}

const SummaryRow* row(const Result& r, const std::string& prefix)
{
    for (const auto& s : r.summary)
        if (s.quantity.rfind(prefix, 0) == 0)
            return &s;
    return nullptr;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

// Weights with an axis (or both) of zero variance: one-way, one axis only, pausing except east.
TEST(WalkDegenerate, ZeroVarianceAxesRunIn2DAnd3D)
{
    const std::vector<ParamSet> sets2{
        {{"east", "1"}, {"west", "0"}, {"north", "0"}, {"south", "0"}},
        {{"east", "1"}, {"west", "1"}, {"north", "0"}, {"south", "0"}},
        {{"east", "1"}, {"west", "0"}, {"north", "0"}, {"south", "0"}, {"lazy", "0.9"}},
    };
    for (ParamSet p : sets2) {
        p["steps"] = "50";
        p["walkers"] = "2000";
        const Result r = runOk(Walk2DExperiment(), p);
        const Panel* density = r.find("density");
        ASSERT_NE(density, nullptr);
        // The exact cell probabilities are shown; the window (mean ± 4 sd) holds the bulk.
        EXPECT_NEAR(sum(density->find("exact")->y), 1.0, 1e-3);
        EXPECT_NEAR(sum(density->find("simulated")->y), 1.0, 5e-3);
    }
    const std::vector<ParamSet> sets3{
        {{"east", "1"}, {"west", "0"}, {"north", "0"}, {"south", "0"}, {"up", "0"}, {"down", "0"}},
        {{"east", "0"}, {"west", "0"}, {"north", "0"}, {"south", "0"}, {"up", "1"}, {"down", "1"}},
        {{"east", "1"}, {"west", "0"}, {"north", "0"}, {"south", "0"}, {"up", "0"}, {"down", "0"}, {"lazy", "0.9"}},
    };
    for (ParamSet p : sets3) {
        p["steps"] = "50";
        p["walkers"] = "2000";
        EXPECT_NE(runOk(Walk3DExperiment(), p).find("radial"), nullptr);
    }
}

// Gaussian walks with 1, 2, 5 steps: the radial bins hold (almost) every walker. Before the fix
// the histogram ended at ρ = n for n = 1 and lost 38 % of the walkers.
TEST(WalkDegenerate, GaussianRadialHistogramCoversTheBulk)
{
    for (const char* n : {"1", "2", "5"}) {
        const ParamSet p{{"kind", "gaussian"}, {"steps", n}, {"walkers", "20000"}, {"seed", "5"}};
        for (const Result& r : {runOk(Walk2DExperiment(), p), runOk(Walk3DExperiment(), p)}) {
            const Panel* radial = r.find("radial");
            ASSERT_NE(radial, nullptr);
            EXPECT_DOUBLE_EQ(sum(radial->find("simulated")->y), 1.0) << "n = " << n;
            EXPECT_GT(sum(radial->find("exact")->y), 1 - 1e-6) << "n = " << n;
        }
    }
}

// No standard error from one walker, no chi-squared test with no degree of freedom.
TEST(WalkDegenerate, StatisticsWithoutMeaningSayNotAvailable)
{
    const Result one1 = runOk(Walk1DExperiment(), {{"walkers", "1"}});
    EXPECT_NE(row(one1, "Mean of S_n")->simulated.find("± n/a"), std::string::npos);
    EXPECT_EQ(row(one1, "Chi-squared")->exact, "p-value n/a");

    const Result oneWay1 = runOk(Walk1DExperiment(), {{"p", "1"}, {"walkers", "100"}});
    EXPECT_EQ(row(oneWay1, "Chi-squared")->exact, "p-value n/a");
    EXPECT_EQ(row(oneWay1, "Mean of S_n")->simulated.find("n/a"), std::string::npos);  // M ≥ 2: se = 0 holds

    const Result one2 = runOk(Walk2DExperiment(), {{"walkers", "1"}, {"steps", "100"}});
    EXPECT_NE(row(one2, "E|S_n|²")->simulated.find("± n/a"), std::string::npos);
    const Result oneWay3 = runOk(Walk3DExperiment(), {{"east", "1"}, {"west", "0"}, {"north", "0"}, {"south", "0"},
                                                      {"up", "0"}, {"down", "0"}, {"walkers", "100"}});
    EXPECT_EQ(row(oneWay3, "Chi-squared endpoints")->exact, "p-value n/a");
    EXPECT_EQ(row(oneWay3, "Chi-squared |S_n|")->exact, "p-value n/a");
    // A symmetric walk keeps its test.
    const Result symmetric = runOk(Walk2DExperiment(), {{"walkers", "2000"}, {"steps", "20"}});
    EXPECT_EQ(row(symmetric, "Chi-squared endpoints")->exact.find("n/a"), std::string::npos);
}

TEST(WalkDegenerate, SingularNounsAndPolyasNameOnlyWithoutDrift)
{
    const Result r = runOk(Walk2DExperiment(), {{"walkers", "1"}, {"steps", "1"}, {"paths", "1"}});
    EXPECT_EQ(r.find("radial")->title.find("1 steps"), std::string::npos);
    EXPECT_NE(r.find("radial")->title.find("n = 1 step"), std::string::npos);
    EXPECT_NE(r.find("msd")->title.find("(1 walker)"), std::string::npos);
    EXPECT_NE(r.find("paths")->title.find("of 1 walker"), std::string::npos);
    EXPECT_EQ(r.find("paths")->title.find("walkers"), std::string::npos);
    EXPECT_NE(r.find("returns")->find("polya")->label.find("Pólya"), std::string::npos);
    EXPECT_NE(row(r, "Ever returns (Pólya)"), nullptr);

    const Result drift = runOk(Walk2DExperiment(), {{"east", "2"}, {"steps", "100"}, {"walkers", "1000"}});
    EXPECT_EQ(drift.find("returns")->find("polya")->label.rfind("Ever returns: ", 0), 0u);
    EXPECT_EQ(row(drift, "Ever returns (Pólya)"), nullptr);
    EXPECT_NE(row(drift, "Ever returns"), nullptr);
}
