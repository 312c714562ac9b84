// The parameter form of an experiment, generated from its ParamSpecs.
#pragma once

#include "core/experiment/Experiment.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QEvent;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QVBoxLayout;

namespace walklab::ui {

/// One row per core::ParamSpec: label, input (tooltip = help), unit or "New seed" button.
/// A field whose value is wrong turns red, and its message (a label per parameter, hidden
/// while it is fine) shows beneath all the fields, in an area kept two lines high, so no
/// field ever moves when a message comes or goes. In an experiment with a time unit
/// (parameter "unit"), units read "per minute", "minutes" instead of "per time unit",
/// "time units", following that field.
/// The input is a text field for Integer, Real, Seed and Text parameters (Text is never
/// parsed here) and a combo box for Choice parameters (showing the labels, storing the keys).
/// A text field shows at least 10 digits whole however narrow the form (8 beside a
/// slider); a Text parameter whose default is longer (a formula) has its field beneath its
/// label, the form's width.
/// An Integer or Real parameter with ParamSpec::slider also gets a slider beside its field
/// (logarithmic when the range spans decades, see SliderScale) that writes the field while
/// it is dragged and asks for a run with dragRunRequested().
/// Validation is the experiment's own (Experiment::validate), run on every edit, so the
/// messages shown are exactly the core's. When the experiment has parameters "p" and "q",
/// a read-only line shows the derived lazy probability r = 1 − p − q.
class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    /// Rebuilds the form for `experiment` (nullptr: empty form), fields at their defaults.
    void setExperiment(const core::Experiment* experiment);
    const core::Experiment* experiment() const { return m_experiment; }

    /// The text of every field, keyed by parameter (empty text is kept: it means "derived"
    /// for parameters without a default, and is an error for the others).
    core::ParamSet params() const;
    /// Sets the fields named in `params` (others keep their text) and validates. A Choice
    /// value is matched by key or label (core::parseChoice); one that matches no choice leaves
    /// the combo box as it was and shows the core's message until a choice is picked.
    void setParams(const core::ParamSet& params);
    /// Puts every field back to its default and validates.
    void resetToDefaults();

    /// Shows these errors beside their fields, replacing all earlier messages. Errors that
    /// name no field of this form are shown at the bottom of the panel.
    void showErrors(const core::Errors& errors);
    /// The errors of the current field values (Experiment::validate, and unknown choices
    /// given to setParams).
    core::Errors validate() const;
    /// Whether the last validation found no error.
    bool isValid() const { return m_valid; }

    // For tests and for the main window.
    /// The text field of `key`; nullptr for a Choice parameter (see choiceBox).
    QLineEdit* field(const QString& key) const { return m_rows.value(key).edit; }
    /// The combo box of a Choice parameter, else nullptr.
    QComboBox* choiceBox(const QString& key) const { return m_rows.value(key).choice; }
    /// The slider of a parameter with ParamSpec::slider, else nullptr.
    QSlider* slider(const QString& key) const { return m_rows.value(key).slider; }
    QLabel* errorLabel(const QString& key) const { return m_rows.value(key).error; }
    /// The label of a field's unit ("per minute"), or nullptr.
    QLabel* unitLabel(const QString& key) const { return m_rows.value(key).unit; }
    QPushButton* newSeedButton() const { return m_newSeed; }
    /// The read-only r = 1 − p − q field, or nullptr when the experiment has no p and q.
    QLineEdit* derivedField() const { return m_derived; }
    /// Keys of the fields, in form order.
    QStringList keys() const { return m_order; }
    /// Gives keyboard focus to the first field showing an error; false if there is none.
    bool focusFirstError();

signals:
    /// Any field changed (by the user or by setParams / resetToDefaults).
    void paramsChanged();
    /// Return was pressed in a field.
    void runRequested();
    /// A slider moved (and the form is valid): run with the new value once the run in
    /// progress, if any, is done — the latest value wins and no stale run queues up.
    void dragRunRequested();

private:
    struct Row {
        QLineEdit* edit = nullptr;
        QComboBox* choice = nullptr;
        QSlider* slider = nullptr;
        QLabel* error = nullptr;
        QLabel* unit = nullptr;
    };

    void changeEvent(QEvent* event) override;
    void reserveErrorRoom();
    void updateUnits();

    QWidget* makeInput(const core::ParamSpec& spec, Row& row);
    QWidget* input(const Row& row) const;
    void attachSlider(const core::ParamSpec& spec, Row& row);
    void onEdited();
    void updateDerived();
    void setFieldError(const QString& key, const QString& message);

    const core::Experiment* m_experiment = nullptr;
    QGridLayout* m_grid = nullptr;
    QMap<QString, Row> m_rows;
    QStringList m_order;
    QPushButton* m_newSeed = nullptr;
    QLineEdit* m_derived = nullptr;
    QWidget* m_errorArea = nullptr;  ///< the messages, beneath every field
    QVBoxLayout* m_errorLayout = nullptr;
    QLabel* m_generalError = nullptr;
    QMap<QString, QString> m_choiceErrors;  ///< unknown choices given to setParams, by key
    bool m_valid = true;
    bool m_updating = false;
    bool m_sliderWriting = false;  ///< a slider is writing its field's text
};

}  // namespace walklab::ui
