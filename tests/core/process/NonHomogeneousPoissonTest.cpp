// The non-homogeneous Poisson process by thinning: N(T) ~ Poisson(Λ(T)) and the arrival times
// against Λ(t)/Λ(T) over a grid of rate functions, the mean count curve against Λ(t), power
// against a 5% error, a narrow peak (simulated, KS-tested, and a 10% error rejected), bad
// formulas and bounds, a spike the automatic bound misses, thread independence and a pinned seed.
#include "core/process/NonHomogeneousPoisson.h"

#include "core/process/PoissonProcess.h"
#include "core/process/RateFunction.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace walklab::core;

namespace {

NonHomogeneousPoissonSimulation run(const NonHomogeneousPoissonParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateNonHomogeneousPoisson, p, threads);
}

Errors runErrors(const NonHomogeneousPoissonParams& p)
{
    RunControl control(2);
    auto sim = simulateNonHomogeneousPoisson(p, control);
    EXPECT_FALSE(sim.has_value());
    return sim ? Errors{} : sim.error();
}

struct RateCase {
    const char* formula;
    double horizon;
    double meanEvents;  ///< Λ(T) in closed form
    double rateBound;   ///< 0: automatic
};

std::ostream& operator<<(std::ostream& os, const RateCase& c) { return os << c.formula << " on [0, " << c.horizon << "]"; }

class NonHomogeneousGrid : public testing::TestWithParam<RateCase> {};

}  // namespace

TEST_P(NonHomogeneousGrid, ThinningReproducesTheLaw)
{
    const RateCase c = GetParam();
    NonHomogeneousPoissonParams p;
    p.rate = c.formula;
    p.horizon = c.horizon;
    p.rateBound = c.rateBound;
    p.realisations = 10'000;
    p.seed = 20261201;
    p.paths = 3;
    const auto sim = run(p);
    const auto fits = fitNonHomogeneousPoisson(p, sim);
    ASSERT_TRUE(fits.has_value());
    // Λ(T) from the quadrature against the closed form (10⁻⁸ relative; kinks included).
    EXPECT_NEAR(sim.cumulativeRate.back(), c.meanEvents, 1e-8 * c.meanEvents);
    EXPECT_NEAR(fits->meanEvents, c.meanEvents, 1e-8 * c.meanEvents);
    EXPECT_EQ(fits->counts.impossible, 0u);
    EXPECT_GT(fits->counts.pValue, 1e-4) << "X² = " << fits->counts.statistic;
    EXPECT_GT(fits->arrivalTimes.pValue, 1e-4) << "D = " << fits->arrivalTimes.statistic;
    // The mean-count curve follows Λ(t) within 4.5 standard errors at each of its 201 times.
    EXPECT_LT(fits->meanCountDeviation, 4.5);
    // Bookkeeping: accepted points are the counts; the acceptance rate is Λ(T)/Λ*(T).
    EXPECT_NEAR(double(sim.accepted), sim.counts.mean() * double(p.realisations), 0.5);
    double boundTotal = 0;
    for (std::size_t j = 0; j < sim.boundRates.size(); ++j)
        boundTotal += sim.boundRates[j] * (sim.boundEdges[j + 1] - sim.boundEdges[j]);
    const double expectedCandidates = boundTotal * double(p.realisations);
    EXPECT_NEAR(double(sim.candidates), expectedCandidates, 5 * std::sqrt(expectedCandidates) + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Rates, NonHomogeneousGrid,
    testing::Values(
        // Λ(48) = 3·48 + (24/π)(1 − cos 4π) = 144.
        RateCase{"3 + 2*sin(2*pi*t/24)", 48.0, 144.0, 0},
        // Λ(30) for T = 30: 90 + (24/π)(1 − cos(2π·30/24)) = 90 + 24/π.
        RateCase{"3 + 2*sin(2*pi*t/24)", 30.0, 90.0 + 24 / std::numbers::pi, 0},
        // A jump: Λ(24) = 5·12 + 1·12 = 72.
        RateCase{"t < 12 ? 5 : 1", 24.0, 72.0, 0},
        // Linear: Λ(10) = 0.25·100 = 25.
        RateCase{"0.5*t", 10.0, 25.0, 0},
        // Decay: Λ(5) = 5(1 − e^{−5}).
        RateCase{"5*exp(-t)", 5.0, 5 * -std::expm1(-5.0), 0},
        // Constant rate with a user bound twice as high: half the candidates are kept.
        RateCase{"2", 4.0, 8.0, 4.0},
        // A rate that is zero on half the window: Λ(2) = ∫_1^2 3(t − 1) dt = 1.5.
        RateCase{"t < 1 ? 0 : 3*(t-1)", 2.0, 1.5, 0}));

TEST(NonHomogeneousPoisson, WrongLawIsRejected)
{
    // The grid's sample size sees Λ off by 5%, both in N(T) and in the mean-count curve, and a
    // shape error in the arrival times (a slightly different phase of the sine).
    NonHomogeneousPoissonParams p;
    p.realisations = 10'000;
    p.seed = 20261201;
    p.paths = 0;
    const auto sim = run(p);
    EXPECT_LT(poissonCountsFit(sim.counts, 1.05 * 144.0).pValue, 1e-6);
    NonHomogeneousPoissonParams shifted = p;
    shifted.rate = "3 + 2*sin(2*pi*(t-0.5)/24)";
    const auto fits = fitNonHomogeneousPoisson(shifted, sim);
    ASSERT_TRUE(fits.has_value());
    EXPECT_LT(fits->arrivalTimes.pValue, 1e-6);
    NonHomogeneousPoissonParams higher = p;
    higher.rate = "1.05*(3 + 2*sin(2*pi*t/24))";
    EXPECT_GT(fitNonHomogeneousPoisson(higher, sim)->meanCountDeviation, 10);
}

TEST(NonHomogeneousPoisson, ConstantRateMatchesTheHomogeneousProcess)
{
    NonHomogeneousPoissonParams p;
    p.rate = "2.5";
    p.horizon = 4.0;
    p.realisations = 30'000;
    p.paths = 0;
    const auto thinned = run(p);
    PoissonParams h;
    h.rate = 2.5;
    h.horizon = 4.0;
    h.realisations = 30'000;
    h.paths = 0;
    RunControl control(2);
    const auto direct = simulatePoisson(h, control);
    ASSERT_TRUE(direct.has_value());
    EXPECT_GT(poissonCountsFit(thinned.counts, 10.0).pValue, 1e-4);
    EXPECT_NEAR(thinned.counts.mean(), direct->counts.mean(), 5 * std::sqrt(2 * 10.0 / 30'000));
}

TEST(NonHomogeneousPoisson, ZeroRateGivesNoEvents)
{
    NonHomogeneousPoissonParams p;
    p.rate = "0";
    p.horizon = 5.0;
    p.realisations = 1000;
    const auto sim = run(p);
    EXPECT_EQ(sim.counts.count(0), 1000u);
    EXPECT_EQ(sim.candidates, 0u);
    EXPECT_TRUE(sim.arrivalTimes.empty());
    const auto fits = fitNonHomogeneousPoisson(p, sim);
    ASSERT_TRUE(fits.has_value());
    EXPECT_EQ(fits->counts.impossible, 0u);
    EXPECT_EQ(fits->arrivalTimes.pValue, 1.0);
}

TEST(NonHomogeneousPoisson, BadFormulasAndRatesAreRejected)
{
    auto messageOf = [](const std::string& formula, double horizon = 10.0) {
        NonHomogeneousPoissonParams p;
        p.rate = formula;
        p.horizon = horizon;
        const Errors e = validate(p);
        EXPECT_EQ(e.size(), 1u) << formula;
        return e.empty() ? std::string() : e.front().parameter + " | " + e.front().message;
    };
    EXPECT_EQ(messageOf("3 + x"), "rate | rate = 3 + x: cannot be read: unknown name \"x\" at position 5; the "
                                  "variable is t and the constants are pi and e");
    EXPECT_NE(messageOf("3 + * t").find("rate | rate = 3 + * t: cannot be read: "), std::string::npos);
    EXPECT_EQ(messageOf("1 - t", 2.0),
              "rate | rate = 1 - t: negative at t = 1.00049 (λ = -0.000488281); the rate must be ≥ 0 on [0, T]");
    EXPECT_EQ(messageOf("-1"), "rate | rate = -1: negative at t = 0 (λ = -1); the rate must be ≥ 0 on [0, T]");
    EXPECT_EQ(messageOf("log(t)"), "rate | rate = log(t): not finite at t = 0 (λ = -inf)");
    EXPECT_EQ(messageOf("2e6"), "rate | rate = 2e6: reaches λ = 2e+06 at t = 0; must stay at most 10^6");
    EXPECT_EQ(messageOf("1e6", 2000.0),
              "horizon | horizon = 2000: must be at most 10^9 / max λ = 1000 (max λ × horizon bounds the mean "
              "number of events, at most 10^9)");

    NonHomogeneousPoissonParams p;
    p.horizon = std::nan("");
    p.realisations = 0;
    p.gridPoints = 1;
    p.rateBound = -3;
    p.paths = 5;
    std::vector<std::string> messages;
    for (const auto& e : validate(p))
        messages.push_back(e.message);
    EXPECT_EQ(messages, (std::vector<std::string>{
                            "horizon = nan: must be greater than 0 and at most 10^6",
                            "realisations = 0: must be between 1 and 10^9",
                            "gridPoints = 1: must be between 2 and 10001",
                            "rateBound = -3: must be 0 (automatic) or greater than 0 and at most 10^6",
                            "paths = 5: must be between 0 and realisations = 0"}));
    p = NonHomogeneousPoissonParams{};
    p.rateBound = 4.0;  // below max λ = 5
    const Errors low = validate(p);
    ASSERT_EQ(low.size(), 1u);
    EXPECT_EQ(low.front().parameter, "rateBound");
    EXPECT_EQ(low.front().message,
              "rateBound = 4: must be 0 (automatic) or at least max λ = 5 (reached at t = 6) and at most 10^6");
    // The simulation refuses the same parameters before drawing anything.
    EXPECT_EQ(runErrors(p).front().parameter, "rateBound");
}

TEST(NonHomogeneousPoisson, ASpikeBetweenGridPointsIsCaught)
{
    // λ = 50 on (0.24417, 0.24435), strictly between the bound's grid points 1000/4096 and
    // 1001/4096, and 1 elsewhere: the automatic bound (1.1) misses it, the candidates that
    // land in it see λ > λ* and the run ends with an error advising rateBound.
    NonHomogeneousPoissonParams p;
    p.rate = "t > 0.24417 && t < 0.24435 ? 50 : 1";
    p.horizon = 1.0;
    p.realisations = 100'000;
    p.paths = 0;
    const Errors e = runErrors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e.front().parameter, "rateBound");
    EXPECT_NE(e.front().message.find("exceeds the automatic thinning bound λ* = 1.1 at t = 0.244"), std::string::npos)
        << e.front().message;
    EXPECT_NE(e.front().message.find("λ reaches 50 near t = 0.244"), std::string::npos) << e.front().message;
    EXPECT_NE(e.front().message.find("set rateBound to at least 50.5"), std::string::npos) << e.front().message;
    // With rateBound = 50 the law is right again: Λ(1) = 1 + 49·0.00018.
    p.rateBound = 50;
    p.realisations = 20'000;
    const auto sim = run(p);
    EXPECT_GT(poissonCountsFit(sim.counts, 1 + 49 * 0.00018).pValue, 1e-4);
}

namespace {

/// λ(t) = 1 + 500 exp(−10⁵ (t − 10.003)²) on [0, 48] (standard deviation 0.0022, a fifth of the
/// 4097-time scan's spacing 0.0117); Λ(t) = t + 250 √(π/10⁵) [erf(√10⁵ (t − 10.003)) +
/// erf(√10⁵ · 10.003)] (Abramowitz & Stegun 7.1.1), Λ(48) = 50.80.
const char* const kNarrowPeak = "1 + 500*exp(-100000*(t-10.003)^2)";

double narrowPeakIntegral(double t)
{
    const double r = std::sqrt(1e5);
    return t + 250 * std::sqrt(std::numbers::pi / 1e5) * (std::erf(r * (t - 10.003)) + std::erf(r * 10.003));
}

}  // namespace

TEST(NonHomogeneousPoisson, ANarrowPeakIsSimulatedAndTestedRight)
{
    // The peak is found at its height by the scan's refinement, so the automatic bound covers
    // it (no error, no rateBound needed), and the KS test of the arrival times uses Λ right
    // between its nodes (before: D = 0.0087, p = 3·10⁻³⁴ for a right simulation).
    NonHomogeneousPoissonParams p;
    p.rate = kNarrowPeak;
    p.horizon = 48.0;
    p.realisations = 10'000;
    p.seed = 20261202;
    p.paths = 0;
    p.gridPoints = 4801;  // t_j = j/100
    const auto sim = run(p);
    EXPECT_GE(*std::max_element(sim.boundRates.begin(), sim.boundRates.end()), 1.1 * 501 * (1 - 1e-9));
    EXPECT_NEAR(sim.cumulativeRate.back(), narrowPeakIntegral(48.0), 1e-9);
    for (const std::size_t j : {1000, 1001})  // t = 10.00 and 10.01, on the peak's flanks
        EXPECT_NEAR(sim.cumulativeRate[j], narrowPeakIntegral(sim.gridTimes[j]), 1e-9) << sim.gridTimes[j];
    const auto fits = fitNonHomogeneousPoisson(p, sim);
    ASSERT_TRUE(fits.has_value());
    EXPECT_TRUE(fits->cumulativeRateAccurate);
    EXPECT_NEAR(fits->meanEvents, narrowPeakIntegral(48.0), 1e-9);
    EXPECT_GT(fits->counts.pValue, 1e-3) << "X² = " << fits->counts.statistic;
    EXPECT_GT(double(sim.arrivalTimes.size()), 5e5);
    EXPECT_GT(fits->arrivalTimes.pValue, 1e-3) << "D = " << fits->arrivalTimes.statistic;
    // The same arrival times against a peak 10 % higher (Λ(T) + 0.28) or shifted by one
    // standard deviation: rejected.
    for (const char* wrong : {"1 + 550*exp(-100000*(t-10.003)^2)", "1 + 500*exp(-100000*(t-10.0052)^2)"}) {
        NonHomogeneousPoissonParams other = p;
        other.rate = wrong;
        const auto bad = fitNonHomogeneousPoisson(other, sim);
        ASSERT_TRUE(bad.has_value());
        EXPECT_LT(bad->arrivalTimes.pValue, 1e-6) << wrong << ": D = " << bad->arrivalTimes.statistic;
    }
}

TEST(NonHomogeneousPoisson, AJumpIsTestedWhenLambdaIsAccurateEnoughForKs)
{
    // λ = 10⁵ on (47.9999, 48], 0 before: Λ(T) = 10 (elementary). At the jump the table stops
    // short of its own aim of 10⁻¹⁰ Λ(T) (estimated error 3.8·10⁻⁹ = 3.8·10⁻¹⁰ Λ(T): not
    // converged()), yet far within the 10⁻⁶ Λ(T) the KS test needs: the arrival times are tested
    // (they used to be skipped, with a note quoting such an error as too large).
    NonHomogeneousPoissonParams p;
    p.rate = "100000*(t>47.9999)";
    p.horizon = 48.0;
    p.realisations = 1'000;
    p.seed = 11;
    p.paths = 0;
    const auto sim = run(p);
    const auto fits = fitNonHomogeneousPoisson(p, sim);
    ASSERT_TRUE(fits.has_value());
    EXPECT_TRUE(fits->cumulativeRateAccurate) << "error " << fits->cumulativeRateError;
    EXPECT_NEAR(fits->meanEvents, 10.0, 1e-7);
    EXPECT_GT(fits->arrivalTimes.sampleSize, 9000.0);
    EXPECT_GT(fits->arrivalTimes.pValue, 1e-3) << "D = " << fits->arrivalTimes.statistic;
    NonHomogeneousPoissonParams shifted = p;  // the jump 10 % of its window later: rejected
    shifted.rate = "100000*(t>47.99991)";
    const auto bad = fitNonHomogeneousPoisson(shifted, sim);
    ASSERT_TRUE(bad.has_value());
    EXPECT_LT(bad->arrivalTimes.pValue, 1e-6) << "D = " << bad->arrivalTimes.statistic;
}

TEST(NonHomogeneousPoisson, ATooLowRateBoundIsToldTheRefinedMaximum)
{
    // The grid alone saw λ ≈ 51 at t = 10.0078; the refined maximum is 501 at 10.003.
    NonHomogeneousPoissonParams p;
    p.rate = kNarrowPeak;
    p.rateBound = 75.9;
    const Errors e = validate(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e.front().message,
              "rateBound = 75.9: must be 0 (automatic) or at least max λ = 501 (reached at t = 10.003) and at most 10^6");
    p.rateBound = suggestedBound(501);
    EXPECT_TRUE(validate(p).empty());
}

TEST(NonHomogeneousPoisson, SameSeedSameResultWhateverTheThreadCount)
{
    NonHomogeneousPoissonParams p;
    p.horizon = 24.0;
    p.realisations = 10'000;  // 4 blocks
    p.paths = 4;
    p.seed = 5;
    const auto one = run(p, 1), two = run(p, 2), three = run(p, 3);
    for (const auto* other : {&two, &three}) {
        EXPECT_EQ(one.counts, other->counts);
        EXPECT_EQ(one.meanCounts, other->meanCounts);
        EXPECT_EQ(one.arrivals, other->arrivals);
        EXPECT_EQ(one.arrivalTimes, other->arrivalTimes);
        EXPECT_EQ(one.candidates, other->candidates);
    }
    for (std::size_t i = 0; i < one.arrivals.size(); ++i) {
        EXPECT_TRUE(std::is_sorted(one.arrivals[i].begin(), one.arrivals[i].end()));
        EXPECT_EQ(std::int64_t(one.arrivals[i].size()), one.pathCounts[i]);
    }
}

TEST(NonHomogeneousPoisson, StabilityOfSeed42)
{
    NonHomogeneousPoissonParams p;
    p.realisations = 500;
    p.paths = 1;
    p.seed = 42;
    const auto sim = run(p);
    ASSERT_GE(sim.arrivals[0].size(), 2u);
    EXPECT_EQ(sim.arrivals[0][0], 0.20531749937219884);
    EXPECT_EQ(sim.arrivals[0][1], 0.29824975555274702);
    EXPECT_EQ(sim.pathCounts[0], 137);
    EXPECT_EQ(sim.candidates, 80536u);
    EXPECT_EQ(sim.counts.count(144), 14u);
}

TEST(NonHomogeneousPoisson, CancelStopsTheRun)
{
    NonHomogeneousPoissonParams p;
    p.rate = "1000*(1 + sin(t))";
    p.horizon = 1000;
    p.realisations = 1'000;
    p.paths = 0;
    RunControl control(2);
    control.cancel();
    auto sim = simulateNonHomogeneousPoisson(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
}
