"""The results history: one SQLite file, Qt-free, shared by the app and any tool.

Why SQLite in WAL mode: the inference worker writes while the History tab reads,
from two connections in two threads; WAL lets readers go on during a write, and
one transaction per result means a crash loses at most the film being written.
synchronous=FULL: a commit is on disk when add() returns, so it survives a power cut too.

One row per film, model and site profile: a UNIQUE index on (file_sha256, model_version, site_id)
over the successful results (done or refused), so two app instances reading the same folder store
each film once, whoever writes first (the same bytes, model and profile give the same result). A
result made with a site profile (../shared/docs/architecture.md, "Site profile") records the site's
name, films and date, the profile's identity (``site_id``, its checksum: a profile fitted again under
the same name is another profile) and the model's own probabilities beside the adapted ones; a film
read with another profile, or none, is read again rather than shown with numbers it did not get.
Errors are not in it: each failed attempt keeps its own row, because an error is not a
result (it is retried, never reused), many have no film identity (the file could not be
opened, so no SHA-256), and its reason may differ from one attempt to the next.

Privacy: the schema has no column for patient name, ID or birth date, so they
can never be stored, whatever the "hide patient data" setting says. A film is
found again by the SHA-256 of its bytes, not by who it belongs to.

Over 300 lines because the schema, its migrations and every query on it belong together: a
query in another module would spread the schema across files.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from desktop.engine.history_csv import write_csv_atomic
from desktop.engine import logs
from desktop.engine.integrity import sha256_of_stream

SCHEMA_VERSION = 3      # 2: one successful row per (file_sha256, model_version); 3: ... and site profile
PAGE_ROWS = 500

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

# Version 1 -> 2: keep the newest successful row of each film and model (its path is where the film
# was last read; older copies are the same result), then make it unique. Errors are all kept, and so
# is a result stored without a hash (no identity to compare).
_ONE_PER_FILM = "error IS NULL AND file_sha256 != ''"
_MIGRATE_TO_2 = f"""
DELETE FROM results WHERE {_ONE_PER_FILM} AND id NOT IN
    (SELECT MAX(id) FROM results WHERE {_ONE_PER_FILM} GROUP BY file_sha256, model_version);
CREATE UNIQUE INDEX IF NOT EXISTS results_one_per_film ON results (file_sha256, model_version)
    WHERE {_ONE_PER_FILM};
"""

# Version 2 -> 3: the site profile a result was made with (all NULL without one: every older row), and the
# model's own probabilities (JSON) beside the adapted ones. A film may now have one row per profile.
_ONE_PER_SITE = "(file_sha256, model_version, IFNULL(site_id, ''))"
_MIGRATE_TO_3 = f"""
ALTER TABLE results ADD COLUMN site TEXT;
ALTER TABLE results ADD COLUMN site_id TEXT;
ALTER TABLE results ADD COLUMN site_film_count INTEGER;
ALTER TABLE results ADD COLUMN site_created TEXT;
ALTER TABLE results ADD COLUMN model_probabilities TEXT;
DROP INDEX IF EXISTS results_one_per_film;
CREATE UNIQUE INDEX IF NOT EXISTS results_one_per_film_and_site ON results {_ONE_PER_SITE} WHERE {_ONE_PER_FILM};
"""
_MIGRATIONS = {2: _MIGRATE_TO_2, 3: _MIGRATE_TO_3}

_LIGHT_COLUMNS = ("id, file_path, file_sha256, model_version, label, probabilities, severity, ood_score,"
                  " rejected, reject_reason, error, created, site, site_id, site_film_count, site_created,"
                  " model_probabilities")      # all but the heatmap: for lists


def file_sha256(path) -> str:
    """Hex SHA-256 of a file's bytes: the film's identity in the history.

    OSError for anything but a regular file: opening a named pipe blocks until someone writes to
    it, and a device such as /dev/zero never ends (a film dropped by name is not listed first)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file: a folder, device or pipe", str(path))
    with open(path, "rb") as f:
        return sha256_of_stream(f)


def hidden_file_name(file_sha256: str | None) -> str:
    """A film's name where names are hidden: ``sha256:1a2b3c4d5e6f``, as the log names it."""
    return f"sha256:{file_sha256[:logs.HASH_PREFIX]}" if file_sha256 else "file name hidden"


def site_key(profile) -> str:
    """A site profile's identity in the history: its checksum (desktop/engine/site_profile.py)."""
    return profile.checksum


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
    # With a site profile: its name, identity, films and date, and the model's own probabilities.
    site: str | None = None
    site_id: str | None = None
    site_film_count: int | None = None
    site_created: str | None = None         # ISO 8601, as the profile has it
    model_probabilities: dict | None = None

    @property
    def heatmap_probabilities(self) -> dict:
        """The probabilities the heatmap belongs to: the model's own (its Grad-CAM explains the model's
        most probable class, not the site profile's)."""
        return self.model_probabilities if self.model_probabilities else self.probabilities

    @property
    def heatmap_class(self) -> str | None:
        probabilities = self.heatmap_probabilities
        return max(probabilities, key=probabilities.get) if probabilities else None

    @property
    def heatmap_explains_other_class(self) -> bool:
        """A site profile called another class than the one the heatmap explains."""
        return bool(self.site and self.label and self.heatmap_class and self.label != self.heatmap_class)

    def without_names(self, path) -> "HistoryEntry":
        """The copy to store while patient data are hidden (app and ``predict`` alike): the path
        becomes ``hidden_file_name``, and the file's name and path become ``<file>`` in sentences."""
        return replace(self, file_path=hidden_file_name(self.file_sha256),
                       error=logs.scrub(self.error, path) if self.error else self.error,
                       reject_reason=logs.scrub(self.reject_reason, path) if self.reject_reason else self.reject_reason)

    @property
    def status(self) -> str:
        """The worklist's words: done, rejected or error."""
        if self.error:
            return "error"
        return "rejected" if self.rejected else "done"

    @classmethod
    def from_result(cls, result, file_hash: str, site_profile=None) -> "HistoryEntry":
        """A predictor ``TriageResult`` (duck-typed) -> an entry. Patient data is not copied.
        ``site_profile``: the SiteProfile the predictor applied (its identity, films and date); a result
        that names a site without it is filed under the site's name."""
        heatmap = getattr(result, "heatmap", None)
        site = getattr(result, "site", None)
        own = getattr(result, "model_probabilities", None)
        profile = site_profile if site is not None and getattr(site_profile, "name", None) == site else None
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
            site=site, site_id=None if site is None else (site_key(profile) if profile else str(site)),
            site_film_count=profile.total_films if profile else None, site_created=profile.created if profile else None,
            model_probabilities=None if own is None else {str(k): float(v) for k, v in own.items()},
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
        self._db.execute("PRAGMA synchronous=FULL")     # each commit on disk: survives a power cut
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring an older database to SCHEMA_VERSION, once, in one transaction (another instance opening
        it at the same moment waits, then finds it done)."""
        if self._db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            found = self._db.execute("PRAGMA user_version").fetchone()[0]
            for version, script in _MIGRATIONS.items():
                if found < version:
                    for statement in script.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version={max(found, SCHEMA_VERSION)}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing -------------------------------------------------------------------------

    def add(self, entry: HistoryEntry) -> int:
        """Store one result in its own transaction; returns its row id. A successful result of a film
        and model already stored (another instance read it too) is not stored twice: the stored row's
        id is returned. Every error is stored."""
        hm, h, w = None, None, None
        if entry.heatmap is not None and entry.heatmap.ndim == 2:
            h, w = entry.heatmap.shape
            hm = (np.clip(entry.heatmap, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8).tobytes()
        with self._db:  # BEGIN ... COMMIT, or ROLLBACK on error
            self._db.execute("BEGIN")
            cur = self._db.execute(
                "INSERT INTO results (file_path, file_sha256, model_version, label, probabilities,"
                " severity, ood_score, rejected, reject_reason, error, heatmap, heatmap_h, heatmap_w, created,"
                " site, site_id, site_film_count, site_created, model_probabilities)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                f" ON CONFLICT {_ONE_PER_SITE} WHERE {_ONE_PER_FILM} DO NOTHING",
                (entry.file_path, entry.file_sha256, entry.model_version, entry.label,
                 json.dumps(entry.probabilities), entry.severity, entry.ood_score, int(entry.rejected),
                 entry.reject_reason, entry.error, hm, h, w, entry.created, entry.site, entry.site_id,
                 entry.site_film_count, entry.site_created,
                 None if entry.model_probabilities is None else json.dumps(entry.model_probabilities)),
            )
            entry.id = cur.lastrowid if cur.rowcount else self._db.execute(
                f"SELECT id FROM results WHERE file_sha256=? AND model_version=? AND IFNULL(site_id, '')=?"
                f" AND {_ONE_PER_FILM}", (entry.file_sha256, entry.model_version, entry.site_id or "")).fetchone()[0]
        return entry.id

    # -- reading -------------------------------------------------------------------------

    def has_result(self, file_hash: str, model_version: str, site_id: str | None = None) -> bool:
        """True when this film was already read by this model and site profile (``site_id``, None: the
        model's own head); errors do not count: retry those."""
        return self.latest(file_hash, model_version, site_id) is not None

    def latest(self, file_hash: str, model_version: str, site_id: str | None = None) -> HistoryEntry | None:
        """The newest successful result for this film, model and site profile (``site_key``; None: read
        without one), or None. A result made under another profile, or none, is never returned."""
        row = self._db.execute(
            "SELECT * FROM results WHERE file_sha256=? AND model_version=? AND IFNULL(site_id, '')=?"
            " AND error IS NULL ORDER BY id DESC LIMIT 1", (file_hash, model_version, site_id or "")).fetchone()
        return None if row is None else _entry_from_row(row)

    def entries_by_id(self, ids) -> list[HistoryEntry]:
        """The results stored under these row ids, heatmaps included, in the order given; an id no longer
        stored is skipped. The app brings its last worklist back this way (desktop/ui/worklist_session.py)."""
        ids = list(dict.fromkeys(int(i) for i in ids))
        found: dict[int, HistoryEntry] = {}
        for start in range(0, len(ids), 500):           # well under SQLite's limit on bound parameters
            chunk = ids[start:start + 500]
            rows = self._db.execute(f"SELECT * FROM results WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row["id"], _entry_from_row(row)) for row in rows)
        return [found[i] for i in ids if i in found]

    def search(self, text: str = "", status: str | None = None, label: str | None = None,
               limit: int | None = None) -> list[HistoryEntry]:
        """Every match (or the ``limit`` newest), newest first, heatmaps included. ``text`` matches file
        path, label, model version or hash; ``status`` is done / rejected / error; ``label`` a class."""
        where, args = _where(text, status, label)
        sql = f"SELECT * FROM results WHERE {where} ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_entry_from_row(r) for r in self._db.execute(sql, args)]

    def page(self, text: str = "", status: str | None = None, label: str | None = None,
             before_id: int | None = None, limit: int = PAGE_ROWS) -> list[HistoryEntry]:
        """The next ``limit`` matches older than row ``before_id`` (keyset paging: as fast on the last
        page as on the first), newest first, without heatmaps: what a list shows."""
        where, args = _where(text, status, label)
        if before_id is not None:
            where, args = f"{where} AND id < ?", [*args, int(before_id)]
        return [_entry_from_row(r) for r in self._db.execute(
            f"SELECT {_LIGHT_COLUMNS} FROM results WHERE {where} ORDER BY id DESC LIMIT ?", [*args, int(limit)])]

    def iter_entries(self, text: str = "", status: str | None = None, label: str | None = None):
        """Every match, newest first, without heatmaps, a page at a time (memory stays flat)."""
        before = None
        while rows := self.page(text, status, label, before_id=before, limit=2000):
            yield from rows
            before = rows[-1].id

    def count(self, text: str = "", status: str | None = None, label: str | None = None) -> int:
        """How many results match (all of them, without arguments)."""
        where, args = _where(text, status, label)
        return self._db.execute(f"SELECT COUNT(*) FROM results WHERE {where}", args).fetchone()[0]

    def classes(self, text: str = "", status: str | None = None, label: str | None = None) -> list[str]:
        """The class names in the matches' probabilities, in order of first appearance (newest first)."""
        where, args = _where(text, status, label)
        found: dict[str, None] = {}
        for (probabilities,) in self._db.execute(
                f"SELECT DISTINCT probabilities FROM results WHERE {where} ORDER BY id DESC", args):
            found.update(dict.fromkeys(json.loads(probabilities or "{}")))
        return list(found)

    # -- export --------------------------------------------------------------------------

    def export_csv(self, path, entries: list[HistoryEntry] | None = None, *, text: str = "",
                   status: str | None = None, label: str | None = None) -> int:
        """Write ``entries``, or every result matching the filters (default: all), as CSV, atomically:
        a reader never sees half a file, and a failure (OSError) leaves the previous one. Returns the
        number of rows written."""
        if entries is not None:
            return write_csv_atomic(path, entries)
        return write_csv_atomic(path, self.iter_entries(text, status, label), self.classes(text, status, label))


def _where(text: str = "", status: str | None = None, label: str | None = None) -> tuple[str, list]:
    where, args = ["1"], []
    if text:
        like = f"%{text}%"
        where.append("(file_path LIKE ? OR label LIKE ? OR model_version LIKE ? OR file_sha256 LIKE ?"
                     " OR site LIKE ?)")
        args += [like] * 5
    if status == "error":
        where.append("error IS NOT NULL")
    elif status == "rejected":
        where.append("error IS NULL AND rejected=1")
    elif status == "done":
        where.append("error IS NULL AND rejected=0")
    if label:
        where.append("label=? AND error IS NULL AND rejected=0")
        args.append(label)
    return " AND ".join(where), args


def _entry_from_row(row: sqlite3.Row) -> HistoryEntry:
    heatmap = None
    if "heatmap" in row.keys() and row["heatmap"] is not None and row["heatmap_h"] and row["heatmap_w"]:
        heatmap = (np.frombuffer(row["heatmap"], dtype=np.uint8)
                   .reshape(row["heatmap_h"], row["heatmap_w"]).astype(np.float32) / 255.0)
    return HistoryEntry(
        id=row["id"], file_path=row["file_path"], file_sha256=row["file_sha256"],
        model_version=row["model_version"], label=row["label"],
        probabilities=json.loads(row["probabilities"] or "{}"), severity=row["severity"],
        ood_score=row["ood_score"], rejected=bool(row["rejected"]), reject_reason=row["reject_reason"],
        error=row["error"], heatmap=heatmap, created=row["created"], site=row["site"], site_id=row["site_id"],
        site_film_count=row["site_film_count"], site_created=row["site_created"],
        model_probabilities=json.loads(row["model_probabilities"]) if row["model_probabilities"] else None)
