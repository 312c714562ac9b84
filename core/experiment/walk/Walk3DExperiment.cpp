#include "core/experiment/walk/Walk3DExperiment.h"

#include "core/experiment/walk/WalkPanels.h"

#include <limits>

namespace walklab::core {

namespace {

Panel spacePanel(const WalkNDSimulation& sim)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Panel p{"paths3d", "Trajectories of " + countOf(std::int64_t(sim.paths.size()), "walker") + " in space", "step", "x", "y",
            pathRows(sim), {}, {}};
    p.kind = PanelKind::Space3D;
    p.equalAxes = true;
    const std::size_t rows = p.x.size();
    std::array<Series, 3> start, end;
    for (int a = 0; a < 3; ++a) {
        start[a] = {std::string("start_") + axisName(a), a == 2 ? "Start" : "", SeriesStyle::Points,
                    std::vector<double>(rows, nan)};
        end[a] = {std::string("end_") + axisName(a), a == 2 ? "End" : "", SeriesStyle::Points,
                  std::vector<double>(rows, nan)};
        start[a].coordinate = end[a].coordinate = a < 2;
        start[a].plotOnly = end[a].plotOnly = true;
        start[a].y[0] = 0.0;
    }
    start[2].xOf = start[0].key;
    start[2].yOf = start[1].key;
    end[2].xOf = end[0].key;
    end[2].yOf = end[1].key;
    for (std::size_t i = 0; i < sim.paths.size(); ++i) {
        const std::string name = "path_" + std::to_string(i + 1) + "_";
        std::array<Series, 3> s;
        for (int a = 0; a < 3; ++a) {
            s[a] = {name + axisName(a), a == 2 ? "Walker " + std::to_string(i + 1) : "", SeriesStyle::Line};
            s[a].coordinate = a < 2;
            for (const Point3& x : sim.paths[i])
                s[a].y.push_back(x[std::size_t(a)]);
            end[a].y[i] = sim.paths[i].back()[std::size_t(a)];
        }
        s[2].xOf = s[0].key;
        s[2].yOf = s[1].key;
        for (auto& series : s)
            p.series.push_back(std::move(series));
    }
    if (!sim.paths.empty()) {
        for (auto& s : start)
            p.series.push_back(std::move(s));
        for (auto& s : end)
            p.series.push_back(std::move(s));
    }
    return p;
}

}  // namespace

Walk3DExperiment::Walk3DExperiment()
    : WalkNDExperiment(
          3, 60, 10,
          {{"paths3d", "Trajectories in space", "The first walkers in a rotatable 3D view, start and end marked.", true},
           {"projection_xy", "Projection on the xy plane", "The trajectories seen from above (equal axes)."},
           {"projection_xz", "Projection on the xz plane", "The trajectories seen from the front (equal axes)."},
           {"projection_yz", "Projection on the yz plane", "The trajectories seen from the side (equal axes)."},
           {"msd", "Mean squared displacement", "E|S_t|² against t: simulated ± 2 se and the exact line."},
           {"returns", "Returned by step t",
            "Fraction of walkers back at the start by step t, the exact curve and Pólya's all-time value "
            "0.3405373296… on the cubic lattice.", true},
           {"radial", "Distance from the start",
            "Histogram of |S_n| against the exact law and the Maxwell limit."}})
{
}

std::string Walk3DExperiment::help() const
{
    return "The drunkard in space: every walker starts at the origin and takes n steps — to a neighbour on the "
           "cubic lattice (direction weights east, west, north, south, up, down and a pause probability), a unit "
           "step in a random direction (Pearson's walk) or a Gaussian step. On the cubic lattice only about 34% of "
           "the walkers ever come back to the start (Pólya 1921; 1 − 1/W with Watson's integral W).";
}

std::vector<Preset> Walk3DExperiment::presets() const
{
    return {
        {"Pólya: the drunk bird may never come home",
         "On the cubic lattice only about 34 % of the walkers ever return to the start (Pólya's "
         "0.3405…): \"a drunk man will find his way home, but a drunk bird may get lost forever\" "
         "(Kakutani).",
         {{"kind", "lattice"}, {"steps", "1000"}, {"walkers", "10000"}}},
        {"Pearson's walk in space",
         "Unit steps in random directions in space; for large n the distance from the start has the "
         "Maxwell density (radial view).",
         {{"kind", "pearson"}, {"steps", "100"}, {"walkers", "100000"}}},
        {"Gaussian steps: Brownian motion in space",
         "Independent normal steps of mean square length 1 in space: S_n is exactly normal and "
         "E|S_n|² = n (msd view).",
         {{"kind", "gaussian"}, {"steps", "1000"}, {"walkers", "10000"}}},
    };
}

std::vector<Panel> Walk3DExperiment::dimensionPanels(const WalkNDRun& r) const
{
    return {spacePanel(r.sim),
            trajectoryPanel(r.sim, "projection_xy", "Trajectories seen from above (x, y)", 0, 1),
            trajectoryPanel(r.sim, "projection_xz", "Trajectories seen from the front (x, z)", 0, 2),
            trajectoryPanel(r.sim, "projection_yz", "Trajectories seen from the side (y, z)", 1, 2)};
}

}  // namespace walklab::core
