"""ViewerToolbar: the controls above the viewer (heatmap, opacity, window/level, zoom)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget


def _slider(minimum: int, maximum: int, value: int, name: str, tip: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(minimum, maximum)
    slider.setValue(value)
    slider.setAccessibleName(name)
    slider.setToolTip(tip)
    slider.setMinimumWidth(48)
    slider.setMaximumWidth(120)
    return slider


class ViewerToolbar(QWidget):
    overlay_toggled = Signal(bool)
    opacity_changed = Signal(float)
    window_level_changed = Signal(int, int)
    reset_window_level = Signal()
    zoom_in = Signal()
    zoom_out = Signal()
    fit = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("viewerToolbar")
        self.overlay_check = QCheckBox(self.tr("Heatmap"))
        self.overlay_check.setChecked(True)
        self.overlay_check.setAccessibleName(self.tr("Show heatmap overlay"))
        self.overlay_check.setToolTip(self.tr("Show where the model looked (H)"))
        self.opacity_slider = _slider(0, 100, 45, self.tr("Heatmap opacity"), self.tr("Heatmap opacity"))
        self.window_slider = _slider(1, 255, 255, self.tr("Window width"),
                                     self.tr("Window width (contrast). Or right-drag left/right on the image."))
        self.level_slider = _slider(0, 255, 128, self.tr("Window level"),
                                    self.tr("Window level (brightness). Or right-drag up/down on the image."))
        self.reset_button = self._button("⟲", self.tr("Reset window/level"), self.reset_window_level.emit)
        self.zoom_out_button = self._button("−", self.tr("Zoom out (−)"), self.zoom_out.emit)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setAccessibleName(self.tr("Zoom level"))
        self.zoom_in_button = self._button("+", self.tr("Zoom in (+)"), self.zoom_in.emit)
        self.fit_button = self._button(self.tr("Fit"), self.tr("Fit to window (0)"), self.fit.emit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.overlay_check)
        layout.addWidget(self.opacity_slider)
        layout.addSpacing(8)
        # Symbols keep the row narrow; the sliders' tooltips and accessible names say what they are.
        layout.addWidget(self._symbol("◐", self.window_slider.toolTip()))
        layout.addWidget(self.window_slider)
        layout.addWidget(self._symbol("☀", self.level_slider.toolTip()))
        layout.addWidget(self.level_slider)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        layout.addWidget(self.zoom_out_button)
        layout.addWidget(self.zoom_label)
        layout.addWidget(self.zoom_in_button)
        layout.addWidget(self.fit_button)

        self.overlay_check.toggled.connect(self._on_overlay_toggled)
        self.opacity_slider.valueChanged.connect(lambda v: self.opacity_changed.emit(v / 100.0))
        self.window_slider.valueChanged.connect(self._emit_window_level)
        self.level_slider.valueChanged.connect(self._emit_window_level)

    @staticmethod
    def _symbol(text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(tip)
        label.setObjectName("toolSymbol")
        return label

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _on_overlay_toggled(self, checked: bool) -> None:
        self.opacity_slider.setEnabled(checked)
        self.overlay_toggled.emit(checked)

    def _emit_window_level(self) -> None:
        self.window_level_changed.emit(self.window_slider.value(), self.level_slider.value())

    # -- reflect the viewer's state without echoing it back ---------------------------------

    def show_window_level(self, width: int, level: int) -> None:
        for slider, value in ((self.window_slider, width), (self.level_slider, level)):
            slider.blockSignals(True)
            slider.setValue(value)
            slider.blockSignals(False)

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{100 * zoom:.0f} %")

    def show_overlay(self, visible: bool, opacity: float) -> None:
        for widget in (self.overlay_check, self.opacity_slider):
            widget.blockSignals(True)
        self.overlay_check.setChecked(visible)
        self.opacity_slider.setValue(round(opacity * 100))
        self.opacity_slider.setEnabled(visible and self.overlay_check.isEnabled())
        for widget in (self.overlay_check, self.opacity_slider):
            widget.blockSignals(False)

    def set_overlay_available(self, available: bool) -> None:
        self.overlay_check.setEnabled(available)
        self.opacity_slider.setEnabled(available and self.overlay_check.isChecked())
