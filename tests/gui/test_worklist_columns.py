"""The worklist's short columns hold their longest text: no "re…ed" or "Not …-ray" at the default size."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.ui.worklist import Worklist
from desktop.ui.worklist_model import RESULT, SEVERITY, STATUS, TOP_P


def _cut_texts(worklist: Worklist) -> list[str]:
    """Texts (cell or header) wider than their column, measured in the worklist's own font."""
    metrics, header, model = worklist.fontMetrics(), worklist.horizontalHeader(), worklist.worklist_model
    cut = []
    for column in (STATUS, RESULT, TOP_P, SEVERITY):
        texts = model.short_texts(column)
        texts.append(model.headerData(column, Qt.Orientation.Horizontal))
        cut += [t for t in texts if metrics.horizontalAdvance(t) + 8 > header.sectionSize(column)]
    return cut


def test_every_status_and_result_word_fits_its_column(qtbot):
    worklist = Worklist()
    qtbot.addWidget(worklist)
    worklist.resize(400, 300)
    worklist.show()
    assert {"rejected", "cancelled", "running"} <= set(worklist.worklist_model.short_texts(STATUS))
    assert {"Withheld", "Pneumonia", "COVID-19"} <= set(worklist.worklist_model.short_texts(RESULT))
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
