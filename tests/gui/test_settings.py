"""Settings persist through QSettings (a temporary INI folder here): geometry, overlay, privacy."""

from PySide6.QtCore import QSettings

from desktop.ui.app_settings import AppSettings
from desktop.ui.settings_dialog import SettingsDialog


def test_window_and_overlay_settings_survive_a_restart(make_window, tmp_path):
    first = make_window(tmp_path / "no-model.onnx")
    first.resize(1150, 700)
    size = (first.width(), first.height())
    assert size != (1280, 800)                                     # not the default size
    first.viewer_panel.set_overlay_opacity(0.7)
    first.viewer_panel.set_overlay_visible(False)
    first.close()
    path = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, "CXR Triage", "CXR Triage").fileName()
    assert str(tmp_path) in path                                   # never the user's real settings

    second = make_window(tmp_path / "no-model.onnx")
    # The offscreen screen is 800x600, so restoreGeometry clamps the width to the window's minimum;
    # the height (700, not the default 800) shows the geometry came back.
    assert second.height() == size[1] and second.settings.window_geometry is not None
    assert abs(second.viewer.overlay_opacity - 0.7) < 1e-6
    assert second.viewer.overlay_visible is False


def test_privacy_is_on_by_default_and_the_dialog_turns_it_off(qtbot):
    settings = AppSettings()
    assert settings.hide_patient_data is True
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.hide_patient.isChecked()
    dialog.hide_patient.setChecked(False)
    dialog.accept()
    assert AppSettings().hide_patient_data is False
