// The shared look of the plots: core text shown with subscripts, paths that read on a projector.
#include "ui/plot/PlotStyle.h"

#include <QTest>

#include <cmath>

using namespace walklab::ui::detail;

namespace {

/// Relative luminance of an sRGB colour (WCAG 2.1, §1.4.3 "relative luminance").
double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

/// Contrast ratio of `c` on white (WCAG 2.1: (L1 + 0.05) / (L2 + 0.05)).
double contrastOnWhite(const QColor& c)
{
    return 1.05 / (luminance(c) + 0.05);
}

}  // namespace

class PlotStyleTest : public QObject {
    Q_OBJECT

private slots:
    void subscripts_data()
    {
        QTest::addColumn<QString>("core");
        QTest::addColumn<QString>("shown");
        QTest::newRow("letter") << "P(S_n = k)" << "P(Sₙ = k)";
        QTest::newRow("several") << "X_i, T_k and P_n / n" << "Xᵢ, Tₖ and Pₙ / n";
        QTest::newRow("digit") << "Interarrival time S_1 − s" << "Interarrival time S₁ − s";
        QTest::newRow("braces") << "S_{j+1} − S_j" << "Sⱼ₊₁ − Sⱼ";
        QTest::newRow("after a bar") << "E|S_t|²" << "E|Sₜ|²";
        QTest::newRow("two digits") << "T_10" << "T₁₀";
        // No Unicode subscript for T or V: left as written, not half converted.
        QTest::newRow("no subscript") << "d_TV(n)" << "d_TV(n)";
        // A name longer than one letter is no symbol with a subscript.
        QTest::newRow("identifier") << "path_12, m_steps and S_nk" << "path_12, m_steps and S_nk";
        QTest::newRow("plain") << "Number of events N(T)" << "Number of events N(T)";
        QTest::newRow("trailing underscore") << "S_" << "S_";
    }

    void subscripts()
    {
        QFETCH(QString, core);
        QFETCH(QString, shown);
        QCOMPARE(displayText(core), shown);
        QCOMPARE(displayText(core.toStdString()), shown);
    }

    void subscriptsAreInTheFont()
    {
        // Every subscript displayText() writes is in the plots' font (DejaVu Sans), so none
        // is drawn as a box.
        const QFontMetrics metrics(pixelFont(kLegendPx));
        for (const QChar c : displayText(QStringLiteral("X_{0123456789+-=()aeoxhklmnpstijruv}")).mid(1))
            QVERIFY2(metrics.inFont(c), qPrintable(QString(c)));
    }

    void pathsReadOnAProjector()
    {
        // Paths of a bundle a class can follow one by one (the counting process's 20) are at
        // least 2 px wide, in colours of at least 3:1 contrast on white (WCAG 2.1, 1.4.11).
        for (const int count : {1, 20, 100})
            QVERIFY(pathWidth(count) >= 2.0);
        for (int i = 0; i < 10; ++i) {
            QColor c = pathColor(i, 20);
            c.setAlpha(255);
            QVERIFY2(contrastOnWhite(c) >= 3.0, qPrintable(QStringLiteral("path %1: %2").arg(i).arg(contrastOnWhite(c))));
        }
        // The test tells a pastel palette from a strong one: Tableau 10's yellow fails it.
        QVERIFY(contrastOnWhite(QColor(237, 201, 72)) < 3.0);
    }
};

QTEST_MAIN(PlotStyleTest)
#include "PlotStyleTest.moc"
