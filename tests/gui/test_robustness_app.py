"""The app's batch path in the worst conditions: a folder of hostile files dropped at once, models
it must refuse, patient data kept out of the log and the CSV, interrupted writes of reports and
settings. (The predict command's side is tests/test_robustness_cli.py.)"""

import csv
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication

from desktop.engine import logs
from desktop.engine.files import iter_image_files
from desktop.engine.history import file_sha256
from desktop.ui.app_settings import AppSettings, data_dir, history_db_path
from gui_helpers import RESULT_TIMEOUT_MS, drop_urls, wait_until_idle
from robustness_helpers import (LOCKED, MODEL_PROBLEMS, PATIENT_STRINGS, VANISHING, check_outcome,
                                locked_open, make_distinct_films, make_hostile_folder, model_variant,
                                patch_open, patient_dicom)


def history_rows() -> int:
    if not history_db_path().exists():
        return 0
    with sqlite3.connect(history_db_path()) as conn:
        return conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]


# --- 1. a folder of hostile files --------------------------------------------------------------------

@pytest.mark.timeout(180)
def test_app_batch_survives_a_folder_of_hostile_files(qtbot, make_window, contract_model_path, tmp_path,
                                                      monkeypatch):
    folder = make_hostile_folder(tmp_path / "hostile")
    listing = iter_image_files([folder])
    patch_open(monkeypatch, locked_open(folder / LOCKED))         # as chmod 0 would for a user (tests run as root)
    window = make_window(contract_model_path)
    # Deleted once the worker has listed the folder, before it reads the film.
    window.queue.films_queued.connect(lambda paths: (folder / VANISHING).unlink(missing_ok=True))
    rows_at_finish = []
    window.queue.film_finished.connect(lambda outcome: rows_at_finish.append(history_rows()))

    # The folder, and a named pipe named explicitly (the listing skips it; reading it would block).
    drop_urls(window.drop_zone, [folder, folder / "pipe.png"])
    wait_until_idle(qtbot, window, timeout=120_000)

    model = window.worklist.worklist_model
    films = model.films_as_listed()                                 # the rows are sorted most urgent first
    assert [str(f.path) for f in films] == [str(p) for p in listing] + [str(folder / "pipe.png")]
    for film in films[:-1]:
        assert film.status in ("done", "error", "rejected")
        check_outcome(film.name, film.status, film.error)
    pipe = films[-1]
    assert pipe.status == "error" and "not a regular file" in pipe.error and pipe.error.endswith(".")
    # Each film was committed to the history before its result reached the window (the worker reads
    # ahead, so later films may be committed too by the time the window hears of one).
    assert all(rows >= i + 1 for i, rows in enumerate(rows_at_finish)) and rows_at_finish[-1] == len(films)
    assert "could not be read" in window.statusBar().currentMessage()


# --- 2. refused models -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(MODEL_PROBLEMS))
def test_app_refuses_a_bad_model_says_why_and_reads_nothing(qtbot, make_window, contract_model_path, tmp_path,
                                                            kind):
    if kind != "tampered":
        pytest.importorskip("onnx")
    model = model_variant(kind, contract_model_path, tmp_path / "models")
    films = make_distinct_films(tmp_path / "films", 2)
    window = make_window(model)

    assert window.model_state == "failed" and window.model_label.text() == "Model refused"
    message = window.drop_zone.message.text()
    assert MODEL_PROBLEMS[kind] in message and "Reinstall CXR Triage" in message
    assert not window.drop_zone.ready and not window.open_files_action.isEnabled()

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in films])
    enter = QDragEnterEvent(QPointF(window.drop_zone.rect().center()), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.drop_zone, enter)
    assert not enter.isAccepted()                                    # a drop is refused
    window.open_paths([str(tmp_path / "films")])                     # and so is any other way in
    qtbot.wait(300)
    assert window.worklist.worklist_model.rowCount() == 0 and not window.queue.busy
    assert history_rows() == 0
    assert MODEL_PROBLEMS[kind] in window.statusBar().currentMessage()


# --- 4/5. privacy: the log and the CSV ---------------------------------------------------------------

def log_text() -> str:
    folder = data_dir()
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("cxr-triage.log*")))


def test_patient_data_and_file_names_stay_out_of_the_log_and_csv(qtbot, make_window, contract_model_path,
                                                                 tmp_path):
    folder = tmp_path / "films"
    dicom = patient_dicom(folder / "scan-0001.dcm")
    named = make_distinct_films(folder, 1)[0].rename(folder / "Smith John chest.png")
    (folder / "Smith John broken.png").write_bytes(b"\x89PNG\r\n\x1a\n Smith John")
    assert AppSettings().hide_patient_data is True                   # the default

    window = make_window(contract_model_path)
    assert window.log_file == data_dir() / "cxr-triage.log"
    drop_urls(window.drop_zone, [folder])
    wait_until_idle(qtbot, window)
    film = window.worklist.worklist_model.film_for(dicom)
    assert film.info.patient["name"] == "DOE^JANE"                   # the engine did read them
    window.worklist.select_row(window.worklist.worklist_model.row_of(dicom))
    shown = window.findings.visible_text()
    csv_path = tmp_path / "history.csv"
    window.export_history_csv(csv_path)
    window.close()

    text = log_text()
    for digest in (file_sha256(dicom), file_sha256(named)):
        assert f"film sha256:{digest[:12]} " in text                  # every film is in the log, by hash
    assert "error: <file> looks like a PNG image but is damaged" in text
    exported = csv_path.read_text(encoding="utf-8-sig")
    assert len(list(csv.DictReader(exported.splitlines()))) == 3
    for secret in PATIENT_STRINGS:
        assert secret not in shown, secret
        assert secret not in text, secret
        assert secret not in exported, secret
    for name in ("scan-0001", "Smith", "John", str(folder)):          # file names may be patient names
        assert name not in text, name

    AppSettings().hide_patient_data = False                           # privacy off: names are logged
    second = make_window(contract_model_path)
    drop_urls(second.drop_zone, [folder])
    wait_until_idle(qtbot, second)
    second.close()
    text = log_text()
    assert "name='Smith John chest.png'" in text and "name='scan-0001.dcm'" in text
    assert not any(secret in text for secret in PATIENT_STRINGS)    # DICOM patient data never reaches the log


def test_log_folder_is_the_history_folder_without_qt(monkeypatch, tmp_path):
    """The data folder is found without Qt (predict has none), and it is the folder Qt's AppDataLocation
    names for the app (where a Qt app keeps its data)."""
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setenv("CXR_TRIAGE_DATA_DIR", str(tmp_path / "override"))
    assert logs.data_dir() == data_dir() == tmp_path / "override"
    monkeypatch.delenv("CXR_TRIAGE_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    qt_folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert data_dir() == qt_folder
    if sys.platform.startswith("linux"):
        assert qt_folder == tmp_path / "xdg" / "CXR Triage" / "CXR Triage"


# --- 3. interrupted writes keep the previous file ----------------------------------------------------

def test_an_interrupted_report_leaves_the_previous_pdf(qtbot, make_window, contract_model_path, tmp_path,
                                                       monkeypatch):
    from desktop.ui import report
    window = make_window(contract_model_path)
    films_dir = tmp_path / "films"
    make_distinct_films(films_dir, 2)
    drop_urls(window.drop_zone, [films_dir])
    wait_until_idle(qtbot, window)
    films = window.worklist.worklist_model.films()
    target = tmp_path / "reports" / "report.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(window.report_written, timeout=RESULT_TIMEOUT_MS):
        window.export_report(target, films)
    previous = target.read_bytes()
    assert previous.startswith(b"%PDF")

    paint = report.ReportPainter.paint
    pages = []

    def paint_then_fail(self, page):
        pages.append(page)
        if len(pages) == 2:                                             # midway: page 1 is drawn
            raise OSError(28, "No space left on device")
        return paint(self, page)
    monkeypatch.setattr(report.ReportPainter, "paint", paint_then_fail)
    with qtbot.waitSignal(window.report_failed, timeout=RESULT_TIMEOUT_MS) as failed:
        window.export_report(target, films)
    assert "No space left on device" in failed.args[0]
    assert target.read_bytes() == previous                            # the old report, whole
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]  # no temporary file left


def test_settings_are_replaced_atomically(tmp_path):
    settings = AppSettings()
    settings.last_folder = "/films/monday"
    settings.sync()
    path = settings._s.fileName()
    assert str(tmp_path) in path and settings._s.isAtomicSyncRequired()
    before = os.stat(path).st_ino
    settings.last_folder = "/films/tuesday"
    settings.sync()
    # A new inode: Qt wrote a temporary file and renamed it over the old one (QSaveFile), so a
    # crash mid-write leaves the old settings, never half a file.
    assert os.stat(path).st_ino != before
    assert AppSettings().last_folder == "/films/tuesday"
    assert not [p for p in os.listdir(os.path.dirname(path)) if p != os.path.basename(path)]
