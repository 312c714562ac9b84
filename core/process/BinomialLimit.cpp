#include "core/process/BinomialLimit.h"

#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/process/PoissonLimits.h"
#include "core/process/detail/PoissonSupport.h"
#include "core/random/BlockScheduler.h"
#include "core/random/PerWorker.h"
#include "core/random/StreamEngine.h"
#include "core/random/WorkMeter.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace walklab::core {

namespace {

constexpr std::int64_t kMaxTrials = 1'000'000'000;
constexpr double kMaxLambda = 1e6;
constexpr std::int64_t kChunk = 1 << 16;  // trials between progress reports

}  // namespace

Errors validate(const BinomialLimitParams& p)
{
    ParameterCheck check;
    check.count("trials", p.trials, 1, kMaxTrials, "1", "10^9");
    if (check.ok("trials") && double(p.trials) < kMaxLambda)
        check.positive("lambda", p.lambda, double(p.trials), "trials = " + std::to_string(p.trials));
    else
        check.positive("lambda", p.lambda, kMaxLambda, "10^6");
    check.repetitions("repetitions", p.repetitions);
    check.paths(p.paths, p.repetitions, "repetitions");
    return check.take();
}

Expected<BinomialLimitSimulation> simulateBinomialLimit(const BinomialLimitParams& params, RunControl& control)
{
    if (Errors e = validate(params); !e.empty())
        return std::unexpected(std::move(e));
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t n = params.trials;
    const double p = params.lambda / double(n);
    constexpr long double two64 = 18446744073709551616.0L;
    const bool always = (long double)p * two64 >= two64;
    const std::uint64_t below = always ? 0 : std::uint64_t((long double)p * two64);

    const std::int64_t perBlock = detail::realisationsPerBlock(double(n));
    const std::uint64_t blocks = std::uint64_t((params.repetitions + perBlock - 1) / perBlock);
    const unsigned workers = workerCount(blocks, control);
    BinomialLimitSimulation sim;
    sim.positions.resize(std::size_t(params.paths));
    sim.pathCounts.assign(std::size_t(params.paths), 0);
    PerWorker<IntegerHistogram> partial(workers);
    control.setTotalWork(std::uint64_t(params.repetitions) * std::uint64_t(n));

    sim.threads = runBlocks(blocks, control, [&](std::uint64_t block, unsigned worker) {
        Engine engine = makeStream(params.seed, block, 6);
        WorkMeter meter(control);
        const std::int64_t first = std::int64_t(block) * perBlock;
        const std::int64_t last = std::min(params.repetitions, first + perBlock);
        for (std::int64_t r = first; r < last; ++r) {
            std::int64_t successes = 0;
            if (r < params.paths) {
                auto& pos = sim.positions[std::size_t(r)];
                for (std::int64_t j = 1; j <= n; ++j) {
                    if (always || engine() < below) {
                        ++successes;
                        if (std::int64_t(pos.size()) < kMaxPathArrivals)
                            pos.push_back(double(j) / double(n));
                    }
                    if (!meter.tick())
                        return;
                }
                sim.pathCounts[std::size_t(r)] = successes;
            } else if (always) {
                successes = n;
                if (!meter.add(std::uint64_t(n)))
                    return;
            } else {
                // Branch-free: a success is unpredictable, so a branch would mispredict.
                for (std::int64_t done = 0; done < n; done += kChunk) {
                    const std::int64_t len = std::min(kChunk, n - done);
                    for (std::int64_t j = 0; j < len; ++j)
                        successes += engine() < below;
                    if (!meter.add(std::uint64_t(len)))
                        return;
                }
            }
            partial[worker].add(successes);
        }
    });
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");
    for (const auto& h : partial)
        sim.successes.merge(h);
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

BinomialLimitFits fitBinomialLimit(const BinomialLimitParams& params, const BinomialLimitSimulation& sim)
{
    BinomialLimitFits fits;
    const double p = std::min(1.0, params.lambda / double(params.trials));
    fits.binomial = binomialCountsFit(sim.successes, params.trials, p);
    fits.poisson = poissonCountsFit(sim.successes, params.lambda);
    fits.totalVariation = binomialPoissonTotalVariation(params.trials, params.lambda);
    fits.totalVariationBound = -std::expm1(-params.lambda) * params.lambda / double(params.trials);
    return fits;
}

}  // namespace walklab::core
