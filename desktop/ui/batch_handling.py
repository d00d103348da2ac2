"""Opening films and following a batch: the dialogs and drops that start one, and the queue's
signals that move each film through the worklist (queued, running, read or cancelled).

A mix-in of MainWindow (``self`` is the window): the queue reads, the worklist model keeps the rows
(found by key wherever sorting has put them), the window only routes.
"""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop.ui.drop_zone import local_paths
from desktop.ui.film import FilmOutcome
from desktop.ui.worklist_session import save_worklist


class BatchHandling:
    """Methods of MainWindow; ``self`` is the window."""

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
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open chest X-rays"), self.settings.last_folder,
            self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)"))
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

    # -- the batch -----------------------------------------------------------------------------------

    def _on_films_queued(self, paths: list) -> None:
        if not paths:
            return
        had_selection = self.worklist.current_film() is not None
        self.worklist.worklist_model.add_paths(paths)
        if not had_selection:
            self.worklist.select_film(paths[0])
        self.progress_row.setVisible(True)

    def _on_folder_failed(self, path: str, sentence: str) -> None:
        """A folder that could not be listed: an error row saying why (and the status bar, once)."""
        self.worklist.worklist_model.add_failed(path, sentence)
        self.statusBar().showMessage(sentence, 10000)

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
        save_worklist(self.settings, model.films())     # a crash after this still brings the list back

    def cancel_batch(self) -> None:
        self.queue.cancel()

    def _refresh_if_current(self, path: str) -> None:
        current = self.worklist.current_film()
        if current is not None and str(current.path) == str(path):
            self._show_film(current)
