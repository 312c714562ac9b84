// Declarations of experiment parameters, and the parsing of their text form.
#pragma once

#include "core/experiment/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace walklab::core {

enum class ParamType {
    Integer,  ///< whole number; "1e6" is accepted when it is one
    Real,     ///< floating point
    Seed,     ///< unsigned 64-bit
    Choice,   ///< one of ParamSpec::choices, given by its key
    Text,     ///< free text (a formula, a unit name); the experiment checks it
};

/// One allowed value of a Choice parameter.
struct ParamChoice {
    std::string key;    ///< text form: option value, JSON value ("gaps")
    std::string label;  ///< shown in the GUI ("Exponential gaps")
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
    std::vector<ParamChoice> choices;  ///< the allowed values of a Choice parameter
    bool slider = false;  ///< GUI: Integer/Real also get a slider that reruns while dragging
    /// The views this parameter drives (ViewSpec keys); empty = all. Editing it in the window
    /// brings the first of them into sight when none is shown.
    std::vector<std::string> views;
};

/// The "seed" parameter every simulation declares: 0 … 2^64 − 1, the same seed gives the same
/// result.
ParamSpec seedParam(std::string defaultText = "1");

/// Parameter values as text, keyed by ParamSpec::key. Missing keys take their default.
using ParamSet = std::map<std::string, std::string>;

/// The text of `spec` in `params`, or its default.
std::string paramText(const ParamSet& params, const ParamSpec& spec);

/// Parse `text` as the spec's type; syntax only, ranges are the experiment's to check.
/// Errors name the parameter and the text: "steps = abc: must be a whole number". A Real zero
/// is +0 however it is written ("-0", "-0.0e3").
Expected<std::int64_t> parseInteger(const ParamSpec& spec, std::string_view text);
Expected<double> parseReal(const ParamSpec& spec, std::string_view text);
Expected<std::uint64_t> parseSeed(const ParamSpec& spec, std::string_view text);
/// The key of the choice `text` names (by key, or by label, ignoring case and surrounding
/// blanks). Error: "method = foo: must be one of gaps, order-statistics".
Expected<std::string> parseChoice(const ParamSpec& spec, std::string_view text);

/// `text` as a run's parameter echo shows it: a value that parses in its normalised form
/// (Integer and Seed in decimal: "1e3" → "1000", "+7" → "7", "-0" → "0"; Real trimmed, without a
/// leading '+', zero as "0": "-0" → "0", "2.50" stays "2.50"; Choice its key), any other text
/// (Text, or a value that does not parse) unchanged.
std::string echoText(const ParamSpec& spec, std::string_view text);

}  // namespace walklab::core
