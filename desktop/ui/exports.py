"""The window's report export (PDF): the file dialog, its default name, and the job that writes it.

A mix-in of ``MainWindow`` (which owns ``report_written`` / ``report_failed``, the settings, the
worklist and the image loader). The PDF is written through a temporary file that is checked before
it replaces anything (desktop/ui/report.py): "Report saved" is said only for a whole file.

Privacy: with "hide patient data" on, the default file name is the film's hash prefix
(``1a2b3c4d5e6f-triage.pdf``), never the file's own name, which is often the patient's.
The save dialog opens in the folder of the last saved report, at first the user's documents folder
(desktop/ui/report_details.py); after the file name, the reader may add patient fields, a note and
their name (ReportDetailsDialog).
"""

from PySide6.QtWidgets import QFileDialog

from desktop.ui.film import Film
from desktop.ui.report_details import ReportDetails, prefilled, remember_report_folder, report_folder
from desktop.ui.report_details_dialog import ReportDetailsDialog
from desktop.ui.report_job import ReportJob


def default_report_name(films: list[Film], hide_patient_data: bool) -> str:
    return f"{films[0].file_stem(hide_patient_data)}-triage.pdf"


class ReportExporting:
    """Methods of MainWindow; ``self`` is the window."""

    def export_report_dialog(self) -> None:
        films = [f for f in self.worklist.selected_films() if f.entry is not None]
        if not films:
            self.statusBar().showMessage(self.tr("Select a film that has been read to export its report."), 6000)
            return
        hide = self.settings.hide_patient_data
        default = str(report_folder() / default_report_name(films, hide))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), default, self.tr("PDF (*.pdf)"))
        if not path:
            return
        dialog = ReportDetailsDialog(prefilled(films, hide), hide, self)
        if dialog.exec():
            remember_report_folder(path)
            self.export_report(path, films, dialog.details())

    def export_report(self, path, films: list[Film] | None = None, details: ReportDetails | None = None) -> None:
        """Write the PDF once every film's image is decoded (off the GUI thread); emits report_written.
        ``details``: what the reader added (none: no patient fields beyond what privacy allows)."""
        films = [f for f in (films or self.worklist.selected_films()) if f.entry is not None]
        if not films:
            self.report_failed.emit(self.tr("No film that has been read is selected."))
            return
        job = ReportJob(path, films, self.images, self.settings.hide_patient_data, self, details)
        job.written.connect(self._on_report_written)
        job.failed.connect(self._on_report_failed)
        job.start()

    def _on_report_written(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Report saved: {path}").format(path=path), 8000)
        self.report_written.emit(path)

    def _on_report_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.report_failed.emit(message)
