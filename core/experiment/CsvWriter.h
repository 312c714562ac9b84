// Writes a Panel as comma-separated values.
#pragma once

#include "core/experiment/Result.h"

#include <ostream>

namespace walklab::core {

/// Writes `panel` to `out` : a header row `xKey,series1,series2,…` then one row per x value; a
/// series with error bars is followed by its column "<key>_2se" (the bars' half-width, 2 standard
/// errors). Whole numbers are written as integers, others with the shortest text that reads back
/// to the same double, NaN as "nan".
/// Series marked plotOnly are left out, and so are rows whose x and written values are all NaN
/// (rows that only held such marks).
void writeCsv(const Panel& panel, std::ostream& out);

}  // namespace walklab::core
