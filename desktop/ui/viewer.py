"""XrayViewer: one film, fit to the window, with zoom, pan, window/level and the heatmap.

Mouse: wheel zooms around the cursor, left-drag pans, right-drag sets window/level
(horizontal = width, vertical = level), double-click fits. Painting is HiDPI-correct:
the downscaled copy is made at device pixels and tagged with the device pixel ratio.
"""

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.heatmap_overlay import HeatmapOverlay

__all__ = ["XrayViewer", "HeatmapOverlay", "WindowLevel"]

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 16.0
BACKGROUND = QColor(18, 20, 24)


class WindowLevel:
    """Window/level on the 8-bit display image: width 1..255, level (centre) 0..255."""
    FULL = (255, 128)

    @staticmethod
    def lut(width: int, level: int) -> np.ndarray:
        width = max(1, int(width))
        low = level - width / 2.0
        ramp = (np.arange(256, dtype=np.float32) - low) * (255.0 / width)
        return np.clip(ramp, 0, 255).astype(np.uint8)

    @staticmethod
    def apply(image: QImage, width: int, level: int) -> QImage:
        if (width, level) == WindowLevel.FULL:
            return image
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        h, w, stride = gray.height(), gray.width(), gray.bytesPerLine()
        pixels = np.frombuffer(gray.constBits(), dtype=np.uint8).reshape(h, stride)[:, :w]
        out = np.ascontiguousarray(WindowLevel.lut(width, level)[pixels])
        return QImage(out.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class XrayViewer(QWidget):
    window_level_changed = Signal(int, int)
    zoom_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("X-ray viewer"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 240)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._image: QImage | None = None
        self._windowed: QImage | None = None
        self._scaled_cache: tuple | None = None      # (key, QImage at device pixels)
        self._overlay: HeatmapOverlay | None = None
        self._overlay_visible = True
        self._overlay_opacity = 0.45
        self._wl = WindowLevel.FULL
        self._fit = True
        self._zoom = 1.0
        self._center = QPointF(0.5, 0.5)             # image point at the widget centre, in 0..1
        self._drag: tuple | None = None
        self._message = ""

    # -- content -----------------------------------------------------------------------------

    def set_film(self, image: QImage | None, heatmap=None) -> None:
        self._image = image
        self._wl = WindowLevel.FULL
        self._windowed = image
        self._scaled_cache = None
        self._overlay = None
        if image is not None and heatmap is not None:
            self._overlay = HeatmapOverlay(heatmap, (image.width(), image.height()))
        self.fit()
        self.window_level_changed.emit(*self._wl)

    def set_message(self, text: str) -> None:
        """Shown when there is no image (no selection, loading, unreadable)."""
        self._message = text
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    def has_overlay(self) -> bool:
        return self._overlay is not None

    # -- overlay -----------------------------------------------------------------------------

    @property
    def overlay_visible(self) -> bool:
        return self._overlay_visible

    def set_overlay_visible(self, visible: bool) -> None:
        self._overlay_visible = bool(visible)
        self.update()

    @property
    def overlay_opacity(self) -> float:
        return self._overlay_opacity

    def set_overlay_opacity(self, opacity: float) -> None:
        self._overlay_opacity = max(0.0, min(1.0, float(opacity)))
        self.update()

    # -- window / level ----------------------------------------------------------------------

    @property
    def window_level(self) -> tuple[int, int]:
        return self._wl

    def set_window_level(self, width: int, level: int) -> None:
        wl = (int(max(1, min(255, width))), int(max(0, min(255, level))))
        if wl == self._wl:
            return
        self._wl = wl
        if self._image is not None:
            self._windowed = WindowLevel.apply(self._image, *wl)
        self._scaled_cache = None
        self.update()
        self.window_level_changed.emit(*wl)

    def reset_window_level(self) -> None:
        self.set_window_level(*WindowLevel.FULL)

    # -- zoom and pan ------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """Screen pixels per image pixel (logical)."""
        return self._fit_scale() if self._fit else self._zoom

    def fit(self) -> None:
        self._fit = True
        self._center = QPointF(0.5, 0.5)
        self.update()
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        if self._image is None:
            return
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if anchor is not None:
            # keep the image point under the cursor where it is
            before = self._widget_to_image(anchor)
            self._fit, self._zoom = False, zoom
            after = self._widget_to_image(anchor)
            self._center += QPointF((before.x() - after.x()) / self._image.width(),
                                    (before.y() - after.y()) / self._image.height())
        else:
            self._fit, self._zoom = False, zoom
        self.update()
        self.zoom_changed.emit(zoom)

    def _fit_scale(self) -> float:
        if self._image is None or self._image.isNull():
            return 1.0
        return min(self.width() / self._image.width(), self.height() / self._image.height())

    def image_rect(self) -> QRectF:
        """Where the whole image lies, in widget coordinates (may extend past the widget)."""
        if self._image is None:
            return QRectF()
        s = self.zoom
        w, h = self._image.width() * s, self._image.height() * s
        cx = self.width() / 2 - (self._center.x() - 0.5) * w
        cy = self.height() / 2 - (self._center.y() - 0.5) * h
        return QRectF(cx - w / 2, cy - h / 2, w, h)

    def _widget_to_image(self, point: QPointF) -> QPointF:
        rect = self.image_rect()
        s = self.zoom
        return QPointF((point.x() - rect.left()) / s, (point.y() - rect.top()) / s)

    # -- painting ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(640, 640)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._image is None:
            painter.setPen(QColor(200, 204, 210))
            painter.drawText(self.rect().adjusted(24, 24, -24, -24),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            return
        target = self.image_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        dpr = self.devicePixelRatioF()
        if self.zoom * dpr < 1.0:
            # Downscaling: a proper area-averaged copy at device pixels, cached until zoom/W-L change.
            painter.drawImage(target.topLeft(), self._scaled(target.size(), dpr))
        else:
            painter.drawImage(target, self._windowed)
        if self._overlay is not None and self._overlay_visible:
            self._overlay.paint(painter, target, self._overlay_opacity)

    def _scaled(self, size, dpr: float) -> QImage:
        device = QSize(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
        key = (device.width(), device.height(), self._wl, id(self._windowed))
        if self._scaled_cache is None or self._scaled_cache[0] != key:
            scaled = self._windowed.scaled(device, Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(dpr)
            self._scaled_cache = (key, scaled)
        return self._scaled_cache[1]

    # -- mouse -------------------------------------------------------------------------------

    def wheelEvent(self, event) -> None:
        if self._image is None:
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom * (ZOOM_STEP ** steps), anchor=event.position())
        event.accept()

    def mousePressEvent(self, event) -> None:
        if self._image is None:
            return
        self._drag = (event.button(), event.position(), QPointF(self._center), self._wl)
        if event.button() == Qt.MouseButton.RightButton:
            self.setCursor(Qt.CursorShape.SizeAllCursor)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None or self._image is None:
            return
        button, start, center, wl = self._drag
        delta = event.position() - start
        if button == Qt.MouseButton.LeftButton:
            if self._fit:
                self._fit, self._zoom = False, self._fit_scale()
            rect = self.image_rect()
            self._center = QPointF(center.x() - delta.x() / rect.width(), center.y() - delta.y() / rect.height())
            self.update()
        elif button == Qt.MouseButton.RightButton:
            self.set_window_level(wl[0] + int(delta.x() / 2), wl[1] - int(delta.y() / 2))

    def mouseReleaseEvent(self, event) -> None:
        self._drag = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, event) -> None:
        self.fit()

    def contextMenuEvent(self, event) -> None:
        event.accept()      # the right button belongs to window/level

    def resizeEvent(self, event) -> None:
        if self._fit:
            self.zoom_changed.emit(self.zoom)
        super().resizeEvent(event)
