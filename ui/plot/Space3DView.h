// The rotatable 3D view of a Space3D panel (Qt Data Visualization), with a flat fallback.
#pragma once

#include "core/experiment/Result.h"

#include <QString>
#include <QWidget>

class Q3DScatter;
class QLabel;

namespace walklab::ui {

class PlotCanvas;

/// Shows the first Space3D panel of a Result: its curves in a Q3DScatter that the mouse turns
/// (drag) and zooms (wheel), paths as dense dots (each segment split into dotsPerSegment()
/// steps so that it reads as a line), Points series (starts, ends) as large markers, one
/// data unit equally long on the three axes, which are titled x, y and z.
///
/// Qt Data Visualization needs OpenGL; it crashes on the offscreen platform. Where
/// canRender3D() is false the view shows the panel on a PlotCanvas instead (the projection
/// that exports use), so it can be created anywhere. The 3D graph is made only when a first
/// Space3D panel arrives, so windows that never show one never touch OpenGL.
class Space3DView : public QWidget {
    Q_OBJECT
public:
    explicit Space3DView(QWidget* parent = nullptr);
    ~Space3DView() override;

    /// True when the platform can show the 3D graph: not the offscreen or minimal platform,
    /// and an OpenGL context can be created. Decided once per process.
    static bool canRender3D();

    /// Shows the first Space3D panel of `result`; returns false (and keeps showing the
    /// previous one) when it has none.
    bool setResult(const core::Result& result);
    /// Key of the panel shown, empty before the first.
    QString panelKey() const { return m_panelKey; }

    /// The 3D graph, or nullptr (fallback, or no panel yet).
    Q3DScatter* graph() const { return m_graph; }
    /// The flat fallback, or nullptr.
    PlotCanvas* fallback() const { return m_fallback; }
    /// Number of items drawn in the 3D graph (dots and markers of every series).
    int pointCount() const;
    /// Dots per segment of the paths last drawn (1: only the vertices).
    int dotsPerSegment() const { return m_dotsPerSegment; }

private:
    void create3D();
    void show3D(const core::Panel& panel);

    Q3DScatter* m_graph = nullptr;
    QWidget* m_container = nullptr;
    PlotCanvas* m_fallback = nullptr;
    QLabel* m_hint = nullptr;
    QString m_panelKey;
    int m_dotsPerSegment = 1;
};

}  // namespace walklab::ui
