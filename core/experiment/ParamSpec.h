// Declarations of experiment parameters, and the parsing of their text form.
#pragma once

#include "core/experiment/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace walklab::core {

enum class ParamType {
    Integer,  ///< whole number; "1e6" is accepted when it is one
    Real,     ///< floating point
    Seed,     ///< unsigned 64-bit
};

/// One parameter of an experiment. The GUI form, the command-line options, the experiment
/// files and the help text are all generated from these.
struct ParamSpec {
    std::string key;          ///< "steps": option --steps, JSON key, field name
    std::string label;        ///< "Steps n"
    ParamType type = ParamType::Real;
    double minimum = 0;       ///< allowed range (inclusive) for Integer and Real, for widgets;
    double maximum = 0;       ///< the experiment's validation is what enforces it
    std::string defaultText;  ///< default value as text; empty means "derived" (see help)
    std::string unit;         ///< "steps", "walkers", "" for probabilities
    std::string help;         ///< one line for tooltips and --help
};

/// Parameter values as text, keyed by ParamSpec::key. Missing keys take their default.
using ParamSet = std::map<std::string, std::string>;

/// The text of `spec` in `params`, or its default.
std::string paramText(const ParamSet& params, const ParamSpec& spec);

/// Parse `text` as the spec's type; syntax only, ranges are the experiment's to check.
/// Errors name the parameter and the text: "steps = abc: must be a whole number".
Expected<std::int64_t> parseInteger(const ParamSpec& spec, std::string_view text);
Expected<double> parseReal(const ParamSpec& spec, std::string_view text);
Expected<std::uint64_t> parseSeed(const ParamSpec& spec, std::string_view text);

}  // namespace walklab::core
