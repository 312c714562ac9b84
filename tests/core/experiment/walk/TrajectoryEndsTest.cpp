// The trajectory views of walk2d and walk3d mark the end of every walker shown, also when the walk
// has fewer steps + 1 than walkers shown; their CSV holds the paths by step, without the marks
// (a mark's row is not a step); the note on the walkers the MSD and return curves follow says what
// holds for the kind of walk.
#include "core/experiment/CsvWriter.h"
#include "core/experiment/walk/Walk2DExperiment.h"
#include "core/experiment/walk/Walk3DExperiment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace walklab::core;

namespace {

Result runOk(const Experiment& e, const ParamSet& params)
{
    RunControl control(2);
    auto result = e.run(params, control);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().message);
    return result ? std::move(*result) : Result{};
}

// The CSV of `panel` as rows of cells (header first).
std::vector<std::vector<std::string>> csvRows(const Panel& panel)
{
    std::ostringstream out;
    writeCsv(panel, out);
    std::istringstream in(out.str());
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');)
            cells.push_back(cell);
        if (!line.empty() && line.back() == ',')
            cells.emplace_back();
        rows.push_back(std::move(cells));
    }
    return rows;
}

// Every walker shown has its end mark at the last point of its path (axes h, v of the panel).
// The CSV has one row per step (steps 0 … n, the panel's x that are not NaN), the paths' columns
// and no mark columns; its last row holds each path's end.
void expectEveryEndMarked(const Panel& p, int walkers, const std::string& h, const std::string& v)
{
    const Series* endH = p.find("end_" + h);
    const Series* endV = p.find("end_" + v);
    ASSERT_NE(endH, nullptr);
    ASSERT_NE(endV, nullptr);
    const auto marked = std::count_if(endV->y.begin(), endV->y.end(), [](double y) { return std::isfinite(y); });
    EXPECT_EQ(marked, walkers) << p.key;
    const auto steps = std::count_if(p.x.begin(), p.x.end(), [](double x) { return !std::isnan(x); });
    const auto rows = csvRows(p);
    ASSERT_EQ(rows.size(), std::size_t(steps) + 1) << p.key;
    const auto column = [&](const std::string& key) {
        return std::size_t(std::find(rows[0].begin(), rows[0].end(), key) - rows[0].begin());
    };
    for (const char* mark : {"start_", "end_"})
        for (const std::string& axis : {h, v})
            EXPECT_EQ(column(mark + axis), rows[0].size()) << p.key << ": " << mark << axis << " in the CSV";
    for (int i = 0; i < walkers; ++i) {
        const std::string n = "path_" + std::to_string(i + 1) + "_";
        EXPECT_EQ(endH->y[std::size_t(i)], p.find(n + h)->y.back()) << p.key << " walker " << i + 1;
        EXPECT_EQ(endV->y[std::size_t(i)], p.find(n + v)->y.back()) << p.key << " walker " << i + 1;
        const std::size_t ch = column(n + h), cv = column(n + v);
        ASSERT_LT(std::max(ch, cv), rows[0].size()) << p.key << " walker " << i + 1;
        EXPECT_EQ(std::stod(rows.back()[ch]), endH->y[std::size_t(i)]) << p.key << " CSV, walker " << i + 1;
        EXPECT_EQ(std::stod(rows.back()[cv]), endV->y[std::size_t(i)]) << p.key << " CSV, walker " << i + 1;
    }
}

}  // namespace

TEST(TrajectoryEnds, Walk2DMarksEveryEndWhenStepsAreFewerThanWalkers)
{
    const Walk2DExperiment e;
    for (const char* kind : {"pearson", "lattice", "gaussian"})
        for (const char* steps : {"1", "2"}) {
            SCOPED_TRACE(std::string(kind) + ", steps " + steps);
            const Result r = runOk(e, {{"kind", kind}, {"steps", steps}, {"walkers", "20"}, {"paths", "20"}});
            const Panel* paths = r.find("paths");
            ASSERT_NE(paths, nullptr);
            expectEveryEndMarked(*paths, 20, "x", "y");
            // Steps 0 … n, then rows holding only an end mark (no step, no path point).
            const std::size_t n = std::stoul(steps);
            ASSERT_EQ(paths->x.size(), 20u);
            EXPECT_EQ(paths->x[n], double(n));
            EXPECT_TRUE(std::isnan(paths->x[n + 1]));
            EXPECT_EQ(paths->find("path_1_x")->y.size(), n + 1);
            EXPECT_EQ(paths->find("start_y")->y[0], 0.0);
        }
}

TEST(TrajectoryEnds, Walk2DKeepsOneRowPerStepWhenWalkersAreFewer)
{
    const Walk2DExperiment e;
    const Result r = runOk(e, {{"steps", "50"}, {"walkers", "30"}, {"paths", "3"}});
    const Panel* paths = r.find("paths");
    ASSERT_NE(paths, nullptr);
    EXPECT_EQ(paths->x.size(), 51u);
    EXPECT_EQ(paths->x.back(), 50.0);
    expectEveryEndMarked(*paths, 3, "x", "y");
    EXPECT_TRUE(std::isnan(paths->find("end_x")->y[3]));
}

TEST(TrajectoryEnds, Walk3DMarksEveryEndInSpaceAndInEachProjection)
{
    const Walk3DExperiment e;
    for (const char* kind : {"lattice", "pearson"}) {
        SCOPED_TRACE(kind);
        const Result r = runOk(e, {{"kind", kind}, {"steps", "1"}, {"walkers", "10"}, {"paths", "10"}});
        const Panel* space = r.find("paths3d");
        ASSERT_NE(space, nullptr);
        expectEveryEndMarked(*space, 10, "x", "z");
        expectEveryEndMarked(*space, 10, "y", "z");
        expectEveryEndMarked(*r.find("projection_xy"), 10, "x", "y");
        expectEveryEndMarked(*r.find("projection_xz"), 10, "x", "z");
        expectEveryEndMarked(*r.find("projection_yz"), 10, "y", "z");
    }
}

TEST(TrajectoryEnds, TrackedWalkersNoteNamesReturnsOnlyForLatticeWalks)
{
    // More walkers than the 10^4 tracked: the note says which curves follow only those.
    const Walk2DExperiment e;
    auto note = [&](const char* kind) {
        const Result r = runOk(e, {{"kind", kind}, {"steps", "4"}, {"walkers", "10001"}, {"paths", "0"}});
        const auto it = std::find_if(r.notes.begin(), r.notes.end(),
                                     [](const std::string& s) { return s.find("follow") != std::string::npos; });
        return it == r.notes.end() ? std::string() : *it;
    };
    EXPECT_EQ(note("lattice"), "The MSD and return curves follow the first 10000 walkers; endpoints and |S_n| use all 10001.");
    for (const char* kind : {"pearson", "gaussian"})
        EXPECT_EQ(note(kind), "The MSD curve follows the first 10000 walkers; endpoints and |S_n| use all 10001.") << kind;
}
