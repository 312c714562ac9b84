// Writes plots (PNG, JPG, SVG, PDF) and data (CSV) to files, never leaving a partial file.
#pragma once

#include "core/experiment/Result.h"

#include <QString>
#include <optional>

namespace walklab::ui {

class PlotCanvas;

enum class ImageFormat { Png, Jpg, Svg, Pdf };

/// The format named by the file's extension (case-insensitive: .png, .jpg/.jpeg, .svg, .pdf).
std::optional<ImageFormat> imageFormatForPath(const QString& path);

/// SVG and PDF: vector images, sized in points; PNG and JPG in pixels.
inline bool isVector(ImageFormat format)
{
    return format == ImageFormat::Svg || format == ImageFormat::Pdf;
}

/// Largest width or height exportPlot() takes, in pixels or points.
constexpr int kMaxImageSide = 10000;

/// Renders `canvas` at width × height pixels (SVG and PDF: the same size in points, vector
/// output) to `path`, writing through QSaveFile so a failure leaves no file behind.
/// PNG and JPG with `scale` F ≠ 1: the figure is laid out at width/F × height/F pixels and
/// drawn F times denser (fonts, lines and margins grow with it); SVG and PDF refuse F ≠ 1.
/// Returns an empty string on success, otherwise a message naming the file and the cause.
QString exportPlot(PlotCanvas& canvas, const QString& path, int width, int height, double scale = 1);

/// Writes `panel` as CSV (core::writeCsv) to `path` through QSaveFile.
/// Returns an empty string on success, otherwise a message naming the file and the cause.
QString exportCsv(const core::Panel& panel, const QString& path);

}  // namespace walklab::ui
