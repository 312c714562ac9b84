// The "msd" and "returns" panels, shared by the walks in one, two and three dimensions.
#pragma once

#include "core/exact/ReturnProbabilities.h"
#include "core/experiment/Result.h"
#include "core/walk/WalkNDTheory.h"

#include <optional>

namespace walklab::core {

/// "1 walker", "5 walkers": a count with its noun, singular for 1.
std::string countOf(std::int64_t count, const std::string& noun);

/// "msd": x = observation times; "simulated" (Points: Σ|S_t|²/K of the K tracked walkers),
/// "simulated_plus_2se", "simulated_minus_2se" (Guides), "exact" (Line: t·tr Σ + t²|μ|²).
Panel msdPanel(const WalkObservations& observed, const Moments& step);

/// "returns": x = observation times; "simulated" (Points: fraction of tracked walkers with T ≤ t),
/// "exact" (Steps: P(T ≤ t), when `exact` is given), "polya" (Guide: the all-time return
/// probability, when given; labelled after Pólya only without drift). `lattice` false: a
/// continuous walk, whose exact curve is 0.
Panel returnsPanel(const WalkObservations& observed, bool lattice, const ReturnProbabilities* exact,
                   std::optional<double> polya, bool drift);

}  // namespace walklab::core
