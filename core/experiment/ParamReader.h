// Reading an experiment's parameters from text (ParamSet) with one error per parameter.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/Experiment.h"

#include <cstdint>
#include <string>

namespace walklab::core {

/// Reads the parameters of one experiment from text, collecting at most one error per parameter
/// (syntax first, then the range checks the caller adds with `check`). Values it derives or
/// caps itself (realOr(), paths()), and those the caller reports with chose(), go to `chosen`
/// when given (Result::chosen: key → "value (why)").
class ParamReader {
public:
    ParamReader(const Experiment& experiment, const ParamSet& params, ParamSet* chosen = nullptr)
        : m_experiment(experiment), m_params(params), m_chosen(chosen)
    {
    }

    /// The parsed value of `key`, or a zero value with an error recorded.
    double real(const std::string& key);
    std::int64_t integer(const std::string& key);
    std::uint64_t seed(const std::string& key);
    std::string choice(const std::string& key);
    /// The text, blanks trimmed at both ends.
    std::string text(const std::string& key);
    /// True when the text of `key` is empty or blank (a "derived" value).
    bool blank(const std::string& key) const;
    /// The parsed value of `key`, or `derived` when its text is blank (q = 1 − p, …); a derived
    /// value is recorded as chosen, "0.7 (how)".
    double realOr(const std::string& key, double derived, const std::string& how);
    /// The down-step probability `key` of a walk whose up-step probability is p: as given, or
    /// 1 − p when blank (0 when p is outside [0, 1]: the error is reported once, as p's).
    double downOrComplement(const std::string& key, double p)
    {
        return realOr(key, (p >= 0 && p <= 1) ? 1.0 - p : 0.0, "1 − p");
    }

    /// The number of kept paths `key`: as given, or, when the user gave none, its default
    /// capped at `repetitions` (named `repetitionsKey`), so that the default is never out of
    /// range; a capped default is recorded as chosen, "10 (default 20, at most walkers)".
    std::int64_t paths(const std::string& key, std::int64_t repetitions, const std::string& repetitionsKey);

    /// Records that the run uses `key` as `text` ("value (why)") rather than as written.
    void chose(const std::string& key, const std::string& text);

    /// Adds errors from a core validate(); an error on a parameter that already has one is
    /// dropped, so that a value that failed to parse is not reported twice.
    void check(const Errors& errors);
    /// Records an InvalidParameter error on `key` with the whole message ("unit = …: must be …").
    void reject(const std::string& key, const std::string& message);
    bool ok(const std::string& key) const;
    Errors take() { return std::move(m_errors); }
    /// `value` when no error was recorded, otherwise the errors.
    template <class T>
    Expected<T> finish(T value)
    {
        if (!m_errors.empty())
            return std::unexpected(take());
        return value;
    }

private:
    std::string raw(const std::string& key) const;
    template <class T>
    T keep(Expected<T> parsed);

    const Experiment& m_experiment;
    const ParamSet& m_params;
    ParamSet* m_chosen;
    Errors m_errors;
};

}  // namespace walklab::core
