"""Worklist: the table of this session's films, most urgent first; selecting a row shows that film.

Rows are in the model's sorted order (the model sorts itself, see worklist_model.py), so a row here
is a row there. The window owns the actions (remove, clear, sort, first/last film): it adds them to
the table's context menu and its own menus, so a shortcut and a menu entry are one action.
"""

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.file_name_delegate import FileNameDelegate
from desktop.ui.film import Film
from desktop.ui.worklist_model import (ASCENDING, CONFIDENCE, EXTENT, FILE, RESULT, THUMB, THUMB_LOGICAL,
                                       WorklistModel)
from desktop.ui.worklist_text import short_texts

SHORT_COLUMNS = (RESULT, CONFIDENCE, EXTENT)


class Worklist(QTableView):
    current_film_changed = Signal(object)       # Film or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("worklist")
        self.setAccessibleName(self.tr("Worklist"))
        self.worklist_model = WorklistModel(self)
        self.setModel(self.worklist_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setItemDelegateForColumn(FILE, FileNameDelegate(self))
        self.setIconSize(QSize(THUMB_LOGICAL, THUMB_LOGICAL))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.verticalHeader().setVisible(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setDefaultSectionSize(THUMB_LOGICAL + 8)     # two lines of text fit too
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(THUMB, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(THUMB, THUMB_LOGICAL + 6)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        for column in SHORT_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(RESULT, ASCENDING)
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sorted)
        self._fit_short_columns()
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _fit_short_columns(self) -> None:
        """Result, Confidence and Extent as wide as the longest text they can hold in this font (an
        urgent call in bold, as it is drawn); the sorted one has room for its arrow too. The File column
        takes the rest: every pixel these columns do not need is a character more of a file name."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = {False: self.fontMetrics(), True: QFontMetrics(bold)}
        header = self.horizontalHeader()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
        for column in SHORT_COLUMNS:
            title = self.worklist_model.headerData(column, Qt.Orientation.Horizontal)
            texts = [*short_texts(column), (title, True)]     # headers are bold
            width = max(metrics[b].horizontalAdvance(text) for text, b in texts) + padding
            if column == header.sortIndicatorSection():
                width = max(width, header.sectionSizeHint(column))
            header.resizeSection(column, width)

    def _on_sorted(self) -> None:
        self._fit_short_columns()
        self.scrollTo(self.currentIndex())      # the film being looked at stays in view

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_short_columns()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        self.worklist_model.set_device_pixel_ratio(self.devicePixelRatioF())
        super().showEvent(event)

    # -- the current film and the selection --------------------------------------------------------

    def current_film(self) -> Film | None:
        index = self.currentIndex()
        return self.worklist_model.film(index.row()) if index.isValid() else None

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})

    def selected_films(self) -> list[Film]:
        films = [self.worklist_model.film(r) for r in self.selected_rows()]
        return [f for f in films if f is not None] or ([self.current_film()] if self.current_film() else [])

    def select_row(self, row: int) -> None:
        if 0 <= row < self.worklist_model.rowCount():
            index = self.worklist_model.index(row, FILE)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index)

    def select_film(self, path_or_key) -> None:
        self.select_row(self.worklist_model.row_of(path_or_key))

    def select_next(self) -> None:
        self.select_row(self.currentIndex().row() + 1 if self.currentIndex().isValid() else 0)

    def select_previous(self) -> None:
        if self.currentIndex().isValid():
            self.select_row(max(0, self.currentIndex().row() - 1))

    def select_first(self) -> None:
        self.select_row(0)

    def select_last(self) -> None:
        self.select_row(self.worklist_model.rowCount() - 1)

    def sort_by_priority(self) -> None:
        self.sortByColumn(RESULT, ASCENDING)

    # -- removing -------------------------------------------------------------------------------------

    def remove_selected(self) -> tuple[int, int]:
        """Remove the selected rows; returns (removed, kept: films still waiting or being read). The row
        that takes the first removed one's place becomes current, so Delete can be pressed again."""
        rows = self.selected_rows() or ([self.currentIndex().row()] if self.currentIndex().isValid() else [])
        removed = self.worklist_model.remove_rows(rows)
        if removed:
            self.select_row(min(rows[0], self.worklist_model.rowCount() - 1))
        return removed, len(rows) - removed

    def clear_finished(self) -> tuple[int, int]:
        total = self.worklist_model.rowCount()
        removed = self.worklist_model.clear()
        self.select_row(0)
        return removed, total - removed

    def _on_current_changed(self, current, previous) -> None:
        self.current_film_changed.emit(self.worklist_model.film(current.row()) if current.isValid() else None)
