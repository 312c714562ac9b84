// What a simulation of walks in the plane or in space returns (lattice and continuous walks
// alike), the binned layouts of their endpoints, and the times at which walkers are observed.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace walklab::core {

/// A point of the plane or of space; coordinates beyond the dimension are 0.
using Point3 = std::array<double, 3>;

/// Most walkers observed along the way (MSD, returns, distinct sites): the first
/// min(walkers, kMaxTrackedWalkers); the others only contribute their endpoint.
inline constexpr std::int64_t kMaxTrackedWalkers = 10000;
/// Distinct sites are counted for walks of at most this many steps (a hash set per walker).
inline constexpr std::int64_t kMaxDistinctSteps = 1'000'000;
/// Most cells of an endpoint grid (8 MiB of counts).
inline constexpr std::int64_t kMaxGridCells = std::int64_t(1) << 20;
/// Bins of the histogram of |S_n|.
inline constexpr int kRadialBins = 60;

/// Times 0 = t_0 < t_1 < … < t_K = n at which tracked walkers are observed: every t ≤ min(n, 64)
/// (returns happen early: the steps of P(returned by t) are all seen there) and then
/// t = round(k·n/200), k = 1 … 200. At most 265 times.
std::vector<std::int64_t> observationTimes(std::int64_t steps);

/// Walkers observed along the way for `walkers` walkers: min(walkers, kMaxTrackedWalkers).
std::int64_t trackedWalkers(std::int64_t walkers);
/// Walkers (the first ones) whose distinct sites are counted, a function of n and M only:
/// min(tracked, max(16, 2^21/n)) — about 2·10^6 site insertions at most — and 0 beyond
/// kMaxDistinctSteps.
std::int64_t distinctSiteWalkers(std::int64_t steps, std::int64_t walkers);

/// Counts of endpoints in a box of equal square (2D) or cubic (3D) cells, plus the count outside.
/// Cell (i₀, i₁, i₂) covers lo_a + i_a·width ≤ x_a < lo_a + (i_a + 1)·width on each axis a < d.
struct EndpointGrid {
    int dimension = 2;
    Point3 lo{0, 0, 0};                        ///< lower corner of the box
    double width = 1.0;                        ///< side of a cell (1 for single lattice sites)
    std::array<std::int64_t, 3> cells{1, 1, 1};///< cells per axis (1 beyond the dimension)
    std::vector<std::uint64_t> counts;         ///< row-major, last used axis fastest
    std::uint64_t outside = 0;                 ///< endpoints outside the box

    std::int64_t cellCount() const { return cells[0] * cells[1] * cells[2]; }
    /// Storage index of the cell holding x, or −1 outside the box.
    std::int64_t cellOf(const Point3& x) const;
    /// Centre of cell `index` along `axis`.
    double centre(int axis, std::int64_t index) const { return lo[axis] + (double(index) + 0.5) * width; }
};

/// Counts of ρ = |S_n| in bins [k·width, (k + 1)·width), k < counts.size(), and beyond.
struct RadialHistogram {
    double width = 1.0;
    std::vector<std::uint64_t> counts;
    std::uint64_t beyond = 0;  ///< ρ ≥ counts.size()·width

    /// Bin of ρ, or counts.size() beyond the last.
    std::size_t binOf(double rho) const;
};

/// Sums over the tracked walkers at observationTimes(n), and over all walkers at n.
struct WalkObservations {
    std::vector<std::int64_t> times;       ///< observationTimes(n)
    std::int64_t tracked = 0;              ///< walkers observed: the first trackedWalkers(M)
    std::vector<double> sumSquared;        ///< Σ |S_t|² over the tracked walkers, per time
    std::vector<double> sumFourth;         ///< Σ |S_t|⁴, per time
    /// Tracked walkers with T ≤ t (T = first n ≥ 1 with S_n = 0), per time; lattice walks only
    /// (all 0 for continuous walks, which return with probability 0).
    std::vector<std::uint64_t> returned;
    std::int64_t distinctWalkers = 0;      ///< walkers whose distinct sites were counted
    double distinctSum = 0, distinctSumSquares = 0;  ///< Σ R_n, Σ R_n², R_n = #{S_0, …, S_n}
    double endSquared = 0, endFourth = 0;  ///< Σ |S_n|², Σ |S_n|⁴ over all M walkers
};

/// What a 2D/3D walk simulation returns.
struct WalkNDSimulation {
    int dimension = 2;
    std::int64_t steps = 0, walkers = 0;
    std::vector<std::int64_t> pathTimes;   ///< pathSampleTimes(n)
    /// paths[i][j]: position of walker i (i < paths) at time pathTimes[j].
    std::vector<std::vector<Point3>> paths;
    EndpointGrid endpoints;
    RadialHistogram radius;
    WalkObservations observed;
    double seconds = 0;   ///< wall-clock time of the simulation
    unsigned threads = 0; ///< worker threads used
};

}  // namespace walklab::core
