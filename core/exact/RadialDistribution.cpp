#include "core/exact/RadialDistribution.h"

#include <algorithm>
#include <cmath>

namespace walklab::core {

double RadialDistribution::radius(std::size_t i) const
{
    return std::sqrt(double(squaredRadius[i]));
}

double RadialDistribution::meanSquaredRadius() const
{
    double m = 0.0;
    for (std::size_t i = 0; i < probability.size(); ++i)
        m += double(squaredRadius[i]) * probability[i];
    return m;
}

RadialDistribution radialDistribution(const LatticeDistribution& law)
{
    const LaurentPolynomial& p = law.law();
    std::int64_t maxSquared = 0;
    for (int i = 0; i < p.dimension(); ++i) {
        const std::int64_t m = std::max(std::abs(p.lo()[i]), std::abs(p.hi()[i]));
        maxSquared += m * m;
    }
    std::vector<double> shells(std::size_t(maxSquared) + 1, 0.0);
    std::vector<char> reached(shells.size(), 0);
    const auto values = p.coefficients();
    const std::int64_t w1 = p.width(1), w2 = p.width(2);
    std::size_t index = 0;
    for (std::int64_t x = p.lo()[0]; x < p.lo()[0] + p.width(0); ++x)
        for (std::int64_t y = p.lo()[1]; y < p.lo()[1] + w1; ++y)
            for (std::int64_t z = p.lo()[2]; z < p.lo()[2] + w2; ++z, ++index) {
                const double v = values[index];
                if (v == 0.0)
                    continue;
                const std::size_t r2 = std::size_t(x * x + y * y + z * z);
                shells[r2] += v;
                reached[r2] = 1;
            }
    RadialDistribution r;
    r.dimension = law.dimension();
    r.steps = law.steps();
    for (std::size_t s = 0; s < shells.size(); ++s)
        if (reached[s]) {
            r.squaredRadius.push_back(std::int64_t(s));
            r.probability.push_back(shells[s]);
        }
    return r;
}

Expected<RadialDistribution> radialDistribution(const StepLaw& law, std::int64_t steps,
                                                ConvolutionMethod method)
{
    auto lattice = latticeDistribution(law, steps, method);
    if (!lattice)
        return std::unexpected(lattice.error());
    return radialDistribution(*lattice);
}

}  // namespace walklab::core
