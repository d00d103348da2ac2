"""The check dialog's two plots, painted by the PDF report's own painter (desktop/ui/validation_report.py)
so the screen and the paper show the same drawing.

Why through a QImage: ``ValidationPainter`` lays out in the PDF's units (300 dots per inch, lengths in mm,
fonts in points). An image given that resolution is a page it can paint on as it is; the image is then
scaled down to the size the dialog has for it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from desktop.ui.report import RESOLUTION
from desktop.ui.validation_report import ValidationPainter

MM = RESOLUTION / 25.4
DOTS_PER_METRE = round(RESOLUTION / 0.0254)


class _Page:
    """What ``ReportPainter`` asks of its QPdfWriter: the page's paint rectangle in dots."""

    def __init__(self, width: int, height: int):
        self.rect = QRect(0, 0, width, height)

    def pageLayout(self):  # noqa: N802 - the QPdfWriter method's name
        return self

    def paintRectPixels(self, resolution: int) -> QRect:  # noqa: N802
        return self.rect


def _paint(width_mm: float, height_mm: float, draw) -> QImage:
    image = QImage(round(width_mm * MM), round(height_mm * MM), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(DOTS_PER_METRE)
    image.setDotsPerMeterY(DOTS_PER_METRE)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(ValidationPainter(painter, _Page(image.width(), image.height())))
    finally:
        painter.end()
    return image


def reliability_image(reliability: dict) -> QImage:
    """Share of right calls per confidence bin (bars) against perfect calibration (the dashed line)."""
    return _paint(60, 62, lambda page: page.reliability(reliability, QRectF(12 * MM, 5 * MM, 45 * MM, 45 * MM)))


def ood_image(ood: dict) -> QImage | None:
    """The films' OOD scores against the model's threshold (red line); None when no film was read."""
    if not ood.get("histogram"):
        return None
    return _paint(100, 50, lambda page: page.histogram(ood, QRectF(12 * MM, 3 * MM, 84 * MM, 35 * MM)))


def to_pixmap(image: QImage, width: int, ratio: float = 1.0) -> QPixmap:
    """``image`` at ``width`` logical pixels, sharp on a high-density screen (``ratio``)."""
    scaled = image.scaledToWidth(max(1, round(width * ratio)), Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap.fromImage(scaled)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
