"""Inference off the GUI thread: model loading, folder expansion, decoding, prediction,
thumbnails, the history write and the log line all happen here.

The worker is a QObject living in its own QThread; the GUI talks to it only through
queued signals (see ``InferenceQueue``), so nothing here ever blocks the window.
It reads a run of films at a time through the engine's ``FilmPipeline`` (the command line's
too): the next films are decoded on a decode thread while the current ones are inferred.
Results come back in order, and each film is committed to the history before its result is
sent, so a crash or a cancel never leaves a film half-recorded.

Which hash a result is stored under: the file is hashed first only to find a result stored
earlier; a new result is stored under the hash of the very bytes the pipeline decoded
(``load_xray(..., sha256=True)``), so a file replaced between the two reads can never
leave one film's result under the other's hash.

When the history cannot be written (read-only folder, full disk, damaged file) the results are
still shown, and ``history_problem`` says once why they are not being saved.

A site profile is loaded here too (``load_site``), because the Predictor it changes lives on this
thread: a queued request runs between two runs of films, never in the middle of one. A stored result is
reused only when it was made with the same profile (or, like now, none).
"""

import logging
import time
from collections import deque
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.engine import logs
from desktop.engine.errors import TriageError
from desktop.engine.history import HistoryEntry, HistoryStore, file_sha256, site_key
from desktop.ui.film import FilmOutcome, ImageInfo
from desktop.ui.history_problem import STORAGE_ERRORS, problem_sentence
from desktop.ui.qimage_convert import DISPLAY_MAX_SIDE, THUMBNAIL_SIDE, make_thumbnail, pil_to_gray_qimage
from desktop.ui.wording import tr

LISTING_CHUNK = 1000        # files per files_found signal: the window adds each chunk in a few ms
DECODE_WORKERS = 1          # two cores: one decodes, one infers, and the window still gets its share
BATCH_SIZE = 4              # films per session run, at most; the pipeline reads twice that ahead
HISTORY_RETRY_S = 5.0       # after a failed history access, films go unsaved this long before the next try


@dataclass
class LoadedModel:
    path: str
    metadata: dict
    adaptable: bool = False     # it has the embedding output a site profile's head is applied to

    @property
    def version(self) -> str:
        return str(self.metadata.get("model_version", "") or "unknown")


class InferenceWorker(QObject):
    model_loaded = Signal(object)       # LoadedModel
    model_missing = Signal(str)         # the sentence, saying where we looked
    model_failed = Signal(str)          # the ModelError sentence
    files_found = Signal(int, list, bool)   # batch id, image files (str) in order, last chunk of the batch
    folder_failed = Signal(int, str, str)   # batch id, a folder that could not be listed, the sentence
    film_started = Signal(str)
    film_finished = Signal(object)      # FilmOutcome
    films_done = Signal(list, object)   # after run_films: its paths not read (cancelled), its cancel Event
    history_problem = Signal(str)       # why results are not being saved; "" once they are again
    site_loaded = Signal(object)        # the SiteProfile now applied, or None for the model's own head
    site_failed = Signal(str, str)      # the profile's path, the sentence why it is not used

    def __init__(self, db_path):
        super().__init__()
        self._db_path = Path(db_path)
        self._store: HistoryStore | None = None     # opened in the worker thread: sqlite is thread-bound
        self._predictor = None
        self._pipeline = None
        self._first_hash: dict[str, str] = {}      # path -> hash taken before reading, while it is read
        self._version = ""
        self._problem = ""
        self._retry_at = 0.0

    # -- slots, run in the worker thread -----------------------------------------------------

    @Slot(object)
    def load_model(self, model_path) -> None:
        # Imported here, not at module top: onnxruntime's import and session creation are the
        # slow part of start-up, and they must not delay the first paint of the window.
        from desktop.engine.errors import ModelError
        from desktop.engine.predictor import HOW_TO_GET_A_MODEL, Predictor, default_model_path

        try:
            path = Path(model_path) if model_path else Path(default_model_path())
        except ModelError as exc:           # the sentence says where it looked and how to get one
            self.model_missing.emit(str(exc))
            return
        if not path.is_file():
            self.model_missing.emit(tr("No model file found at {path}. {how}", "Worker")
                                    .format(path=path, how=HOW_TO_GET_A_MODEL))
            return
        try:
            self._predictor = Predictor(path)
        except ModelError as exc:
            self.model_failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - any other failure is still "this model cannot be used"
            self.model_failed.emit(tr("The model file {name} could not be loaded ({error}).", "Worker")
                                   .format(name=path.name, error=exc))
            return
        from desktop.engine.pipeline import FilmPipeline
        self._pipeline = FilmPipeline(self._predictor, workers=DECODE_WORKERS, batch_size=BATCH_SIZE)
        metadata = dict(getattr(self._predictor, "metadata", {}) or {})
        self._version = str(metadata.get("model_version", "") or "")
        self.model_loaded.emit(LoadedModel(str(path), metadata, bool(getattr(self._predictor, "adaptable", False))))

    @Slot(object)
    def load_site(self, path) -> None:
        """Apply the site profile at ``path`` to every film read from now on, or with None (or "") go back
        to the model's own head. Always answered: ``site_loaded``, or ``site_failed`` with the sentence why
        the profile cannot be used (the one in use then stays)."""
        from desktop.engine.site_profile import SiteProfileError
        try:
            if not path:
                if self._predictor is not None:
                    self._predictor.set_site(None)
                profile = None
            elif self._predictor is None:
                raise SiteProfileError(tr("No model is loaded, so a site profile cannot be applied.", "Worker"))
            else:
                profile = self._predictor.load_site(path)
        except SiteProfileError as exc:
            self.site_failed.emit(str(path), str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a broken file is still "this profile cannot be used"
            self.site_failed.emit(str(path), tr("The site profile {path} could not be used ({error}).", "Worker")
                                  .format(path=path, error=exc))
            return
        logs.log_event("app: site profile " + (f"{profile.name} applied" if profile else "cleared"))
        self.site_loaded.emit(profile)

    @Slot(int, list)
    def expand(self, batch_id: int, paths: list) -> None:
        """List the files to read; a folder that cannot be listed is reported, not dropped silently."""
        from desktop.engine.files import iter_image_files

        def failed(path, sentence) -> None:
            self.folder_failed.emit(batch_id, str(path), str(sentence))
        try:
            files = [str(p) for p in iter_image_files([Path(p) for p in paths], on_error=failed)]
        except Exception as exc:  # noqa: BLE001 - the drop is answered whatever happened
            failed(paths[0] if paths else "", tr("The files could not be listed ({reason}).", "Worker")
                   .format(reason=getattr(exc, "strerror", None) or exc))
            files = []
        self._retry_at = 0.0            # a new drop: try the history again at once
        for start in range(0, len(files), LISTING_CHUNK):
            self.files_found.emit(batch_id, files[start:start + LISTING_CHUNK], start + LISTING_CHUNK >= len(files))
        if not files:
            self.files_found.emit(batch_id, [], True)

    @Slot(list, bool, object)
    def run_films(self, paths: list, hide_patient_data: bool = True, cancel=None) -> None:
        """Read ``paths`` in order, one ``film_finished`` each, until ``cancel`` (a threading.Event the
        GUI thread may set at any time) is set; then ``films_done`` with the paths not read."""
        remaining = deque(paths)
        films = self._pipeline.run(paths, before=lambda path: self._before(path, hide_patient_data),
                                   cancel=cancel)
        try:
            with closing(films):
                for path, outcome in films:
                    remaining.popleft()
                    self._finish(path, outcome, hide_patient_data)
        finally:            # always answered: the queue may be waiting for it
            self._first_hash.clear()
            self.films_done.emit(list(remaining), cancel)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- one film ---------------------------------------------------------------------------

    def _before(self, path: str, hide: bool):
        """As a film enters the pipeline: a FilmOutcome when it needs no reading (a result stored
        earlier), a HistoryEntry for a file that cannot be opened (recorded in its turn, by
        ``_finish``), else the path to read."""
        self.film_started.emit(path)
        try:
            return self._look_up(path)
        except Exception as exc:  # noqa: BLE001 - one bad film must not stop the batch
            return self._failed(path, exc)

    def _look_up(self, path: str):
        try:
            digest = file_sha256(path)      # only to find a stored result; never to store a new one
        except OSError as exc:
            return HistoryEntry(file_path=path, file_sha256="", model_version=self._version,
                                error=tr("The file could not be opened ({reason}).", "Worker")
                                .format(reason=exc.strerror or exc))
        stored = self._lookup(digest)
        if stored is not None:
            reopened = self._reopen(path, stored)
            if reopened is not None:
                return reopened
        self._first_hash[path] = digest
        return path

    def _finish(self, path: str, outcome, hide: bool) -> None:
        """Record a film just read (a TriageResult) or found unreadable (a HistoryEntry), in input
        order, and send its outcome; one bad film must not stop the run."""
        try:
            if isinstance(outcome, HistoryEntry):
                self._save(outcome, hide)
                outcome = FilmOutcome(path, outcome, ImageInfo())
            elif not isinstance(outcome, FilmOutcome):
                outcome = self._record(path, outcome, hide)
        except Exception as exc:  # noqa: BLE001 - one bad film must not stop the batch
            outcome = self._failed(path, exc)
        entry = outcome.entry
        logs.log_film(path, entry.file_sha256, entry.status, label=entry.label, error=entry.error,
                      privacy=hide, note="from history" if outcome.from_history else "")
        self.film_finished.emit(outcome)

    def _failed(self, path: str, exc: Exception) -> FilmOutcome:
        entry = HistoryEntry(file_path=path, file_sha256="", model_version=self._version,
                             error=tr("This film could not be read ({error}).", "Worker").format(error=exc))
        return FilmOutcome(path, entry, ImageInfo())

    def _record(self, path: str, result, hide: bool) -> FilmOutcome:
        # The pipeline decodes at the model's size, as the command line does, so both give the
        # same numbers. A JPEG decoded that way (draft mode) is too small for the viewer; it is
        # decoded again only if someone looks at it (DisplayImageLoader), which keeps a 500-film
        # batch to one decode per film.
        record = getattr(result, "image_record", None)
        first_hash = self._first_hash.pop(path, "")
        # Stored under the hash of the bytes the result came from (load_xray(..., sha256=True)). An
        # error has no record: it keeps the first hash, which only links it to the log (errors are
        # never served from the history).
        digest = first_hash if record is None else (getattr(record, "sha256", "") or "")
        entry = HistoryEntry.from_result(result, digest, getattr(self._predictor, "site", None))
        entry.file_path = path
        self._save(entry, hide)
        return self._outcome(path, entry, record, from_history=False)

    def _reopen(self, path: str, entry: HistoryEntry) -> FilmOutcome | None:
        """Already read by this model: show the stored result; decode only for the thumbnail and tags.
        None (read it again) when the file cannot be decoded now or its bytes are no longer those
        the stored result was computed from (replaced since it was hashed)."""
        from desktop.engine.imaging import load_xray
        try:
            record = load_xray(path, max_side=THUMBNAIL_SIDE, sha256=True)
        except TriageError:
            return None     # readable then, not now: let the predictor say why
        if record.sha256 != entry.file_sha256:
            return None
        entry.file_path = path
        return self._outcome(path, entry, record, from_history=True)

    # -- the history: results are shown even when it cannot be written ----------------------

    def _history(self) -> HistoryStore | None:
        if self._store is None and time.monotonic() >= self._retry_at:
            try:
                self._store = HistoryStore(self._db_path)
            except STORAGE_ERRORS as exc:
                self._history_failed(exc)
        return self._store if time.monotonic() >= self._retry_at else None

    def _lookup(self, digest: str) -> HistoryEntry | None:
        store = self._history()
        if store is None:
            return None
        try:
            site = getattr(self._predictor, "site", None)       # a stored result counts only under its profile
            return store.latest(digest, self._version, None if site is None else site_key(site))
        except STORAGE_ERRORS as exc:
            self._history_failed(exc)
            return None

    def _save(self, entry: HistoryEntry, hide: bool) -> None:
        """Store ``entry``; with names hidden, under a neutral name and with sentences that do not
        name the file (the entry shown in the window keeps the path)."""
        if hide:
            stored = entry.without_names(entry.file_path)
        else:
            stored = replace(entry)
        if not entry.error and not entry.file_sha256:
            return                          # a result whose bytes are not known is never stored
        store = self._history()
        if store is None:
            return
        try:
            entry.id = store.add(stored)
        except STORAGE_ERRORS as exc:
            self._history_failed(exc)
            return
        if self._problem:
            self._problem = ""
            logs.log_event("app: history saved again")
            self.history_problem.emit("")

    def _history_failed(self, exc: BaseException) -> None:
        self._retry_at = time.monotonic() + HISTORY_RETRY_S
        sentence = problem_sentence(exc, self._db_path)
        if sentence != self._problem:
            self._problem = sentence
            logs.log_event(f"app: results not saved to the history ({type(exc).__name__}: {exc})",
                           level=logging.WARNING)
            self.history_problem.emit(sentence)

    @staticmethod
    def _outcome(path, entry, record, from_history) -> FilmOutcome:
        image = getattr(record, "image", None)
        full = image is not None and tuple(image.size) == tuple(getattr(record, "original_size", ()))
        return FilmOutcome(
            path=path, entry=entry, info=ImageInfo.from_record(record),
            thumbnail=None if image is None else make_thumbnail(image),
            # A full decode (DICOM, PNG, ...) is reused for the viewer; a drafted one is not.
            display_image=pil_to_gray_qimage(image, DISPLAY_MAX_SIDE) if full else None,
            from_history=from_history)
