"""HeatmapLegend: the colour bar under the viewer, "low → high attention"."""

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen, QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.heatmap_overlay import legend_gradient


class HeatmapLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Heatmap colour legend"))
        self.setToolTip(self.tr("Where the model looked most when it chose its answer. "
                                "It is not an outline of disease."))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(260, 30)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        low, high = self.tr("low"), self.tr("high attention")
        low_w, high_w = metrics.horizontalAdvance(low), metrics.horizontalAdvance(high)
        bar = QRectF(low_w + 8, (self.height() - 10) / 2, max(20, self.width() - low_w - high_w - 16), 10)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(0, 0, low_w + 4, self.height()), Qt.AlignmentFlag.AlignVCenter, low)
        painter.drawText(QRectF(bar.right() + 8, 0, high_w + 4, self.height()),
                         Qt.AlignmentFlag.AlignVCenter, high)
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.setBrush(legend_gradient(bar))
        painter.drawRoundedRect(bar, 3, 3)
