"""The history's CSV export (Qt-free), streamed and written atomically.

Written through ``desktop.engine.atomic.replace_atomically``: a hidden temporary file in the target's
folder, flushed and fsync'd, checked (its size on disk is what was written), given the user's normal
mode (0666 & ~umask), then renamed over the target. A result made with a site profile has its site's name
in ``site`` and the model's own probabilities in ``model_p_<class>`` beside the adapted ``p_<class>``
(empty without a profile). A failure (a full disk, a read-only folder)
raises OSError, leaves the previous file and removes the temporary one. Rows are streamed, so a
history of any length is exported whole without holding it in memory.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

from desktop.engine.atomic import replace_atomically


def csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a file name must not."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _probability(probabilities: dict | None, name: str) -> str:
    return "" if not probabilities or name not in probabilities else f"{probabilities[name]:.4f}"


def write_csv_atomic(path, entries, classes: list[str] | None = None) -> int:
    """Entries (any iterable of HistoryEntry; ``classes``, the probability columns, taken from them when
    not given) as UTF-8 CSV with a BOM (Excel reads UTF-8 right); returns the number of rows written."""
    if classes is None:
        entries = list(entries)
        classes = list(dict.fromkeys(c for e in entries for c in e.probabilities))
    written = {"rows": 0, "bytes": 0}

    def write(tmp: str) -> None:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["created", "file_path", "file_sha256", "model_version", "status", "label",
                         *[f"p_{c}" for c in classes], "severity", "ood_score", "rejected", "error", "site",
                         *[f"model_p_{c}" for c in classes]])
        with open(tmp, "wb") as f:
            f.write(b"\xef\xbb\xbf")
            for e in entries:
                writer.writerow([
                    e.created, csv_safe(e.file_path), e.file_sha256, csv_safe(e.model_version), e.status,
                    csv_safe(e.label),
                    *[_probability(e.probabilities, c) for c in classes],
                    "" if e.severity is None else f"{e.severity:.4f}",
                    "" if e.ood_score is None else f"{e.ood_score:.4f}",
                    int(e.rejected), csv_safe(e.error), csv_safe(e.site),
                    *[_probability(e.model_probabilities, c) for c in classes]])
                written["rows"] += 1
                if buf.tell() > 1 << 16:
                    f.write(buf.getvalue().encode("utf-8"))
                    buf.seek(0)
                    buf.truncate()
            f.write(buf.getvalue().encode("utf-8"))
            written["bytes"] = f.tell()

    def check(tmp: str) -> None:
        on_disk = os.path.getsize(tmp)
        if on_disk != written["bytes"]:
            raise OSError(errno.EIO, f"only {on_disk:,} of {written['bytes']:,} bytes reached the disk", tmp)

    replace_atomically(Path(path), write, check)
    return written["rows"]
