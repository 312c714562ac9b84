// The declaration every experiment makes once: parameters, views, validation and run.
#pragma once

#include "core/experiment/Error.h"
#include "core/experiment/ParamSpec.h"
#include "core/experiment/Result.h"
#include "core/experiment/RunControl.h"

#include <string>
#include <vector>

namespace walklab::core {

/// A view an experiment can show: one Panel of its Result (same key).
struct ViewSpec {
    std::string key;    ///< "endpoint": --view endpoint, CSV/plot name
    std::string title;  ///< "Endpoint distribution"
    std::string help;   ///< one line for --help
    /// Drawn when the user has not chosen views (the window's first plots, an export without
    /// --view). Experiments mark a pair that reads well on a projector: one or two views.
    bool shownByDefault = false;
    /// For a view that only some parameter values fill: those values ({{"barriers",
    /// "reflecting"}}); a run with others gives its Panel no series. Empty: every run fills it.
    ParamSet needs = {};
};

/// A named set of parameter values ("Hospital births: 3 per hour") offered in a menu; keys
/// not in `params` take their defaults.
struct Preset {
    std::string name;
    std::string help;
    ParamSet params;
};

/// An experiment: the GUI form, the command-line options, experiment files and CSV columns
/// are generated from this declaration, so adding one needs no code in the UI or CLI.
class Experiment {
public:
    virtual ~Experiment() = default;

    virtual std::string key() const = 0;    ///< "walk1d"
    virtual std::string title() const = 0;  ///< "1D random walk"
    virtual std::string help() const = 0;   ///< one paragraph for --help and tooltips
    virtual const std::vector<ParamSpec>& params() const = 0;
    virtual const std::vector<ViewSpec>& views() const = 0;
    /// Classic examples a user can pick from a menu (none by default).
    virtual std::vector<Preset> presets() const { return {}; }

    /// Parses and checks all parameters; one Error per bad parameter, empty when valid.
    virtual Errors validate(const ParamSet& params) const = 0;
    /// Validates, simulates and computes the exact laws. Errors: InvalidParameter,
    /// Cancelled, TooLarge. Thread-safe: may run concurrently with other runs.
    virtual Expected<Result> run(const ParamSet& params, RunControl& control) const = 0;

    /// Keys of the views marked shownByDefault, in declaration order; all views when none is
    /// marked.
    std::vector<std::string> defaultViews() const
    {
        std::vector<std::string> keys;
        for (const auto& v : views())
            if (v.shownByDefault)
                keys.push_back(v.key);
        if (keys.empty())
            for (const auto& v : views())
                keys.push_back(v.key);
        return keys;
    }

    /// The spec of the view `viewKey`, or nullptr.
    const ViewSpec* view(const std::string& viewKey) const
    {
        for (const auto& v : views())
            if (v.key == viewKey)
                return &v;
        return nullptr;
    }

    /// The spec of `paramKey`, or nullptr.
    const ParamSpec* param(const std::string& paramKey) const
    {
        for (const auto& p : params())
            if (p.key == paramKey)
                return &p;
        return nullptr;
    }
};

}  // namespace walklab::core
