#include "app/CommandLine.h"

#include "app/HeadlessRun.h"
#include "core/experiment/Registry.h"
#include "core/experiment/TextFormat.h"
#include "ui/plot/Exporter.h"
#include "ui/plot/PlotCanvas.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <set>

namespace walklab::app {

namespace {

constexpr int kMaxSide = 10000;
constexpr int kPanelWidth = 800;   // default export size: 800 × 700 per panel,
constexpr int kPanelHeight = 700;  // so two panels side by side give 1600 × 700
constexpr unsigned kMaxThreads = 1024;
constexpr double kMinScale = 0.5, kMaxScale = 8;
constexpr int kTextWidth = 79;

const char* const kBuiltinNames[] = {"experiment", "preset", "view", "export", "width",
                                     "height", "scale", "csv", "threads", "print", "help", "h",
                                     "version", "v"};

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

void out(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
}

/// Greedy word wrap of `text`: every line starts with `indent` spaces, except the first
/// when `firstIndent` is given (its text is then already on the line).
QString wrap(const QString& text, int indent, int firstColumn = -1)
{
    QString result;
    int column = firstColumn < 0 ? indent : firstColumn;
    if (firstColumn < 0)
        result += QString(indent, ' ');
    bool lineStart = true;
    for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
        if (!lineStart && column + 1 + word.size() > kTextWidth) {
            result += '\n' + QString(indent, ' ');
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            result += ' ';
            ++column;
        }
        result += word;
        column += int(word.size());
        lineStart = false;
    }
    return result + '\n';
}

/// The value of `spec` the run used, as the --print echo shows it: the value the run chose
/// itself with the reason (core::Result::chosen: "0.7 (1 − p)", "10 (default 20, at most
/// walkers)"), else the text given or the default (normalised, core::echoText).
QString usedValue(const core::Result& result, const core::ParamSet& params, const core::ParamSpec& spec)
{
    if (const auto chosen = result.chosen.find(spec.key); chosen != result.chosen.end())
        return q(chosen->second);
    return q(core::echoText(spec, core::paramText(params, spec)));
}

/// "  --name <value>" padded to `width`, then the wrapped description.
QString optionLine(const QString& names, const QString& description, int width)
{
    QString head = "  " + names;
    if (head.size() + 2 > width)
        return head + '\n' + wrap(description, width);
    head = head.leftJustified(width);
    return head + wrap(description, width, width);
}

/// A preset's name as an option value: lower case ASCII letters and digits, accents dropped
/// (Unicode decomposition: "Pólya" → "polya"), every other run of characters one hyphen
/// ("Hospital births: 3 per hour" → "hospital-births-3-per-hour").
QString slug(const std::string& name)
{
    QString text;
    bool gap = false;
    for (const QChar c : q(name).normalized(QString::NormalizationForm_D)) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;  // the accent of a decomposed letter
        if (c.unicode() < 128 && c.isLetterOrNumber()) {
            if (gap && !text.isEmpty())
                text += '-';
            text += c.toLower();
            gap = false;
        } else {
            gap = true;
        }
    }
    return text;
}

/// The preset `name` designates: its name (any case), its slug, or the start of exactly one
/// slug ("hospital"). Otherwise nullptr, with the reason in `why`.
const core::Preset* findPreset(const std::vector<core::Preset>& presets, const QString& name,
                               QString& why)
{
    const QString wanted = slug(name.toStdString());
    std::vector<const core::Preset*> starting;
    for (const auto& p : presets) {
        if (q(p.name).compare(name.trimmed(), Qt::CaseInsensitive) == 0 || slug(p.name) == wanted)
            return &p;
        if (!wanted.isEmpty() && slug(p.name).startsWith(wanted))
            starting.push_back(&p);
    }
    if (starting.size() == 1)
        return starting.front();
    QStringList slugs;
    for (const auto& p : presets)
        if (starting.empty() || std::find(starting.begin(), starting.end(), &p) != starting.end())
            slugs << slug(p.name);
    why = presets.empty()      ? QStringLiteral("the experiment has no presets")
          : starting.empty()
              ? QStringLiteral("no such preset; the presets are %1").arg(slugs.join(", "))
                             : QStringLiteral("it could be %1").arg(slugs.join(" or "));
    return nullptr;
}

QString choiceKeys(const core::ParamSpec& spec, const QString& separator)
{
    QStringList keys;
    for (const auto& c : spec.choices)
        keys << q(c.key);
    return keys.join(separator);
}

QString rangeText(const core::ParamSpec& spec)
{
    QString range;
    switch (spec.type) {
    case core::ParamType::Integer:
        range = QStringLiteral("%1 … %2").arg(qint64(spec.minimum)).arg(qint64(spec.maximum));
        break;
    case core::ParamType::Real:
        range = q(core::formatNumber(spec.minimum)) + " … " + q(core::formatNumber(spec.maximum));
        break;
    case core::ParamType::Seed:
        range = QStringLiteral("0 … 18446744073709551615");
        break;
    case core::ParamType::Choice: {
        QStringList choices;
        for (const auto& c : spec.choices)
            choices << q(c.key) + " (" + q(c.label) + ')';
        return QStringLiteral("one of ") + choices.join(", ");
    }
    case core::ParamType::Text:
        return q(spec.unit);  // free text: no range, the help says what is allowed
    }
    if (!spec.unit.empty())
        range += ' ' + q(spec.unit);
    return range;
}

QString valueName(const core::ParamSpec& spec)
{
    switch (spec.type) {
    case core::ParamType::Integer: return QStringLiteral("n");
    case core::ParamType::Real: return QStringLiteral("x");
    case core::ParamType::Seed: return QStringLiteral("seed");
    case core::ParamType::Choice: return choiceKeys(spec, QStringLiteral("|"));
    case core::ParamType::Text: return QStringLiteral("text");
    }
    return QStringLiteral("value");
}

QString viewList(const core::Experiment& experiment)
{
    QStringList keys;
    for (const auto& v : experiment.views())
        keys << q(v.key);
    return keys.join(QStringLiteral(", "));
}

/// The declared key of the view `name` designates in any case ("PATHS" → "paths"), or empty.
QString viewKey(const core::Experiment& experiment, const QString& name)
{
    for (const auto& v : experiment.views())
        if (q(v.key).compare(name, Qt::CaseInsensitive) == 0)
            return q(v.key);
    return {};
}

/// "barriers = reflecting" for ViewSpec::needs.
QString needsText(const core::ParamSet& needs)
{
    QStringList values;
    for (const auto& [key, value] : needs)
        values << q(key) + " = " + q(value);
    return values.join(", ");
}

/// The views --csv may write without --view, in the order they are tried, each with the
/// parameter values it needs ("" for the last one): run() writes the last default view these
/// parameters fill. Experiments declare paths before laws, so this is a table of numbers
/// rather than of sample paths (walk1d: endpoint; ruin: position with barriers = reflecting,
/// else ruin). A view is the last one tried when it needs nothing, or when the views before it
/// took every other choice of the one parameter it needs.
QList<QPair<QString, QString>> csvDefaultViews(const core::Experiment& experiment)
{
    QList<QPair<QString, QString>> candidates;
    std::map<std::string, std::set<std::string>> taken;  // choices the candidates so far cover
    const std::vector<std::string> keys = experiment.defaultViews();
    for (auto key = keys.rbegin(); key != keys.rend(); ++key) {
        const core::ViewSpec& view = *experiment.view(*key);
        bool last = view.needs.empty();
        if (view.needs.size() == 1) {
            const auto& [param, choice] = *view.needs.begin();
            const core::ParamSpec* spec = experiment.param(param);
            last = spec && std::all_of(spec->choices.begin(), spec->choices.end(), [&](const core::ParamChoice& c) {
                       return c.key == choice || taken[param].contains(c.key);
                   });
            taken[param].insert(choice);
        }
        candidates.append({q(view.key), last ? QString() : needsText(view.needs)});
        if (last)
            break;
    }
    return candidates;
}

/// "position with barriers = reflecting, else ruin" (walk1d: "endpoint").
QString csvDefaultText(const core::Experiment& experiment)
{
    QStringList parts;
    for (const auto& [key, needs] : csvDefaultViews(experiment))
        parts << (needs.isEmpty() ? key : key + " with " + needs);
    return parts.join(", else ");
}

/// A whole number in [lo, hi], or nullopt.
std::optional<qint64> wholeNumber(const QString& text, qint64 lo, qint64 hi)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < lo || v > hi)
        return std::nullopt;
    return v;
}

const core::Experiment* defaultExperiment()
{
    if (const auto* e = core::findExperiment("walk1d"))
        return e;
    return core::experiments().empty() ? nullptr : core::experiments().front().get();
}

}  // namespace

CommandLine::CommandLine()
{
    const QString expKeys = [] {
        QStringList keys;
        for (const auto& e : core::experiments())
            keys << q(e->key());
        return keys.join(QStringLiteral(", "));
    }();
    const core::Experiment* def = defaultExperiment();
    const QString defKey = def ? q(def->key()) : QString();
    QString csvDefaults;
    for (const auto& e : core::experiments())
        if (!e->views().empty())
            csvDefaults += (csvDefaults.isEmpty() ? "" : "; ") + q(e->key()) + ": " + csvDefaultText(*e);

    m_builtin = {
        {QStringList{"experiment"}, QStringLiteral("Experiment to run: %1 (default %2).").arg(expKeys, defKey),
         "key"},
        {QStringList{"preset"},
         "Start from a named example of the experiment (listed under Presets below): its "
         "values first, then the parameter options given here. NAME is the preset's name in "
         "any case, its hyphenated form, or the start of one (\"hospital\").",
         "name"},
        {QStringList{"view"},
         QStringLiteral("Views to draw, in the image or the window, comma-separated (--view paths,msd), or "
                        "'all' for every view of the experiment (default: its default views, "
                        "marked below); names in any case. A view named here that has no data for "
                        "the parameters (ruin's position with absorbing barriers) is refused; "
                        "default views and 'all' leave such views out. A CSV file holds a single "
                        "table, so --csv writes one view: by default the last default view with "
                        "data (%1); with --view the view named (--view paths: walk1d's sample "
                        "paths table).")
             .arg(csvDefaults),
         "names"},
        {QStringList{"export"},
         "Render the plot to FILE without opening a window; the extension chooses the format: "
         ".png, .jpg (.jpeg), .svg or .pdf.",
         "file"},
        {QStringList{"width"},
         QStringLiteral("Width of the exported image in pixels, 1 … %1 (default %2 per panel "
                        "column: %3 for two views side by side). SVG and PDF: points.")
             .arg(kMaxSide)
             .arg(kPanelWidth)
             .arg(2 * kPanelWidth),
         "px"},
        {QStringList{"height"},
         QStringLiteral("Height of the exported image in pixels, 1 … %1 (default %2 per row of "
                        "panels).")
             .arg(kMaxSide)
             .arg(kPanelHeight),
         "px"},
        {QStringList{"scale"},
         QStringLiteral("PNG and JPG: lay the figure out at width/F × height/F and draw it F times "
                        "denser, so that text and lines keep their size relative to the figure "
                        "(--width 3200 --height 1400 --scale 2 looks like 1600 × 700, sharper). "
                        "%1 … %2, default 1; without --width and --height the image is F times "
                        "the default size. SVG and PDF are drawn at any resolution: --scale other "
                        "than 1 is refused for them.")
             .arg(kMinScale)
             .arg(kMaxScale),
         "F"},
        {QStringList{"csv"}, "Write the data of one view as comma-separated values to FILE (.csv).", "file"},
        {QStringList{"threads"},
         QStringLiteral("Worker threads of the simulation, 0 … %1 (default 0 = one per core). "
                        "Results do not depend on it.")
             .arg(kMaxThreads),
         "n"},
        {QStringList{"print"}, "Run without a window and print the summary table and notes."},
        {QStringList{"h", "help"}, "Show this help: options, experiments, views and parameters."},
        {QStringList{"v", "version"}, "Show the version."},
    };
    m_options = m_builtin;

    // One option per parameter key; experiments sharing a key share the option.
    for (const auto& e : core::experiments()) {
        for (const auto& spec : e->params()) {
            QString name = q(spec.key);
            for (const char* builtin : kBuiltinNames)
                if (name == QLatin1String(builtin))
                    name = q(e->key()) + '-' + name;
            auto it = std::find_if(m_paramOptions.begin(), m_paramOptions.end(),
                                   [&](const ParamOption& o) { return o.name == name; });
            if (it == m_paramOptions.end()) {
                m_paramOptions.append({name, {}});
                it = std::prev(m_paramOptions.end());
                QString description = q(spec.help);
                if (!spec.defaultText.empty())
                    description += " Default " + q(spec.defaultText) + '.';
                m_options.append(QCommandLineOption(name, description, valueName(spec)));
            }
            it->keyByExperiment.insert(q(e->key()), q(spec.key));
        }
    }
}

void CommandLine::error(const QString& message)
{
    std::fputs(("walklab: " + message + '\n').toUtf8().constData(), stderr);
    ++m_errors;
}

int CommandLine::refuse()
{
    std::fputs("Try 'walklab --help' for the options, experiments and parameters.\n", stderr);
    return kExitUsage;
}

int CommandLine::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    for (const auto& option : m_options)
        parser.addOption(option);
    if (!parser.parse(arguments)) {
        error(parser.errorText());
        return refuse();
    }
    if (parser.isSet("help")) {
        out(helpText());
        return kExitOk;
    }
    if (parser.isSet("version")) {
        out(QStringLiteral("walklab %1\n").arg(kVersion));
        return kExitOk;
    }
    for (const QString& arg : parser.positionalArguments())
        error(QStringLiteral("unexpected argument '%1' (options start with --)").arg(arg));

    // Experiment and its parameters.
    m_experimentGiven = parser.isSet("experiment");
    m_experiment = defaultExperiment();
    if (m_experimentGiven) {
        const QString key = parser.value("experiment");
        m_experiment = core::findExperiment(key.toStdString());
        if (!m_experiment) {
            QStringList keys;
            for (const auto& e : core::experiments())
                keys << q(e->key());
            error(QStringLiteral("--experiment %1: no such experiment; available: %2")
                      .arg(key, keys.join(", ")));
        }
    }
    // Without --experiment, a preset chooses the experiment that has it.
    if (!m_experimentGiven && parser.isSet("preset")) {
        QStringList owners;
        for (const auto& e : core::experiments()) {
            QString why;
            const auto presets = e->presets();
            if (findPreset(presets, parser.value("preset"), why)) {
                owners << q(e->key());
                m_experiment = e.get();
            }
        }
        m_experimentGiven = owners.size() == 1;
        if (owners.size() > 1) {
            const QString last = owners.takeLast();
            error(QStringLiteral("--preset %1: experiments %2 and %3 %4 have it; choose one with --experiment")
                      .arg(parser.value("preset"), owners.join(", "), last,
                           owners.size() == 1 ? QStringLiteral("both") : QStringLiteral("all")));
            owners << last;
        }
        if (owners.isEmpty())
            error(QStringLiteral("--preset %1: no experiment has such a preset (--help lists "
                                 "them)")
                      .arg(parser.value("preset")));
        if (owners.size() != 1)
            m_experiment = defaultExperiment();
    }
    if (m_experiment && m_experimentGiven && parser.isSet("preset")) {
        const QString name = parser.value("preset");
        QString why;
        const auto presets = m_experiment->presets();
        if (const core::Preset* preset = findPreset(presets, name, why))
            m_params = preset->params;
        else
            error(QStringLiteral("--preset %1: %2 (experiment %3)")
                      .arg(name, why, q(m_experiment->key())));
    }
    if (m_experiment) {
        const QString expKey = q(m_experiment->key());
        bool paramErrors = false;
        QStringList reported;  // parameters whose message is already out
        for (const auto& option : m_paramOptions) {
            if (!parser.isSet(option.name))
                continue;
            const QString value = parser.values(option.name).constLast();
            if (option.keyByExperiment.contains(expKey)) {
                const std::string key = option.keyByExperiment.value(expKey).toStdString();
                m_params[key] = value.toStdString();
                // A choice is stored by its key, and a bad one named with the allowed keys.
                const core::ParamSpec& spec = *m_experiment->param(key);
                if (spec.type == core::ParamType::Choice) {
                    if (const auto choice = core::parseChoice(spec, value.toStdString())) {
                        m_params[key] = *choice;
                    } else {
                        error(q(choice.error().front().message));
                        reported << q(key);
                    }
                }
            } else {
                error(QStringLiteral("--%1 %2: not a parameter of experiment %3 (it belongs to %4)")
                          .arg(option.name, value, expKey,
                               QStringList(option.keyByExperiment.keys()).join(", ")));
                paramErrors = true;
            }
        }
        if (!paramErrors)
            for (const auto& e : m_experiment->validate(m_params))
                if (!reported.contains(q(e.parameter)))
                    error(q(e.message));
    }

    // Views: the names given (all: every view), else the experiment's default views.
    if (parser.isSet("view")) {
        const QString value = parser.value("view");
        QStringList names;
        for (const QString& part : value.split(',', Qt::SkipEmptyParts)) {
            QStringList expanded{part.trimmed()};
            if (m_experiment && !viewKey(*m_experiment, expanded.front()).isEmpty())
                expanded.front() = viewKey(*m_experiment, expanded.front());
            else if (expanded.front().compare(QLatin1String("all"), Qt::CaseInsensitive) == 0 && m_experiment) {
                m_allViews = true;
                expanded.clear();
                for (const auto& v : m_experiment->views())
                    expanded << q(v.key);
            }
            for (const QString& name : expanded)
                if (!name.isEmpty() && !names.contains(name))
                    names << name;
        }
        if (names.isEmpty()) {
            error(QStringLiteral("--view '%1': name at least one view").arg(value));
        } else if (m_experiment) {
            for (const QString& name : names)
                if (!m_experiment->view(name.toStdString()))
                    error(QStringLiteral("--view %1: experiment %2 has no such view; its views are %3")
                              .arg(name, q(m_experiment->key()), viewList(*m_experiment)));
        }
        m_imageViews = names;
        m_viewsGiven = true;
        if (names.size() == 1)
            m_csvView = names.front();
        else if (parser.isSet("csv"))
            error(QStringLiteral("--view %1 with --csv: a CSV file holds one view; choose one of %2")
                      .arg(value, m_experiment ? viewList(*m_experiment) : QString()));
    } else if (m_experiment) {
        for (const auto& key : m_experiment->defaultViews())
            m_imageViews << q(key);
        m_csvView = csvDefaultViews(*m_experiment).value(0).first;
        m_csvViewChosen = false;
    }

    // Outputs.
    if (parser.isSet("export")) {
        m_exportPath = parser.value("export");
        if (m_exportPath.isEmpty())
            error("--export needs a file name");
        else if (!ui::imageFormatForPath(m_exportPath))
            error(QStringLiteral("--export %1: unsupported file extension '%2'; use .png, .jpg, "
                                 ".jpeg, .svg or .pdf")
                      .arg(m_exportPath, QFileInfo(m_exportPath).suffix()));
    }
    if (parser.isSet("csv")) {
        m_csvPath = parser.value("csv");
        if (m_csvPath.isEmpty())
            error("--csv needs a file name");
        else if (QFileInfo(m_csvPath).suffix().toLower() != QLatin1String("csv"))
            error(QStringLiteral("--csv %1: the file name must end in .csv").arg(m_csvPath));
    }
    if (!m_exportPath.isEmpty() && !m_csvPath.isEmpty() &&
        QFileInfo(m_exportPath).absoluteFilePath() == QFileInfo(m_csvPath).absoluteFilePath())
        error(QStringLiteral("--export and --csv name the same file %1").arg(m_csvPath));

    // Image size: 800 × 700 per panel, two panels per row, times the scale.
    if (parser.isSet("scale")) {
        const QString value = parser.value("scale");
        bool ok = false;
        const double v = value.trimmed().toDouble(&ok);
        if (ok && v >= kMinScale && v <= kMaxScale)
            m_scale = v;
        else
            error(QStringLiteral("--scale %1: must be a number between %2 and %3").arg(value).arg(kMinScale).arg(kMaxScale));
    }
    defaultImageSize();
    for (auto [name, field] : {std::pair{"width", &m_width}, std::pair{"height", &m_height}}) {
        if (!parser.isSet(name))
            continue;
        m_sizeGiven = true;
        const QString value = parser.value(name);
        if (auto v = wholeNumber(value, 1, kMaxSide))
            *field = int(*v);
        else
            error(QStringLiteral("--%1 %2: must be a whole number of pixels between 1 and %3")
                      .arg(name, value)
                      .arg(kMaxSide));
    }
    if (m_width > kMaxSide || m_height > kMaxSide)
        error(QStringLiteral("--scale %1: the image would be %2×%3 pixels (the default size times the scale), "
                             "more than %4 a side; give --width and --height")
                  .arg(m_scale)
                  .arg(m_width)
                  .arg(m_height)
                  .arg(kMaxSide));
    else if (qRound(m_width / m_scale) < 1 || qRound(m_height / m_scale) < 1)
        error(QStringLiteral("--scale %1 with a %2×%3 image: the figure would be laid out on less than one "
                             "pixel; width and height must be at least the scale")
                  .arg(m_scale)
                  .arg(m_width)
                  .arg(m_height));
    if (const auto format = ui::imageFormatForPath(m_exportPath);
        m_scale != 1 && (format == ui::ImageFormat::Svg || format == ui::ImageFormat::Pdf))
        error(QStringLiteral("--scale %1 with %2: SVG and PDF are vector images, sharp at any zoom; --scale is "
                             "for .png and .jpg (--width and --height give the size in points)")
                  .arg(m_scale)
                  .arg(m_exportPath));
    if (parser.isSet("threads")) {
        const QString value = parser.value("threads");
        if (auto v = wholeNumber(value, 0, kMaxThreads))
            m_threads = unsigned(*v);
        else
            error(QStringLiteral("--threads %1: must be a whole number between 0 and %2 "
                                 "(0 = one per core)")
                      .arg(value)
                      .arg(kMaxThreads));
    }
    m_print = parser.isSet("print");
    m_headless = !m_exportPath.isEmpty() || !m_csvPath.isEmpty() || m_print ||
                 parser.isSet("export") || parser.isSet("csv");

    if (m_errors > 0)
        return refuse();
    if (!m_headless) {
        for (const char* name : {"width", "height", "scale", "threads"})
            if (parser.isSet(name))
                std::fprintf(stderr, "walklab: note: --%s is used only with --export, --csv or "
                                     "--print; the window ignores it\n", name);
    }
    return -1;
}

void CommandLine::defaultImageSize()
{
    const int panels = int(m_imageViews.size());
    const int columns = std::clamp(panels, 1, 2), rows = std::max(1, (panels + 1) / 2);
    m_width = qRound(kPanelWidth * columns * m_scale);
    m_height = qRound(kPanelHeight * rows * m_scale);
}

bool CommandLine::checkViews(const core::Result& result)
{
    QStringList drawn, empty, why;  // why: the titles of the empty views ("Position at n: choose barriers = reflecting")
    for (const QString& v : m_imageViews) {
        const core::Panel* panel = result.find(v.toStdString());
        if (panel && !panel->series.empty()) {
            drawn << v;
        } else {  // a view for other parameters: its title says which
            empty << v;
            why << (panel ? q(panel->title) : QStringLiteral("not in the result"));
        }
    }
    if (empty.isEmpty())
        return true;
    if ((m_viewsGiven && !m_allViews) || drawn.isEmpty()) {  // named, or nothing left: refused like a bad parameter
        for (qsizetype i = 0; i < empty.size(); ++i)
            error(QStringLiteral("view %1 has no data for these parameters (%2)").arg(empty[i], why[i]));
        return false;
    }
    for (qsizetype i = 0; i < empty.size(); ++i)
        empty[i] += " (" + why[i] + ')';
    if (!m_exportPath.isEmpty())
        std::fputs(("walklab: note: left out of the image, no data for these parameters: " + empty.join(", ") + '\n')
                       .toUtf8()
                       .constData(),
                   stderr);
    m_imageViews = drawn;
    if (!m_sizeGiven)
        defaultImageSize();
    if (!m_csvViewChosen)  // the default view of --csv: the last default view these parameters fill
        for (const auto& [key, needs] : csvDefaultViews(*m_experiment))
            if (drawn.contains(key)) {
                m_csvView = key;
                break;
            }
    return true;
}

int CommandLine::run()
{
    core::Expected<core::Result> result;
    try {
        result = runHeadless(*m_experiment, m_params, m_threads);
    } catch (const std::exception& e) {  // a defect in the experiment: report it, do not abort
        error(QStringLiteral("internal error in %1: %2").arg(q(m_experiment->key()), QString::fromUtf8(e.what())));
        return kExitFailure;
    }
    if (!result) {
        // Parameters the core refuses only when it runs (too much work or memory for these
        // values together) read like the refusals of parse(); a cancelled run or a defect fails.
        bool refused = false;
        for (const auto& e : result.error()) {
            error(q(e.message));
            refused = refused || e.kind == core::ErrorKind::InvalidParameter || e.kind == core::ErrorKind::TooLarge;
        }
        return refused ? refuse() : kExitFailure;
    }
    if (!checkViews(*result))
        return refuse();

    // Ctrl+C while the outputs are written: the file being written is completed (or, on a
    // second Ctrl+C, left out: QSaveFile), the others are not started.
    const auto cancelled = [this] {
        if (interrupted())
            error(QStringLiteral("cancelled"));
        return interrupted();
    };
    if (!m_exportPath.isEmpty()) {
        ui::PlotCanvas canvas;
        canvas.setResult(*result, m_imageViews);
        if (cancelled())
            return kExitFailure;
        const QString failure = ui::exportPlot(canvas, m_exportPath, m_width, m_height, m_scale);
        if (!failure.isEmpty()) {
            error(failure);
            return kExitFailure;
        }
        const auto format = ui::imageFormatForPath(m_exportPath);
        const bool vector = format == ui::ImageFormat::Svg || format == ui::ImageFormat::Pdf;
        out(QStringLiteral("wrote %1 (%2×%3%4)\n")
                .arg(m_exportPath)
                .arg(m_width)
                .arg(m_height)
                .arg(vector       ? QStringLiteral(" pt")
                     : m_scale != 1 ? QStringLiteral(", laid out at %1×%2 and drawn at scale %3")
                                         .arg(qRound(m_width / m_scale))
                                         .arg(qRound(m_height / m_scale))
                                         .arg(m_scale)
                                    : QString()));
    }
    if (!m_csvPath.isEmpty()) {
        const core::Panel* panel = result->find(m_csvView.toStdString());
        if (!panel) {
            error(QStringLiteral("the result of %1 has no view %2")
                      .arg(q(m_experiment->key()), m_csvView));
            return kExitFailure;
        }
        if (panel->series.empty()) {  // the declared needs (csvDefaultViews) disagree with the result
            error(QStringLiteral("--csv: view %1 has no data for these parameters (%2)").arg(m_csvView, q(panel->title)));
            return refuse();
        }
        if (cancelled())
            return kExitFailure;
        const QString failure = ui::exportCsv(*panel, m_csvPath);
        if (!failure.isEmpty()) {
            error(failure);
            return kExitFailure;
        }
        out(QStringLiteral("wrote %1 (view %2, %3 rows%4)\n")
                .arg(m_csvPath, m_csvView)
                .arg(panel->x.size())
                .arg(m_csvViewChosen ? QString() : QStringLiteral("; the default view, --view NAME writes another")));
    }

    if (m_print) {
        QStringList settings;
        for (const auto& spec : m_experiment->params())
            settings << q(spec.key) + '=' + usedValue(*result, m_params, spec);
        out(QStringLiteral("%1 (%2): %3\n")
                .arg(q(m_experiment->title()), q(m_experiment->key()), settings.join(' ')));
        QList<QStringList> rows{{"Quantity", "Simulated", "Exact"}};
        for (const auto& row : result->summary)
            rows.append({q(row.quantity), q(row.simulated), q(row.exact)});
        // Only rows with an exact value set the width of the Simulated column: the others end
        // there, and among them are the run time and speed, which must not move the columns
        // (they differ from run to run and with the thread count).
        int w0 = 0, w1 = 0;
        for (const auto& row : rows) {
            w0 = std::max(w0, int(row[0].size()));
            if (!row[2].isEmpty())
                w1 = std::max(w1, int(row[1].size()));
        }
        for (const auto& row : rows)
            out(("  " + row[0].leftJustified(w0 + 3) + row[1].leftJustified(w1 + 3) + row[2])
                    .trimmed()
                    .prepend("  ") +
                '\n');
        for (const auto& note : result->notes)
            out(wrap("Note: " + q(note), 2));
    } else {
        for (const auto& note : result->notes)
            out(wrap("Note: " + q(note), 0));
    }
    out(QStringLiteral("%1: done in %2 s on %3 thread%4\n")
            .arg(q(m_experiment->key()), q(core::formatSignificant(result->seconds, 3)))
            .arg(result->threads)
            .arg(result->threads == 1 ? "" : "s"));
    std::fflush(stdout);
    return kExitOk;
}

QString CommandLine::helpText() const
{
    QString text = QStringLiteral("Usage: walklab [options]\n\n");
    text += wrap("WalkLab explores random walks and Poisson processes by simulation and plots each "
                 "Monte Carlo result against its exact distribution. Without --export, --csv or "
                 "--print it opens its window (parameters and --view given here fill the form "
                 "and choose the plots); with any of them it runs "
                 "without a window and writes the files.",
                 0);
    text += '\n' + describeOptions() + '\n' + describeExperiments();
    text += wrap("Exit status: 0 done; 1 the run or writing a file failed, or Ctrl+C cancelled it; 2 "
                 "invalid option, parameter, view (or a view named that has no data for the "
                 "parameters), scale, size or file extension, or a run refused as too large (then "
                 "nothing is written). On a terminal, a run of over a second shows its progress "
                 "on stderr.",
                 0) + '\n';
    text += QStringLiteral("Examples:\n"
                           "  walklab --steps 100 --walkers 100000 --seed 7 --export walk.png\n"
                           "  walklab --p 0.6 --q 0.3 --csv endpoint.csv --print\n"
                           "  walklab --view paths --csv paths.csv\n"
                           "  walklab --experiment walk3d --view all --export walk3d.png\n"
                           "  walklab --experiment walk2d --view paths,msd,returns --export walk2d.pdf\n"
                           "  walklab --preset hospital --view counts --export births.png\n");
    return text;
}

QString CommandLine::describeOptions() const
{
    QString text = QStringLiteral("Options:\n");
    constexpr int width = 24;
    for (const auto& option : m_builtin) {
        QStringList names;
        for (const QString& n : option.names())
            names << (n.size() == 1 ? "-" + n : "--" + n);
        QString head = names.join(", ");
        if (!option.valueName().isEmpty())
            head += " <" + option.valueName() + '>';
        text += optionLine(head, option.description(), width);
    }
    text += '\n' + wrap("Every parameter of an experiment is an option too (--steps 1000, "
                        "--p 0.6, …); see the experiments below.",
                        0);
    return text;
}

QString CommandLine::describeExperiments() const
{
    QString text = QStringLiteral("Experiments:\n");
    const core::Experiment* def = defaultExperiment();
    for (const auto& e : core::experiments()) {
        text += QStringLiteral("  %1: %2%3\n")
                    .arg(q(e->key()), q(e->title()),
                         e.get() == def ? QStringLiteral(" (default)") : QString());
        text += wrap(q(e->help()), 4);
        text += QStringLiteral("    Views (* shown by default):\n");
        const std::vector<std::string> defaults = e->defaultViews();
        const auto csvViews = csvDefaultViews(*e);
        for (const auto& v : e->views()) {
            const bool shown = std::find(defaults.begin(), defaults.end(), v.key) != defaults.end();
            QString description = q(v.title) + ". " + q(v.help);
            if (!v.needs.empty())
                description += " Only with " + needsText(v.needs) + '.';
            for (const auto& [key, needs] : csvViews)
                if (key == q(v.key))
                    description += csvViews.size() == 1 ? QStringLiteral(" Default view of --csv.")
                                   : needs.isEmpty()    ? QStringLiteral(" Default view of --csv otherwise.")
                                                        : " Default view of --csv with " + needs + '.';
            text += optionLine(QStringLiteral("  %1 %2").arg(shown ? "*" : " ", q(v.key)), description, 18);
        }
        text += QStringLiteral("    Parameters:\n");
        for (const auto& spec : e->params()) {
            QString name = q(spec.key);
            for (const auto& option : m_paramOptions)
                if (option.keyByExperiment.value(q(e->key())) == q(spec.key))
                    name = option.name;
            const QString head = QStringLiteral("    --%1 <%2>").arg(name, valueName(spec));
            const QString range = rangeText(spec);
            QString description = q(spec.label) + (range.isEmpty() ? "" : ", " + range) +
                                  ", default " +
                                  (spec.defaultText.empty() ? QStringLiteral("derived")
                                                            : q(spec.defaultText)) +
                                  ". " + q(spec.help);
            text += optionLine(head, description, 24);
        }
        const auto presets = e->presets();
        if (!presets.empty())
            text += QStringLiteral("    Presets (--preset NAME):\n");
        for (const auto& p : presets) {
            QStringList values;
            for (const auto& [key, value] : p.params)
                values << q(key) + '=' + q(value);
            text += optionLine("    " + slug(p.name),
                               q(p.name) + ". " + q(p.help) + " (" + values.join(' ') + ')', 24);
        }
        text += '\n';
    }
    return text;
}

}  // namespace walklab::app
