"""Which files to read: the predict CLI and the app pass whatever the user named (files, folders).

``iter_image_files`` expands folders recursively, in a deterministic order (sorted by name,
case-insensitively, depth first), and keeps the files ``load_xray`` can read. Files named
explicitly are returned as they are, whatever their extension: ``load_xray`` then explains in a
sentence why one cannot be read, and the batch goes on.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SUPPORTED_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif",
                                  ".dcm", ".dicom"})

# Deeper than any real archive; a bound for pathological trees (symlink loops are caught anyway).
MAX_DEPTH = 64


def iter_image_files(paths) -> list[Path]:
    """Files to read, in input order: named files as-is, folders expanded (images only).

    Inside folders: files with a supported extension, plus files without one (or with an unknown
    one, such as PACS exports named by UID, "1.2.840....123") that start with the DICOM preamble.
    Hidden entries (".DS_Store", "._scan.png" from macOS) and DICOMDIR indexes are skipped.
    Symlinks are followed; a folder reached twice (a loop, or two links to one folder) is read once.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    for item in paths:
        path = Path(os.fsdecode(item)) if isinstance(item, bytes) else Path(item)
        if _is_dir(path):
            _walk(path, found, seen=set(), depth=0)
        else:
            found.append(path)
    return found


def is_supported_name(path) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def _walk(folder: Path, found: list[Path], seen: set, depth: int) -> None:
    key = _identity(folder)
    if key is None or key in seen or depth > MAX_DEPTH:
        return
    seen.add(key)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: (e.name.casefold(), e.name))
    except OSError:   # unreadable folder (permissions, vanished): nothing to list
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.upper() == "DICOMDIR":
            continue
        path = folder / entry.name
        if _entry_is_dir(entry):
            _walk(path, found, seen, depth + 1)
        elif _entry_is_file(entry) and (is_supported_name(path) or _starts_with_dicom_preamble(path)):
            found.append(path)


def _identity(folder: Path):
    """(device, inode) of the real folder behind any symlinks: the same folder reached by two
    paths has one identity, so loops end."""
    try:
        st = os.stat(folder)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _entry_is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()   # follows symlinks; a broken or looping link is no folder
    except OSError:
        return False


def _entry_is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()   # regular files only: never open a pipe or device
    except OSError:
        return False


def _starts_with_dicom_preamble(path: Path) -> bool:
    if path.suffix.lower() in SUPPORTED_EXTENSIONS:
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    return len(head) == 132 and head[128:132] == b"DICM"
