"""Which files to read: the predict CLI and the app pass whatever the user named (files, folders).

``iter_image_files`` expands folders recursively, in a deterministic order (sorted by name,
case-insensitively, depth first), and keeps the files ``load_xray`` can read. Files named
explicitly are returned as they are, whatever their extension: ``load_xray`` then explains in a
sentence why one cannot be read, and the batch goes on.

What cannot be looked into is not dropped without a word: ``on_error(path, sentence)`` hears of
every folder that cannot be listed (permissions, a full path longer than the system allows, a
folder vanished during the walk, nesting deeper than ``MAX_DEPTH``) and every entry whose kind
cannot be told (a link to a missing file with an image's name, a link loop), so that the caller
can give each its line. Without it the walk skips them, as it always did.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

SUPPORTED_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif",
                                  ".dcm", ".dicom"})

# Deeper than any real archive; a bound for pathological trees (symlink loops are caught anyway).
MAX_DEPTH = 64


def iter_image_files(paths, on_error=None) -> list[Path]:
    """Files to read, in input order: named files as-is, folders expanded (images only).

    Inside folders: files with a supported extension, plus files without one (or with an unknown
    one, such as PACS exports named by UID, "1.2.840....123") that start with the DICOM preamble.
    Hidden entries (".DS_Store", "._scan.png" from macOS) and DICOMDIR indexes are skipped.
    Symlinks are followed; a folder reached twice (a loop, or two links to one folder) is read once.
    ``on_error(path, sentence)``, if given, is called (during the walk, in walk order) for each
    folder that could not be listed and each entry that could not be checked (see the module).
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    report = on_error if on_error is not None else _ignore
    found: list[Path] = []
    for item in paths:
        path = Path(os.fsdecode(item)) if isinstance(item, bytes) else Path(item)
        if _is_dir(path):
            _walk(path, found, set(), 0, report)
        else:
            found.append(path)
    return found


def is_supported_name(path) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def folder_problem(folder, exc: OSError) -> str:
    """The sentence for a folder that cannot be listed."""
    name = _name(folder)
    if exc.errno == errno.ENAMETOOLONG:
        return (f"The folder {name} could not be opened: its full path is too long for the system "
                f"({len(os.fspath(folder)):,} characters). Move the films to a folder with a shorter path.")
    if isinstance(exc, PermissionError):
        return f"The folder {name} could not be opened: permission denied, so the films in it were not read."
    if isinstance(exc, FileNotFoundError):
        return f"The folder {name} was not found (it may have been moved or deleted while it was being read)."
    return f"The folder {name} could not be opened ({exc.strerror or exc}), so the films in it were not read."


def _ignore(path, sentence) -> None:
    pass


def _name(path) -> str:
    return os.path.basename(os.fspath(path).rstrip("/\\")) or os.fspath(path)


def _walk(folder: Path, found: list[Path], seen: set, depth: int, report) -> None:
    if depth > MAX_DEPTH:
        report(folder, f"The folder {_name(folder)} is more than {MAX_DEPTH} folders deep, so the films "
                       "in it were not read.")
        return
    try:
        st = os.stat(folder)
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError):
            report(folder, folder_problem(folder, exc))
        return
    key = (st.st_dev, st.st_ino)     # the same folder reached by two paths (links, loops): read once
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: (e.name.casefold(), e.name))
    except OSError as exc:   # unreadable folder (permissions, vanished, path too long)
        report(folder, folder_problem(folder, exc))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.upper() == "DICOMDIR":
            continue
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()      # follows symlinks; a broken link is no folder
            is_file = not is_dir and entry.is_file()   # regular files only: never a pipe or device
        except OSError as exc:           # a link loop, an entry that vanished mid-way, I/O errors
            report(path, f"{entry.name} could not be checked ({exc.strerror or exc}), so it was not read.")
            continue
        if is_dir:
            _walk(path, found, seen, depth + 1, report)
        elif is_file:
            if is_supported_name(path) or _starts_with_dicom_preamble(path):
                found.append(path)
        elif is_supported_name(path) and _is_symlink(entry):
            report(path, f"{entry.name} is a link to a file that does not exist.")


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _is_symlink(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
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
