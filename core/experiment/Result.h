// The plain data an experiment returns: panels of named series and a summary table.
#pragma once

#include <string>
#include <vector>

namespace walklab::core {

/// How a series is meant to be drawn. Views choose colours; the core only says what it is.
enum class SeriesStyle {
    Bars,    ///< simulated frequencies, one bar per x
    Points,  ///< exact values at lattice points
    Line,    ///< a curve or a sample path
    Guide,   ///< a reference line (mean, ±2 sd band), drawn dashed
};

/// One column of a panel: y[i] belongs to the panel's x[i].
struct Series {
    std::string key;    ///< CSV column name: "simulated", "exact", "normal", "path_1", …
    std::string label;  ///< legend text
    SeriesStyle style = SeriesStyle::Line;
    std::vector<double> y;
    bool optional = false;       ///< the user may switch it off
    bool onSupportOnly = false;  ///< draw only at x where the panel's support is true
};

/// One plot: a shared x column and the series drawn over it.
struct Panel {
    std::string key;     ///< view name, used by --view and in file names
    std::string title;
    std::string xKey;    ///< CSV name of the x column ("position", "step")
    std::string xLabel;  ///< axis titles, with units
    std::string yLabel;
    std::vector<double> x;
    std::vector<bool> support;  ///< empty, or one flag per x: can the quantity take this value?
    std::vector<Series> series;

    const Series* find(const std::string& seriesKey) const
    {
        for (const auto& s : series)
            if (s.key == seriesKey)
                return &s;
        return nullptr;
    }
};

/// One row of the summary shown beside the plots and printed by the command line.
struct SummaryRow {
    std::string quantity;   ///< "Mean of S_n"
    std::string simulated;  ///< formatted Monte Carlo value, with its standard error if any
    std::string exact;      ///< formatted exact value, or empty
};

/// Everything an experiment run produces.
struct Result {
    std::string experiment;          ///< key of the experiment that produced it
    std::vector<Panel> panels;       ///< in display order
    std::vector<SummaryRow> summary;
    std::vector<std::string> notes;  ///< things the user should know (omitted series, limits)
    double seconds = 0;              ///< wall-clock time of the whole run
    unsigned threads = 0;

    const Panel* find(const std::string& panelKey) const
    {
        for (const auto& p : panels)
            if (p.key == panelKey)
                return &p;
        return nullptr;
    }
};

}  // namespace walklab::core
