"""History across restarts, reruns that skip done films, CSV and PDF exports."""

import csv

from gui_helpers import RESULT_TIMEOUT_MS, drop_urls, wait_until_idle

from desktop.engine.history import HistoryStore, file_sha256
from desktop.ui.app_settings import history_db_path


def test_history_survives_a_restart_and_reruns_are_skipped(qtbot, make_window, contract_model_path, xray_dir):
    first = make_window(contract_model_path)
    drop_urls(first.drop_zone, [xray_dir])
    wait_until_idle(qtbot, first)
    n = first.worklist.worklist_model.rowCount()
    first.close()

    second = make_window(contract_model_path)                       # same database, new window
    second.tabs.setCurrentIndex(1)                                   # History (the panel, or the page holding it)
    table = second.history_panel.table.model()
    qtbot.waitUntil(lambda: table.rowCount() == n, timeout=5000)
    # By hash: what the File column shows (the path, or a hash while patient data is hidden) is the
    # privacy tests' business.
    films = {file_sha256(p) for p in xray_dir.iterdir()}
    assert {table.entry(r).file_sha256 for r in range(n)} == films

    second.history_panel.search.setText(min(films)[:16])            # the search matches hashes too
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)

    second.tabs.setCurrentIndex(0)
    drop_urls(second.drop_zone, [xray_dir])                          # the same films again
    wait_until_idle(qtbot, second)
    films = second.worklist.worklist_model.films()
    assert all(f.from_history for f in films if f.status in ("done", "rejected"))
    with HistoryStore(history_db_path()) as store:
        assert store.count() == n                                    # nothing stored twice


def test_csv_and_pdf_exports_are_valid_files(qtbot, make_window, contract_model_path, xray_dir, tmp_path):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    n = window.worklist.worklist_model.rowCount()

    csv_path = tmp_path / "history.csv"
    assert window.export_history_csv(csv_path) == n
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n
    assert {"file_path", "file_sha256", "model_version", "label", "severity", "ood_score"} <= set(rows[0])
    assert all(r["model_version"] == "test-tiny-64" for r in rows)

    films = window.worklist.worklist_model.films()
    done = next(f for f in films if f.status == "done")
    window.worklist.select_row(films.index(done))
    pdf_path = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.report_written, timeout=RESULT_TIMEOUT_MS):
        window.export_report(pdf_path, films[:3])
    data = pdf_path.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    assert b"/Image" in data
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]     # atomic: no leftovers
