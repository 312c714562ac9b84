// Building blocks shared by the Poisson-process experiments: the time-unit wording of axis
// titles and legends, and the panels they have in common.
#pragma once

#include "core/experiment/Experiment.h"
#include "core/experiment/ParamReader.h"
#include "core/experiment/SummaryRows.h"
#include "core/stats/ChiSquaredTest.h"
#include "core/stats/IntegerHistogram.h"
#include "core/stats/KolmogorovSmirnov.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace walklab::core {

/// The name of the time unit every time and rate is measured in ("hour": "Time t (hours)",
/// "Rate λ = 3 per hour").
struct TimeUnit {
    std::string singular;  ///< as typed, blanks trimmed, plurals made singular: "hour", "min"
    std::string plural;    ///< "hours"; names of at most two letters (h, s, ms) are not inflected
};

/// Longest accepted time-unit name, in characters (UTF-8 code points).
inline constexpr std::size_t kMaxUnitLength = 24;

/// The "unit" parameter (Text, default "hour"): the name of the time unit of `what` ("the rate
/// and of all times"); its help gives the accepted length, 1 to kMaxUnitLength characters.
ParamSpec unitParam(const std::string& what);

/// English plural of a time-unit name: "day" → "days", "century" → "centuries", "hours" and
/// abbreviations of one or two characters ("h", "ms") unchanged; before a preposition (at, of, in,
/// on, per, for, from, with, to) the head noun: "shift of the nurse" → "shifts of the nurse".
std::string pluralUnit(const std::string& singular);

/// The singular of a time-unit name typed in the plural, the inverse of pluralUnit(): "minutes" →
/// "minute", "centuries" → "century", "hours at the desk" → "hour at the desk"; a name that is no
/// such plural ("hour", "bus", "s") is returned as it is.
std::string singularUnit(const std::string& name);

/// A field's unit text in the words of the time unit `name`: "per time unit" → "per minute",
/// "time units" → "minutes" for "minute" (or "minutes"); unchanged when `name` is empty.
std::string inTimeUnit(std::string unitText, const std::string& name);

/// The time unit `key`: 1 … kMaxUnitLength characters after trimming, no control characters,
/// taken in the singular if typed in the plural (singularUnit(): "per minute", not "per minutes");
/// its plural by pluralUnit(). Error, recorded in `read`: "unit = (empty): must be the name of a time
/// unit, 1 to 24 characters (e.g. hour)".
TimeUnit readUnit(ParamReader& read, const std::string& key);

/// Up to this many realisations are drawn in the timeline view.
inline constexpr std::size_t kTimelineRealisations = 20;
/// Grid times of the counting view: t_j = j·T/2000, j = 0 … 2000.
inline constexpr std::size_t kCountingGridPoints = 2001;

/// The "timeline" panel: x = arrival times of realisations 1 … min(20, arrivals.size()), one
/// Points series "realisation" whose y is the realisation number (1-based), so the picture is
/// one row of dots per realisation and the CSV is long format (time, realisation). A
/// realisation with more than its kept arrivals (pathCounts[i] > arrivals[i].size()) adds a
/// note.
Panel timelinePanel(const std::vector<std::vector<double>>& arrivals, const std::vector<std::int64_t>& pathCounts,
                    double horizon, const TimeUnit& unit, std::vector<std::string>& notes);

/// The kCountingGridPoints times t_j = j·T/2000 of the counting view, j = 0 … 2000 (t_2000 = T).
std::vector<double> countingGrid(double horizon);

/// The "counting" panel without guides: x = `grid` (increasing times), and for each kept
/// realisation i a Steps series "path_<i+1>" with N_i(t_j) = #{arrivals ≤ t_j} (exact at every
/// grid time). Where a realisation's kept arrivals were cut short (see
/// PoissonSimulation::arrivals), N_i(t) is NaN after the last kept arrival and a note says so.
Panel countingPanel(const std::vector<std::vector<double>>& arrivals, const std::vector<std::int64_t>& pathCounts,
                    const std::vector<double>& grid, const TimeUnit& unit, std::vector<std::string>& notes);

/// The "counts" panel: x = every integer k from min(observed, ⌊μ − 5√μ⌋ − 2) (≥ 0) to
/// max(observed, ⌈μ + 5√μ⌉ + 2); "simulated" (Bars) = relative frequency of N = k, "exact"
/// (Points) = Poisson(μ) PMF (Boost.Math). `lawLabel` names the exact law in the legend.
Panel countsPanel(const IntegerHistogram& counts, double mean, const std::string& title,
                  const std::string& xLabel, const std::string& lawLabel);

/// A density histogram over `bins` equal bins of [lo, hi): x = the bin centres, "simulated"
/// (Bars) = (values in the bin) / (normaliser · bin width) and "exact" (Line) = density(x), or,
/// when `cumulative` (an antiderivative of density) is given, the density's mean over each bin,
/// (cumulative(b) − cumulative(a)) / (b − a): what the bar estimates, however narrow a peak.
/// With normaliser = sample.size() the bar areas are probabilities (summing to the fraction of
/// the sample inside [lo, hi)); with normaliser = number of realisations it is an intensity
/// (events per time unit). Requires lo < hi, bins ≥ 1.
Panel densityPanel(const std::string& key, const std::string& title, const std::string& xKey,
                   const std::string& xLabel, const std::string& yLabel, const std::vector<double>& sample,
                   double normaliser, double lo, double hi, int bins, const std::function<double(double)>& density,
                   const std::string& simulatedLabel, const std::string& exactLabel,
                   const std::function<double(double)>& cumulative = {});

/// Bins of a density histogram of n values: Rice's rule ⌈2 n^{1/3}⌉ (a good default for
/// smooth densities), within 10 … maxBins so that bars stay readable on a projector.
int densityBins(std::size_t n, int maxBins);

}  // namespace walklab::core
