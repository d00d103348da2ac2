"""HistoryPanel: every result ever stored, searchable, filterable, exportable as CSV.

Reads through its own HistoryStore connection on the GUI thread (WAL: the worker's
writes never block it). Refreshes lazily: only when visible, at most every 300 ms.
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.engine.history import HistoryEntry, HistoryStore
from desktop.ui.wording import class_name, percent, status_in_words

HEADERS = ("Date (UTC)", "File", "Status", "Result", "Top p", "Severity", "Model")


class HistoryPanel(QWidget):
    open_requested = Signal(str)            # a file path to show again in the worklist
    export_requested = Signal()

    def __init__(self, db_path, parent=None):
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self._db_path = db_path
        self._store: HistoryStore | None = None
        self._entries: list[HistoryEntry] = []
        self._stale = True

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search file, result or model…"))
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
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setAccessibleName(self.tr("History of results"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((160, 0, 80, 200, 60, 70, 160)):
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
        self.table.itemDoubleClicked.connect(self._on_double_click)

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

    def entries(self) -> list[HistoryEntry]:
        """What the table shows now (the CSV export writes exactly these)."""
        return list(self._entries)

    def refresh(self) -> None:
        self._stale = False
        self._entries = self.store().search(text=self.search.text().strip(),
                                            status=self.status_filter.currentData(),
                                            label=self.label_filter.currentData())
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(self._entries))
        for row, e in enumerate(self._entries):
            ok = e.status == "done"
            result = (class_name(e.label) if ok and e.label else
                      (e.error or "") if e.status == "error" else self.tr("Not a frontal chest X-ray"))
            top = max(e.probabilities.values()) if ok and e.probabilities else None
            cells = (e.created.replace("T", " ")[:19], e.file_path, status_in_words(e.status), result,
                     percent(top) if ok else "", percent(e.severity) if ok else "", e.model_version)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column in (1, 3):
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setUpdatesEnabled(True)
        total = self.store().count()
        self.count_label.setText(self.tr("{shown} of {total} results").format(shown=len(self._entries), total=total))

    def _on_double_click(self, item: QTableWidgetItem) -> None:
        if 0 <= item.row() < len(self._entries):
            self.open_requested.emit(self._entries[item.row()].file_path)
