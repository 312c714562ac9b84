// The exact law of the distance |S_n| of a lattice walk from its start, d = 1, 2, 3: the lattice
// probabilities summed over the shells |x|² = ρ².
#pragma once

#include "core/exact/LatticeDistribution.h"
#include "core/exact/StepLaw.h"
#include "core/experiment/Error.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// P(|S_n| = ρ) on the shells that S_n can reach, by increasing radius.
struct RadialDistribution {
    int dimension = 1;
    std::int64_t steps = 0;
    /// ρ² of each shell: the integers x₁² + … + x_d² of the reachable points, increasing.
    std::vector<std::int64_t> squaredRadius;
    /// P(|S_n|² = squaredRadius[i]), same length; sums to 1 up to the lattice law's error.
    std::vector<double> probability;

    /// ρ = √squaredRadius[i].
    double radius(std::size_t i) const;
    /// E|S_n|² = Σ ρ² P(|S_n| = ρ).
    double meanSquaredRadius() const;
};

/// Sums P(S_n = x) over the shells |x|² = ρ² of a lattice law (each point added once, in
/// storage order: relative error ≤ (points in the shell)·ε plus the law's own). Shells whose
/// points all have probability 0 are left out. Memory: one double per possible ρ², at most
/// d·(n·max|step|)² + 1 (3·127² for the 3D simple walk at its largest n).
RadialDistribution radialDistribution(const LatticeDistribution& law);

/// latticeDistribution(law, steps, method) followed by the shell sums; its errors and limits
/// (n ≤ 2047 for the 2D and n ≤ 127 for the 3D simple walk).
Expected<RadialDistribution> radialDistribution(const StepLaw& law, std::int64_t steps,
                                                ConvolutionMethod method = ConvolutionMethod::Automatic);

}  // namespace walklab::core
