#include "core/experiment/poisson/PoissonPanels.h"

#include "core/experiment/TextFormat.h"

#include <boost/math/distributions/poisson.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

bool endsWith(const std::string& s, std::string_view end)
{
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

std::string pluralUnit(const std::string& singular)
{
    // A name with a qualifying phrase inflects its head noun: "quarter-hour at the desk" →
    // "quarter-hours at the desk".
    for (const char* word : {" at ", " of ", " in ", " on ", " per ", " for ", " from ", " with ", " to "})
        if (const std::size_t at = singular.find(word); at != std::string::npos && at > 0)
            return pluralUnit(singular.substr(0, at)) + singular.substr(at);
    const std::size_t n = singular.size();
    if (n <= 2)
        return singular;
    const char last = singular.back();
    if (!((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z')) || last == 's' || last == 'S')
        return singular;
    const std::string_view vowels = "aeiouAEIOU";
    if (last == 'y' && vowels.find(singular[n - 2]) == std::string_view::npos)
        return singular.substr(0, n - 1) + "ies";
    if (endsWith(singular, "x") || endsWith(singular, "z") || endsWith(singular, "ch") || endsWith(singular, "sh"))
        return singular + "es";
    return singular + "s";
}

std::string singularUnit(const std::string& name)
{
    for (const char* word : {" at ", " of ", " in ", " on ", " per ", " for ", " from ", " with ", " to "})
        if (const std::size_t at = name.find(word); at != std::string::npos && at > 0)
            return singularUnit(name.substr(0, at)) + name.substr(at);
    // The singulars whose plural is `name`: "minutes" → "minute", "centuries" → "century",
    // "boxes" → "box"; none ("hour", "bus", "class") leaves the name as it is.
    const std::size_t n = name.size();
    for (const auto& [cut, add] : {std::pair<std::size_t, const char*>{3, "y"}, {2, ""}, {1, ""}})
        if (n > cut + 2) {
            const std::string singular = name.substr(0, n - cut) + add;
            if (pluralUnit(singular) == name)
                return singular;
        }
    return name;
}

std::string inTimeUnit(std::string unitText, const std::string& name)
{
    if (name.empty())
        return unitText;
    const std::string singular = singularUnit(name);
    const auto replace = [&](const std::string& from, const std::string& to) {
        for (std::size_t at = unitText.find(from); at != std::string::npos; at = unitText.find(from, at + to.size()))
            unitText.replace(at, from.size(), to);
    };
    replace("time units", pluralUnit(singular));
    replace("time unit", singular);
    return unitText;
}

ParamSpec unitParam(const std::string& what)
{
    return {"unit", "Time unit", ParamType::Text, 0, 0, "hour", "",
            "Name of the time unit of " + what + " (hour, minute, day…; 1 to " + std::to_string(kMaxUnitLength) +
                " characters), shown in axis titles and legends."};
}

TimeUnit readUnit(ParamReader& read, const std::string& key)
{
    const std::string name = read.text(key);
    const bool control = std::any_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    // Characters: every byte but the continuation bytes 10xxxxxx of UTF-8.
    const auto characters = std::size_t(std::count_if(name.begin(), name.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
    if (name.empty() || characters > kMaxUnitLength || control) {
        read.reject(key, key + " = " + (name.empty() ? std::string("(empty)") : name)
                             + ": must be the name of a time unit, 1 to " + std::to_string(kMaxUnitLength)
                             + " characters (e.g. hour)");
        return {"time unit", "time units"};
    }
    const std::string singular = singularUnit(name);
    return {singular, pluralUnit(singular)};
}

Panel timelinePanel(const std::vector<std::vector<double>>& arrivals, const std::vector<std::int64_t>& pathCounts,
                    double horizon, const TimeUnit& unit, std::vector<std::string>& notes)
{
    const std::size_t rows = std::min(kTimelineRealisations, arrivals.size());
    Panel panel{"timeline",
                "Arrival times of " + (rows == 1 ? std::string("1 realisation") : std::to_string(rows) + " realisations")
                    + " on [0, " + formatSignificant(horizon, 6) + "] " + unit.plural,
                "time", "Time t (" + unit.plural + ")", "Realisation", {}, {}, {}};
    Series dots{"realisation", "Arrival", SeriesStyle::Points, {}, false, false};
    bool cut = false;
    for (std::size_t i = 0; i < rows; ++i) {
        for (const double t : arrivals[i]) {
            panel.x.push_back(t);
            dots.y.push_back(double(i + 1));
        }
        cut = cut || (i < pathCounts.size() && pathCounts[i] > std::int64_t(arrivals[i].size()));
    }
    panel.series.push_back(std::move(dots));
    // The whole window and every row, the empty ones too (axis ranges, the live mode's count).
    panel.xFrom = 0;
    panel.xTo = horizon;
    panel.yFrom = 1;
    panel.yTo = double(rows);
    if (cut)
        notes.push_back("The timeline shows only the first arrivals of realisations with very many events "
                        "(the kept arrivals per realisation are limited).");
    if (rows == 0)
        notes.push_back("paths = 0: no realisation is kept, so the timeline and the counting paths are empty.");
    return panel;
}

std::vector<double> countingGrid(double horizon)
{
    std::vector<double> grid;
    const std::size_t last = kCountingGridPoints - 1;
    for (std::size_t j = 0; j <= last; ++j)
        grid.push_back(j == last ? horizon : horizon * double(j) / double(last));
    return grid;
}

Panel countingPanel(const std::vector<std::vector<double>>& arrivals, const std::vector<std::int64_t>& pathCounts,
                    const std::vector<double>& grid, const TimeUnit& unit, std::vector<std::string>& notes)
{
    Panel panel{"counting", "Counting process N(t)", "time", "Time t (" + unit.plural + ")",
                "Number of events N(t)", grid, {}, {}};
    bool cut = false;
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        const auto& times = arrivals[i];
        const bool truncated = i < pathCounts.size() && pathCounts[i] > std::int64_t(times.size());
        cut = cut || truncated;
        Series path{"path_" + std::to_string(i + 1), "Realisation " + std::to_string(i + 1), SeriesStyle::Steps,
                    {}, false, false};
        path.y.reserve(panel.x.size());
        std::size_t n = 0;
        for (const double t : panel.x) {
            while (n < times.size() && times[n] <= t)
                ++n;
            const bool unknown = truncated && n == times.size();
            path.y.push_back(unknown ? std::numeric_limits<double>::quiet_NaN() : double(n));
        }
        panel.series.push_back(std::move(path));
    }
    if (cut)
        notes.push_back("Counting paths with more events than are kept per realisation end at their last kept "
                        "arrival.");
    return panel;
}

Panel countsPanel(const IntegerHistogram& counts, double mean, const std::string& title, const std::string& xLabel,
                  const std::string& lawLabel)
{
    const double spread = 5 * std::sqrt(mean);
    std::int64_t lo = std::max<std::int64_t>(0, std::int64_t(std::floor(mean - spread)) - 2);
    std::int64_t hi = std::int64_t(std::ceil(mean + spread)) + 2;
    if (!counts.empty()) {
        lo = std::min(lo, counts.minValue());
        hi = std::max(hi, counts.maxValue());
    }
    Panel panel{"counts", title, "count", xLabel, "Probability", {}, {}, {}};
    const double total = double(std::max<std::uint64_t>(counts.total(), 1));
    Series simulated{"simulated", "Simulated (" + std::to_string(counts.total()) + " realisations)",
                     SeriesStyle::Bars, {}, false, false};
    Series exact{"exact", lawLabel, SeriesStyle::Points, {}, true, false};
    const boost::math::poisson_distribution<> law(std::max(mean, std::numeric_limits<double>::min()));
    for (std::int64_t k = lo; k <= hi; ++k) {
        panel.x.push_back(double(k));
        simulated.y.push_back(double(counts.count(k)) / total);
        exact.y.push_back(mean > 0 ? boost::math::pdf(law, double(k)) : (k == 0 ? 1.0 : 0.0));
    }
    panel.series.push_back(std::move(simulated));
    panel.series.push_back(std::move(exact));
    return panel;
}

Panel densityPanel(const std::string& key, const std::string& title, const std::string& xKey, const std::string& xLabel,
                   const std::string& yLabel, const std::vector<double>& sample, double normaliser, double lo,
                   double hi, int bins, const std::function<double(double)>& density,
                   const std::string& simulatedLabel, const std::string& exactLabel,
                   const std::function<double(double)>& cumulative)
{
    const double width = (hi - lo) / bins;
    std::vector<std::uint64_t> counts(std::size_t(bins), 0);
    for (const double v : sample) {
        const double b = std::floor((v - lo) / width);
        if (b >= 0 && b < bins)
            ++counts[std::size_t(b)];
    }
    Panel panel{key, title, xKey, xLabel, yLabel, {}, {}, {}};
    Series simulated{"simulated", simulatedLabel, SeriesStyle::Bars, {}, false, false};
    Series exact{"exact", exactLabel, SeriesStyle::Line, {}, true, false};
    const double scale = normaliser > 0 ? 1.0 / (normaliser * width) : 0.0;
    for (int b = 0; b < bins; ++b) {
        const double centre = lo + (b + 0.5) * width;
        panel.x.push_back(centre);
        simulated.y.push_back(double(counts[std::size_t(b)]) * scale);
        exact.y.push_back(cumulative ? (cumulative(lo + (b + 1) * width) - cumulative(lo + b * width)) / width
                                     : density(centre));
    }
    panel.series.push_back(std::move(simulated));
    panel.series.push_back(std::move(exact));
    return panel;
}

int densityBins(std::size_t n, int maxBins)
{
    const double rice = std::ceil(2 * std::cbrt(double(n)));
    return int(std::clamp(rice, 10.0, double(std::max(maxBins, 10))));
}

}  // namespace walklab::core
