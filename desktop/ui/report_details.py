"""What a reader adds to a PDF report (patient ID and name, a note, their name), and what is remembered.

Privacy: the patient fields are filled from DICOM only when "hide patient data" is off; with it on
they start empty and print only what the reader types. Nothing here goes into the history.
Remembered between runs (QSettings, beside the app's settings): the reader's name and the folder
reports (PDF, and the History tab's CSV) were last saved to, which starts as the user's documents
folder, never the films' folder (films often sit on a USB stick or a PACS export share).
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from desktop.ui.app_settings import APPLICATION, ORGANIZATION
from desktop.ui.film import Film

READER_KEY = "report/reader_name"
FOLDER_KEY = "report/save_folder"


@dataclass
class ReportDetails:
    patient_name: str = ""
    patient_id: str = ""
    note: str = ""
    reader: str = ""

    def cleaned(self) -> "ReportDetails":
        return ReportDetails(*(value.strip() for value in (self.patient_name, self.patient_id, self.note,
                                                            self.reader)))


def prefilled(films: list[Film], hide_patient_data: bool) -> ReportDetails:
    """Patient name and ID from the films' DICOM tags when privacy allows and every film that has them
    agrees (a report of two patients' films starts empty); the remembered reader name."""
    details = ReportDetails(reader=reader_name())
    if hide_patient_data:
        return details
    patients = {(f.info.patient.get("name", ""), f.info.patient.get("id", "")) for f in films if f.info.patient}
    if len(patients) == 1:
        details.patient_name, details.patient_id = patients.pop()
    return details


def _settings() -> QSettings:
    # The same store as AppSettings (desktop/ui/app_settings.py), under keys of its own.
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def reader_name() -> str:
    return str(_settings().value(READER_KEY, "") or "")


def remember_reader_name(name: str) -> None:
    _settings().setValue(READER_KEY, name.strip())


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def report_folder() -> Path:
    """Where the save dialog opens: the folder of the last saved report if it still exists, else the
    user's documents folder."""
    remembered = str(_settings().value(FOLDER_KEY, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_report_folder(path) -> None:
    _settings().setValue(FOLDER_KEY, str(Path(path).parent))
