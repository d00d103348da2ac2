"""Data sources. Each yields ``ManifestRow``s with the columns of the shared manifests.

- ``SharedManifestSource``: the prepared corpus in ``../shared/data/cxr`` (default).
- ``FolderSource``: any folder laid out ``<label>/<file>`` or Kaggle-style ``<split>/<label>/<file>``.
- ``KaggleSource``: a kagglehub download (e.g. ``paultimothymooney/chest-xray-pneumonia``), read as a
  folder, with films that duplicate another source's removed by perceptual image hash.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from trainer import CLASSES

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}
LABEL_ALIASES = {
    "normal": "normal", "pneumonia": "pneumonia", "bacterial": "pneumonia", "viral": "pneumonia",
    "covid19": "covid19", "covid-19": "covid19", "covid": "covid19",
}
SPLIT_ALIASES = {"train": "train", "training": "train", "val": "val", "valid": "val",
                 "validation": "val", "test": "test", "testing": "test"}


@dataclass(frozen=True)
class ManifestRow:
    root: Path           # folder the path is relative to (not part of the manifest hash)
    path: str            # image path relative to root, "/"-separated
    label: str           # one of CLASSES
    source: str
    patient_id: str
    official_split: str = ""
    severity: float | None = None
    severity_source: str = ""
    view: str = ""

    @property
    def file(self) -> Path:
        return self.root / self.path

    def key(self) -> tuple:
        """The columns that define the data (for the manifest hash)."""
        sev = "" if self.severity is None else f"{self.severity:.4f}"
        return (self.path, self.label, self.source, self.patient_id, self.official_split, sev)


class SharedManifestSource:
    """The shared corpus: ``manifest-*.csv`` files next to an ``images/`` folder."""

    def __init__(self, root):
        self.root = Path(root)

    def rows(self) -> list[ManifestRow]:
        manifests = sorted(self.root.glob("manifest-*.csv"))
        if not manifests:
            raise FileNotFoundError(f"no manifest-*.csv in {self.root}")
        rows = []
        for manifest in manifests:
            with open(manifest, newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    rows.append(ManifestRow(
                        root=self.root, path=r["path"], label=r["label"], source=r["source"],
                        patient_id=r["patient_id"], official_split=r.get("official_split", "") or "",
                        severity=float(r["severity"]) if r.get("severity") else None,
                        severity_source=r.get("severity_source", "") or "", view=r.get("view", "") or ""))
        return rows


def patient_id_from_filename(stem: str) -> str:
    """Kermany-style names carry the patient: ``person12_bacteria_48`` -> ``person12``,
    ``IM-0117-0001`` -> ``IM-0117``, ``NORMAL2-IM-0117-0001`` -> ``NORMAL2-IM-0117``; else the stem."""
    m = re.match(r"^(person\d+)_", stem)
    if m:
        return m.group(1)
    m = re.match(r"^((?:NORMAL2-)?IM-\d+)-\d+$", stem)
    if m:
        return m.group(1)
    return stem


class FolderSource:
    """``<label>/<file>`` or ``<split>/<label>/<file>`` (label and split names matched loosely)."""

    def __init__(self, root, name: str | None = None):
        self.root = Path(root)
        self.name = name or self.root.name

    def rows(self) -> list[ManifestRow]:
        rows = []
        for file in sorted(p for p in self.root.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()):
            parts = file.relative_to(self.root).parts[:-1]
            label = next((LABEL_ALIASES[p.lower()] for p in reversed(parts) if p.lower() in LABEL_ALIASES), None)
            if label is None:
                continue
            split = next((SPLIT_ALIASES[p.lower()] for p in parts if p.lower() in SPLIT_ALIASES), "")
            patient = patient_id_from_filename(file.stem)
            # Kermany patient ids are unique only within an official split.
            patient_id = f"{self.name}-{split}-{patient}" if split else f"{self.name}-{patient}"
            rows.append(ManifestRow(root=self.root, path=file.relative_to(self.root).as_posix(), label=label,
                                    source=self.name, patient_id=patient_id, official_split=split))
        return rows


def image_hash(path) -> int:
    """64-bit difference hash of the grayscale film: survives resizing and re-encoding."""
    with Image.open(path) as im:
        small = np.asarray(im.convert("L").resize((9, 8), Image.BILINEAR), dtype=np.int16)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def drop_duplicates(rows: list[ManifestRow], against: list[ManifestRow]) -> list[ManifestRow]:
    """``rows`` without the films whose image hash equals one in ``against`` (or an earlier row)."""
    seen = {image_hash(r.file) for r in against}
    kept = []
    for row in rows:
        h = image_hash(row.file)
        if h not in seen:
            seen.add(h)
            kept.append(row)
    return kept


class KaggleSource:
    """A Kaggle dataset through kagglehub (needs network and Kaggle credentials on first use)."""

    KNOWN = ("paultimothymooney/chest-xray-pneumonia", "prashant268/chest-xray-covid19-pneumonia")

    def __init__(self, handle: str, dedupe_against: list[ManifestRow] | None = None):
        self.handle = handle
        self.dedupe_against = dedupe_against or []

    def rows(self) -> list[ManifestRow]:
        import kagglehub  # imported here: only this source needs it

        root = Path(kagglehub.dataset_download(self.handle))
        name = "kaggle-" + self.handle.split("/")[-1]
        rows = [r for r in FolderSource(root, name).rows() if r.label in CLASSES]
        # Several Kaggle sets ship the same folder twice (e.g. chest_xray/chest_xray/...).
        return drop_duplicates(rows, self.dedupe_against)


def load_sources(specs: list[str], default_root) -> list[ManifestRow]:
    """Command-line source specs -> rows. ``shared[:DIR]``, ``folder:DIR``, ``kaggle:OWNER/NAME``."""
    rows: list[ManifestRow] = []
    for spec in specs or ["shared"]:
        kind, _, arg = spec.partition(":")
        if kind == "shared":
            rows += SharedManifestSource(arg or default_root).rows()
        elif kind == "folder":
            rows += drop_duplicates(FolderSource(arg).rows(), rows) if rows else FolderSource(arg).rows()
        elif kind == "kaggle":
            rows += KaggleSource(arg, dedupe_against=rows).rows()
        else:
            raise ValueError(f"unknown source {spec!r}: use shared[:DIR], folder:DIR or kaggle:OWNER/NAME")
    return rows
