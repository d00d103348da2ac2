"""Nothing lost, nothing leaked on disk: atomic CSV export, the rotating log (size, privacy, a
folder it cannot write), and the history's file hash on files that are not files.

(The SIGKILL test of the history is in test_robustness_cli.py; PDF and settings writes, which need
Qt, in gui/test_robustness_app.py.)"""

import csv
import logging
import os

import numpy as np
import pytest

from desktop.cli import main
from desktop.engine import history as history_module
from desktop.engine import logs
from desktop.engine.history import HistoryEntry, HistoryStore, file_sha256
from robustness_helpers import PATIENT_STRINGS, make_distinct_films, patient_dicom


def entry(i: int) -> HistoryEntry:
    return HistoryEntry(file_path=f"/films/{i}.png", file_sha256=f"{i:064x}", model_version="v1", label="normal",
                        probabilities={"normal": 0.9, "pneumonia": 0.05, "covid19": 0.05}, severity=0.1,
                        ood_score=0.5, heatmap=np.zeros((7, 7), np.float32))


# --- atomic CSV --------------------------------------------------------------------------------------

def test_an_interrupted_csv_export_leaves_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "export" / "history.csv"
    out.parent.mkdir()
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        for i in range(3):
            store.add(entry(i))
        store.export_csv(out)
        previous = out.read_bytes()
        store.add(entry(3))

        def disk_full(fd):                      # the new rows are written, not yet on disk
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(history_module.os, "fsync", disk_full)
        with pytest.raises(OSError, match="No space left"):
            store.export_csv(out)
        assert out.read_bytes() == previous                          # the old export, whole
        assert [p.name for p in out.parent.iterdir()] == ["history.csv"]   # no temporary file left

        monkeypatch.undo()
        store.export_csv(out)
    with open(out, newline="", encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 4



def test_csv_exports_have_the_users_file_mode_and_are_checked(tmp_path, monkeypatch):
    """Reproduction (issue 20, finding 6): export the history as CSV and list the file. Before: -rw-------
    (mkstemp's 0600) whatever the umask. Now 0666 & ~umask, as any program's new file; and a file that
    is not whole on the disk after the fsync (here cut short under the writer) is an error that leaves
    the previous export."""
    out = tmp_path / "a.csv"
    umask = os.umask(0o027)
    try:
        with HistoryStore(tmp_path / "h.sqlite3") as store:
            for i in range(3):
                store.add(entry(i))
            assert store.export_csv(out) == 3
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o640
    previous = out.read_bytes()

    real_fsync = os.fsync

    def lose_the_tail(fd):
        os.ftruncate(fd, 10)
        real_fsync(fd)
    monkeypatch.setattr(history_module.os, "fsync", lose_the_tail)
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        with pytest.raises(OSError, match="reached the disk"):
            store.export_csv(out)
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if "a.csv" in p.name) == ["a.csv"]

@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_file_hash_refuses_a_pipe_instead_of_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    with pytest.raises(OSError, match="not a regular file"):
        file_sha256(tmp_path / "pipe.png")
    (tmp_path / "x.png").mkdir()
    with pytest.raises(OSError, match="not a regular file"):
        file_sha256(tmp_path / "x.png")
    assert logs.safe_file_sha256(tmp_path / "pipe.png") is None


# --- the log -----------------------------------------------------------------------------------------

@pytest.fixture
def restore_logger():
    yield
    logs.setup_logging("cxr-triage-predict")       # back to the session's private data folder


def test_log_rotates_at_its_size_and_keeps_three_old_files(tmp_path, restore_logger):
    path = logs.setup_logging("rotating", tmp_path, max_bytes=2_000)
    assert path == tmp_path / "rotating.log" and logs.LOG_MAX_BYTES == 1_000_000 and logs.LOG_BACKUPS == 3
    for i in range(400):
        logs.log_film(f"/films/{i}.png", f"{i:04d}" + "a" * 60, "done", label="normal")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["rotating.log", "rotating.log.1", "rotating.log.2", "rotating.log.3"]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    assert path.read_text(encoding="utf-8").splitlines()[-1].endswith("film sha256:0399aaaaaaaa done label=normal")


def test_a_log_folder_that_cannot_be_written_is_silently_skipped(tmp_path, capfd, restore_logger):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    assert logs.setup_logging("cxr-triage", blocked) is None
    logs.log_film("/films/a.png", "ab" * 32, "error", error="a.png is empty (0 bytes).")
    logs.log_event("still running")
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert not logging.getLogger(logs.LOGGER_NAME).propagate       # never into the host's root logger


def test_predict_logs_each_film_by_hash_without_patient_data_or_names(capsys, contract_model_path, tmp_path,
                                                                      monkeypatch, restore_logger):
    data = tmp_path / "data"
    monkeypatch.setenv("CXR_TRIAGE_DATA_DIR", str(data))
    folder = tmp_path / "Jane Doe 1970"
    dicom = patient_dicom(folder / "DOE_JANE_PID-90210.dcm")
    film = make_distinct_films(folder, 1)[0]
    empty = folder / "JANE DOE 19700101.png"
    empty.write_bytes(b"")
    assert main(["predict", "--json", "--history", str(data / "history.sqlite3"), "--model",
                 str(contract_model_path), str(folder)]) == 1
    capsys.readouterr()

    log = (data / "cxr-triage-predict.log").read_text(encoding="utf-8")
    for path in (dicom, film, empty):
        assert f"film sha256:{file_sha256(path)[:12]} " in log
    assert "error: <file> is empty (0 bytes)." in log
    for secret in PATIENT_STRINGS + ("Jane", "Doe", "film-000"):     # tags, folder and file names
        assert secret not in log, secret
