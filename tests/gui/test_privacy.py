"""A DICOM whose patient is DOE^JANE: hidden by default in the window, the history and the PDF."""

import re
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.report import report_fields
from gui_helpers import RESULT_TIMEOUT_MS, drop_urls, wait_until_idle

NAME = "DOE^JANE"


@pytest.fixture
def jane_dicom(tmp_path, cxr_sample_paths):
    """A real chest X-ray wrapped in a DICOM file with a patient name, ID and birth date."""
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

    pixels = np.asarray(Image.open(cxr_sample_paths[0]).convert("L").resize((256, 256)), dtype=np.uint8)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    path = tmp_path / "jane.dcm"
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = NAME, "PID-12345", "19700101"
    ds.Modality, ds.BodyPartExamined, ds.ViewPosition, ds.StudyDate = "CR", "CHEST", "PA", "20240102"
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = pixels.tobytes()
    ds.save_as(str(path), enforce_file_format=True)
    return path


def pdf_text_bytes(data: bytes) -> bytes:
    """The PDF with its Flate streams inflated, so a name in any stream would be found."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(out)


def read_jane(qtbot, make_window, model, jane_dicom):
    window = make_window(model)
    drop_urls(window.drop_zone, [jane_dicom])
    wait_until_idle(qtbot, window)
    window.worklist.select_row(0)
    film = window.worklist.current_film()
    assert film.info.patient.get("name") == NAME                     # the engine did read it
    return window, film


def test_patient_name_stays_out_of_window_database_and_pdf(qtbot, make_window, contract_model_path,
                                                          jane_dicom, tmp_path):
    assert AppSettings().hide_patient_data is True                   # on by default
    window, film = read_jane(qtbot, make_window, contract_model_path, jane_dicom)
    assert film.status in ("done", "rejected")
    text = window.findings.visible_text()
    assert "CR" in text and "CHEST" in text and "PA" in text         # the main tags are shown
    assert NAME not in text and "PID-12345" not in text and "DOE" not in text

    pdf = tmp_path / "jane.pdf"
    with qtbot.waitSignal(window.report_written, timeout=RESULT_TIMEOUT_MS):
        window.export_report(pdf, [film])
    assert b"DOE" not in pdf_text_bytes(pdf.read_bytes())
    assert not any("DOE" in value for _, value in report_fields(film, hide_patient_data=True))
    window.close()

    for path in history_db_path().parent.iterdir():                  # db, -wal, -shm
        assert b"DOE" not in path.read_bytes() and b"PID-12345" not in path.read_bytes()


def test_with_privacy_off_the_name_is_shown(qtbot, make_window, contract_model_path, jane_dicom):
    AppSettings().hide_patient_data = False
    window, film = read_jane(qtbot, make_window, contract_model_path, jane_dicom)
    assert NAME in window.findings.visible_text()
    assert "PID-12345" in window.findings.visible_text()
    assert any(NAME in value for _, value in report_fields(film, hide_patient_data=False))


# --- issue 20, 9: a patient's name in the file name -------------------------------------------------

SECRETS = (b"DOE", b"JANE", b"1970")


@pytest.fixture
def films_named_after_jane(tmp_path, jane_dicom, cxr_sample_paths):
    """``DOE_JANE.dcm`` (her DICOM), ``DOE_JANE chest 1970-01-01.jpg`` (a real film), and
    ``DOE_JANE broken.png`` (damaged: its error sentence names the file)."""
    folder = tmp_path / "films"
    folder.mkdir()
    (folder / "DOE_JANE.dcm").write_bytes(jane_dicom.read_bytes())
    Image.open(cxr_sample_paths[1]).convert("L").resize((256, 256)).save(folder / "DOE_JANE chest 1970-01-01.jpg")
    (folder / "DOE_JANE broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return folder


def test_with_privacy_on_a_name_in_the_file_name_stays_out_of_history_pdf_and_file_names(
        qtbot, make_window, contract_model_path, films_named_after_jane, tmp_path, report_text, monkeypatch):
    """Red team (issue 20, 9): with "hide patient data" on, a patient's name that is part of a file
    name (``DOE_JANE.dcm``, ``DOE_JANE chest 1970-01-01.jpg``) reached the history database (the
    path column, and the error column: error sentences name the file), the PDF's File row and the
    default PDF name ``DOE_JANE-triage.pdf``. Reproduce: read such files with privacy on (the
    default), export a PDF of them, open the export dialog for each, grep everything written."""
    from PySide6.QtWidgets import QFileDialog
    assert AppSettings().hide_patient_data is True
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [films_named_after_jane])
    wait_until_idle(qtbot, window)
    films = window.worklist.worklist_model.films()
    assert sorted(f.status == "error" for f in films) == [False, False, True]
    assert any(f.status == "error" and "DOE_JANE broken.png" in f.error for f in films)   # on screen: the name

    defaults = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, default, *a: (defaults.append(default), ("", ""))[1]))
    for row, film in enumerate(films):
        window.worklist.select_row(row)
        window.export_report_dialog()
        if film.status != "error":
            assert Path(defaults[-1]).name == f"{film.entry.file_sha256[:12]}-triage.pdf"
    pdf = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.report_written, timeout=RESULT_TIMEOUT_MS):
        window.export_report(pdf, films)
    window.close()

    printed = "\n".join(report_text)
    assert "sha256:" in printed                                      # the File row: the hash prefix
    for secret in SECRETS:
        assert secret.decode() not in printed, secret
        assert not any(secret.decode() in Path(d).name for d in defaults), defaults
        for path in history_db_path().parent.iterdir():              # db, -wal, -shm, log
            assert secret not in path.read_bytes(), (secret, path.name)
    with sqlite3.connect(history_db_path()) as db:
        rows = db.execute("SELECT file_path, file_sha256, error FROM results").fetchall()
    assert len(rows) == 3
    for file_path, digest, error in rows:
        assert file_path == (f"sha256:{digest[:12]}" if digest else "file name hidden")
        assert error is None or error.startswith("<file> ")


def test_with_privacy_off_the_path_is_stored(qtbot, make_window, contract_model_path, films_named_after_jane):
    """The other side of the switch: turned off on purpose, the history keeps where each film was."""
    AppSettings().hide_patient_data = False
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [films_named_after_jane])
    wait_until_idle(qtbot, window)
    window.close()
    with sqlite3.connect(history_db_path()) as db:
        stored = {row[0] for row in db.execute("SELECT file_path FROM results")}
    assert stored == {str(p) for p in films_named_after_jane.iterdir()}
