"""The pieces both site dialogs lay their outcome out with: the framed sentences that come first, bold
headings, and read-only tables of figures.

Why tables exactly as tall as their rows: the dialog's one scroll area scrolls the whole outcome, so a
reader never meets a table that scrolls inside a page that scrolls.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

PANEL_STYLE = "QLabel#{name} {{ background: #f4f6f8; border: 1px solid #d0d4da; padding: 8px; }}"


def read_only_table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    """A read-only table exactly as tall as its rows: the dialog's scroll area scrolls, not each table."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + sum(table.rowHeight(r) for r in range(len(rows)))
    table.setFixedHeight(height + 2 * table.frameWidth() + 2)
    return table


def bold_label(text: str) -> QLabel:
    """A heading over a table, or the outcome's first line: plain text, wrapped."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def sentences_panel(sentences, name: str, scale: float = 1.2) -> QLabel:
    """The sentences a clinic acts on, one paragraph each, in a framed box and a larger font."""
    label = QLabel("".join(f"<p>{html.escape(line)}</p>" for line in sentences))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setStyleSheet(PANEL_STYLE.format(name=name))
    return label
