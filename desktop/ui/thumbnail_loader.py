"""ThumbnailLoader: thumbnails for the films a restart brings back, decoded off the GUI thread.

Why: a restored film has its result from the history but no pixels; without this its row would stay
blank until someone opened it. Each file is decoded small (a JPEG in draft mode) on one low-priority
thread, and its thumbnail is used only if the file still holds the bytes the result was read from.
"""

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from desktop.ui.qimage_convert import THUMBNAIL_SIDE, make_thumbnail


class _Signals(QObject):
    done = Signal(str, object)      # the film's key, QImage


class _ThumbnailTask(QRunnable):
    def __init__(self, key: str, path: str, sha256: str, signals: _Signals):
        super().__init__()
        self.key, self.path, self.sha256, self.signals = key, path, sha256, signals

    def run(self) -> None:
        from desktop.engine.imaging import load_xray
        try:
            record = load_xray(self.path, max_side=THUMBNAIL_SIDE, sha256=True)
        except Exception:  # noqa: BLE001 - no thumbnail is all that is lost; the row says the rest
            return
        if record.sha256 == self.sha256:
            self.signals.done.emit(self.key, make_thumbnail(record.image))


class ThumbnailLoader(QObject):
    loaded = Signal(str, object)    # the film's key, QImage

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setThreadPriority(QThread.Priority.LowestPriority)
        self._signals = _Signals()
        self._signals.done.connect(self.loaded)

    def request(self, films) -> None:
        for film in films:
            if film.thumbnail is None and film.sha256 and film.path.is_absolute():
                self._pool.start(_ThumbnailTask(film.key, str(film.path), film.sha256, self._signals))

    def stop(self) -> None:
        self._pool.clear()
        self._pool.waitForDone(5_000)
