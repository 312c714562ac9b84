#include "core/experiment/CsvWriter.h"

#include "core/experiment/TextFormat.h"

#include <cmath>

namespace walklab::core {

namespace {

std::string cell(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
        return std::to_string(std::int64_t(v));
    return formatNumber(v);
}

}  // namespace

void writeCsv(const Panel& panel, std::ostream& out)
{
    out << panel.xKey;
    for (const auto& s : panel.series) {
        out << ',' << s.key;
        if (!s.error.empty())
            out << ',' << s.key << "_2se";
    }
    out << '\n';
    for (std::size_t i = 0; i < panel.x.size(); ++i) {
        out << cell(panel.x[i]);
        for (const auto& s : panel.series) {
            out << ',' << (i < s.y.size() ? cell(s.y[i]) : std::string());
            if (!s.error.empty())
                out << ',' << (i < s.error.size() ? cell(s.error[i]) : std::string());
        }
        out << '\n';
    }
}

}  // namespace walklab::core
