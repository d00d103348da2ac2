"""WorklistModel: the films of this session as a table, one row per film, in its sorted order.

A model/view pair: adding 500 rows is one insert, a row's cells are computed only when on screen, and
rows are found by ``Film.key`` through a dict (a result finds its film wherever sorting put it).

Why the model sorts itself instead of sitting behind a QSortFilterProxyModel: the proxy calls back
into Python for a sort value at every comparison, and a cancel or a sort of 20,000 films stalled the
window for seconds; here a sort is one ``sorted`` over cached keys. A film whose state changes is
moved to its place (beginMoveRows), so the selection and the current film move with it, and a full
sort moves the persistent indexes along: sorting never loses the selection or a running batch.
"""

from bisect import bisect_left
from itertools import count
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPixmap

from desktop.engine.history import HistoryEntry
from desktop.ui.file_name_delegate import DUPLICATE_OF_ROLE
from desktop.ui.film import Film, FilmOutcome
from desktop.ui.triage_marks import COLOURS, mark
from desktop.ui.worklist_order import CONFIDENCE, EXTENT, FILE, RESULT, THUMB, SameBytes, is_sorted, runs, sort_key
from desktop.ui.worklist_text import cell_text, file_tooltip, header_tooltip, result_tooltip

# Column titles in the order of worklist_order's numbers, translated where shown (headerData).
COLUMNS = ("", QT_TRANSLATE_NOOP("WorklistModel", "File"), QT_TRANSLATE_NOOP("WorklistModel", "Result"),
           QT_TRANSLATE_NOOP("WorklistModel", "Confidence"), QT_TRANSLATE_NOOP("WorklistModel", "Extent"))
THUMB_LOGICAL = 40        # a thumbnail, and the height of two lines of text beside it
BUSY = ("queued", "running")        # rows the queue still owns: not removed until read or cancelled
ASCENDING = Qt.SortOrder.AscendingOrder
# The History tab's status words keep the colours they had here (history_model.py imports them).
STATUS_COLOURS = {"done": QColor("#2e7d4f"), **{s: QColor(COLOURS[s]) for s in ("error", "rejected", "running",
                                                                                 "queued", "cancelled")}}


class WorklistModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._films: list[Film] = []
        self._keys: list[tuple] = []            # the sort key of each row, in row order
        self._rows: dict[str, int] = {}         # Film.key -> row
        self._seq: dict[str, int] = {}          # Film.key -> when first listed: ties keep that order
        self._counter = count()
        self._same_bytes = SameBytes()
        self._pixmaps: dict[str, QPixmap] = {}
        self._dpr = 1.0
        self._sort = (RESULT, ASCENDING)        # most urgent first
        self.hide_patient_data = True           # tooltips give a neutral name instead of the path

    # -- queries -----------------------------------------------------------------------------

    def films(self) -> list[Film]:
        """In row order (as sorted)."""
        return list(self._films)

    def films_as_listed(self) -> list[Film]:
        """In the order they were opened (a folder's in its listing order), whatever the sort."""
        return sorted(self._films, key=lambda film: self._seq[film.key])

    def film(self, row: int) -> Film | None:
        return self._films[row] if 0 <= row < len(self._films) else None

    def row_of(self, path_or_key) -> int:
        return self._rows.get(str(path_or_key), -1)

    def film_for(self, path_or_key) -> Film | None:
        return self.film(self.row_of(path_or_key))

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self._films if f.status in statuses)

    # -- adding and changing -----------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """New films are listed as queued (one insert for all); a film already listed is re-queued in place."""
        self._add([Film(Path(p)) for p in dict.fromkeys(str(p) for p in paths)])

    def add_failed(self, path, sentence: str) -> None:
        """A row for something that could not even be listed (a folder): an error with its sentence."""
        entry = HistoryEntry(file_path=str(path), file_sha256="", model_version="", error=sentence)
        self._add([Film(Path(path), status="error", entry=entry)])

    def add_films(self, films: list[Film]) -> None:
        """Films that already have their state (a restored worklist)."""
        self._add(films)
        for film in films:
            self._register_sha(film)

    def _add(self, films: list[Film]) -> None:
        new = []
        for film in films:
            row = self._rows.get(film.key, -1)
            if row < 0:
                new.append(film)
                continue
            self._unregister_sha(film.key)
            self._films[row] = film
            self._pixmaps.pop(film.key, None)
            self._row_changed(row)
        if new:
            first = len(self._films)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for film in new:
                self._seq[film.key] = next(self._counter)
            self._films.extend(new)
            self._keys.extend(self._sort_key(film) for film in new)
            self._rows.update((film.key, first + i) for i, film in enumerate(new))
            self.endInsertRows()
        if len(films) > len(new) or not is_sorted(self._keys[max(0, len(self._films) - len(new) - 1):]):
            self.sort(*self._sort)          # re-queued rows, or new ones that belong elsewhere

    def set_status(self, path, status: str) -> None:
        row = self.row_of(path)
        if row >= 0:
            self._films[row].status = status
            self._row_changed(self._reposition(row))

    def set_statuses(self, paths, status: str) -> None:
        """Many rows at once (a cancel of 20,000 queued films): one re-sort, one dataChanged."""
        rows = [r for r in (self.row_of(p) for p in paths) if r >= 0]
        for row in rows:
            self._films[row].status = status
        if rows:
            self.sort(*self._sort)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._films) - 1, len(COLUMNS) - 1))

    def apply_outcome(self, outcome: FilmOutcome) -> Film | None:
        """The worker's result for a listed film; a restored row of the same bytes gives way to it."""
        film = self.film_for(outcome.path)
        if film is None:
            return None                     # removed while it was being read
        film.apply(outcome)
        self._pixmaps.pop(film.key, None)
        self._register_sha(film)
        self._row_changed(self._reposition(self.row_of(film.key)))
        return film

    def set_thumbnail(self, path_or_key, image) -> None:
        """A thumbnail made later (a restored film, once its image is shown)."""
        row = self.row_of(path_or_key)
        if row >= 0 and image is not None and not image.isNull():
            self._films[row].thumbnail = image
            self._pixmaps.pop(self._films[row].key, None)
            self._row_changed(row)

    def set_device_pixel_ratio(self, dpr: float) -> None:
        if dpr != self._dpr:
            self._dpr = dpr
            self._pixmaps.clear()

    # -- removing ------------------------------------------------------------------------------

    def remove_rows(self, rows) -> int:
        """Remove these rows, except films waiting or being read (the queue owns them until they are
        read or cancelled). Returns how many were removed."""
        return self._remove(sorted({r for r in rows if 0 <= r < len(self._films)
                                    and self._films[r].status not in BUSY}))

    def clear(self) -> int:
        return self.remove_rows(range(len(self._films)))

    def _remove(self, rows: list[int]) -> int:
        shas = set()
        for start, end in reversed(runs(rows)):
            self.beginRemoveRows(QModelIndex(), start, end)
            for film in self._films[start:end + 1]:
                shas.add(self._unregister_sha(film.key, refresh=False))
                for table in (self._rows, self._seq, self._pixmaps):
                    table.pop(film.key, None)
            del self._films[start:end + 1]
            del self._keys[start:end + 1]
            self._reindex(start)
            self.endRemoveRows()
        for sha in shas - {""}:
            self._refresh_duplicates(sha)
        return len(rows)

    # -- the same bytes under two names ----------------------------------------------------------

    def _register_sha(self, film: Film) -> None:
        self._unregister_sha(film.key)
        if not film.sha256:
            return
        if not film.restored:               # opened again: the row from the last session gives way
            self._remove(sorted(self._rows[k] for k in self._same_bytes.group(film.sha256)
                                if self._films[self._rows[k]].restored))
        self._same_bytes.add(film.key, film.sha256)
        self._refresh_duplicates(film.sha256)

    def _unregister_sha(self, key: str, refresh: bool = True) -> str:
        sha = self._same_bytes.discard(key)
        if sha and refresh:
            self._refresh_duplicates(sha)
        return sha

    def _refresh_duplicates(self, sha: str) -> None:
        """The first row listed with these bytes is the original; every later one says whose duplicate it is."""
        keys = self._same_bytes.group(sha)
        for i, key in enumerate(keys):
            film = self._films[self._rows[key]]
            duplicate_of = self._films[self._rows[keys[0]]].name if i else None
            if film.duplicate_of != duplicate_of:
                film.duplicate_of = duplicate_of
                self._row_changed(self._rows[key])

    # -- sorting --------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        """Qt's sort (the header's clicks call it): rows, their keys and persistent indexes move together."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        keys = [self._sort_key(film) for film in self._films]
        order_of = sorted(range(len(keys)), key=keys.__getitem__)
        self._films = [self._films[i] for i in order_of]
        self._keys = [keys[i] for i in order_of]
        self._reindex(0)
        new_row = {old: new for new, old in enumerate(order_of)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _sort_key(self, film: Film) -> tuple:
        column, order = self._sort
        return sort_key(film, column, order != ASCENDING, self._seq[film.key])

    def _reposition(self, row: int) -> int:
        """Move one row to where its (new) sort key puts it; returns its row."""
        key = self._sort_key(self._films[row])
        del self._keys[row]
        dest = bisect_left(self._keys, key)
        self._keys.insert(row, key)
        if dest == row:
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest if dest < row else dest + 1)
        self._films.insert(dest, self._films.pop(row))
        self._keys.insert(dest, self._keys.pop(row))
        self._reindex(min(row, dest), max(row, dest) + 1)
        self.endMoveRows()
        return dest

    def _reindex(self, start: int, stop: int | None = None) -> None:
        for row in range(start, len(self._films) if stop is None else stop):
            self._rows[self._films[row].key] = row

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._films)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("WorklistModel", COLUMNS[section]) if COLUMNS[section] else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tooltip(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        film = self.film(index.row())
        if film is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(film, column)
        if role == DUPLICATE_OF_ROLE and column == FILE:
            return film.duplicate_of
        if role == Qt.ItemDataRole.DecorationRole and column == THUMB:
            return self._thumbnail(film)
        if role == Qt.ItemDataRole.ToolTipRole:
            return file_tooltip(film, self.hide_patient_data) if column in (THUMB, FILE) else result_tooltip(film)
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT:
            return QColor(mark(film).colour)
        if role == Qt.ItemDataRole.FontRole and column == RESULT and mark(film).urgent:
            bold = QFont()
            bold.setBold(True)          # only the weight: the view's own font fills in the rest
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONFIDENCE, EXTENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (cell_text(film, column) or film.name).replace("\n", ", ")
        return None

    def _thumbnail(self, film: Film):
        if film.thumbnail is None or film.thumbnail.isNull():
            return None
        if film.key not in self._pixmaps:
            side = round(THUMB_LOGICAL * self._dpr)
            image = film.thumbnail.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._dpr)
            self._pixmaps[film.key] = pixmap
        return self._pixmaps[film.key]
