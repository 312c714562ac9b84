// ChartPlot's marks for the path views of issue 5: error bars on simulated points, a
// logarithmic x axis (log–log tails), and groups of series drawn in one colour (sample paths
// coloured by sign). State, not pixels: plottables, their data, pens, axis ranges, legends.
#include "ui/plot/PlotCanvas.h"

#include <QTest>

#include <cmath>

using walklab::ui::PlotCanvas;
namespace core = walklab::core;

namespace {

core::Result resultOf(core::Panel panel)
{
    core::Result r;
    r.experiment = "synthetic";
    r.panels = {std::move(panel)};
    return r;
}

/// Ruin probabilities 1 − z/10 at z = 0 … 10 as Points ± 0.05, with the line through them.
core::Panel ruinCurve()
{
    core::Panel p{"ruin", "Ruin", "capital", "Capital z", "P(ruin)", {}, {}, {}};
    core::Series points{"simulated", "Simulated ± 2 se", core::SeriesStyle::Points, {}};
    core::Series exact{"exact", "Exact", core::SeriesStyle::Line, {}};
    for (int z = 0; z <= 10; ++z) {
        p.x.push_back(z);
        points.y.push_back(1 - z / 10.0);
        points.error.push_back(0.05);
        exact.y.push_back(1 - z / 10.0);
    }
    p.series = {points, exact};
    return p;
}

QCPGraph* graphOf(QCustomPlot& plot, const QString& key)
{
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (plot.plottable(i)->property("seriesKey").toString() == key)
            return qobject_cast<QCPGraph*>(plot.plottable(i));
    return nullptr;
}

QList<QCPErrorBars*> errorBars(QCustomPlot& plot)
{
    QList<QCPErrorBars*> out;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(plot.plottable(i)))
            out << bars;
    return out;
}

QStringList legendNames(QCPAxisRect* rect)
{
    QStringList names;
    auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(0));
    for (int i = 0; legend && i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            names << item->plottable()->name();
    return names;
}

}  // namespace

class ChartMarksTest : public QObject {
    Q_OBJECT
private slots:
    void pointsWithErrorsGetErrorBarsInSight()
    {
        core::Panel panel = ruinCurve();
        panel.series[0].error[0] = 0.2;  // 1 ± 0.2: the top whisker at 1.2 must be in sight
        PlotCanvas canvas;
        canvas.setResult(resultOf(panel));
        const auto bars = errorBars(canvas);
        QCOMPARE(bars.size(), 1);
        QCOMPARE(bars[0]->dataPlottable(), graphOf(canvas, "simulated"));
        QCOMPARE(bars[0]->property("errorsOf").toString(), QString("simulated"));
        QCOMPARE(bars[0]->dataCount(), 11);
        QCOMPARE(bars[0]->data()->at(0).errorPlus, 0.2);
        QCOMPARE(bars[0]->data()->at(5).errorMinus, 0.05);
        QVERIFY(canvas.axisRect()->axis(QCPAxis::atLeft)->range().upper >= 1.2);
        QVERIFY(canvas.axisRect()->axis(QCPAxis::atLeft)->range().lower <= -0.05);

        panel.series[0].error.clear();  // no errors, no error bars
        canvas.setResult(resultOf(panel));
        QVERIFY(errorBars(canvas).isEmpty());
    }

    void logXDropsNonPositiveKeys()
    {
        // P(T_1 = n) for the fair walk falls like n^(−3/2): x from 0 (dropped) to 999.
        core::Panel panel{"passage", "First passage", "step", "Step n", "P(T = n)", {}, {}, {}};
        panel.logX = panel.logY = true;
        core::Series tail{"exact", "Exact", core::SeriesStyle::Points, {}};
        for (int n = 0; n < 1000; ++n) {
            panel.x.push_back(n);
            tail.y.push_back(n == 0 ? 0.0 : 0.4 * std::pow(n, -1.5));
        }
        panel.series = {tail};
        PlotCanvas canvas;
        canvas.setResult(resultOf(panel));
        QCPAxis* x = canvas.axisRect()->axis(QCPAxis::atBottom);
        QCPAxis* y = canvas.axisRect()->axis(QCPAxis::atLeft);
        QCOMPARE(x->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(y->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(x->range().lower > 0 && x->range().lower < 1);
        QVERIFY(x->range().upper > 999 && x->range().upper < 1500);
        QCPGraph* graph = graphOf(canvas, "exact");
        QCOMPARE(graph->dataCount(), 999);  // n = 0 cannot be drawn
        QCOMPARE(graph->data()->at(0)->key, 1.0);
        // A straight line on log–log: the pixel slope is the same at both ends.
        canvas.setViewport(QRect(0, 0, 800, 600));
        canvas.replot(QCustomPlot::rpImmediateRefresh);
        auto slope = [&](double a, double b) {
            const double dx = x->coordToPixel(b) - x->coordToPixel(a);
            const double dy = y->coordToPixel(0.4 * std::pow(b, -1.5)) - y->coordToPixel(0.4 * std::pow(a, -1.5));
            return dy / dx;
        };
        QVERIFY(std::abs(slope(1, 10) - slope(100, 999)) < 1e-6 * std::abs(slope(1, 10)));
    }

    void groupsShareAColourAndOneLegendEntry()
    {
        // Three paths, each split into the part above 0 and the part below (NaN elsewhere).
        core::Panel panel{"signpaths", "Sign", "step", "t", "S_t", {}, {}, {}};
        const double nan = std::nan("");
        panel.x = {0, 1, 2, 3, 4};
        for (int i = 1; i <= 3; ++i) {
            core::Series above{"positive_" + std::to_string(i), "Above 0", core::SeriesStyle::Line,
                               {0, 1, 0, nan, nan}};
            above.group = "positive";
            core::Series below{"negative_" + std::to_string(i), "Below 0", core::SeriesStyle::Line,
                               {nan, nan, 0, -1, -2}};
            below.group = "negative";
            panel.series.push_back(above);
            panel.series.push_back(below);
        }
        core::Series guide{"zero", "Level 0", core::SeriesStyle::Guide, {0, 0, 0, 0, 0}};
        panel.series.push_back(guide);
        PlotCanvas canvas;
        canvas.setResult(resultOf(panel));
        const QColor up = graphOf(canvas, "positive_1")->pen().color();
        const QColor down = graphOf(canvas, "negative_1")->pen().color();
        QVERIFY(up != down);
        for (const char* key : {"positive_2", "positive_3"})
            QCOMPARE(graphOf(canvas, key)->pen().color(), up);
        for (const char* key : {"negative_2", "negative_3"})
            QCOMPARE(graphOf(canvas, key)->pen().color(), down);
        QVERIFY(std::isnan(graphOf(canvas, "positive_1")->data()->at(3)->value));  // a gap
        QCOMPARE(legendNames(canvas.axisRect()), QStringList({"Above 0", "Below 0", "Level 0"}));
    }
};

QTEST_MAIN(ChartMarksTest)
#include "ChartMarksTest.moc"
