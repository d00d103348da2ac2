"""The Qt-free history store: schema, one transaction per result, reruns, search, CSV, privacy."""

import csv
import sqlite3
import threading

import numpy as np

from desktop.engine.history import HistoryEntry, HistoryStore, file_sha256


def entry(name="a.png", digest="d" * 64, version="v1", **kw) -> HistoryEntry:
    fields = dict(label="pneumonia", probabilities={"normal": 0.1, "pneumonia": 0.8, "covid19": 0.1},
                  severity=0.4, ood_score=1.2, heatmap=np.linspace(0, 1, 49, dtype=np.float32).reshape(7, 7))
    fields.update(kw)
    path = name if name.startswith("=") else f"/films/{name}"
    return HistoryEntry(file_path=path, file_sha256=digest, model_version=version, **fields)


def test_round_trip_wal_and_rerun_check(tmp_path):
    db = tmp_path / "h" / "history.sqlite3"
    with HistoryStore(db) as store:
        store.add(entry())
        assert store.has_result("d" * 64, "v1")
        assert not store.has_result("d" * 64, "v2")                 # a new model reads it again
        got = store.latest("d" * 64, "v1")
    assert got.probabilities["pneumonia"] == 0.8 and got.label == "pneumonia" and got.status == "done"
    assert np.abs(got.heatmap - entry().heatmap).max() < 1 / 255 + 1e-6
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {row[1] for row in raw.execute("PRAGMA table_info(results)")}
    assert {"file_path", "file_sha256", "model_version", "label", "probabilities", "severity", "ood_score",
            "rejected", "error", "created"} <= columns
    assert not [c for c in columns if "patient" in c or "name" in c or "birth" in c]


def test_errors_do_not_count_as_done_and_search_filters(tmp_path):
    with HistoryStore(tmp_path / "h.db") as store:
        store.add(entry("bad.png", "e" * 64, label=None, probabilities={}, error="bad.png could not be read."))
        store.add(entry("odd.png", "f" * 64, label=None, rejected=True, reject_reason="Not a chest X-ray."))
        store.add(entry("ok.png"))
        assert not store.has_result("e" * 64, "v1")                  # an error is retried
        assert store.has_result("f" * 64, "v1")                      # a refusal is a result
        assert [e.file_path for e in store.search(status="error")] == ["/films/bad.png"]
        assert [e.file_path for e in store.search(status="rejected")] == ["/films/odd.png"]
        assert [e.file_path for e in store.search(label="pneumonia")] == ["/films/ok.png"]
        assert [e.file_path for e in store.search("odd")] == ["/films/odd.png"]
        assert len(store.search()) == 3


def test_csv_export_is_atomic_and_formula_safe(tmp_path):
    with HistoryStore(tmp_path / "h.db") as store:
        store.add(entry("=cmd().png"))
        out = tmp_path / "export.csv"
        out.write_text("old")
        store.export_csv(out)
    rows = list(csv.DictReader(open(out, newline="", encoding="utf-8-sig")))
    assert rows[0]["file_path"].startswith("'=")
    assert rows[0]["p_pneumonia"] == "0.8000" and rows[0]["status"] == "done"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_two_threads_write_and_read(tmp_path):
    db = tmp_path / "h.db"
    HistoryStore(db).close()

    def writer():
        with HistoryStore(db) as store:
            for i in range(50):
                store.add(entry(f"{i}.png", f"{i:064d}"))

    thread = threading.Thread(target=writer)
    thread.start()
    with HistoryStore(db) as reader:
        while thread.is_alive():
            reader.search()
        thread.join()
        assert reader.count() == 50


def test_file_sha256(tmp_path):
    f = tmp_path / "x.bin"
    f.write_bytes(b"abc")
    assert file_sha256(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
