// Kept paths at full resolution (detail::pathWords, StepSampler1D::path): the same steps as
// the step-by-step sampler, the same words consumed, the same integers at every CpuLevel.
#include "core/experiment/RunControl.h"
#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/walk/detail/PathKernel.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/detail/StepSampler1D.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace walklab::core;

namespace {

struct Walk {
    double p, q;
};

// Symmetric (one bit per step), biased, lazy, biased with p + q = 1, always up, always still.
const Walk kWalks[] = {{0.5, 0.5}, {0.3, 0.7}, {0.25, 0.25}, {0.1, 0.6}, {1.0, 0.0}, {0.0, 0.0}};

// Chunks that start and end inside words, span several words and straddle refills.
const std::int64_t kChunks[] = {1, 5, 64, 63, 200, 1, 1000, 2048, 7, 4096, 3};

}  // namespace

TEST(PathKernel, PathEqualsStepByStepAndConsumesTheSameWords)
{
    for (const Walk& walk : kWalks) {
        Engine e1 = makeStream(42, 3), e2 = makeStream(42, 3);
        detail::StepSampler1D bulk(e1, walk.p, walk.q), single(e2, walk.p, walk.q);
        std::int32_t position = 17;
        std::int64_t reference = 17;
        for (const std::int64_t chunk : kChunks) {
            std::vector<std::int32_t> out(static_cast<std::size_t>(chunk));
            const std::int64_t displacement = bulk.path(chunk, position, out.data());
            for (std::int64_t i = 0; i < chunk; ++i) {
                reference += single.advance(1);
                ASSERT_EQ(out[std::size_t(i)], reference) << "p = " << walk.p << ", q = " << walk.q << ", step " << i;
            }
            EXPECT_EQ(std::int64_t(position) + displacement, reference);
            position = std::int32_t(reference);
        }
        // Both samplers are at the same place of the stream: the next steps agree.
        EXPECT_EQ(bulk.advance(1000), single.advance(1000)) << "p = " << walk.p;
        EXPECT_EQ(e1(), e2()) << "p = " << walk.p;
    }
}

TEST(PathKernel, EveryCpuLevelWritesTheSamePositions)
{
    Engine engine = makeStream(7, 0);
    const std::size_t words = 1000;
    std::vector<std::uint64_t> up(words), move(words);
    engine.generate(up.data(), words);
    engine.generate(move.data(), words);
    for (std::size_t w = 0; w < words; ++w)
        up[w] &= move[w];  // up ⊆ move
    for (const bool symmetric : {true, false}) {
        // Reference: step by step.
        std::vector<std::int32_t> expected(64 * words);
        std::int32_t position = -5;
        for (std::size_t w = 0; w < words; ++w)
            position = detail::pathBits(up[w], symmetric ? ~0ULL : move[w], 64, position, &expected[64 * w]);
        for (int level = 0; level <= int(detectedCpuLevel()); ++level) {
            std::vector<std::int32_t> out(64 * words);
            const std::int32_t last =
                detail::pathWords(up.data(), symmetric ? nullptr : move.data(), words, -5, out.data(), CpuLevel(level));
            EXPECT_EQ(out, expected) << cpuLevelName(CpuLevel(level)) << (symmetric ? " symmetric" : " masks");
            EXPECT_EQ(last, position);
        }
    }
}

TEST(PathKernel, StepsFollowTheMasks)
{
    // Hand-checked: up = 0b0101, move = 0b0111 → +1, −1, +1, 0, then zeros (move bits 0).
    std::int32_t out[6];
    EXPECT_EQ(detail::pathBits(0b0101, 0b0111, 6, 10, out), 11);
    const std::int32_t expected[6] = {11, 10, 11, 11, 11, 11};
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(out[i], expected[i]) << i;
    // Symmetric: 64 ones → 1 … 64; the table path agrees.
    std::vector<std::int32_t> path(64);
    const std::uint64_t ones = ~0ULL;
    EXPECT_EQ(detail::pathWords(&ones, nullptr, 1, 0, path.data()), 64);
    for (int i = 0; i < 64; ++i)
        EXPECT_EQ(path[std::size_t(i)], i + 1);
}

TEST(PathKernel, KeptPathsOfWalk1DAreTheStepByStepWalkers)
{
    // simulateWalk1D writes kept paths at n + 1 ≤ kMaxPathPoints through StepSampler1D::path:
    // walker w < paths must be the w-th walker drawn step by step from block 0's stream.
    for (const auto& [walk, walkers] : {std::pair{kWalks[0], 5000}, std::pair{kWalks[1], 30}, std::pair{kWalks[2], 30}}) {
        const Walk1DParams params{1500, walkers, walk.p, walk.q, 42, 30};
        RunControl control(2);
        const auto sim = simulateWalk1D(params, control);
        ASSERT_TRUE(sim.has_value());
        ASSERT_EQ(sim->pathTimes.size(), 1501u);
        Engine engine = makeStream(42, 0);
        detail::StepSampler1D sampler(engine, walk.p, walk.q);
        const auto& obs = sim->observed;
        std::vector<std::uint64_t> returned(obs.times.size(), 0);  // among the 30 kept walkers
        std::vector<double> sumSquared(obs.times.size(), 0.0);
        for (std::size_t w = 0; w < 30; ++w) {
            std::int64_t position = 0, firstReturn = -1;
            ASSERT_EQ(sim->paths[w][0], 0);
            for (std::int64_t t = 1; t <= 1500; ++t) {
                position += sampler.advance(1);
                ASSERT_EQ(sim->paths[w][std::size_t(t)], position) << "p = " << walk.p << ", walker " << w << ", t = " << t;
                if (position == 0 && firstReturn < 0)
                    firstReturn = t;
                for (std::size_t i = 0; i < obs.times.size(); ++i) {
                    if (obs.times[i] == t)
                        sumSquared[i] += double(position) * double(position);
                    if (obs.times[i] == t && firstReturn > 0)
                        ++returned[i];
                }
            }
        }
        // With every walker kept (M = paths), the observations are those of the replayed walkers.
        if (params.walkers == params.paths) {
            EXPECT_EQ(obs.returned, returned) << "p = " << walk.p;
            EXPECT_EQ(obs.sumSquared, sumSquared) << "p = " << walk.p;
        }
    }
}
