#include "core/experiment/MemoryCheck.h"

#include "core/experiment/TextFormat.h"

namespace walklab::core {

std::string formatBytes(double bytes)
{
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < 6) {
        bytes /= 1024;
        ++u;
    }
    return formatSignificant(bytes, 3) + " " + units[u];
}

Errors checkMemory(double bytes, const std::string& what, const std::string& advice)
{
    if (bytes <= kMemoryLimitBytes)
        return {};
    return {Error{ErrorKind::TooLarge, "",
                  "the simulation would need about " + formatBytes(bytes) + " of memory (" + what
                      + "); the limit is " + formatBytes(kMemoryLimitBytes) + ": " + advice}};
}

}  // namespace walklab::core
