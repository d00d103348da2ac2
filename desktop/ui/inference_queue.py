"""The GUI-thread side of inference: a queue of films fed to the worker a run at a time.

Why the queue lives on the GUI thread: cancelling is then just clearing a deque,
with no locks. The worker holds one run of up to ``RUN_FILMS`` films, read through the
engine's pipeline (decoded ahead, inferred in small batches); cancelling sets that run's
``threading.Event``, the one shared object: the film being recorded finishes normally, the
run's other films come back unread (``films_done``) and are shown as cancelled. A run is over
as soon as its last film arrives; the worker's ``films_done`` for it is not waited for then.

Scale: a folder of 20,000 files arrives in chunks (``LISTING_CHUNK``), each added in one step;
membership is checked against a set, so nothing here grows with the square of the batch.

Privacy: each run is sent with the "hide patient data" setting in force when it is sent
(``hide_patient_data``, set by the window on the GUI thread; the worker never reads settings).
"""

import threading
from collections import deque

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from desktop.ui.worker import InferenceWorker, LoadedModel

RUN_FILMS = 32      # films per run sent to the worker: long enough to keep its decoder busy, short
                    # enough that a new drop's listing, also done by the worker, waits little


class InferenceQueue(QObject):
    # requests to the worker (queued connections: they run in the worker thread)
    _load_requested = Signal(object)
    _expand_requested = Signal(int, list)
    _films_requested = Signal(list, bool, object)     # paths, hide patient data, cancel Event
    _site_requested = Signal(object)                  # a site profile's path, or None for the model's own head

    model_ready = Signal(object)        # LoadedModel
    model_missing = Signal(str)
    model_failed = Signal(str)
    films_queued = Signal(list)         # paths now waiting, in order
    nothing_found = Signal(list)        # a drop/open that held no image files
    folder_failed = Signal(str, str)    # a folder that could not be listed, the sentence
    history_problem = Signal(str)       # why results are not being saved; "" once they are again
    site_loaded = Signal(object)        # the SiteProfile now applied, or None
    site_failed = Signal(str, str)      # the profile's path, the sentence why it is not used
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
        # Declared slots (@Slot) on both sides, and the worker's meta-object built here, before its thread
        # runs. Known, not cured by this: a test process that opens its first window sometimes segfaults in
        # PySide's MetaObjectBuilder::update on this thread, at the worker's first queued call (load_model);
        # 3 of 35 starts of tests/gui/test_app_hardening.py's 20,000-file test with these lines, 2 of 21
        # without them (2026-12-06, PySide6 6.12, Python 3.11).
        self._worker.metaObject()
        self._worker.moveToThread(self._thread)
        # finished is emitted in the worker thread: close the sqlite connection where it was opened
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._worker.deleteLater)

        self._load_requested.connect(self._worker.load_model)
        self._expand_requested.connect(self._worker.expand)
        self._films_requested.connect(self._worker.run_films)
        self._site_requested.connect(self._worker.load_site)
        self._worker.site_loaded.connect(self.site_loaded)
        self._worker.site_failed.connect(self.site_failed)
        self._worker.model_loaded.connect(self._on_model_loaded)
        self._worker.model_missing.connect(self.model_missing)
        self._worker.model_failed.connect(self.model_failed)
        self._worker.files_found.connect(self._on_chunk)
        self._worker.folder_failed.connect(self._on_folder_failed)
        self._worker.history_problem.connect(self.history_problem)
        self._worker.film_started.connect(self.film_started)
        self._worker.film_finished.connect(self._on_film_finished)
        self._worker.films_done.connect(self._on_films_done)

        self._pending: deque[str] = deque()
        self._queued: set[str] = set()      # pending and in flight: a film dropped twice is read once
        self._in_flight: set | None = None     # the films of the run the worker holds, not yet finished
        self._stop: threading.Event | None = None     # that run's cancel
        self._listing: dict[int, int] = {}  # batch id -> entries seen so far, while its chunks arrive
        self._chunks: deque[tuple] = deque()  # listed chunks not yet queued: one per event-loop turn
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.hide_patient_data = True       # sent with each film
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
        return self._in_flight is not None or bool(self._pending) or bool(self._listing)

    def load_model(self, model_path) -> None:
        self._load_requested.emit(model_path)

    def load_site(self, path) -> None:
        """Apply a site profile (a path) or, with None, the model's own head; answered by ``site_loaded``
        or ``site_failed``. It is applied in the worker between two runs, so films already read or
        being read keep what they got (each result says which profile made it)."""
        self._site_requested.emit(str(path) if path else None)

    def submit(self, paths, hide_patient_data: bool | None = None) -> int:
        """Queue files and folders (folders are listed in the worker). Returns the batch id."""
        if hide_patient_data is not None:
            self.hide_patient_data = bool(hide_patient_data)
        batch_id = self._next_batch
        self._next_batch += 1
        self._listing[batch_id] = 0
        self._expand_requested.emit(batch_id, [str(p) for p in paths])
        return batch_id

    def cancel(self) -> None:
        self._cancelled_upto = self._next_batch - 1
        self._listing.clear()
        dropped = list(self._pending)
        self._pending.clear()
        self._queued = {path for path in self._in_flight or () if path in self._queued}
        if dropped:
            self.films_cancelled.emit(dropped)
        if self._in_flight is None:
            self._finish_run(cancelled=bool(dropped))
        else:
            self._cancelling = True     # the film being recorded completes; the rest come back unread
            self._stop.set()

    def shutdown(self) -> None:
        """Stop after the film being recorded; called when the window closes (twice is harmless)."""
        if self._stop is not None:
            self._stop.set()
        self._pending.clear()
        self._queued.clear()
        self._listing.clear()
        self._chunks.clear()
        self._drain_timer.stop()
        self._thread.quit()
        self._thread.wait()             # a film finishes in bounded time; never destroy a running thread

    # -- worker replies ----------------------------------------------------------------------

    @Slot(object)
    def _on_model_loaded(self, model: LoadedModel) -> None:
        self._model = model
        self.model_ready.emit(model)
        self._kick()

    @Slot(int, list, bool)
    def _on_chunk(self, batch_id: int, files: list, last: bool) -> None:
        # The worker posts a folder's chunks all at once, and Qt would run them back to back; one
        # per event-loop turn lets the window paint and take input in between.
        self._chunks.append((batch_id, files, last))
        self._drain_timer.start()

    @Slot()
    def _drain(self) -> None:
        if self._chunks:
            self._on_files_found(*self._chunks.popleft())
        if self._chunks:
            self._drain_timer.start()

    def _on_files_found(self, batch_id: int, files: list, last: bool = True) -> None:
        if batch_id <= self._cancelled_upto or batch_id not in self._listing:
            return
        seen = self._listing.pop(batch_id) + len(files)
        if not last:
            self._listing[batch_id] = seen
        elif seen == 0:
            self.nothing_found.emit([])
        fresh = [f for f in dict.fromkeys(files) if f not in self._queued]
        if fresh:
            self._pending.extend(fresh)
            self._queued.update(fresh)
            self._total += len(fresh)
            self.films_queued.emit(fresh)
            self.progress.emit(self._done, self._total)
            self._kick()
        elif last and not self.busy and self._total:
            self._finish_run(cancelled=False)   # the run's films finished while this listing came in

    @Slot(int, str, str)
    def _on_folder_failed(self, batch_id: int, path: str, sentence: str) -> None:
        if batch_id <= self._cancelled_upto or batch_id not in self._listing:
            return
        self._listing[batch_id] += 1            # not "nothing found": the window shows why
        self.folder_failed.emit(path, sentence)

    @Slot(object)
    def _on_film_finished(self, outcome) -> None:
        self._queued.discard(outcome.path)
        self._done += 1
        self.film_finished.emit(outcome)
        self.progress.emit(self._done, self._total)
        if self._in_flight is not None:
            self._in_flight.discard(outcome.path)
            if not self._in_flight:         # the run's last film: it is over, whatever the worker adds
                self._end_run()

    @Slot(list, object)
    def _on_films_done(self, unread: list, stop) -> None:
        if stop is not self._stop:
            return                          # that run ended with its last film
        self._queued.difference_update(unread)
        if unread:
            self.films_cancelled.emit(unread)
        self._end_run()

    def _end_run(self) -> None:
        self._in_flight = self._stop = None
        if self._cancelling:
            self._finish_run(cancelled=True)
        elif not self._pending:
            if not self._listing:           # else more of a folder is on its way
                self._finish_run(cancelled=False)
        else:
            self._kick()

    def _kick(self) -> None:
        if self._in_flight is None and self._pending and self._model is not None:
            run = [self._pending.popleft() for _ in range(min(RUN_FILMS, len(self._pending)))]
            self._in_flight, self._stop = set(run), threading.Event()
            self._films_requested.emit(run, bool(self.hide_patient_data), self._stop)

    def _finish_run(self, cancelled: bool) -> None:
        self._cancelling = False
        self._done, self._total = 0, len(self._pending)
        self.batch_finished.emit(cancelled)
        if self._pending:       # files dropped while the cancel was in flight
            self._kick()
