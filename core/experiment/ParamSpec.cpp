#include "core/experiment/ParamSpec.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace walklab::core {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::unexpected<Errors> syntaxError(const ParamSpec& spec, std::string_view text, const std::string& what)
{
    return fail(ErrorKind::InvalidParameter, spec.key,
                spec.key + " = " + (text.empty() ? std::string("(empty)") : std::string(text)) +
                    ": must be " + what);
}

/// A bound of a declared range: "10^9" for a power of ten from 10^4 on, else the number, with a
/// true minus sign ("−10^9").
std::string boundText(double v)
{
    const double a = std::abs(v);
    const double e = std::round(std::log10(a));
    std::string text = a >= 1e4 && a == std::pow(10.0, e) ? "10^" + std::to_string(int(e))
                                                          : std::to_string(std::int64_t(a));
    return v < 0 ? "−" + text : text;
}

bool parseDouble(std::string_view s, double& value)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

}  // namespace

ParamSpec seedParam(std::string defaultText)
{
    return {"seed", "Seed", ParamType::Seed, 0, 1.8446744073709552e19, std::move(defaultText), "",
            "Seed of the random streams (0 … 2^64 − 1): the same seed gives the same result."};
}

std::string paramText(const ParamSet& params, const ParamSpec& spec)
{
    const auto it = params.find(spec.key);
    return it == params.end() ? spec.defaultText : it->second;
}

Expected<std::int64_t> parseInteger(const ParamSpec& spec, std::string_view text)
{
    const std::string_view s = trim(text);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
        return value;
    // Scientific notation such as 1e6 is accepted when it names a whole number in range of
    // a 64-bit integer; anything else is refused rather than rounded.
    double d = 0;
    if (parseDouble(s, d) && std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.0e18)
        return std::int64_t(d);
    // The declared range (the experiment's validation may narrow it once the value parses).
    const bool ranged = spec.minimum < spec.maximum && spec.minimum == std::floor(spec.minimum)
                        && spec.maximum == std::floor(spec.maximum);
    return syntaxError(spec, text,
                       ranged ? "a whole number between " + boundText(spec.minimum) + " and " + boundText(spec.maximum)
                              : std::string("a whole number"));
}

Expected<double> parseReal(const ParamSpec& spec, std::string_view text)
{
    const std::string_view s = trim(text);
    double value = 0;
    if (parseDouble(s, value))
        return value + 0.0;  // −0 + 0 = +0: no "-0" in titles and results
    return syntaxError(spec, text, "a number");
}

Expected<std::uint64_t> parseSeed(const ParamSpec& spec, std::string_view text)
{
    const std::string_view s = trim(text);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
        return value;
    return syntaxError(spec, text, "a whole number between 0 and 2^64 − 1");
}

Expected<std::string> parseChoice(const ParamSpec& spec, std::string_view text)
{
    const std::string_view s = trim(text);
    auto same = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) ==
                          std::tolower(static_cast<unsigned char>(y));
               });
    };
    std::string allowed;
    for (const ParamChoice& c : spec.choices) {
        if (same(s, c.key) || same(s, c.label))
            return c.key;
        allowed += (allowed.empty() ? "" : ", ") + c.key;
    }
    return syntaxError(spec, text, ("one of " + allowed).c_str());
}

std::string echoText(const ParamSpec& spec, std::string_view text)
{
    switch (spec.type) {
    case ParamType::Integer:
        if (const auto v = parseInteger(spec, text))
            return std::to_string(*v);
        break;
    case ParamType::Seed:
        if (const auto v = parseSeed(spec, text))
            return std::to_string(*v);
        break;
    case ParamType::Real:
        if (const auto v = parseReal(spec, text)) {
            std::string_view s = trim(text);
            if (s.front() == '+')
                s.remove_prefix(1);
            return *v == 0 ? "0" : std::string(s);
        }
        break;
    case ParamType::Choice:
        if (const auto v = parseChoice(spec, text))
            return *v;
        break;
    case ParamType::Text:
        break;
    }
    return std::string(text);
}

}  // namespace walklab::core
