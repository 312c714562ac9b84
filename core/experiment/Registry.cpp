#include "core/experiment/Registry.h"

#include "core/experiment/poisson/NonHomogeneousPoissonExperiment.h"
#include "core/experiment/poisson/PoissonExperiment.h"
#include "core/experiment/poisson/PoissonOperationsExperiment.h"
#include "core/experiment/walk/PassageExperiment.h"
#include "core/experiment/walk/RuinExperiment.h"
#include "core/experiment/walk/Walk1DExperiment.h"
#include "core/experiment/walk/Walk2DExperiment.h"
#include "core/experiment/walk/Walk3DExperiment.h"

namespace walklab::core {

const std::vector<std::unique_ptr<Experiment>>& experiments()
{
    static const auto all = [] {
        std::vector<std::unique_ptr<Experiment>> v;
        v.push_back(std::make_unique<Walk1DExperiment>());
        v.push_back(std::make_unique<Walk2DExperiment>());
        v.push_back(std::make_unique<Walk3DExperiment>());
        v.push_back(std::make_unique<PassageExperiment>());
        v.push_back(std::make_unique<RuinExperiment>());
        v.push_back(std::make_unique<PoissonExperiment>());
        v.push_back(std::make_unique<NonHomogeneousPoissonExperiment>());
        v.push_back(std::make_unique<PoissonOperationsExperiment>());
        return v;
    }();
    return all;
}

const Experiment* findExperiment(std::string_view key)
{
    for (const auto& e : experiments())
        if (e->key() == key)
            return e.get();
    return nullptr;
}

}  // namespace walklab::core
