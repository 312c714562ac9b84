// The walk3d declaration: the 3D trajectories and projections, Pólya's constant in the returns.
#include "core/experiment/walk/Walk3DExperiment.h"

#include "core/exact/ReturnProbabilities.h"
#include "core/experiment/CsvWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace walklab::core;

TEST(Walk3DExperiment, ViewsTrajectoriesInSpaceAndProjections)
{
    const Walk3DExperiment e;
    RunControl control(2);
    const auto r = e.run({{"steps", "40"}, {"walkers", "3000"}, {"paths", "2"}}, control);
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->panels.size(), e.views().size());
    const Panel* space = r->find("paths3d");
    ASSERT_NE(space, nullptr);
    EXPECT_EQ(space->kind, PanelKind::Space3D);
    const Series* z = space->find("path_2_z");
    ASSERT_NE(z, nullptr);
    EXPECT_EQ(z->xOf, "path_2_x");
    EXPECT_EQ(z->yOf, "path_2_y");
    EXPECT_EQ(space->find("end_z")->y[1], z->y.back());
    for (const char* key : {"projection_xy", "projection_xz", "projection_yz"}) {
        const Panel* p = r->find(key);
        ASSERT_NE(p, nullptr) << key;
        EXPECT_TRUE(p->equalAxes);
    }
    EXPECT_EQ(r->find("projection_yz")->find("path_1_z")->xOf, "path_1_y");
    EXPECT_EQ(r->find("projection_xz")->find("path_1_z")->y, space->find("path_1_z")->y);
    std::ostringstream csv;
    writeCsv(*space, csv);
    EXPECT_EQ(csv.str().substr(0, csv.str().find('\n')).substr(0, 35), "step,path_1_x,path_1_y,path_1_z,pat");
    EXPECT_EQ(r->find("radial")->find("limit")->label, "Maxwell limit");
    EXPECT_EQ(e.param("down")->key, "down");
}

TEST(Walk3DExperiment, ReturnsLevelOffAtPolyasConstant)
{
    const Walk3DExperiment e;
    RunControl control(2);
    const auto r = e.run({{"steps", "2000"}, {"walkers", "10000"}, {"paths", "0"}}, control);
    ASSERT_TRUE(r.has_value());
    const Panel* returns = r->find("returns");
    // Pólya's constant 1 − 1/W = 0.3405373296 (OEIS A086230), computed from Watson's integral.
    EXPECT_NEAR(returns->find("polya")->y[0], 0.3405373296, 1e-10);
    const double exact = returns->find("exact")->y.back();
    EXPECT_GT(exact, 0.33);
    EXPECT_LT(exact, 0.3405373296);
    const double simulated = returns->find("simulated")->y.back();
    EXPECT_NEAR(simulated, exact, 4.5 * std::sqrt(exact * (1 - exact) / 1e4));
}

TEST(Walk3DExperiment, PearsonDistanceIsComparedWithRayleighsExactLawUpTo24Steps)
{
    // Beyond n = 24 only the Maxwell limit is drawn, and a note says so.
    const Walk3DExperiment e;
    RunControl control(2);
    for (const std::string steps : {"5", "24", "25"}) {
        const auto r = e.run({{"kind", "pearson"}, {"steps", steps}, {"walkers", "100000"}, {"paths", "0"}}, control);
        ASSERT_TRUE(r.has_value());
        const Series* exact = r->find("radial")->find("exact");
        bool row = false;
        for (const auto& s : r->summary)
            row = row || s.quantity == "Chi-squared |S_n| vs exact";
        if (steps == "25") {
            EXPECT_EQ(exact, nullptr);
            EXPECT_FALSE(row);
            bool noted = false;
            for (const auto& n : r->notes)
                noted = noted || n.find("drawn up to n = 24 steps") != std::string::npos;
            EXPECT_TRUE(noted);
            continue;
        }
        ASSERT_NE(exact, nullptr) << steps;
        EXPECT_EQ(exact->label, "Exact law (Rayleigh 1919)");
        EXPECT_TRUE(row) << steps;
        double total = 0;
        for (const double y : exact->y)
            total += y;
        EXPECT_NEAR(total, 1, 1e-9) << steps;  // |S_n| ≤ n: nothing beyond the last bin
    }
}
