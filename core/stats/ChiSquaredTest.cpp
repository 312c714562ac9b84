#include "core/stats/ChiSquaredTest.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <numeric>
#include <stdexcept>

namespace walklab::core {

ChiSquaredResult chiSquaredTest(const std::vector<std::uint64_t>& observed,
                                const std::vector<double>& probability, double minExpected)
{
    if (observed.size() != probability.size())
        throw std::invalid_argument("chiSquaredTest: observed and probability differ in length");
    ChiSquaredResult r;
    const double n = double(std::accumulate(observed.begin(), observed.end(), std::uint64_t(0)));

    std::vector<double> o, e;  // pooled observed and expected counts
    double po = 0, pe = 0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        if (probability[i] <= 0) {
            r.impossible += observed[i];
            continue;
        }
        po += double(observed[i]);
        pe += n * probability[i];
        if (pe >= minExpected) {
            o.push_back(po);
            e.push_back(pe);
            po = pe = 0;
        }
    }
    if (pe > 0 || po > 0) {
        if (e.empty()) {
            o.push_back(po);
            e.push_back(pe);
        } else {
            o.back() += po;
            e.back() += pe;
        }
    }
    r.cells = int(o.size());
    for (std::size_t i = 0; i < o.size(); ++i)
        r.statistic += (o[i] - e[i]) * (o[i] - e[i]) / e[i];
    r.degreesOfFreedom = std::max(0, r.cells - 1);
    if (r.impossible > 0)
        r.pValue = 0;
    else if (r.degreesOfFreedom > 0)
        r.pValue = boost::math::cdf(boost::math::complement(
            boost::math::chi_squared_distribution<double>(r.degreesOfFreedom), r.statistic));
    return r;
}

}  // namespace walklab::core
