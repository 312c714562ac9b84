// The "walk2d" experiment: walkers in the plane, on the lattice Z² or with continuous steps.
#pragma once

#include "core/experiment/walk/WalkNDExperiment.h"

namespace walklab::core {

/// Views: "paths" (trajectories with equal axes, start and end marked; see trajectoryPanel),
/// "msd", "returns", "radial" (see WalkNDExperiment) and "density" (PanelKind::HeatMap: one row per
/// cell of the window mean ± 4 sd, x and the coordinate series "y" its centre, "simulated" the
/// fraction of walkers in it, and "exact" — lattice law or Gaussian — or "normal" its probability).
class Walk2DExperiment final : public WalkNDExperiment {
public:
    Walk2DExperiment();

    std::string key() const override { return "walk2d"; }
    std::string title() const override { return "2D random walk"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

protected:
    std::vector<Panel> dimensionPanels(const WalkNDRun& run) const override;
};

}  // namespace walklab::core
