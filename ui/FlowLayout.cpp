#include "ui/FlowLayout.h"

#include <QWidget>

#include <algorithm>

namespace walklab::ui {

FlowLayout::FlowLayout(QWidget* parent) : QLayout(parent) {}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item) { m_items.append(item); }

QLayoutItem* FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest item; the height for a given width is heightForWidth's.
    QSize size;
    for (const QLayoutItem* item : m_items)
        size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    int y = area.y();
    QList<QLayoutItem*> row;
    int rowWidth = 0, rowHeight = 0;
    // Places the items of the row, each centred vertically in it, and starts the next row.
    const auto endRow = [&] {
        if (apply) {
            int x = area.x();
            for (QLayoutItem* item : row) {
                const QSize hint = item->sizeHint();
                item->setGeometry(QRect(QPoint(x, y + (rowHeight - hint.height()) / 2), hint));
                x += hint.width() + gap();
            }
        }
        y += rowHeight + gap();
        row.clear();
        rowWidth = rowHeight = 0;
    };
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        if (!row.isEmpty() && rowWidth + gap() + hint.width() > area.width())
            endRow();
        rowWidth += (row.isEmpty() ? 0 : gap()) + hint.width();
        rowHeight = std::max(rowHeight, hint.height());
        row << item;
    }
    if (!row.isEmpty())
        endRow();
    const int used = y > area.y() ? y - gap() - area.y() : 0;  // no gap after the last row
    const QMargins m = contentsMargins();
    return m.top() + used + m.bottom();
}

}  // namespace walklab::ui
