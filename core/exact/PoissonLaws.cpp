#include "core/exact/PoissonLaws.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace walklab::core {

namespace {

namespace bm = boost::math;

/// P(X = k) for k = lo … hi with both tails lumped into the end cells.
template <class Distribution>
std::vector<double> lumpedCells(const Distribution& law, std::int64_t lo, std::int64_t hi)
{
    std::vector<double> p;
    p.reserve(std::size_t(hi - lo + 1));
    for (std::int64_t k = lo; k <= hi; ++k)
        p.push_back(bm::pdf(law, double(k)));
    if (lo > 0)
        p.front() += bm::cdf(law, double(lo - 1));
    p.back() += bm::cdf(bm::complement(law, double(hi)));
    return p;
}

std::vector<std::uint64_t> observedCells(const IntegerHistogram& h, std::int64_t lo, std::int64_t hi)
{
    std::vector<std::uint64_t> o;
    o.reserve(std::size_t(hi - lo + 1));
    for (std::int64_t k = lo; k <= hi; ++k)
        o.push_back(h.count(k));
    // Observations outside lo … hi belong to the lumped end cells.
    if (!h.empty()) {
        for (std::int64_t k = h.minValue(); k < lo; ++k)
            o.front() += h.count(k);
        for (std::int64_t k = std::max(hi + 1, h.minValue()); k <= h.maxValue(); ++k)
            o.back() += h.count(k);
    }
    return o;
}

}  // namespace

double binomialPoissonTotalVariation(std::int64_t n, double lambda)
{
    if (n < 1 || !(lambda >= 0) || lambda > double(n))
        throw std::invalid_argument("binomialPoissonTotalVariation: needs n >= 1 and 0 <= lambda <= n");
    if (lambda == 0)
        return 0.0;
    const bm::poisson_distribution<> poisson(lambda);
    const double dn = double(n);
    if (lambda == dn)  // Binomial(n, 1) is the point mass at n
        return bm::cdf(bm::complement(poisson, dn)) + bm::cdf(poisson, dn - 1);
    // |b_k − p_k| = p_k |e^{r_k} − 1| with the log ratio
    //   r_k = log(b_k/p_k) = Σ_{j<k} log(1 − j/n) + (n − k) log(1 − λ/n) + λ,
    // every term by log1p, so d_TV ~ λ²/n stays accurate even for n = 10⁹ (differences of the
    // two PMFs would cancel to 10⁻⁸ there).
    const double spread = 20 * std::sqrt(lambda) + 40;
    const std::int64_t lo = std::max<std::int64_t>(0, std::int64_t(std::floor(lambda - spread)));
    const std::int64_t hi = std::min<std::int64_t>(n, std::int64_t(std::ceil(lambda + spread)));
    const double logKeep = std::log1p(-lambda / dn);
    double logFalling = 0;  // Σ_{j<k} log(1 − j/n)
    double sum = 0;
    for (std::int64_t k = 0; k <= hi; ++k) {
        if (k >= lo) {
            const double r = logFalling + (dn - double(k)) * logKeep + lambda;
            sum += bm::pdf(poisson, double(k)) * std::abs(std::expm1(r));
        }
        logFalling += std::log1p(-double(k) / dn);
    }
    // Beyond lo … hi both tails are below 10⁻¹⁸; their sum bounds the missing |difference|.
    const bm::binomial_distribution<> binomial(dn, lambda / dn);
    if (lo > 0)
        sum += bm::cdf(binomial, double(lo - 1)) + bm::cdf(poisson, double(lo - 1));
    sum += (hi < n ? bm::cdf(bm::complement(binomial, double(hi))) : 0.0)
           + bm::cdf(bm::complement(poisson, double(hi)));
    return 0.5 * sum;
}

std::vector<double> poissonCellProbabilities(double mean, std::int64_t lo, std::int64_t hi)
{
    if (lo < 0 || hi < lo || !(mean >= 0))
        throw std::invalid_argument("poissonCellProbabilities: needs 0 <= lo <= hi and mean >= 0");
    if (mean == 0) {
        std::vector<double> p(std::size_t(hi - lo + 1), 0.0);
        p.front() = lo == 0 ? 1.0 : 0.0;
        return p;
    }
    return lumpedCells(bm::poisson_distribution<>(mean), lo, hi);
}

std::vector<double> binomialCellProbabilities(std::int64_t n, double p, std::int64_t lo, std::int64_t hi)
{
    if (lo < 0 || hi < lo || hi > n || !(p >= 0 && p <= 1))
        throw std::invalid_argument("binomialCellProbabilities: needs 0 <= lo <= hi <= n, 0 <= p <= 1");
    return lumpedCells(bm::binomial_distribution<>(double(n), p), lo, hi);
}

ChiSquaredResult poissonCountsFit(const IntegerHistogram& counts, double mean)
{
    const double spread = 10 * std::sqrt(mean) + 10;
    std::int64_t lo = std::max<std::int64_t>(0, std::int64_t(std::floor(mean - spread)));
    std::int64_t hi = std::int64_t(std::ceil(mean + spread));
    if (!counts.empty()) {
        lo = std::max<std::int64_t>(0, std::min(lo, counts.minValue()));
        hi = std::max(hi, counts.maxValue());
    }
    return chiSquaredTest(observedCells(counts, lo, hi), poissonCellProbabilities(mean, lo, hi));
}

ChiSquaredResult binomialCountsFit(const IntegerHistogram& counts, std::int64_t n, double p)
{
    const double mean = double(n) * p;
    const double spread = 10 * std::sqrt(mean * (1 - p)) + 10;
    std::int64_t lo = std::max<std::int64_t>(0, std::int64_t(std::floor(mean - spread)));
    std::int64_t hi = std::min<std::int64_t>(n, std::int64_t(std::ceil(mean + spread)));
    if (!counts.empty()) {
        lo = std::clamp<std::int64_t>(std::min(lo, counts.minValue()), 0, n);
        hi = std::clamp<std::int64_t>(std::max(hi, counts.maxValue()), lo, n);
    }
    return chiSquaredTest(observedCells(counts, lo, hi), binomialCellProbabilities(n, p, lo, hi));
}

KolmogorovSmirnovResult exponentialFit(const std::vector<double>& sample, double rate)
{
    return kolmogorovSmirnovTest(sample, [rate](double x) { return x > 0 ? -std::expm1(-rate * x) : 0.0; });
}

KolmogorovSmirnovResult erlangFit(const std::vector<double>& sample, std::int64_t k, double rate)
{
    const double shape = double(k);
    return kolmogorovSmirnovTest(sample, [shape, rate](double x) {
        return x > 0 ? bm::gamma_p(shape, rate * x) : 0.0;
    });
}

}  // namespace walklab::core
