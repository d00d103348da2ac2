"""WorklistModel: the films of this session as a table (one row per film).

A model/view pair rather than a QTableWidget: adding 500 rows is one insert, and a
row's cells are computed only when they are on screen. Adding n paths costs O(n) (a dict
finds a path's row), so a folder of 20,000 files is added in a few milliseconds per chunk.
"""

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap

from desktop.engine.history import HistoryEntry
from desktop.ui.film import Film, FilmOutcome
from desktop.ui.wording import class_name, percent, status_in_words

COLUMNS = ("", "File", "Status", "Result", "Top p", "Sev.")
THUMB, FILE, STATUS, RESULT, TOP_P, SEVERITY = range(len(COLUMNS))
THUMB_LOGICAL = 44
STATUS_COLOURS = {"done": QColor("#2e7d4f"), "error": QColor("#b3261e"), "rejected": QColor("#9a6700"),
                  "running": QColor("#1f5fbf"), "queued": QColor("#6b7280"), "cancelled": QColor("#6b7280")}


class WorklistModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._films: list[Film] = []
        self._rows: dict[str, int] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        self._dpr = 1.0

    # -- queries -----------------------------------------------------------------------------

    def films(self) -> list[Film]:
        return list(self._films)

    def film(self, row: int) -> Film | None:
        return self._films[row] if 0 <= row < len(self._films) else None

    def row_of(self, path) -> int:
        return self._rows.get(str(path), -1)

    def film_for(self, path) -> Film | None:
        return self.film(self.row_of(path))

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self._films if f.status in statuses)

    # -- changes -----------------------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """New films are appended as queued (one insert for all); a film already listed is re-queued in place."""
        self._add([Film(Path(p)) for p in dict.fromkeys(str(p) for p in paths)])

    def add_failed(self, path, sentence: str) -> None:
        """A row for something that could not even be listed (a folder): an error with its sentence."""
        entry = HistoryEntry(file_path=str(path), file_sha256="", model_version="", error=sentence)
        self._add([Film(Path(path), status="error", entry=entry)])

    def _add(self, films: list[Film]) -> None:
        new, changed = [], []
        for film in films:
            key = str(film.path)
            row = self._rows.get(key, -1)
            if row >= 0:
                self._films[row] = film
                self._pixmaps.pop(key, None)
                changed.append(row)
            else:
                new.append(film)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
        if new:
            first = len(self._films)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._films.extend(new)
            self._rows.update((str(film.path), first + i) for i, film in enumerate(new))
            self.endInsertRows()

    def set_status(self, path, status: str) -> None:
        row = self.row_of(path)
        if row >= 0:
            self._films[row].status = status
            self._row_changed(row)

    def set_statuses(self, paths, status: str) -> None:
        """Many rows at once (a cancel of 20,000 queued films): one dataChanged for their span."""
        rows = [r for r in (self.row_of(p) for p in paths) if r >= 0]
        for row in rows:
            self._films[row].status = status
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def apply_outcome(self, outcome: FilmOutcome) -> Film | None:
        row = self.row_of(outcome.path)
        if row < 0:
            return None
        self._films[row].apply(outcome)
        self._pixmaps.pop(str(outcome.path), None)
        self._row_changed(row)
        return self._films[row]

    def set_device_pixel_ratio(self, dpr: float) -> None:
        if dpr != self._dpr:
            self._dpr = dpr
            self._pixmaps.clear()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._films)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section]) if COLUMNS[section] else ""
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        film = self.film(index.row())
        if film is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(film, column)
        if role == Qt.ItemDataRole.DecorationRole and column == THUMB:
            return self._thumbnail(film)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(film)
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, RESULT):
            return STATUS_COLOURS.get(film.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TOP_P, SEVERITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(film, column) or film.name
        return None

    def _text(self, film: Film, column: int) -> str:
        if column == FILE:
            return film.name
        if column == STATUS:
            return status_in_words(film.status)
        if column == RESULT:
            if film.status == "error":
                return film.error or ""             # the engine's sentence (elided; whole in the tooltip)
            if film.status == "rejected":
                return self._withheld()             # not a frontal chest X-ray; reason in the tooltip
            return class_name(film.entry.label) if film.has_findings and film.entry.label else ""
        if column == TOP_P:
            return percent(film.top_probability) if film.has_findings else ""
        if column == SEVERITY:
            return percent(film.entry.severity) if film.has_findings else ""
        return ""

    def short_texts(self, column: int) -> list[str]:
        """The longest texts a Status, Result, Top p or Sev. cell can show, so the view can make those
        columns wide enough (an unreadable file's sentence is elided there and whole in its tooltip)."""
        if column == STATUS:
            return [status_in_words(s) for s in STATUS_COLOURS]
        if column == RESULT:
            return [self._withheld()] + [class_name(c) for c in ("normal", "pneumonia", "covid19")]
        if column in (TOP_P, SEVERITY):
            return [percent(1.0)]
        return []

    def _withheld(self) -> str:
        return self.tr("Withheld")

    def _tooltip(self, film: Film) -> str:
        if film.status == "error":
            return film.error or ""
        if film.status == "rejected":
            return film.entry.reject_reason or ""
        return str(film.path)

    def _thumbnail(self, film: Film):
        if film.thumbnail is None or film.thumbnail.isNull():
            return None
        key = str(film.path)
        if key not in self._pixmaps:
            side = round(THUMB_LOGICAL * self._dpr)
            image = film.thumbnail.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._dpr)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]
