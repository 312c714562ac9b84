// The running maximum M_n = max_{0 ≤ t ≤ n} S_t of the biased, lazy simple random walk.
#pragma once

#include "core/exact/FirstPassage.h"
#include "core/experiment/Error.h"

#include <cstdint>
#include <vector>

namespace walklab::core {

/// P(M_n ≥ m) for every m = 0 … n (n + 1 values, index m; the first is 1), S_0 = 0.
///
/// Formula (reflection principle; Feller vol. I, §III.7 for p = q, r = 0): reflecting the
/// path after its first visit to m ≥ 1 exchanges its later ups and downs, so for k ≤ m
///   P(M_n ≥ m, S_n = k) = (q/p)^{m−k} P(S_n = 2m − k),
/// for any p, q, r (lazy steps are left as they are). Summing over k, and using
/// P(S_n = −i) = (q/p)^i P(S_n = i),
///   P(M_n ≥ m) = P(S_n ≥ m) + Σ_{i > m} (q/p)^{i−m} P(S_n = i) = P(S_n ≥ m) + (p/q)^m P(S_n < −m).
/// The sum is accumulated from the top, G_m = (q/p)(P(S_n = m + 1) + G_{m+1}) when p ≥ q
/// (weights ≤ 1) and the second form is used when p < q, each from the endpoint law of
/// Walk1DDistribution over its significant range (≥ 40 standard deviations; the rest is
/// below 1e-300). P(M_n ≥ m) = P(T_m ≤ n) for m ≥ 1: this is also the first-passage CDF.
/// Cost O(n) plus the endpoint law (O(1) per position for r = 0, O(√n) for r > 0); working
/// memory O(n·|p − q| + √n) (the significant range of S_n) besides the n + 1 results, which
/// are exactly 0 above it.
///
/// Errors ("steps"): n < 0 (InvalidParameter); n > kMaxExactPathSteps (TooLarge).
Expected<std::vector<double>> maximumTail(std::int64_t n, double p, double q);

/// P(M_n = m) for m = 0 … n (n + 1 values): differences of maximumTail(), computed as
/// P(M_n ≥ m) − P(M_n ≥ m + 1) from the same terms (no cancellation beyond ~1e-16 absolute).
/// Symmetric walk: P(M_n = m) = P(S_n = m) + P(S_n = m + 1) (Feller vol. I, §III.7, Theorem 1).
/// Errors: as maximumTail().
Expected<std::vector<double>> maximumLaw(std::int64_t n, double p, double q);

}  // namespace walklab::core
