#include "ui/plot/ExportSizeDialog.h"

#include "ui/plot/Exporter.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace walklab::ui {

ExportSizeDialog::ExportSizeDialog(const QString& path, QSize initial, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Image size"));
    const auto format = imageFormatForPath(path);
    const bool vector = format && isVector(*format);
    auto* form = new QFormLayout(this);
    m_caption = new QLabel(vector ? tr("Size of %1 in points:").arg(QFileInfo(path).fileName())
                                  : tr("Size of %1 in pixels:").arg(QFileInfo(path).fileName()));
    form->addRow(m_caption);
    m_width = new QSpinBox;
    m_height = new QSpinBox;
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, kMaxImageSide);
        box->setSuffix(vector ? tr(" pt") : tr(" px"));
        box->setAccelerated(true);
    }
    m_width->setValue(initial.width());
    m_height->setValue(initial.height());
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QSize ExportSizeDialog::imageSize() const
{
    return {m_width->value(), m_height->value()};
}

}  // namespace walklab::ui

#include "moc_ExportSizeDialog.cpp"
