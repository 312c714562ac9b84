// The panels the Poisson experiments share, on hand-made data whose answer is known exactly:
// time-unit plurals and length, the timeline's long format, N(t) on a grid, density normalisation, counts.
#include "core/experiment/poisson/PoissonPanels.h"

#include "core/experiment/CsvWriter.h"
#include "core/experiment/poisson/NonHomogeneousPoissonExperiment.h"
#include "core/experiment/poisson/PoissonExperiment.h"
#include "core/experiment/poisson/PoissonOperationsExperiment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <sstream>

using namespace walklab::core;

TEST(PoissonPanels, PluralOfTimeUnits)
{
    EXPECT_EQ(pluralUnit("hour"), "hours");
    EXPECT_EQ(pluralUnit("day"), "days");            // vowel + y
    EXPECT_EQ(pluralUnit("century"), "centuries");   // consonant + y
    EXPECT_EQ(pluralUnit("time unit"), "time units");
    EXPECT_EQ(pluralUnit("quarter-hour at the desk"), "quarter-hours at the desk");  // the head noun
    EXPECT_EQ(pluralUnit("day of the week"), "days of the week");
    EXPECT_EQ(pluralUnit("shift in the lab"), "shifts in the lab");
    EXPECT_EQ(pluralUnit("hours"), "hours");         // already plural
    EXPECT_EQ(pluralUnit("h"), "h");                 // symbols are not inflected
    EXPECT_EQ(pluralUnit("ms"), "ms");
    EXPECT_EQ(pluralUnit("Stunde"), "Stundes");      // English rule only: documented limit
}

TEST(PoissonPanels, UnitsTypedInThePluralAreTakenInTheSingular)
{
    EXPECT_EQ(singularUnit("minutes"), "minute");
    EXPECT_EQ(singularUnit("centuries"), "century");
    EXPECT_EQ(singularUnit("boxes"), "box");
    EXPECT_EQ(singularUnit("hours at the desk"), "hour at the desk");
    for (const char* same : {"hour", "bus", "class", "s", "ms", "days off", "time unit"})
        EXPECT_EQ(singularUnit(same), same);
    const PoissonExperiment poisson;
    RunControl control;
    const auto result = poisson.run({{"unit", "minutes"}, {"realisations", "200"}}, control);
    ASSERT_TRUE(result.has_value());
    const Panel* counting = result->find("counting");
    ASSERT_NE(counting, nullptr);
    EXPECT_EQ(counting->xLabel, "Time t (minutes)");
}

TEST(PoissonPanels, FieldUnitsInTheWordsOfTheTimeUnit)
{
    EXPECT_EQ(inTimeUnit("per time unit", "minute"), "per minute");
    EXPECT_EQ(inTimeUnit("time units", "minutes"), "minutes");
    EXPECT_EQ(inTimeUnit("time units", "hour at the desk"), "hours at the desk");
    EXPECT_EQ(inTimeUnit("per time unit", ""), "per time unit");
    EXPECT_EQ(inTimeUnit("realisations", "day"), "realisations");
}

TEST(PoissonPanels, UnitHelpGivesTheLengthTheCheckCountsInCharacters)
{
    const PoissonExperiment poisson;
    const PoissonOperationsExperiment operations;
    const NonHomogeneousPoissonExperiment varying;
    for (const Experiment* e : std::initializer_list<const Experiment*>{&poisson, &operations, &varying}) {
        const ParamSpec* unit = e->param("unit");
        ASSERT_NE(unit, nullptr) << e->key();
        EXPECT_NE(unit->help.find("1 to 24 characters"), std::string::npos) << e->key() << ": " << unit->help;
        std::string longest;
        for (int i = 0; i < 24; ++i)
            longest += "é";  // 2 bytes of UTF-8 each: 24 characters, 48 bytes
        EXPECT_TRUE(e->validate({{"unit", longest}}).empty()) << e->key();
        const Errors errors = e->validate({{"unit", std::string(25, 'x')}});
        ASSERT_EQ(errors.size(), 1u) << e->key();
        EXPECT_EQ(errors.front().message, "unit = " + std::string(25, 'x') +
                                              ": must be the name of a time unit, 1 to 24 characters (e.g. hour)");
    }
}

TEST(PoissonPanels, TimelineIsLongFormatOneRowPerRealisation)
{
    const std::vector<std::vector<double>> arrivals{{0.5, 1.5}, {}, {0.25}};
    std::vector<std::string> notes;
    const Panel p = timelinePanel(arrivals, {2, 0, 1}, 2.0, {"hour", "hours"}, notes);
    EXPECT_EQ(p.key, "timeline");
    EXPECT_EQ(p.x, (std::vector<double>{0.5, 1.5, 0.25}));
    EXPECT_EQ(p.find("realisation")->y, (std::vector<double>{1, 1, 3}));
    EXPECT_EQ(p.xLabel, "Time t (hours)");
    EXPECT_TRUE(notes.empty());
    std::ostringstream csv;
    writeCsv(p, csv);
    EXPECT_EQ(csv.str(), "time,realisation\n0.5,1\n1.5,1\n0.25,3\n");

    // 25 realisations: only the first 20 rows are drawn; a cut path is noted.
    const std::vector<std::vector<double>> many(25, std::vector<double>{1.0});
    std::vector<std::int64_t> counts(25, 1);
    counts[3] = 5;
    const Panel q = timelinePanel(many, counts, 2.0, {"hour", "hours"}, notes);
    EXPECT_EQ(q.x.size(), 20u);
    EXPECT_EQ(q.series[0].y.back(), 20.0);
    EXPECT_EQ(notes.size(), 1u);
}

TEST(PoissonPanels, CountingPathsAreExactAtGridTimes)
{
    const std::vector<double> grid = countingGrid(4.0);
    ASSERT_EQ(grid.size(), kCountingGridPoints);
    EXPECT_EQ(grid.front(), 0.0);
    EXPECT_EQ(grid.back(), 4.0);
    EXPECT_DOUBLE_EQ(grid[500], 1.0);
    // Arrivals exactly at grid times count from that time on (N is right-continuous).
    const std::vector<std::vector<double>> arrivals{{1.0, 1.0001, 3.5}, {0.5}};
    std::vector<std::string> notes;
    const Panel p = countingPanel(arrivals, {3, 4}, grid, {"day", "days"}, notes);
    ASSERT_EQ(p.series.size(), 2u);
    const auto& n1 = p.find("path_1")->y;
    EXPECT_EQ(n1[499], 0.0);
    EXPECT_EQ(n1[500], 1.0);  // t = 1
    EXPECT_EQ(n1[501], 2.0);  // t = 1.002
    EXPECT_EQ(n1[1749], 2.0);
    EXPECT_EQ(n1[1750], 3.0);  // t = 3.5
    EXPECT_EQ(n1.back(), 3.0);
    EXPECT_EQ(p.find("path_1")->style, SeriesStyle::Steps);
    // Realisation 2 had 4 events but only 1 was kept: unknown after it.
    const auto& n2 = p.find("path_2")->y;
    EXPECT_TRUE(std::isnan(n2[250]));  // t = 0.5
    EXPECT_TRUE(std::isnan(n2.back()));
    EXPECT_EQ(n2[249], 0.0);
    EXPECT_EQ(notes.size(), 1u);
}

TEST(PoissonPanels, DensityBarsAreCountsOverTotalTimesWidth)
{
    // 10 values: 4 in [0, 0.5), 5 in [0.5, 1), 1 outside; normaliser 10, width 0.5.
    const std::vector<double> sample{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.5};
    const Panel p = densityPanel("d", "t", "x", "x", "density", sample, 10.0, 0.0, 1.0, 2,
                                 [](double x) { return 2 * x; }, "sim", "exact");
    EXPECT_EQ(p.x, (std::vector<double>{0.25, 0.75}));
    EXPECT_DOUBLE_EQ(p.find("simulated")->y[0], 0.8);
    EXPECT_DOUBLE_EQ(p.find("simulated")->y[1], 1.0);
    EXPECT_EQ(p.find("exact")->y, (std::vector<double>{0.5, 1.5}));
    EXPECT_EQ(p.find("simulated")->style, SeriesStyle::Bars);
    EXPECT_EQ(p.find("exact")->style, SeriesStyle::Line);
    // An empty sample gives zero bars, not NaN.
    const Panel e = densityPanel("d", "t", "x", "x", "density", {}, 0.0, 0.0, 1.0, 4,
                                 [](double) { return 1.0; }, "sim", "exact");
    for (double v : e.find("simulated")->y)
        EXPECT_EQ(v, 0.0);
}

TEST(PoissonPanels, DensityBinsFollowRiceWithinLimits)
{
    EXPECT_EQ(densityBins(0, 40), 10);
    EXPECT_EQ(densityBins(1001, 40), 21);  // ⌈2·1001^{1/3}⌉ = ⌈20.007⌉
    EXPECT_EQ(densityBins(1'000'000, 40), 40);
    EXPECT_EQ(densityBins(1'000'000, 100), 100);
}

TEST(PoissonPanels, CountsCoverTheLawAndEveryObservation)
{
    IntegerHistogram h;
    h.add(2, 3);
    h.add(40, 1);  // far in the tail: still shown
    const Panel p = countsPanel(h, 3.0, "title", "k", "Poisson(3)");
    EXPECT_EQ(p.x.front(), 0.0);
    EXPECT_EQ(p.x.back(), 40.0);
    for (std::size_t i = 1; i < p.x.size(); ++i)
        EXPECT_EQ(p.x[i], p.x[i - 1] + 1);
    EXPECT_DOUBLE_EQ(p.find("simulated")->y[2], 0.75);
    // P(N = 0) = e^{−3} (Poisson PMF, Feller vol. I §VI.6), to a few ulps.
    EXPECT_NEAR(p.find("exact")->y[0], std::exp(-3.0), 4e-16);
    const auto& exact = p.find("exact")->y;
    EXPECT_NEAR(std::accumulate(exact.begin(), exact.end(), 0.0), 1.0, 1e-12);
    // Mean 0: the point mass at 0.
    IntegerHistogram zero;
    zero.add(0, 5);
    const Panel z = countsPanel(zero, 0.0, "t", "k", "law");
    EXPECT_EQ(z.find("exact")->y[0], 1.0);
}
