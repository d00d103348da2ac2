"""Writing a file so that a reader only ever finds the old file or the whole new one.

``replace_atomically(path, write, check)``: ``write`` fills a temporary file in ``path``'s folder
(same folder, so the final rename never crosses file systems); the file is flushed to the disk
(fsync), ``check`` looks at what is really on the disk (a full disk or a size limit cuts a file
short without an error the writer can see: Qt's QPdfWriter reports none), the file gets the user's
normal mode (``0o666 & ~umask``, not the 0o600 of ``mkstemp``), and only then is it renamed over
``path``. On any failure the temporary file is removed, the old file is left as it was, and the
exception goes to the caller (an ``OSError`` whose ``strerror`` is the sentence for the user).

Qt-free; for any writer that wants a path (QPdfWriter, the CSV writer).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Callable

_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the OS says it (Linux /proc), else by
    setting and restoring it under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            match = re.search(r"^Umask:\s*([0-7]+)", f.read(), re.M)
        if match:
            return int(match.group(1), 8)
    except OSError:
        pass
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def default_file_mode() -> int:
    """The mode a file created the ordinary way (open(..., "w")) gets: 0o666 & ~umask."""
    return 0o666 & ~current_umask()


def replace_atomically(path, write: Callable[[str], None], check: Callable[[str], None] | None = None,
                       suffix: str = ".tmp") -> Path:
    """Write ``path`` through a temporary file: ``write(tmp_path)``, fsync, ``check(tmp_path)``
    (raise ``OSError`` with a sentence when the file is not whole), chmod, rename. Returns ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=str(path.parent))
    os.close(fd)
    try:
        write(tmp)
        _fsync_file(tmp)
        if check is not None:
            check(tmp)
        os.chmod(tmp, default_file_mode())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)
    return path


def check_pdf(path) -> None:
    """OSError unless ``path`` looks like a whole PDF: starts with ``%PDF-``, ends with ``%%EOF``
    after a ``startxref`` (what a reader looks for first; a cut file has neither)."""
    size = os.path.getsize(path)
    if size == 0:
        raise OSError(errno.EIO, "nothing was written (an empty file)", str(path))
    with open(path, "rb") as f:
        head = f.read(8)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if not head.startswith(b"%PDF-") or b"startxref" not in tail or not tail.rstrip().endswith(b"%%EOF"):
        raise OSError(errno.EIO, f"the PDF came out cut short ({size:,} bytes, no end-of-file marker); "
                                 "the disk may be full", str(path))


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))     # Windows flushes only a writable handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder for this, and it does not need to."""
    if os.name == "nt":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
