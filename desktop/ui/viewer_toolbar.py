"""ViewerToolbar: the controls above the viewer (heatmap, opacity, window/level, zoom).

A QToolBar so that it can be narrower than its controls: on a 1366 px laptop screen the toolbar had held
the worklist below its share. Window/level sits behind one button (its two sliders, labelled, in a
drop-down; right-drag on the film does the same), the other commands are symbols with what they do in
their tooltips and accessible names, and what still does not fit (zoom first: a narrow viewer, a long
translation) goes behind the toolbar's » button, where each command is named in full. Zoom is also in
the View menu, on the keyboard (+, −, 0) and on the mouse wheel.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QLabel, QMenu, QSizePolicy, QSlider, QToolBar, QToolButton,
                               QWidget, QWidgetAction)


def _slider(minimum: int, maximum: int, value: int, name: str, tip: str, width: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(minimum, maximum)
    slider.setValue(value)
    slider.setAccessibleName(name)
    slider.setToolTip(tip)
    slider.setMinimumWidth(40)
    slider.setMaximumWidth(width)
    return slider


class ViewerToolbar(QToolBar):
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
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)     # a button shows its action's icon text
        # The application's QToolButton padding (assets/style.qss) would leave the narrow » button no room
        # for its arrow: it would be there, and blank.
        self.setStyleSheet("QToolButton#qt_toolbar_ext_button { padding: 0px; }")
        self.overlay_check = QCheckBox(self.tr("Heatmap"))
        self.overlay_check.setChecked(True)
        self.overlay_check.setAccessibleName(self.tr("Show heatmap overlay"))
        self.overlay_check.setToolTip(self.tr("Show where the model looked (H)"))
        self.opacity_slider = _slider(0, 100, 45, self.tr("Heatmap opacity"),
                                      self.tr("Heatmap opacity: how strongly its colours cover the film"), 64)
        self.opacity_label = QLabel(self.tr("Opacity"))
        self.opacity_label.setBuddy(self.opacity_slider)
        self.opacity_label.setToolTip(self.opacity_slider.toolTip())
        self.window_slider = _slider(1, 255, 255, self.tr("Window width"),
                                     self.tr("Window width (contrast). Or right-drag left/right on the image."), 200)
        self.level_slider = _slider(0, 255, 128, self.tr("Window level"),
                                    self.tr("Window level (brightness). Or right-drag up/down on the image."), 200)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("1600 %") + 4)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setAccessibleName(self.tr("Zoom level"))

        for widget in (self.overlay_check, self.opacity_label, self.opacity_slider):
            self.addWidget(widget)
        self.addSeparator()
        self.window_level_action = self._command("◐", self.tr("Window/level (contrast and brightness)"), None)
        self.window_level_action.setMenu(self._window_level_menu())
        self.widgetForAction(self.window_level_action).setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.reset_action = self._command("⟲", self.tr("Reset window/level"), self.reset_window_level.emit)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.zoom_out_action = self._command("−", self.tr("Zoom out (−)"), self.zoom_out.emit)
        self.addWidget(self.zoom_label)
        self.zoom_in_action = self._command("+", self.tr("Zoom in (+)"), self.zoom_in.emit)
        self.fit_action = self._command(self.tr("Fit"), self.tr("Fit to window (0)"), self.fit.emit)

        self.overlay_check.toggled.connect(self._on_overlay_toggled)
        self.opacity_slider.valueChanged.connect(lambda v: self.opacity_changed.emit(v / 100.0))
        self.window_slider.valueChanged.connect(self._emit_window_level)
        self.level_slider.valueChanged.connect(self._emit_window_level)

    def _window_level_menu(self) -> QMenu:
        """The two sliders, each with its name, in the window/level button's drop-down."""
        panel = QWidget()
        form = QFormLayout(panel)
        form.setContentsMargins(10, 8, 10, 8)
        form.addRow(self.tr("Contrast (window width)"), self.window_slider)
        form.addRow(self.tr("Brightness (window level)"), self.level_slider)
        holder = QWidgetAction(self)
        holder.setDefaultWidget(panel)
        menu = QMenu(self)
        menu.addAction(holder)
        return menu

    def _command(self, symbol: str, name: str, slot) -> QAction:
        """A button showing ``symbol``; ``name`` is its tooltip, its accessible name and its entry under »."""
        action = QAction(name, self)
        action.setIconText(symbol)
        action.setToolTip(name)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        self.widgetForAction(action).setAccessibleName(name)
        return action

    def _on_overlay_toggled(self, checked: bool) -> None:
        self._enable_opacity(checked)
        self.overlay_toggled.emit(checked)

    def _enable_opacity(self, enabled: bool) -> None:
        self.opacity_slider.setEnabled(enabled)
        self.opacity_label.setEnabled(enabled)

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
        self._enable_opacity(visible and self.overlay_check.isEnabled())
        for widget in (self.overlay_check, self.opacity_slider):
            widget.blockSignals(False)

    def set_overlay_available(self, available: bool) -> None:
        self.overlay_check.setEnabled(available)
        self._enable_opacity(available and self.overlay_check.isChecked())
