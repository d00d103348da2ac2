"""GUI test fixtures: offscreen Qt, a private settings file and history folder per test,
real chest X-rays copied into tmp_path, and helpers that send real drag-and-drop events."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")      # before Qt is imported anywhere

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from desktop.ui.app_settings import APPLICATION, ORGANIZATION  # noqa: E402
from gui_helpers import RESULT_TIMEOUT_MS  # noqa: E402



def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_app(qapp, tmp_path, monkeypatch):
    """Settings and history in tmp_path: a test never sees the user's (or another test's)."""
    qapp.setOrganizationName(ORGANIZATION)
    qapp.setApplicationName(APPLICATION)
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    monkeypatch.setenv("CXR_TRIAGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CXR_TRIAGE_MODEL", raising=False)
    yield tmp_path


@pytest.fixture
def xray_dir(tmp_path, cxr_sample_paths):
    """Real chest X-rays from ../shared copied into tmp_path/films: one from every third source
    sample (5 films, 5 hospitals/sizes) keeps the tests quick on two shared cores."""
    folder = tmp_path / "films"
    folder.mkdir()
    for i, src in enumerate(cxr_sample_paths[::3]):
        shutil.copy(src, folder / f"{i:02d}-{src.name}")
    return folder


@pytest.fixture
def make_window(qtbot):
    """``make_window(model_path)``: a shown MainWindow whose model has finished loading (or failing)."""
    from desktop.ui.main_window import MainWindow
    windows = []

    def make(model_path, wait_for_model=True):
        window = MainWindow(str(model_path) if model_path else None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.load_model()
        if wait_for_model:
            qtbot.waitUntil(lambda: window.model_state != "loading", timeout=RESULT_TIMEOUT_MS)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def report_text(monkeypatch):
    """Every string the PDF report paints, in order (the list fills as ``write_report`` runs)."""
    from desktop.ui.report import ReportPainter

    printed = []
    original = ReportPainter.text

    def recording_text(self, text, *args, **kwargs):
        printed.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(ReportPainter, "text", recording_text)
    return printed
