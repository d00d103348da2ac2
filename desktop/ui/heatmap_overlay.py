"""HeatmapOverlay: the model's attention map as a coloured, translucent picture.

Not a widget: the viewer and the PDF report both draw it, so they show the same
colours (the engine's jet table, also used by the command line's overlays).
"""

import numpy as np
from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QLinearGradient, QColor, QPainter

from desktop.engine.results import jet_colormap
from desktop.ui.qimage_convert import rgba_to_qimage

_JET = jet_colormap()
OVERLAY_MAX_SIDE = 512      # the heatmap is ~7x7: more pixels than this add nothing but time
ALPHA_FLOOR = 0.15          # cool areas stay faintly tinted, so "low" on the legend is visible


class HeatmapOverlay:
    def __init__(self, heatmap: np.ndarray, image_size: tuple[int, int]):
        """``heatmap``: float [h, w] in 0..1; ``image_size``: (width, height) it lies on."""
        self.image = self._colourise(np.asarray(heatmap, dtype=np.float32), image_size)

    @staticmethod
    def _colourise(heatmap: np.ndarray, image_size) -> QImage:
        width, height = image_size
        scale = min(1.0, OVERLAY_MAX_SIDE / max(width, height, 1))
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        # Pillow bilinear, like TriageResult.heatmap_resized, so every view of a heatmap agrees.
        heat = np.asarray(Image.fromarray(heatmap).resize(size, Image.BILINEAR), dtype=np.float32).clip(0, 1)
        rgba = np.empty((size[1], size[0], 4), dtype=np.uint8)
        rgba[..., :3] = _JET[(heat * 255).astype(np.uint8)]
        rgba[..., 3] = ((ALPHA_FLOOR + (1 - ALPHA_FLOOR) * heat) * 255).astype(np.uint8)
        return rgba_to_qimage(rgba)

    def paint(self, painter: QPainter, target: QRectF, opacity: float) -> None:
        painter.save()
        painter.setOpacity(max(0.0, min(1.0, opacity)))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, self.image)
        painter.restore()


def legend_gradient(rect: QRectF, orientation=Qt.Orientation.Horizontal) -> QLinearGradient:
    """The colour ramp of the legend ("low -> high attention"), from the same table."""
    end = rect.topRight() if orientation == Qt.Orientation.Horizontal else rect.topLeft()
    start = rect.topLeft() if orientation == Qt.Orientation.Horizontal else rect.bottomLeft()
    gradient = QLinearGradient(start, end)
    for i in range(0, 256, 32):
        r, g, b = (int(v) for v in _JET[i])
        gradient.setColorAt(i / 255.0, QColor(r, g, b))
    r, g, b = (int(v) for v in _JET[255])
    gradient.setColorAt(1.0, QColor(r, g, b))
    return gradient
