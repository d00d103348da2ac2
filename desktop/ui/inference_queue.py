"""The GUI-thread side of inference: a queue of films fed to the worker one at a time.

Why the queue lives on the GUI thread: cancelling is then just clearing a deque,
with no locks; the worker only ever holds the one film in flight, which finishes
(and is recorded) normally.
"""

from collections import deque

from PySide6.QtCore import QObject, Qt, QThread, Signal

from desktop.ui.worker import InferenceWorker, LoadedModel


class InferenceQueue(QObject):
    # requests to the worker (queued connections: they run in the worker thread)
    _load_requested = Signal(object)
    _expand_requested = Signal(int, list)
    _film_requested = Signal(str)

    model_ready = Signal(object)        # LoadedModel
    model_missing = Signal(str)
    model_failed = Signal(str)
    films_queued = Signal(list)         # paths now waiting, in order
    nothing_found = Signal(list)        # a drop/open that held no image files
    film_started = Signal(str)
    film_finished = Signal(object)      # FilmOutcome
    films_cancelled = Signal(list)
    progress = Signal(int, int)         # done, total of the current run
    batch_finished = Signal(bool)       # True when it ended by Cancel

    def __init__(self, db_path, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("inference")
        self._worker = InferenceWorker(db_path)
        self._worker.moveToThread(self._thread)
        # finished is emitted in the worker thread: close the sqlite connection where it was opened
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._worker.deleteLater)

        self._load_requested.connect(self._worker.load_model)
        self._expand_requested.connect(self._worker.expand)
        self._film_requested.connect(self._worker.run_film)
        self._worker.model_loaded.connect(self._on_model_loaded)
        self._worker.model_missing.connect(self.model_missing)
        self._worker.model_failed.connect(self.model_failed)
        self._worker.files_found.connect(self._on_files_found)
        self._worker.film_started.connect(self.film_started)
        self._worker.film_finished.connect(self._on_film_finished)

        self._pending: deque[str] = deque()
        self._in_flight: str | None = None
        self._model: LoadedModel | None = None
        self._next_batch = 0
        self._cancelled_upto = -1       # folder expansions with an id <= this are dropped
        self._done = 0
        self._total = 0
        self._cancelling = False
        # Below the GUI thread: on a busy two-core laptop the window is served first.
        self._thread.start(QThread.Priority.LowPriority)

    # -- public API ------------------------------------------------------------------------

    @property
    def model(self) -> LoadedModel | None:
        return self._model

    @property
    def busy(self) -> bool:
        return self._in_flight is not None or bool(self._pending)

    def load_model(self, model_path) -> None:
        self._load_requested.emit(model_path)

    def submit(self, paths) -> int:
        """Queue files and folders (folders are listed in the worker). Returns the batch id."""
        batch_id = self._next_batch
        self._next_batch += 1
        self._expand_requested.emit(batch_id, [str(p) for p in paths])
        return batch_id

    def cancel(self) -> None:
        self._cancelled_upto = self._next_batch - 1
        dropped = list(self._pending)
        self._pending.clear()
        if dropped:
            self.films_cancelled.emit(dropped)
        if self._in_flight is None:
            self._finish_run(cancelled=bool(dropped))
        else:
            self._cancelling = True     # the film in flight completes and is recorded

    def shutdown(self) -> None:
        """Stop after the film in flight; called when the window closes (twice is harmless)."""
        self._pending.clear()
        self._thread.quit()
        self._thread.wait()             # a film finishes in bounded time; never destroy a running thread

    # -- worker replies ----------------------------------------------------------------------

    def _on_model_loaded(self, model: LoadedModel) -> None:
        self._model = model
        self.model_ready.emit(model)
        self._kick()

    def _on_files_found(self, batch_id: int, files: list) -> None:
        if batch_id <= self._cancelled_upto:
            return
        if not files:
            self.nothing_found.emit(files)
            return
        fresh = [f for f in files if f not in self._pending and f != self._in_flight]
        self._pending.extend(fresh)
        self._total += len(fresh)
        self.films_queued.emit(fresh)
        self.progress.emit(self._done, self._total)
        self._kick()

    def _on_film_finished(self, outcome) -> None:
        self._in_flight = None
        self._done += 1
        self.film_finished.emit(outcome)
        self.progress.emit(self._done, self._total)
        if self._cancelling:
            self._finish_run(cancelled=True)
        elif not self._pending:
            self._finish_run(cancelled=False)
        else:
            self._kick()

    def _kick(self) -> None:
        if self._in_flight is None and self._pending and self._model is not None:
            self._in_flight = self._pending.popleft()
            self._film_requested.emit(self._in_flight)

    def _finish_run(self, cancelled: bool) -> None:
        self._cancelling = False
        self._done, self._total = 0, len(self._pending)
        self.batch_finished.emit(cancelled)
        if self._pending:       # files dropped while the cancel was in flight
            self._kick()
