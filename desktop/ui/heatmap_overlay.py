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
# Below VISIBLE_FROM nothing is drawn and the film shows as it is: a min-max scaled Grad-CAM has low
# values almost everywhere, and tinting them (as a floor of opacity did) washed the whole film blue.
# From there the colour fades in over FADE, so the map has no hard contour.
VISIBLE_FROM = 0.25
FADE = 0.15


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
        return rgba_to_qimage(overlay_rgba(heat))

    def paint(self, painter: QPainter, target: QRectF, opacity: float) -> None:
        painter.save()
        painter.setOpacity(max(0.0, min(1.0, opacity)))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, self.image)
        painter.restore()


def overlay_alpha(heat: np.ndarray) -> np.ndarray:
    """Opacity of each heatmap value in 0..1: 0 below ``VISIBLE_FROM``, a smooth fade-in over ``FADE``,
    then rising with the value so the hottest area stands out most."""
    ramp = np.clip((heat - VISIBLE_FROM) / FADE, 0.0, 1.0)
    return ramp * ramp * (3 - 2 * ramp) * (0.45 + 0.55 * heat)


def overlay_rgba(heat: np.ndarray) -> np.ndarray:
    """float [h, w] in 0..1 -> uint8 [h, w, 4]: the engine's jet colours with ``overlay_alpha``."""
    heat = np.clip(np.asarray(heat, dtype=np.float32), 0.0, 1.0)
    rgba = np.empty(heat.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = _JET[(heat * 255).astype(np.uint8)]
    rgba[..., 3] = (overlay_alpha(heat) * 255).round().astype(np.uint8)
    return rgba


def legend_gradient(rect: QRectF, orientation=Qt.Orientation.Horizontal) -> QLinearGradient:
    """The legend's ramp ("low -> high attention"), with the overlay's own colours and opacity: painted
    over a film-grey bar it shows what the viewer shows, low values leaving the film untinted."""
    end = rect.topRight() if orientation == Qt.Orientation.Horizontal else rect.topLeft()
    start = rect.topLeft() if orientation == Qt.Orientation.Horizontal else rect.bottomLeft()
    gradient = QLinearGradient(start, end)
    stops = np.linspace(0.0, 1.0, 33, dtype=np.float32)
    for stop, (r, g, b, a) in zip(stops, overlay_rgba(stops)):
        gradient.setColorAt(float(stop), QColor(int(r), int(g), int(b), int(a)))
    return gradient
