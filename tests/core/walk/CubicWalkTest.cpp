// The byte-table kernel of the simple walk on Z³, step by step: its endpoints against the exact
// law (through its digit, byte and whole-word paths), and splitting a walk never changes it.
#include "core/walk/detail/CubicWalk.h"

#include "core/exact/LatticeDistribution.h"
#include "core/walk/WalkNDTheory.h"

#include <gtest/gtest.h>

using namespace walklab::core;
using walklab::core::detail::CubicWalk;

namespace {

using Site = std::array<std::int64_t, 3>;

/// Endpoints of `walkers` walks of n steps, each taken in pieces of 1, 2, 3, … steps (so the
/// digit and byte paths are used, and whole words once 40 steps are left) or in one piece.
EndpointGrid endpoints(std::int64_t n, int walkers, bool pieces)
{
    CubicWalk walk(2026, 0);
    EndpointGrid g;
    g.dimension = 3;
    for (std::size_t a = 0; a < 3; ++a) {
        g.lo[a] = double(-n) - 0.5;
        g.cells[a] = 2 * n + 1;
    }
    g.counts.assign(std::size_t(g.cellCount()), 0);
    for (int i = 0; i < walkers; ++i) {
        Site x{0, 0, 0};
        for (std::int64_t t = 0, k = pieces ? 1 : n; t < n; t += k, ++k)
            walk.advance(x, std::min(k, n - t));
        ++g.counts[std::size_t(g.cellOf({double(x[0]), double(x[1]), double(x[2])}))];
    }
    return g;
}

}  // namespace

TEST(CubicWalk, EndpointsFollowTheExactLawAndAWrongOneIsRejected)
{
    // n = 13 in pieces; n = 45 in one piece goes through one whole word (40 steps) first.
    for (const auto& [n, pieces] : {std::pair{std::int64_t(13), true}, std::pair{std::int64_t(45), false}}) {
        const EndpointGrid g = endpoints(n, 200'000, pieces);
        const auto law = latticeDistribution(*StepLaw::simple(3), n);
        ASSERT_TRUE(law.has_value());
        const auto fit = endpointChiSquared(g, cellProbabilities(g, *law));
        EXPECT_EQ(fit.impossible, 0u);
        EXPECT_GT(fit.pValue, 1e-4) << "n = " << n << ": X² = " << fit.statistic << ", dof " << fit.degreesOfFreedom;
        // Power: 5% more weight on +e₁.
        const std::array<double, 6> heavier{1.05, 1, 1, 1, 1, 1};
        const auto wrong = latticeDistribution(*StepLaw::simple(3, heavier, 0.0), n);
        EXPECT_LT(endpointChiSquared(g, cellProbabilities(g, *wrong)).pValue, 1e-6) << "n = " << n;
    }
}

TEST(CubicWalk, SplittingAWalkNeverChangesItsSteps)
{
    // The positions at 0, 1, 3, 6, … from one walk in pieces equal those of fresh walks of the
    // same seed taken to each of those times in one call, for pieces crossing words and bytes.
    constexpr std::int64_t n = 5000;
    CubicWalk pieces(7, 3);
    Site x{0, 0, 0};
    for (std::int64_t t = 0, k = 1; t < n; t += k, k = k * 3 % 97 + 1) {
        pieces.advance(x, k);
        CubicWalk whole(7, 3);
        Site y{0, 0, 0};
        whole.advance(y, t + k);
        ASSERT_EQ(x, y) << "t = " << t + k;
        EXPECT_EQ((std::abs(x[0]) + std::abs(x[1]) + std::abs(x[2])) % 2, (t + k) % 2);  // one move per step
    }
}
