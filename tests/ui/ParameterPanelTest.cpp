// The parameter form generated from an experiment's ParamSpecs.
#include "core/experiment/Registry.h"
#include "ui/form/ParameterPanel.h"
#include "ui/form/SliderScale.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <cmath>

using walklab::ui::ParameterPanel;
using walklab::ui::SliderScale;
namespace core = walklab::core;

namespace {

/// An experiment with one parameter of each new kind: a choice, a text, and sliders over a
/// range of six decades (logarithmic), a range of one decade (linear) and a short integer
/// range (one position per value). It validates like a real one and never runs.
class FormExperiment : public core::Experiment {
public:
    FormExperiment()
    {
        m_params = {
            {"method", "Method", core::ParamType::Choice, 0, 0, "gaps", "", "How to simulate.",
             {{"gaps", "Exponential gaps"}, {"order-statistics", "Order statistics"}}},
            {"unit", "Time unit", core::ParamType::Text, 0, 0, "hour", "", "Name of the unit."},
            {"trials", "Trials n", core::ParamType::Integer, 1, 1e6, "100", "trials", "n.", {},
             true},
            {"rate", "Rate λ", core::ParamType::Real, 0.5, 5, "3", "per hour", "λ.", {}, true},
            {"count", "Count", core::ParamType::Integer, 0, 10, "4", "", "A small count.", {},
             true},
        };
    }
    std::string key() const override { return "form"; }
    std::string title() const override { return "Form"; }
    std::string help() const override { return "Parameters of every kind."; }
    const std::vector<core::ParamSpec>& params() const override { return m_params; }
    const std::vector<core::ViewSpec>& views() const override { return m_views; }
    core::Errors validate(const core::ParamSet& set) const override
    {
        core::Errors errors;
        auto add = [&](const core::Errors& e) { errors.insert(errors.end(), e.begin(), e.end()); };
        const core::ParamSpec& method = *param("method");
        if (auto m = core::parseChoice(method, core::paramText(set, method)); !m)
            add(m.error());
        if (core::paramText(set, *param("unit")).empty())
            errors.push_back({core::ErrorKind::InvalidParameter, "unit",
                              "unit = (empty): must be the name of a time unit"});
        for (const char* key : {"trials", "count"}) {
            const core::ParamSpec& spec = *param(key);
            const auto v = core::parseInteger(spec, core::paramText(set, spec));
            if (!v)
                add(v.error());
            else if (*v < spec.minimum || *v > spec.maximum)
                errors.push_back({core::ErrorKind::InvalidParameter, key, std::string(key) +
                                  " = " + std::to_string(*v) + ": out of range"});
        }
        if (auto r = core::parseReal(*param("rate"), core::paramText(set, *param("rate"))); !r)
            add(r.error());
        return errors;
    }
    core::Expected<core::Result> run(const core::ParamSet&, core::RunControl&) const override
    {
        return core::fail(core::ErrorKind::InvalidParameter, "", "not a real experiment");
    }

private:
    std::vector<core::ParamSpec> m_params;
    std::vector<core::ViewSpec> m_views;
};

}  // namespace

class ParameterPanelTest : public QObject {
    Q_OBJECT

    const core::Experiment* walk1d() { return core::findExperiment("walk1d"); }

    /// Replaces the text of `key`'s field by typing, as a user would.
    static void type(ParameterPanel& panel, const char* key, const QString& text)
    {
        QLineEdit* edit = panel.field(QString::fromLatin1(key));
        QVERIFY(edit);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

private slots:
    void oneFieldPerParamSpec()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        const auto& specs = walk1d()->params();
        QCOMPARE(panel.keys().size(), qsizetype(specs.size()));
        for (const auto& spec : specs) {
            const QString key = QString::fromStdString(spec.key);
            QLineEdit* edit = panel.field(key);
            QVERIFY2(edit, qPrintable(key));
            QCOMPARE(edit->text(), QString::fromStdString(spec.defaultText));
            QCOMPARE(edit->toolTip(), QString::fromStdString(spec.help));
            QVERIFY(panel.errorLabel(key));
            QVERIFY(panel.errorLabel(key)->isHidden());
        }
        QVERIFY(panel.isValid());
        QVERIFY(panel.validate().empty());
        // q has no default: it is derived, and the placeholder says how.
        QCOMPARE(panel.field("q")->placeholderText(), QStringLiteral("1 − p"));
        QVERIFY(panel.newSeedButton());
    }

    void paramsRoundTrip()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        panel.setParams({{"steps", "50"}, {"walkers", "20000"}, {"seed", "3"}});
        QVERIFY(changed.count() >= 1);
        const core::ParamSet set = panel.params();
        QCOMPARE(set.at("steps"), std::string("50"));
        QCOMPARE(set.at("walkers"), std::string("20000"));
        QCOMPARE(set.at("seed"), std::string("3"));
        QCOMPARE(set.at("q"), std::string(""));
        QCOMPARE(set.size(), walk1d()->params().size());
        panel.resetToDefaults();
        QCOMPARE(panel.params().at("steps"), walk1d()->param("steps")->defaultText);
    }

    void badValuesShowTheCoreMessage_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::newRow("steps 0") << "steps" << "0";
        QTest::newRow("p 1.5") << "p" << "1.5";
        QTest::newRow("steps abc") << "steps" << "abc";
        QTest::newRow("walkers abc") << "walkers" << "abc";
        QTest::newRow("seed -1") << "seed" << "-1";
    }

    void badValuesShowTheCoreMessage()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        type(panel, qPrintable(key), text);
        QCOMPARE(panel.field(key)->text(), text);
        QVERIFY(!panel.isValid());

        QLabel* error = panel.errorLabel(key);
        QVERIFY(!error->isHidden());
        // The message is the core's own: it names the parameter and the value.
        QVERIFY2(error->text().startsWith(key + " = " + text + ":"), qPrintable(error->text()));
        bool matchesCore = false;
        for (const auto& e : walk1d()->validate(panel.params()))
            matchesCore = matchesCore || (e.parameter == key.toStdString() &&
                                          error->text() == QString::fromStdString(e.message));
        QVERIFY(matchesCore);

        // Fixing the value clears the message.
        const auto* spec = walk1d()->param(key.toStdString());
        type(panel, qPrintable(key), QString::fromStdString(spec->defaultText));
        QVERIFY(panel.isValid());
        QVERIFY(error->isHidden());
        QVERIFY(error->text().isEmpty());
    }

    void showErrorsReplacesOldMessages()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        panel.showErrors({{core::ErrorKind::InvalidParameter, "steps", "steps = 0: bad"},
                          {core::ErrorKind::TooLarge, "", "too large"}});
        QVERIFY(!panel.errorLabel("steps")->isHidden());
        QCOMPARE(panel.errorLabel("steps")->text(), QStringLiteral("steps = 0: bad"));
        panel.showErrors({{core::ErrorKind::InvalidParameter, "walkers", "walkers = 0: bad"}});
        QVERIFY(panel.errorLabel("steps")->isHidden());
        QCOMPARE(panel.errorLabel("walkers")->text(), QStringLiteral("walkers = 0: bad"));
        QVERIFY(panel.focusFirstError());
        panel.showErrors({});
        QVERIFY(panel.errorLabel("walkers")->isHidden());
        QVERIFY(!panel.focusFirstError());
    }

    void derivedLazyProbability()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        QLineEdit* r = panel.derivedField();
        QVERIFY(r);
        QVERIFY(r->isReadOnly());
        QCOMPARE(r->text(), QStringLiteral("0"));  // p = 0.5, q = 1 − p
        type(panel, "p", "0.3");
        QCOMPARE(r->text(), QStringLiteral("0"));
        type(panel, "q", "0.2");
        QCOMPARE(r->text(), QStringLiteral("0.5"));
        type(panel, "q", "x");
        QCOMPARE(r->text(), QStringLiteral("—"));
        QVERIFY(!panel.errorLabel("q")->isHidden());
    }

    void newSeedDrawsAValidSeed()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        QLineEdit* seed = panel.field("seed");
        const QString before = seed->text();
        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        QTest::mouseClick(panel.newSeedButton(), Qt::LeftButton);
        QVERIFY(seed->text() != before);
        QVERIFY(changed.count() >= 1);
        bool ok = false;
        seed->text().toULongLong(&ok);
        QVERIFY(ok);
        QVERIFY(panel.isValid());
    }

    void returnRequestsARun()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        QSignalSpy run(&panel, &ParameterPanel::runRequested);
        QTest::keyClick(panel.field("walkers"), Qt::Key_Return);
        QCOMPARE(run.count(), 1);
    }

    void choiceIsAComboBoxOfLabelsStoringKeys()
    {
        FormExperiment form;
        ParameterPanel panel;
        panel.setExperiment(&form);
        QVERIFY(!panel.field("method"));
        QComboBox* box = panel.choiceBox("method");
        QVERIFY(box);
        QCOMPARE(box->objectName(), QStringLiteral("param_method"));
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(0), QStringLiteral("Exponential gaps"));
        QCOMPARE(box->itemText(1), QStringLiteral("Order statistics"));
        QCOMPARE(box->currentText(), QStringLiteral("Exponential gaps"));  // the default
        QCOMPARE(panel.params().at("method"), std::string("gaps"));
        QVERIFY(panel.isValid());

        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        box->setCurrentIndex(1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.params().at("method"), std::string("order-statistics"));
        // setParams takes a key or a label, in any case.
        panel.setParams({{"method", "GAPS"}});
        QCOMPARE(box->currentIndex(), 0);
        panel.setParams({{"method", "order statistics"}});
        QCOMPARE(box->currentIndex(), 1);
        panel.resetToDefaults();
        QCOMPARE(box->currentIndex(), 0);
    }

    void unknownChoiceIsAnErrorUntilOneIsPicked()
    {
        FormExperiment form;
        ParameterPanel panel;
        panel.setExperiment(&form);
        panel.setParams({{"method", "foo"}});
        QVERIFY(!panel.isValid());
        QLabel* error = panel.errorLabel("method");
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(),
                 QStringLiteral("method = foo: must be one of gaps, order-statistics"));
        QCOMPARE(panel.validate().size(), std::size_t(1));
        QVERIFY(panel.focusFirstError());
        panel.choiceBox("method")->setCurrentIndex(1);
        QVERIFY(panel.isValid());
        QVERIFY(error->isHidden());
    }

    void textIsTakenAsTyped()
    {
        FormExperiment form;
        ParameterPanel panel;
        panel.setExperiment(&form);
        QLineEdit* unit = panel.field("unit");
        QVERIFY(unit);
        QVERIFY(!panel.slider("unit"));
        type(panel, "unit", "light year 2");
        QCOMPARE(panel.params().at("unit"), std::string("light year 2"));  // not parsed
        QVERIFY(panel.isValid());
        type(panel, "unit", "");
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.errorLabel("unit")->text(),
                 QStringLiteral("unit = (empty): must be the name of a time unit"));
    }

    void unitsFollowTheTimeUnit()
    {
        // The poisson form: "per time unit" and "time units" become the unit typed, in the
        // singular after "per" and in the plural alone; back to the generic words while the
        // unit is invalid (empty).
        ParameterPanel panel;
        panel.setExperiment(core::findExperiment("poisson"));
        QCOMPARE(panel.unitLabel("rate")->text(), QStringLiteral("per hour"));
        QCOMPARE(panel.unitLabel("horizon")->text(), QStringLiteral("hours"));
        QCOMPARE(panel.unitLabel("paths")->text(), QStringLiteral("realisations"));  // no time in it
        panel.setParams({{"unit", "minute"}});  // the phone-calls preset
        QCOMPARE(panel.unitLabel("rate")->text(), QStringLiteral("per minute"));
        QCOMPARE(panel.unitLabel("horizon")->text(), QStringLiteral("minutes"));
        type(panel, "unit", "days");  // typed in the plural: core::singularUnit
        QCOMPARE(panel.unitLabel("rate")->text(), QStringLiteral("per day"));
        QCOMPARE(panel.unitLabel("memoryTime")->text(), QStringLiteral("days"));
        type(panel, "unit", "");
        QCOMPARE(panel.unitLabel("rate")->text(), QStringLiteral("per time unit"));
        QCOMPARE(panel.unitLabel("horizon")->text(), QStringLiteral("time units"));
    }

    void errorsMoveNoField()
    {
        // A message appearing or going moves no field: they are shown beneath all of them,
        // in room kept for two lines (a click meant for q must not land in p).
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        panel.resize(380, panel.sizeHint().height());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto places = [&panel] {
            QList<QRect> rects;
            for (const QString& key : panel.keys()) {
                const QWidget* input = panel.field(key) ? static_cast<QWidget*>(panel.field(key)) : panel.choiceBox(key);
                rects << QRect(input->mapTo(&panel, QPoint(0, 0)), input->size());
            }
            return rects;
        };
        const QList<QRect> before = places();
        const int height = panel.sizeHint().height();
        type(panel, "p", "1.5");
        QApplication::processEvents();
        QVERIFY(!panel.errorLabel("p")->isHidden());
        QCOMPARE(places(), before);
        QCOMPARE(panel.sizeHint().height(), height);  // one message: within the room kept
        // Beneath the last field.
        QVERIFY(panel.errorLabel("p")->mapTo(&panel, QPoint(0, 0)).y() > before.back().bottom());
        type(panel, "p", "0.5");
        QApplication::processEvents();
        QCOMPARE(places(), before);
    }

    void placeholderShowsWhole()
    {
        // "Trials n" beside its slider: its placeholder "10·⌈λT⌉" is shown whole, even at the
        // form's least width.
        ParameterPanel panel;
        panel.setExperiment(core::findExperiment("poisson"));
        panel.resize(panel.minimumSizeHint().width(), panel.sizeHint().height());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLineEdit* trials = panel.field("trials");
        QVERIFY(!trials->placeholderText().isEmpty());
        QVERIFY(panel.slider("trials"));
        const int need = trials->fontMetrics().horizontalAdvance(trials->placeholderText());
        // QLineEdit's text area: its contents less 2 px of margin on each side.
        QVERIFY2(trials->contentsRect().width() - 4 >= need,
                 qPrintable(QStringLiteral("%1 px for %2 px").arg(trials->contentsRect().width() - 4).arg(need)));
    }

    void formulaHasTheFormsWidth()
    {
        // poisson-nh's rate λ(t) is a formula: beneath its label (unit beside the label), the
        // field takes the form's whole width and shows the default formula whole, even at the
        // form's least width; the numeric fields keep their row.
        ParameterPanel panel;
        panel.setExperiment(core::findExperiment("poisson-nh"));
        panel.resize(panel.minimumSizeHint().width(), panel.sizeHint().height());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLineEdit* rate = panel.field("rate");
        QLineEdit* horizon = panel.field("horizon");
        QVERIFY(rate && horizon);
        QVERIFY2(rate->width() >= panel.width() - 2, qPrintable(QStringLiteral("%1 of %2").arg(rate->width()).arg(panel.width())));
        const int need = rate->fontMetrics().horizontalAdvance(rate->text());
        QVERIFY2(rate->contentsRect().width() - 4 >= need,
                 qPrintable(QStringLiteral("%1 px for %2 px").arg(rate->contentsRect().width() - 4).arg(need)));
        QLabel* unit = panel.unitLabel("rate");
        QVERIFY(unit);
        QVERIFY(unit->geometry().bottom() < rate->geometry().top());  // on the label's line
        QVERIFY(horizon->width() < panel.width() / 2);  // beside its label
        QVERIFY(std::abs(panel.unitLabel("horizon")->geometry().center().y() - horizon->geometry().center().y()) <= 2);
    }

    void sliderScales()
    {
        // Six decades: logarithmic, so 1, 1000 and 10^6 are at 0, the middle and the end.
        const SliderScale log(1, 1e6, true);
        QVERIFY(log.logarithmic());
        QCOMPARE(log.steps(), SliderScale::kSteps);
        QCOMPARE(log.value(0), 1.0);
        QCOMPARE(log.value(500), 1000.0);
        QCOMPARE(log.value(1000), 1e6);
        QCOMPARE(log.position(1000), 500);
        QCOMPARE(log.position(100), 333);  // log10(100) / 6 of the way
        QCOMPARE(log.position(0.5), 0);    // outside: the nearer end
        QCOMPARE(log.position(2e6), 1000);
        // One decade: linear.
        const SliderScale linear(0.5, 5, false);
        QVERIFY(!linear.logarithmic());
        QCOMPARE(linear.value(500), 2.75);
        QCOMPARE(linear.position(2.75), 500);
        // A short integer range: one position per value.
        const SliderScale small(0, 10, true);
        QVERIFY(!small.logarithmic());  // 0 is not a positive minimum
        QCOMPARE(small.steps(), 10);
        QCOMPARE(small.value(7), 7.0);
        // Round trip of every position of a log integer scale stays within one value step.
        for (int p = 0; p <= log.steps(); ++p)
            QVERIFY(std::abs(log.position(log.value(p)) - p) <= 2 || log.value(p) < 20);
    }

    void sliderWritesTheFieldAndAsksForARun()
    {
        FormExperiment form;
        ParameterPanel panel;
        panel.setExperiment(&form);
        QVERIFY(!panel.slider("method") && !panel.slider("unit"));
        QSlider* trials = panel.slider("trials");
        QVERIFY(trials);
        QCOMPARE(trials->objectName(), QStringLiteral("slider_trials"));
        QCOMPARE(trials->maximum(), SliderScale::kSteps);
        QCOMPARE(trials->value(), 333);  // the default 100, on the log scale

        QSignalSpy run(&panel, &ParameterPanel::dragRunRequested);
        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        trials->setValue(1000);
        QCOMPARE(panel.field("trials")->text(), QStringLiteral("1000000"));
        trials->setValue(500);
        QCOMPARE(panel.field("trials")->text(), QStringLiteral("1000"));
        trials->setValue(0);
        QCOMPARE(panel.field("trials")->text(), QStringLiteral("1"));
        QCOMPARE(run.count(), 3);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(panel.params().at("trials"), std::string("1"));

        // Keys step the handle one position at a time, even where positions round to one value.
        trials->setValue(1);
        QCOMPARE(panel.field("trials")->text(), QStringLiteral("1"));
        QTest::keyClick(trials, Qt::Key_Right);
        QCOMPARE(trials->value(), 2);

        // Typing moves the handle.
        type(panel, "trials", "10000");
        QCOMPARE(trials->value(), 667);
        QCOMPARE(run.count(), 5);  // typing is not dragging

        QSlider* rate = panel.slider("rate");
        QVERIFY(rate);
        rate->setValue(500);
        QCOMPARE(panel.field("rate")->text(), QStringLiteral("2.75"));
        QSlider* count = panel.slider("count");
        QCOMPARE(count->maximum(), 10);
        count->setValue(7);
        QCOMPARE(panel.params().at("count"), std::string("7"));
    }

    void sliderDoesNotAskForARunWhileTheFormIsInvalid()
    {
        FormExperiment form;
        ParameterPanel panel;
        panel.setExperiment(&form);
        type(panel, "unit", "");
        QSignalSpy run(&panel, &ParameterPanel::dragRunRequested);
        panel.slider("trials")->setValue(100);
        QCOMPARE(run.count(), 0);
        QCOMPARE(panel.field("trials")->text(), QStringLiteral("4"));  // 10^(6·0.1) rounded
        type(panel, "trials", "abc");  // unparsable: the handle stays where it was
        QCOMPARE(panel.slider("trials")->value(), 100);
    }

    void listsAreWideEnoughForTheirLongestLabel()
    {
        // Ruin's barriers: "Absorbing (ruin or win)" is not cut off in the closed list.
        ParameterPanel panel;
        panel.setExperiment(core::findExperiment("ruin"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QComboBox* box = panel.choiceBox("barriers");
        QVERIFY(box);
        QComboBox reference;
        reference.setSizeAdjustPolicy(QComboBox::AdjustToContents);
        for (int i = 0; i < box->count(); ++i)
            reference.addItem(box->itemText(i));
        reference.setFont(box->font());
        QVERIFY(box->width() >= reference.sizeHint().width());
    }

    void emptyExperiment()
    {
        ParameterPanel panel;
        panel.setExperiment(walk1d());
        panel.setExperiment(nullptr);
        QVERIFY(panel.keys().isEmpty());
        QVERIFY(panel.params().empty());
        QVERIFY(!panel.derivedField());
        panel.setExperiment(walk1d());
        QCOMPARE(panel.keys().size(), qsizetype(walk1d()->params().size()));
    }
};

QTEST_MAIN(ParameterPanelTest)
#include "ParameterPanelTest.moc"
