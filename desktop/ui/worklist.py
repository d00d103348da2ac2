"""Worklist: the table of this session's films; selecting a row shows that film."""

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.film import Film
from desktop.ui.worklist_model import FILE, RESULT, SEVERITY, STATUS, THUMB, THUMB_LOGICAL, TOP_P, WorklistModel


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
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setIconSize(QSize(THUMB_LOGICAL, THUMB_LOGICAL))
        self.verticalHeader().setVisible(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setDefaultSectionSize(THUMB_LOGICAL + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(THUMB, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(THUMB, THUMB_LOGICAL + 8)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        for column in (STATUS, RESULT, TOP_P, SEVERITY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fit_short_columns()
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _fit_short_columns(self) -> None:
        """Status, Result, Top p and Sev. as wide as the longest text they can hold in this font,
        so "rejected" or "Pneumonia" is never cut; the File column takes the rest."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
        for column in (STATUS, RESULT, TOP_P, SEVERITY):
            texts = self.worklist_model.short_texts(column)
            texts.append(self.worklist_model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + padding)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_short_columns()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        self.worklist_model.set_device_pixel_ratio(self.devicePixelRatioF())
        super().showEvent(event)

    def current_film(self) -> Film | None:
        index = self.currentIndex()
        return self.worklist_model.film(index.row()) if index.isValid() else None

    def selected_films(self) -> list[Film]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        films = [self.worklist_model.film(r) for r in rows]
        return [f for f in films if f is not None] or ([self.current_film()] if self.current_film() else [])

    def select_row(self, row: int) -> None:
        if 0 <= row < self.worklist_model.rowCount():
            index = self.worklist_model.index(row, FILE)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index)

    def select_next(self) -> None:
        self.select_row(self.currentIndex().row() + 1 if self.currentIndex().isValid() else 0)

    def select_previous(self) -> None:
        if self.currentIndex().isValid():
            self.select_row(max(0, self.currentIndex().row() - 1))

    def _on_current_changed(self, current, previous) -> None:
        self.current_film_changed.emit(self.worklist_model.film(current.row()) if current.isValid() else None)
