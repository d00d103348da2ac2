"""The results history: one SQLite file, Qt-free, shared by the app and any tool.

Why SQLite in WAL mode: the inference worker writes while the History tab reads,
from two connections in two threads; WAL lets readers go on during a write, and
one transaction per result means a crash loses at most the film being written.

Privacy: the schema has no column for patient name, ID or birth date, so they
can never be stored, whatever the "hide patient data" setting says. A film is
found again by the SHA-256 of its bytes, not by who it belongs to.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    file_path      TEXT    NOT NULL,
    file_sha256    TEXT    NOT NULL,
    model_version  TEXT    NOT NULL,
    label          TEXT,
    probabilities  TEXT    NOT NULL DEFAULT '{}',   -- JSON object, class -> probability
    severity       REAL,
    ood_score      REAL,
    rejected       INTEGER NOT NULL DEFAULT 0,
    reject_reason  TEXT,
    error          TEXT,
    heatmap        BLOB,                            -- uint8 [h, w], 0..255 = 0..1 attention
    heatmap_h      INTEGER,
    heatmap_w      INTEGER,
    created        TEXT    NOT NULL                 -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS results_by_film ON results (file_sha256, model_version);
CREATE INDEX IF NOT EXISTS results_by_time ON results (created);
"""


def file_sha256(path, chunk_size: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes: the film's identity in the history.

    OSError for anything but a regular file: opening a named pipe blocks until someone writes to
    it, and a device such as /dev/zero never ends (a film dropped by name is not listed first)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file: a folder, device or pipe", str(path))
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class HistoryEntry:
    """One stored result. Built from a predictor result with ``from_result``."""

    file_path: str
    file_sha256: str
    model_version: str
    label: str | None = None
    probabilities: dict = field(default_factory=dict)
    severity: float | None = None
    ood_score: float | None = None
    rejected: bool = False
    reject_reason: str | None = None
    error: str | None = None
    heatmap: np.ndarray | None = None      # float32 [h, w] in 0..1
    created: str = field(default_factory=_now_iso)
    id: int | None = None

    @property
    def status(self) -> str:
        """The worklist's words: done, rejected or error."""
        if self.error:
            return "error"
        return "rejected" if self.rejected else "done"

    @classmethod
    def from_result(cls, result, file_hash: str) -> "HistoryEntry":
        """A predictor ``TriageResult`` (duck-typed) -> an entry. Patient data is not copied."""
        heatmap = getattr(result, "heatmap", None)
        return cls(
            file_path=str(result.path),
            file_sha256=file_hash,
            model_version=str(getattr(result, "model_version", "") or ""),
            label=getattr(result, "label", None),
            probabilities={str(k): float(v) for k, v in (getattr(result, "probabilities", None) or {}).items()},
            severity=_opt_float(getattr(result, "severity", None)),
            ood_score=_opt_float(getattr(result, "ood_score", None)),
            rejected=bool(getattr(result, "rejected", False)),
            reject_reason=getattr(result, "reject_reason", None),
            error=getattr(result, "error", None),
            heatmap=None if heatmap is None else np.asarray(heatmap, dtype=np.float32),
        )


def _opt_float(value):
    return None if value is None else float(value)


class HistoryStore:
    """The history database. One instance per thread (sqlite3 connections are thread-bound)."""

    def __init__(self, db_path):
        self.path = Path(db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open each transaction ourselves, one per result.
        self._db = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")   # durable at checkpoints; safe with WAL
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing -------------------------------------------------------------------------

    def add(self, entry: HistoryEntry) -> int:
        """Store one result in its own transaction; returns its row id."""
        hm, h, w = None, None, None
        if entry.heatmap is not None and entry.heatmap.ndim == 2:
            h, w = entry.heatmap.shape
            hm = (np.clip(entry.heatmap, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8).tobytes()
        with self._db:  # BEGIN ... COMMIT, or ROLLBACK on error
            self._db.execute("BEGIN")
            cur = self._db.execute(
                "INSERT INTO results (file_path, file_sha256, model_version, label, probabilities,"
                " severity, ood_score, rejected, reject_reason, error, heatmap, heatmap_h, heatmap_w, created)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (entry.file_path, entry.file_sha256, entry.model_version, entry.label,
                 json.dumps(entry.probabilities), entry.severity, entry.ood_score, int(entry.rejected),
                 entry.reject_reason, entry.error, hm, h, w, entry.created),
            )
        entry.id = cur.lastrowid
        return entry.id

    # -- reading -------------------------------------------------------------------------

    def has_result(self, file_hash: str, model_version: str) -> bool:
        """True when this film was already read by this model (errors do not count: retry those)."""
        row = self._db.execute(
            "SELECT 1 FROM results WHERE file_sha256=? AND model_version=? AND error IS NULL LIMIT 1",
            (file_hash, model_version)).fetchone()
        return row is not None

    def latest(self, file_hash: str, model_version: str) -> HistoryEntry | None:
        """The newest successful result for this film and model, or None."""
        row = self._db.execute(
            "SELECT * FROM results WHERE file_sha256=? AND model_version=? AND error IS NULL"
            " ORDER BY id DESC LIMIT 1", (file_hash, model_version)).fetchone()
        return None if row is None else _entry_from_row(row)

    def search(self, text: str = "", status: str | None = None, label: str | None = None,
               limit: int = 5000) -> list[HistoryEntry]:
        """Newest first. ``text`` matches file path, label or model version; ``status`` is
        done / rejected / error; ``label`` a class name."""
        where, args = [], []
        if text:
            like = f"%{text}%"
            where.append("(file_path LIKE ? OR label LIKE ? OR model_version LIKE ? OR file_sha256 LIKE ?)")
            args += [like, like, like, like]
        if status == "error":
            where.append("error IS NOT NULL")
        elif status == "rejected":
            where.append("error IS NULL AND rejected=1")
        elif status == "done":
            where.append("error IS NULL AND rejected=0")
        if label:
            where.append("label=? AND error IS NULL AND rejected=0")
            args.append(label)
        sql = "SELECT * FROM results"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(int(limit))
        return [_entry_from_row(r) for r in self._db.execute(sql, args)]

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    # -- export --------------------------------------------------------------------------

    def export_csv(self, path, entries: list[HistoryEntry] | None = None) -> Path:
        """Write entries (default: all) as CSV, atomically: a reader never sees half a file."""
        if entries is None:
            entries = self.search(limit=1_000_000)
        return write_csv_atomic(path, entries)


def _entry_from_row(row: sqlite3.Row) -> HistoryEntry:
    heatmap = None
    if row["heatmap"] is not None and row["heatmap_h"] and row["heatmap_w"]:
        heatmap = (np.frombuffer(row["heatmap"], dtype=np.uint8)
                   .reshape(row["heatmap_h"], row["heatmap_w"]).astype(np.float32) / 255.0)
    return HistoryEntry(
        id=row["id"], file_path=row["file_path"], file_sha256=row["file_sha256"],
        model_version=row["model_version"], label=row["label"],
        probabilities=json.loads(row["probabilities"] or "{}"), severity=row["severity"],
        ood_score=row["ood_score"], rejected=bool(row["rejected"]), reject_reason=row["reject_reason"],
        error=row["error"], heatmap=heatmap, created=row["created"])


def _csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a file name must not."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_csv_atomic(path, entries: list[HistoryEntry]) -> Path:
    path = Path(path)
    classes: list[str] = []
    for e in entries:
        classes += [c for c in e.probabilities if c not in classes]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["created", "file_path", "file_sha256", "model_version", "status", "label",
                     *[f"p_{c}" for c in classes], "severity", "ood_score", "rejected", "error"])
    for e in entries:
        writer.writerow([
            e.created, _csv_safe(e.file_path), e.file_sha256, _csv_safe(e.model_version), e.status,
            _csv_safe(e.label),
            *["" if c not in e.probabilities else f"{e.probabilities[c]:.4f}" for c in classes],
            "" if e.severity is None else f"{e.severity:.4f}",
            "" if e.ood_score is None else f"{e.ood_score:.4f}",
            int(e.rejected), _csv_safe(e.error)])
    write_bytes_atomic(path, buf.getvalue().encode("utf-8-sig"))   # BOM: Excel reads UTF-8 right
    return path


def write_bytes_atomic(path, data: bytes) -> None:
    """Temp file in the same folder, fsync, os.replace: the old file or the new, never half."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
