#include "core/experiment/walk/Walk2DExperiment.h"

#include "core/experiment/TextFormat.h"
#include "core/experiment/walk/WalkPanels.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

namespace walklab::core {

namespace {

// Most display cells across the density window.
constexpr std::int64_t kDensityCells = 80;

Panel densityPanel(const WalkNDRun& r)
{
    const WalkNDSimulation& sim = r.sim;
    const EndpointGrid& g = sim.endpoints;
    const Moments normal = scaled(r.step, double(sim.steps));
    std::array<std::int64_t, 2> lo{}, count{};
    std::int64_t across = 1;
    // A square window: mean ± 4 sd of the wider axis, in both axes (at least one site across).
    const double sd = std::max({std::sqrt(normal.covariance[0][0]), std::sqrt(normal.covariance[1][1]), 0.5});
    for (std::size_t a = 0; a < 2; ++a) {
        auto cell = [&](double x) {
            return std::clamp<std::int64_t>(std::int64_t(std::floor((x - g.lo[a]) / g.width)), 0, g.cells[a] - 1);
        };
        lo[a] = cell(normal.mean[a] - 4 * sd);
        count[a] = cell(normal.mean[a] + 4 * sd) - lo[a] + 1;
        across = std::max(across, count[a]);
    }
    // f grid cells per display cell; walks without pause live on a parity sublattice, so single
    // sites would show a checkerboard: cells of an even number of sites once there is room.
    std::int64_t f = (across + kDensityCells - 1) / kDensityCells;
    const bool parity = r.request.kind == WalkKind::Lattice && r.request.lattice.lazy == 0;
    if (parity && g.width == 1.0 && across >= 20 && f % 2 == 1)
        ++f;
    const double side = double(f) * g.width;
    const bool gaussian = r.request.kind == WalkKind::Gaussian;
    const bool exact = !r.cellProbabilities.empty() || gaussian;
    Panel p{"density",
            "Endpoint distribution after n = " + countOf(sim.steps, "step") + ": probability of each " +
                formatSignificant(side, 3) + " × " + formatSignificant(side, 3) + " cell",
            "x", "x", "y", {}, {}, {}};
    p.kind = PanelKind::HeatMap;
    p.equalAxes = true;
    Series y{"y", "", SeriesStyle::Points};
    y.coordinate = true;
    Series simulated{"simulated", "Simulated", SeriesStyle::Bars};
    Series reference{exact ? "exact" : "normal", exact ? "Exact" : "Normal approximation", SeriesStyle::Points};
    const double M = double(sim.walkers);
    // Gaussian steps: independent coordinates N(0, n/2), never degenerate (n ≥ 1). Lattice walks may
    // have an axis without variance (e.g. only east): no normal law is built for them.
    auto axisMass = [&](double a, double b) {
        const boost::math::normal_distribution<double> axis(0.0, std::sqrt(normal.covariance[0][0]));
        return boost::math::cdf(axis, b) - boost::math::cdf(axis, a);
    };
    for (std::int64_t i = 0; i * f < count[0]; ++i)
        for (std::int64_t j = 0; j * f < count[1]; ++j) {
            const std::int64_t gx = lo[0] + i * f, gy = lo[1] + j * f;
            std::uint64_t hits = 0;
            double probability = 0;
            for (std::int64_t u = gx; u < std::min(gx + f, g.cells[0]); ++u)
                for (std::int64_t v = gy; v < std::min(gy + f, g.cells[1]); ++v) {
                    const std::size_t index = std::size_t(u * g.cells[1] + v);
                    hits += g.counts[index];
                    if (!r.cellProbabilities.empty())
                        probability += r.cellProbabilities[index];
                }
            const double x0 = g.lo[0] + double(gx) * g.width, y0 = g.lo[1] + double(gy) * g.width;
            const Point3 centre{x0 + side / 2, y0 + side / 2, 0};
            if (gaussian)
                probability = axisMass(x0, x0 + side) * axisMass(y0, y0 + side);
            else if (!exact)
                probability = normalDensity(normal, centre) * side * side;
            p.x.push_back(centre[0]);
            y.y.push_back(centre[1]);
            simulated.y.push_back(double(hits) / M);
            reference.y.push_back(probability);
        }
    p.series = {std::move(y), std::move(simulated), std::move(reference)};
    return p;
}

}  // namespace

Walk2DExperiment::Walk2DExperiment()
    : WalkNDExperiment(
          2, 1000, 20,
          {{"paths", "Trajectories", "The first walkers in the plane, equal axis scales, start and end marked.", true},
           {"msd", "Mean squared displacement", "E|S_t|² against t: simulated ± 2 se and the exact line."},
           {"returns", "Returned by step t",
            "Fraction of walkers back at the start by step t, the exact curve and Pólya's all-time value (1 in 2D)."},
           {"radial", "Distance from the start",
            "Histogram of |S_n| against the exact law and the Rayleigh limit."},
           {"density", "Endpoint density", "Heat maps of the endpoint distribution: simulated beside exact.", true}})
{
}

std::string Walk2DExperiment::help() const
{
    return "The drunkard in the plane: every walker starts at the origin and takes n steps — to a neighbour "
           "on the square lattice (direction weights east, west, north, south and a pause probability), a unit "
           "step in a random direction (Pearson's walk) or a Gaussian step. The endpoints, the distance |S_n| "
           "and the mean squared displacement are compared with their exact laws; on the lattice every walker "
           "eventually comes back to the start (Pólya 1921), but slowly.";
}

std::vector<Preset> Walk2DExperiment::presets() const
{
    return {
        {"The drunkard in a city grid",
         "On the square lattice every walker comes back to the start with probability 1 (Pólya 1921), "
         "but slowly: after 1000 steps about a third have not yet come back (returns view).",
         {{"kind", "lattice"}, {"steps", "1000"}, {"walkers", "10000"}}},
        {"Wind from the west: a drift to the east",
         "Steps east twice as likely as west: the cloud of walkers drifts (2 − 1)/5 of a step east per "
         "step, 200 after 1000 steps, while it spreads like √n.",
         {{"kind", "lattice"}, {"steps", "1000"}, {"walkers", "10000"}, {"east", "2"}}},
        {"Pearson's walk: unit steps in random directions",
         "Pearson's question in Nature (1905): after n steps of length 1 in random directions, how far "
         "is the walker? Rayleigh's answer for large n: the radial view's Rayleigh density.",
         {{"kind", "pearson"}, {"steps", "100"}, {"walkers", "100000"}}},
        {"Gaussian steps: Brownian motion",
         "Independent normal steps of mean square length 1: the path is a sampled Brownian motion, "
         "S_n is exactly normal, and E|S_n|² = n as for the lattice walk.",
         {{"kind", "gaussian"}, {"steps", "1000"}, {"walkers", "10000"}}},
    };
}

std::vector<Panel> Walk2DExperiment::dimensionPanels(const WalkNDRun& r) const
{
    return {trajectoryPanel(r.sim, "paths", "Trajectories of " + countOf(std::int64_t(r.sim.paths.size()), "walker"), 0, 1),
            densityPanel(r)};
}

}  // namespace walklab::core
