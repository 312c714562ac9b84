// The ruin declaration: parameters and messages, the panels for absorbing and reflecting
// barriers, the ruin curve with error bars against Feller's numbers, CSV columns.
#include "core/experiment/walk/RuinExperiment.h"

#include "core/experiment/CsvWriter.h"
#include "core/experiment/Registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace walklab::core;

namespace {

Result run(const ParamSet& params)
{
    RunControl control;
    auto result = findExperiment("ruin")->run(params, control);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result.value_or(Result{});
}

std::string row(const Result& r, const std::string& quantity, bool exact)
{
    for (const auto& s : r.summary)
        if (s.quantity == quantity)
            return exact ? s.exact : s.simulated;
    return "(missing)";
}

std::string header(const Panel& panel)
{
    std::ostringstream out;
    writeCsv(panel, out);
    return out.str().substr(0, out.str().find('\n'));
}

}  // namespace

TEST(RuinExperiment, DeclaresFourViewsAndPresetsThatValidate)
{
    const Experiment* e = findExperiment("ruin");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->defaultViews(), (std::vector<std::string>{"path", "ruin"}));
    EXPECT_EQ(e->views().size(), 4u);
    EXPECT_EQ(e->param("barriers")->choices.size(), 2u);
    for (const auto& preset : e->presets())
        EXPECT_TRUE(e->validate(preset.params).empty()) << preset.name;
}

TEST(RuinExperiment, MessagesNameTheParameterAndTheRange)
{
    const Errors errors = findExperiment("ruin")->validate({{"capital", "20"}, {"target", "20"}, {"barriers", "sticky"}});
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].message, "barriers = sticky: must be one of absorbing, reflecting");
    EXPECT_EQ(errors[1].parameter, "capital");
    EXPECT_NE(errors[1].message.find("capital = 20"), std::string::npos) << errors[1].message;
}

// Feller vol. I, §XIV.2, Table 1: p = 0.45, z = 90, a = 100 — ruin 0.866, expected duration
// 765.6; the summary prints the exact values, and the simulation agrees within 4 se.
TEST(RuinExperiment, FellersTableRowInTheSummary)
{
    const Result r = run({{"capital", "90"}, {"target", "100"}, {"p", "0.45"}, {"walkers", "4000"}});
    EXPECT_NEAR(std::stod(row(r, "Ruin probability from z", true)), 0.866, 5e-4);  // Feller rounds to 3 digits
    EXPECT_NEAR(std::stod(row(r, "Expected duration E[T]", true)), 765.6, 0.05);
    const std::string simulated = row(r, "Ruin probability from z", false);
    const double value = std::stod(simulated), se = std::stod(simulated.substr(simulated.find("± ") + 3));
    EXPECT_LT(std::abs(value - 0.866), 4 * se);
}

TEST(RuinExperiment, RuinCurveHasErrorBarsAtTheSimulatedCapitals)
{
    const Result r = run({{"capital", "3"}, {"target", "10"}, {"walkers", "2200"}});
    const Panel* curve = r.find("ruin");
    ASSERT_NE(curve, nullptr);
    ASSERT_EQ(curve->x.size(), 11u);  // z = 0 … 10
    const Series* simulated = curve->find("simulated");
    ASSERT_EQ(simulated->error.size(), 11u);
    EXPECT_EQ(curve->find("exact")->y[3], 0.7);  // 1 − z/a
    for (std::size_t z = 1; z < 10; ++z) {
        EXPECT_GT(simulated->error[z], 0);
        EXPECT_LT(std::abs(simulated->y[z] - curve->find("exact")->y[z]), 2.5 * simulated->error[z]) << z;
    }
    EXPECT_EQ(header(*curve), "capital,simulated,simulated_error,exact");
    EXPECT_EQ(header(*r.find("duration")), "step,simulated,exact");
    const Panel* path = r.find("path");
    EXPECT_EQ(path->find("target")->y.front(), 10.0);
    EXPECT_EQ(path->find("ruin")->y.front(), 0.0);
}

TEST(RuinExperiment, ReflectingBarriersFillThePositionView)
{
    const Result r = run({{"capital", "0"}, {"target", "8"}, {"p", "0.6"}, {"steps", "100"}, {"barriers", "reflecting"},
                          {"walkers", "20000"}});
    const Panel* position = r.find("position");
    ASSERT_NE(position, nullptr);
    EXPECT_EQ(header(*position), "position,simulated,exact,stationary");
    ASSERT_NE(r.find("ruin"), nullptr);
    EXPECT_TRUE(r.find("ruin")->series.empty());  // says "only with absorbing barriers"
    EXPECT_NE(r.find("ruin")->title.find("absorbing"), std::string::npos);
    const std::string chi = row(r, "χ² position vs exact", true);
    EXPECT_GT(std::stod(chi.substr(chi.find(' ') + 1)), 1e-4) << chi;
}
