// The step kernel of the 1D walk (StepSampler1D, BitWalk): the law of S_n stepped at random
// split points against the exact law, and split-invariance (advance(k) = k × advance(1)).
#include "core/walk/detail/StepSampler1D.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/stats/ChiSquaredTest.h"

#include <gtest/gtest.h>

#include <vector>

using namespace walklab::core;

namespace {

struct Case {
    double p, q;
};

// Positions after every step, stepping by splits of 1, 2, … (cycling up to 130) steps.
std::vector<std::int64_t> positions(const Case& c, std::int64_t steps, bool oneByOne)
{
    Engine engine = makeStream(11, 4);
    detail::StepSampler1D sampler(engine, c.p, c.q);
    std::vector<std::int64_t> at;
    std::int64_t s = 0, t = 0, k = 1;
    while (t < steps) {
        const std::int64_t len = oneByOne ? 1 : std::min(k, steps - t);
        s += sampler.advance(len);
        t += len;
        at.insert(at.end(), std::size_t(len - 1), 0);  // placeholders: compared at split times only
        at.push_back(s);
        k = k % 130 + 1;
    }
    return at;
}

}  // namespace

TEST(StepSampler1D, SplittingAWalkNeverChangesItsSteps)
{
    for (const Case& c : {Case{0.5, 0.5}, Case{0.3, 0.7}, Case{0.25, 0.25}, Case{0.3, 0.2}, Case{1.0, 0.0}}) {
        const std::int64_t n = 20000;
        const auto single = positions(c, n, true);
        const auto split = positions(c, n, false);
        ASSERT_EQ(single.size(), split.size());
        std::int64_t t = 0, k = 1;
        while (t < n) {
            t += std::min(k, n - t);
            ASSERT_EQ(split[std::size_t(t - 1)], single[std::size_t(t - 1)]) << "p = " << c.p << ", q = " << c.q << ", t = " << t;
            k = k % 130 + 1;
        }
    }
}

TEST(StepSampler1D, EndpointsFollowTheExactLaw)
{
    // 10^5 walks of n = 200 steps, advanced by uneven chunks (whole groups and parts), against
    // Walk1DDistribution; moving 2% of p from q to p is rejected by the same sample size.
    for (const Case& c : {Case{0.5, 0.5}, Case{0.3, 0.7}, Case{0.25, 0.25}, Case{0.3, 0.2}}) {
        const std::int64_t n = 200;
        Engine engine = makeStream(2718, std::uint64_t(c.p * 100 + c.q * 10));
        detail::StepSampler1D sampler(engine, c.p, c.q);
        std::vector<std::uint64_t> counts(std::size_t(2 * n + 1), 0);
        for (int w = 0; w < 100'000; ++w) {
            const std::int64_t first = w % 97;
            const std::int64_t s = sampler.advance(first) + sampler.advance(n - first);
            ++counts[std::size_t(s + n)];
        }
        auto law = [&](double p, double q) {
            const Walk1DDistribution exact(n, p, q);
            std::vector<double> pmf;
            for (std::int64_t k = -n; k <= n; ++k)
                pmf.push_back(exact.pmf(k));
            return pmf;
        };
        EXPECT_GT(chiSquaredTest(counts, law(c.p, c.q)).pValue, 1e-4) << "p = " << c.p << ", q = " << c.q;
        EXPECT_LT(chiSquaredTest(counts, law(c.p * 1.02, c.q - 0.02 * c.p)).pValue, 1e-4) << "p = " << c.p << ", q = " << c.q;
    }
}
