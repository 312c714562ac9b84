// The "walk3d" experiment: walkers in space, on the lattice Z³ or with continuous steps.
#pragma once

#include "core/experiment/walk/WalkNDExperiment.h"

namespace walklab::core {

/// Views: "paths3d" (PanelKind::Space3D: per walker i, coordinates "path_i_x", "path_i_y" and the
/// curve "path_i_z" with xOf/yOf; end marks "end_z" over "end_x", "end_y"), "projection_xy",
/// "projection_xz", "projection_yz" (the same trajectories projected, equal axes; see
/// trajectoryPanel), "msd", "returns" and "radial" (see WalkNDExperiment; the Maxwell limit).
class Walk3DExperiment final : public WalkNDExperiment {
public:
    Walk3DExperiment();

    std::string key() const override { return "walk3d"; }
    std::string title() const override { return "3D random walk"; }
    std::string help() const override;
    std::vector<Preset> presets() const override;

protected:
    std::vector<Panel> dimensionPanels(const WalkNDRun& run) const override;
};

}  // namespace walklab::core
