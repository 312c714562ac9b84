// Gambler's ruin and reflecting barriers: closed forms against Feller's table and 50-digit
// arithmetic (at and near p = 1/2), the transfer matrix against the closed forms and against
// enumeration of every path, the stationary law against the transfer matrix.
#include "core/exact/GamblersRuin.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

using namespace walklab::core;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

/// P_z and D_z in 50 digits from the textbook forms (Feller vol. I, §XIV.2 and §XIV.3), with
/// the lazy walk's D_z = (z − a(1 − P_z))/(q − p), z(a − z)/(p + q) at p = q.
struct Reference {
    Big ruin, win, duration;
};

Reference reference(std::int64_t z, std::int64_t a, double p, double q)
{
    const Big bp(p), bq(q), bz(z), ba(a);
    if (bp == bq)
        return {1 - bz / ba, bz / ba, bz * (ba - bz) / (bp + bq)};
    const Big rho = bq / bp, rhoA = pow(rho, ba), rhoZ = pow(rho, bz);
    const Big win = (rhoZ - 1) / (rhoA - 1);  // not 1 − ruin: that cancels when ruin ≈ 1
    return {(rhoA - rhoZ) / (rhoA - 1), win, (bz - ba * win) / (bq - bp)};
}

double relativeError(double value, const Big& exact)
{
    return static_cast<double>(abs((Big(value) - exact) / exact));
}

/// Every path of n steps from z, absorbed at 0 and a: P(T = t, ruin) and P(T = t, win) for
/// t = 1 … n (index t − 1), by enumeration of the 3^n step sequences.
void enumerate(std::int64_t x, std::int64_t a, double p, double q, std::int64_t t, std::int64_t n, double weight,
               std::vector<double>& ruin, std::vector<double>& win)
{
    if (x == 0 || x == a) {
        (x == 0 ? ruin : win)[std::size_t(t - 1)] += weight;
        return;
    }
    if (t == n || weight == 0)
        return;
    enumerate(x + 1, a, p, q, t + 1, n, weight * p, ruin, win);
    enumerate(x - 1, a, p, q, t + 1, n, weight * q, ruin, win);
    enumerate(x, a, p, q, t + 1, n, weight * (1 - p - q), ruin, win);
}

/// Durations 1 … n in unit bins (n ≤ kMaxUnitTimeBins).
TimeBins unitBins(std::int64_t n)
{
    return TimeBins::logarithmic(1, n);
}

RuinDurationLaw lawOrFail(std::int64_t z, std::int64_t a, double p, double q, const TimeBins& bins)
{
    auto law = ruinDurationLaw(z, a, p, q, bins);
    EXPECT_TRUE(law.has_value()) << (law ? "" : law.error().front().message);
    return law ? *law : RuinDurationLaw{};
}

}  // namespace

TEST(GamblersRuin, FellersTable)
{
    // Feller vol. I §XIV.2 Table 1 (tests/data/feller_ruin_table.csv), to half a unit of the
    // last printed digit.
    std::ifstream in(std::string(WALKLAB_TEST_DATA) + "/feller_ruin_table.csv");
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<std::string> cells;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');)
            cells.push_back(cell);
        ASSERT_EQ(cells.size(), 8u) << line;
        auto tolerance = [](const std::string& printed) {
            const auto dot = printed.find('.');
            return dot == std::string::npos ? 0.5 : 0.5 * std::pow(10.0, -double(printed.size() - dot - 1));
        };
        const double p = std::stod(cells[0]), q = std::stod(cells[1]);
        const std::int64_t z = std::stoll(cells[2]), a = std::stoll(cells[3]);
        EXPECT_NEAR(ruinProbability(z, a, p, q), std::stod(cells[4]), tolerance(cells[4])) << line;
        EXPECT_NEAR(winProbability(z, a, p, q), std::stod(cells[5]), tolerance(cells[5])) << line;
        EXPECT_NEAR(expectedGain(z, a, p, q), std::stod(cells[6]), tolerance(cells[6])) << line;
        EXPECT_NEAR(expectedDuration(z, a, p, q), std::stod(cells[7]), tolerance(cells[7])) << line;
        ++rows;
    }
    EXPECT_EQ(rows, 10);
}

TEST(GamblersRuin, AccurateAtAndNearTheFairGame)
{
    // The textbook forms are 0/0 at p = q; the library's must keep 1e-12 relative there and at
    // p = 1/2 ± 10^-9 (and the lazy analogues), for small and large a and z near either end.
    struct Case {
        std::int64_t z, a;
    };
    const Case cases[] = {{1, 2}, {3, 10}, {90, 100}, {500, 1000}, {1, 100000}, {99999, 100000}, {12345, 1000000}};
    const double pqs[][2] = {{0.5, 0.5}, {0.5 + 1e-9, 0.5 - 1e-9}, {0.5 - 1e-9, 0.5 + 1e-9},
                             {0.3, 0.3}, {0.3 + 1e-9, 0.3}, {0.2, 0.2 + 1e-9}};
    for (const auto& pq : pqs)
        for (const Case c : cases) {
            const Reference ref = reference(c.z, c.a, pq[0], pq[1]);
            const std::string where = "p = " + std::to_string(pq[0]) + ", q = " + std::to_string(pq[1])
                                      + ", z = " + std::to_string(c.z) + ", a = " + std::to_string(c.a);
            EXPECT_LT(relativeError(ruinProbability(c.z, c.a, pq[0], pq[1]), ref.ruin), 1e-12) << where;
            EXPECT_LT(relativeError(winProbability(c.z, c.a, pq[0], pq[1]), ref.win), 1e-12) << where;
            EXPECT_LT(relativeError(expectedDuration(c.z, c.a, pq[0], pq[1]), ref.duration), 1e-12) << where;
        }
}

TEST(GamblersRuin, AccurateOverAGridOfBiases)
{
    // Across the switch between the series (|λ|a < 1) and the closed form, and strong drift;
    // values below 1e-290 (underflowing) are skipped.
    for (const double delta : {1e-7, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.45})
        for (const double sign : {1.0, -1.0})
            for (const std::int64_t a : {2, 10, 100, 1000, 100000})
                for (const std::int64_t z : {std::int64_t(1), a / 3, a / 2, a - 1}) {
                    if (z < 1)
                        continue;
                    const double p = 0.5 + sign * delta, q = 1 - p;
                    const Reference ref = reference(z, a, p, q);
                    const std::string where = "p = " + std::to_string(p) + ", z = " + std::to_string(z)
                                              + ", a = " + std::to_string(a);
                    if (ref.ruin > 1e-290) {
                        EXPECT_LT(relativeError(ruinProbability(z, a, p, q), ref.ruin), 1e-12) << where;
                    }
                    if (ref.win > 1e-290) {
                        EXPECT_LT(relativeError(winProbability(z, a, p, q), ref.win), 1e-12) << where;
                    }
                    EXPECT_LT(relativeError(expectedDuration(z, a, p, q), ref.duration), 1e-12) << where;
                }
}

TEST(GamblersRuin, OneWayWalksAndBarriers)
{
    EXPECT_EQ(ruinProbability(0, 10, 0.3, 0.3), 1.0);
    EXPECT_EQ(ruinProbability(10, 10, 0.3, 0.3), 0.0);
    EXPECT_EQ(expectedDuration(0, 10, 0.3, 0.3), 0.0);
    // p = 0: every move is down, a Geometric(q) wait each: D_z = z/q.
    EXPECT_EQ(ruinProbability(4, 10, 0, 0.25), 1.0);
    EXPECT_DOUBLE_EQ(expectedDuration(4, 10, 0, 0.25), 16.0);
    EXPECT_EQ(winProbability(4, 10, 0.5, 0), 1.0);
    EXPECT_DOUBLE_EQ(expectedDuration(4, 10, 0.5, 0), 12.0);
    EXPECT_DOUBLE_EQ(expectedGain(4, 10, 0.5, 0), 6.0);
}

TEST(GamblersRuin, CurveIsTheScalarAtEveryCapital)
{
    const auto curve = ruinCurve(30, 0.48, 0.5);
    ASSERT_EQ(curve.size(), 31u);
    EXPECT_EQ(curve.front(), 1.0);
    EXPECT_EQ(curve.back(), 0.0);
    for (std::int64_t z = 1; z <= 30; ++z) {
        EXPECT_EQ(curve[std::size_t(z)], ruinProbability(z, 30, 0.48, 0.5));
        EXPECT_LT(curve[std::size_t(z)], curve[std::size_t(z - 1)]);
    }
}

TEST(GamblersRuin, TransferMatrixMatchesEveryPath)
{
    // Enumeration of all paths of 10 steps (biased, lazy, and r = 0) against the matrix, per step.
    const std::int64_t n = 10;
    for (const auto& [z, a, p, q] : {std::tuple{2, 5, 0.3, 0.45}, std::tuple{1, 3, 0.5, 0.5}, std::tuple{3, 4, 0.2, 0.1},
                                     std::tuple{4, 9, 0.6, 0.4}}) {
        std::vector<double> ruin(n, 0.0), win(n, 0.0);
        enumerate(z, a, p, q, 0, n, 1.0, ruin, win);
        const RuinDurationLaw law = lawOrFail(z, a, p, q, unitBins(n));
        double total = 0;
        for (std::size_t t = 0; t < std::size_t(n); ++t) {
            EXPECT_NEAR(law.ruin[t], ruin[t], 1e-15) << "z = " << z << ", a = " << a << ", t = " << t + 1;
            EXPECT_NEAR(law.win[t], win[t], 1e-15) << "z = " << z << ", a = " << a << ", t = " << t + 1;
            total += ruin[t] + win[t];
        }
        EXPECT_NEAR(law.beyond, 1 - total, 1e-15);
    }
}

TEST(GamblersRuin, DurationLawAddsUpToTheClosedForms)
{
    // Over a long horizon P(T ≤ n, ruin) → P_z and E[min(T, n)] → D_z; and always
    // Σ ruin + Σ win + P(T > n) = 1.
    for (const auto& [z, a, p, q] : {std::tuple{5, 10, 0.5, 0.5}, std::tuple{90, 100, 0.45, 0.55},
                                     std::tuple{7, 12, 0.2, 0.25}, std::tuple{1, 40, 0.52, 0.48}}) {
        const RuinDurationLaw law = lawOrFail(z, a, p, q, TimeBins::logarithmic(1, 10'000'000));
        EXPECT_NEAR(law.ruinBy + law.winBy + law.beyond, 1.0, 1e-13);
        EXPECT_LT(law.beyond, 1e-29);
        EXPECT_NEAR(law.ruinBy, ruinProbability(z, a, p, q), 1e-12);
        EXPECT_NEAR(law.winBy, winProbability(z, a, p, q), 1e-12);
        EXPECT_NEAR(law.truncatedMean / expectedDuration(z, a, p, q), 1.0, 1e-12);
        double binned = 0;
        for (std::size_t i = 0; i < law.ruin.size(); ++i)
            binned += law.ruin[i] + law.win[i];
        EXPECT_NEAR(binned, law.ruinBy + law.winBy, 1e-14);
    }
    // A short cap: most of the mass is beyond it, still summing to 1.
    const RuinDurationLaw capped = lawOrFail(50, 100, 0.5, 0.5, TimeBins::logarithmic(1, 1000));
    EXPECT_GT(capped.beyond, 0.7);  // D_z = 2500 ≫ 1000
    EXPECT_NEAR(capped.ruinBy + capped.winBy + capped.beyond, 1.0, 1e-13);
    EXPECT_LT(capped.truncatedMean, 1000);
}

TEST(GamblersRuin, DurationsKeepTheirParityWithoutLazySteps)
{
    // From z = 3 with a = 8 and r = 0: ruin only at odd times, a win (5 steps away) also odd.
    const TimeBins bins = unitBins(30);
    const RuinDurationLaw law = lawOrFail(3, 8, 0.5, 0.5, bins);
    for (std::size_t i = 0; i < law.ruin.size(); ++i) {
        const std::int64_t t = bins.lower(i);
        if (t % 2 == 0) {
            EXPECT_EQ(law.ruin[i], 0.0) << t;
            EXPECT_EQ(law.win[i], 0.0) << t;
        }
    }
    EXPECT_DOUBLE_EQ(law.ruin[2], 0.125);  // three losses in a row
}

TEST(GamblersRuin, HugeRequestsAreRefusedWithTheFigure)
{
    const auto law = ruinDurationLaw(50000, 100000, 0.5, 0.5, TimeBins::logarithmic(1, 1'000'000'000));
    ASSERT_FALSE(law.has_value());
    EXPECT_EQ(law.error().front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(law.error().front().parameter, "steps");
    EXPECT_NE(law.error().front().message.find("1e+14"), std::string::npos) << law.error().front().message;
    // The fair game with a = 1000 needs ~1.4·10^7 steps before the mass left is below 10^-30;
    // with a drift it is over within ~4·10^4: a cap of 10^9 then costs nothing.
    const auto fair = ruinDurationLaw(500, 1000, 0.5, 0.5, TimeBins::logarithmic(1, 1'000'000'000));
    ASSERT_FALSE(fair.has_value());
    EXPECT_NE(fair.error().front().message.find("1.47e+10"), std::string::npos) << fair.error().front().message;
    const auto drift = ruinDurationLaw(500, 1000, 0.4, 0.6, TimeBins::logarithmic(1, 1'000'000'000));
    ASSERT_TRUE(drift.has_value());
    EXPECT_NEAR(drift->ruinBy, ruinProbability(500, 1000, 0.4, 0.6), 1e-12);
    EXPECT_NEAR(drift->truncatedMean / expectedDuration(500, 1000, 0.4, 0.6), 1.0, 1e-12);
}

/// Feller vol. I, §XIV.5, eq. (5.7): the probability of ruin at exactly step t (r = 0),
/// u_{z,t} = a^{-1} 2^t p^{(t−z)/2} q^{(t+z)/2} Σ_{ν=1}^{a−1} cos^{t−1}(πν/a) sin(πν/a) sin(πzν/a).
double fellerRuinAt(std::int64_t z, std::int64_t a, double p, double q, std::int64_t t)
{
    double sum = 0;
    for (std::int64_t nu = 1; nu < a; ++nu) {
        const double angle = M_PI * double(nu) / double(a);
        sum += std::pow(std::cos(angle), double(t - 1)) * std::sin(angle) * std::sin(angle * double(z));
    }
    return std::pow(2.0, double(t)) * std::pow(p, double(t - z) / 2) * std::pow(q, double(t + z) / 2) * sum / double(a);
}

TEST(GamblersRuin, RuinWithinNAgainstFellersSpectralFormula)
{
    // P(ruin within n) from every capital = Σ_{t ≤ n} u_{z,t} (Feller's eq. (5.7)).
    for (const auto& [a, p, n] : {std::tuple{20, 0.5, 50}, std::tuple{10, 0.45, 30}, std::tuple{7, 0.6, 101}}) {
        const auto within = ruinCurveWithin(a, p, 1 - p, n);
        ASSERT_TRUE(within.has_value());
        ASSERT_EQ(within->size(), std::size_t(a + 1));
        EXPECT_EQ((*within)[0], 1.0);
        EXPECT_EQ((*within)[std::size_t(a)], 0.0);
        for (std::int64_t z = 1; z < a; ++z) {
            double sum = 0;
            for (std::int64_t t = 1; t <= n; ++t)
                sum += fellerRuinAt(z, a, p, 1 - p, t);
            EXPECT_NEAR((*within)[std::size_t(z)], sum, 1e-13) << "a = " << a << ", p = " << p << ", z = " << z;
        }
    }
    // The case of the try-out report: z = 10, a = 20, n = 50 is ruined within n with
    // probability 0.1608 (not the 1/2 without a cap).
    const auto report = ruinCurveWithin(20, 0.5, 0.5, 50);
    ASSERT_TRUE(report.has_value());
    EXPECT_NEAR((*report)[10], 0.160765, 1e-6);
}

TEST(GamblersRuin, RuinWithinNMatchesEveryPathAndTheDurationLaw)
{
    // Lazy and biased walks: enumeration of all paths of 10 steps, and ruinDurationLaw's ruinBy.
    const std::int64_t n = 10;
    for (const auto& [a, p, q] : {std::tuple{5, 0.3, 0.45}, std::tuple{4, 0.2, 0.1}, std::tuple{6, 0.5, 0.5}}) {
        const auto within = ruinCurveWithin(a, p, q, n);
        ASSERT_TRUE(within.has_value());
        for (std::int64_t z = 1; z < a; ++z) {
            std::vector<double> ruin(n, 0.0), win(n, 0.0);
            enumerate(z, a, p, q, 0, n, 1.0, ruin, win);
            double total = 0;
            for (double r : ruin)
                total += r;
            EXPECT_NEAR((*within)[std::size_t(z)], total, 1e-15) << "a = " << a << ", z = " << z;
            EXPECT_NEAR((*within)[std::size_t(z)], lawOrFail(z, a, p, q, unitBins(n)).ruinBy, 1e-15);
        }
    }
}

TEST(GamblersRuin, RuinWithinNTendsToTheClosedFormAndRefusesHugeRequests)
{
    // A long cap: the iteration stops once the mass left is negligible, at the closed form.
    const auto curve = ruinCurveWithin(100, 0.45, 0.55, 1'000'000'000);
    ASSERT_TRUE(curve.has_value());
    for (std::int64_t z = 0; z <= 100; z += 10)
        EXPECT_NEAR((*curve)[std::size_t(z)], ruinProbability(z, 100, 0.45, 0.55), 1e-13) << z;
    const auto huge = ruinCurveWithin(100'000, 0.5, 0.5, 1'000'000);
    ASSERT_FALSE(huge.has_value());
    EXPECT_EQ(huge.error().front().kind, ErrorKind::TooLarge);
    EXPECT_EQ(huge.error().front().parameter, "steps");
    EXPECT_NE(huge.error().front().message.find("1e+11 steps of the transfer matrix"), std::string::npos)
        << huge.error().front().message;
}

TEST(GamblersRuin, DurationParity)
{
    // Without lazy steps and with a even every duration has the parity of z; otherwise both
    // parities occur: checked against the law itself (unit bins, first 40 steps).
    for (const auto& [z, a, p, q, parity] : {std::tuple{3, 8, 0.5, 0.5, 1}, std::tuple{4, 10, 0.3, 0.7, 0},
                                             std::tuple{3, 9, 0.5, 0.5, -1}, std::tuple{3, 8, 0.4, 0.5, -1}}) {
        EXPECT_EQ(ruinDurationParity(z, a, p, q), parity) << z << " " << a << " " << p << " " << q;
        const RuinDurationLaw law = lawOrFail(z, a, p, q, unitBins(40));
        bool odd = false, even = false;
        for (std::size_t i = 0; i < law.ruin.size(); ++i)
            if (law.ruin[i] + law.win[i] > 0)
                ((i + 1) % 2 ? odd : even) = true;  // bin i holds t = i + 1
        EXPECT_EQ(odd, parity != 0) << z << " " << a;
        EXPECT_EQ(even, parity != 1) << z << " " << a;
    }
}

TEST(GamblersRuin, StationaryLawOfReflectingBarriers)
{
    // Geometric ∝ (p/q)^x (here 1/2^x), uniform for p = q, invariant under one step of the
    // transfer matrix from every state (boundary states included).
    const auto geometric = reflectingStationaryLaw(6, 0.2, 0.4);
    double norm = 0;
    for (int x = 0; x <= 6; ++x)
        norm += std::pow(0.5, x);
    for (int x = 0; x <= 6; ++x)
        EXPECT_NEAR(geometric[std::size_t(x)], std::pow(0.5, x) / norm, 1e-16);
    for (const double u : reflectingStationaryLaw(9, 0.35, 0.35))
        EXPECT_DOUBLE_EQ(u, 0.1);
    const auto flipped = reflectingStationaryLaw(6, 0.4, 0.2);
    for (int x = 0; x <= 6; ++x)
        EXPECT_DOUBLE_EQ(flipped[std::size_t(x)], geometric[std::size_t(6 - x)]);
    EXPECT_EQ(reflectingStationaryLaw(4, 0.3, 0)[4], 1.0);
    EXPECT_EQ(reflectingStationaryLaw(4, 0, 0.3)[0], 1.0);
    for (const auto& [a, p, q] : {std::tuple{6, 0.2, 0.4}, std::tuple{12, 0.5, 0.5}, std::tuple{30, 0.45, 0.3}}) {
        const auto pi = reflectingStationaryLaw(a, p, q);
        std::vector<double> after(pi.size(), 0.0);
        for (int z = 0; z <= a; ++z) {
            const auto step = reflectingPositionLaw(z, a, p, q, 1);
            ASSERT_TRUE(step.has_value());
            for (std::size_t x = 0; x < pi.size(); ++x)
                after[x] += pi[std::size_t(z)] * (*step)[x];
        }
        for (std::size_t x = 0; x < pi.size(); ++x)
            EXPECT_NEAR(after[x], pi[x], 1e-15) << "a = " << a << ", x = " << x;
    }
}

TEST(GamblersRuin, ReflectingPositionLawByMatrixPowers)
{
    // n = 3·10^8 steps with a = 10 is past the direct iteration's budget: the law comes from
    // repeated squaring. A walk that moves with probability s = 2·10^-8 makes a Binomial(n, s)
    // number of ±1 moves, so the law is that mixture of the r = 0 walk's laws (direct, few steps).
    const std::int64_t a = 10, z = 2, n = 300'000'000;
    const double half = 1e-8;
    const auto law = reflectingPositionLaw(z, a, half, half, n);
    ASSERT_TRUE(law.has_value());
    const boost::math::binomial_distribution<double> moves(double(n), 2 * half);
    std::vector<double> mixture(std::size_t(a + 1), 0.0);
    for (std::int64_t m = 0; m <= 80; ++m) {
        const auto after = reflectingPositionLaw(z, a, 0.5, 0.5, m);
        ASSERT_TRUE(after.has_value());
        for (std::size_t x = 0; x < mixture.size(); ++x)
            mixture[x] += boost::math::pdf(moves, double(m)) * (*after)[x];
    }
    // A nearly diagonal matrix (1 − 2·10^-8 on the diagonal) keeps only ~8 digits of what
    // moves in each squaring: absolute errors of ~10^-11 after 28 squarings.
    for (std::size_t x = 0; x < mixture.size(); ++x)
        EXPECT_NEAR((*law)[x], mixture[x], 5e-11) << x;
    // And long after mixing, the stationary law.
    const auto late = reflectingPositionLaw(z, a, 0.3, 0.4, 1'000'000'000);
    ASSERT_TRUE(late.has_value());
    const auto pi = reflectingStationaryLaw(a, 0.3, 0.4);
    for (std::size_t x = 0; x < pi.size(); ++x)
        EXPECT_NEAR((*late)[x], pi[x], 1e-13);
    EXPECT_FALSE(reflectingPositionLaw(5000, 100000, 0.5, 0.5, 1'000'000).has_value());
}
