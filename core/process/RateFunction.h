// A rate function λ(t) typed by the user as a formula in t, parsed and evaluated by muparser.
#pragma once

#include "core/experiment/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace walklab::core {

/// λ(t) given as text, e.g. "3 + 2*sin(2*pi*t/24)" or "t < 12 ? 5 : 1".
///
/// The formula is read by muparser (Debian's libmuparser-dev, https://beltoforion.de/en/muparser):
/// the variable is t; the constants pi and e are defined; the usual operators + − * / ^, the
/// comparisons, && ||, the ternary ?: and the functions sin cos tan asin acos atan sinh cosh
/// tanh asinh acosh atanh log2 log10 log ln exp sqrt sign rint abs min max sum avg are known.
/// Evaluation compiles to muparser's byte code once; each call then costs tens of nanoseconds.
///
/// Not thread-safe: an evaluation writes t and muparser's stack. Give each thread its own
/// copy; copying parses the formula again (a few microseconds), so copies are independent.
class RateFunction {
public:
    /// Parses `formula`. Errors: InvalidParameter on `parameter` with muparser's reason and the
    /// position, e.g. "rate = 3 + * t: cannot be read: unexpected operator "*" at position 5";
    /// an unknown name says which names are known; an empty formula or several comma-separated
    /// results are refused too.
    static Expected<RateFunction> parse(const std::string& formula, const std::string& parameter = "rate");

    RateFunction(const RateFunction& other);
    RateFunction& operator=(const RateFunction& other);
    RateFunction(RateFunction&&) noexcept;
    RateFunction& operator=(RateFunction&&) noexcept;
    ~RateFunction();

    const std::string& formula() const;

    /// λ(t); NaN where muparser fails (not expected after a successful parse). Domain errors of
    /// the formula give NaN or ±inf as in C (sqrt(−1), 1/0), which checkRate() reports.
    double operator()(double t) const;

private:
    struct Impl;
    explicit RateFunction(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// A local maximum of λ: where and how high.
struct RatePeak {
    double time = 0;
    double value = 0;
};

/// What checkRate() found.
struct RateScan {
    double maxRate = 0;            ///< largest λ found (grid values and refined peaks)
    double maxTime = 0;            ///< where it was found
    std::vector<double> values;    ///< λ at the grid times j·T/(points − 1), j = 0 … points − 1
    std::vector<RatePeak> peaks;   ///< the refined local maxima (see checkRate()), in time order
};

/// Evaluates λ at `points` equally spaced times of [0, horizon] (endpoints included), then
/// refines the grid's local maxima: each grid value at least as high as its neighbours and higher
/// than one of them (the kMaxRefinedPeaks = 512 highest) is the start of a maximisation of λ over
/// the two grid intervals around it by Brent's method (Boost.Math brent_find_minima, 26 bits;
/// Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 5). A peak narrower than
/// the grid is thus found at its true height as soon as one grid time sees its flank rise above
/// both neighbours. Returns the largest value found and where, or the errors (InvalidParameter on
/// `parameter`), each naming the formula, the time and the value, for any value met (grid or
/// refinement):
///   "rate = 1 - t: negative at t = 1.5 (λ = -0.5); the rate must be ≥ 0 on [0, T]",
///   "rate = 1/(t-1): not finite at t = 1 (λ = inf)",
///   "rate = 1e7: reaches λ = 1e+07 at t = 0; must stay at most 10^6".
/// No finite set of points can prove a sign or a bound in between (a peak can hide between two
/// grid times whose neighbours are as high): simulations re-check every value they evaluate.
/// Cost: `points` evaluations plus about 30 per refined peak.
Expected<RateScan> checkRate(const RateFunction& rate, double horizon, const std::string& parameter = "rate",
                             int points = 4097, double maxRate = 1e6);

/// The largest λ on [lo, hi] found by Brent's method started on that bracket (26 bits), or at
/// the end points or at `seen` (a time inside already known to be high) if one of them is higher.
/// For the advice after a bound was exceeded at `seen`. Requires lo ≤ seen ≤ hi.
RatePeak localMaximum(const RateFunction& rate, double lo, double hi, double seen);

/// A bound to suggest for a found maximum λ_max: 1.01 λ_max rounded up to 3 significant digits
/// (a margin for the part of a peak no finite search sees), e.g. 501 → 507, 5 → 5.05.
double suggestedBound(double maxRate);

}  // namespace walklab::core
