#include "core/experiment/SummaryRows.h"

#include "core/experiment/TextFormat.h"

namespace walklab::core {

std::string withError(double value, double standardError)
{
    return formatSignificant(value, 6) + " ± " + formatSignificant(standardError, 2);
}

std::string withSampleError(double value, double standardError, std::int64_t count)
{
    return count < 2 ? formatSignificant(value, 6) + " ± n/a (needs M ≥ 2)" : withError(value, standardError);
}

SummaryRow chiSquaredRow(const std::string& quantity, const ChiSquaredResult& chi)
{
    if (chi.degreesOfFreedom == 0)
        return {quantity, "n/a (dof 0: no test possible)", "p-value n/a"};
    return {quantity, "X² = " + formatSignificant(chi.statistic, 5) + ", dof " + std::to_string(chi.degreesOfFreedom),
            "p-value " + formatSignificant(chi.pValue, 3)};
}

SummaryRow kolmogorovSmirnovRow(const std::string& quantity, const KolmogorovSmirnovResult& ks)
{
    if (ks.sampleSize <= 0)
        return {quantity, "no values", ""};
    return {quantity, "D = " + formatSignificant(ks.statistic, 4) + ", n = " + formatSignificant(ks.sampleSize, 10),
            "p-value " + formatSignificant(ks.pValue, 3)};
}

}  // namespace walklab::core
