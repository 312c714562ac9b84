#include "ui/plot/PlotStyle.h"

#include <cmath>
#include <iterator>

namespace walklab::ui::detail {

namespace {

const QColor kLineColors[] = {QColor(0, 120, 55), QColor(200, 110, 0), QColor(110, 60, 160),
                              QColor(0, 110, 150), QColor(150, 40, 110)};
const QColor kPathColors[] = {QColor(78, 121, 167),  QColor(242, 142, 43), QColor(225, 87, 89),
                              QColor(118, 183, 178), QColor(89, 161, 79),  QColor(237, 201, 72),
                              QColor(176, 122, 161), QColor(255, 157, 167), QColor(156, 117, 95),
                              QColor(186, 176, 172)};
const QColor kGroupColors[] = {QColor(205, 40, 45), QColor(30, 90, 190), QColor(0, 135, 60),
                               QColor(200, 110, 0)};

class IntegerTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override
    {
        const double step = QCPAxisTicker::getTickStep(range);
        if (step <= 1)
            return 1;
        if (step < 10 && step != std::floor(step))
            return std::floor(step);
        return step;
    }
    int getSubTickCount(double tickStep) override
    {
        if (tickStep <= 1)
            return 0;
        if (tickStep == 2)
            return 1;
        if (tickStep == 5)
            return 4;
        return QCPAxisTicker::getSubTickCount(tickStep);
    }
};

}  // namespace

QFont pixelFont(int px, bool bold)
{
    // "sans-serif" is resolved by fontconfig (DejaVu Sans here) and is the generic CSS family
    // that SVG viewers understand.
    QFont f(QStringLiteral("sans-serif"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

QColor lineColor(int index)
{
    return kLineColors[std::size_t(index) % std::size(kLineColors)];
}

QColor pathColor(int index, int count)
{
    QColor c = kPathColors[std::size_t(index) % std::size(kPathColors)];
    c.setAlpha(count <= 20 ? 220 : count <= 100 ? 150 : count <= 300 ? 115 : 80);
    return c;
}

QColor groupColor(int index)
{
    return kGroupColors[std::size_t(index) % std::size(kGroupColors)];
}

double pathWidth(int count)
{
    return count <= 20 ? 1.3 : 1.0;
}

QCPScatterStyle markerStyle(int index)
{
    struct Marker {
        QCPScatterStyle::ScatterShape shape;
        QColor color;
        double size;
    };
    static const Marker markers[] = {{QCPScatterStyle::ssCircle, QColor(0, 135, 60), 10},
                                     {QCPScatterStyle::ssSquare, QColor(190, 25, 40), 9},
                                     {QCPScatterStyle::ssDiamond, QColor(110, 60, 160), 11},
                                     {QCPScatterStyle::ssTriangle, QColor(200, 110, 0), 11}};
    const Marker& m = markers[std::size_t(index) % std::size(markers)];
    QCPScatterStyle style(m.shape, QPen(Qt::white, 1.5), QBrush(m.color), m.size);
    return style;
}

void styleAxis(QCPAxis* axis)
{
    axis->setBasePen(QPen(kAxisColor, 1));
    axis->setTickPen(QPen(kAxisColor, 1));
    axis->setSubTickPen(QPen(kAxisColor, 1));
    axis->setTickLabelColor(kAxisColor.darker(130));
    axis->setLabelColor(Qt::black);
    axis->setTickLabelFont(pixelFont(kTickPx));
    axis->setLabelFont(pixelFont(kLabelPx));
    axis->setTickLengthIn(5);
    axis->setSubTickLengthIn(2);
    axis->setLabelPadding(6);
    axis->grid()->setPen(QPen(kGridColor, 1));
    axis->grid()->setZeroLinePen(QPen(QColor(185, 185, 185), 1));
    axis->grid()->setSubGridVisible(false);
}

void closeFrame(QCPAxisRect* rect)
{
    for (auto* axis : {rect->axis(QCPAxis::atTop), rect->axis(QCPAxis::atRight)}) {
        axis->setVisible(true);
        axis->setTicks(false);
        axis->setTickLabels(false);
    }
}

QCPTextElement* makeTitle(QCustomPlot* plot, const QString& text, bool bold)
{
    auto* title = new QCPTextElement(plot, text, pixelFont(bold ? kTitlePx : kLabelPx, bold));
    title->setTextColor(Qt::black);
    title->setMargins(QMargins(0, bold ? 8 : 4, 0, 4));
    return title;
}

QCPLegend* addLegend(QCPAxisRect* rect)
{
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    rect->insetLayout()->setMargins(QMargins(10, 10, 10, 10));
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(pixelFont(kLegendPx));
    legend->setTextColor(Qt::black);
    legend->setBrush(QColor(255, 255, 255, 215));
    legend->setBorderPen(QPen(QColor(190, 190, 190), 1));
    legend->setIconSize(26, 12);
    legend->setIconTextPadding(9);  // SVG has no clipping: graph icons overrun by 5 px
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(7, 3, 8, 2));
    return legend;
}

void finishLegend(QCPLegend* legend)
{
    // Underscores and descenders reach 2 to 3 px below the line height at these sizes.
    for (int i = 0; i < legend->itemCount(); ++i)
        legend->item(i)->setMargins(QMargins(0, 0, 0, 3));
    legend->setVisible(legend->itemCount() > 0);
}

QString wrapText(const QString& text, const QFontMetrics& metrics, int width)
{
    QString whole = text;
    whole.replace(QStringLiteral(" = "), QStringLiteral("\u00a0=\u00a0"));
    QStringList lines;
    QString line;
    for (const QString& word : whole.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (line.isEmpty() || metrics.horizontalAdvance(longer) <= width) {
            line = longer;
            continue;
        }
        lines << line;
        line = word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n')).replace(QChar(0xa0), QLatin1Char(' '));
}

QSharedPointer<QCPAxisTicker> integerTicker()
{
    return QSharedPointer<QCPAxisTicker>(new IntegerTicker);
}

}  // namespace walklab::ui::detail
