#include "core/experiment/ParamReader.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <string_view>

namespace walklab::core {

namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string ParamReader::raw(const std::string& key) const
{
    return paramText(m_params, *m_experiment.param(key));
}

template <class T>
T ParamReader::keep(Expected<T> parsed)
{
    if (parsed)
        return *parsed;
    m_errors.insert(m_errors.end(), parsed.error().begin(), parsed.error().end());
    return T{};
}

double ParamReader::real(const std::string& key)
{
    return keep(parseReal(*m_experiment.param(key), raw(key)));
}

std::int64_t ParamReader::integer(const std::string& key)
{
    return keep(parseInteger(*m_experiment.param(key), raw(key)));
}

std::uint64_t ParamReader::seed(const std::string& key)
{
    return keep(parseSeed(*m_experiment.param(key), raw(key)));
}

std::string ParamReader::choice(const std::string& key)
{
    return keep(parseChoice(*m_experiment.param(key), raw(key)));
}

std::string ParamReader::text(const std::string& key)
{
    return std::string(trim(raw(key)));
}

bool ParamReader::blank(const std::string& key) const
{
    return trim(raw(key)).empty();
}

double ParamReader::realOr(const std::string& key, double derived, const std::string& how)
{
    if (!blank(key))
        return real(key);
    chose(key, formatSignificant(derived, 15) + " (" + how + ")");  // 1 − 0.55 reads 0.45
    return derived;
}

std::int64_t ParamReader::paths(const std::string& key, std::int64_t repetitions, const std::string& repetitionsKey)
{
    const std::int64_t value = integer(key);
    const std::int64_t cap = std::max<std::int64_t>(repetitions, 0);
    if (m_params.contains(key) || value <= cap)
        return value;
    chose(key, std::to_string(cap) + " (default " + std::to_string(value) + ", at most " + repetitionsKey + ")");
    return cap;
}

void ParamReader::chose(const std::string& key, const std::string& text)
{
    if (m_chosen)
        (*m_chosen)[key] = text;
}

void ParamReader::check(const Errors& errors)
{
    for (const Error& e : errors)
        if (e.parameter.empty() || ok(e.parameter))
            m_errors.push_back(e);
}

void ParamReader::reject(const std::string& key, const std::string& message)
{
    m_errors.push_back({ErrorKind::InvalidParameter, key, message});
}

bool ParamReader::ok(const std::string& key) const
{
    return std::none_of(m_errors.begin(), m_errors.end(), [&](const Error& e) { return e.parameter == key; });
}

}  // namespace walklab::core
