// The walk1d declaration: schema, text parameters, the panels of its result, CSV columns.
#include "core/experiment/walk/Walk1DExperiment.h"

#include "core/experiment/CsvWriter.h"
#include "core/experiment/Registry.h"

#include <gtest/gtest.h>

#include <numeric>
#include <sstream>

using namespace walklab::core;

TEST(Registry, EveryExperimentRunsWithItsDefaultsAndDeclaresItsViews)
{
    ASSERT_FALSE(experiments().empty());
    for (const auto& e : experiments()) {
        EXPECT_EQ(findExperiment(e->key()), e.get());
        EXPECT_TRUE(e->validate({}).empty()) << e->key();
        for (const auto& spec : e->params()) {
            EXPECT_FALSE(spec.help.empty()) << e->key() << "." << spec.key;
            EXPECT_LE(spec.minimum, spec.maximum);
        }
        RunControl control;
        auto result = e->run({}, control);
        ASSERT_TRUE(result.has_value()) << e->key();
        for (const auto& view : e->views()) {
            const Panel* panel = result->find(view.key);
            ASSERT_NE(panel, nullptr) << e->key() << " view " << view.key;
            EXPECT_FALSE(panel->x.empty());
            for (const auto& s : panel->series)
                EXPECT_EQ(s.y.size(), panel->x.size()) << view.key << "." << s.key;
        }
    }
    EXPECT_EQ(findExperiment("nope"), nullptr);
}

TEST(Walk1DExperiment, QEmptyMeansOneMinusP)
{
    const Walk1DExperiment e;
    ParamSet chosen;
    const auto w = e.parse({{"p", "0.3"}, {"q", " "}}, &chosen);
    ASSERT_TRUE(w.has_value());
    EXPECT_DOUBLE_EQ(w->q, 0.7);
    EXPECT_EQ(chosen, (ParamSet{{"q", "0.7 (1 − p)"}}));  // as --print echoes it
    chosen.clear();
    EXPECT_DOUBLE_EQ(e.parse({{"p", "0.3"}, {"q", "0.2"}}, &chosen)->q, 0.2);
    EXPECT_TRUE(chosen.empty());
}

TEST(Walk1DExperiment, ResultListsTheValuesTheRunChose)
{
    // A default that the walkers cap, and a derived q; a given value is not listed.
    const Walk1DExperiment e;
    RunControl control(1);
    const auto r = e.run({{"walkers", "7"}, {"steps", "10"}, {"p", "0.25"}, {"q", ""}, {"seed", "3"}}, control);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->chosen, (ParamSet{{"paths", "7 (default 20, at most walkers)"}, {"q", "0.75 (1 − p)"}}));
    const auto given = e.run({{"walkers", "7"}, {"steps", "10"}, {"paths", "5"}, {"q", "0.5"}}, control);
    ASSERT_TRUE(given.has_value());
    EXPECT_TRUE(given->chosen.empty());
}

TEST(Walk1DExperiment, OneMessagePerBadField)
{
    const Walk1DExperiment e;
    const Errors errors = e.validate({{"steps", "0"}, {"walkers", "many"}, {"p", "1.5"}, {"seed", "-1"}});
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0].parameter, "walkers");
    EXPECT_EQ(errors[0].message, "walkers = many: must be a whole number between 1 and 10^9");
    EXPECT_EQ(errors[1].parameter, "seed");
    EXPECT_EQ(errors[2].message, "steps = 0: must be between 1 and 10^9");
    EXPECT_EQ(errors[3].message, "p = 1.5: must be between 0 and 1");
}

TEST(Walk1DExperiment, EndpointPanelCoversEveryPositionWithExactAndNormal)
{
    const Walk1DExperiment e;
    RunControl control;
    const auto result = e.run({{"steps", "20"}, {"walkers", "50000"}, {"seed", "5"}}, control);
    ASSERT_TRUE(result.has_value());
    const Panel* endpoint = result->find("endpoint");
    ASSERT_NE(endpoint, nullptr);
    // Every integer of the range, in order, impossible (odd) sites included with exact 0.
    for (std::size_t i = 1; i < endpoint->x.size(); ++i)
        EXPECT_EQ(endpoint->x[i], endpoint->x[i - 1] + 1);
    const auto& sim = endpoint->find("simulated")->y;
    const auto& exact = endpoint->find("exact")->y;
    EXPECT_NEAR(std::accumulate(sim.begin(), sim.end(), 0.0), 1.0, 1e-12);
    EXPECT_NEAR(std::accumulate(exact.begin(), exact.end(), 0.0), 1.0, 1e-6);
    for (std::size_t i = 0; i < endpoint->x.size(); ++i)
        if (std::int64_t(endpoint->x[i]) % 2 != 0) {
            EXPECT_EQ(exact[i], 0.0);
            EXPECT_FALSE(endpoint->support[i]);
        }
    ASSERT_NE(endpoint->find("normal"), nullptr);
    const Panel* paths = result->find("paths");
    ASSERT_NE(paths, nullptr);
    EXPECT_NE(paths->find("path_20"), nullptr);
    EXPECT_EQ(paths->x.back(), 20.0);

    std::ostringstream csv;
    writeCsv(*endpoint, csv);
    EXPECT_EQ(csv.str().substr(0, csv.str().find('\n')), "position,simulated,exact,normal");
}

TEST(Walk1DExperiment, LargeLazyWalkShowsNormalOnlyAndSaysSo)
{
    const Walk1DExperiment e;
    RunControl control;
    const auto result = e.run({{"steps", "20000000"}, {"walkers", "2"}, {"p", "0.25"}, {"q", "0.25"},
                               {"paths", "1"}}, control);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->find("endpoint")->find("exact"), nullptr);
    // One note for the PMF (and one for the exact return curve, also out of reach).
    ASSERT_EQ(result->notes.size(), 2u);
    EXPECT_NE(result->notes[0].find("exact PMF of a lazy walk"), std::string::npos);
    EXPECT_NE(result->notes[0].find("10^7"), std::string::npos);
}

namespace {

std::string summaryValue(const Result& r, const std::string& quantity, bool exact = false)
{
    for (const auto& row : r.summary)
        if (row.quantity == quantity)
            return exact ? row.exact : row.simulated;
    ADD_FAILURE() << "no summary row " << quantity;
    return "";
}

}  // namespace

TEST(Walk1DExperiment, ReturnsViewFollowsEveryWalkerOnItsOwnStreams)
{
    // A drift (q > p): half the walkers step away from 0 first and reach it again with probability p/q.
    const Walk1DExperiment e;
    RunControl control(2);
    const ParamSet params{{"steps", "1000"}, {"walkers", "60000"}, {"p", "0.45"}, {"q", "0.55"}, {"seed", "8"}};
    const auto result = e.run(params, control);
    ASSERT_TRUE(result.has_value());
    const Panel* returns = result->find("returns");
    ASSERT_NE(returns, nullptr);
    EXPECT_NE(returns->title.find("60000 walkers"), std::string::npos) << returns->title;
    const Series* simulated = returns->find("simulated");
    const Series* exact = returns->find("exact");
    ASSERT_NE(simulated, nullptr);
    ASSERT_NE(exact, nullptr);
    ASSERT_EQ(simulated->error.size(), returns->x.size());
    // Every point within 4.5 of its 2-se error bars' half-widths (4.5·2 se would miss nothing).
    for (std::size_t i = 1; i < returns->x.size(); ++i) {
        const double se = std::max(simulated->error[i] / 2, 1e-12);
        EXPECT_NEAR(simulated->y[i], exact->y[i], 4.5 * se) << "t = " << returns->x[i];
    }
    EXPECT_NEAR(exact->y.back(), 1 - 0.1, 1e-3);  // P(T ≤ 1000) → 1 − |p − q| = 0.9
    const std::string pValue = summaryValue(*result, "First-return times: chi-squared vs exact", true);
    ASSERT_EQ(pValue.rfind("p-value ", 0), 0u);
    EXPECT_GT(std::stod(pValue.substr(8)), 1e-4);
    // The endpoints are those of simulateWalk1D alone: the first returns draw from domain 1.
    const auto walk = simulateWalk1D(*e.parse(params, nullptr), control);
    ASSERT_TRUE(walk.has_value());
    const Panel* endpoint = result->find("endpoint");
    for (std::size_t i = 0; i < endpoint->x.size(); ++i)
        EXPECT_EQ(endpoint->find("simulated")->y[i], double(walk->endpoints.count(std::int64_t(endpoint->x[i]))) / 60000);
}

TEST(Walk1DExperiment, ReturnsViewOfLongWalksUsesLogarithmicTimes)
{
    const Walk1DExperiment e;
    RunControl control;
    const auto result = e.run({{"steps", "100000"}, {"walkers", "20000"}, {"seed", "3"}, {"paths", "1"}}, control);
    ASSERT_TRUE(result.has_value());
    const Panel* returns = result->find("returns");
    EXPECT_TRUE(returns->logX);
    EXPECT_EQ(returns->x.front(), 1.0);
    EXPECT_EQ(returns->x.back(), 100000.0);
    const std::string pValue = summaryValue(*result, "First-return times: chi-squared vs exact", true);
    EXPECT_GT(std::stod(pValue.substr(8)), 1e-4);
}

TEST(Walk1DExperiment, ReturnsViewIsLimitedOnlyWhenTooCostlyAndSaysSo)
{
    double seconds = 0;
    Walk1DParams w;  // the defaults: every walker
    EXPECT_EQ(firstReturnWalkers(w, seconds), w.walkers);
    EXPECT_LT(seconds, 0.1);
    w.steps = 1'000'000'000;
    w.walkers = 1'000'000'000;
    const std::int64_t symmetric = firstReturnWalkers(w, seconds);
    EXPECT_GT(seconds, 1000.0);  // √(8n/π) ≈ 5·10^4 steps each
    EXPECT_GT(symmetric, 100'000);
    EXPECT_LT(symmetric, 1'000'000);
    w.p = 0.51;
    w.q = 0.49;  // a drift: walkers that return do so in about 1/|p − q| = 50 steps
    EXPECT_GE(firstReturnWalkers(w, seconds), 3'000'000);
    // the note, at a size whose main run is quick (n = 10: about 0.2 µs per walker, so 5·10^6 walkers)
    const Walk1DExperiment e;
    RunControl control;
    const auto result = e.run({{"steps", "10"}, {"walkers", "9000000"}, {"p", "0.5"}, {"paths", "1"}}, control);
    ASSERT_TRUE(result.has_value());
    double all = 0;
    const std::int64_t used = firstReturnWalkers(*e.parse({{"steps", "10"}, {"walkers", "9000000"}}, nullptr), all);
    EXPECT_LT(used, 9'000'000);
    bool said = false;
    for (const auto& note : result->notes)
        said = said || note.find("The return curve follows the first " + std::to_string(used) + " of the 9000000") == 0;
    EXPECT_TRUE(said);
    EXPECT_NE(result->find("returns")->title.find(std::to_string(used) + " walkers"), std::string::npos);
}
