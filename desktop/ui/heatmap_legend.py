"""HeatmapLegend: the colour bar under the viewer, "Heatmap for <class>: low → high attention".

The bar is the overlay's own colours and opacity over film grey, so its untinted left end shows
that low attention leaves the film as it is.
"""

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.heatmap_overlay import legend_gradient

FILM_GREY = QColor(128, 128, 128)
MIN_BAR = 40        # the bar keeps this much; a narrow viewer shortens the title ("…"), never the end labels


class HeatmapLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._subject: str | None = None
        self.setAccessibleName(self.tr("Heatmap colour legend"))
        self.setToolTip(self.tr("Where the model looked most when it chose its answer. "
                                "It is not an outline of disease. Low attention is not coloured."))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(360, 30)

    def set_subject(self, class_name: str | None) -> None:
        """The class the heatmap explains (its most probable class), named before the bar."""
        self._subject = class_name
        self.setAccessibleDescription(self.title())
        self.update()

    def title(self) -> str:
        if self._subject:
            return self.tr("Heatmap for {label}:").format(label=self._subject)
        return self.tr("Heatmap:")

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        low, high = self.tr("low"), self.tr("high attention")
        low_w, high_w = metrics.horizontalAdvance(low), metrics.horizontalAdvance(high)
        room = self.width() - low_w - high_w - MIN_BAR - 42
        title = metrics.elidedText(self.title(), Qt.TextElideMode.ElideRight, max(0, room))
        title_w = metrics.horizontalAdvance(title) + 10 if title else 0
        x = 8 + title_w
        bar = QRectF(x + low_w + 8, (self.height() - 10) / 2, max(20, self.width() - x - low_w - high_w - 24), 10)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(8, 0, title_w, self.height()), Qt.AlignmentFlag.AlignVCenter, title)
        painter.drawText(QRectF(x, 0, low_w + 4, self.height()), Qt.AlignmentFlag.AlignVCenter, low)
        painter.drawText(QRectF(bar.right() + 8, 0, high_w + 4, self.height()),
                         Qt.AlignmentFlag.AlignVCenter, high)
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.setBrush(FILM_GREY)
        painter.drawRoundedRect(bar, 3, 3)
        painter.setBrush(legend_gradient(bar))
        painter.drawRoundedRect(bar, 3, 3)
