// Monte Carlo of the 2D/3D lattice walks against the exact engine: endpoints and |S_n| by
// chi-squared, MSD, returns and distinct sites within their standard errors; reproducibility,
// validation, memory refusal, cancellation.
#include "core/walk/LatticeWalkND.h"

#include "core/exact/LatticeDistribution.h"
#include "core/exact/RadialDistribution.h"
#include "core/exact/ReturnProbabilities.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/WalkNDTheory.h"
#include "core/walk/detail/EndpointCounts.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

using namespace walklab::core;

namespace {

WalkNDSimulation run(const LatticeWalkParams& p, unsigned threads = 2)
{
    return walklab::test::runSimulation(simulateLatticeWalk, p, threads);
}

struct Case {
    int dimension;
    std::int64_t steps;
    std::array<double, 6> weights;
    double lazy;
};

LatticeWalkParams params(const Case& c, std::int64_t walkers, std::uint64_t seed = 20260301)
{
    LatticeWalkParams p;
    p.dimension = c.dimension;
    p.steps = c.steps;
    p.weights = c.weights;
    p.lazy = c.lazy;
    p.walkers = walkers;
    p.seed = seed;
    p.paths = 0;
    return p;
}

class LatticeWalkNDGrid : public testing::TestWithParam<Case> {};

constexpr std::array<double, 6> kEqual{1, 1, 1, 1, 1, 1};

}  // namespace

// At a fixed seed each p-value is a fixed number: 10^-4 leaves room for the whole grid, while
// WrongLawIsRejected shows that the same sample size detects small errors in the law.
TEST_P(LatticeWalkNDGrid, EndpointsAndRadiusFollowTheExactLaw)
{
    const Case c = GetParam();
    const LatticeWalkParams p = params(c, 200'000);
    const auto sim = run(p);
    ASSERT_EQ(sim.endpoints.width, 1.0);  // single sites: the exact law is tested site by site
    const auto law = latticeDistribution(latticeStepLaw(p), c.steps);
    ASSERT_TRUE(law.has_value());
    const auto cells = cellProbabilities(sim.endpoints, *law);
    const auto chi = endpointChiSquared(sim.endpoints, cells);
    EXPECT_EQ(chi.impossible, 0u);
    EXPECT_GT(chi.pValue, 1e-4) << "X² = " << chi.statistic << ", dof " << chi.degreesOfFreedom;
    EXPECT_GE(chi.degreesOfFreedom, std::min(5, 2 * c.dimension - 1));
    const auto radial = radialChiSquared(sim.radius, binProbabilities(sim.radius, radialDistribution(*law)));
    EXPECT_EQ(radial.impossible, 0u);
    EXPECT_GT(radial.pValue, 1e-4) << "X² = " << radial.statistic << ", dof " << radial.degreesOfFreedom;
}

INSTANTIATE_TEST_SUITE_P(
    Grid, LatticeWalkNDGrid,
    testing::Values(Case{2, 1, kEqual, 0.0}, Case{2, 40, kEqual, 0.0},       // rotated kernel
                    Case{2, 41, kEqual, 0.0}, Case{2, 30, kEqual, 0.2},       // lazy
                    Case{2, 25, {3, 1, 1, 2, 0, 0}, 0.0},                     // drift
                    Case{2, 20, {1, 0, 1, 0, 0, 0}, 0.5},                     // one-way axes
                    Case{3, 1, kEqual, 0.0}, Case{3, 15, kEqual, 0.0},
                    Case{3, 12, {1, 2, 1, 1, 3, 1}, 0.1}));

TEST(LatticeWalkND, WrongLawIsRejected)
{
    // The grid's sample size sees a 5% change of one direction weight, and a pause of 0.02.
    const Case c{2, 40, kEqual, 0.0};
    const auto sim = run(params(c, 200'000));
    LatticeWalkParams wrong = params(c, 1);
    wrong.weights = {1.05, 1, 1, 1, 0, 0};
    const auto drift = latticeDistribution(latticeStepLaw(wrong), 40);
    EXPECT_LT(endpointChiSquared(sim.endpoints, cellProbabilities(sim.endpoints, *drift)).pValue, 1e-6);
    wrong.weights = kEqual;
    wrong.lazy = 0.02;
    const auto lazy = latticeDistribution(latticeStepLaw(wrong), 40);
    EXPECT_LT(endpointChiSquared(sim.endpoints, cellProbabilities(sim.endpoints, *lazy)).pValue, 1e-6);
    // |S_n| alone tells 40 steps from 38 (5% less variance).
    const auto shorter = radialDistribution(latticeStepLaw(params(c, 1)), 38);
    EXPECT_LT(radialChiSquared(sim.radius, binProbabilities(sim.radius, *shorter)).pValue, 1e-6);
}

TEST(LatticeWalkND, MsdReturnsAndDistinctSitesAgreeWithTheExactValues)
{
    // Every tracked quantity at every observation time within 4.5 standard errors (≈ 265 times ×
    // 2 quantities: the chance that any exceeds 4.5 se by luck is about 4·10^-3 for a fixed seed).
    for (const Case& c : {Case{2, 400, kEqual, 0.0}, Case{3, 300, kEqual, 0.0},
                          Case{2, 300, {2, 1, 1, 1, 0, 0}, 0.25}, Case{3, 200, {1, 1, 2, 2, 1, 1}, 0.0}}) {
        const LatticeWalkParams p = params(c, kMaxTrackedWalkers);
        const auto sim = run(p);
        const StepLaw law = latticeStepLaw(p);
        const auto exact = returnStatistics(law, c.steps);
        ASSERT_TRUE(exact.has_value());
        const auto& o = sim.observed;
        ASSERT_EQ(o.tracked, kMaxTrackedWalkers);
        for (std::size_t k = 1; k < o.times.size(); ++k) {
            const double t = double(o.times[k]);
            const Estimate msd = observedMsd(o, k);
            EXPECT_NEAR(msd.value, meanSquaredDisplacement(stepMoments(law), t), 4.5 * msd.standardError)
                << "d = " << c.dimension << ", t = " << t;
            const double r = exact->returnedBy[std::size_t(o.times[k])];
            const double se = std::sqrt(r * (1 - r) / double(o.tracked));
            EXPECT_NEAR(observedReturned(o, k).value, r, 4.5 * se + 1e-12) << "d = " << c.dimension << ", t = " << t;
        }
        EXPECT_EQ(o.returned.front(), 0u);
        const Estimate distinct = observedDistinctSites(o);
        EXPECT_EQ(o.distinctWalkers, distinctSiteWalkers(c.steps, p.walkers));
        EXPECT_NEAR(distinct.value, expectedDistinctSites(exact->returnedBy), 4.5 * distinct.standardError);
        // The MSD at n over all walkers.
        EXPECT_NEAR(o.endSquared / double(p.walkers), meanSquaredDisplacement(stepMoments(law), double(c.steps)),
                    4.5 * observedMsd(o, o.times.size() - 1).standardError);
    }
}

TEST(LatticeWalkND, WrongReturnCurveIsRejected)
{
    // Power: the simulated 2D returns are far (in standard errors) from the 3D curve and from
    // the 2D curve of a lazy walk.
    const Case c{2, 400, kEqual, 0.0};
    const auto sim = run(params(c, kMaxTrackedWalkers));
    const auto cubic = returnStatistics(*StepLaw::simple(3), 400);
    const auto lazy = returnStatistics(*StepLaw::simple(2, 0.2), 400);
    const std::size_t last = sim.observed.times.size() - 1;
    const Estimate r = observedReturned(sim.observed, last);
    EXPECT_GT(std::abs(r.value - cubic->returnedBy[400]) / r.standardError, 20);
    EXPECT_GT(std::abs(r.value - lazy->returnedBy[400]) / r.standardError, 5);
}

TEST(LatticeWalkND, SameSeedSameResultWhateverTheThreadCount)
{
    // Several blocks each; endpoint cells listed (walkers ≤ cells / 8) and counted per worker
    // (n = 1000: 269² cells).
    const std::array<std::pair<Case, std::int64_t>, 3> cases{{{Case{2, 3000, kEqual, 0.0}, 5000},
                                                              {Case{3, 2000, {1, 2, 1, 1, 1, 1}, 0.1}, 5000},
                                                              {Case{2, 1000, kEqual, 0.0}, 20'000}}};
    for (const auto& [c, walkers] : cases) {
        LatticeWalkParams p = params(c, walkers, 7);
        p.paths = 13;
        const auto one = run(p, 1), two = run(p, 2), seven = run(p, 7), sixteen = run(p, 16);
        EXPECT_EQ(detail::EndpointCounts::listed(one.endpoints, walkers), walkers == 5000);
        EXPECT_GT(walkers, 2 * walkersPerBlock(c.steps));
        for (const auto* other : {&two, &seven, &sixteen}) {
            EXPECT_EQ(one.endpoints.counts, other->endpoints.counts);
            EXPECT_EQ(one.endpoints.outside, other->endpoints.outside);
            EXPECT_EQ(one.radius.counts, other->radius.counts);
            EXPECT_EQ(one.paths, other->paths);
            EXPECT_EQ(one.observed.sumSquared, other->observed.sumSquared);
            EXPECT_EQ(one.observed.sumFourth, other->observed.sumFourth);
            EXPECT_EQ(one.observed.returned, other->observed.returned);
            EXPECT_EQ(one.observed.distinctSum, other->observed.distinctSum);
            EXPECT_EQ(one.observed.endSquared, other->observed.endSquared);
        }
        std::uint64_t total = one.endpoints.outside;
        for (const auto count : one.endpoints.counts)
            total += count;
        EXPECT_EQ(total, std::uint64_t(walkers));
        p.seed = 8;
        EXPECT_NE(run(p).endpoints.counts, one.endpoints.counts);
    }
}

TEST(LatticeWalkND, KeepingPathsDoesNotChangeAnyWalk)
{
    // n = 5000 > 2001 path points: paths are decimated, splitting the rotated walk's words.
    for (const Case& c : {Case{2, 5000, kEqual, 0.0}, Case{3, 5000, kEqual, 0.0}}) {
        LatticeWalkParams p = params(c, 300, 11);
        const auto without = run(p);
        p.paths = 40;
        const auto with = run(p);
        EXPECT_EQ(without.endpoints.counts, with.endpoints.counts);
        EXPECT_EQ(without.observed.sumSquared, with.observed.sumSquared);
        ASSERT_EQ(with.paths.size(), 40u);
        for (const auto& path : with.paths) {
            EXPECT_EQ(path.front(), (Point3{0, 0, 0}));
            for (std::size_t j = 1; j < path.size(); ++j) {
                double l1 = 0;
                for (int a = 0; a < 3; ++a)
                    l1 += std::abs(path[j][a] - path[j - 1][a]);
                EXPECT_LE(l1, double(with.pathTimes[j] - with.pathTimes[j - 1]));
                EXPECT_EQ(std::fmod(l1 - double(with.pathTimes[j] - with.pathTimes[j - 1]), 2.0), 0.0);  // parity
            }
        }
    }
}

TEST(LatticeWalkND, StabilityOfSeed42)
{
    // Pins the output of one seed (rotated, cubic-table and general kernels, and the endpoint
    // shortcut of the walkers beyond the tracked ones), so that an accidental change of the
    // random stream is noticed. Update only on purpose.
    LatticeWalkParams p;
    p.steps = 100;
    p.walkers = kMaxTrackedWalkers + 500;
    p.seed = 42;
    p.paths = 1;
    const auto rotated = run(p);
    p.dimension = 3;
    const auto cubic = run(p);
    p.lazy = 0.25;
    const auto general = run(p);
    std::vector<double> rx, cz, gy;
    for (int j = 0; j <= 6; ++j) {
        rx.push_back(rotated.paths[0][std::size_t(j)][0]);
        cz.push_back(cubic.paths[0][std::size_t(j)][2]);
        gy.push_back(general.paths[0][std::size_t(10 * j)][1]);
    }
    EXPECT_EQ(rx, (std::vector<double>{0, 0, 0, -1, 0, -1, -1}));
    EXPECT_EQ(cz, (std::vector<double>{0, 0, 0, 0, 0, 1, 1}));
    EXPECT_EQ(gy, (std::vector<double>{0, 0, 0, 2, 3, 1, 2}));
    EXPECT_EQ(rotated.observed.returned.back(), 5871u);
    EXPECT_EQ(cubic.observed.returned.back(), 3153u);
    EXPECT_EQ(general.observed.returned.back(), 4889u);
    // Σ |S_n|² over all walkers: a sum of integers, exact in a double.
    EXPECT_EQ(std::int64_t(rotated.observed.endSquared), 1042610);  // E = 10^6 + 50 000
    EXPECT_EQ(std::int64_t(cubic.observed.endSquared), 1036696);
    EXPECT_EQ(std::int64_t(general.observed.endSquared), 791261);  // E = 787 500
}

TEST(LatticeWalkND, ValidationNamesParameterValueAndRange)
{
    auto messageFor = [](const LatticeWalkParams& p) {
        const Errors e = validate(p);
        return e.empty() ? std::string() : e.front().parameter + "|" + e.front().message;
    };
    LatticeWalkParams p;
    EXPECT_EQ(messageFor(p), "");
    p.steps = 0;
    EXPECT_EQ(messageFor(p), "steps|steps = 0: must be between 1 and 10^7");
    p = {};
    p.walkers = 2'000'000'000;
    EXPECT_EQ(messageFor(p), "walkers|walkers = 2000000000: must be between 1 and 10^9");
    p = {};
    p.weights[1] = -1;
    EXPECT_EQ(messageFor(p), "west|west = -1: must be between 0 and 10^6");
    p = {};
    p.weights[2] = std::nan("");
    EXPECT_EQ(messageFor(p), "north|north = nan: must be between 0 and 10^6");
    p = {};
    p.weights = {0, 0, 0, 0, 5, 5};  // up/down are not used in 2D
    EXPECT_EQ(messageFor(p), "east|east = 0: must be positive when all other direction weights are 0 (some step "
                             "must be possible)");
    p = {};
    p.lazy = 1;
    EXPECT_EQ(messageFor(p), "lazy|lazy = 1: must be at least 0 and less than 1");
    p = {};
    p.dimension = 4;
    EXPECT_EQ(messageFor(p), "dimension|dimension = 4: must be 2 or 3");
    p = {};
    p.walkers = 5;
    p.paths = 6;
    EXPECT_EQ(messageFor(p), "paths|paths = 6: must be between 0 and walkers = 5");
    p = {};
    p.dimension = 3;
    p.weights[5] = INFINITY;
    EXPECT_EQ(messageFor(p), "down|down = inf: must be between 0 and 10^6");
    p.steps = -3;
    EXPECT_EQ(validate(p).size(), 2u);
    RunControl control;
    EXPECT_FALSE(simulateLatticeWalk(p, control).has_value());
}

TEST(LatticeWalkND, RefusesTooMuchMemoryUpFrontWithTheFigure)
{
    // n = 10^6 counts distinct sites with a 16 MiB hash set per thread: 200 threads need 4 GiB.
    LatticeWalkParams p;
    p.steps = 1'000'000;
    p.walkers = 10'000;
    RunControl control(200);
    const auto sim = simulateLatticeWalk(p, control);
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::TooLarge);
    EXPECT_NE(sim.error().front().message.find("GiB of memory"), std::string::npos) << sim.error().front().message;
    EXPECT_EQ(control.progress(), 0.0);  // refused before any work
}

TEST(LatticeWalkND, RefusesRunsOfMoreThanAboutTenMinutesUpFront)
{
    // Unequal weights with a pause walk step by step at ~1e8 steps/s: 10^4 tracked walkers ×
    // 10^7 steps is about 14 min on one thread, refused with the figure; 10^6 steps is accepted,
    // as is the rotated kernel (3e9 steps/s) at 10^7 steps with 10^9 walkers by the shortcut.
    LatticeWalkParams p;
    p.steps = 10'000'000;
    p.walkers = 100'000'000;
    p.weights = {1.5, 1, 1, 1, 1, 1};
    p.lazy = 0.2;
    const Errors e = validate(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e.front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(e.front().parameter, "walkers");
    EXPECT_NE(e.front().message.find("1e+11 steps"), std::string::npos) << e.front().message;
    EXPECT_NE(e.front().message.find("limit is about 10 min"), std::string::npos) << e.front().message;
    p.steps = 1'000'000;
    EXPECT_TRUE(validate(p).empty());
    p.steps = 10'000'000;
    p.walkers = 1'000'000'000;
    p.weights = {1, 1, 1, 1, 1, 1};
    p.lazy = 0;
    EXPECT_TRUE(validate(p).empty());
}

TEST(LatticeWalkND, CancelStopsALongRun)
{
    LatticeWalkParams p;
    p.dimension = 3;
    p.steps = 10'000'000;
    p.walkers = 1'000'000'000;
    RunControl control(2);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        control.cancel();
    });
    const auto sim = simulateLatticeWalk(p, control);
    canceller.join();
    ASSERT_FALSE(sim.has_value());
    EXPECT_EQ(sim.error().front().kind, ErrorKind::Cancelled);
    EXPECT_GT(control.progress(), 0.0);
    EXPECT_LT(control.progress(), 0.1);  // a run of minutes, cancelled after 0.2 s
}

TEST(LatticeWalkND, LargeWalksAreBinnedAndProgressReachesOne)
{
    LatticeWalkParams p;
    p.steps = 2'000'000;
    p.walkers = 3;
    p.paths = 1;
    RunControl control(2);
    const auto sim = simulateLatticeWalk(p, control);
    ASSERT_TRUE(sim.has_value());
    EXPECT_DOUBLE_EQ(control.progress(), 1.0);
    EXPECT_LE(sim->endpoints.cellCount(), kMaxGridCells);
    EXPECT_EQ(std::fmod(sim->endpoints.width, 2.0), 0.0);  // even cells for the parity lattice
    EXPECT_EQ(sim->observed.distinctWalkers, 0);           // beyond kMaxDistinctSteps
    std::uint64_t total = sim->endpoints.outside;
    for (auto c : sim->endpoints.counts)
        total += c;
    EXPECT_EQ(total, 3u);
}
