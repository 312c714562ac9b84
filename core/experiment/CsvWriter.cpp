#include "core/experiment/CsvWriter.h"

#include "core/experiment/TextFormat.h"

#include <algorithm>
#include <cmath>
#include <vector>

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
    std::vector<const Series*> columns;
    for (const auto& s : panel.series)
        if (!s.plotOnly)
            columns.push_back(&s);
    out << panel.xKey;
    for (const Series* s : columns) {
        out << ',' << s->key;
        if (!s->error.empty())
            out << ',' << s->key << "_2se";
    }
    out << '\n';
    for (std::size_t i = 0; i < panel.x.size(); ++i) {
        const auto empty = [&](const Series* c) { return i >= c->y.size() || std::isnan(c->y[i]); };
        if (std::isnan(panel.x[i]) && std::all_of(columns.begin(), columns.end(), empty))
            continue;  // a row that only held plot marks
        out << cell(panel.x[i]);
        for (const Series* p : columns) {
            const Series& s = *p;
            out << ',' << (i < s.y.size() ? cell(s.y[i]) : std::string());
            if (!s.error.empty())
                out << ',' << (i < s.error.size() ? cell(s.error[i]) : std::string());
        }
        out << '\n';
    }
}

}  // namespace walklab::core
