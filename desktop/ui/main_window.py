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
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from desktop.engine import logs
from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.drop_zone import DropZone, local_paths
from desktop.ui.film import Film, FilmOutcome
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.history_panel import HistoryPanel
from desktop.ui.image_loader import DisplayImageLoader
from desktop.ui.inference_queue import InferenceQueue
from desktop.ui.model_card_dialog import ModelCardDialog
from desktop.ui.report_job import ReportJob
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.viewer_panel import ViewerPanel
from desktop.ui.wording import disclaimer
from desktop.ui.worker import LoadedModel
from desktop.ui.worklist import Worklist

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)"
DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
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
        self.log_file = logs.setup_logging("cxr-triage", history_db_path().parent)
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
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Batch progress"))
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("%v of %m"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the batch"))
        self.cancel_button.setToolTip(self.tr("Stop after the film being read now"))
        progress_row = QWidget()
        row = QHBoxLayout(progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row = progress_row
        progress_row.setVisible(False)

        left = QWidget()
        left.setObjectName("leftPanel")
        left.setMinimumWidth(320)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 6, 10)
        left_layout.setSpacing(8)
        left_layout.addWidget(self.drop_zone)
        left_layout.addWidget(self.worklist, 1)
        left_layout.addWidget(progress_row)

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
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, self.tr("Reading"))
        self.tabs.addTab(self.history_panel, self.tr("History"))

        self.disclaimer = QLabel(disclaimer())
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.disclaimer.setAccessibleName(self.tr("Disclaimer"))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
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
        q.nothing_found.connect(lambda _: self.statusBar().showMessage(
            self.tr("No image files found in what was opened (PNG, JPEG, TIFF, BMP or DICOM)."), 8000))
        q.film_started.connect(self._on_film_started)
        q.film_finished.connect(self._on_film_finished)
        q.films_cancelled.connect(self._on_films_cancelled)
        q.progress.connect(self._on_progress)
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
        self.queue.submit(paths)
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
        had_selection = self.worklist.current_film() is not None
        self.worklist.worklist_model.add_paths(paths)
        if not had_selection:
            self.worklist.select_row(self.worklist.worklist_model.row_of(paths[0]))
        self.progress_row.setVisible(True)

    def _on_film_started(self, path: str) -> None:
        self.worklist.worklist_model.set_status(path, "running")
        self._refresh_if_current(path)

    def _on_film_finished(self, outcome: FilmOutcome) -> None:
        self.images.put(outcome.path, outcome.display_image)
        self.worklist.worklist_model.apply_outcome(outcome)
        entry = outcome.entry
        logs.log_film(outcome.path, entry.file_sha256, entry.status, label=entry.label, error=entry.error,
                      privacy=self.settings.hide_patient_data, note="from history" if outcome.from_history else "")
        self.history_panel.mark_stale()
        self._refresh_if_current(outcome.path)

    def _on_films_cancelled(self, paths: list) -> None:
        for path in paths:
            self.worklist.worklist_model.set_status(path, "cancelled")
        current = self.worklist.current_film()
        if current is not None and str(current.path) in paths:
            self._show_film(current)

    def _on_progress(self, done: int, total: int) -> None:
        # QProgressBar.setValue repaints synchronously; with updates off it only schedules a paint,
        # so a fast batch never makes the event loop wait on the progress bar.
        self.progress.setUpdatesEnabled(False)
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setUpdatesEnabled(True)

    def _on_batch_finished(self, cancelled: bool) -> None:
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

    def export_report_dialog(self) -> None:
        films = [f for f in self.worklist.selected_films() if f.entry is not None]
        if not films:
            self.statusBar().showMessage(self.tr("Select a film that has been read to export its report."), 6000)
            return
        default = str(Path(self.settings.last_folder or Path.home()) / f"{films[0].path.stem}-triage.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), default, self.tr("PDF (*.pdf)"))
        if path:
            self.export_report(path, films)

    def export_report(self, path, films: list[Film] | None = None) -> None:
        """Write the PDF once every film's image is decoded (off the GUI thread); emits report_written."""
        films = [f for f in (films or self.worklist.selected_films()) if f.entry is not None]
        if not films:
            self.report_failed.emit(self.tr("No film that has been read is selected."))
            return
        job = ReportJob(path, films, self.images, self.settings.hide_patient_data, self)
        job.written.connect(self._on_report_written)
        job.failed.connect(self._on_report_failed)
        job.start()

    def _on_report_written(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Report saved: {path}").format(path=path), 8000)
        self.report_written.emit(path)

    def _on_report_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self.report_failed.emit(message)

    def export_csv_dialog(self) -> None:
        default = str(Path(self.settings.last_folder or Path.home()) / "cxr-triage-history.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export history"), default, self.tr("CSV (*.csv)"))
        if path:
            self.export_history_csv(path)

    def export_history_csv(self, path) -> Path:
        """The rows the History tab shows (its search and filters), newest first."""
        self.history_panel.refresh()
        written = self.history_panel.store().export_csv(path, self.history_panel.entries())
        self.statusBar().showMessage(self.tr("History exported: {path}").format(path=path), 8000)
        return written

    # -- dialogs -----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
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
