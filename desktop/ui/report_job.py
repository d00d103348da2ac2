"""ReportJob: gather the films' images (decoded off the GUI thread), then write the PDF.

Why a job: a film's pixels may have left the viewer's cache; waiting for them must not
block the window, so the PDF is written when the last image arrives.
"""

import shutil
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.ui.film import Film
from desktop.ui.image_loader import DisplayImageLoader
from desktop.ui.report import ReportPage, write_report
from desktop.ui.report_details import ReportDetails
from desktop.ui.wording import translate

LOW_SPACE = 4 << 20         # below this much free space, "the disk is full" is the likely reason


def failure_sentence(path, exc: Exception) -> str:
    """Why the PDF was not saved, and that an earlier file of that name is untouched."""
    path = Path(path)
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    try:
        full = shutil.disk_usage(path.parent).free < LOW_SPACE
    except OSError:
        full = False
    if full and "space" not in reason and "disk" not in reason:
        reason = translate("ReportJob", "{reason}: the disk is full").format(reason=reason)
    return translate("ReportJob", "The report was NOT saved: {reason}. Any earlier {name} was left as it was.").format(
        reason=reason.rstrip("."), name=path.name)


class ReportJob(QObject):
    written = Signal(str)        # the PDF's path
    failed = Signal(str)         # a sentence

    def __init__(self, path, films: list[Film], images: DisplayImageLoader, hide_patient_data: bool,
                 parent=None, details: ReportDetails | None = None):
        super().__init__(parent)
        self.path = str(path)
        self.films = films
        self.images = images
        self.hide_patient_data = hide_patient_data
        self.details = details
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
            write_report(self.path, pages, self.hide_patient_data, self.details)
        except Exception as exc:  # noqa: BLE001 - any failure is said, never "Report saved"
            self.failed.emit(failure_sentence(self.path, exc))
        else:
            self.written.emit(self.path)
        self.deleteLater()
