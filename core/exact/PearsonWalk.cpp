#include "core/exact/PearsonWalk.h"

#include <algorithm>
#include <cmath>

namespace walklab::core {

double pearsonDistanceCdf3D(std::int64_t n, double r)
{
    if (r < 0)
        return 0;
    if (r >= double(n))
        return 1;
    if (n == 1)
        return r >= 1 ? 1 : 0;
    const long double x = r, m = n;
    long double sum = 0, binomial = 1;  // C(n, k)
    for (std::int64_t k = 0; n - 2 * k > 0; ++k) {
        const long double a = m - 2 * k, rest = std::max(a - x, 0.0L);
        const long double term = (std::pow(a, m) - std::pow(rest, m)) / (m * (m - 1)) - x * std::pow(rest, m - 1) / (m - 1);
        sum += (k % 2 == 0 ? term : -term) * binomial;
        binomial = binomial * (m - k) / (k + 1);
    }
    long double scale = std::pow(2.0L, m - 1);  // 2^(n−1) (n − 2)!
    for (std::int64_t j = 2; j <= n - 2; ++j)
        scale *= j;
    return std::clamp(double(sum / scale), 0.0, 1.0);
}

}  // namespace walklab::core
