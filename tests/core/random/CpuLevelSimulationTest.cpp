// Whole simulations give bit-identical results at every CPU level: the kernels agree not only
// word by word (StreamEngineTest) but through every consumer the walks use (BitWalk, popcount
// spans, SlicedBernoulli groups, the cubic table kernel, the endpoint shortcut). Each run caps
// the process's level with setCpuLevelLimit(); levels this CPU lacks are skipped with a note.
#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/walk/FirstPassageWalk.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/PathWalk1D.h"
#include "tests/core/SimulationRun.h"

#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <vector>

using namespace walklab::core;

namespace {

// Runs simulate() once per supported level (2 threads), the process capped at that level, and
// hands each result after the first to compare(first, other, level).
template <class Simulate, class Params, class Compare>
void compareLevels(Simulate simulate, const Params& params, Compare compare)
{
    using Simulation = decltype(walklab::test::runSimulation(simulate, params, 2));
    std::vector<Simulation> results;
    for (CpuLevel level : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512}) {
        if (level > detectedCpuLevel()) {
            std::cout << "[  NOTE    ] this CPU lacks " << cpuLevelName(level) << ": not compared\n";
            continue;
        }
        const CpuLevel previous = setCpuLevelLimit(level);
        // The cap reaches the engines the simulation creates (unless WALKLAB_CPU lowers it further).
        EXPECT_EQ(makeStream(1, 0).cpuLevel(), std::min(level, activeCpuLevel()));
        results.push_back(walklab::test::runSimulation(simulate, params, 2));
        setCpuLevelLimit(previous);
        if (results.size() > 1) {
            SCOPED_TRACE(std::string(cpuLevelName(level)) + " against baseline");
            compare(results.front(), results.back());
        }
    }
}

void expectSame1D(const Walk1DSimulation& a, const Walk1DSimulation& b)
{
    EXPECT_EQ(a.endpoints, b.endpoints);
    EXPECT_EQ(a.paths, b.paths);
    EXPECT_EQ(a.observed.sumSquared, b.observed.sumSquared);
    EXPECT_EQ(a.observed.sumFourth, b.observed.sumFourth);
    EXPECT_EQ(a.observed.returned, b.observed.returned);
}

void expectSameND(const WalkNDSimulation& a, const WalkNDSimulation& b)
{
    EXPECT_EQ(a.endpoints.counts, b.endpoints.counts);
    EXPECT_EQ(a.endpoints.outside, b.endpoints.outside);
    EXPECT_EQ(a.radius.counts, b.radius.counts);
    EXPECT_EQ(a.paths, b.paths);
    EXPECT_EQ(a.observed.sumSquared, b.observed.sumSquared);
    EXPECT_EQ(a.observed.sumFourth, b.observed.sumFourth);
    EXPECT_EQ(a.observed.returned, b.observed.returned);
    EXPECT_EQ(a.observed.distinctSum, b.observed.distinctSum);
    EXPECT_EQ(a.observed.endSquared, b.observed.endSquared);
}

}  // namespace

TEST(CpuLevelSimulation, LimitCapsTheEnginesCreatedAfterIt)
{
    const CpuLevel previous = setCpuLevelLimit(CpuLevel::Baseline);
    EXPECT_EQ(activeCpuLevel(), CpuLevel::Baseline);
    EXPECT_EQ(makeStream(3, 4).cpuLevel(), CpuLevel::Baseline);
    setCpuLevelLimit(previous);
    EXPECT_EQ(makeStream(3, 4).cpuLevel(), activeCpuLevel());
}

TEST(CpuLevelSimulation, Walk1DIsIdenticalAtEveryLevel)
{
    // Symmetric (BitWalk, popcount spans), biased and lazy (SlicedBernoulli); 12 000 walkers so
    // that some take the endpoint shortcut; n = 3001 splits words at the kept-path times, n = 1500
    // keeps paths at every step (the path kernel).
    for (const std::int64_t n : {3001, 1500}) {
        for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.3, 0.7}, std::pair{0.25, 0.25}}) {
            SCOPED_TRACE("n = " + std::to_string(n) + ", p = " + std::to_string(p) + ", q = " + std::to_string(q));
            Walk1DParams params;
            params.steps = n;
            params.walkers = 12000;
            params.p = p;
            params.q = q;
            params.seed = 41;
            params.paths = 7;
            compareLevels(simulateWalk1D, params, expectSame1D);
        }
    }
    // Symmetric with observation times ~1000 steps apart: most stops alone in their round of 16
    // words (Engine::popcountPrefixes counts those in registers).
    Walk1DParams params;
    params.steps = 200001;
    params.walkers = 2000;
    params.seed = 42;
    params.paths = 3;
    compareLevels(simulateWalk1D, params, expectSame1D);
}

TEST(CpuLevelSimulation, LatticeWalkNDIsIdenticalAtEveryLevel)
{
    // 2D rotated (two BitWalks searched for their joint first return, firstJointZero) and 3D cubic
    // (byte table + sign bits); n = 20 000 gives spans of a few to a few hundred words.
    for (int d : {2, 3}) {
        SCOPED_TRACE("d = " + std::to_string(d));
        LatticeWalkParams params;
        params.dimension = d;
        params.steps = 20000;
        params.walkers = 300;
        params.seed = 43;
        params.paths = 5;
        compareLevels(simulateLatticeWalk, params, expectSameND);
    }
}

TEST(CpuLevelSimulation, PathWalk1DIsIdenticalAtEveryLevel)
{
    // Bulk steps of min(|S|, M + 1 − S, |k − S|) between single steps at 0: symmetric and biased.
    for (const auto& [p, q] : {std::pair{0.5, 0.5}, std::pair{0.45, 0.55}}) {
        SCOPED_TRACE("p = " + std::to_string(p));
        PathWalk1DParams params;
        params.steps = 20000;
        params.walkers = 2000;
        params.p = p;
        params.q = q;
        params.level = 25;
        params.seed = 47;
        params.paths = 3;
        compareLevels(simulatePathWalk1D, params, [](const PathWalk1DSimulation& a, const PathWalk1DSimulation& b) {
            EXPECT_EQ(a.passage.counts, b.passage.counts);
            EXPECT_EQ(a.passage.notArrived, b.passage.notArrived);
            EXPECT_EQ(a.firstReturn.counts, b.firstReturn.counts);
            EXPECT_EQ(a.firstReturn.notArrived, b.firstReturn.notArrived);
            EXPECT_EQ(a.returns, b.returns);
            EXPECT_EQ(a.timePositive.counts, b.timePositive.counts);
            EXPECT_EQ(a.lastZero.counts, b.lastZero.counts);
            EXPECT_EQ(a.maximum, b.maximum);
            EXPECT_EQ(a.paths, b.paths);
        });
    }
}

TEST(CpuLevelSimulation, FirstPassageIsIdenticalAtEveryLevel)
{
    // The walker loop compiled once per level: symmetric first returns (unit bins, then
    // logarithmic bins with times beyond the bin table), a biased passage that draws the walk
    // conditioned to arrive (p and q exchanged, one uniform per walker), a lazy first return.
    struct Case {
        std::int64_t steps, level;
        double p, q;
    };
    for (const Case c : {Case{2000, 0, 0.5, 0.5}, Case{100'000, 0, 0.5, 0.5}, Case{3000, 6, 0.45, 0.55},
                         Case{3000, 0, 0.3, 0.4}}) {
        SCOPED_TRACE("n = " + std::to_string(c.steps) + ", k = " + std::to_string(c.level) + ", p = " + std::to_string(c.p));
        const FirstPassageParams params{c.steps, 20'000, c.p, c.q, c.level, 53, 0};
        compareLevels(simulateFirstPassage, params, [](const FirstPassageSimulation& a, const FirstPassageSimulation& b) {
            EXPECT_EQ(a.counts, b.counts);
            EXPECT_EQ(a.notArrived, b.notArrived);
            EXPECT_EQ(a.equivalentSteps, b.equivalentSteps);
            EXPECT_EQ(a.drawnSteps, b.drawnSteps);
        });
    }
}
