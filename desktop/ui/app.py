"""``run_app``: start the desktop app; the window is up before the model is loaded.

Why this order: creating the onnxruntime session can take a second or more on a clinic
laptop, so the window is shown first ("Loading model…") and the worker thread loads the
model right after, keeping the window usable within the 2 s budget.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.ui.app_settings import APPLICATION, ASSETS, ORGANIZATION, AppSettings
from desktop.ui.languages import apply_language


def create_application(argv=None) -> QApplication:
    """The QApplication with names (QSettings uses them), the language chosen in Settings, icon and style
    sheet."""
    # The worker thread runs Python too; hand the GIL back to the GUI thread every 1 ms instead
    # of Python's default 5 ms, so painting and input never wait behind a film being read.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    apply_language(AppSettings().language)          # before any widget is made: texts are set once
    icon = ASSETS / "icons" / "cxr-triage.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app)
    return app


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")      # same look on every OS; the style sheet builds on it
    qss = ASSETS / "style.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def run_app(model_path: str | None = None, paths=()) -> int:
    """``paths``: films or folders to open once the model is ready (``cxr-triage FILE``, as a file
    association starts it); ignored if the model cannot be used (the window says why)."""
    app = create_application()
    from desktop.ui.main_window import MainWindow     # after QApplication: widgets need it
    window = MainWindow(model_path)
    window.show()
    if paths:
        window.open_when_ready([str(p) for p in paths])
    QTimer.singleShot(0, window.load_model)            # after the first paint
    return app.exec()


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1] if len(sys.argv) > 1 else None))
