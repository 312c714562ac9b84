#include "core/experiment/TextFormat.h"

#include <charconv>
#include <cstdio>
#include <string>

namespace walklab::core {

std::string formatNumber(double value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string formatSignificant(double value, int digits)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

std::string formatDuration(double seconds)
{
    if (seconds < 120)
        return formatSignificant(seconds, 2) + " s";
    if (seconds < 7200)
        return formatSignificant(seconds / 60, 2) + " min";
    return formatSignificant(seconds / 3600, 2) + " h";
}

std::string formatRunTime(double seconds, unsigned threads)
{
    return formatSignificant(seconds, 3) + " s on " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

}  // namespace walklab::core
