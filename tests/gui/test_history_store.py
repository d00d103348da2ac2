"""The Qt-free history store: schema, one transaction per result, reruns, search, CSV, privacy."""

import csv
import sqlite3
import threading

import numpy as np

from desktop.engine.history import SCHEMA_VERSION, HistoryEntry, HistoryStore, file_sha256


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
    with HistoryStore(db) as reader:
        thread.start()
        seen = []
        while thread.is_alive():
            seen.append(len(reader.search()))                # reads while the other thread writes
        thread.join()
        assert reader.count() == 50
    assert seen and seen == sorted(seen) and seen[0] < 50    # reads did overlap the writes


def test_file_sha256(tmp_path):
    f = tmp_path / "x.bin"
    f.write_bytes(b"abc")
    assert file_sha256(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# --- one row per film and model (issue 20, finding 8) -----------------------------------------------

def test_two_writers_store_one_row_per_film_and_model(tmp_path):
    """Reproduction (issue 20, finding 8): two app instances read the same folder of 120 films with the
    same model, each storing what it read. Before: 212 rows for 120 films (a row per reading). Now a
    UNIQUE index on (file_sha256, model_version) over successful results makes it 120, whoever writes
    first; ``add`` returns the stored row's id to the one that came second."""
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    films = [entry(f"{i}.png", f"{i:064x}", rejected=i % 10 == 0) for i in range(120)]
    ids = {}

    def instance(name):
        with HistoryStore(db) as store:
            ids[name] = [store.add(HistoryEntry(**{**e.__dict__, "id": None})) for e in films]

    threads = [threading.Thread(target=instance, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with HistoryStore(db) as store:
        assert store.count() == 120
        assert ids["first"] == ids["second"]                 # both got the one row of each film
        assert store.add(entry("copy-of-0.png", f"{0:064x}")) == ids["first"][0]
        store.add(entry("0.png", f"{0:064x}", version="v2"))            # another model: its own row
        store.add(entry("0.png", f"{0:064x}", label=None, probabilities={}, error="unreadable then"))
        store.add(entry("0.png", f"{0:064x}", label=None, probabilities={}, error="unreadable then"))
        assert store.count() == 123                          # errors are attempts: each kept
        store.add(entry("nohash.png", ""))
        store.add(entry("nohash2.png", ""))
        assert store.count() == 125                          # no hash, no identity: each kept
        assert store.latest(f"{0:064x}", "v1").file_path == "/films/0.png"


V1_SCHEMA = """
CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT, file_path TEXT NOT NULL, file_sha256 TEXT NOT NULL,
    model_version TEXT NOT NULL, label TEXT, probabilities TEXT NOT NULL DEFAULT '{}', severity REAL,
    ood_score REAL, rejected INTEGER NOT NULL DEFAULT 0, reject_reason TEXT, error TEXT, heatmap BLOB,
    heatmap_h INTEGER, heatmap_w INTEGER, created TEXT NOT NULL);
CREATE INDEX results_by_film ON results (file_sha256, model_version);
CREATE INDEX results_by_time ON results (created);
PRAGMA user_version=1;
"""


def test_a_version_1_history_is_deduplicated_keeping_the_newest(tmp_path):
    """Reproduction (issue 20, finding 8): a history written by the previous version, where two instances
    stored film A three times. Before: opening it kept every duplicate. Now it is migrated once
    (user_version 2): one row per film and model, the newest (its path is where the film was last
    read), refusals too; errors, other models and other films untouched."""
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.executescript(V1_SCHEMA)
        rows = [("/a/1.png", "a", "v1", "normal", None), ("/b.png", "b", "v1", "normal", None),
                ("/a/2.png", "a", "v1", "normal", None), ("/a/bad.png", "a", "v1", None, "truncated"),
                ("/a/3.png", "a", "v1", "normal", None), ("/a/3.png", "a", "v2", "pneumonia", None),
                ("/a/bad.png", "a", "v1", None, "truncated"), ("/b.png", "b", "v1", "normal", None)]
        raw.executemany("INSERT INTO results (file_path, file_sha256, model_version, label, error, created)"
                        " VALUES (?,?,?,?,?,'2026-01-01T00:00:00+00:00')", rows)
    with HistoryStore(db) as store:
        assert store.count() == 5                            # a/v1, a/v2, b/v1 and the two errors
        assert store.latest("a", "v1").file_path == "/a/3.png" and store.latest("a", "v1").id == 5
        assert store.latest("b", "v1").id == 8
        assert len(store.search(status="error")) == 2
        store.add(entry("again.png", "a", label="normal"))
        assert store.count() == 5
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with HistoryStore(db) as store:                           # a second open changes nothing
        assert store.count() == 5


def test_history_is_synchronous_full(tmp_path):
    """Issue 17: a commit must survive a power cut, not only a killed process (WAL + NORMAL syncs at
    checkpoints only). Before: PRAGMA synchronous was 1 (NORMAL). Now 2 (FULL)."""
    with HistoryStore(tmp_path / "h.db") as store:
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_search_and_export_are_not_capped(tmp_path):
    """Reproduction (issue 20, finding 5): 6,000 results. Before: search() returned 5,000 by default (what
    the History tab and its CSV export used). Now search() returns every match unless asked for fewer,
    and export_csv says how many rows it wrote."""
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    with sqlite3.connect(db) as raw:
        raw.executemany("INSERT INTO results (file_path, file_sha256, model_version, created) VALUES (?,?,?,?)",
                        [(f"/f/{i}.png", f"{i:064x}", "v1", "2026-01-01T00:00:00+00:00") for i in range(6000)])
    with HistoryStore(db) as store:
        assert len(store.search()) == 6000
        assert store.export_csv(tmp_path / "out.csv") == 6000
        assert store.export_csv(tmp_path / "some.csv", text="/f/59") == 111        # 59, 590-599, 5900-5999
    with open(tmp_path / "some.csv", newline="", encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 111
