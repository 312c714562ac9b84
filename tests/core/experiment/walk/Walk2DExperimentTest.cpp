// The walk2d declaration: parameters, the panels of each kind of walk, the heat map, CSV columns.
#include "core/experiment/walk/Walk2DExperiment.h"

#include "core/experiment/CsvWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <sstream>

using namespace walklab::core;

namespace {

Result runOk(const ParamSet& params)
{
    const Walk2DExperiment e;
    RunControl control(2);
    auto result = e.run(params, control);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result ? std::move(*result) : Result{};
}

std::string header(const Panel& panel)
{
    std::ostringstream csv;
    writeCsv(panel, csv);
    return csv.str().substr(0, csv.str().find('\n'));
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST(Walk2DExperiment, LatticeRunHasEveryViewWithExactSeries)
{
    const Result r = runOk({{"steps", "200"}, {"walkers", "20000"}, {"paths", "3"}, {"seed", "3"}});
    ASSERT_EQ(r.panels.size(), 5u);
    const Panel* paths = r.find("paths");
    ASSERT_NE(paths, nullptr);
    EXPECT_TRUE(paths->equalAxes);
    EXPECT_EQ(header(*paths).substr(0, 34), "step,path_1_x,path_1_y,path_2_x,pa");
    const Series* y1 = paths->find("path_1_y");
    ASSERT_NE(y1, nullptr);
    EXPECT_EQ(y1->xOf, "path_1_x");
    EXPECT_TRUE(paths->find("path_1_x")->coordinate);
    EXPECT_EQ(paths->find("start_y")->y[0], 0.0);
    EXPECT_EQ(paths->find("end_x")->y[2], paths->find("path_3_x")->y.back());
    EXPECT_TRUE(std::isnan(paths->find("end_x")->y[3]));

    const Panel* density = r.find("density");
    ASSERT_NE(density, nullptr);
    EXPECT_EQ(density->kind, PanelKind::HeatMap);
    EXPECT_EQ(header(*density), "x,y,simulated,exact");
    // Walkers outside ±4 sd are not drawn: nearly, not exactly, all the mass.
    EXPECT_NEAR(sum(density->find("simulated")->y), 1.0, 2e-3);
    EXPECT_NEAR(sum(density->find("exact")->y), 1.0, 2e-3);
    // Cells of an even number of sites (no checkerboard of the parity lattice): every other cell is
    // never empty in the bulk.
    const double side = std::abs(density->x[1] - density->x[0]) > 0 ? std::abs(density->x[1] - density->x[0])
                                                                     : std::abs(density->find("y")->y[1] - density->find("y")->y[0]);
    EXPECT_EQ(std::fmod(side, 2.0), 0.0) << side;

    const Panel* radial = r.find("radial");
    ASSERT_NE(radial, nullptr);
    EXPECT_EQ(header(*radial), "distance,simulated,exact,limit");
    EXPECT_NEAR(sum(radial->find("exact")->y), 1.0, 1e-6);
    EXPECT_EQ(r.find("msd")->x.back(), 200.0);
    EXPECT_EQ(header(*r.find("returns")), "step,simulated,exact,polya");
    EXPECT_EQ(r.find("returns")->find("polya")->y[0], 1.0);
    bool chi = false;
    for (const auto& row : r.summary)
        chi = chi || row.quantity == "Chi-squared endpoints vs exact";
    EXPECT_TRUE(chi);
}

TEST(Walk2DExperiment, GaussianDensityAndRadiusAreExact)
{
    const Result r = runOk({{"kind", "gaussian"}, {"steps", "50"}, {"walkers", "50000"}, {"seed", "9"}});
    const Panel* density = r.find("density");
    ASSERT_NE(density->find("exact"), nullptr);
    EXPECT_NEAR(sum(density->find("exact")->y), 1.0, 1e-3);  // ±4 sd per axis: 1 − 2·6.3e-5
    const Panel* radial = r.find("radial");
    ASSERT_NE(radial->find("exact"), nullptr);
    EXPECT_EQ(radial->find("limit"), nullptr);  // the exact law is the Rayleigh law
    // Continuous walks never return: the exact curve is 0, no Pólya line.
    const Panel* returns = r.find("returns");
    EXPECT_EQ(returns->find("polya"), nullptr);
    EXPECT_EQ(sum(returns->find("simulated")->y), 0.0);
    std::string radialP;
    for (const auto& row : r.summary)
        if (row.quantity == "Chi-squared |S_n| vs exact")
            radialP = row.exact;
    ASSERT_FALSE(radialP.empty());
    EXPECT_GT(std::stod(radialP.substr(8)), 1e-4) << radialP;
}

TEST(Walk2DExperiment, PearsonShowsTheNormalApproximationAndTheRayleighLimit)
{
    const Result r = runOk({{"kind", "Pearson"}, {"steps", "30"}, {"walkers", "5000"}, {"east", "3"}});
    EXPECT_NE(r.find("density")->find("normal"), nullptr);
    EXPECT_EQ(r.find("density")->find("exact"), nullptr);
    EXPECT_EQ(r.find("radial")->find("limit")->label, "Rayleigh limit");
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.find("lattice walks only") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(Walk2DExperiment, WalkWithDriftHasTheNormalLimit)
{
    const Result r = runOk({{"steps", "100"}, {"walkers", "2000"}, {"east", "2"}, {"lazy", "0.1"}});
    const Series* limit = r.find("radial")->find("limit");
    ASSERT_NE(limit, nullptr);
    EXPECT_EQ(limit->label, "Normal limit");
    EXPECT_NEAR(sum(limit->y), 1.0, 0.02);  // density × bin width over the bins
    EXPECT_EQ(r.find("msd")->find("exact")->label, "Exact t·tr Σ + t²|μ|²");
}

TEST(Walk2DExperiment, ValidationOneMessagePerBadField)
{
    const Walk2DExperiment e;
    const Errors errors = e.validate({{"kind", "levy"}, {"steps", "0"}, {"north", "-2"}, {"lazy", "x"}});
    ASSERT_EQ(errors.size(), 4u);
    std::string all;
    for (const auto& err : errors)
        all += err.message + "\n";
    EXPECT_NE(all.find("kind = levy: must be one of lattice, pearson, gaussian"), std::string::npos) << all;
    EXPECT_NE(all.find("steps = 0: must be between 1 and 10^7"), std::string::npos) << all;
    EXPECT_NE(all.find("north = -2: must be between 0 and 10^6"), std::string::npos) << all;
    EXPECT_NE(all.find("lazy = x"), std::string::npos) << all;
    EXPECT_EQ(e.param("up"), nullptr);  // 2D has no up/down
}

TEST(Walk2DExperiment, WorkLimitIsTheOneOfTheKindOfWalk)
{
    // 10^6 walkers × 10^6 steps: the lattice walks 10^4 of them and draws the others' S_n at once;
    // Pearson steps walk them all (hours on one thread): refused before the run, on walkers.
    const Walk2DExperiment e;
    EXPECT_TRUE(e.validate({{"walkers", "1000000"}, {"steps", "1000000"}}).empty());
    const Errors errors = e.validate({{"kind", "pearson"}, {"walkers", "1000000"}, {"steps", "1000000"}});
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors.front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(errors.front().parameter, "walkers");
}

TEST(Walk2DExperiment, LargeWalkExplainsWhatIsNotExact)
{
    const Result r = runOk({{"steps", "5000"}, {"walkers", "200"}, {"lazy", "0.1"}, {"paths", "1"}});
    EXPECT_EQ(r.find("radial")->find("exact"), nullptr);
    EXPECT_NE(r.find("density")->find("normal"), nullptr);
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.find("No exact law of S_n") != std::string::npos;
    EXPECT_TRUE(noted);
}
