"""Painted pixels: the heatmap overlay (toggle, opacity), window/level, zoom, and the severity gauge."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.ui.severity_gauge import SeverityGauge
from desktop.ui.viewer import XrayViewer
from gui_helpers import drop_urls, wait_until_idle


def pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)[:, : 3 * w].reshape(h, w, 3).copy()


def gradient_image(w=200, h=160) -> QImage:
    ramp = np.tile(np.linspace(0, 255, w, dtype=np.uint8), (h, 1))
    return QImage(np.ascontiguousarray(ramp).data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def test_overlay_toggle_and_opacity_change_painted_pixels(qtbot):
    viewer = XrayViewer()
    qtbot.addWidget(viewer)
    viewer.resize(300, 300)
    heatmap = np.zeros((7, 7), np.float32)
    heatmap[2:5, 2:5] = 1.0
    viewer.set_film(gradient_image(), heatmap)
    viewer.show()
    qtbot.waitExposed(viewer)

    viewer.set_overlay_opacity(0.6)
    with_overlay = pixels(viewer)
    viewer.set_overlay_visible(False)
    without = pixels(viewer)
    assert np.abs(with_overlay.astype(int) - without).mean() > 5
    # without the overlay the film itself is gray: R == G == B
    r = viewer.image_rect().toAlignedRect().adjusted(2, 2, -2, -2)
    film = without[r.top():r.bottom(), r.left():r.right()].astype(int)
    assert film.size and np.abs(film[..., 0] - film[..., 2]).max() <= 1

    viewer.set_overlay_visible(True)
    viewer.set_overlay_opacity(0.1)
    faint = pixels(viewer)
    viewer.set_overlay_opacity(0.9)
    strong = pixels(viewer)
    d_faint = np.abs(faint.astype(int) - without).mean()
    d_strong = np.abs(strong.astype(int) - without).mean()
    assert d_strong > 2 * d_faint > 0


def test_window_level_and_zoom_change_the_picture(qtbot):
    viewer = XrayViewer()
    qtbot.addWidget(viewer)
    viewer.resize(300, 300)
    viewer.set_film(gradient_image())
    viewer.show()
    qtbot.waitExposed(viewer)
    before = pixels(viewer)
    viewer.set_window_level(60, 128)            # narrow window: more contrast
    narrow = pixels(viewer)
    assert np.abs(narrow.astype(int) - before).mean() > 10
    assert viewer.window_level == (60, 128)

    fit_zoom = viewer.zoom
    viewer.zoom_in()
    assert viewer.zoom > fit_zoom
    assert np.abs(pixels(viewer).astype(int) - narrow).mean() > 1
    viewer.fit()
    assert viewer.zoom == fit_zoom


def test_severity_gauge_shows_its_value(qtbot):
    gauge = SeverityGauge()
    qtbot.addWidget(gauge)
    gauge.resize(240, 130)
    gauge.show()
    qtbot.waitExposed(gauge)
    gauge.set_value(0.1)
    low_text, low = gauge.text(), pixels(gauge)
    gauge.set_value(0.9)
    high_text, high = gauge.text(), pixels(gauge)
    assert (low_text, high_text) == ("10 %", "90 %")
    assert gauge.value == 0.9
    assert np.abs(low.astype(int) - high).sum(axis=2).astype(bool).mean() > 0.05   # >5% of pixels differ
    # Plain words (issue 17): what the number means and what it was learnt from, no "score / 8".
    assert "/ 8" not in gauge.toolTip() and "share of the lung fields" in gauge.toolTip().lower()
    assert "COVID-19 films only" in gauge.toolTip()


def test_heatmap_key_and_controls_in_the_window(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    films = window.worklist.worklist_model.films()
    row = next(i for i, f in enumerate(films) if f.status == "done")
    window.worklist.select_row(row)
    qtbot.waitUntil(window.viewer.has_overlay, timeout=5000)
    findings = window.findings
    film = window.worklist.current_film()
    if film.entry.label == "normal":          # severity means nothing for a normal call: not shown
        assert findings.severity_box.isHidden() and findings.gauge.value is None
    else:
        assert abs(findings.gauge.value - film.entry.severity) < 1e-6
    assert findings.bars.values().keys() == film.entry.probabilities.keys()

    visible = window.viewer.overlay_visible
    window.worklist.setFocus()
    qtbot.keyClick(window.worklist, Qt.Key.Key_H)
    assert window.viewer.overlay_visible is (not visible)
    assert window.viewer_panel.toolbar.overlay_check.isChecked() is (not visible)
    window.viewer_panel.toolbar.opacity_slider.setValue(80)
    assert abs(window.viewer.overlay_opacity - 0.8) < 1e-6
    assert abs(window.settings.overlay_opacity - 0.8) < 1e-6       # persisted
