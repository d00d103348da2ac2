"""Inference off the GUI thread: model loading, folder expansion, decoding, prediction,
thumbnails and the history write all happen here, one film at a time.

The worker is a QObject living in its own QThread; the GUI talks to it only through
queued signals (see ``InferenceQueue``), so nothing here ever blocks the window.
Each film is committed to the history before the next one starts, so a crash or a
cancel never leaves a film half-recorded.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.engine.errors import TriageError
from desktop.engine.history import HistoryEntry, HistoryStore, file_sha256
from desktop.ui.film import FilmOutcome, ImageInfo
from desktop.ui.qimage_convert import DISPLAY_MAX_SIDE, THUMBNAIL_SIDE, make_thumbnail, pil_to_gray_qimage
from desktop.ui.wording import tr


@dataclass
class LoadedModel:
    path: str
    metadata: dict

    @property
    def version(self) -> str:
        return str(self.metadata.get("model_version", "") or "unknown")


class InferenceWorker(QObject):
    model_loaded = Signal(object)       # LoadedModel
    model_missing = Signal(str)         # the sentence, saying where we looked
    model_failed = Signal(str)          # the ModelError sentence
    files_found = Signal(int, list)     # batch id, image files (str), sorted
    film_started = Signal(str)
    film_finished = Signal(object)      # FilmOutcome

    def __init__(self, db_path):
        super().__init__()
        self._db_path = Path(db_path)
        self._store: HistoryStore | None = None     # opened in the worker thread: sqlite is thread-bound
        self._predictor = None
        self._version = ""

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
        metadata = dict(getattr(self._predictor, "metadata", {}) or {})
        self._version = str(metadata.get("model_version", "") or "")
        self.model_loaded.emit(LoadedModel(str(path), metadata))

    @Slot(int, list)
    def expand(self, batch_id: int, paths: list) -> None:
        from desktop.engine.files import iter_image_files
        try:
            files = [str(p) for p in iter_image_files([Path(p) for p in paths])]
        except OSError:
            files = []
        self.files_found.emit(batch_id, files)

    @Slot(str)
    def run_film(self, path: str) -> None:
        self.film_started.emit(path)
        try:
            outcome = self._read(path)
        except Exception as exc:  # noqa: BLE001 - one bad film must not stop the batch
            entry = HistoryEntry(file_path=path, file_sha256="", model_version=self._version,
                                 error=tr("This film could not be read ({error}).", "Worker").format(error=exc))
            outcome = FilmOutcome(path, entry, ImageInfo())
        self.film_finished.emit(outcome)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- one film ---------------------------------------------------------------------------

    def _history(self) -> HistoryStore:
        if self._store is None:
            self._store = HistoryStore(self._db_path)
        return self._store

    def _read(self, path: str) -> FilmOutcome:
        try:
            digest = file_sha256(path)
        except OSError as exc:
            entry = HistoryEntry(file_path=path, file_sha256="", model_version=self._version,
                                 error=tr("The file could not be opened ({reason}).", "Worker")
                                 .format(reason=exc.strerror or exc))
            self._history().add(entry)
            return FilmOutcome(path, entry, ImageInfo())

        if self._history().has_result(digest, self._version):
            reopened = self._reopen(path, digest)
            if reopened is not None:
                return reopened

        # The predictor decodes at the model's size, as the command line does, so both give the
        # same numbers. A JPEG decoded that way (draft mode) is too small for the viewer; it is
        # decoded again only if someone looks at it (DisplayImageLoader), which keeps a 500-film
        # batch to one decode per film.
        result = self._predictor.predict_path(path)
        entry = HistoryEntry.from_result(result, digest)
        entry.file_path = path
        self._history().add(entry)
        return self._outcome(path, entry, getattr(result, "image_record", None), from_history=False)

    def _reopen(self, path: str, digest: str) -> FilmOutcome | None:
        """Already read by this model: show the stored result; decode only for the thumbnail and tags."""
        from desktop.engine.imaging import load_xray
        entry = self._history().latest(digest, self._version)
        try:
            record = load_xray(path, max_side=THUMBNAIL_SIDE)
        except TriageError:
            return None     # readable then, not now: let the predictor say why
        entry.file_path = path
        return self._outcome(path, entry, record, from_history=True)

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
