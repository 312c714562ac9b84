// Bulk steps of the continuous walks (core/walk/detail/ContinuousSteps.h): the fdlibm sine and
// cosine against the C library's, the same bits at every CpuLevel, and each law by
// Kolmogorov–Smirnov, with a slightly wrong law rejected.
#include "core/walk/detail/ContinuousSteps.h"

#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/random/detail/PortableTrig.h"
#include "core/stats/KolmogorovSmirnov.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <vector>

using namespace walklab::core;

namespace {

constexpr double kPi = boost::math::constants::pi<double>();

/// Distance in units in the last place between two doubles of the same sign.
std::int64_t ulps(double a, double b)
{
    return std::abs(std::bit_cast<std::int64_t>(a) - std::bit_cast<std::int64_t>(b));
}

using Steps = std::array<std::vector<double>, 3>;

/// n steps (n even) drawn in chunks of `chunk` (even) at `level`.
Steps draw(ContinuousStep step, int dimension, CpuLevel level, std::size_t n, std::size_t chunk)
{
    Engine engine = makeStream(7, 3);
    engine.useCpuLevel(level);
    Steps x;
    for (auto& axis : x)
        axis.resize(n);
    for (std::size_t i = 0; i < n; i += chunk) {
        double* axes[3] = {x[0].data() + i, x[1].data() + i, x[2].data() + i};
        detail::drawContinuousSteps(engine, step, dimension, axes, std::min(chunk, n - i), level);
    }
    return x;
}

double uniformCdf(double x, double lo, double hi) { return std::clamp((x - lo) / (hi - lo), 0.0, 1.0); }

}  // namespace

TEST(PortableTrig, SineAndCosineAgreeWithTheCLibraryOnTheKernelRange)
{
    // fdlibm's kernels are within 1 ulp of the true value, as is glibc's sin/cos: at most 2 apart.
    std::int64_t worstSine = 0, worstCosine = 0;
    for (int i = -500'000; i <= 500'000; ++i) {
        const double x = (kPi / 4) * (double(i) / 500'000.0);
        double s, c;
        detail::portableSinCos(x, s, c);
        if (x != 0)
            worstSine = std::max(worstSine, ulps(s, std::sin(x)));
        worstCosine = std::max(worstCosine, ulps(c, std::cos(x)));
    }
    EXPECT_LE(worstSine, 2);
    EXPECT_LE(worstCosine, 2);
}

TEST(PortableTrig, UnitDirectionsCoverTheCircleUniformlyByQuarterTurns)
{
    // The top two bits pick the quarter turn; the low 52 the angle within it.
    const std::uint64_t middle = std::uint64_t(1) << 51;  // x = π/2^54 ≈ 0: θ ≈ quarter turns
    const std::array<std::array<double, 2>, 4> expected{{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}};
    for (std::uint64_t j = 0; j < 4; ++j) {
        double c, s;
        detail::unitDirection((j << 62) | middle, c, s);
        EXPECT_NEAR(c, expected[j][0], 1e-15) << "quarter turn " << j;
        EXPECT_NEAR(s, expected[j][1], 1e-15) << "quarter turn " << j;
    }
    Engine engine = makeStream(3, 1);
    std::vector<double> angles;
    double worstNorm = 0;
    for (int i = 0; i < 1'000'000; ++i) {
        double c, s;
        detail::unitDirection(engine(), c, s);
        worstNorm = std::max(worstNorm, std::abs(std::hypot(c, s) - 1));
        angles.push_back(std::atan2(s, c));
    }
    EXPECT_LT(worstNorm, 4e-16);
    EXPECT_GT(kolmogorovSmirnovTest(angles, [](double t) { return uniformCdf(t, -kPi, kPi); }).pValue, 1e-4);
    // Power: angles turned by 2% of a quarter turn are rejected.
    EXPECT_LT(kolmogorovSmirnovTest(angles, [](double t) { return uniformCdf(t, -kPi + 0.03, kPi + 0.03); }).pValue,
              1e-6);
}

TEST(ContinuousSteps, EveryCpuLevelDrawsTheSameSteps)
{
    // Chunks of 300 straddle the engine's 256-word buffer at varying offsets.
    for (const ContinuousStep step : {ContinuousStep::Pearson, ContinuousStep::Gaussian})
        for (const int d : {2, 3}) {
            const Steps reference = draw(step, d, CpuLevel::Baseline, 30'000, 300);
            for (const CpuLevel level : {CpuLevel::Avx2, CpuLevel::Avx512}) {
                if (level > detectedCpuLevel()) {
                    std::cout << "[  NOTE    ] this CPU lacks " << cpuLevelName(level) << ": not compared\n";
                    continue;
                }
                const Steps x = draw(step, d, level, 30'000, 300);
                for (int a = 0; a < d; ++a)
                    EXPECT_TRUE(x[std::size_t(a)] == reference[std::size_t(a)])
                        << cpuLevelName(level) << ", d = " << d << ", axis " << a;
            }
        }
}

TEST(ContinuousSteps, PearsonStepsAreUnitVectorsUniformOnTheSphere)
{
    // Archimedes: for a uniform point on S², z is uniform on [−1, 1] and independent of the
    // azimuth, which is uniform. In the plane: the angle is uniform.
    const std::size_t n = 1'000'000;
    const Steps x = draw(ContinuousStep::Pearson, 3, activeCpuLevel(), n, 256);
    std::vector<double> azimuth(n), z(n), zOfSouth;
    double worstNorm = 0;
    for (std::size_t i = 0; i < n; ++i) {
        worstNorm = std::max(worstNorm, std::abs(std::sqrt(x[0][i] * x[0][i] + x[1][i] * x[1][i] + x[2][i] * x[2][i]) - 1));
        azimuth[i] = std::atan2(x[1][i], x[0][i]);
        z[i] = x[2][i];
        if (x[0][i] < 0)  // a half-space of azimuths: z keeps its law there
            zOfSouth.push_back(z[i]);
    }
    EXPECT_LT(worstNorm, 1e-15);
    const auto zCdf = [](double t) { return uniformCdf(t, -1, 1); };
    EXPECT_GT(kolmogorovSmirnovTest(z, zCdf).pValue, 1e-4);
    EXPECT_GT(kolmogorovSmirnovTest(zOfSouth, zCdf).pValue, 1e-4);
    EXPECT_GT(kolmogorovSmirnovTest(azimuth, [](double t) { return uniformCdf(t, -kPi, kPi); }).pValue, 1e-4);
    // Power: z uniform on a range 1% too wide is rejected.
    EXPECT_LT(kolmogorovSmirnovTest(z, [](double t) { return uniformCdf(t, -1.01, 1.01); }).pValue, 1e-6);

    const Steps plane = draw(ContinuousStep::Pearson, 2, activeCpuLevel(), n, 256);
    std::vector<double> angle(n);
    for (std::size_t i = 0; i < n; ++i)
        angle[i] = std::atan2(plane[1][i], plane[0][i]);
    EXPECT_GT(kolmogorovSmirnovTest(angle, [](double t) { return uniformCdf(t, -kPi, kPi); }).pValue, 1e-4);
}

TEST(ContinuousSteps, GaussianStepsHaveIndependentNormalCoordinatesOfVariance1OverD)
{
    // Each coordinate ~ N(0, 1/d); for d = 2 also |X|²·2 ~ χ²₂ = Exponential(mean 2), which a
    // wrong pairing of radius and angle would break. Power: a standard deviation 3% too large
    // is rejected.
    const std::size_t n = 400'000;
    for (const int d : {2, 3}) {
        const Steps x = draw(ContinuousStep::Gaussian, d, activeCpuLevel(), n, 256);
        const double sd = 1 / std::sqrt(double(d));
        const boost::math::normal_distribution<double> right(0, sd), wrong(0, 1.03 * sd);
        for (int a = 0; a < d; ++a) {
            const auto& axis = x[std::size_t(a)];
            EXPECT_GT(kolmogorovSmirnovTest(axis, [&](double t) { return cdf(right, t); }).pValue, 1e-4)
                << "d = " << d << ", axis " << a;
            EXPECT_LT(kolmogorovSmirnovTest(axis, [&](double t) { return cdf(wrong, t); }).pValue, 1e-6)
                << "d = " << d << ", axis " << a;
        }
        if (d == 2) {
            std::vector<double> chi2(n);
            for (std::size_t i = 0; i < n; ++i)
                chi2[i] = 2 * (x[0][i] * x[0][i] + x[1][i] * x[1][i]);
            EXPECT_GT(kolmogorovSmirnovTest(chi2, [](double t) { return t <= 0 ? 0 : -std::expm1(-t / 2); }).pValue,
                      1e-4);
        }
    }
}
