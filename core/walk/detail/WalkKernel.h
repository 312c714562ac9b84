// The Monte Carlo loop shared by the lattice and the continuous walks in 2D and 3D: blocks of
// walkers, observation of the tracked ones, endpoint and radius counts, ordered merging.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/RunControl.h"
#include "core/experiment/MemoryCheck.h"
#include "core/experiment/ParameterCheck.h"
#include "core/experiment/TextFormat.h"
#include "core/random/BlockScheduler.h"
#include "core/random/OrderedMerge.h"
#include "core/random/PerWorker.h"
#include "core/random/WorkMeter.h"
#include "core/walk/LatticeWalk1D.h"
#include "core/walk/LatticeWalkND.h"
#include "core/walk/WalkND.h"
#include "core/walk/detail/EndpointCounts.h"
#include "core/walk/detail/EndpointSampler.h"
#include "core/walk/detail/SiteSet.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace walklab::core::detail {

/// Everything the loop needs besides the sampler: sizes and the (empty) layouts of the counts.
struct KernelSetup {
    int dimension = 2;
    std::int64_t steps = 0, walkers = 0, paths = 0;
    bool lattice = true;  ///< track returns and distinct sites
    bool shortcut = false;  ///< untracked walkers draw S_n at once (the sampler's jump(), below)
    double stepsPerSecond = 1e7;  ///< step-by-step rate of the sampler on one thread, for workCheck()
    EndpointGrid grid;    ///< layout; counts are sized by the loop
    RadialHistogram radius;
};

/// A setup with the sizes of `p` (any walk parameters with dimension, steps, walkers, paths);
/// the layouts of the counts are left to the caller.
template <class WalkParams>
KernelSetup kernelSetup(const WalkParams& p, bool lattice)
{
    return {.dimension = p.dimension, .steps = p.steps, .walkers = p.walkers, .paths = p.paths, .lattice = lattice};
}

/// An empty histogram of |S_n| with kRadialBins bins of width rhoMax / (kRadialBins − ½): the
/// centre of the last bin is rhoMax.
inline RadialHistogram radialLayout(double rhoMax)
{
    RadialHistogram radius;
    radius.width = rhoMax / (kRadialBins - 0.5);
    radius.counts.assign(kRadialBins, 0);
    return radius;
}

/// The checks every walk in 2D/3D makes first: dimension 2 or 3, steps 1 … kMaxStepsND (10^7),
/// walkers 1 … 10^9.
inline void checkWalkSize(ParameterCheck& check, int dimension, std::int64_t steps, std::int64_t walkers)
{
    if (dimension != 2 && dimension != 3)
        check.bad("dimension", std::to_string(dimension), "2 or 3");
    check.count("steps", steps, 1, kMaxStepsND, "1", "10^7");
    check.repetitions("walkers", walkers);
}

/// Bytes the loop needs with `workers` threads: the endpoint counts (EndpointCounts::bytes()), a
/// radial histogram per thread, a site set per thread when distinct sites are counted, and the
/// kept paths.
inline double kernelMemory(const KernelSetup& s, unsigned workers)
{
    const double radial = 8.0 * double(s.radius.counts.size()) * double(workers);
    const double sites = s.lattice && distinctSiteWalkers(s.steps, s.walkers) > 0
                             ? double(std::bit_ceil(std::uint64_t(2 * s.steps + 4))) * 8.0 + 4.0 * double(s.steps + 1)
                             : 0.0;
    const double paths = double(s.paths) * double(pathSampleTimes(s.steps).size()) * sizeof(Point3);
    return EndpointCounts::bytes(s.grid, s.walkers, workers) + radial + workers * sites + paths;
}

// Sums of one block, folded in block order (doubles: see OrderedMerge).
struct BlockTally {
    std::vector<double> sumSquared, sumFourth;
    std::vector<std::uint64_t> firstReturn;  // walkers whose first return falls in (t_{k−1}, t_k]
    double distinctSum = 0, distinctSumSquares = 0, endSquared = 0, endFourth = 0;

    explicit BlockTally(std::size_t times = 0)
        : sumSquared(times, 0.0), sumFourth(times, 0.0), firstReturn(times, 0) {}

    static void fold(BlockTally& total, const BlockTally& b)
    {
        for (std::size_t k = 0; k < b.sumSquared.size(); ++k) {
            total.sumSquared[k] += b.sumSquared[k];
            total.sumFourth[k] += b.sumFourth[k];
            total.firstReturn[k] += b.firstReturn[k];
        }
        total.distinctSum += b.distinctSum;
        total.distinctSumSquares += b.distinctSumSquares;
        total.endSquared += b.endSquared;
        total.endFourth += b.endFourth;
    }
};

// A time at which a tracked walker stops: an observation time (grid ≥ 0) and/or a path time.
struct Stop {
    std::int64_t time;
    int grid = -1, path = -1;
};

inline std::vector<Stop> stops(const std::vector<std::int64_t>& grid, const std::vector<std::int64_t>* path)
{
    std::vector<Stop> s;
    std::size_t g = 0, p = 0;
    const std::size_t np = path ? path->size() : 0;
    while (g < grid.size() || p < np) {
        const std::int64_t t = std::min(g < grid.size() ? grid[g] : INT64_MAX, p < np ? (*path)[p] : INT64_MAX);
        Stop stop{t};
        if (g < grid.size() && grid[g] == t)
            stop.grid = int(g++);
        if (p < np && (*path)[p] == t)
            stop.path = int(p++);
        s.push_back(stop);
    }
    return s;
}

template <class Position>
Point3 toPoint(const Position& x)
{
    return {double(x[0]), double(x[1]), double(x[2])};
}

/// Runs M walkers of n steps. makeSampler(block) returns (as a prvalue) the block's sampler:
/// a type with `using Position` (std::array of 3 integers or doubles), `advance(Position&, k)`
/// taking k more steps from its own streams, so that splitting a walk never changes its steps,
/// and, when setup.shortcut, `jump(Position* x, std::size_t count)`: writes S_n drawn from its
/// exact law without the path (the endpoint shortcut, EndpointSampler.h) to x[0 … count − 1];
/// walkers that are not tracked then use it, kEndpointChunk per call. Optionally also the
/// faster forms of advanceToOrigin() and advanceThrough() below (same contracts, same steps).
/// Blocks: the walkers are cut into blocks of walkersPerBlock(n) consecutive walkers — with the
/// shortcut only the tracked ones, the others following in blocks of kEndpointBlockWalkers — so
/// the result depends on the parameters only. Tracked walkers (the first trackedWalkers(M)) are observed at
/// observationTimes(n); on a lattice they are searched stop by stop for their first return
/// (advanceToOrigin()), and the first distinctSiteWalkers(n, M) followed step by step throughout
/// to count their distinct sites; from the first return on (off the lattice from the start)
/// all their remaining stops are passed to one advanceThrough() call.
/// Threads: blocks are spread by runBlocks(); endpoints are counted by EndpointCounts, whose
/// grid is allocated by a task of its own or by each worker, and merged on all threads, so the
/// serial part of a run stays small beside the walks (2 threads 1.7 – 2.3× one thread in bench/compare, issue 6).
/// Errors: TooLarge (kernelMemory() above the limit), Cancelled.
/// Longest run accepted, in seconds of one thread (about 5 minutes on 2 cores), and the rate of
/// endpoint-shortcut draws (a conservative one: up to 2d binomials per walker).
inline constexpr double kMaxWalkSeconds = 600;
inline constexpr double kEndpointDrawsPerSecond = 2e7;

/// The walkers that walk step by step: all of them, or only the tracked ones with the shortcut.
inline std::int64_t steppedWalkers(const KernelSetup& setup)
{
    return setup.shortcut ? std::min(setup.walkers, trackedWalkers(setup.walkers)) : setup.walkers;
}

/// A TooLarge error when the estimated time of the run, (walkers stepped × n) / stepsPerSecond
/// + (other walkers) / kEndpointDrawsPerSecond on one thread, exceeds kMaxWalkSeconds: "the
/// simulation would take about 1e+16 steps (10000 walkers step by step × steps n), an estimated
/// 3.2e+04 h on one thread; the limit is about 10 min: lower walkers or steps n". Empty otherwise.
/// The same for any walk: `stepped` of `walkers` walkers take n steps at `stepsPerSecond`, the
/// others (by the endpoint shortcut when `shortcut`) cost one draw each.
inline Errors workCheck(std::int64_t stepped, std::int64_t walkers, std::int64_t n, double stepsPerSecond,
                        bool shortcut)
{
    const double steps = double(stepped) * double(n);
    const double seconds = steps / stepsPerSecond + double(walkers - stepped) / kEndpointDrawsPerSecond;
    if (seconds <= kMaxWalkSeconds)
        return {};
    return {{ErrorKind::TooLarge, "walkers",
             "the simulation would take about " + formatSignificant(steps, 3) + " steps ("
                 + formatSignificant(double(stepped), 3) + " walkers step by step × steps n"
                 + (shortcut ? ", the others by the endpoint shortcut" : "") + "), an estimated "
                 + formatDuration(seconds) + " on one thread; the limit is about " + formatDuration(kMaxWalkSeconds)
                 + ": lower walkers or steps n"}};
}

/// The work, in step-equivalents for RunControl's progress, of one walker drawn by the endpoint
/// shortcut: the steps a walker walking step by step takes in the time of one draw (the ratio of
/// the two rates workCheck() uses), at most n. So the progress of a run advances with its time,
/// although its shortcut walkers, counted as n steps each, would be almost all of it.
inline std::uint64_t shortcutWork(std::int64_t n, double stepsPerSecond)
{
    return std::uint64_t(std::clamp(std::ceil(stepsPerSecond / kEndpointDrawsPerSecond), 1.0, double(n)));
}

inline Errors workCheck(const KernelSetup& setup)
{
    return workCheck(steppedWalkers(setup), setup.walkers, setup.steps, setup.stepsPerSecond, setup.shortcut);
}

/// Takes up to `steps` steps of a lattice walker at x, stopping right after the first step that
/// ends at the origin: returns the steps taken if it stopped so, else 0 (all taken). The
/// sampler's own advanceToOrigin(x, steps) if it has one (the same contract), else advance()
/// by D − 1 steps at ℓ¹ distance D ≥ 2 (the origin is at least D steps away) and by one step
/// at D ≤ 1.
template <class Sampler, class Position>
std::int64_t advanceToOrigin(Sampler& sampler, Position& x, std::int64_t steps)
{
    if constexpr (requires { sampler.advanceToOrigin(x, steps); }) {
        return sampler.advanceToOrigin(x, steps);
    } else {
        for (std::int64_t taken = 0; taken < steps;) {
            const std::int64_t d = std::abs(x[0]) + std::abs(x[1]) + std::abs(x[2]);
            const std::int64_t k = d <= 1 ? 1 : std::min(d - 1, steps - taken);
            sampler.advance(x, k);
            taken += k;
            if (k == 1 && x[0] == 0 && x[1] == 0 && x[2] == 0)
                return taken;
        }
        return 0;
    }
}

/// Walks x through many stops: out[i] = the position after steps[i] more steps (steps
/// nondecreasing, ≥ 0), x then out[count − 1]. The sampler's advanceThrough(x, steps, count,
/// out) if it has one (the same contract, the same steps: e.g. one engine call for all the
/// stops), else advance() from stop to stop.
template <class Sampler, class Position>
void advanceThrough(Sampler& sampler, Position& x, const std::int64_t* steps, std::size_t count, Position* out)
{
    if constexpr (requires { sampler.advanceThrough(x, steps, count, out); }) {
        sampler.advanceThrough(x, steps, count, out);
    } else {
        std::int64_t t = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (steps[i] > t)
                sampler.advance(x, steps[i] - t);
            t = steps[i];
            out[i] = x;
        }
    }
}

template <class MakeSampler>
Expected<WalkNDSimulation> runWalkers(const KernelSetup& setup, MakeSampler&& makeSampler, RunControl& control)
{
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t n = setup.steps, perBlock = walkersPerBlock(n);
    const std::int64_t tracked = trackedWalkers(setup.walkers);
    // Blocks that walk step by step (all walkers without the shortcut), then the shortcut's.
    const std::int64_t stepwise = steppedWalkers(setup);
    const std::uint64_t stepBlocks = std::uint64_t((stepwise + perBlock - 1) / perBlock);
    const std::uint64_t blocks = stepBlocks + std::uint64_t((setup.walkers - stepwise + kEndpointBlockWalkers - 1) /
                                                            kEndpointBlockWalkers);
    // Task 0 allocates the grid of listed endpoint counts beside the first blocks; task b + first
    // is block b.
    const std::uint64_t first = EndpointCounts::listed(setup.grid, setup.walkers) ? 1 : 0;
    const unsigned workers = workerCount(blocks + first, control);
    if (Errors e = checkMemory(kernelMemory(setup, workers), "endpoint counts, visited-site sets and kept paths",
                               "lower steps, paths or threads");
        !e.empty())
        return std::unexpected(std::move(e));

    WalkNDSimulation sim;
    sim.dimension = setup.dimension;
    sim.steps = n;
    sim.walkers = setup.walkers;
    sim.pathTimes = pathSampleTimes(n);
    sim.paths.resize(std::size_t(setup.paths));  // each filled by the worker that walks it
    WalkObservations& obs = sim.observed;
    obs.times = observationTimes(n);
    obs.tracked = tracked;
    obs.distinctWalkers = setup.lattice ? distinctSiteWalkers(n, setup.walkers) : 0;
    const std::vector<Stop> trackedStops = stops(obs.times, nullptr);
    const std::vector<Stop> keptStops = stops(obs.times, &sim.pathTimes);

    EndpointCounts endpoints(setup.grid, setup.walkers, workers);
    PerWorker<RadialHistogram> radii(workers, setup.radius);
    PerWorker<std::optional<SiteSet>> siteSets(workers);
    OrderedMerge<BlockTally> merge(BlockTally(obs.times.size()), &BlockTally::fold);
    const std::uint64_t drawWork = shortcutWork(n, setup.stepsPerSecond);
    control.setTotalWork(std::uint64_t(stepwise) * std::uint64_t(n) + std::uint64_t(setup.walkers - stepwise) * drawWork);
    constexpr std::int64_t kChunk = std::int64_t(WorkMeter::kChunk);  // steps between cancellation checks

    sim.threads = runBlocks(blocks + first, control, [&](std::uint64_t task, unsigned worker) {
        if (task < first) {
            endpoints.allocate();
            return;
        }
        const std::uint64_t block = task - first;
        auto sampler = makeSampler(block);
        using Position = typename decltype(sampler)::Position;
        BlockTally tally(obs.times.size());
        WorkMeter meter(control);
        // S_n of one walker: its square and fourth power, its cell and its radius.
        auto count = [&](const Position& x) {
            const Point3 p = toPoint(x);
            const double r2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
            tally.endSquared += r2;
            tally.endFourth += r2 * r2;
            endpoints.add(worker, p);
            RadialHistogram& radius = radii[worker];
            if (const std::size_t bin = radius.binOf(std::sqrt(r2)); bin < radius.counts.size())
                ++radius.counts[bin];
            else
                ++radius.beyond;
        };
        if (block >= stepBlocks) {  // the endpoint shortcut, kEndpointChunk walkers per call
            if constexpr (requires(decltype(sampler)& s, Position* x) { s.jump(x, std::size_t(1)); }) {
                const std::int64_t begin = stepwise + std::int64_t(block - stepBlocks) * kEndpointBlockWalkers;
                const std::int64_t end = std::min(setup.walkers, begin + kEndpointBlockWalkers);
                std::vector<Position> xs(std::size_t(std::min(end - begin, kEndpointChunk)));
                for (std::int64_t w = begin; w < end; w += kEndpointChunk) {
                    const std::size_t k = std::size_t(std::min(end - w, kEndpointChunk));
                    sampler.jump(xs.data(), k);
                    if (!meter.add(std::uint64_t(k) * drawWork))
                        return;
                    for (std::size_t i = 0; i < k; ++i)
                        count(xs[i]);
                }
            }
            merge.submit(block, std::move(tally));
            return;
        }
        const std::int64_t begin = std::int64_t(block) * perBlock;
        const std::int64_t end = std::min(stepwise, begin + perBlock);
        // advanceThrough()'s steps and positions, for the longer list of stops.
        std::vector<std::int64_t> stepsTo(keptStops.size());
        std::vector<Position> positions(keptStops.size());
        for (std::int64_t w = begin; w < end; ++w) {
            Position x{};
            if (w >= obs.tracked) {
                for (std::int64_t done = 0; done < n; done += kChunk) {
                    const std::int64_t len = std::min(kChunk, n - done);
                    sampler.advance(x, len);
                    if (!meter.add(std::uint64_t(len)))
                        return;
                }
            } else {
                const bool visits = w < obs.distinctWalkers;
                SiteSet* sites = nullptr;
                if (visits) {
                    auto& set = siteSets[worker];
                    if (!set)
                        set.emplace(n + 1);
                    sites = &*set;
                    sites->clear();
                    sites->insert({0, 0, 0});
                }
                if (w < setup.paths)
                    sim.paths[std::size_t(w)].assign(sim.pathTimes.size(), Point3{0, 0, 0});
                const std::vector<Stop>& walkerStops = w < setup.paths ? keptStops : trackedStops;
                auto record = [&](const Stop& stop) {
                    if (stop.grid >= 0) {
                        const Point3 p = toPoint(x);
                        const double r2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
                        tally.sumSquared[std::size_t(stop.grid)] += r2;
                        tally.sumFourth[std::size_t(stop.grid)] += r2 * r2;
                    }
                    if (stop.path >= 0)
                        sim.paths[std::size_t(w)][std::size_t(stop.path)] = toPoint(x);
                };
                // Stop by stop while the walker is followed step by step (its sites) or searched
                // for its first return; then all its other stops in one advanceThrough().
                std::int64_t t = 0, firstReturn = -1, metered = 0;  // steps reported to the meter
                std::size_t next = 0;
                for (; next < walkerStops.size() && (visits || (setup.lattice && firstReturn < 0)); ++next) {
                    const Stop& stop = walkerStops[next];
                    if (!meter.add(std::uint64_t(stop.time - metered)))
                        return;
                    metered = stop.time;
                    if constexpr (std::is_integral_v<typename Position::value_type>) {  // returns, sites
                        if (visits) {
                            for (; t < stop.time; ++t) {
                                sampler.advance(x, 1);
                                sites->insert({std::int64_t(x[0]), std::int64_t(x[1]), std::int64_t(x[2])});
                                if (firstReturn < 0 && x[0] == 0 && x[1] == 0 && x[2] == 0)
                                    firstReturn = t + 1;
                            }
                        } else if (const std::int64_t k = advanceToOrigin(sampler, x, stop.time - t); k > 0) {
                            firstReturn = t + k;
                            t = firstReturn;
                            break;  // this stop is the first of the rest
                        }
                    }
                    t = stop.time;
                    record(stop);
                }
                if (const std::size_t rest = walkerStops.size() - next; rest > 0) {
                    if (!meter.add(std::uint64_t(walkerStops.back().time - metered)))
                        return;
                    for (std::size_t k = 0; k < rest; ++k)
                        stepsTo[k] = walkerStops[next + k].time - t;
                    advanceThrough(sampler, x, stepsTo.data(), rest, positions.data());
                    for (std::size_t k = 0; k < rest; ++k) {
                        x = positions[k];
                        record(walkerStops[next + k]);
                    }
                }
                if (firstReturn > 0) {
                    const auto k = std::lower_bound(obs.times.begin(), obs.times.end(), firstReturn) - obs.times.begin();
                    ++tally.firstReturn[std::size_t(k)];
                }
                if (visits) {
                    const double r = double(sites->size());
                    tally.distinctSum += r;
                    tally.distinctSumSquares += r * r;
                }
            }
            count(x);
        }
        merge.submit(block, std::move(tally));
    });
    if (control.cancelled() || merge.folded() != blocks)
        return fail(ErrorKind::Cancelled, "", "cancelled");
    sim.endpoints = endpoints.finish(control);
    if (control.cancelled())
        return fail(ErrorKind::Cancelled, "", "cancelled");

    sim.radius = setup.radius;
    for (unsigned k = 0; k < workers; ++k) {
        for (std::size_t i = 0; i < sim.radius.counts.size(); ++i)
            sim.radius.counts[i] += radii[k].counts[i];
        sim.radius.beyond += radii[k].beyond;
    }
    BlockTally& total = merge.total();
    obs.sumSquared = std::move(total.sumSquared);
    obs.sumFourth = std::move(total.sumFourth);
    obs.returned.assign(obs.times.size(), 0);
    std::uint64_t running = 0;
    for (std::size_t k = 0; k < obs.times.size(); ++k)
        obs.returned[k] = running += total.firstReturn[k];
    obs.distinctSum = total.distinctSum;
    obs.distinctSumSquares = total.distinctSumSquares;
    obs.endSquared = total.endSquared;
    obs.endFourth = total.endFourth;
    sim.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return sim;
}

}  // namespace walklab::core::detail
