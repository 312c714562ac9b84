#include "ui/plot/PlotStyle.h"

#include <QRegularExpression>

#include <cmath>
#include <iterator>

namespace walklab::ui::detail {

namespace {

const QColor kLineColors[] = {QColor(0, 120, 55), QColor(200, 110, 0), QColor(110, 60, 160),
                              QColor(0, 110, 150), QColor(150, 40, 110)};
// Tableau 10's hues, darkened until each has a contrast of at least 3:1 on white (WCAG's
// least for graphics), so that single paths read on a projector.
const QColor kPathColors[] = {QColor(45, 95, 160),  QColor(190, 95, 0),   QColor(200, 40, 45),
                              QColor(0, 125, 115),  QColor(45, 130, 40),  QColor(140, 110, 0),
                              QColor(135, 70, 150), QColor(200, 40, 120), QColor(125, 85, 55),
                              QColor(95, 95, 95)};
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

/// The Unicode subscript of `c`, or a null QChar when there is none.
QChar subscriptOf(QChar c)
{
    static const QString from = QStringLiteral("0123456789+-=()aeoxhklmnpstijruv\u2212\u0259");
    static const QString to = QStringLiteral(
        "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208c\u208d\u208e"
        "\u2090\u2091\u2092\u2093\u2095\u2096\u2097\u2098\u2099\u209a\u209b\u209c"
        "\u1d62\u2c7c\u1d63\u1d64\u1d65\u208b\u2094");
    const qsizetype at = from.indexOf(c);
    return at < 0 ? QChar() : to.at(at);
}

}  // namespace

QString displayText(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("(?<![\\w])(\\w)_(\\{([^{}]+)\\}|[0-9]+|[A-Za-z](?![\\w]))"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    QString out;
    qsizetype done = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString sub = m.captured(3).isNull() ? m.captured(2) : m.captured(3);
        QString lowered;
        for (const QChar c : sub) {
            const QChar s = subscriptOf(c);
            if (s.isNull()) {
                lowered.clear();
                break;
            }
            lowered += s;
        }
        if (lowered.isEmpty())
            continue;  // d_TV: no subscript for T, so the underscore stays
        out += QStringView(text).mid(done, m.capturedStart(0) - done);
        out += m.captured(1) + lowered;
        done = m.capturedEnd(0);
    }
    out += QStringView(text).mid(done);
    return out;
}

QString displayText(const std::string& text)
{
    return displayText(QString::fromStdString(text));
}

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
    c.setAlpha(count <= 20 ? 235 : count <= 100 ? 150 : count <= 300 ? 115 : 80);
    return c;
}

QColor groupColor(int index)
{
    return kGroupColors[std::size_t(index) % std::size(kGroupColors)];
}

double pathWidth(int count)
{
    // At least 2 px while single paths can be followed; a dense bundle reads as a whole.
    return count <= 20 ? 2.4 : count <= 100 ? 2.0 : 1.4;
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
