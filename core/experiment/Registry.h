// The list of all experiments WalkLab offers.
#pragma once

#include "core/experiment/Experiment.h"

#include <memory>
#include <string_view>
#include <vector>

namespace walklab::core {

/// All experiments, in menu order. Adding one means one line in Registry.cpp.
const std::vector<std::unique_ptr<Experiment>>& experiments();

/// The experiment with this key, or nullptr.
const Experiment* findExperiment(std::string_view key);

}  // namespace walklab::core
