// Binomial probabilities by Loader's saddle-point method and binomial mixtures of sequences:
// the return probabilities of a walk made of independent components (exact engine internals).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace walklab::core::detail {

/// C(n, k) θ^k (1 − θ)^(n−k) for 0 ≤ k ≤ n, 0 ≤ θ ≤ 1 (0 for k outside 0…n), by Loader's
/// saddle-point expansion (C. Loader, "Fast and accurate computation of binomial
/// probabilities", 2000; the algorithm of R's dbinom): relative error ≲ 1e-14 + |log pmf|·4ε
/// (the last from exp() of a rounded exponent) for any n up to 2^53, with a few logarithms per
/// call. Underflows to 0 gracefully.
double binomialPmf(std::int64_t n, std::int64_t k, double theta);

/// The binomial mixture
///   c_n = Σ_k C(n, k) θ^k (1 − θ)^(n−k) a_k b_(n−k),   n = 0 … N,  N + 1 = min(|a|, |b|):
/// if a and b are the return probabilities of two independent walks, and each step of the
/// combined walk is a step of the first with probability θ and of the second otherwise, c is
/// the return probability of the combined walk.
///
/// Method: for each n the terms are summed outwards from their largest one (tracked from one
/// n to the next by hill climbing), with exact term ratios, until a term is below 10^-18 of
/// the sum; the largest term comes from binomialPmf(). Cost O(N·√N) for N steps. Relative
/// error ≲ (terms summed)·ε + 1e-14.
///
/// Preconditions: 0 ≤ θ ≤ 1; a_k, b_k ≥ 0, each sequence either positive everywhere or
/// positive at even and 0 at odd indices, apart from a tail of 0s (underflow), and the terms
/// unimodal in k (true for return probabilities, which decrease along their support).
std::vector<double> binomialMixture(std::span<const double> a, std::span<const double> b,
                                    double theta);

}  // namespace walklab::core::detail
