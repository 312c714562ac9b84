// The law of one step of a random walk on Z^d, d = 1, 2, 3: finitely many integer step vectors
// with probabilities, and its generating function G(z) = Σ_s p_s z^s.
#pragma once

#include "core/exact/LaurentPolynomial.h"
#include "core/experiment/Error.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace walklab::core {

/// One step vector and its probability.
struct Step {
    LatticePoint vector{0, 0, 0};  ///< coordinates beyond the dimension are 0
    double probability = 0.0;      ///< in (0, 1]
};

/// The probabilities of a simple walk: ±e_i for each axis, and staying put.
struct SimpleWalkProbabilities {
    std::array<double, 3> plus{0, 0, 0};   ///< P(step +e_i), i < d (0 beyond)
    std::array<double, 3> minus{0, 0, 0};  ///< P(step −e_i)
    double lazy = 0.0;                     ///< P(step 0)
};

/// A step law: distinct step vectors with positive probabilities summing to 1 (the weights
/// given are normalised), sorted lexicographically. Values, built only by the factories below,
/// which validate their input.
class StepLaw {
public:
    /// Most distinct steps a law may have.
    static constexpr std::size_t kMaxSteps = 100000;
    /// Largest |coordinate| of a step.
    static constexpr std::int64_t kMaxStepLength = 100000;

    /// Steps vectors[i] with probabilities weights[i] / Σ weights. Duplicated vectors are
    /// merged and zero weights dropped.
    /// Errors (InvalidParameter): dimension not in 1…3 ("dimension"); vectors and weights of
    /// different lengths, or more than kMaxSteps ("steps"); a coordinate beyond the dimension
    /// not 0, or |coordinate| > kMaxStepLength ("steps"); a weight negative, NaN or infinite,
    /// or all weights 0 ("weights"). TooLarge if the box of G has more than 2^20 points.
    static Expected<StepLaw> fromSteps(int dimension, std::span<const LatticePoint> vectors,
                                       std::span<const double> weights);

    /// The simple walk on Z^d: each of the 2d neighbours ±e_i with probability (1 − lazy)/(2d),
    /// 0 with probability lazy. Errors: dimension not in 1…3 ("dimension"); lazy not in [0, 1)
    /// ("lazy").
    static Expected<StepLaw> simple(int dimension, double lazy = 0.0);

    /// The simple walk with given direction weights, in the order +e₁, −e₁, +e₂, −e₂, +e₃, −e₃
    /// (2d values, normalised to total 1 − lazy). Errors: dimension not in 1…3; weights not 2d
    /// values, negative or not finite, or all 0 ("weights"); lazy not in [0, 1) ("lazy").
    static Expected<StepLaw> simple(int dimension, std::span<const double> directionWeights,
                                    double lazy);

    /// A one-dimensional law on a range: step lowest + i with probability weights[i] / Σ weights
    /// (e.g. lowest = −2 and six weights for the steps −2 … +3).
    /// Errors as fromSteps; "lowest" if the range leaves ±kMaxStepLength.
    static Expected<StepLaw> range(std::int64_t lowest, std::span<const double> weights);

    /// A fair die with the given number of faces: steps 1 … faces, each with probability
    /// 1/faces. Errors: faces not in 1…kMaxStepLength ("faces").
    static Expected<StepLaw> die(std::int64_t faces = 6);

    int dimension() const { return m_dimension; }
    const std::vector<Step>& steps() const { return m_steps; }
    /// G(z) = Σ p_s z^s over the smallest box holding the steps.
    const LaurentPolynomial& generatingFunction() const { return m_generatingFunction; }

    /// True if every step is 0 or ±e_i.
    bool isSimple() const;
    /// The probabilities of the simple walk (precondition: isSimple()).
    SimpleWalkProbabilities simpleProbabilities() const;

    /// E[X_i], i < d.
    std::array<double, 3> mean() const;
    /// Cov(X_i, X_j), i, j < d.
    std::array<std::array<double, 3>, 3> covariance() const;

    /// A one-line description, e.g. "simple walk on Z^2, lazy 0.1".
    std::string description() const;

private:
    StepLaw() = default;
    int m_dimension = 1;
    std::vector<Step> m_steps;
    LaurentPolynomial m_generatingFunction;
};

}  // namespace walklab::core
