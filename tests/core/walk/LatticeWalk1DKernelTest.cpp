// The step kernel of the 1D walk (StepSampler1D, BitWalk): the law of S_n stepped at random
// split points against the exact law, and split-invariance (advance(k) = k × advance(1)).
#include "core/walk/detail/StepSampler1D.h"

#include "core/exact/Walk1DDistribution.h"
#include "core/stats/ChiSquaredTest.h"

#include <gtest/gtest.h>

#include <string>
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

TEST(StepSampler1D, DisplacementsAtManyTimesTakeTheSameSteps)
{
    // displacements() against advance() from time to time, at every CPU level: times inside the
    // bits kept from the last word (only those, or some), equal times, word and round (1024-step)
    // boundaries, spans longer than the engine's buffer; the walk then goes on identically.
    const std::vector<std::int64_t> gaps{0, 1, 5, 58, 64, 128, 1023, 1024, 1025, 5000, 20000};
    std::vector<CpuLevel> levels;
    for (CpuLevel l : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512})
        if (l <= detectedCpuLevel())
            levels.push_back(l);
    for (const Case& c : {Case{0.5, 0.5}, Case{0.3, 0.7}, Case{0.25, 0.25}})
        for (CpuLevel level : levels) {
            SCOPED_TRACE("p = " + std::to_string(c.p) + ", q = " + std::to_string(c.q) + ", " + cpuLevelName(level));
            Engine a = makeStream(31, 2), b = a;
            a.useCpuLevel(level);
            b.useCpuLevel(level);
            detail::StepSampler1D stepwise(a, c.p, c.q), bulk(b, c.p, c.q);
            for (int call = 0; call < 300; ++call) {
                const std::int64_t lead = call % 70;  // leaves 64 − lead % 64 bits of a word kept
                ASSERT_EQ(stepwise.advance(lead), bulk.advance(lead));
                std::vector<std::int64_t> times;
                std::int64_t t = 0;
                for (int i = 0; i <= call % 9; ++i)
                    times.push_back(t += gaps[std::size_t(call * 7 + i * 3) % gaps.size()]);
                std::vector<std::int64_t> expected, got(times.size());
                std::vector<std::uint64_t> scratch(times.size());
                std::int64_t s = 0, previous = 0;
                for (std::int64_t time : times) {
                    s += stepwise.advance(time - previous);
                    previous = time;
                    expected.push_back(s);
                }
                bulk.displacements(times.data(), times.size(), got.data(), scratch.data());
                ASSERT_EQ(got, expected) << "call " << call;
            }
            EXPECT_EQ(stepwise.advance(100000), bulk.advance(100000));
            EXPECT_EQ(a(), b());
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
