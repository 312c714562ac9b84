// A rate function λ(t) typed by the user as a formula in t, parsed and evaluated by muparser.
#pragma once

#include "core/experiment/Error.h"

#include <memory>
#include <string>

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

/// What checkRate() found on its grid.
struct RateScan {
    double maxRate = 0;   ///< largest λ on the grid
    double maxTime = 0;   ///< where it was reached
};

/// Evaluates λ at `points` equally spaced times of [0, horizon] (endpoints included) and returns
/// the largest value, or the errors (InvalidParameter on `parameter`), each naming the formula,
/// the time and the value:
///   "rate = 1 - t: negative at t = 1.5 (λ = -0.5); the rate must be ≥ 0 on [0, T]",
///   "rate = 1/(t-1): not finite at t = 1 (λ = inf)",
///   "rate = 1e7: reaches λ = 1e+07 at t = 0; must stay at most 10^6".
/// A grid cannot prove a sign or a bound between its points: simulations re-check every value
/// they evaluate.
Expected<RateScan> checkRate(const RateFunction& rate, double horizon, const std::string& parameter = "rate",
                             int points = 4097, double maxRate = 1e6);

}  // namespace walklab::core
