// Kolmogorov–Smirnov goodness-of-fit tests: one sample against a continuous law, and two samples.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace walklab::core {

/// Outcome of a Kolmogorov–Smirnov test.
struct KolmogorovSmirnovResult {
    double statistic = 0;    ///< D = sup_x |F_n(x) − F(x)| (two-sided), in [0, 1]
    double sampleSize = 0;   ///< n for one sample; n₁n₂/(n₁ + n₂) for two samples
    double pValue = 1;       ///< P(D ≥ observed D) under the null hypothesis; 1 for an empty sample
};

/// One-sample two-sided test of `sample` against the continuous CDF `cdf`.
///
/// D = max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n) over the sorted sample (x₍₁₎ ≤ … ≤ x₍ₙ₎),
/// p-value kolmogorovSmirnovSf(n, D). The test assumes a continuous F fully specified in
/// advance (parameters not estimated from the sample); for a discrete law use chi-squared.
/// `sample` is taken by value and sorted; NaN entries make the statistic NaN. Cost O(n log n)
/// plus n calls of `cdf`.
KolmogorovSmirnovResult kolmogorovSmirnovTest(std::vector<double> sample,
                                              const std::function<double(double)>& cdf);

/// Two-sample two-sided test that `a` and `b` come from the same continuous law.
///
/// D = sup_x |F_a(x) − F_b(x)| over the pooled sorted values (ties advance both samples
/// together). The p-value is the asymptotic Kolmogorov law at the effective size
/// nₑ = n_a n_b / (n_a + n_b) with Stephens' (1970) small-sample correction,
/// Q_K((√nₑ + 0.12 + 0.11/√nₑ)·D) (Stephens, J. R. Stat. Soc. B 32, 115–122; also
/// Numerical Recipes 3rd ed. §14.3.3); accurate to about 1% for nₑ ≥ 4. Empty input gives
/// D = 0 and p = 1.
KolmogorovSmirnovResult kolmogorovSmirnovTwoSample(std::vector<double> a, std::vector<double> b);

/// P(D_n ≥ d) for the two-sided one-sample statistic D_n of n ≥ 1 i.i.d. continuous
/// observations (the test's p-value), following the decision scheme of Simard & L'Ecuyer,
/// "Computing the two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11), 2011:
///  - n·d ≤ 1 or n·d ≥ n − 1: the closed forms of Ruben & Gambino (1982),
///    P(D_n < d) = n!/nⁿ (2nd − 1)ⁿ and P(D_n ≥ d) = 2(1 − d)ⁿ;
///  - d ≥ 1/2 (exact) or n·d² ≥ 2.2 (Miller 1956; the neglected P(D_n⁺ ≥ d, D_n⁻ ≥ d) is
///    below 2·10⁻⁶ of the answer there, measured against the exact law for n ≤ 140):
///    2·P(D_n⁺ ≥ d) with the one-sided law of Birnbaum & Tingey (1951),
///    P(D_n⁺ ≥ d) = d Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (1 − d − j/n)^{n−j} (d + j/n)^{j−1};
///  - n ≤ 140, or n ≤ 10⁵ with n·d^{3/2} < 1.4: 1 − the exact CDF by Durbin's (1968) matrix
///    method as evaluated by Marsaglia, Tsang & Wang, "Evaluating Kolmogorov's distribution",
///    J. Stat. Softw. 8(18), 2003 (about 13 correct digits);
///  - otherwise 1 − the Pelz & Good (1976) asymptotic series in 1/√n (J. R. Stat. Soc. B 38,
///    152–156; at least 5 correct digits for n > 140 per Simard & L'Ecuyer).
/// Returns 1 for d ≤ 1/(2n), 0 for d ≥ 1 and where n·d² ≥ 370 (p < 10⁻³²⁰), NaN for NaN d or
/// n < 1. Cost: O(n) in the Birnbaum–Tingey branch, O(m³ log n) with m ≤ 120 in the matrix
/// branch, O(1) otherwise.
double kolmogorovSmirnovSf(std::int64_t n, double d);

/// The limiting Kolmogorov law of √n·D_n: P(K > x) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}, taken for
/// x < 1 from the equivalent theta-function form 1 − (√(2π)/x) Σ_{k≥1} e^{−(2k−1)²π²/(8x²)}
/// (Kolmogorov 1933; both series in Marsaglia, Tsang & Wang 2003). 1 for x ≤ 0.
double kolmogorovLimitSf(double x);

}  // namespace walklab::core
