"""``FilmPipeline``: a folder of films at the speed of the decoder.

Read one after the other, a film's decode and resize leave one core idle while the session runs,
and the session waits while the next film is decoded. Here a few decode threads read the films
ahead (Pillow's decoder and resize, hashlib and onnxruntime all release the GIL, so threads run
on both cores), and the calling thread runs the session on whatever is decoded: a batch when
several films wait, one film when only one does (a single film is not kept waiting for company).

What callers rely on:

- results come out in input order, each as soon as it and every film before it are done;
- a film that cannot be read is a result with its sentence; the run goes on;
- at most ``ahead`` films are read but not yet handed out, so memory does not grow with the folder;
- once its ``cancel`` event is set (from any thread) a run hands out nothing more and infers nothing
  more; its decode threads are gone when its iterator is closed or exhausted.

Qt-free: the command line and the app's worker both read through it.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from desktop.engine.errors import XrayReadError
from desktop.engine.predictor import PreparedFilm, Predictor
from desktop.engine.results import TriageResult, error_result

BATCH_SIZE = 8          # the most films one session run takes (measured: README, "Batch reading")
DECODE_WORKERS = 2      # the budget's laptop has two cores


def unexpected_error(path, exc: Exception) -> TriageResult:
    """A result for a film that failed in a way nobody foresaw: one broken file must not stop a batch."""
    path = Path(path)
    return error_result(path, f"{path.name} could not be processed because of an unexpected error "
                              f"({type(exc).__name__}: {exc}). Please report it.")


class FilmPipeline:
    """Reads films on ``workers`` threads, at most ``ahead`` films ahead of the one being handed out,
    and infers them on the calling thread in batches of up to ``batch_size``.

    ``sha256``: every film is read with ``load_xray(..., sha256=True)``, so ``image_record.sha256``
    names the very bytes its result came from (the history files results under it).
    """

    def __init__(self, predictor: Predictor, *, workers: int = DECODE_WORKERS, batch_size: int = BATCH_SIZE,
                 ahead: int | None = None, sha256: bool = True):
        self.predictor = predictor
        self.workers = max(1, int(workers))
        self.batch_size = max(1, int(batch_size))
        self.ahead = max(self.batch_size, int(ahead) if ahead else 2 * self.batch_size)
        self.sha256 = sha256

    def run(self, items, *, before=None, on_read=None, cancel: threading.Event | None = None):
        """Yield ``(item, result)`` for each of ``items``, in order.

        ``before(item)``, called on this thread as the item enters the pipeline, returns the path to
        read, or a finished value (an error found earlier, a result stored in the history) that is
        handed out in its place without reading (anything but a str or path); without it each item
        is a path.
        ``on_read(item)``, called on this thread when the item is queued for reading.
        ``cancel``: once set (from any thread), nothing more is handed out or inferred.
        Close the iterator (``contextlib.closing``) when stopping before the end: the decode threads
        are stopped and joined when it is closed or exhausted.
        """
        cancel = cancel if cancel is not None else threading.Event()
        items = list(items)
        pending = iter(items)
        window: deque = deque()          # (item, Future | finished value), in input order
        # One film alone is read on this thread: no thread to start and hand it over to.
        pool = _Inline() if len(items) == 1 else ThreadPoolExecutor(self.workers, thread_name_prefix="cxr-decode")
        try:
            self._top_up(window, 0, pending, pool, before, on_read, cancel)
            while window and not cancel.is_set():
                taken = self._take(window)
                # The threads read the next films while this batch is inferred.
                self._top_up(window, len(taken), pending, pool, before, on_read, cancel)
                for item, result in self._infer(taken):
                    if cancel.is_set():
                        return
                    yield item, result
                self._top_up(window, 0, pending, pool, before, on_read, cancel)
        finally:
            for _, entry in window:
                if isinstance(entry, Future):
                    entry.cancel()
            pool.shutdown(wait=True, cancel_futures=True)

    # -- steps --

    def _top_up(self, window: deque, held: int, pending, pool, before, on_read, cancel) -> None:
        """Queue items for reading until ``ahead`` are read or being read (``held``: taken, not handed out)."""
        while len(window) + held < self.ahead and not cancel.is_set():
            item = next(pending, _END)
            if item is _END:
                return
            target = before(item) if before is not None else item
            if isinstance(target, (str, os.PathLike)):
                if on_read is not None:
                    on_read(item)
                target = pool.submit(self._read, target)
            window.append((item, target))

    def _read(self, path):
        """On a decode thread: a PreparedFilm, or the error result that takes its place."""
        try:
            return self.predictor.prepare(path, sha256=self.sha256)
        except XrayReadError as exc:
            return error_result(path, str(exc))
        except Exception as exc:  # noqa: BLE001 - see unexpected_error
            return unexpected_error(path, exc)

    def _take(self, window: deque) -> list:
        """The first item (waiting for its film) and those right behind it that are ready, up to
        ``batch_size`` films: a film still being read is not waited for, what is there goes now."""
        taken, films = [], 0
        while window and films < self.batch_size:
            item, entry = window[0]
            if isinstance(entry, Future):
                if taken and not entry.done():
                    break
                entry = entry.result()
            window.popleft()
            taken.append((item, entry))
            films += isinstance(entry, PreparedFilm)
        return taken

    def _infer(self, taken: list) -> list:
        """One session run for the prepared films among ``taken``; -> [(item, result)] in order."""
        prepared = [entry for _, entry in taken if isinstance(entry, PreparedFilm)]
        try:
            inferred = iter(self.predictor.infer(prepared) if prepared else ())
        except Exception as exc:  # noqa: BLE001 - a failed run is each film's error, not the end of the batch
            inferred = iter([unexpected_error(film.record.path, exc) for film in prepared])
        return [(item, next(inferred) if isinstance(entry, PreparedFilm) else entry) for item, entry in taken]


_END = object()


class _Inline:
    """A stand-in for the thread pool that runs the work on the calling thread."""

    def submit(self, fn, *args) -> Future:
        future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, **_) -> None:
        pass
