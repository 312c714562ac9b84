// The parameter form generated from an experiment's ParamSpecs.
#include "core/experiment/Registry.h"
#include "ui/ParameterPanel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using walklab::ui::ParameterPanel;
namespace core = walklab::core;

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
