// The passage declaration: parameters and their messages, the panels of its result (series,
// bins, log–log axes, paths split by sign), the summary against exact values, CSV columns.
#include "core/experiment/walk/PassageExperiment.h"

#include "core/experiment/CsvWriter.h"
#include "core/experiment/Registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

using namespace walklab::core;

namespace {

Result run(const ParamSet& params)
{
    RunControl control;
    auto result = findExperiment("passage")->run(params, control);
    EXPECT_TRUE(result.has_value());
    return result.value_or(Result{});
}

std::string rowOf(const Result& r, const std::string& quantity, bool exact)
{
    for (const auto& row : r.summary)
        if (row.quantity == quantity)
            return exact ? row.exact : row.simulated;
    return "(missing)";
}

}  // namespace

TEST(PassageExperiment, DeclaresTheSevenViewsAndItsPair)
{
    const Experiment* e = findExperiment("passage");
    ASSERT_NE(e, nullptr);
    std::vector<std::string> keys;
    for (const auto& v : e->views())
        keys.push_back(v.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"passage", "return", "returns", "arcsine", "lastzero", "maximum", "signpaths"}));
    EXPECT_EQ(e->defaultViews(), (std::vector<std::string>{"passage", "arcsine"}));
    EXPECT_EQ(e->param("axes")->views, (std::vector<std::string>{"passage", "return"}));
    EXPECT_GE(e->presets().size(), 3u);
    for (const auto& preset : e->presets())
        EXPECT_TRUE(e->validate(preset.params).empty()) << preset.name;
}

TEST(PassageExperiment, MessagesNameTheParameterAndTheRange)
{
    const Experiment* e = findExperiment("passage");
    const Errors errors = e->validate({{"level", "0"}, {"p", "0.7"}, {"q", "0.5"}, {"axes", "semilog"}, {"steps", "x"}});
    ASSERT_EQ(errors.size(), 4u);
    std::map<std::string, std::string> byParameter;
    for (const auto& error : errors)
        byParameter[error.parameter] = error.message;
    EXPECT_EQ(byParameter["steps"], "steps = x: must be a whole number between 1 and 10^9");
    EXPECT_EQ(byParameter["axes"], "axes = semilog: must be one of log-log, linear");
    EXPECT_NE(byParameter["level"].find("level = 0"), std::string::npos);
    EXPECT_NE(byParameter["q"].find("q = 0.5"), std::string::npos);
}

// Feller's coin tossing, 2n = 20: P(P_20 = 2k) = u_2k u_{20−2k} (Feller vol. I, §III.4, Theorem
// 1), u_0 u_20 = C(20, 10)/2^20 = 184756/1048576 — the exact series of the arcsine view.
TEST(PassageExperiment, FellersTwentyTossesAgainstTheDiscreteArcsineLaw)
{
    const Result r = run({{"steps", "20"}, {"walkers", "20000"}, {"level", "1"}});
    const Panel* arcsine = r.find("arcsine");
    ASSERT_NE(arcsine, nullptr);
    ASSERT_EQ(arcsine->x.size(), 11u);  // time positive is even: 0, 2, …, 20
    EXPECT_DOUBLE_EQ(arcsine->x[1], 0.1);
    EXPECT_DOUBLE_EQ(arcsine->binWidth[1], 0.1);  // two steps of 1/20
    const Series* exact = arcsine->find("exact");
    ASSERT_NE(exact, nullptr);
    EXPECT_NEAR(exact->y[0] * arcsine->binWidth[0], 184756.0 / 1048576.0, 1e-15);
    double total = 0, simulated = 0;
    for (std::size_t i = 0; i < arcsine->x.size(); ++i) {
        total += exact->y[i] * arcsine->binWidth[i];
        simulated += arcsine->find("simulated")->y[i] * arcsine->binWidth[i];
    }
    EXPECT_NEAR(total, 1.0, 1e-14);
    EXPECT_NEAR(simulated, 1.0, 1e-12);
    ASSERT_NE(arcsine->find("arcsine"), nullptr);  // p = q: the continuous limit is drawn
}

TEST(PassageExperiment, WaitingTimesOnLogLogAxesWithTheFractionNotArrived)
{
    const Result r = run({{"steps", "400"}, {"walkers", "20000"}, {"level", "3"}});
    const Panel* passage = r.find("passage");
    ASSERT_NE(passage, nullptr);
    EXPECT_TRUE(passage->logX && passage->logY);
    // T_3 of the ±1 walk is odd: one row per odd time, bars two steps wide.
    EXPECT_EQ(passage->x.front(), 1.0);
    EXPECT_EQ(passage->x[1], 3.0);
    EXPECT_EQ(passage->binWidth[1], 2.0);
    // P(T_3 = 3) = 1/8, P(T_3 = 5) = (3/5)·P(S_5 = 3) = (3/5)·5/32 = 3/32 (hitting-time theorem).
    EXPECT_DOUBLE_EQ(passage->find("exact")->y[1], 0.125);
    EXPECT_NEAR(passage->find("exact")->y[2], 3.0 / 32, 1e-16);
    EXPECT_NE(passage->find("simulated")->label.find("% after n"), std::string::npos);
    EXPECT_EQ(rowOf(r, "E[T_k]", true), "infinite");
    const Panel* linear = run({{"steps", "400"}, {"walkers", "2000"}, {"axes", "linear"}}).find("return");
    EXPECT_FALSE(linear->logX || linear->logY);
}

// `axes` only changes how the waiting times are drawn: the same seed gives the same numbers,
// in every panel and summary row (the time taken aside).
TEST(PassageExperiment, AxesChangeTheScalesOnly)
{
    const ParamSet base{{"steps", "300"}, {"walkers", "3000"}, {"level", "2"}, {"p", "0.45"}, {"q", "0.5"}, {"seed", "8"}};
    ParamSet linearAxes = base;
    linearAxes["axes"] = "linear";
    const Result logLog = run(base), linear = run(linearAxes);
    ASSERT_EQ(logLog.panels.size(), linear.panels.size());
    for (std::size_t i = 0; i < logLog.panels.size(); ++i) {
        const Panel &a = logLog.panels[i], &b = linear.panels[i];
        ASSERT_EQ(a.key, b.key);
        const bool waiting = a.key == "passage" || a.key == "return";
        EXPECT_EQ(a.logX, waiting) << a.key;
        EXPECT_FALSE(b.logX || b.logY) << b.key;
        EXPECT_EQ(a.x, b.x) << a.key;
        EXPECT_EQ(a.binWidth, b.binWidth) << a.key;
        ASSERT_EQ(a.series.size(), b.series.size()) << a.key;
        for (std::size_t j = 0; j < a.series.size(); ++j) {
            EXPECT_EQ(a.series[j].key, b.series[j].key);
            EXPECT_EQ(a.series[j].label, b.series[j].label);
            // NaN marks parts not drawn (paths by sign): compare bit for bit, NaN equal to NaN.
            ASSERT_EQ(a.series[j].y.size(), b.series[j].y.size());
            for (std::size_t k = 0; k < a.series[j].y.size(); ++k)
                EXPECT_TRUE(a.series[j].y[k] == b.series[j].y[k] || (std::isnan(a.series[j].y[k]) && std::isnan(b.series[j].y[k])))
                    << a.key << "/" << a.series[j].key << "[" << k << "]";
        }
    }
    ASSERT_EQ(logLog.summary.size(), linear.summary.size());
    for (std::size_t i = 0; i < logLog.summary.size(); ++i) {
        EXPECT_EQ(logLog.summary[i].quantity, linear.summary[i].quantity);
        if (logLog.summary[i].quantity == "Simulation time")
            continue;
        EXPECT_EQ(logLog.summary[i].simulated, linear.summary[i].simulated) << logLog.summary[i].quantity;
        EXPECT_EQ(logLog.summary[i].exact, linear.summary[i].exact) << logLog.summary[i].quantity;
    }
    EXPECT_EQ(logLog.notes, linear.notes);
}

TEST(PassageExperiment, HistogramsPassTheirChiSquaredTests)
{
    const Result r = run({{"steps", "300"}, {"walkers", "50000"}, {"level", "-4"}, {"p", "0.45"}, {"q", "0.5"}});
    int tests = 0;
    for (const auto& row : r.summary)
        if (row.quantity.rfind("χ²", 0) == 0) {
            ++tests;
            const double p = std::stod(row.exact.substr(row.exact.find(' ') + 1));
            EXPECT_GT(p, 1e-4) << row.quantity << ": " << row.simulated;
        }
    EXPECT_EQ(tests, 6);  // lazy walk (r = 0.05), n ≤ 500: every exact law exists
    EXPECT_TRUE(r.find("arcsine")->find("arcsine") == nullptr);  // drift: no arcsine limit
}

TEST(PassageExperiment, SignPathsSplitEverySegmentOnce)
{
    const Result r = run({{"steps", "200"}, {"walkers", "10"}, {"paths", "3"}});
    const Panel* paths = r.find("signpaths");
    ASSERT_NE(paths, nullptr);
    for (int i = 1; i <= 3; ++i) {
        const Series* above = paths->find("positive_" + std::to_string(i));
        const Series* below = paths->find("negative_" + std::to_string(i));
        ASSERT_TRUE(above && below);
        EXPECT_EQ(above->group, "positive");
        EXPECT_EQ(below->group, "negative");
        for (std::size_t j = 0; j + 1 < paths->x.size(); ++j) {
            const bool up = !std::isnan(above->y[j]) && !std::isnan(above->y[j + 1]) && above->y[j] + above->y[j + 1] > 0;
            const bool down = !std::isnan(below->y[j]) && !std::isnan(below->y[j + 1]) && below->y[j] + below->y[j + 1] <= 0;
            EXPECT_NE(up, down) << "path " << i << " segment " << j;  // drawn in exactly one colour
        }
    }
}

TEST(PassageExperiment, CsvOfTheBinnedViewsHasOneColumnPerSeries)
{
    const Result r = run({{"steps", "100"}, {"walkers", "1000"}});
    std::ostringstream passage, arcsine;
    writeCsv(*r.find("passage"), passage);
    writeCsv(*r.find("arcsine"), arcsine);
    EXPECT_EQ(passage.str().substr(0, passage.str().find('\n')), "step,simulated,exact");
    EXPECT_EQ(arcsine.str().substr(0, arcsine.str().find('\n')), "fraction,simulated,exact,arcsine");
}

TEST(PassageExperiment, LongWalksInAFewHundredBinsWithExactMasses)
{
    // n = 10^4: the waiting times in logarithmic bins (99 unit bins, then ~40 per decade), the
    // occupation times in ~150 bins of even width; each exact value is the bin's mass spread
    // over its possible times, so the densities integrate to 1.
    const Result r = run({{"steps", "10000"}, {"walkers", "2000"}, {"level", "1"}});
    const Panel* passage = r.find("passage");
    EXPECT_LE(passage->x.size(), 99u + 80u + 2u);
    EXPECT_GT(passage->x.size(), 99u / 2);
    for (const std::string key : {"arcsine", "lastzero"}) {
        const Panel* p = r.find(key);
        EXPECT_GE(p->x.size(), 100u) << key;
        EXPECT_LE(p->x.size(), 150u) << key;
        double total = 0;
        for (std::size_t i = 0; i < p->x.size(); ++i)
            total += p->find("exact")->y[i] * p->binWidth[i];
        EXPECT_NEAR(total, 1.0, 1e-12) << key;
    }
}

TEST(PassageExperiment, LegendsNameTheMethodUsed)
{
    const Result fair = run({{"steps", "100"}, {"walkers", "100"}});
    EXPECT_EQ(fair.find("maximum")->find("exact")->label, "Exact (reflection principle)");
    EXPECT_EQ(fair.find("arcsine")->find("exact")->label, "Exact (Feller's discrete arcsine law)");
    const Result biased = run({{"steps", "100"}, {"walkers", "100"}, {"p", "0.4"}});
    EXPECT_EQ(biased.find("maximum")->find("exact")->label, "Exact (weighted reflection principle)");
    EXPECT_EQ(biased.find("arcsine")->find("exact")->label, "Exact (last zero and Chung–Feller)");
    EXPECT_EQ(biased.find("lastzero")->find("exact")->label, "Exact u_t·P(T_0 > n − t)");
    EXPECT_EQ(biased.find("arcsine")->find("arcsine"), nullptr);  // the arcsine limit is for p = q only
    const Result lazy = run({{"steps", "100"}, {"walkers", "100"}, {"p", "0.3"}, {"q", "0.3"}});
    EXPECT_EQ(lazy.find("arcsine")->find("exact")->label, "Exact (dynamic programme over S_t, P_t)");
    // The switch of the exact series names the law alone; the run's figures are in the simulated legend.
    EXPECT_EQ(fair.find("passage")->find("exact")->label, "Exact (|k|/n)·P(S_n = k)");
}

TEST(PassageExperiment, DegenerateWaitingTimesGetLinearAxesAndANote)
{
    auto hasNote = [](const Result& r, const std::string& text) {
        return std::any_of(r.notes.begin(), r.notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
    };
    // q = 0, r = 1/2: the only return is the lazy step at time 1 (f_1 = 1/2): one point, no log axes.
    const Result oneSided = run({{"steps", "10"}, {"walkers", "1000"}, {"p", "0.5"}, {"q", "0"}, {"level", "1"}});
    EXPECT_FALSE(oneSided.find("return")->logY);
    EXPECT_TRUE(oneSided.find("passage")->logY);  // T_1 is geometric: many times, many decades
    EXPECT_TRUE(hasNote(oneSided, "First return to 0: the probabilities within n are at fewer than 3 times"));
    // R_10 = min(G, 10), G geometric(1/2): mean 1 − 2^−10 (was 0 from a NaN).
    EXPECT_EQ(rowOf(oneSided, "Mean number of returns by n", true), "0.999023");
    // A level beyond reach: an empty plot on linear axes, and the reason.
    const Result far = run({{"steps", "100"}, {"walkers", "100"}, {"level", "500"}});
    EXPECT_FALSE(far.find("passage")->logY);
    EXPECT_EQ(rowOf(far, "P(T_k ≤ n): reached level k by n", false), "0 (none of 100)");  // not "0 ± 0"
    EXPECT_TRUE(hasNote(far, "Level k = 500 cannot be reached within n = 100 steps: it takes at least |k| = 500 steps."));
    const Result down = run({{"steps", "100"}, {"walkers", "100"}, {"level", "-2"}, {"p", "0.5"}, {"q", "0"}});
    EXPECT_TRUE(hasNote(down, "the walk never steps down (q = 0)."));
    EXPECT_FALSE(hasNote(run({{"steps", "100"}, {"walkers", "100"}}), "cannot be reached"));
}
