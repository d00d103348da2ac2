"""A DICOM whose patient is DOE^JANE: hidden by default in the window, the history and the PDF."""

import zlib
import re

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
