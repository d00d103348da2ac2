"""MainWindow: wires the widgets to the inference queue, the history and the settings.

Layout: a "Reading" tab (drop zone + worklist | viewer | findings) and a "History" tab,
with the triage disclaimer fixed along the bottom where it can never be scrolled away.
The window owns no logic of its own beyond routing: reading films is the worker's job,
storing them the history's, drawing them the widgets'. The window's concerns live in mix-ins:
its commands (window_actions.py), opening films and following a batch (batch_handling.py), the
selected film (film_display.py), the PDF report (exports.py), the history's CSV (history_export.py) and
the site profile (site_handling.py).
"""

import json
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, \
    QWidget

from desktop.engine import logs
from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.batch_handling import BatchHandling
from desktop.ui.batch_progress import BatchProgress
from desktop.ui.drop_zone import DropZone
from desktop.ui.exports import ReportExporting
from desktop.ui.film_display import FilmDisplay
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.history_export import HistoryExporting
from desktop.ui.history_panel import HistoryPanel
from desktop.ui.history_problem import HistoryBanner, HistoryGuard
from desktop.ui.image_loader import DisplayImageLoader
from desktop.ui.inference_queue import InferenceQueue
from desktop.ui.model_card_dialog import ModelCardDialog
from desktop.ui.quit_question import confirm_quit
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.site_handling import SiteHandling
from desktop.ui.thumbnail_loader import ThumbnailLoader
from desktop.ui.viewer_panel import ViewerPanel
from desktop.ui.window_actions import WindowActions
from desktop.ui.window_placement import place_window, share_out
from desktop.ui.wording import disclaimer
from desktop.ui.worker import LoadedModel
from desktop.ui.worklist import Worklist
from desktop.ui.worklist_session import restore_worklist, save_worklist


class MainWindow(WindowActions, BatchHandling, FilmDisplay, ReportExporting, HistoryExporting, SiteHandling,
                 QMainWindow):
    model_state_changed = Signal(str)       # "loading", "ready", "missing", "failed"
    report_written = Signal(str)            # path of a finished PDF
    report_failed = Signal(str)

    def __init__(self, model_path: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("CXR Triage"))
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = AppSettings()
        # A rotating log beside the history (desktop/engine/logs.py): films by hash, names only with privacy off.
        self.log_file = logs.setup_logging("cxr-triage", history_db_path().parent)   # None: not writable
        logs.log_event("app: started")
        self.model_path = model_path
        self.model_state = "loading"
        self.model_problem = ""
        self._paths_at_start: list = []
        self._closing_from_code = False
        self.queue = InferenceQueue(history_db_path(), self)
        self.images = DisplayImageLoader(self)
        self.thumbnails = ThumbnailLoader(self)
        self._build_widgets()
        self._build_actions()
        self._connect()
        self._restore_settings()
        restored = restore_worklist(self.settings, history_db_path())
        self.worklist.worklist_model.add_films(restored)
        self._restored_count = len(restored)
        self.thumbnails.request(restored)
        self.statusBar().showMessage(self.tr("Loading model…"))

    # -- construction --------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.drop_zone = DropZone()
        self.worklist = Worklist()
        self.progress_row = BatchProgress()
        self.progress, self.cancel_button = self.progress_row.bar, self.progress_row.cancel_button

        left = QWidget()
        left.setObjectName("leftPanel")
        left.setMinimumWidth(300)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 10, 4, 10)
        left_layout.setSpacing(8)
        left_layout.addWidget(self.drop_zone)
        left_layout.addWidget(self.worklist, 1)
        left_layout.addWidget(self.progress_row)

        self.viewer_panel = ViewerPanel()
        self.viewer = self.viewer_panel.viewer
        self.findings = FindingsPanel()
        findings_scroll = QScrollArea()
        findings_scroll.setObjectName("findingsScroll")
        findings_scroll.setWidget(self.findings)
        findings_scroll.setWidgetResizable(True)
        findings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        findings_scroll.setMinimumWidth(self.findings.minimumWidth() + 20)    # room for the scroll bar

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.viewer_panel)
        self.splitter.addWidget(findings_scroll)
        # The worklist grows with the window as well as the viewer, so a list squeezed by a narrow
        # window comes back when it is widened.
        for index, stretch in enumerate((1, 2, 0)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(False)
        self._splitter_placed = False

        self.history_panel = HistoryPanel(history_db_path())
        self.history_guard = HistoryGuard(self.history_panel, history_db_path())   # a sentence, not a traceback
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, self.tr("Reading"))
        self.tabs.addTab(self.history_panel, self.tr("History"))
        self.history_banner = HistoryBanner()

        self.disclaimer = QLabel(disclaimer())
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.disclaimer.setWordWrap(True)           # a narrow window wraps it rather than clip it
        self.disclaimer.setAccessibleName(self.tr("Disclaimer"))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.history_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.disclaimer)
        self.setCentralWidget(central)

        self.model_label = QLabel(self.tr("Loading model…"))
        self.model_label.setObjectName("modelLabel")
        self.statusBar().addPermanentWidget(self.model_label)
        self._build_site_label()
        self.viewer.set_message(self.tr("Loading model…"))

    def _connect(self) -> None:
        q = self.queue
        q.model_ready.connect(self._on_model_ready)
        q.model_missing.connect(lambda message: self._on_model_unusable("missing", message))
        q.model_failed.connect(lambda message: self._on_model_unusable("failed", message))
        q.films_queued.connect(self._on_films_queued)
        q.folder_failed.connect(self._on_folder_failed)
        q.history_problem.connect(self._on_history_problem)
        q.nothing_found.connect(lambda _: self.statusBar().showMessage(
            self.tr("No image files found in what was opened (PNG, JPEG, TIFF, BMP or DICOM)."), 8000))
        q.film_started.connect(self._on_film_started)
        q.film_finished.connect(self._on_film_finished)
        q.films_cancelled.connect(self._on_films_cancelled)
        q.progress.connect(self.progress_row.set_progress)
        q.batch_finished.connect(self._on_batch_finished)
        self.drop_zone.paths_dropped.connect(self.open_paths)
        self.drop_zone.empty_drop.connect(self._on_empty_drop)
        self.drop_zone.open_files_requested.connect(self.open_files_dialog)
        self.drop_zone.open_folder_requested.connect(self.open_folder_dialog)
        self.cancel_button.clicked.connect(self.cancel_batch)
        self.worklist.current_film_changed.connect(self._show_film)
        self.images.loaded.connect(self._on_image_loaded)
        self.thumbnails.loaded.connect(self.worklist.worklist_model.set_thumbnail)
        self.history_panel.export_requested.connect(self.export_csv_dialog)
        self.history_panel.open_requested.connect(self._open_from_history)
        self.viewer_panel.overlay_settings_changed.connect(self._remember_overlay)
        self._connect_site()

    def _restore_settings(self) -> None:
        place_window(self, self.settings.window_geometry)
        state = self.settings.window_state
        self._splitter_placed = state is not None and self.splitter.restoreState(state)
        self.worklist.worklist_model.hide_patient_data = self.settings.hide_patient_data
        # Read both before applying either: applying one saves the pair back.
        visible, opacity = self.settings.overlay_visible, self.settings.overlay_opacity
        self.viewer_panel.set_overlay_opacity(opacity)
        self.viewer_panel.set_overlay_visible(visible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitter_placed:
            # First run: shares of the real window size (sizes set before show get rescaled).
            self._splitter_placed = True
            share_out(self.splitter, self.width())      # not laid out yet; it spans the window

    # -- model -----------------------------------------------------------------------------------

    def load_model(self) -> None:
        """Start loading the model in the worker; call right after show()."""
        self.queue.load_model(self.model_path)

    def _on_model_ready(self, model: LoadedModel) -> None:
        self.model_state = "ready"
        self.model_problem = ""
        self.drop_zone.set_ready(True)
        self._set_input_enabled(True)
        self.model_label.setText(self.tr("Model {version}").format(version=model.version))
        logs.log_event(f"app: model {model.version} ready")
        self.model_label.setToolTip(model.path)
        ready = self.tr("Ready. Drop chest X-rays or press Ctrl+O.")
        if self._restored_count:
            ready = self.tr("Ready. %n film(s) from the last session listed. Drop chest X-rays or press Ctrl+O.",
                            "", self._restored_count)
        self.statusBar().showMessage(ready, 8000)
        classes = model.metadata.get("classes")
        if isinstance(classes, str):
            try:
                classes = json.loads(classes)
            except ValueError:
                classes = []
        self.history_panel.set_classes(list(classes or []))
        if self.worklist.current_film() is None:
            self.viewer.set_message(self.tr("Drop chest X-ray files or folders here, or press Ctrl+O."))
        self.model_state_changed.emit("ready")
        self._apply_saved_site()        # before any film is sent: the worker answers requests in order
        if self._paths_at_start:
            paths, self._paths_at_start = self._paths_at_start, []
            self.open_paths(paths)

    def _on_model_unusable(self, state: str, message: str) -> None:
        self.model_state = state
        self.model_problem = message
        self.drop_zone.set_ready(False, message)
        self._set_input_enabled(False)
        self.model_label.setText(self.tr("No model") if state == "missing" else self.tr("Model refused"))
        logs.log_event(f"app: model {state}: {message}", level=logging.ERROR)
        self.viewer.set_message(message)
        self.statusBar().showMessage(message)
        self.model_state_changed.emit(state)

    def _on_history_problem(self, sentence: str) -> None:
        """Said once per problem, not per film: a banner above the tabs, the status bar, and the
        History tab's own sentence."""
        self.history_banner.show_problem(sentence)
        if sentence:
            self.statusBar().showMessage(sentence, 15000)
        if self.history_panel.isVisible() or self.history_guard.problem:
            self.history_guard.recheck()

    # -- dialogs -----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if SettingsDialog(self.settings, self, site_profile=self.site_profile).exec():
            self.queue.hide_patient_data = self.settings.hide_patient_data     # films not yet read
            self.worklist.worklist_model.hide_patient_data = self.settings.hide_patient_data
            self._show_film(self.worklist.current_film())

    def show_model_card(self) -> None:
        model = self.queue.model
        dialog = ModelCardDialog(model.metadata if model else None, model.path if model else self.model_path,
                                 self.model_problem, self)
        dialog.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About CXR Triage"),
                          self.tr("CXR Triage — offline chest X-ray triage.\n\n") + disclaimer())

    # -- closing -----------------------------------------------------------------------------------

    def quit_asking(self) -> None:
        """File ▸ Quit: asks first while films are being read."""
        if self._may_quit():
            self.close()

    def _may_quit(self) -> bool:
        return not self.queue.busy or confirm_quit(self)

    def close(self) -> bool:
        """A close from code (Quit once answered, tests) does not ask again; a close request from outside
        the program (the window's close button, Alt+F4) arrives as a bare close event and does."""
        self._closing_from_code = True
        try:
            return super().close()
        finally:
            self._closing_from_code = False

    def closeEvent(self, event) -> None:
        if not self._closing_from_code and not self._may_quit():
            event.ignore()
            return
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.splitter.saveState()
        save_worklist(self.settings, self.worklist.worklist_model.films())
        self.settings.sync()
        self.queue.shutdown()
        self.thumbnails.stop()
        self.images.wait()
        self.history_panel.close_store()
        super().closeEvent(event)
