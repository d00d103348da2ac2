"""Issue 20: the History tab on a large history, a long session, and the CSV export (all rows, the
count said, a full disk said in a sentence, the user's file mode).

The crash tests run the app in a subprocess: the bug they guard against aborts the interpreter
("Fatal Python error: none_dealloc", exit 134), which would take pytest down with it."""

import csv
import errno
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.engine import history as history_module
from desktop.engine.history import HistoryStore
from desktop.ui.app_settings import history_db_path

REPO = Path(__file__).resolve().parents[2]
CLASSES = ("normal", "pneumonia", "covid19")


def fill_history(db: Path, n: int) -> None:
    """``n`` distinct films read by model v1 (every 7th refused, every 11th an error), in one transaction."""
    HistoryStore(db).close()
    rows = []
    for i in range(n):
        error = f"film {i} could not be read." if i % 11 == 0 else None
        rejected = int(i % 7 == 0 and not error)
        probabilities = {} if error else {c: round((i + k) % 10 / 10, 2) for k, c in enumerate(CLASSES)}
        rows.append((f"/films/{i:05d}.png", f"{i:064x}", "v1", None if error or rejected else CLASSES[i % 3],
                     json.dumps(probabilities), None if error else 0.25, None if error else 0.5, rejected,
                     "Not a chest X-ray." if rejected else None, error, None if error else bytes(256),
                     None if error else 16, None if error else 16, f"2026-01-01T00:00:{i % 60:02d}+00:00"))
    with sqlite3.connect(db) as raw:
        raw.executemany(
            "INSERT INTO results (file_path, file_sha256, model_version, label, probabilities, severity, ood_score,"
            " rejected, reject_reason, error, heatmap, heatmap_h, heatmap_w, created)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def run_app_script(tmp_path: Path, body: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``body`` in a fresh interpreter with the app's QApplication and a private settings file and
    data folder; ``body`` sets ``report`` (a dict), printed as JSON before the interpreter exits."""
    script = textwrap.dedent("""
        import json, os, sys, time
        from PySide6.QtCore import QSettings
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
        from desktop.ui.app import create_application
        app = create_application()
        from desktop.ui.main_window import MainWindow
        report = {}
    """) + textwrap.dedent(body) + "\nprint('REPORT ' + json.dumps(report), flush=True)\n"
    (tmp_path / "settings").mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CXR_TRIAGE_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "settings")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    return done, json.loads(lines[-1][7:]) if lines else {}


def test_history_tab_on_20000_rows_survives_50_refreshes_and_keeps_none_alive(tmp_path):
    """Reproduction (issue 20, finding 1): a 20,000-row history; click History; refresh 50 times; quit.
    Before: each QTableWidget setItem/setToolTip/setTextAlignment/setRowCount call took a reference from
    None (PySide6 6.12, CPython 3.11), ~11 per row, and the first click aborted the app ("Fatal Python
    error: none_dealloc", exit 134). Now the History tab is a model/view that loads pages as it
    scrolls, and None's reference count stays put across the refreshes."""
    fill_history(tmp_path / "data" / "history.sqlite3", 20_000)
    done, report = run_app_script(tmp_path, """
        window = MainWindow(None)            # the model is not needed to show the history
        window.show()
        app.processEvents()
        panel = window.history_panel
        start = time.perf_counter()
        window.tabs.setCurrentIndex(1)         # History
        app.processEvents()
        report["open_s"] = time.perf_counter() - start
        before = sys.getrefcount(None)
        start = time.perf_counter()
        for _ in range(50):
            panel.refresh()
            app.processEvents()
        report["refresh_s"] = (time.perf_counter() - start) / 50
        report["none_fall"] = before - sys.getrefcount(None)
        model = panel.table.model()
        report["first_page"] = model.rowCount()
        report["first_file"] = model.index(0, 1).data()
        panel.table.scrollToBottom()
        app.processEvents()
        report["after_scroll"] = model.rowCount()
        report["count_text"] = panel.count_label.text()
        window.close()
        app.processEvents()
    """)
    assert done.returncode == 0, done.stderr[-3000:]
    assert report["none_fall"] < 2 * 50, report         # processEvents() per refresh, not ~11 calls per row
    assert report["first_file"] == "/films/19999.png"    # newest first
    assert 0 < report["first_page"] < report["after_scroll"] <= 20_000     # pages, loaded as it scrolls
    assert "20,000" in report["count_text"], report
    assert report["open_s"] < 5, report


def test_the_app_exits_cleanly_after_a_session_of_1500_unreadable_files(tmp_path, contract_model_path):
    """Reproduction (issue 20, finding 1): drop a folder of 1,500 unreadable (empty) files on the app,
    wait for the batch, quit. Before: every Qt call that returns None took a reference from None, the
    count reached zero during the session or at exit and the app aborted ("Fatal Python error:
    none_dealloc", exit 134) instead of exiting with 0."""
    films = tmp_path / "films"
    films.mkdir()
    for i in range(1500):
        (films / f"film-{i:04d}.png").write_bytes(b"")
    done, report = run_app_script(tmp_path, f"""
        window = MainWindow({str(contract_model_path)!r})
        window.show()
        window.load_model()
        deadline = time.monotonic() + 100
        while window.model_state == "loading" and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        window.open_paths([{str(films)!r}])
        model = window.worklist.worklist_model
        while time.monotonic() < deadline and (model.rowCount() < 1500 or window.queue.busy
                                               or model.count("queued", "running")):
            app.processEvents()
            time.sleep(0.005)
        report["errors"] = model.count("error")
        window.tabs.setCurrentIndex(1)         # History
        app.processEvents()
        report["history"] = window.history_panel.table.model().rowCount()
        window.close()
        app.quit()
    """, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert report["errors"] == 1500 and report["history"] > 0, report


# --- CSV export from the window -------------------------------------------------------------------------

@pytest.fixture
def history_window(qtbot):
    """A shown MainWindow without a model (the History tab and its export need none)."""
    from desktop.ui.main_window import MainWindow
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_csv_export_writes_every_row_and_says_how_many(history_window, tmp_path):
    """Reproduction (issue 20, finding 5): a 10,000-row history, File > Export history as CSV. Before: the
    file held the 5,000 newest rows and the status bar said "History exported". Now every row is
    written and the message gives the count; with a search, the rows it matches, and it says so."""
    fill_history(history_db_path(), 10_000)
    out = tmp_path / "all.csv"
    history_window.export_history_csv(out)
    rows = read_csv(out)
    assert len(rows) == 10_000 and rows[0]["file_path"] == "/films/09999.png"
    message = history_window.statusBar().currentMessage()
    assert "10,000 results exported to" in message and str(out) in message, message

    history_window.history_panel.search.setText("/films/00")         # 00000 .. 00999
    history_window.history_panel.refresh()
    history_window.export_history_csv(out)
    assert len(read_csv(out)) == 1_000
    message = history_window.statusBar().currentMessage()
    assert "1,000 results" in message and "search" in message, message


def test_csv_export_on_a_full_disk_keeps_the_old_file_and_says_why(history_window, tmp_path, monkeypatch):
    """Reproduction (issue 20, finding 6): export the history to a disk that fills up while it is written.
    Before: an uncaught OSError traceback. Now the previous export is left whole, no temporary file is
    left behind, and the window says in a sentence that the disk is full (status bar; a message box
    when the export came from the File menu's dialog)."""
    fill_history(history_db_path(), 50)
    out = tmp_path / "exports" / "history.csv"
    out.parent.mkdir()
    out.write_text("the previous export\n")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(history_module.os, "fsync", disk_full)
    assert not history_window.export_history_csv(out)
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in out.parent.iterdir()] == ["history.csv"]
    message = history_window.statusBar().currentMessage()
    assert "disk is full" in message and "unchanged" in message, message

    boxes = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "CSV (*.csv)")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: boxes.append(text)))
    history_window.export_csv_dialog()
    assert len(boxes) == 1 and "disk is full" in boxes[0], boxes
    assert out.read_text() == "the previous export\n"


def test_csv_export_has_the_users_file_mode(history_window, tmp_path):
    """Reproduction (issue 20, finding 6): export the history as CSV and list the file. Before: -rw-------
    (mkstemp's 0600) whatever the umask. Now the mode a program gets for a new file: 0666 & ~umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    fill_history(history_db_path(), 5)
    out = tmp_path / "history.csv"
    history_window.export_history_csv(out)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask



def test_history_damaged_while_shown_gives_a_sentence_not_an_exception(history_window, qtbot):
    """Reproduction (issue 20, finding 7): the History tab open, then `history.sqlite3` damaged (a disk
    error, another program): the panel's own refresh timer raised sqlite3.DatabaseError uncaught. Now
    the panel says the history cannot be shown, and why."""
    fill_history(history_db_path(), 20)
    panel = history_window.history_panel
    history_window.tabs.setCurrentIndex(1)
    panel.refresh()
    assert panel.model.rowCount() == 20
    panel.close_store()
    history_db_path().write_bytes(b"this is not a database" * 200)
    for suffix in ("-wal", "-shm"):
        Path(str(history_db_path()) + suffix).unlink(missing_ok=True)
    panel.refresh()                                      # raised before
    assert "cannot be shown" in panel.count_label.text(), panel.count_label.text()
