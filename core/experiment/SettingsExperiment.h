// An Experiment whose text parameters parse into one Settings value: validate() and the frame of
// run() (parse, time, name the result) written once for the experiments built this way.
#pragma once

#include "core/experiment/Experiment.h"

#include <chrono>
#include <vector>

namespace walklab::core {

/// Subclasses fill m_params and m_views in their constructor and write parse() (text →
/// Settings) and compute() (valid Settings → Result).
template <class Settings>
class SettingsExperiment : public Experiment {
public:
    const std::vector<ParamSpec>& params() const override { return m_params; }
    const std::vector<ViewSpec>& views() const override { return m_views; }

    /// The errors of parse(); empty when every parameter is valid.
    Errors validate(const ParamSet& params) const override
    {
        auto parsed = parse(params, nullptr);
        return parsed ? Errors{} : parsed.error();
    }

    /// parse(), then compute(); sets Result::experiment to key(), Result::seconds to the
    /// wall-clock time of both, and adds what parse() chose to Result::chosen (compute() may
    /// add its own). Errors: those of parse() (InvalidParameter) and of compute().
    Expected<Result> run(const ParamSet& params, RunControl& control) const override
    {
        const auto start = std::chrono::steady_clock::now();
        ParamSet chosen;
        auto parsed = parse(params, &chosen);
        if (!parsed)
            return std::unexpected(parsed.error());
        auto result = compute(*parsed, control);
        if (result) {
            result->experiment = key();
            result->chosen.merge(chosen);
            result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
        return result;
    }

    /// Converts the text parameters and validates them; one Error per bad parameter. Values
    /// the settings take other than as written go to `chosen` when it is not null
    /// (ParamReader(…, chosen); Result::chosen).
    virtual Expected<Settings> parse(const ParamSet& params, ParamSet* chosen) const = 0;

protected:
    /// Simulates valid settings and builds the panels, summary and notes. Errors: Cancelled,
    /// TooLarge.
    virtual Expected<Result> compute(const Settings& settings, RunControl& control) const = 0;

    std::vector<ParamSpec> m_params;
    std::vector<ViewSpec> m_views;
};

}  // namespace walklab::core
