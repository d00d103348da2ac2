"""HistoryPanel: every result ever stored, searchable, filterable, exportable as CSV.

Reads through its own HistoryStore connection on the GUI thread (WAL: the worker's
writes never block it). Refreshes lazily: only when visible, at most every 300 ms.
The table is a HistoryModel (desktop/ui/history_model.py): a page of rows at a time.
"""

import errno
import sqlite3

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from desktop.engine.history import HistoryEntry, HistoryStore
from desktop.ui.history_model import FILE, HistoryModel
from desktop.ui.history_problem import unreadable_sentence
from desktop.ui.wording import class_name, count_text

COLUMN_WIDTHS = (160, 0, 80, 200, 60, 70, 160, 140)     # 0: the file column takes what is left


class HistoryPanel(QWidget):
    open_requested = Signal(str)            # a file path to show again in the worklist
    export_requested = Signal()

    def __init__(self, db_path, parent=None):
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self._db_path = db_path
        self._store: HistoryStore | None = None
        self._stale = True

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search file, result, model or site…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search history"))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        for text, value in ((self.tr("All results"), None), (self.tr("Done"), "done"),
                            (self.tr("Rejected"), "rejected"), (self.tr("Errors"), "error")):
            self.status_filter.addItem(text, value)
        self.label_filter = QComboBox()
        self.label_filter.setAccessibleName(self.tr("Filter by result"))
        self.label_filter.addItem(self.tr("Any result"), None)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export history as CSV"))
        self.count_label = QLabel()
        self.model = HistoryModel(self.store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("History of results"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)      # a path's file name stays visible
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                self.table.horizontalHeader().resizeSection(column, width)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.label_filter)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.label_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.export_button.clicked.connect(self.export_requested)
        self.table.doubleClicked.connect(self._on_double_click)

    def set_classes(self, classes: list[str]) -> None:
        self.label_filter.blockSignals(True)
        while self.label_filter.count() > 1:
            self.label_filter.removeItem(1)
        for name in classes:
            self.label_filter.addItem(class_name(name), name)
        self.label_filter.blockSignals(False)

    def store(self) -> HistoryStore:
        if self._store is None:
            self._store = HistoryStore(self._db_path)
        return self._store

    def close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def mark_stale(self) -> None:
        """New results were written; reload when someone is looking."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def filters(self) -> dict:
        """The search and filters as typed and chosen now: ``text``, ``status``, ``label``."""
        return {"text": self.search.text().strip(), "status": self.status_filter.currentData(),
                "label": self.label_filter.currentData()}

    def entries(self) -> list[HistoryEntry]:
        """The rows read so far (the table reads more as it scrolls; the CSV export writes every match)."""
        return self.model.loaded()

    def refresh(self) -> None:
        self._stale = False
        filters = self.filters()
        same = filters == self.model.filters()
        scrolled = self.table.verticalScrollBar().value()
        try:
            self.model.reload(**filters)
        except (sqlite3.Error, OSError) as exc:   # broken since the tab was shown: say so, do not raise
            self.close_store()
            self.count_label.setText(unreadable_sentence(exc, self._db_path))
            return
        if same:
            self.table.verticalScrollBar().setValue(scrolled)
        matching, total = count_text(self.model.matching()), count_text(self.model.total())
        self.count_label.setText(self.tr("{shown} of {total} results").format(shown=matching, total=total)
                                 if any(filters.values()) else self.tr("{total} results").format(total=total))

    # -- CSV -------------------------------------------------------------------------------------

    def export_csv(self, path) -> int:
        """Every result the search and filters match (all of them without one), newest first, however
        far the table has been scrolled; returns the count. OSError when it cannot be written (the
        previous file is left as it was), a database error included."""
        try:
            return self.store().export_csv(path, **self.filters())
        except sqlite3.Error as exc:
            raise OSError(errno.EIO, self.tr("the history could not be read ({error})").format(error=exc)) from exc

    def is_filtered(self) -> bool:
        return any(self.filters().values())

    def write_error_reason(self, error: OSError) -> str:
        """Why a file could not be written, in words (for "… could not be exported to PATH: REASON.")."""
        denied = self.tr("permission was denied")
        reasons = {getattr(errno, "EDQUOT", errno.ENOSPC): self.tr("the disk quota is used up"),
                   errno.ENOSPC: self.tr("the disk is full"), errno.EACCES: denied, errno.EPERM: denied,
                   errno.EROFS: self.tr("the disk is read-only"), errno.ENOENT: self.tr("the folder does not exist"),
                   errno.EISDIR: self.tr("that name is a folder")}
        return reasons.get(error.errno) or error.strerror or str(error)

    def _on_double_click(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None:
            self.open_requested.emit(entry.file_path)
