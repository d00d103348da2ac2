"""MainWindow: wires the widgets to the inference queue, the history and the settings.

Layout: a "Reading" tab (drop zone + worklist | viewer | findings) and a "History" tab,
with the triage disclaimer fixed along the bottom where it can never be scrolled away.
The window owns no logic of its own beyond routing: reading films is the worker's job,
storing them the history's, drawing them the widgets'.
"""

import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QLabel, QMainWindow, QMessageBox, QScrollArea, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.engine import logs
from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.batch_progress import BatchProgress
from desktop.ui.drop_zone import DropZone, local_paths
from desktop.ui.exports import ReportExporting
from desktop.ui.film import Film, FilmOutcome
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.history_panel import HistoryPanel
from desktop.ui.history_problem import HistoryBanner, HistoryGuard
from desktop.ui.image_loader import DisplayImageLoader
from desktop.ui.inference_queue import InferenceQueue
from desktop.ui.model_card_dialog import ModelCardDialog
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.viewer_panel import ViewerPanel
from desktop.ui.wording import disclaimer
from desktop.ui.worker import LoadedModel
from desktop.ui.worklist import Worklist

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)"
DEFAULT_SIZE = (1280, 800)


class MainWindow(ReportExporting, QMainWindow):
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
        self.queue = InferenceQueue(history_db_path(), self)
        self.images = DisplayImageLoader(self)
        self._build_widgets()
        self._build_actions()
        self._connect()
        self._restore_settings()
        self.statusBar().showMessage(self.tr("Loading model…"))

    # -- construction --------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.drop_zone = DropZone()
        self.worklist = Worklist()
        self.progress_row = BatchProgress()
        self.progress, self.cancel_button = self.progress_row.bar, self.progress_row.cancel_button

        left = QWidget()
        left.setObjectName("leftPanel")
        left.setMinimumWidth(320)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 6, 10)
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
        self.splitter.setStretchFactor(1, 1)
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
        self.viewer.set_message(self.tr("Loading model…"))

    def _action(self, text, slot, shortcuts=(), tip=None) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)          # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.open_files_action = self._action(tr("&Open files…"), self.open_files_dialog, [QKeySequence.StandardKey.Open])
        self.open_folder_action = self._action(tr("Open &folder…"), self.open_folder_dialog, ["Ctrl+Shift+O"])
        self.export_report_action = self._action(tr("&Export report (PDF)…"), self.export_report_dialog, ["Ctrl+E"])
        self.export_csv_action = self._action(tr("Export history as &CSV…"), self.export_csv_dialog)
        self.settings_action = self._action(tr("&Settings…"), self.open_settings, [QKeySequence.StandardKey.Preferences])
        self.quit_action = self._action(tr("&Quit"), self.close, [QKeySequence.StandardKey.Quit])
        self.next_action = self._action(tr("&Next film"), self.worklist.select_next, ["N"])
        self.previous_action = self._action(tr("&Previous film"), self.worklist.select_previous, ["P"])
        self.overlay_action = self._action(tr("Toggle &heatmap"), self.viewer_panel.toggle_overlay, ["H"])
        self.zoom_in_action = self._action(tr("Zoom &in"), self.viewer.zoom_in, ["+", "=", QKeySequence.StandardKey.ZoomIn])
        self.zoom_out_action = self._action(tr("Zoom &out"), self.viewer.zoom_out, ["-", QKeySequence.StandardKey.ZoomOut])
        self.fit_action = self._action(tr("&Fit to window"), self.viewer.fit, ["0"])
        self.model_card_action = self._action(tr("About the &model…"), self.show_model_card)
        self.about_action = self._action(tr("&About CXR Triage"), self.show_about)

        # Up/Down belong to whichever list has focus in the History tab, so they only
        # step through films while the Reading tab is showing.
        for key, slot in (("Down", self.worklist.select_next), ("Up", self.worklist.select_previous)):
            action = QAction(self.splitter)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.splitter.addAction(action)

        menu = self.menuBar().addMenu(tr("&File"))
        for a in (self.open_files_action, self.open_folder_action, None, self.export_report_action,
                  self.export_csv_action, None, self.settings_action, None, self.quit_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu = self.menuBar().addMenu(tr("&View"))
        for a in (self.next_action, self.previous_action, None, self.overlay_action, self.zoom_in_action,
                  self.zoom_out_action, self.fit_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu = self.menuBar().addMenu(tr("&Help"))
        menu.addAction(self.model_card_action)
        menu.addAction(self.about_action)
        self._set_input_enabled(False)

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
        self.history_panel.export_requested.connect(self.export_csv_dialog)
        self.history_panel.open_requested.connect(self._open_from_history)
        self.viewer_panel.overlay_settings_changed.connect(self._remember_overlay)

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = self.settings.window_state
        self._splitter_placed = state is not None and self.splitter.restoreState(state)
        # Read both before applying either: applying one saves the pair back.
        visible, opacity = self.settings.overlay_visible, self.settings.overlay_opacity
        self.viewer_panel.set_overlay_opacity(opacity)
        self.viewer_panel.set_overlay_visible(visible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitter_placed:
            # First run: proportions of the real window size (sizes set before show get rescaled).
            self._splitter_placed = True
            width = self.width()        # the splitter is not laid out yet; it spans the window
            left, right = round(0.36 * width), 330
            self.splitter.setSizes([left, max(300, width - left - right), right])

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
        self.statusBar().showMessage(self.tr("Ready. Drop chest X-rays or press Ctrl+O."), 6000)
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

    def _set_input_enabled(self, enabled: bool) -> None:
        for action in (self.open_files_action, self.open_folder_action):
            action.setEnabled(enabled)

    # -- opening films -----------------------------------------------------------------------------

    def open_when_ready(self, paths: list) -> None:
        """Open ``paths`` now, or once the model has loaded (start-up with files to read);
        dropped if the model cannot be used (the window says why)."""
        if self.model_state == "ready":
            self.open_paths(paths)
        else:
            self._paths_at_start = list(paths)

    def open_paths(self, paths: list) -> None:
        if self.model_state != "ready":
            self.statusBar().showMessage(self.model_problem or self.tr("The model is still loading."), 6000)
            return
        if not paths:
            self._on_empty_drop()
            return
        first = Path(paths[0])
        self.settings.last_folder = str(first if first.is_dir() else first.parent)
        self.queue.submit(paths, hide_patient_data=self.settings.hide_patient_data)
        self.statusBar().showMessage(self.tr("Looking for images…"), 3000)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open chest X-rays"), self.settings.last_folder,
                                                self.tr(IMAGE_FILTER))
        if files:
            self.open_paths(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of chest X-rays"),
                                                  self.settings.last_folder)
        if folder:
            self.open_paths([folder])

    def _open_from_history(self, path: str) -> None:
        if not Path(path).exists():     # moved, or stored by hash only (hide patient data was on)
            self.statusBar().showMessage(self.tr("{path} is not a file on this computer (names are not stored "
                                                 "while patient data is hidden): open the film from its "
                                                 "folder.").format(path=path), 10000)
            return
        self.tabs.setCurrentIndex(0)
        self.open_paths([path])

    def _on_empty_drop(self) -> None:
        self.statusBar().showMessage(self.tr("Nothing to open: drop image files or folders from this computer."), 8000)

    def dragEnterEvent(self, event) -> None:
        if self.drop_zone.ready and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        event.acceptProposedAction()
        paths = local_paths(event.mimeData())
        self.open_paths(paths) if paths else self._on_empty_drop()

    # -- batch progress ------------------------------------------------------------------------------

    def _on_films_queued(self, paths: list) -> None:
        if not paths:
            return
        had_selection = self.worklist.current_film() is not None
        self.worklist.worklist_model.add_paths(paths)
        if not had_selection:
            self.worklist.select_row(self.worklist.worklist_model.row_of(paths[0]))
        self.progress_row.setVisible(True)

    def _on_folder_failed(self, path: str, sentence: str) -> None:
        """A folder that could not be listed: an error row saying why (and the status bar, once)."""
        self.worklist.worklist_model.add_failed(path, sentence)
        self.statusBar().showMessage(sentence, 10000)

    def _on_history_problem(self, sentence: str) -> None:
        """Said once per problem, not per film: a banner above the tabs, the status bar, and the
        History tab's own sentence."""
        self.history_banner.show_problem(sentence)
        if sentence:
            self.statusBar().showMessage(sentence, 15000)
        if self.history_panel.isVisible() or self.history_guard.problem:
            self.history_guard.recheck()

    def _on_film_started(self, path: str) -> None:
        self.worklist.worklist_model.set_status(path, "running")
        self._refresh_if_current(path)

    def _on_film_finished(self, outcome: FilmOutcome) -> None:
        self.images.put(outcome.path, outcome.display_image)
        self.worklist.worklist_model.apply_outcome(outcome)     # the worker wrote its log line
        if not self.history_guard.problem:
            self.history_panel.mark_stale()
        self._refresh_if_current(outcome.path)

    def _on_films_cancelled(self, paths: list) -> None:
        self.worklist.worklist_model.set_statuses(paths, "cancelled")
        current = self.worklist.current_film()
        if current is not None and current.status == "cancelled":
            self._show_film(current)

    def _on_batch_finished(self, cancelled: bool) -> None:
        self.progress_row.flush()
        self.progress_row.setVisible(self.queue.busy)
        model = self.worklist.worklist_model
        summary = self.tr("{done} read, {rejected} rejected, {errors} could not be read.").format(
            done=model.count("done"), rejected=model.count("rejected"), errors=model.count("error"))
        if cancelled:
            summary = self.tr("Cancelled; {n} films not read. ").format(n=model.count("cancelled")) + summary
        self.statusBar().showMessage(summary, 15000)

    def cancel_batch(self) -> None:
        self.queue.cancel()

    # -- the selected film -----------------------------------------------------------------------

    def _refresh_if_current(self, path: str) -> None:
        current = self.worklist.current_film()
        if current is not None and str(current.path) == str(path):
            self._show_film(current)

    def _show_film(self, film: Film | None) -> None:
        self.findings.show_film(film, self.settings.hide_patient_data)
        if film is None:
            self.viewer_panel.show_film(None, message=self.tr("Select a film in the worklist."))
            return
        if film.status in ("queued", "running", "cancelled"):
            self.viewer_panel.show_film(None, message={"queued": self.tr("Waiting to be read…"),
                                                       "running": self.tr("Reading…"),
                                                       "cancelled": self.tr("Not read (cancelled).")}[film.status])
            return
        if film.status == "error":
            self.viewer_panel.show_film(None, message=film.error or "")
            return
        image = self.images.get(film.path)
        if image is None:
            self.viewer_panel.show_film(None, message=self.tr("Loading image…"))
            self.images.request(film.path)
            return
        heatmap = film.entry.heatmap if film.status == "done" else None
        self.viewer_panel.show_film(image, heatmap)

    def _on_image_loaded(self, path: str, image, error: str) -> None:
        current = self.worklist.current_film()
        if current is None or str(current.path) != path:
            return
        if image is None:
            self.viewer_panel.show_film(None, message=error)
        else:
            self._show_film(current)

    def _remember_overlay(self, visible: bool, opacity: float) -> None:
        self.settings.overlay_visible = visible
        self.settings.overlay_opacity = opacity

    # -- reports and exports ---------------------------------------------------------------------

    def export_csv_dialog(self) -> None:
        default = str(Path(self.settings.last_folder or Path.home()) / "cxr-triage-history.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export history"), default, self.tr("CSV (*.csv)"))
        if path:
            self.export_history_csv(path, warn=True)

    def export_history_csv(self, path, *, warn: bool = False) -> int | None:
        """Every result the History tab's search and filters match (all of them without one), newest
        first, however far its table has been scrolled. The status bar says how many, or why nothing
        was written (a message box too, when ``warn``). Returns the count, or None when it failed."""
        panel = self.history_panel
        try:
            count = panel.export_csv(path)
        except OSError as exc:
            message = self.tr("The history could not be exported to {path}: {reason}. The previous file, if any, "
                              "is unchanged.").format(path=path, reason=panel.write_error_reason(exc))
            logs.log_event(f"export: history CSV not written ({exc.strerror or type(exc).__name__})",
                           level=logging.WARNING)     # strerror: no path, so no file name in the log
            self.statusBar().showMessage(message, 15000)
            if warn:
                QMessageBox.warning(self, self.tr("Export history"), message)
            return None
        if count == 1:
            message = self.tr("1 result exported to {path}")
        elif panel.is_filtered():
            message = self.tr("{count} results matching the History search and filters exported to {path}")
        else:
            message = self.tr("{count} results exported to {path}")
        self.statusBar().showMessage(message.format(count=f"{count:,}", path=path), 8000)
        return count

    # -- dialogs -----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
            self.queue.hide_patient_data = self.settings.hide_patient_data     # films not yet read
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

    def closeEvent(self, event) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.splitter.saveState()
        self.settings.sync()
        self.queue.shutdown()
        self.images.wait()
        self.history_panel.close_store()
        super().closeEvent(event)
