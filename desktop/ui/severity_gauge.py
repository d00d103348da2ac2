"""SeverityGauge: the predicted fraction of lung fields involved, as a half-dial.

Painted with QPainter so it scales crisply at any DPI. The bands follow the
geographic extent score (0-8 in steps of 1/8): up to 2/8 mild, up to 5/8 moderate,
above that extensive.
"""

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BANDS = ((0.25, QColor("#3fa46a")), (0.625, QColor("#e0a526")), (1.0, QColor("#d9534f")))
TRACK = QColor("#e3e6ea")


class SeverityGauge(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._value: float | None = None
        self.setAccessibleName(self.tr("Severity gauge"))
        self.setToolTip(self.tr("Fraction of lung fields involved; geographic extent score / 8. "
                                "0 % = clear lungs, 100 % = all eight lung zones involved."))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(180, 110)

    def sizeHint(self) -> QSize:
        return QSize(220, 124)

    @property
    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = None if value is None else max(0.0, min(1.0, float(value)))
        self.setAccessibleDescription(self.text())
        self.update()

    def text(self) -> str:
        return "—" if self._value is None else f"{100 * self._value:.0f} %"

    def band_name(self) -> str:
        if self._value is None:
            return self.tr("not available")
        if self._value <= BANDS[0][0]:
            return self.tr("mild extent")
        return self.tr("moderate extent") if self._value <= BANDS[1][0] else self.tr("extensive")

    def _band_colour(self) -> QColor:
        if self._value is None:
            return QColor("#9aa1a9")
        return next(colour for limit, colour in BANDS if self._value <= limit)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        thickness = 14.0
        radius = max(10.0, min(self.width() / 2 - thickness, self.height() - thickness - 22))
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
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self.tr("of lung fields · {band}").format(band=self.band_name()))
