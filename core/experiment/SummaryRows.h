// Summary rows shared by the experiments: estimates with standard errors, goodness-of-fit tests.
#pragma once

#include "core/experiment/Result.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/stats/KolmogorovSmirnov.h"

#include <cstdint>
#include <string>

namespace walklab::core {

/// "12.03 ± 0.011": the value to 6 significant digits and its standard error to 2.
std::string withError(double value, double standardError);
/// withError() for an estimate from `count` realisations or walkers: "3 ± n/a (needs M ≥ 2)" when
/// count < 2, where a standard error cannot be estimated.
std::string withSampleError(double value, double standardError, std::int64_t count);

/// Summary rows of goodness-of-fit tests: "X² = 21.3, dof 24" | "p-value 0.62" ("n/a (dof 0:
/// no test possible)" | "p-value n/a" when a single outcome is possible), and
/// "D = 0.0011, n = 1300000" | "p-value 0.18" ("no values" when the sample is empty).
SummaryRow chiSquaredRow(const std::string& quantity, const ChiSquaredResult& chi);
SummaryRow kolmogorovSmirnovRow(const std::string& quantity, const KolmogorovSmirnovResult& ks);

}  // namespace walklab::core
