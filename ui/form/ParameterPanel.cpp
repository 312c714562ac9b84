#include "ui/form/ParameterPanel.h"

#include "core/experiment/TextFormat.h"
#include "core/experiment/poisson/PoissonPanels.h"
#include "ui/form/SliderScale.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace walklab::ui {

namespace {

const QColor kErrorText(0xb7, 0x1c, 0x1c);
const QColor kErrorBase(0xfd, 0xec, 0xea);

QString qs(const std::string& s) { return QString::fromStdString(s); }

/// Least digits a text field shows whole, however narrow the window: 10^9 steps or walkers
/// ("1000000000") must not scroll out of sight.
constexpr int kFieldChars = 10;
/// Least digits of a field that has a slider beside it.
constexpr int kSliderFieldChars = 8;

/// Width of `edit` showing `chars` digits: their advance plus the field's frame and margins
/// (QLineEdit::sizeHint() is that of 17 'x' characters plus the same overhead).
int fieldWidth(const QLineEdit* edit, int chars)
{
    const QFontMetrics metrics = edit->fontMetrics();
    const int overhead = edit->sizeHint().width() - 17 * metrics.horizontalAdvance(QLatin1Char('x'));
    return overhead + metrics.horizontalAdvance(QString(chars, QLatin1Char('0')));
}

/// A Text parameter whose default is longer than a field's least width is a formula
/// ("3 + 2*sin(2*pi*t/24)"): it gets a line of its own, so that it can be read while typed.
bool takesOwnLine(const core::ParamSpec& spec)
{
    return spec.type == core::ParamType::Text && int(spec.defaultText.size()) > kFieldChars;
}

/// Lines of messages the error area beneath the fields always has room for, so that a message
/// appearing or going moves nothing below it (Run, the progress bar) in the common case.
constexpr int kReservedErrorLines = 2;

/// Placeholder of a field whose default is derived: the help's "empty means X." if it says
/// so ("1 − p" for q), otherwise a generic word.
QString derivedPlaceholder(const core::ParamSpec& spec)
{
    const QString help = qs(spec.help);
    const QString marker = QStringLiteral("empty means ");
    const int at = help.indexOf(marker, 0, Qt::CaseInsensitive);
    if (at >= 0) {
        const int from = at + int(marker.size());
        int to = help.indexOf(QLatin1Char('.'), from);
        // A decimal point is not the end of the sentence.
        while (to >= 0 && to + 1 < help.size() && help.at(to + 1).isDigit())
            to = help.indexOf(QLatin1Char('.'), to + 1);
        const QString what = help.mid(from, to < 0 ? -1 : to - from).trimmed();
        if (!what.isEmpty() && what.size() <= 24)
            return what;
    }
    return QObject::tr("automatic");
}

/// The value of a slider field's text, if it is a number (Integer or Real).
std::optional<double> numericValue(const core::ParamSpec& spec, const QString& text)
{
    if (spec.type == core::ParamType::Integer) {
        if (const auto v = core::parseInteger(spec, text.toStdString()))
            return double(*v);
    } else if (const auto v = core::parseReal(spec, text.toStdString())) {
        return *v;
    }
    return std::nullopt;
}

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(6);
    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(2);
    m_grid->setColumnStretch(1, 1);
    outer->addLayout(m_grid);
    // Messages go beneath all the fields, never between them: a field keeps its place when
    // the one above it turns red (a click meant for q must not land in p).
    m_errorArea = new QWidget(this);
    m_errorArea->setObjectName(QStringLiteral("errorArea"));
    m_errorLayout = new QVBoxLayout(m_errorArea);
    m_errorLayout->setContentsMargins(0, 0, 0, 0);
    m_errorLayout->setSpacing(2);
    outer->addWidget(m_errorArea);
    m_generalError = new QLabel(m_errorArea);
    m_generalError->setWordWrap(true);
    m_generalError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_generalError->palette();
    pal.setColor(QPalette::WindowText, kErrorText);
    m_generalError->setPalette(pal);
    m_generalError->hide();
    m_errorLayout->addWidget(m_generalError);
    reserveErrorRoom();
}

void ParameterPanel::reserveErrorRoom()
{
    m_errorArea->setMinimumHeight(kReservedErrorLines * fontMetrics().lineSpacing());
}

void ParameterPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        reserveErrorRoom();
    QWidget::changeEvent(event);
}

void ParameterPanel::setExperiment(const core::Experiment* experiment)
{
    // Tear down the previous form.
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const Row& r : std::as_const(m_rows))
        delete r.error;
    m_rows.clear();
    m_order.clear();
    m_choiceErrors.clear();
    m_newSeed = nullptr;
    m_derived = nullptr;
    m_generalError->clear();
    m_generalError->hide();
    m_experiment = experiment;
    m_valid = true;
    if (!experiment) {
        emit paramsChanged();
        return;
    }

    const bool hasPQ = experiment->param("p") && experiment->param("q");
    int row = 0;
    auto addRow = [&](const QString& labelText, QWidget* buddy, QWidget* input, QWidget* extra,
                      const QString& tip, bool ownLine = false) {
        auto* label = new QLabel(labelText, this);
        label->setBuddy(buddy);
        label->setToolTip(tip);
        if (ownLine) {
            // A formula: its label and unit on one line, the field the whole width beneath.
            m_grid->addWidget(label, row, 0, 1, 2);
            if (extra)
                m_grid->addWidget(extra, row, 2);
            m_grid->addWidget(input, ++row, 0, 1, 3);
            ++row;
            return;
        }
        m_grid->addWidget(label, row, 0);
        // r's text may be long, and so may a list's labels: they take the unit's column too.
        const bool wide = input == m_derived || (!extra && qobject_cast<QComboBox*>(input));
        m_grid->addWidget(input, row, 1, 1, wide ? 2 : 1);
        if (extra)
            m_grid->addWidget(extra, row, 2);
        ++row;
    };

    for (const core::ParamSpec& spec : experiment->params()) {
        const QString key = qs(spec.key);
        const QString tip = qs(spec.help);
        Row r;
        QWidget* input = makeInput(spec, r);
        QLineEdit* edit = r.edit;

        QWidget* extra = nullptr;
        if (spec.type == core::ParamType::Seed) {
            auto* button = new QPushButton(tr("New seed"), this);
            button->setObjectName(QStringLiteral("newSeed_") + key);
            button->setToolTip(tr("Draw a fresh random 64-bit seed"));
            button->setAutoDefault(false);
            connect(button, &QPushButton::clicked, this, [edit] {
                edit->setText(QString::number(QRandomGenerator::system()->generate64()));
            });
            if (!m_newSeed)
                m_newSeed = button;
            extra = button;
        } else if (!spec.unit.empty()) {
            auto* unit = new QLabel(qs(spec.unit), this);
            r.unit = unit;
            QPalette up = unit->palette();  // a hint, not a control: dimmer, but readable
            up.setColor(QPalette::WindowText, QColor(0x55, 0x5b, 0x66));
            unit->setPalette(up);
            extra = unit;
        }
        addRow(qs(spec.label), r.choice ? static_cast<QWidget*>(r.choice) : edit, input, extra,
               tip, takesOwnLine(spec));

        auto* error = new QLabel(m_errorArea);
        error->setObjectName(QStringLiteral("error_") + key);
        error->setWordWrap(true);
        error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QPalette pal = error->palette();
        pal.setColor(QPalette::WindowText, kErrorText);
        error->setPalette(pal);
        error->hide();
        m_errorLayout->insertWidget(m_errorLayout->count() - 1, error);  // before the general one

        r.error = error;
        m_rows.insert(key, r);
        m_order.append(key);

        if (hasPQ && spec.key == "q") {
            m_derived = new QLineEdit(this);
            m_derived->setObjectName(QStringLiteral("derived_r"));
            m_derived->setReadOnly(true);
            m_derived->setFocusPolicy(Qt::NoFocus);
            m_derived->setFrame(false);
            QPalette dp = m_derived->palette();
            dp.setColor(QPalette::Base, Qt::transparent);  // reads as text, not as a field
            m_derived->setPalette(dp);
            const QString dtip = tr("Probability that a step stays put (lazy walk), derived from "
                                    "p and q; not editable.");
            m_derived->setToolTip(dtip);
            addRow(tr("P(stay) r = 1 − p − q"), m_derived, m_derived, nullptr, dtip);
            m_grid->setRowMinimumHeight(row, 4);
            ++row;
        }
    }
    m_grid->setRowStretch(row, 1);
    onEdited();
}

QWidget* ParameterPanel::makeInput(const core::ParamSpec& spec, Row& row)
{
    const QString key = qs(spec.key);
    QWidget* input = nullptr;
    if (spec.type == core::ParamType::Choice) {
        row.choice = new QComboBox(this);
        // Asks for the width of its longest label (the side panel grows with the form when the
        // window has room), but takes 14 characters' width on a narrow screen (1024 px), where
        // the open list still shows the labels whole.
        row.choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        row.choice->setMinimumWidth(14 * row.choice->fontMetrics().averageCharWidth() + 40);
        for (const core::ParamChoice& c : spec.choices)
            row.choice->addItem(qs(c.label), qs(c.key));
        row.choice->setCurrentIndex(std::max(0, row.choice->findData(qs(spec.defaultText))));
        connect(row.choice, &QComboBox::currentIndexChanged, this, [this, key] {
            m_choiceErrors.remove(key);  // a choice picked from the list is always a valid one
            onEdited();
        });
        input = row.choice;
    } else {
        row.edit = new QLineEdit(qs(spec.defaultText), this);
        row.edit->setClearButtonEnabled(false);
        row.edit->setCursorPosition(0);
        row.edit->setMinimumWidth(fieldWidth(row.edit, kFieldChars));
        if (spec.defaultText.empty())
            row.edit->setPlaceholderText(derivedPlaceholder(spec));
        connect(row.edit, &QLineEdit::textChanged, this, &ParameterPanel::onEdited);
        connect(row.edit, &QLineEdit::returnPressed, this, &ParameterPanel::runRequested);
        input = row.edit;
    }
    input->setObjectName(QStringLiteral("param_") + key);
    input->setToolTip(qs(spec.help));
    input->setAccessibleName(qs(spec.label));

    const bool numeric =
        spec.type == core::ParamType::Integer || spec.type == core::ParamType::Real;
    if (!spec.slider || !numeric || !(spec.minimum < spec.maximum))
        return input;
    attachSlider(spec, row);
    auto* box = new QWidget(this);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    row.edit->setParent(box);
    row.slider->setParent(box);
    // Room for its placeholder ("10·⌈λT⌉"), or kSliderFieldChars … kFieldChars digits: the
    // slider beside it shares the column (and sets values within its range).
    const QFontMetrics metrics = row.edit->fontMetrics();
    const int placeholder = fieldWidth(row.edit, 0) + metrics.horizontalAdvance(row.edit->placeholderText());
    row.edit->setMaximumWidth(std::max(fieldWidth(row.edit, kFieldChars), placeholder));
    row.edit->setMinimumWidth(std::max(fieldWidth(row.edit, kSliderFieldChars), placeholder));
    // The slider keeps a usable length however narrow the form's column gets.
    row.slider->setMinimumWidth(row.edit->fontMetrics().horizontalAdvance(QStringLiteral("000000")));
    layout->addWidget(row.edit);
    layout->addWidget(row.slider, 1);
    return box;
}

void ParameterPanel::attachSlider(const core::ParamSpec& spec, Row& row)
{
    const SliderScale scale(spec.minimum, spec.maximum, spec.type == core::ParamType::Integer);
    QSlider* slider = new QSlider(Qt::Horizontal, this);
    row.slider = slider;
    QLineEdit* edit = row.edit;
    slider->setObjectName(QStringLiteral("slider_") + qs(spec.key));
    slider->setRange(0, scale.steps());
    slider->setPageStep(std::max(1, scale.steps() / 10));
    slider->setToolTip(
        (scale.logarithmic() ? tr("%1 (logarithmic scale: %2 … %3)") : tr("%1 (%2 … %3)"))
            .arg(qs(spec.label), qs(core::formatNumber(spec.minimum)),
                 qs(core::formatNumber(spec.maximum))));
    slider->setAccessibleName(qs(spec.label));
    auto sync = [slider, edit, spec, scale] {
        if (const auto v = numericValue(spec, edit->text())) {
            const QSignalBlocker block(slider);
            slider->setValue(scale.position(*v));
        }
    };
    sync();
    // Typing moves the slider; the slider writes the field, whose rounded text then moves
    // nothing back (the handle never jumps under the mouse, nor sticks where several
    // positions round to one value).
    connect(edit, &QLineEdit::textChanged, slider, [this, sync] {
        if (!m_sliderWriting)
            sync();
    });
    connect(slider, &QSlider::valueChanged, this, [this, edit, scale, spec](int position) {
        const double v = scale.value(position);
        m_sliderWriting = true;
        edit->setText(spec.type == core::ParamType::Integer
                          ? QString::number(qint64(v))
                          : qs(core::formatSignificant(v, 3)));
        m_sliderWriting = false;
        if (m_valid)
            emit dragRunRequested();
    });
}

QWidget* ParameterPanel::input(const Row& row) const
{
    return row.choice ? static_cast<QWidget*>(row.choice) : row.edit;
}

core::ParamSet ParameterPanel::params() const
{
    core::ParamSet set;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const Row& row = it.value();
        set[it.key().toStdString()] =
            (row.choice ? row.choice->currentData().toString() : row.edit->text()).toStdString();
    }
    return set;
}

void ParameterPanel::setParams(const core::ParamSet& params)
{
    m_updating = true;
    for (const auto& [key, value] : params) {
        const Row row = m_rows.value(qs(key));
        if (row.edit) {
            row.edit->setText(qs(value));
            row.edit->setCursorPosition(0);  // a long formula shows its beginning
        } else if (row.choice) {
            const auto choice = core::parseChoice(*m_experiment->param(key), value);
            if (choice) {
                row.choice->setCurrentIndex(row.choice->findData(qs(*choice)));
                m_choiceErrors.remove(qs(key));
            } else {
                m_choiceErrors.insert(qs(key), qs(choice.error().front().message));
            }
        }
    }
    m_updating = false;
    onEdited();
}

void ParameterPanel::resetToDefaults()
{
    if (!m_experiment)
        return;
    core::ParamSet defaults;
    for (const auto& spec : m_experiment->params())
        defaults[spec.key] = spec.defaultText;
    setParams(defaults);
}

core::Errors ParameterPanel::validate() const
{
    if (!m_experiment)
        return {};
    core::Errors errors;
    for (const core::Error& e : m_experiment->validate(params()))
        if (!m_choiceErrors.contains(qs(e.parameter)))
            errors.push_back(e);
    for (auto it = m_choiceErrors.cbegin(); it != m_choiceErrors.cend(); ++it)
        errors.push_back({core::ErrorKind::InvalidParameter, it.key().toStdString(),
                          it.value().toStdString()});
    return errors;
}

void ParameterPanel::onEdited()
{
    if (m_updating)
        return;
    showErrors(validate());
    updateDerived();
    updateUnits();
    emit paramsChanged();
}

void ParameterPanel::updateUnits()
{
    // Experiments with a time unit ("unit", the Poisson processes) name it in the other
    // fields' units: "per minute", not "per time unit"; the generic words while it is invalid.
    const Row unitRow = m_rows.value(QStringLiteral("unit"));
    if (!unitRow.edit)
        return;
    const QString name = unitRow.error->text().isEmpty() ? unitRow.edit->text().trimmed() : QString();
    for (const QString& key : std::as_const(m_order)) {
        const Row row = m_rows.value(key);
        if (row.unit)
            row.unit->setText(qs(core::inTimeUnit(m_experiment->param(key.toStdString())->unit, name.toStdString())));
    }
}

void ParameterPanel::updateDerived()
{
    if (!m_derived || !m_experiment)
        return;
    const core::ParamSpec& pSpec = *m_experiment->param("p");
    const core::ParamSpec& qSpec = *m_experiment->param("q");
    const QString pText = m_rows.value("p").edit->text();
    const QString qText = m_rows.value("q").edit->text();
    const auto p = core::parseReal(pSpec, pText.toStdString());
    if (!p) {
        m_derived->setText(QStringLiteral("—"));
        return;
    }
    double q = 1.0 - *p;
    if (!qText.trimmed().isEmpty()) {
        const auto parsed = core::parseReal(qSpec, qText.toStdString());
        if (!parsed) {
            m_derived->setText(QStringLiteral("—"));
            return;
        }
        q = *parsed;
    }
    double r = 1.0 - *p - q;
    if (std::abs(r) < 1e-12)
        r = 0.0;
    QString text = qs(core::formatSignificant(r, 6));
    if (r < 0)
        text += tr("  (p + q > 1)");
    m_derived->setText(text);
    m_derived->setCursorPosition(0);
}

void ParameterPanel::setFieldError(const QString& key, const QString& message)
{
    const Row row = m_rows.value(key);
    QWidget* field = input(row);
    if (!field)
        return;
    row.error->setText(message);
    row.error->setVisible(!message.isEmpty());
    if (message.isEmpty()) {
        field->setPalette(QPalette());  // back to the inherited palette
    } else {
        QPalette pal;
        pal.setColor(QPalette::Base, kErrorBase);  // only Base is overridden
        field->setPalette(pal);
    }
    const QString help = qs(m_experiment->param(key.toStdString())->help);
    field->setToolTip(message.isEmpty() ? help : message + QStringLiteral("\n\n") + help);
}

void ParameterPanel::showErrors(const core::Errors& errors)
{
    QMap<QString, QStringList> byField;
    QStringList general;
    for (const core::Error& e : errors) {
        const QString key = qs(e.parameter);
        if (m_rows.contains(key))
            byField[key].append(qs(e.message));
        else
            general.append(qs(e.message));
    }
    for (const QString& key : std::as_const(m_order))
        setFieldError(key, byField.value(key).join(QLatin1Char('\n')));
    m_generalError->setText(general.join(QLatin1Char('\n')));
    m_generalError->setVisible(!general.isEmpty());
    m_valid = errors.empty();
}

bool ParameterPanel::focusFirstError()
{
    for (const QString& key : std::as_const(m_order)) {
        const Row row = m_rows.value(key);
        if (!row.error->text().isEmpty()) {
            input(row)->setFocus(Qt::OtherFocusReason);
            if (row.edit)
                row.edit->selectAll();
            return true;
        }
    }
    return false;
}

}  // namespace walklab::ui

#include "moc_ParameterPanel.cpp"
