// What the "walk2d" and "walk3d" experiments share: parameters, parsing, the simulation, the exact
// laws, and the views "radial", "msd" and "returns".
#pragma once

#include "core/exact/LatticeDistribution.h"
#include "core/exact/ReturnProbabilities.h"
#include "core/experiment/SettingsExperiment.h"
#include "core/walk/ContinuousWalk.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/WalkNDTheory.h"

#include <optional>

namespace walklab::core {

/// The kind of walk ("kind" parameter).
enum class WalkKind { Lattice, Pearson, Gaussian };

/// A parsed request: the kind, and the parameters of the matching simulation.
struct WalkNDRequest {
    WalkKind kind = WalkKind::Lattice;
    LatticeWalkParams lattice;        ///< used when kind = Lattice
    ContinuousWalkParams continuous;  ///< used otherwise
    std::int64_t steps() const { return lattice.steps; }
    std::int64_t walkers() const { return lattice.walkers; }
};

/// One run, simulated and exact, handed to the panel builders.
struct WalkNDRun {
    WalkNDRequest request;
    WalkNDSimulation sim;
    Moments step;                                  ///< of one step
    std::optional<StepLaw> law;                    ///< lattice walks
    std::optional<LatticeDistribution> exact;      ///< lattice law of S_n, when within its limits
    std::vector<double> cellProbabilities;         ///< of sim.endpoints' cells (+ outside), with exact
    std::optional<ReturnProbabilities> returns;    ///< lattice walks, when within limits
};

/// Parameters: kind (lattice, pearson, gaussian), steps, walkers, the direction weights (east,
/// west, north, south; up, down in 3D) and lazy (lattice only), seed, paths.
/// Views common to both: "radial" (histogram of |S_n|: simulated, exact, limit; x = ρ, bin
/// centres), "msd" (E|S_t|²: simulated ± 2 se, exact; x = step), "returns" (P(T ≤ t):
/// simulated, exact as steps, Pólya's all-time value; x = step). Subclasses add their own.
class WalkNDExperiment : public SettingsExperiment<WalkNDRequest> {
public:
    /// Converts text parameters to a request and validates it; one Error per bad parameter.
    Expected<WalkNDRequest> parse(const ParamSet& params, ParamSet* chosen) const override;

protected:
    /// d = 2 or 3; default steps and paths; views in display order (the last is the CSV default).
    WalkNDExperiment(int dimension, std::int64_t defaultSteps, std::int64_t defaultPaths,
                     std::vector<ViewSpec> views);

    /// The panels of the views only this dimension has.
    virtual std::vector<Panel> dimensionPanels(const WalkNDRun& run) const = 0;

    /// Trajectories of the kept walkers projected on axes (h, v) as a 2D chart with equal axes:
    /// per walker i, coordinate "path_i_<h>" and line "path_i_<v>" over it; start (origin) and end
    /// marks as Points "start_<v>" over "start_<h>" (row 0) and "end_<v>" over "end_<h>" (row i:
    /// end of walker i + 1), NaN elsewhere; x = pathRows(sim).
    static Panel trajectoryPanel(const WalkNDSimulation& sim, std::string key, std::string title, int h, int v);

    Expected<Result> compute(const WalkNDRequest& request, RunControl& control) const override;

    int m_dimension;
};

/// Axis names "x", "y", "z".
const char* axisName(int axis);

/// The x column of the trajectory panels: the steps at which the paths were kept
/// (sim.pathTimes), then NaN rows without a path point until every kept walker has a row for its
/// end mark (max(pathTimes.size(), paths.size()) rows: n + 1 < walkers at a few steps).
std::vector<double> pathRows(const WalkNDSimulation& sim);

}  // namespace walklab::core
