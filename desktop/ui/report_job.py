"""ReportJob: gather the films' images (decoded off the GUI thread), then write the PDF.

Why a job: a film's pixels may have left the viewer's cache; waiting for them must not
block the window, so the PDF is written when the last image arrives.
"""

from PySide6.QtCore import QObject, Signal

from desktop.ui.film import Film
from desktop.ui.image_loader import DisplayImageLoader
from desktop.ui.report import ReportPage, write_report


class ReportJob(QObject):
    written = Signal(str)        # the PDF's path
    failed = Signal(str)         # a sentence

    def __init__(self, path, films: list[Film], images: DisplayImageLoader, hide_patient_data: bool,
                 parent=None):
        super().__init__(parent)
        self.path = str(path)
        self.films = films
        self.images = images
        self.hide_patient_data = hide_patient_data
        self._finished = False

    def start(self) -> None:
        self.images.loaded.connect(self._on_loaded)
        for film in self._needs_image():
            self.images.request(film.path)
        self._on_loaded()

    def _needs_image(self) -> list[Film]:
        return [f for f in self.films if f.status != "error" and self.images.get(f.path) is None]

    def _on_loaded(self, *_) -> None:
        if self._finished or any(self.images.is_loading(f.path) for f in self._needs_image()):
            return
        self._finished = True
        self.images.loaded.disconnect(self._on_loaded)
        pages = [ReportPage(f, self.images.get(f.path)) for f in self.films]
        try:
            write_report(self.path, pages, self.hide_patient_data)
        except OSError as exc:
            self.failed.emit(self.tr("The report could not be saved: {error}").format(error=exc))
        else:
            self.written.emit(self.path)
        self.deleteLater()
