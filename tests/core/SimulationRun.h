// Runs a core simulation inside a test: a failed run is a test failure that shows the first
// error's message, and gives an empty result so that the test goes on to its own checks.
#pragma once

#include "core/experiment/RunControl.h"

#include <gtest/gtest.h>

#include <utility>

namespace walklab::test {

/// simulate(params, control) with a RunControl of `threads` worker threads; `simulate` returns
/// Expected<Simulation> (simulatePoisson, simulateLatticeWalk, …). Returns the simulation, or
/// Simulation{} after recording the failure.
template <class Simulate, class Params>
auto runSimulation(Simulate&& simulate, const Params& params, unsigned threads)
{
    core::RunControl control(threads);
    auto sim = simulate(params, control);
    EXPECT_TRUE(sim.has_value()) << (sim ? "" : sim.error().front().message);
    using Simulation = typename decltype(sim)::value_type;
    return sim ? std::move(*sim) : Simulation{};
}

}  // namespace walklab::test
