"""Labelled films for ``cxr-triage validate`` (and later ``adapt``): a folder laid out ``<label>/<file>``
or a CSV with columns ``path,label`` and optionally ``severity`` (``../shared/docs/architecture.md``,
"The predict command").

Labels are read in any case, with the spellings of the common public collections accepted (``ALIASES``:
Kermany's ``NORMAL``/``PNEUMONIA``, the COVID-19 Radiography Database's ``COVID``, ``Viral Pneumonia``
...). What cannot be used (an unknown label, a missing file, a CSV row without a path, a severity that
is not a number from 0 to 1) is a sentence in ``Labelled.problems``; everything else is kept.
Qt-free and model-free: the films are only listed here, not read.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.engine.contract import CLASSES
from desktop.engine.files import is_supported_name, iter_image_files

# Each class's accepted spellings, as people write them; compared without case, spaces, "_" or "-".
ALIASES = {
    "normal": ("normal", "NORMAL", "healthy", "No Finding"),
    "pneumonia": ("pneumonia", "PNEUMONIA", "bacterial pneumonia", "viral pneumonia"),
    "covid19": ("covid19", "COVID", "COVID-19", "COVID_19", "SARS-CoV-2"),
}
CSV_COLUMNS = ("path", "label", "severity")


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


_LOOKUP = {_key(spelling): name for name, spellings in ALIASES.items() for spelling in spellings}
assert set(ALIASES) == set(CLASSES), "one row of aliases per contract class"


def accepted_labels() -> str:
    """The labels in words, for help texts and problem sentences."""
    return "; ".join(f"{name} (also {', '.join(spellings[1:])})" for name, spellings in ALIASES.items())


def class_of(label: str) -> str | None:
    """A label as written -> the contract class, or None when it is none of ``ALIASES``."""
    return _LOOKUP.get(_key(str(label)))


class LabelledError(ValueError):
    """The labelled films cannot be listed at all (no such folder, a CSV without path and label columns)."""


@dataclass(frozen=True)
class LabelledFilm:
    path: Path
    label: str                          # a contract class
    severity: float | None = None       # 0..1, when the CSV gives it


@dataclass
class Labelled:
    films: list[LabelledFilm] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)     # one sentence each


def read_labelled(path) -> Labelled:
    """A folder (``<label>/<file>``) or a CSV file; LabelledError when it is neither."""
    path = Path(path)
    if path.is_dir():
        return read_labelled_folder(path)
    if path.is_file():
        return read_labelled_csv(path)
    raise LabelledError(f"{path} does not exist: give a folder laid out <label>/<file> or a CSV with "
                        "columns path,label[,severity].")


def read_labelled_folder(folder) -> Labelled:
    """Each sub-folder named after a label holds that label's films (sub-folders in it are read too);
    a sub-folder with another name, and films outside any label folder, are problems."""
    folder, out = Path(folder), Labelled()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: (e.name.casefold(), e.name))
    except OSError as exc:
        raise LabelledError(f"The folder {folder} cannot be read ({exc.strerror or exc}).") from None
    loose = 0
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            loose += is_supported_name(entry.name)
            continue
        films = iter_image_files([Path(entry.path)], on_error=lambda where, why: out.problems.append(why))
        label = class_of(entry.name)
        if label is None:
            out.problems.append(f"The folder {entry.name} is not a label CXR Triage knows, so "
                                f"{_its_films(len(films))} not scored (labels: {accepted_labels()}).")
            continue
        out.films += [LabelledFilm(path, label) for path in films]
    if loose:
        out.problems.append(f"{_films(loose)} directly in {folder.name or folder}, outside a label folder, "
                            f"{'was' if loose == 1 else 'were'} not scored: put each film in a folder named "
                            "after its label.")
    return out


def read_labelled_csv(path) -> Labelled:
    """Rows ``path,label[,severity]`` (header required; columns in any order and case; ``,`` ``;`` or tab
    between them); relative paths are relative to the CSV's folder."""
    path, out = Path(path), Labelled()
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledError(f"The list {path.name} cannot be read ({getattr(exc, 'strerror', None) or exc}); "
                            "save it as a UTF-8 CSV.") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = [name.strip().casefold() for name in next(reader, [])]
    if "path" not in header or "label" not in header:
        raise LabelledError(f"The list {path.name} needs a first line naming its columns: path,label "
                            "(and optionally severity).")
    column = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {name: row[i].strip() if i < len(row) else "" for name, i in column.items()}
        film = _csv_film(path.parent, cell, f"Line {line} of {path.name}", out.problems)
        if film is not None:
            out.films.append(film)
    return out


def _csv_film(folder: Path, cell: dict, where: str, problems: list) -> LabelledFilm | None:
    if not cell["path"]:
        problems.append(f"{where} names no file, so it was not scored.")
        return None
    file = folder / cell["path"]
    label = class_of(cell["label"])
    if label is None:
        said = f"the label {cell['label']!r}" if cell["label"] else "no label"
        problems.append(f"{where} ({cell['path']}) has {said}, which CXR Triage does not know, so it was not "
                        f"scored (labels: {accepted_labels()}).")
        return None
    if not file.is_file():
        problems.append(f"{where}: the file {cell['path']} was not found, so it was not scored.")
        return None
    severity = None
    if cell.get("severity"):
        try:
            severity = float(cell["severity"].replace(",", "."))
        except ValueError:
            severity = math.nan
        if not 0.0 <= severity <= 1.0:       # NaN fails this too
            problems.append(f"{where} ({cell['path']}): the severity {cell['severity']!r} is not a number from 0 "
                            "to 1, so only its label was scored.")
            severity = None
    return LabelledFilm(file, label, severity)


def _films(count: int) -> str:
    return f"{count} film" if count == 1 else f"{count} films"


def _its_films(count: int) -> str:
    return "its film was" if count == 1 else f"its {count} films were"
