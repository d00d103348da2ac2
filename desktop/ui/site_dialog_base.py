"""What the two site dialogs share (desktop/ui/site_dialogs.py opens them): ``LabelledJobDialog`` asks for
the clinic's labelled films (a folder laid out ``<label>/<file>`` or a CSV ``path,label``), runs a
``LabelledJob`` off the GUI thread with a progress bar and a Cancel button that stops it, lists the films
that could not be used, and shows the outcome; and how a dialog finds the window's model and site profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from desktop.ui.labelled_job import LabelledJob, progress_text, start_job

CLOSE_WAIT_MS = 10_000      # a cancelled job stops after the film (or fit) in hand: well under a second
RED = "#b3261e"


def window_model_path(window) -> str | None:
    """The model file the window has loaded; before it has, the one it was started with (None: the default)."""
    queue = getattr(window, "queue", None)
    loaded = getattr(queue, "model", None)
    if loaded is not None and getattr(loaded, "path", None):
        return str(loaded.path)
    path = getattr(window, "model_path", None)
    return str(path) if path else None


def window_site_profile(window):
    """The site profile the window applies to every film, or None."""
    return getattr(window, "site_profile", None)


class LabelledJobDialog(QDialog):
    """The films to use, a Run button, the progress row with Cancel, the outcome's sentence, the films
    not used, and a results area that the subclass fills (``show_outcome``)."""

    def __init__(self, window, title: str, run_text: str, failure_text: str):
        super().__init__(window)
        self.model_path = window_model_path(window)
        self.failure_text = failure_text
        self.job: LabelledJob | None = None
        self.setWindowTitle(title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("A folder of label folders, or a CSV list"))
        self.source_edit.setAccessibleName(self.tr("Labelled films"))
        self.source_edit.textChanged.connect(self.update_buttons)
        self.folder_button = QPushButton(self.tr("Folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.csv_button = QPushButton(self.tr("CSV list…"))
        self.csv_button.clicked.connect(self.choose_csv)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.folder_button)
        source_row.addWidget(self.csv_button)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Labelled films:"), source_row)
        self.run_button = QPushButton(run_text)
        self.run_button.setDefault(True)
        self.run_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.run_button.clicked.connect(self.start)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the film being read now; nothing is kept"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.run_button)
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel_button)
        progress_row.addStretch(0)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)      # the engine's sentences may say "<label>/<file>"
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label = QLabel()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(90)
        self.problems.setAccessibleName(self.tr("Films not used"))
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.results)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.scroll, 1)
        layout.addStretch(0)            # takes the room while there is no outcome to scroll
        layout.addWidget(self.buttons)
        self._fit_to_screen()
        self._say("")
        self._show_problems([])
        self.scroll.setVisible(False)
        self._show_idle()

    @property
    def main_window(self):
        """The window, asked of Qt rather than kept in an attribute: the window's wrapper already holds this
        dialog's (its child), and a reference back would make a cycle that Python's garbage collector may
        break on whichever thread it runs, the job's included, which Qt widgets do not survive."""
        return self.parentWidget()

    # -- for the subclasses ---------------------------------------------------------------------------

    def make_work(self, source: str):
        """``work(cancel, progress)`` for the job (see labelled_job.py)."""
        raise NotImplementedError

    def show_outcome(self, outcome) -> None:
        raise NotImplementedError

    def clear_outcome(self) -> None:
        """Forget the last outcome (a new run starts)."""
        self.scroll.setVisible(False)
        while self.results_layout.count():
            item = self.results_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def inputs_problem(self) -> str | None:
        """What is missing before a run may start, as a sentence; None when nothing is."""
        return None if self.source_edit.text().strip() else self.tr("Choose the labelled films first.")

    def update_buttons(self) -> None:
        self.run_button.setEnabled(self.job is None and self.inputs_problem() is None)

    # -- choosing the films ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of labelled films (one folder per label)"),
                                                  self._start_folder())
        if folder:
            self.source_edit.setText(folder)

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("List of labelled films"), self._start_folder(),
                                              self.tr("CSV lists (*.csv *.txt);;All files (*)"))
        if path:
            self.source_edit.setText(path)

    def _start_folder(self) -> str:
        text = self.source_edit.text().strip()
        return str(Path(text).parent if text and Path(text).is_file() else Path(text or Path.home()))

    # -- the job --------------------------------------------------------------------------------------

    def start(self) -> None:
        problem = self.inputs_problem()
        if self.job is not None or problem:
            self._say(problem or "", RED)
            return
        self.model_path = window_model_path(self.main_window)     # the window's model may have loaded since
        self.clear_outcome()
        self._show_problems([])
        self._say("")
        self.job = LabelledJob(self.make_work(self.source_edit.text().strip()), self.failure_text)
        self.job.progress.connect(self._on_progress)
        self.job.succeeded.connect(self._on_succeeded)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(self._on_cancelled)
        self._show_running()
        start_job(self.job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel.set()
            self.cancel_button.setEnabled(False)
            self.bar.setFormat(self.tr("Stopping…"))
            self._say(self.tr("Stopping after the film being read now…"))

    def done(self, result: int) -> None:
        """Closing mid-run stops the job first: nothing it computed is used, and no thread is left behind."""
        job, self.job = self.job, None
        if job is not None:
            job.cancel.set()
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                job.wait(CLOSE_WAIT_MS)
            finally:
                QGuiApplication.restoreOverrideCursor()
        super().done(result)

    def _on_progress(self, done: int, total: int, phase: str) -> None:
        if self.job is None or self.job.cancel.is_set():
            return
        busy = phase in ("model", "list")       # no count yet: a busy bar, which shows no text, so say it beside
        self.bar.setMaximum(0 if busy else max(1, total))
        self.bar.setValue(0 if busy else done)
        self.bar.setFormat(progress_text(done, total, phase))
        self._say(progress_text(done, total, phase) if busy else "")

    def _on_succeeded(self, outcome) -> None:
        if self._finish():
            self.scroll.setVisible(True)
            self.show_outcome(outcome)

    def _on_failed(self, sentence: str, problems: list) -> None:
        if self._finish():
            self._say(sentence, RED)
            self._show_problems(problems)

    def _on_cancelled(self) -> None:
        if self._finish():
            self._say(self.tr("Stopped. Nothing was kept; press the button again to start over."))

    def _finish(self) -> bool:
        """The job has ended: back to idle. False when the dialog already let the job go (it was closed)."""
        if self.job is None:
            return False
        self.job = None
        self._show_idle()
        return True

    # -- how it looks ---------------------------------------------------------------------------------

    def _show_running(self) -> None:
        for widget in (self.run_button, self.folder_button, self.csv_button, self.source_edit):
            widget.setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setMaximum(0)
        self.bar.setFormat("")
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)

    def _show_idle(self) -> None:
        for widget in (self.folder_button, self.csv_button, self.source_edit):
            widget.setEnabled(True)
        self.bar.setVisible(False)
        self.cancel_button.setVisible(False)
        self.update_buttons()

    def _say(self, sentence: str, colour: str | None = None) -> None:
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setText(sentence)
        self.message.setVisible(bool(sentence))

    def _show_problems(self, problems: list) -> None:
        self.problems_label.setText(self.tr("Films or lines not used ({count}):").format(count=len(problems)))
        self.problems.setPlainText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self.problems.setVisible(bool(problems))

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1040, 720
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

