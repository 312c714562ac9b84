#include "core/exact/StepLaw.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace walklab::core {

namespace {

constexpr std::size_t kMaxStepBox = std::size_t(1) << 20;

std::string pointText(const LatticePoint& p, int dimension)
{
    std::string s = "(";
    for (int i = 0; i < dimension; ++i)
        s += (i ? ", " : "") + std::to_string(p[i]);
    return s + ")";
}

Expected<int> checkDimension(int dimension)
{
    if (dimension < 1 || dimension > 3)
        return fail(ErrorKind::InvalidParameter, "dimension",
                    "dimension = " + std::to_string(dimension) + ": must be 1, 2 or 3");
    return dimension;
}

Expected<double> checkLazy(double lazy)
{
    if (!(lazy >= 0.0 && lazy < 1.0))
        return fail(ErrorKind::InvalidParameter, "lazy",
                    "lazy = " + formatNumber(lazy) + ": must be at least 0 and less than 1");
    return lazy;
}

}  // namespace

Expected<StepLaw> StepLaw::fromSteps(int dimension, std::span<const LatticePoint> vectors,
                                     std::span<const double> weights)
{
    if (auto d = checkDimension(dimension); !d)
        return std::unexpected(d.error());
    if (vectors.size() != weights.size())
        return fail(ErrorKind::InvalidParameter, "steps",
                    "steps: " + std::to_string(vectors.size()) + " step vectors but " +
                        std::to_string(weights.size()) + " weights; give one weight per step");
    if (vectors.empty())
        return fail(ErrorKind::InvalidParameter, "steps", "steps: the step set is empty");
    if (vectors.size() > kMaxSteps)
        return fail(ErrorKind::InvalidParameter, "steps",
                    "steps: " + std::to_string(vectors.size()) + " steps given, at most " +
                        std::to_string(kMaxSteps) + " are allowed");
    double total = 0.0;
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        for (int k = 0; k < 3; ++k) {
            const std::int64_t c = vectors[i][k];
            if (k >= dimension && c != 0)
                return fail(ErrorKind::InvalidParameter, "steps",
                            "steps: step " + std::to_string(i + 1) + " has coordinate " +
                                std::to_string(k + 1) + " = " + std::to_string(c) +
                                " in dimension " + std::to_string(dimension) + "; it must be 0");
            if (c > kMaxStepLength || c < -kMaxStepLength)
                return fail(ErrorKind::InvalidParameter, "steps",
                            "steps: step " + pointText(vectors[i], dimension) +
                                " has a coordinate beyond ±" + std::to_string(kMaxStepLength));
        }
        const double w = weights[i];
        if (!(w >= 0.0) || !std::isfinite(w))
            return fail(ErrorKind::InvalidParameter, "weights",
                        "weights: the weight of step " + pointText(vectors[i], dimension) + " is " +
                            formatNumber(w) + "; weights must be finite and at least 0");
        total += w;
    }
    if (!(total > 0.0) || !std::isfinite(total))
        return fail(ErrorKind::InvalidParameter, "weights",
                    "weights: the weights sum to " + formatNumber(total) +
                        "; they must have a positive finite sum");

    std::map<LatticePoint, double> merged;
    for (std::size_t i = 0; i < vectors.size(); ++i)
        if (weights[i] > 0.0)
            merged[vectors[i]] += weights[i] / total;

    StepLaw law;
    law.m_dimension = dimension;
    LatticePoint lo = merged.begin()->first, hi = lo;
    for (const auto& [v, p] : merged) {
        law.m_steps.push_back({v, p});
        for (int k = 0; k < 3; ++k) {
            lo[k] = std::min(lo[k], v[k]);
            hi[k] = std::max(hi[k], v[k]);
        }
    }
    std::size_t box = 1;
    for (int k = 0; k < 3; ++k)
        box *= std::size_t(hi[k] - lo[k] + 1);
    if (box > kMaxStepBox)
        return fail(ErrorKind::TooLarge, "steps",
                    "steps: the steps span a box of " + std::to_string(box) +
                        " lattice points; at most 2^20 = " + std::to_string(kMaxStepBox) +
                        " are supported");
    law.m_generatingFunction = LaurentPolynomial(dimension, lo, hi);
    for (const auto& s : law.m_steps)
        law.m_generatingFunction.set(s.vector, s.probability);
    return law;
}

Expected<StepLaw> StepLaw::simple(int dimension, double lazy)
{
    if (auto d = checkDimension(dimension); !d)
        return std::unexpected(d.error());
    const std::vector<double> weights(std::size_t(2 * dimension), 1.0);
    return simple(dimension, weights, lazy);
}

Expected<StepLaw> StepLaw::simple(int dimension, std::span<const double> directionWeights,
                                  double lazy)
{
    if (auto d = checkDimension(dimension); !d)
        return std::unexpected(d.error());
    if (auto l = checkLazy(lazy); !l)
        return std::unexpected(l.error());
    if (directionWeights.size() != std::size_t(2 * dimension))
        return fail(ErrorKind::InvalidParameter, "weights",
                    "weights: " + std::to_string(directionWeights.size()) +
                        " direction weights given; the simple walk in dimension " +
                        std::to_string(dimension) + " needs " + std::to_string(2 * dimension) +
                        " (+e1, −e1, …)");
    double total = 0.0;
    for (double w : directionWeights) {
        if (!(w >= 0.0) || !std::isfinite(w))
            return fail(ErrorKind::InvalidParameter, "weights",
                        "weights: a direction weight is " + formatNumber(w) +
                            "; weights must be finite and at least 0");
        total += w;
    }
    if (!(total > 0.0) || !std::isfinite(total))
        return fail(ErrorKind::InvalidParameter, "weights",
                    "weights: the direction weights sum to " + formatNumber(total) +
                        "; they must have a positive finite sum");
    std::vector<LatticePoint> vectors;
    std::vector<double> weights;
    for (int i = 0; i < dimension; ++i)
        for (int sign : {+1, -1}) {
            LatticePoint v{0, 0, 0};
            v[i] = sign;
            vectors.push_back(v);
            weights.push_back((1.0 - lazy) * directionWeights[std::size_t(2 * i + (sign < 0))] / total);
        }
    vectors.push_back({0, 0, 0});
    weights.push_back(lazy);
    return fromSteps(dimension, vectors, weights);
}

Expected<StepLaw> StepLaw::range(std::int64_t lowest, std::span<const double> weights)
{
    if (weights.empty())
        return fail(ErrorKind::InvalidParameter, "weights", "weights: no weights given");
    if (weights.size() > kMaxSteps)
        return fail(ErrorKind::InvalidParameter, "weights",
                    "weights: " + std::to_string(weights.size()) + " weights given, at most " +
                        std::to_string(kMaxSteps) + " are allowed");
    const std::int64_t highest = lowest + std::int64_t(weights.size()) - 1;
    if (lowest < -kMaxStepLength || highest > kMaxStepLength)
        return fail(ErrorKind::InvalidParameter, "lowest",
                    "lowest = " + std::to_string(lowest) + ": the steps " + std::to_string(lowest) +
                        " … " + std::to_string(highest) + " must lie within ±" +
                        std::to_string(kMaxStepLength));
    std::vector<LatticePoint> vectors;
    for (std::int64_t s = lowest; s <= highest; ++s)
        vectors.push_back({s, 0, 0});
    return fromSteps(1, vectors, weights);
}

Expected<StepLaw> StepLaw::die(std::int64_t faces)
{
    if (faces < 1 || faces > kMaxStepLength)
        return fail(ErrorKind::InvalidParameter, "faces",
                    "faces = " + std::to_string(faces) + ": must be between 1 and " +
                        std::to_string(kMaxStepLength));
    const std::vector<double> weights(std::size_t(faces), 1.0);
    return range(1, weights);
}

bool StepLaw::isSimple() const
{
    return std::all_of(m_steps.begin(), m_steps.end(), [](const Step& s) {
        return std::abs(s.vector[0]) + std::abs(s.vector[1]) + std::abs(s.vector[2]) <= 1;
    });
}

SimpleWalkProbabilities StepLaw::simpleProbabilities() const
{
    SimpleWalkProbabilities p;
    for (const auto& s : m_steps) {
        bool moved = false;
        for (int i = 0; i < 3; ++i) {
            if (s.vector[i] == 1)
                p.plus[std::size_t(i)] += s.probability, moved = true;
            else if (s.vector[i] == -1)
                p.minus[std::size_t(i)] += s.probability, moved = true;
        }
        if (!moved)
            p.lazy += s.probability;
    }
    return p;
}

std::array<double, 3> StepLaw::mean() const
{
    std::array<double, 3> m{0, 0, 0};
    for (const auto& s : m_steps)
        for (int i = 0; i < 3; ++i)
            m[std::size_t(i)] += s.probability * double(s.vector[i]);
    return m;
}

std::array<std::array<double, 3>, 3> StepLaw::covariance() const
{
    const auto m = mean();
    std::array<std::array<double, 3>, 3> c{};
    for (const auto& s : m_steps)
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                c[i][j] += s.probability * (double(s.vector[i]) - m[i]) * (double(s.vector[j]) - m[j]);
    return c;
}

std::string StepLaw::description() const
{
    const std::string space = "Z^" + std::to_string(m_dimension);
    if (isSimple()) {
        const auto p = simpleProbabilities();
        bool equal = true;
        for (int i = 0; i < m_dimension; ++i)
            equal = equal && std::abs(p.plus[std::size_t(i)] - p.plus[0]) <= 4e-16 &&
                    std::abs(p.minus[std::size_t(i)] - p.plus[0]) <= 4e-16;
        std::string s = (equal ? "simple walk on " : "simple walk with unequal directions on ") + space;
        if (p.lazy > 0.0)
            s += ", lazy " + formatSignificant(p.lazy, 6);
        return s;
    }
    return std::to_string(m_steps.size()) + "-step law on " + space;
}

}  // namespace walklab::core
