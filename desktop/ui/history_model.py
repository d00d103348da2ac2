"""HistoryModel: the stored results as a table, read from SQLite a page at a time.

Why a model rather than a QTableWidget: the widget needed ~11 Qt calls per row (an item per cell, a
tooltip, an alignment), each of which took a reference from None under PySide6 6.12 on CPython 3.11
(see pyside_fixes), and a 1,000-row history aborted the app on the first click on History. Here a
refresh is one model reset whatever the history's length; a cell's text is computed only when it is
on screen; and rows come from SQLite in pages of PAGE_ROWS (keyset: older than the last row loaded)
as the view scrolls to the end (canFetchMore / fetchMore), so opening 20,000 results reads 500.
The Site column names the site profile a result was made with (empty: the model's own head); its tooltip
gives the profile's films and date and the model's own probabilities.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from desktop.engine.history import PAGE_ROWS, HistoryEntry, HistoryStore
from desktop.ui.site_wording import entry_site_summary, model_own_line
from desktop.ui.wording import class_name, percent, status_in_words
from desktop.ui.worklist_model import STATUS_COLOURS
from desktop.engine.local_time import local_time_text

KEEP_ON_REFRESH = 2_000     # rows read again by a refresh that keeps the scroll position (~20 ms)

# Column titles, translated where shown (headerData).
COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "Date"), QT_TRANSLATE_NOOP("HistoryModel", "File"),
           QT_TRANSLATE_NOOP("HistoryModel", "Status"), QT_TRANSLATE_NOOP("HistoryModel", "Result"),
           QT_TRANSLATE_NOOP("HistoryModel", "Top p"), QT_TRANSLATE_NOOP("HistoryModel", "Severity"),
           QT_TRANSLATE_NOOP("HistoryModel", "Model"), QT_TRANSLATE_NOOP("HistoryModel", "Site"))
DATE, FILE, STATUS, RESULT, TOP_P, SEVERITY, MODEL, SITE = range(len(COLUMNS))


class HistoryModel(QAbstractTableModel):
    """``store`` returns the HistoryStore to read (opened when first needed, on this thread)."""

    def __init__(self, store: Callable[[], HistoryStore], parent=None):
        super().__init__(parent)
        self._store = store
        self._filters: dict = {"text": "", "status": None, "label": None}
        self._entries: list[HistoryEntry] = []
        self._more = False
        self._matching = 0
        self._total = 0

    # -- queries -----------------------------------------------------------------------------

    def filters(self) -> dict:
        """The search and filters of the rows shown: ``text``, ``status``, ``label``."""
        return dict(self._filters)

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def loaded(self) -> list[HistoryEntry]:
        """The rows read so far (the first pages); ``matching()`` says how many there are in all."""
        return list(self._entries)

    def matching(self) -> int:
        return self._matching

    def total(self) -> int:
        return self._total

    # -- loading -----------------------------------------------------------------------------

    def reload(self, text: str = "", status: str | None = None, label: str | None = None) -> None:
        """Read the first page again (as many rows as were loaded, up to KEEP_ON_REFRESH, when the filters
        are the same: a refresh during a batch keeps what the user scrolled to)."""
        filters = {"text": text, "status": status, "label": label}
        keep = min(len(self._entries), KEEP_ON_REFRESH) if filters == self._filters else 0
        limit = max(PAGE_ROWS, -(-keep // PAGE_ROWS) * PAGE_ROWS)
        store = self._store()
        entries = store.page(**filters, limit=limit)        # read before the reset: an error leaves the old rows
        matching = store.count(**filters)
        total = store.count() if any(filters.values()) else matching
        self.beginResetModel()
        self._filters, self._entries, self._more = filters, entries, len(entries) == limit
        self._matching, self._total = matching, total
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self._more or not self._entries:
            return
        rows = self._store().page(**self._filters, before_id=self._entries[-1].id)
        self._more = len(rows) == PAGE_ROWS
        if rows:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._entries += rows
            self.endInsertRows()

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HistoryModel", COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (FILE, RESULT):
            return self._text(entry, column) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == SITE and entry.site:
            return "\n".join(line for line in (entry_site_summary(entry), model_own_line(entry)) if line)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TOP_P, SEVERITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return STATUS_COLOURS.get(entry.status)
        return None

    def _text(self, e: HistoryEntry, column: int) -> str:
        done = e.status == "done"
        if column == DATE:
            return local_time_text(e.created)   # the report's format: local time with its zone
        if column == FILE:
            return e.file_path
        if column == STATUS:
            return status_in_words(e.status)
        if column == RESULT:
            if e.status == "error":
                return e.error or ""
            if e.status == "rejected":
                return self.tr("Not a frontal chest X-ray")
            return class_name(e.label) if e.label else ""
        if column == TOP_P:
            return percent(max(e.probabilities.values())) if done and e.probabilities else ""
        if column == SEVERITY:
            return percent(e.severity) if done else ""
        if column == SITE:
            return e.site or ""
        return e.model_version
