#include "core/exact/detail/AxisMixture.h"

#include "core/exact/detail/BinomialMixture.h"

#include <algorithm>
#include <vector>

namespace walklab::core::detail {

namespace {

// Output rows per block and compact entries per chunk: the buffer of a chunk, 32·2·512 doubles
// (256 KiB), stays in a core's L2 cache.
constexpr std::size_t kBlockRows = 32, kChunk = 512;

// One step of the walk W on the first d − 1 axes: ±e_i and the pause, divided by their total.
LaurentPolynomial otherAxesStep(int dimension, const SimpleWalkProbabilities& p, double total)
{
    const int axes = dimension - 1;
    LatticePoint lo{0, 0, 0}, hi{0, 0, 0};
    for (int i = 0; i < axes; ++i) {
        lo[std::size_t(i)] = p.minus[std::size_t(i)] > 0.0 ? -1 : 0;
        hi[std::size_t(i)] = p.plus[std::size_t(i)] > 0.0 ? 1 : 0;
    }
    LaurentPolynomial g(axes, lo, hi);
    g.set({0, 0, 0}, p.lazy / total);
    for (int i = 0; i < axes; ++i) {
        LatticePoint e{0, 0, 0};
        e[std::size_t(i)] = 1;
        if (p.plus[std::size_t(i)] > 0.0)
            g.set(e, p.plus[std::size_t(i)] / total);
        e[std::size_t(i)] = -1;
        if (p.minus[std::size_t(i)] > 0.0)
            g.set(e, p.minus[std::size_t(i)] / total);
    }
    return g;
}

}  // namespace

Expected<LaurentPolynomial> axisMixture(int dimension, const SimpleWalkProbabilities& p,
                                        std::int64_t steps, const LatticePoint& lo,
                                        const LatticePoint& hi, const RunControl* control)
{
    auto cancelled = [&] { return control && control->cancelled(); };
    const std::size_t last = std::size_t(dimension - 1);
    const double plus = p.plus[last], minus = p.minus[last];
    const double along = plus + minus;  // a: probability of a step along the last axis
    double other = p.lazy;              // 1 − a, summed without cancellation
    for (std::size_t i = 0; i < last; ++i)
        other += p.plus[i] + p.minus[i];
    const double share = along / (along + other);
    const double up = along > 0.0 ? plus / along : 0.5;

    // W_j, j = 0 … n (only W_0 when every step is along the last axis).
    std::vector<LaurentPolynomial> walks;
    walks.emplace_back(int(last), LatticePoint{0, 0, 0}, LatticePoint{0, 0, 0});
    walks.back().set({0, 0, 0}, 1.0);
    if (other > 0.0) {
        const LaurentPolynomial step = otherAxesStep(dimension, p, other);
        for (std::int64_t j = 1; j <= steps; ++j) {
            walks.push_back(multiply(walks.back(), step, ConvolutionMethod::Direct));
            if (cancelled())
                return fail(ErrorKind::Cancelled, "", "cancelled");
        }
    }
    // factors[m][i] = P(m steps along the last axis)·P(k = first + i of them up), positive only.
    struct Factor {
        std::int64_t first = 0;
        std::vector<double> values;
    };
    std::vector<Factor> factors(std::size_t(steps) + 1);
    for (std::int64_t m = 0; m <= steps; ++m) {
        const double weight = binomialPmf(steps, m, share);
        if (weight == 0.0)
            continue;
        Factor& f = factors[std::size_t(m)];
        for (std::int64_t k = 0; k <= m; ++k)
            f.values.push_back(weight * binomialPmf(m, k, up));
        while (!f.values.empty() && f.values.back() == 0.0)
            f.values.pop_back();
        const auto positive = std::find_if(f.values.begin(), f.values.end(), [](double v) { return v > 0.0; });
        f.first = positive - f.values.begin();
        f.values.erase(f.values.begin(), positive);
    }

    // Output rows (all coordinates but the last) in blocks of kBlockRows; within a row the
    // values at z = 2k − m are kept compact by the parity π of z: index i ↔ z = 2i − N_π with
    // N_π = n or n − 1, whichever has parity π. A block's compact rows are then filled chunk
    // by chunk (kChunk indices), each chunk staying in cache while every m adds to it.
    LaurentPolynomial law(dimension, lo, hi);
    const std::int64_t zLo = lo[last], zHi = hi[last], width = law.width(int(last));
    const std::size_t rows = law.size() / std::size_t(width), half = std::size_t(steps) + 1;
    std::vector<double> buffer, weights;  // weights[j·count + r] = P(W_j = row r)
    std::vector<LatticePoint> points;
    for (std::size_t row0 = 0; row0 < rows; row0 += kBlockRows) {
        const std::size_t count = std::min(kBlockRows, rows - row0);
        weights.assign(walks.size() * count, 0.0);
        points.resize(count);
        for (std::size_t r = 0; r < count; ++r)
            points[r] = law.point((row0 + r) * std::size_t(width));
        for (std::size_t j = 0; j < walks.size(); ++j) {
            // W_j has at most two coordinates: index (x₀ − lo₀)·width₁ + (x₁ − lo₁).
            const LatticePoint& wLo = walks[j].lo();
            const LatticePoint& wHi = walks[j].hi();
            const std::int64_t w1 = walks[j].width(1);
            const double* w = walks[j].coefficients().data();
            for (std::size_t r = 0; r < count; ++r) {
                const std::int64_t x0 = points[r][0], x1 = last == 2 ? points[r][1] : 0;
                if (x0 >= wLo[0] && x0 <= wHi[0] && x1 >= wLo[1] && x1 <= wHi[1])
                    weights[j * count + r] = w[(x0 - wLo[0]) * w1 + (x1 - wLo[1])];
            }
        }
        for (std::size_t chunk = 0; chunk < half; chunk += kChunk) {
            buffer.assign(count * 2 * kChunk, 0.0);  // [row][parity][index − chunk]
            for (std::size_t j = 0; j < walks.size(); ++j) {
                const std::int64_t m = steps - std::int64_t(j);
                const Factor& f = factors[std::size_t(m)];
                const std::int64_t top = (steps & 1) == (m & 1) ? steps : steps - 1;  // N_π
                const std::size_t offset = std::size_t(f.first + (top - m) / 2);
                const std::size_t from = std::max(offset, chunk),
                                  to = std::min(offset + f.values.size(), chunk + kChunk);
                if (from >= to)
                    continue;
                const double* __restrict c = f.values.data() + (from - offset);
                const std::size_t parity = std::size_t(m & 1), length = to - from;
                for (std::size_t r = 0; r < count; ++r) {
                    const double v = weights[j * count + r];
                    if (v == 0.0)
                        continue;
                    double* __restrict dst = buffer.data() + (2 * r + parity) * kChunk + (from - chunk);
                    for (std::size_t t = 0; t < length; ++t)
                        dst[t] += v * c[t];
                }
            }
            for (std::size_t r = 0; r < count; ++r) {
                double* row = law.coefficients().data() + (row0 + r) * std::size_t(width);
                for (std::int64_t parity = 0; parity < 2; ++parity) {
                    const std::int64_t top = std::int64_t(steps & 1) == parity ? steps : steps - 1;
                    const double* src = buffer.data() + (2 * r + std::size_t(parity)) * kChunk;
                    const std::int64_t end = std::min<std::int64_t>(top + 1, std::int64_t(chunk + kChunk));
                    for (std::int64_t i = std::int64_t(chunk); i < end; ++i) {
                        const std::int64_t z = 2 * i - top;
                        if (z >= zLo && z <= zHi)
                            row[z - zLo] = src[i - std::int64_t(chunk)];
                    }
                }
            }
        }
        if (cancelled())
            return fail(ErrorKind::Cancelled, "", "cancelled");
    }
    return law;
}

}  // namespace walklab::core::detail
