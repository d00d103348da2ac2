"""Heatmap overlay files (``predict --heatmaps DIR``): never through a link, never over a file.

``DIR`` may be shared (a network folder, a folder written by earlier runs, or one where someone
planted a link to a file outside it), so each PNG is created with ``O_CREAT | O_EXCL |
O_NOFOLLOW`` and written through that descriptor: an existing name, a link included, is never
opened, followed or replaced. The name is ``<stem>_heatmap.png``, else ``<stem>_2_heatmap.png``,
``_3`` ... the first that is free, in this run or any earlier one. A write that fails (a full
disk) removes its partial file and raises ``OSError``.

The stem is the film's file name without its extension, or, with "hide patient data" on, the first
12 hex digits of the SHA-256 of the film's bytes (a file name often is the patient's name):
``sha256sum`` of a film gives them.

``write_overlay`` makes the overlay of one result: the film as the predictor decoded it with its
heatmap in jet colours. A result served from the history has no image: the film is decoded again
(as the predictor does, and hashed through the same handle) and the stored heatmap is laid over
it, only if its bytes are still those the stored result was found by, never over another film.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path

from desktop.engine.errors import TriageError
from desktop.engine.logs import HASH_PREFIX

MAX_NUMBER = 100_000      # _2 .. _100000: then the folder is a dump, not a heatmap folder
STEM_BYTES = 150          # a file name is at most 255 bytes on most systems; the suffix needs room
_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
          | getattr(os, "O_CLOEXEC", 0))


class HeatmapError(Exception):
    """No overlay for this film; the message is the sentence to show."""


def write_overlay(folder: "HeatmapFolder", result, digest: str | None, *, from_history: bool, input_size: int,
                  hide_patient_data: bool) -> Path:
    """Write the overlay of a classified ``TriageResult`` filed under ``digest``; its path.
    ``HeatmapError`` (a sentence) when it cannot be made or written."""
    from desktop.engine.imaging import load_xray
    from desktop.engine.results import heatmap_overlay

    image = getattr(result.image_record, "image", None)
    if from_history:
        try:
            record = load_xray(result.path, max_side=input_size, sha256=True)
        except TriageError as exc:
            raise HeatmapError(f"no heatmap for {result.path}: {exc}") from None
        if record.sha256 != digest:
            raise HeatmapError(f"no heatmap for {result.path}: the file changed after its stored result was "
                               "found; run again to read it anew.")
        image = record.image
    if image is None or result.heatmap is None:
        raise HeatmapError(f"no heatmap for {result.path}: its result has none.")
    stem = heatmap_stem(result.path, digest, hide_patient_data)
    try:
        return folder.write(heatmap_overlay(image, result.heatmap), stem)
    except (OSError, ValueError) as exc:
        raise HeatmapError(f"the heatmap of {result.path} could not be written to {folder.folder} "
                           f"({getattr(exc, 'strerror', None) or exc}).") from None


def heatmap_stem(path, digest: str | None, hide_patient_data: bool) -> str:
    """What a film's heatmap file is named after (see the module)."""
    if hide_patient_data:
        return digest[:HASH_PREFIX] if digest else "film"
    stem = "".join("_" if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in Path(path).stem)
    while stem and len(os.fsencode(stem)) > STEM_BYTES:
        stem = stem[:-1]
    return stem or "film"


class HeatmapFolder:
    """Writes overlay PNGs into one folder for one run (it remembers which numbers it used)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._next: dict[str, int] = {}

    def write(self, image, stem: str) -> Path:
        """Save ``image`` (Pillow) as a new PNG named after ``stem``; returns its path."""
        number = self._next.get(stem, 1)
        while number <= MAX_NUMBER:
            target = self.folder / (f"{stem}_heatmap.png" if number == 1 else f"{stem}_{number}_heatmap.png")
            try:
                fd = os.open(target, _FLAGS, 0o644)
            except FileExistsError:        # an earlier heatmap, another file, or a planted link
                number += 1
                continue
            self._next[stem] = number + 1
            _write_png(fd, image, target)
            return target
        raise OSError(errno.EEXIST, f"{MAX_NUMBER:,} heatmaps of this name are already there")


def _write_png(fd: int, image, target: Path) -> None:
    try:
        with os.fdopen(fd, "wb") as fh:
            image.save(fh, format="PNG")
    except BaseException:
        try:
            os.unlink(target)      # ours (O_EXCL); if swapped for a link since, unlink removes the link only
        except OSError:
            pass
        raise
