#include "ui/plot/Exporter.h"

#include "core/experiment/CsvWriter.h"
#include "ui/plot/PlotCanvas.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <sstream>

namespace walklab::ui {

namespace {

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

QString failure(const QString& path, const QString& cause)
{
    return QStringLiteral("cannot write %1: %2").arg(shown(path), cause);
}

/// Commits `file`; an empty string on success (nothing is left behind otherwise).
QString commit(QSaveFile& file, const QString& path)
{
    if (file.commit())
        return {};
    return failure(path, file.errorString());
}

/// The figure laid out at width/scale × height/scale and drawn on width × height pixels (as
/// QCustomPlot::toPixmap does, but always at exactly the size asked for: the scales along x and
/// y differ from `scale` by less than one layout pixel's worth).
QImage render(PlotCanvas& canvas, int width, int height, double scale)
{
    const int layoutWidth = qRound(width / scale), layoutHeight = qRound(height / scale);
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull() || layoutWidth < 1 || layoutHeight < 1)
        return {};
    image.fill(Qt::white);
    QCPPainter painter(&image);
    if (scale > 1)
        painter.setMode(QCPPainter::pmNonCosmetic);  // lines thicken with the scale
    painter.scale(double(width) / layoutWidth, double(height) / layoutHeight);
    canvas.toPainter(&painter, layoutWidth, layoutHeight);
    painter.end();
    return image;
}

QString writeRaster(PlotCanvas& canvas, QSaveFile& file, const QString& path, int width,
                    int height, double scale, ImageFormat format)
{
    QImage image = render(canvas, width, height, scale);
    if (image.isNull() || image.width() != width || image.height() != height)
        return failure(path, QStringLiteral("cannot render a %1×%2 image (out of memory?)")
                                 .arg(width)
                                 .arg(height));
    QImageWriter writer(&file, format == ImageFormat::Png ? "png" : "jpeg");
    if (format == ImageFormat::Jpg) {
        image = image.convertToFormat(QImage::Format_RGB32);
        writer.setQuality(92);
    }
    if (!writer.write(image))
        return failure(path, writer.errorString());
    return {};
}

QString writeSvg(PlotCanvas& canvas, QSaveFile& file, const QString& path, int width, int height)
{
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setResolution(72);  // so the declared size is width × height points
    generator.setTitle(QStringLiteral("WalkLab plot"));
    generator.setDescription(QStringLiteral("Created by WalkLab"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return failure(path, QStringLiteral("cannot start the SVG painter"));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    canvas.toPainter(&painter, width, height);
    painter.end();
    if (file.error() != QFileDevice::NoError)
        return failure(path, file.errorString());
    return {};
}

QString writePdf(PlotCanvas& canvas, QSaveFile& file, const QString& path, int width, int height)
{
    QPdfWriter writer(&file);
    writer.setCreator(QStringLiteral("WalkLab"));
    writer.setTitle(QStringLiteral("WalkLab plot"));
    // One device unit per point: the page is exactly width × height points, which is what
    // toPainter() fills. Fonts are in pixels (see PlotCanvas), so text keeps its proportions.
    writer.setResolution(72);
    writer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(width, height), QPageSize::Point, QString(), QPageSize::ExactMatch),
        QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
    QCPPainter painter;
    if (!painter.begin(&writer))
        return failure(path, QStringLiteral("cannot start the PDF painter"));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    canvas.toPainter(&painter, width, height);
    painter.end();
    if (file.error() != QFileDevice::NoError)
        return failure(path, file.errorString());
    return {};
}

}  // namespace

std::optional<ImageFormat> imageFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ImageFormat::Png;
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return ImageFormat::Jpg;
    if (suffix == QLatin1String("svg"))
        return ImageFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ImageFormat::Pdf;
    return std::nullopt;
}

QString exportPlot(PlotCanvas& canvas, const QString& path, int width, int height, double scale)
{
    const auto format = imageFormatForPath(path);
    if (!format) {
        const QString suffix = QFileInfo(path).suffix();
        return failure(path, QStringLiteral("%1; supported image formats are .png, .jpg "
                                            "(.jpeg), .svg and .pdf")
                                 .arg(suffix.isEmpty() ? QStringLiteral("no file extension")
                                                       : QStringLiteral("unsupported extension .%1").arg(suffix)));
    }
    const bool vector = isVector(*format);
    if (width < 1 || width > kMaxImageSide || height < 1 || height > kMaxImageSide)
        return failure(path, QStringLiteral("size %1×%2 is outside 1 … %3 %4")
                                 .arg(width)
                                 .arg(height)
                                 .arg(kMaxImageSide)
                                 .arg(vector ? QStringLiteral("points") : QStringLiteral("pixels")));
    if (!(scale > 0) || qRound(width / scale) < 1 || qRound(height / scale) < 1 || (vector && scale != 1))
        return failure(path, QStringLiteral("scale %1 does not fit a %2×%3 %4")
                                 .arg(scale)
                                 .arg(width)
                                 .arg(height)
                                 .arg(vector ? QStringLiteral("vector image (SVG and PDF take scale 1)")
                                             : QStringLiteral("image (width and height must be at least the scale)")));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file.errorString());
    QString error;
    switch (*format) {
    case ImageFormat::Png:
    case ImageFormat::Jpg: error = writeRaster(canvas, file, path, width, height, scale, *format); break;
    case ImageFormat::Svg: error = writeSvg(canvas, file, path, width, height); break;
    case ImageFormat::Pdf: error = writePdf(canvas, file, path, width, height); break;
    }
    if (!error.isEmpty()) {
        file.cancelWriting();
        return error;
    }
    return commit(file, path);
}

QString exportCsv(const core::Panel& panel, const QString& path)
{
    std::ostringstream out;
    core::writeCsv(panel, out);
    const std::string text = out.str();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file.errorString());
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        const QString error = failure(path, file.errorString());
        file.cancelWriting();
        return error;
    }
    return commit(file, path);
}

}  // namespace walklab::ui
