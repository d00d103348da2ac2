"""SeverityGauge: the predicted fraction of lung fields involved, as a half-dial.

Painted with QPainter so it scales crisply at any DPI. The bands and their words are
``wording.severity_band``'s. No green: the gauge is shown only with a pneumonia-type call, where
"mild" is still disease. ``set_value(..., reliable=False)`` paints it grey, for calls the severity
head was not trained on (it learnt from COVID-19 scores only). The caption under the number is as wide
as its words need (up to ``MAX_WIDTH``) and wraps below that, the dial giving way: a translation may be
twice as long as the English.
"""

import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.wording import severity_band

BANDS = ((0.25, QColor("#c9a227")), (0.625, QColor("#e07b26")), (1.0, QColor("#d9534f")))
TRACK = QColor("#e3e6ea")
UNRELIABLE = QColor("#8a9099")
MIN_WIDTH, MAX_WIDTH = 220, 300
DIAL_HEIGHT = 102              # the dial and its number; the caption's lines come below it


class SeverityGauge(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._value: float | None = None
        self._reliable = True
        self.setAccessibleName(self.tr("Severity gauge"))
        self.setToolTip(self.tr("Share of the lung fields that look involved, as estimated by the model: "
                                "0 % = clear lungs, 100 % = every part of both lungs. Learnt from "
                                "radiologists' scores of COVID-19 films only."))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(180, 110)

    def sizeHint(self) -> QSize:
        width = min(MAX_WIDTH, max(MIN_WIDTH, self.fontMetrics().horizontalAdvance(self.caption()) + 16))
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return DIAL_HEIGHT + self._caption_height(width)

    def caption(self) -> str:
        return self.tr("of lung fields · {band}").format(band=self.band_name())

    def _caption_height(self, width: int) -> int:
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        return self.fontMetrics().boundingRect(QRect(0, 0, max(1, width), 10_000), flags, self.caption()).height() + 6

    @property
    def value(self) -> float | None:
        return self._value

    @property
    def reliable(self) -> bool:
        return self._reliable

    def set_value(self, value: float | None, reliable: bool = True) -> None:
        self._value = None if value is None else max(0.0, min(1.0, float(value)))
        self._reliable = bool(reliable)
        self.setAccessibleDescription(f"{self.text()} · {self.band_name()}")
        self.updateGeometry()           # the caption's width follows the band's words
        self.update()

    def text(self) -> str:
        return "—" if self._value is None else f"{100 * self._value:.0f} %"

    def band_name(self) -> str:
        return severity_band(self._value)

    def _band_colour(self) -> QColor:
        if self._value is None or not self._reliable:
            return UNRELIABLE
        return next(colour for limit, colour in BANDS if self._value <= limit)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        thickness = 14.0
        caption_h = self._caption_height(self.width())
        radius = max(10.0, min(self.width() / 2 - thickness, self.height() - thickness - caption_h))
        centre = QPointF(self.width() / 2, thickness / 2 + radius + 4)
        arc = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)

        pen = QPen(TRACK, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(arc, 0, 180 * 16)           # Qt angles: 1/16 degree, 0 = 3 o'clock
        if self._value is not None and self._value > 0:
            pen.setColor(self._band_colour())
            painter.setPen(pen)
            painter.drawArc(arc, 180 * 16, -round(180 * 16 * self._value))

        # ticks at each eighth: the extent score's steps
        painter.setPen(QPen(QColor(255, 255, 255), 1.5))
        for step in range(1, 8):
            angle = math.pi * (1 - step / 8)
            inner, outer = radius - thickness / 2, radius + thickness / 2
            painter.drawLine(QPointF(centre.x() + inner * math.cos(angle), centre.y() - inner * math.sin(angle)),
                             QPointF(centre.x() + outer * math.cos(angle), centre.y() - outer * math.sin(angle)))

        text_colour = self.palette().windowText().color()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_colour if self._value is None else self._band_colour().darker(115))
        painter.drawText(QRectF(0, centre.y() - radius * 0.62, self.width(), radius * 0.62),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.text())
        small = QFont(self.font())
        painter.setFont(small)
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, centre.y() + 2, self.width(), self.height() - centre.y() - 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         self.caption())
