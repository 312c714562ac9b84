// The plain data an experiment returns: panels of named series and a summary table.
#pragma once

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace walklab::core {

/// How a series is meant to be drawn. Views choose colours; the core only says what it is.
enum class SeriesStyle {
    Bars,    ///< simulated frequencies, one bar per x
    Points,  ///< exact values at lattice points
    Line,    ///< a curve or a sample path
    Guide,   ///< a reference line (mean, ±2 sd band), drawn dashed
    Steps,   ///< a right-continuous step function (a counting path N(t)): flat until the next x
};

/// What kind of picture a panel is.
enum class PanelKind {
    Chart,    ///< series over x (or over another series, see Series::xOf) on 2D axes
    HeatMap,  ///< cells: x[i] and the Coordinate series "y" give the cell centres (a regular
              ///< grid, equally spaced in both directions: spacing 1 for single lattice sites,
              ///< larger when sites or continuous positions are binned; the spacing is the
              ///< smallest difference between distinct x values); each value series is drawn as
              ///< its own colour map, side by side, on one shared colour scale
    Space3D,  ///< curves in space: each value series is z, with x from xOf and y from yOf
};

/// One column of a panel: y[i] belongs to the panel's x[i].
struct Series {
    std::string key;    ///< CSV column name: "simulated", "exact", "normal", "path_1", …
    std::string label;  ///< legend text
    SeriesStyle style = SeriesStyle::Line;
    std::vector<double> y;
    bool optional = false;       ///< the user may switch it off
    bool onSupportOnly = false;  ///< draw only at x where the panel's support is true
    /// Parametric curves: when set, the horizontal coordinate of y[i] is series xOf's y[i]
    /// instead of the panel's x[i] (a 2D trajectory is "path_1_y" over "path_1_x", both
    /// columns of one CSV row per step). In Space3D panels, yOf names the second coordinate
    /// and this series' own y is the third (z).
    std::string xOf;
    std::string yOf;
    /// A coordinate column only (CSV, and the x/y of other series): not drawn, no legend.
    bool coordinate = false;
    /// Drawn only, never a CSV column: marks whose rows are not the panel's x (the start and the
    /// end of each kept path, one mark per row). The paths' own columns hold those points.
    bool plotOnly = false;
    /// Empty, or one half-width per y of 2 standard errors: the value is y[i] ± error[i] (a
    /// simulated proportion ± 2 se). Drawn as error bars on Points; CSV column "<key>_2se".
    std::vector<double> error;
    /// Series with the same non-empty group are parts of one kind of curve (the pieces of
    /// sample paths above 0, with NaN where a piece is not drawn): one colour for the group
    /// and one legend entry, the label of its first series.
    std::string group;
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
    /// Empty, or one width per x: x[i] is the centre of a bin this wide (times grouped in bins
    /// that widen on a log scale); Bars then fill their own bin instead of a common width.
    std::vector<double> binWidth;
    std::vector<Series> series;
    PanelKind kind = PanelKind::Chart;
    bool equalAxes = false;  ///< one unit is as long on the x axis as on the y axis (trajectories)
    bool logX = false;       ///< logarithmic x axis (values ≤ 0 are not drawn)
    bool logY = false;       ///< logarithmic y axis (values ≤ 0 are not drawn)
    /// The region the data live in when it is more than their bounding box (NaN: not given).
    /// A timeline of realisations 1 … R on [0, T] sets x from 0 to T and y from 1 to R, so
    /// that the empty end of a window, or a realisation without any event, still counts.
    double xFrom = std::numeric_limits<double>::quiet_NaN();
    double xTo = std::numeric_limits<double>::quiet_NaN();
    double yFrom = std::numeric_limits<double>::quiet_NaN();
    double yTo = std::numeric_limits<double>::quiet_NaN();

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
    /// The parameters the run did not take as written, each with the value it used and why, as
    /// the command line's --print echo shows them after "key=": "0.7 (1 − p)" for a blank q,
    /// "10 (default 20, at most walkers)", "0 (automatic: piecewise λ* up to 501)". Parameters
    /// used as given (or as their default) are not listed.
    std::map<std::string, std::string> chosen;
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
