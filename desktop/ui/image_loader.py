"""DisplayImageLoader: the viewer's images, decoded off the GUI thread and kept in a small cache.

Why a cache and not the images on each film: 500 films of 4 MB would not fit in a
clinic laptop's memory; thumbnails and results are kept, pixels only for the last few.
"""

from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from desktop.ui.qimage_convert import DISPLAY_MAX_SIDE, pil_to_gray_qimage

CACHE_SIZE = 12


class _Signals(QObject):
    done = Signal(str, object, str)     # path, QImage or None, error sentence


class _LoadTask(QRunnable):
    def __init__(self, path: str, signals: _Signals):
        super().__init__()
        self.path, self.signals = path, signals

    def run(self) -> None:
        from desktop.engine.errors import TriageError
        from desktop.engine.imaging import load_xray
        try:
            record = load_xray(self.path, max_side=DISPLAY_MAX_SIDE)
            self.signals.done.emit(self.path, pil_to_gray_qimage(record.image, DISPLAY_MAX_SIDE), "")
        except TriageError as exc:
            self.signals.done.emit(self.path, None, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never crashes the app
            self.signals.done.emit(self.path, None, str(exc))


class DisplayImageLoader(QObject):
    loaded = Signal(str, object, str)   # path, QImage or None, error sentence

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._loading: set[str] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)     # two cores shared with inference: one decode at a time
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)

    def get(self, path) -> QImage | None:
        path = str(path)
        if path in self._cache:
            self._cache.move_to_end(path)
            return self._cache[path]
        return None

    def put(self, path, image: QImage | None) -> None:
        if image is None or image.isNull():
            return
        self._cache[str(path)] = image
        self._cache.move_to_end(str(path))
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def request(self, path) -> None:
        """Emit ``loaded`` for this path, from the cache at once or after decoding."""
        path = str(path)
        cached = self.get(path)
        if cached is not None:
            self.loaded.emit(path, cached, "")
        elif path not in self._loading:
            self._loading.add(path)
            self._pool.start(_LoadTask(path, self._signals))

    def is_loading(self, path) -> bool:
        return str(path) in self._loading

    def wait(self, msecs: int = 10_000) -> None:
        self._pool.waitForDone(msecs)

    def _on_done(self, path: str, image, error: str) -> None:
        self._loading.discard(path)
        self.put(path, image)
        self.loaded.emit(path, image, error)
