"""Issue 17, the report: optional patient ID / name (from DICOM only with "hide patient data" off, else
typed), a note, the reader's name and a signature line, local times with their zone for "Read on" and
"Printed", and a save folder that starts in the user's documents and is remembered."""

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow

from desktop.engine.history import HistoryEntry
from desktop.ui.app_settings import AppSettings
from desktop.ui.exports import ReportExporting
from desktop.ui.film import Film, ImageInfo
from desktop.ui.history_export import HistoryExporting
from desktop.ui.report import ReportPage, report_fields, write_report
from desktop.ui.report_details import ReportDetails, documents_folder, prefilled, reader_name, report_folder
from desktop.ui.report_details_dialog import ReportDetailsDialog
from desktop.ui.settings_dialog import SettingsDialog

JANE = {"name": "DOE^JANE", "id": "PID-12345", "birth_date": "1970-01-01"}


def film(patient: dict | None = None, created: str = "2026-12-05T19:14:00+00:00") -> Film:
    entry = HistoryEntry(file_path="/films/DOE_JANE.dcm", file_sha256="ab" * 32, model_version="test",
                         label="pneumonia", probabilities={"normal": 0.03, "pneumonia": 0.95, "covid19": 0.02},
                         severity=0.2, created=created)
    return Film(path=Path(entry.file_path), status="done", entry=entry,
                info=ImageInfo(format="DICOM", dicom_tags={"modality": "CR"}, patient=dict(patient or {})))


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def values(rows) -> dict:
    return dict(rows)


def test_patient_fields_come_from_dicom_only_with_privacy_off():
    assert prefilled([film(JANE)], hide_patient_data=True) == ReportDetails(reader=reader_name())
    details = prefilled([film(JANE)], hide_patient_data=False)
    assert (details.patient_name, details.patient_id) == ("DOE^JANE", "PID-12345")
    other = film({"name": "ROE^RICHARD", "id": "PID-9"})
    assert prefilled([film(JANE), other], hide_patient_data=False).patient_id == ""   # two patients: empty


def test_report_fields_with_and_without_typed_details():
    jane = film(JANE)
    hidden = values(report_fields(jane, hide_patient_data=True))
    assert hidden["Patient"] == "hidden (privacy setting)" and "DOE" not in str(hidden)
    typed = values(report_fields(jane, True, ReportDetails(patient_name="Jane Roe", patient_id="X-1")))
    assert typed["Patient name"] == "Jane Roe" and typed["Patient ID"] == "X-1"
    assert "Patient" not in typed and "Birth date" not in typed and "DOE" not in str(typed)
    shown = values(report_fields(jane, hide_patient_data=False))
    assert (shown["Patient name"], shown["Patient ID"], shown["Birth date"]) == ("DOE^JANE", "PID-12345", "1970-01-01")
    corrected = values(report_fields(jane, False, ReportDetails(patient_id="PID-99")))
    assert corrected["Patient ID"] == "PID-99" and corrected["Patient name"] == "DOE^JANE"


def test_times_are_local_with_their_zone(berlin, tmp_path, report_text):
    assert values(report_fields(film(), True))["Read on"] == "2026-12-05 20:14 CET"
    write_report(tmp_path / "r.pdf", [ReportPage(film(), None)])
    printed = "\n".join(report_text)
    assert re.search(r"^Printed \d{4}-\d\d-\d\d \d\d:\d\d CES?T$", printed, re.MULTILINE)
    assert "2026-12-05 20:14 CET" in printed and "T19:14" not in printed


def test_note_reader_and_signature_are_printed(tmp_path, report_text):
    details = ReportDetails(patient_name="Jane Roe", patient_id="X-1", note="Compare with last week's film.",
                            reader="Dr Ada Lovelace")
    write_report(tmp_path / "r.pdf", [ReportPage(film(JANE), None)], hide_patient_data=True, details=details)
    printed = "\n".join(report_text)
    for text in ("Jane Roe", "X-1", "Compare with last week's film.", "Dr Ada Lovelace", "Reader", "Signature"):
        assert text in printed
    assert "DOE" not in printed and "/ 8" not in printed
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


class ExportWindow(QMainWindow, ReportExporting):
    """The window's part the report export needs; ``export_report`` records instead of writing."""
    report_written = Signal(str)
    report_failed = Signal(str)

    def __init__(self, films, hide):
        super().__init__()
        self.settings = SimpleNamespace(hide_patient_data=hide)
        self.worklist = SimpleNamespace(selected_films=lambda: films)
        self.exported = []

    def export_report(self, path, films=None, details=None):
        self.exported.append((path, details))


def test_export_flow_asks_for_details_and_remembers_folder_and_reader(qtbot, tmp_path, monkeypatch):
    window = ExportWindow([film(JANE)], hide=False)
    qtbot.addWidget(window)
    target = tmp_path / "reports" / "jane.pdf"
    target.parent.mkdir()
    defaults = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, caption, default, *a: (defaults.append(default), (str(target), ""))[1]))

    def fill(dialog):
        assert dialog.patient_id.text() == "PID-12345"        # privacy off: from DICOM
        dialog.note.setPlainText("Urgent")
        dialog.reader.setText("Dr Ada")
        dialog.accept()
        return 1
    monkeypatch.setattr(ReportDetailsDialog, "exec", fill)

    assert report_folder() == documents_folder()
    window.export_report_dialog()
    assert Path(defaults[0]).parent == documents_folder()      # not the films' folder
    path, details = window.exported[0]
    assert path == str(target) and details == ReportDetails("DOE^JANE", "PID-12345", "Urgent", "Dr Ada")
    window.export_report_dialog()
    assert Path(defaults[1]).parent == target.parent and reader_name() == "Dr Ada"

    monkeypatch.setattr(ReportDetailsDialog, "exec", lambda dialog: 0)      # cancelled: nothing written
    window.export_report_dialog()
    assert len(window.exported) == 2



class CsvWindow(QMainWindow, HistoryExporting):
    """The window's part the History CSV export needs; the panel records the paths it writes to."""

    def __init__(self):
        super().__init__()
        self.written = []
        self.history_panel = SimpleNamespace(export_csv=lambda path: self.written.append(path) or 3,
                                             is_filtered=lambda: False, write_error_reason=str)


def test_history_csv_export_starts_in_the_report_folder_and_remembers_it(qtbot, tmp_path, monkeypatch):
    window = CsvWindow()
    qtbot.addWidget(window)
    target = tmp_path / "exports" / "history.csv"
    target.parent.mkdir()
    defaults = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, caption, default, *a: (defaults.append(default), (str(target), ""))[1]))
    window.export_csv_dialog()
    assert Path(defaults[0]) == documents_folder() / "cxr-triage-history.csv"     # like the PDF report
    assert window.written == [str(target)] and report_folder() == target.parent
    window.export_csv_dialog()
    assert Path(defaults[1]).parent == target.parent                            # remembered

def test_with_privacy_on_the_dialog_starts_without_patient_data(qtbot):
    dialog = ReportDetailsDialog(prefilled([film(JANE)], hide_patient_data=True), hide_patient_data=True)
    qtbot.addWidget(dialog)
    assert dialog.patient_name.text() == dialog.patient_id.text() == ""
    dialog.patient_name.setText("  Jane Roe ")
    assert dialog.details().patient_name == "Jane Roe"


def test_reader_name_in_settings(qtbot):
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.reader.setText("Dr Grace Hopper")
    dialog.accept()
    assert reader_name() == "Dr Grace Hopper"
    assert prefilled([film()], hide_patient_data=True).reader == "Dr Grace Hopper"


def test_a_null_image_is_reported_as_unreadable_not_a_crash(tmp_path, report_text):
    from PySide6.QtGui import QImage

    write_report(tmp_path / "r.pdf", [ReportPage(film(), QImage())])       # before: ZeroDivisionError
    assert "The image could not be read." in "\n".join(report_text)
    assert (tmp_path / "r.pdf").stat().st_size > 0
