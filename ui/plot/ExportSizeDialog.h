// Asks for the size of an exported plot, in the unit the file's format is sized in.
#pragma once

#include <QDialog>
#include <QSize>

class QLabel;
class QSpinBox;

namespace walklab::ui {

/// Width and height of the image exportPlot() writes to `path`: pixels for PNG and JPG,
/// points for SVG and PDF (as the command line's --width and --height), each 100 …
/// kMaxImageSide, starting at `initial` (what is on screen).
class ExportSizeDialog : public QDialog {
    Q_OBJECT
public:
    ExportSizeDialog(const QString& path, QSize initial, QWidget* parent = nullptr);

    QSize imageSize() const;
    QSpinBox* widthBox() const { return m_width; }
    QSpinBox* heightBox() const { return m_height; }
    /// "Size of plot.pdf in points:".
    QLabel* caption() const { return m_caption; }

private:
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QLabel* m_caption = nullptr;
};

}  // namespace walklab::ui
