"""ViewerPanel: the viewer with its toolbar above and the heatmap legend below."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.heatmap_legend import HeatmapLegend
from desktop.ui.viewer import XrayViewer
from desktop.ui.viewer_toolbar import ViewerToolbar


class ViewerPanel(QWidget):
    overlay_settings_changed = Signal(bool, float)     # visible, opacity: the window persists them

    def __init__(self, parent=None):
        super().__init__(parent)
        self.toolbar = ViewerToolbar()
        self.viewer = XrayViewer()
        self.legend = HeatmapLegend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.legend)

        tb, v = self.toolbar, self.viewer
        tb.overlay_toggled.connect(self.set_overlay_visible)
        tb.opacity_changed.connect(self.set_overlay_opacity)
        tb.window_level_changed.connect(v.set_window_level)
        tb.reset_window_level.connect(v.reset_window_level)
        tb.zoom_in.connect(v.zoom_in)
        tb.zoom_out.connect(v.zoom_out)
        tb.fit.connect(v.fit)
        v.window_level_changed.connect(tb.show_window_level)
        v.zoom_changed.connect(tb.show_zoom)
        self.show_film(None)

    def show_film(self, image, heatmap=None, message: str = "", subject: str | None = None) -> None:
        """``subject``: the class the heatmap explains, named by the legend (wording.heatmap_subject)."""
        self.viewer.set_film(image, heatmap)
        self.viewer.set_message(message)
        self.toolbar.setEnabled(image is not None)      # nothing to zoom or window without a film
        has_overlay = self.viewer.has_overlay()
        self.toolbar.set_overlay_available(has_overlay)
        self.legend.set_subject(subject if has_overlay else None)
        self.legend.setVisible(has_overlay)

    def set_overlay_visible(self, visible: bool) -> None:
        self.viewer.set_overlay_visible(visible)
        self.toolbar.show_overlay(visible, self.viewer.overlay_opacity)
        self.overlay_settings_changed.emit(visible, self.viewer.overlay_opacity)

    def toggle_overlay(self) -> None:
        self.set_overlay_visible(not self.viewer.overlay_visible)

    def set_overlay_opacity(self, opacity: float) -> None:
        self.viewer.set_overlay_opacity(opacity)
        self.toolbar.show_overlay(self.viewer.overlay_visible, opacity)
        self.overlay_settings_changed.emit(self.viewer.overlay_visible, opacity)
