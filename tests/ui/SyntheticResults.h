// Results of every panel kind built by hand, so the drawing code is tested without running
// an experiment: 2D trajectories, N(t) step paths, a heat map, 3D trajectories, a log axis.
#pragma once

#include "core/experiment/Result.h"

#include <cmath>
#include <random>
#include <string>

namespace walklab::test {

/// Lattice paths of `steps` steps in `dims` dimensions (fixed seed): coordinates[walker][axis][t].
inline std::vector<std::vector<std::vector<double>>> latticePaths(int walkers, int steps, int dims)
{
    std::mt19937 engine(12345);
    std::uniform_int_distribution<int> direction(0, 2 * dims - 1);
    std::vector<std::vector<std::vector<double>>> paths(
        std::size_t(walkers), std::vector<std::vector<double>>(std::size_t(dims), std::vector<double>(std::size_t(steps) + 1, 0.0)));
    for (auto& path : paths)
        for (int t = 1; t <= steps; ++t) {
            const int d = direction(engine);
            for (int k = 0; k < dims; ++k)
                path[std::size_t(k)][std::size_t(t)] = path[std::size_t(k)][std::size_t(t) - 1];
            path[std::size_t(d / 2)][std::size_t(t)] += d % 2 ? -1 : 1;
        }
    return paths;
}

/// The "paths" view of a 2D walk: path_i_x coordinates, path_i_y over them (equal axes),
/// the starts and the ends as Points over the "start_x" / "end_x" coordinates.
inline core::Panel trajectories2D(int walkers, int steps)
{
    core::Panel p{"paths", "Trajectories", "step", "x", "y", {}, {}, {}};
    p.equalAxes = true;
    for (int t = 0; t <= steps; ++t)
        p.x.push_back(t);
    const auto paths = latticePaths(walkers, steps, 2);
    core::Series startX{"start_x", "", core::SeriesStyle::Points, {}}, startY{"start_y", "Start", core::SeriesStyle::Points, {}};
    core::Series endX{"end_x", "", core::SeriesStyle::Points, {}}, endY{"end_y", "End", core::SeriesStyle::Points, {}};
    startX.coordinate = endX.coordinate = true;
    startY.xOf = "start_x";
    endY.xOf = "end_x";
    for (int i = 0; i < walkers; ++i) {
        const std::string name = "path_" + std::to_string(i + 1);
        core::Series x{name + "_x", "", core::SeriesStyle::Line, paths[std::size_t(i)][0]};
        x.coordinate = true;
        core::Series y{name + "_y", "Walker " + std::to_string(i + 1), core::SeriesStyle::Line, paths[std::size_t(i)][1]};
        y.xOf = x.key;
        p.series.push_back(x);
        p.series.push_back(y);
        // One marker per walker, in the first rows (NaN below: one CSV row per step).
        for (core::Series* s : {&startX, &startY, &endX, &endY})
            s->y.resize(p.x.size(), std::nan(""));
        startX.y[std::size_t(i)] = x.y.front();
        startY.y[std::size_t(i)] = y.y.front();
        endX.y[std::size_t(i)] = x.y.back();
        endY.y[std::size_t(i)] = y.y.back();
    }
    for (const core::Series& s : {startX, startY, endX, endY})
        p.series.push_back(s);
    return p;
}

/// The "counting" view of a Poisson process: N(t) step paths on a time grid, mean λt guide.
inline core::Panel countingPaths(int realisations, double rate, double horizon, int points)
{
    core::Panel p{"counting", "N(t)", "time", "Time t (hours)", "N(t)", {}, {}, {}};
    std::mt19937 engine(777);
    std::exponential_distribution<double> gap(rate);
    for (int i = 0; i < points; ++i)
        p.x.push_back(horizon * i / (points - 1));
    for (int r = 0; r < realisations; ++r) {
        core::Series s{"path_" + std::to_string(r + 1), "Realisation " + std::to_string(r + 1),
                       core::SeriesStyle::Steps, {}};
        double next = gap(engine);
        int count = 0;
        for (double t : p.x) {
            while (next <= t) {
                ++count;
                next += gap(engine);
            }
            s.y.push_back(count);
        }
        p.series.push_back(s);
    }
    core::Series mean{"mean", "Mean λt", core::SeriesStyle::Guide, {}};
    for (double t : p.x)
        mean.y.push_back(rate * t);
    p.series.push_back(mean);
    return p;
}

/// The "density" view: cells of [−r, r]² (unit spacing) with a coordinate "y", a simulated
/// and an exact value series (a discretised Gaussian; the simulated one perturbed).
inline core::Panel heatMap(int r)
{
    core::Panel p{"density", "Endpoint density", "x", "x", "y", {}, {}, {}};
    p.kind = core::PanelKind::HeatMap;
    core::Series y{"y", "", core::SeriesStyle::Points, {}};
    y.coordinate = true;
    core::Series sim{"simulated", "Simulated", core::SeriesStyle::Points, {}};
    core::Series exact{"exact", "Exact", core::SeriesStyle::Points, {}};
    const double s2 = r * r / 4.0;
    double total = 0;
    for (int i = -r; i <= r; ++i)
        for (int j = -r; j <= r; ++j)
            total += std::exp(-(i * i + j * j) / (2 * s2));
    for (int i = -r; i <= r; ++i)
        for (int j = -r; j <= r; ++j) {
            p.x.push_back(i);
            y.y.push_back(j);
            const double e = std::exp(-(i * i + j * j) / (2 * s2)) / total;
            exact.y.push_back(e);
            sim.y.push_back(e * (1 + 0.2 * std::sin(3 * i + j)));
        }
    p.series = {y, sim, exact};
    return p;
}

/// The "paths3d" view: path_i_z over path_i_x and path_i_y, starts and ends as Points.
inline core::Panel trajectories3D(int walkers, int steps)
{
    core::Panel p{"paths3d", "Trajectories in space", "step", "x", "y", {}, {}, {}};
    p.kind = core::PanelKind::Space3D;
    for (int t = 0; t <= steps; ++t)
        p.x.push_back(t);
    const auto paths = latticePaths(walkers, steps, 3);
    core::Series ends[6] = {{"start_x", "", core::SeriesStyle::Points, {}}, {"start_y", "", core::SeriesStyle::Points, {}},
                            {"start_z", "Start", core::SeriesStyle::Points, {}}, {"end_x", "", core::SeriesStyle::Points, {}},
                            {"end_y", "", core::SeriesStyle::Points, {}}, {"end_z", "End", core::SeriesStyle::Points, {}}};
    for (int k : {0, 1, 3, 4})
        ends[k].coordinate = true;
    ends[2].xOf = "start_x";
    ends[2].yOf = "start_y";
    ends[5].xOf = "end_x";
    ends[5].yOf = "end_y";
    for (auto& e : ends)
        e.y.assign(p.x.size(), std::nan(""));
    for (int i = 0; i < walkers; ++i) {
        const std::string name = "path_" + std::to_string(i + 1);
        core::Series c[3] = {{name + "_x", "", core::SeriesStyle::Line, paths[std::size_t(i)][0]},
                             {name + "_y", "", core::SeriesStyle::Line, paths[std::size_t(i)][1]},
                             {name + "_z", "Walker " + std::to_string(i + 1), core::SeriesStyle::Line, paths[std::size_t(i)][2]}};
        c[0].coordinate = c[1].coordinate = true;
        c[2].xOf = c[0].key;
        c[2].yOf = c[1].key;
        for (int k = 0; k < 3; ++k) {
            p.series.push_back(c[k]);
            ends[k].y[std::size_t(i)] = c[k].y.front();
            ends[k + 3].y[std::size_t(i)] = c[k].y.back();
        }
    }
    for (const auto& e : ends)
        p.series.push_back(e);
    return p;
}

/// First-return probabilities f_2n = C(2n, n) / ((2n − 1) 4^n) of the simple 1D walk (Feller,
/// vol. I, ch. III) on a log axis, as Points, with a Line through them.
inline core::Panel logPanel(int n)
{
    core::Panel p{"firstreturn", "First return", "n", "Step 2n", "f_2n", {}, {}, {}};
    p.logY = true;
    core::Series f{"exact", "Exact", core::SeriesStyle::Points, {}};
    double u = 1;  // C(2k, k) / 4^k
    for (int k = 1; k <= n; ++k) {
        u *= (2.0 * k - 1) / (2.0 * k);
        p.x.push_back(2 * k);
        f.y.push_back(u / (2.0 * k - 1));
    }
    core::Series line = f;
    line.key = "curve";
    line.label = "";
    line.style = core::SeriesStyle::Line;
    p.series = {f, line};
    return p;
}

inline core::Result resultOf(std::vector<core::Panel> panels)
{
    core::Result r;
    r.experiment = "synthetic";
    r.panels = std::move(panels);
    return r;
}

}  // namespace walklab::test
