// A layout that places its widgets in rows, left to right, wrapping onto the next row.
#pragma once

#include <QLayout>
#include <QList>

namespace walklab::ui {

/// Items keep their size hints and run left to right; an item that would cross the right
/// edge starts a new row. The height follows the width (heightForWidth), so a parent layout
/// gives the rows the room they need. Spacing is the layout's spacing() in both directions
/// (6 px when unset). Owns its items.
class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem* takeAt(int index) override;

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override;
    void setGeometry(const QRect& rect) override;

private:
    /// Lays the items out in `rect` (moving them when `apply`); returns the height used.
    int arrange(const QRect& rect, bool apply) const;
    int gap() const { return spacing() >= 0 ? spacing() : 6; }

    QList<QLayoutItem*> m_items;
};

}  // namespace walklab::ui
