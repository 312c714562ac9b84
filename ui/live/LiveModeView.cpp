#include "ui/live/LiveModeView.h"

#include "core/experiment/TextFormat.h"
#include "ui/FlowLayout.h"
#include "ui/form/SliderScale.h"
#include "ui/plot/PlotStyle.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace walklab::ui {

namespace {

// Sizes in pixels, large enough to be read from the back of a classroom.
constexpr int kTextPx = 20;
constexpr int kStatusPx = 26;
constexpr int kTitlePx = 22;
constexpr int kTickPx = 18;
constexpr int kButtonHeight = 52;

constexpr double kEventDot = 13;   // dot size of an event, in pixels …
constexpr double kSparseRow = 40;  // … while a realisation has at most this many events
constexpr double kLeastDot = 4;    // and never smaller than this
constexpr double kDotOfRow = 0.6;  // dots take at most this share of a row's height
constexpr double kLatestOfDot = 1.5;  // the newest event, larger (0.9 of a row at most)

constexpr int kTickMs = 30;
constexpr double kMaxTickSeconds = 0.25;  // after a stall the clock skips, it does not race
constexpr double kFastest = 0.5, kSlowest = 60.0, kDefaultSeconds = 5.0;

const QColor kRowDone(200, 205, 212);
const QColor kRowCurrent(250, 205, 150);
const QColor kEvent(40, 90, 160);
const QColor kLatest(230, 110, 0);
const QColor kBarFill(135, 180, 225);
const QColor kBarPen(60, 110, 170);
const QColor kExpected(165, 20, 30);

const SliderScale kSpeedScale(kFastest, kSlowest, false);

QFont pixelFont(int px, bool bold = false)
{
    QFont f(QStringLiteral("sans-serif"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

void styleAxes(QCPAxisRect* rect)
{
    for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
        axis->setLabelFont(pixelFont(kTextPx));
        axis->setTickLabelFont(pixelFont(kTickPx));
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1));
    }
}

QCPBars* makeBars(QCPAxis* key, QCPAxis* value, const QColor& fill, const QColor& pen)
{
    auto* bars = new QCPBars(key, value);
    bars->setBrush(fill);
    bars->setPen(QPen(pen, 1));
    return bars;
}

}  // namespace

LiveModeView::LiveModeView(QWidget* parent) : QWidget(parent)
{
    setFont(pixelFont(kTextPx));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("liveStatus"));
    m_status->setFont(pixelFont(kStatusPx, true));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("livePlot"));
    m_plot->setMinimumSize(360, 280);  // fits a 1400 × 800 window beside other widgets
    buildPlot();
    layout->addWidget(m_plot, 1);

    // The buttons and the speed control side by side, the speed beneath when the window is
    // narrow (a 1024 px screen).
    auto* controlsRow = new QWidget(this);
    auto* flow = new FlowLayout(controlsRow);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->setSpacing(16);
    auto* buttons = new QWidget(controlsRow);
    auto* controls = new QHBoxLayout(buttons);
    controls->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(buttons);
    auto button = [this, controls, buttons](const QString& text, QStyle::StandardPixmap icon,
                                            const QString& name, const QString& tip) {
        auto* b = new QPushButton(style()->standardIcon(icon), text, buttons);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setMinimumHeight(kButtonHeight);
        b->setIconSize(QSize(28, 28));
        b->setAutoDefault(false);
        controls->addWidget(b);
        return b;
    };
    m_play = button(tr("Play"), QStyle::SP_MediaPlay, QStringLiteral("livePlay"),
                    tr("Let the events happen at their own times"));
    m_step = button(tr("Step"), QStyle::SP_MediaSkipForward, QStringLiteral("liveStep"),
                    tr("Show the next event (or end this realisation)"));
    m_reset = button(tr("Reset"), QStyle::SP_MediaSkipBackward, QStringLiteral("liveReset"),
                     tr("Start again with an empty histogram"));
    connect(m_play, &QPushButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_step, &QPushButton::clicked, this, &LiveModeView::step);
    connect(m_reset, &QPushButton::clicked, this, &LiveModeView::reset);

    auto* speed = new QWidget(controlsRow);
    auto* speedLayout = new QHBoxLayout(speed);
    speedLayout->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(speed);
    speedLayout->addWidget(new QLabel(tr("Slow"), speed));
    m_speed = new QSlider(Qt::Horizontal, speed);
    m_speed->setObjectName(QStringLiteral("liveSpeed"));
    m_speed->setRange(0, kSpeedScale.steps());
    m_speed->setPageStep(kSpeedScale.steps() / 10);
    m_speed->setMinimumWidth(160);
    m_speed->setToolTip(tr("Speed: how long one realisation takes on screen"));
    speedLayout->addWidget(m_speed, 1);
    speedLayout->addWidget(new QLabel(tr("Fast"), speed));
    speedLayout->addSpacing(16);
    m_speedText = new QLabel(speed);
    m_speedText->setMinimumWidth(m_speedText->fontMetrics().horizontalAdvance(
        tr("%1 s per realisation").arg(QStringLiteral("00.0"))));
    speedLayout->addWidget(m_speedText);
    layout->addWidget(controlsRow);
    connect(m_speed, &QSlider::valueChanged, this, [this] {
        m_speedText->setText(tr("%1 s per realisation")
                                 .arg(QString::fromStdString(
                                     core::formatSignificant(secondsPerRealisation(), 2))));
    });
    setSecondsPerRealisation(kDefaultSeconds);

    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveModeView::tick);
    redraw();
    updateControls();
}

void LiveModeView::buildPlot()
{
    m_plot->setBackground(Qt::white);
    m_plot->setAntialiasedElements(QCP::aeAll);
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->plotLayout()->clear();
    auto addTitled = [this](int row, const QString& title) {
        auto* text = new QCPTextElement(m_plot, title, pixelFont(kTitlePx, true));
        m_plot->plotLayout()->addElement(2 * row, 0, text);
        auto* rect = new QCPAxisRect(m_plot, true);
        m_plot->plotLayout()->addElement(2 * row + 1, 0, rect);
        m_plot->plotLayout()->setRowStretchFactor(2 * row, 0.001);
        styleAxes(rect);
        return rect;
    };
    m_timelineRect = addTitled(0, tr("Events as they happen"));
    m_countsRect = addTitled(1, tr("Number of events per realisation"));
    m_plot->plotLayout()->setRowStretchFactor(1, 1.1);
    m_plot->plotLayout()->setRowStretchFactor(3, 1);

    QCPAxis* time = m_timelineRect->axis(QCPAxis::atBottom);
    QCPAxis* row = m_timelineRect->axis(QCPAxis::atLeft);
    row->setRangeReversed(true);  // realisation 1 on top: read like a page
    row->setLabel(tr("Realisation"));
    row->grid()->setVisible(false);
    // Row bars lie along the time axis: the rows are their keys.
    m_doneRows = makeBars(row, time, kRowDone, kRowDone);
    m_currentRow = makeBars(row, time, kRowCurrent, kRowCurrent);
    for (QCPBars* bars : {m_doneRows, m_currentRow})
        bars->setWidth(0.16);
    m_events = m_plot->addGraph(time, row);
    m_events->setLineStyle(QCPGraph::lsNone);
    m_latest = m_plot->addGraph(time, row);
    m_latest->setLineStyle(QCPGraph::lsNone);
    m_cursor = new QCPItemLine(m_plot);
    m_cursor->setClipAxisRect(m_timelineRect);
    for (QCPItemPosition* p : {m_cursor->start, m_cursor->end})
        p->setAxes(time, row);
    m_cursor->setPen(QPen(kLatest, 3));

    QCPAxis* k = m_countsRect->axis(QCPAxis::atBottom);
    QCPAxis* realisations = m_countsRect->axis(QCPAxis::atLeft);
    realisations->setLabel(tr("Realisations"));
    QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed);
    whole->setTickStep(1);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    k->setTicker(whole);
    realisations->setTicker(whole);
    m_tallyBars = makeBars(k, realisations, kBarFill, kBarPen);
    m_tallyBars->setName(tr("Finished realisations"));
    m_currentCount = makeBars(k, realisations, kRowCurrent, kLatest);
    m_currentCount->setName(tr("This realisation so far"));
    m_currentCount->moveAbove(m_tallyBars);
    for (QCPBars* bars : {m_tallyBars, m_currentCount})
        bars->setWidth(0.8);
    m_expected = m_plot->addGraph(k, realisations);
    m_expected->setName(tr("Expected: n · P(N = k)"));
    m_expected->setPen(QPen(kExpected, 2.5));
    m_expected->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kExpected, kExpected, 7));

    // The legend beneath the histogram: inside it, it would cover the bars of large counts
    // as they grow (fitLegend() sets its columns).
    auto* legend = new QCPLegend;
    auto* below = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(4, 0, below);
    m_plot->plotLayout()->setRowStretchFactor(4, 0.001);
    below->setMargins(QMargins(0, 6, 0, 2));
    below->addElement(0, 0, legend);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(pixelFont(kTickPx));
    legend->setBrush(QColor(255, 255, 255, 215));
    legend->setBorderPen(QPen(QColor(190, 190, 190), 1));
    for (QCPAbstractPlottable* p :
         std::initializer_list<QCPAbstractPlottable*>{m_tallyBars, m_currentCount, m_expected})
        p->addToLegend(legend);
    m_legend = legend;
    // At the plot's own size, known when it replots (after the window's layout).
    connect(m_plot, &QCustomPlot::beforeReplot, this, &LiveModeView::fitLegend);
}

void LiveModeView::fitLegend()
{
    // As many entries side by side as the plot's width holds (columns as wide as the widest).
    const int room = m_plot->viewport().width() - m_plot->plotLayout()->margins().left() -
                     m_plot->plotLayout()->margins().right();
    int widest = 0;
    int entries = 0;
    for (int i = 0; i < m_legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = m_legend->item(i)) {  // cells beyond the last are empty
            widest = std::max(widest, item->minimumOuterSizeHint().width());
            ++entries;
        }
    const QMargins m = m_legend->margins();
    int columns = entries;
    while (columns > 1 && m.left() + m.right() + columns * widest + (columns - 1) * int(m_legend->columnSpacing()) > room)
        --columns;
    if (m_legend->wrap() != columns) {
        m_legend->setWrap(columns);
        m_legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-wraps the entries
    }
}

void LiveModeView::setResult(const core::Result& result)
{
    const bool wasPlaying = isPlaying();
    m_replay = LiveReplay::fromResult(result);
    m_timeUnit.clear();
    if (const core::Panel* timeline = result.find("timeline")) {
        const QString label = detail::displayText(timeline->xLabel);
        m_timelineRect->axis(QCPAxis::atBottom)->setLabel(label);
        const qsizetype open = label.lastIndexOf('('), close = label.lastIndexOf(')');
        if (open >= 0 && close > open)
            m_timeUnit = label.mid(open + 1, close - open - 1);
    }
    const core::Panel* counts = result.find("counts");
    m_countsRect->axis(QCPAxis::atBottom)
        ->setLabel(counts && !counts->xLabel.empty() ? detail::displayText(counts->xLabel)
                                                     : tr("Number of events k"));
    m_expected->setVisible(m_replay && !m_replay->lawK().empty());
    if (m_replay) {
        const auto& rows = m_replay->realisations();
        QCPAxis* row = m_timelineRect->axis(QCPAxis::atLeft);
        row->setRange(rows.empty() ? 0.5 : rows.front().number - 0.6,
                      rows.empty() ? 1.5 : rows.back().number + 0.6);
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(1);  // every row numbered, or every 2nd, 5th … when there are many
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        row->setTicker(ticker);
        const double start = m_replay->windowStart(), span = m_replay->windowEnd() - start;
        m_timelineRect->axis(QCPAxis::atBottom)->setRange(start - 0.01 * span, start + 1.01 * span);
        for (QCPBars* bars : {m_doneRows, m_currentRow})
            bars->setBaseValue(start);
        // Smaller dots when a row holds very many events, so that they stay apart.
        std::size_t events = 0;
        for (const auto& r : rows)
            events += r.arrivals.size();
        const double perRow = double(events) / double(std::max<std::size_t>(1, rows.size()));
        m_denseDot = std::clamp(kEventDot * std::sqrt(kSparseRow / perRow), 6.0, kEventDot);
    }
    if (!m_replay || !wasPlaying)
        pause();
    redraw();
    updateControls();
}

void LiveModeView::play()
{
    if (!m_replay)
        return;
    if (m_replay->finished())
        m_replay->reset();
    m_clock.start();
    m_timer.start();
    redraw();
    updateControls();
}

void LiveModeView::pause()
{
    m_timer.stop();
    updateControls();
}

void LiveModeView::step()
{
    pause();
    if (m_replay && m_replay->step())
        redraw();
    updateControls();
}

void LiveModeView::reset()
{
    pause();
    if (m_replay)
        m_replay->reset();
    redraw();
    updateControls();
}

double LiveModeView::secondsPerRealisation() const
{
    return kSpeedScale.value(kSpeedScale.steps() - m_speed->value());  // right = faster
}

void LiveModeView::setSecondsPerRealisation(double seconds)
{
    m_speed->setValue(kSpeedScale.steps() - kSpeedScale.position(seconds));
}

void LiveModeView::tick()
{
    if (!m_replay)
        return pause();
    const double elapsed = std::min(m_clock.restart() / 1000.0, kMaxTickSeconds);
    const double window = m_replay->windowEnd() - m_replay->windowStart();
    m_replay->advance(elapsed * window / secondsPerRealisation());
    if (m_replay->finished())
        pause();
    redraw();
}

double LiveModeView::eventDotSize() const
{
    // As large as the row density allows, and no taller than a row is on screen.
    const QCPRange rows = m_timelineRect->axis(QCPAxis::atLeft)->range();
    const double rowPx = m_timelineRect->height() / std::max(1.0, rows.size());
    return std::max(kLeastDot, std::min(m_denseDot, kDotOfRow * rowPx));
}

void LiveModeView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    redraw();
}

void LiveModeView::redraw()
{
    QVector<double> doneKeys, doneValues, curKeys, curValues, eventT, eventRow, latestT, latestRow;
    QVector<double> tallyK, tallyN, currentK, currentN, expectedK, expectedN;
    const LiveReplay* r = replay();
    const auto& rows = r ? r->realisations() : std::vector<LiveReplay::Realisation>{};
    for (std::size_t i = 0; r && i < rows.size() && i <= r->current(); ++i) {
        const bool current = i == r->current();
        (current ? curKeys : doneKeys).append(rows[i].number);
        (current ? curValues : doneValues).append(current ? r->clock() : r->windowEnd());
        const std::size_t shown = r->shown(i);
        for (std::size_t j = 0; j < shown; ++j) {
            const bool newest = current && j + 1 == shown;
            (newest ? latestT : eventT).append(rows[i].arrivals[j]);
            (newest ? latestRow : eventRow).append(rows[i].number);
        }
    }
    m_doneRows->setData(doneKeys, doneValues, true);
    m_currentRow->setData(curKeys, curValues, true);
    m_events->setData(eventT, eventRow);
    m_latest->setData(latestT, latestRow);
    m_cursor->setVisible(!curKeys.isEmpty());
    if (!curKeys.isEmpty()) {
        m_cursor->start->setCoords(r->clock(), curKeys.front() - 0.4);
        m_cursor->end->setCoords(r->clock(), curKeys.front() + 0.4);
    }

    // The histogram, on axes that only grow: the expected heights of the whole replay are
    // known from the start, so the bars rise on a still scale. Counts from 0 (where every
    // realisation starts) to mean + 4 sd of the exact law (λT + 4√(λT)), wider only when a
    // count goes beyond.
    double kHigh = 0, top = 1;
    auto coverK = [&](double k) { kHigh = std::max(kHigh, k); };
    const std::size_t finished = r ? std::min(r->current(), rows.size()) : 0;
    if (r) {
        for (std::size_t k = 0; k < r->tally().size(); ++k)
            if (r->tally()[k] > 0) {
                tallyK.append(double(k));
                tallyN.append(r->tally()[k]);
                coverK(double(k));
                top = std::max(top, r->tally()[k] + 1.0);
            }
        if (!r->finished()) {
            const std::size_t now = r->shown(r->current());
            currentK.append(double(now));
            currentN.append(1);
            coverK(double(now));
            top = std::max(top, (now < r->tally().size() ? r->tally()[now] : 0) + 2.0);
        }
        double mean = 0;
        for (std::size_t i = 0; i < r->lawK().size(); ++i)
            mean += r->lawK()[i] * r->lawP()[i];
        coverK(std::ceil(mean + 4 * std::sqrt(mean)));
        for (std::size_t i = 0; i < r->lawK().size(); ++i) {
            const double p = r->lawP()[i];
            top = std::max(top, std::ceil(1.15 * p * double(rows.size())));
            if (finished > 0) {
                expectedK.append(r->lawK()[i]);
                expectedN.append(p * double(finished));
            }
        }
    }
    m_tallyBars->setData(tallyK, tallyN, true);
    m_currentCount->setData(currentK, currentN, true);
    m_expected->setData(expectedK, expectedN, true);
    m_countsRect->axis(QCPAxis::atBottom)->setRange(-0.7, std::max(kHigh, 1.0) + 0.7);
    m_countsRect->axis(QCPAxis::atLeft)->setRange(0, top * 1.04);  // the legend is beneath

    if (!r) {
        m_status->setText(tr("Live mode needs an experiment whose result has an event timeline "
                             "(the Poisson process)."));
    } else if (rows.empty()) {
        m_status->setText(tr("No realisation to replay: set Paths shown to 1 or more and run "
                             "again."));
    } else if (r->finished()) {
        m_status->setText(tr("All %1 realisations done: %2 events. Reset or Play to watch again.")
                              .arg(rows.size())
                              .arg(r->shownTotal()));
    } else {
        // Non-breaking spaces inside each part: a narrow window wraps between the parts only.
        const QString time = QString::number(r->clock(), 'f', 2) + (m_timeUnit.isEmpty() ? QString() : ' ' + m_timeUnit);
        QStringList parts{tr("Realisation %1 of %2").arg(r->current() + 1).arg(rows.size()), tr("t = %1").arg(time),
                          tr("N(t) = %1").arg(r->shown(r->current()))};
        for (QString& part : parts)
            part.replace(' ', QChar(0x00A0));
        m_status->setText(parts.join(QStringLiteral("   ·   ")));
    }
    // Dots sized to the rows as the plot lays them out (QCustomPlot::updateLayout's phases).
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        m_plot->plotLayout()->update(phase);
    const double dot = eventDotSize();
    m_events->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kEvent, kEvent, dot));
    m_latest->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kLatest, std::max(1.5, dot / 6)),
                                              QBrush(kLatest), kLatestOfDot * dot));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit updated();
}

void LiveModeView::updateControls()
{
    const bool on = available();
    m_play->setEnabled(on && !m_replay->realisations().empty());
    m_step->setEnabled(on && !m_replay->finished());
    m_reset->setEnabled(on);
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause
                                                      : QStyle::SP_MediaPlay));
}

}  // namespace walklab::ui

#include "moc_LiveModeView.cpp"
