#include "core/experiment/Registry.h"

#include "core/experiment/Walk1DExperiment.h"

namespace walklab::core {

const std::vector<std::unique_ptr<Experiment>>& experiments()
{
    static const auto all = [] {
        std::vector<std::unique_ptr<Experiment>> v;
        v.push_back(std::make_unique<Walk1DExperiment>());
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
