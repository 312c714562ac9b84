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
    const auto w = e.parse({{"p", "0.3"}, {"q", " "}});
    ASSERT_TRUE(w.has_value());
    EXPECT_DOUBLE_EQ(w->q, 0.7);
    EXPECT_DOUBLE_EQ(e.parse({{"p", "0.3"}, {"q", "0.2"}})->q, 0.2);
}

TEST(Walk1DExperiment, OneMessagePerBadField)
{
    const Walk1DExperiment e;
    const Errors errors = e.validate({{"steps", "0"}, {"walkers", "many"}, {"p", "1.5"}, {"seed", "-1"}});
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0].parameter, "walkers");
    EXPECT_EQ(errors[0].message, "walkers = many: must be a whole number");
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
