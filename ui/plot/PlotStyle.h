// The look shared by every plot of PlotCanvas: fonts, colours, axes, legends, tickers.
#pragma once

#include <qcustomplot.h>

#include <QColor>
#include <QFont>
#include <QString>

#include <string>

namespace walklab::ui::detail {

// Fonts are given in pixels, not points: QCustomPlot measures text with the screen's DPI
// while painting uses the paint device's, so point sizes would make the PDF and SVG layouts
// differ from the PNG one. Pixels are the same on every device (16 px = 12 pt at 96 dpi).
inline constexpr int kTitlePx = 16;
inline constexpr int kLabelPx = 15;
inline constexpr int kTickPx = 14;
inline constexpr int kLegendPx = 13;

inline const QColor kBarFill(135, 180, 225, 190);
inline const QColor kBarPen(60, 110, 170);
/// Fill of bars too many to outline (a pixel wide or less).
inline const QColor kThinBarFill(75, 130, 195, 230);
inline const QColor kPointColor(165, 20, 30);
inline const QColor kGuideColor(70, 70, 70);
inline const QColor kAxisColor(60, 60, 60);
inline const QColor kGridColor(225, 225, 225);

/// Core text as the window and the exports show it: the subscript of a one-letter symbol — one
/// letter, digits, or anything in braces ("S_n", "X_i", "T_10", "S_{j+1}") — in Unicode
/// subscript characters ("Sₙ", "Xᵢ", "T₁₀", "Sⱼ₊₁"; DejaVu Sans has them all). Anything else
/// stays as it is: a character with no Unicode subscript ("d_TV"), names ("path_12", "m_steps").
/// The core's strings and the CSV headers keep their underscores: this is for display only.
QString displayText(const QString& text);
QString displayText(const std::string& text);

/// A sans-serif font of `px` pixels.
QFont pixelFont(int px, bool bold = false);

/// Colour of curve `index` other than sample paths (the first is walk1d's normal approximation).
QColor lineColor(int index);
/// Colour of sample path `index` (distinct, Tableau 10's hues darkened to a 3:1 contrast on
/// white), with the alpha that keeps a bundle of `count` paths readable.
QColor pathColor(int index, int count);
/// Colour of the `index`-th group of series (Series::group: the parts of sample paths above 0,
/// those below): strong and far apart, red first, then blue.
QColor groupColor(int index);
/// Pen width of a path in a bundle of `count`: at least 2 px up to 100 paths.
double pathWidth(int count);
/// Marker of the `index`-th Points series drawn over another series (a trajectory's start,
/// end, …): distinct shape and colour each, white-rimmed so it stands out on dense paths.
QCPScatterStyle markerStyle(int index);

/// Axis pens, fonts and grid of the WalkLab look.
void styleAxis(QCPAxis* axis);
/// A closed frame: the axis rect's top and right axes draw only their base line.
void closeFrame(QCPAxisRect* rect);
/// A title text element (bold), for a panel or a sub-plot.
QCPTextElement* makeTitle(QCustomPlot* plot, const QString& text, bool bold = true);
/// Adds an empty legend in the top-right inset of `rect` (PlotCanvas moves it to the corner
/// where it hides less data).
QCPLegend* addLegend(QCPAxisRect* rect);
/// Shows `legend` if it has entries, and gives each entry room below its text: QCustomPlot
/// sizes an entry by the font's line height and clips to it, which cuts off underscores and
/// descenders in raster images.
void finishLegend(QCPLegend* legend);

/// `text` in lines of at most `width` pixels of `metrics`, broken at spaces only, never inside
/// a word or "n = 10000": a word wider than a line has a line of its own. Nothing is left out.
QString wrapText(const QString& text, const QFontMetrics& metrics, int width);

/// Tick steps that are whole numbers (1, 2, 5, 10, 20, 25, 50 …) for integer axes such as
/// positions and times, so a narrow range never gets ticks at 2.5.
QSharedPointer<QCPAxisTicker> integerTicker();

}  // namespace walklab::ui::detail
