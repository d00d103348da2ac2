"""The worklist's short columns hold their longest text: no "re…ed" or "Not …-ray" at the default size."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from desktop.ui.worklist import Worklist
from desktop.ui.worklist_model import CONFIDENCE, EXTENT, RESULT
from desktop.ui.worklist_text import short_texts


def _cut_texts(worklist: Worklist) -> list[str]:
    """Texts (cell lines or header) wider than their column, measured in the worklist's own font (bold
    where the cell or header is drawn bold)."""
    bold = QFont(worklist.font())
    bold.setBold(True)
    metrics = {False: worklist.fontMetrics(), True: QFontMetrics(bold)}
    header, model = worklist.horizontalHeader(), worklist.worklist_model
    cut = []
    for column in (RESULT, CONFIDENCE, EXTENT):
        texts = [*short_texts(column), (model.headerData(column, Qt.Orientation.Horizontal), True)]
        cut += [t for t, b in texts if metrics[b].horizontalAdvance(t) + 8 > header.sectionSize(column)]
    return cut


def test_every_result_word_fits_its_column(qtbot):
    worklist = Worklist()
    qtbot.addWidget(worklist)
    worklist.resize(400, 300)
    worklist.show()
    words = {text for text, _ in short_texts(RESULT)}
    assert {"⊘ Withheld", "✕ Unreadable", "● Pneumonia", "▲ COVID-19", "○ Normal", "? Uncertain", "Not read"} <= words
    assert worklist.worklist_model.headerData(CONFIDENCE, Qt.Orientation.Horizontal) == "Confidence"
    assert worklist.worklist_model.headerData(EXTENT, Qt.Orientation.Horizontal) == "Extent"
    assert _cut_texts(worklist) == []


def test_columns_follow_a_larger_font(qtbot):
    worklist = Worklist()
    qtbot.addWidget(worklist)
    before = worklist.horizontalHeader().sectionSize(RESULT)
    font = QFont(worklist.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    worklist.setFont(font)
    assert worklist.horizontalHeader().sectionSize(RESULT) > before
    assert _cut_texts(worklist) == []
