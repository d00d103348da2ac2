"""ProbabilityBars: one labelled bar per class for the calibrated probabilities."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from desktop.ui.wording import class_name, decimal_percent


class ProbabilityBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Class probabilities"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self._rows: dict[str, tuple[QLabel, QProgressBar, QLabel]] = {}

    def set_probabilities(self, probabilities: dict | None) -> None:
        probabilities = probabilities or {}
        if list(probabilities) != list(self._rows):
            self._rebuild(list(probabilities))
        top = max(probabilities, key=probabilities.get) if probabilities else None
        for name, (label, bar, number) in self._rows.items():
            value = probabilities.get(name)
            text = decimal_percent(value)
            bar.setValue(0 if value is None else round(1000 * value))
            number.setText(text)        # beside the bar, not on it: readable on any fill
            for widget in (bar, label, number):          # re-apply the style for the "top" property
                widget.setProperty("top", name == top)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            bar.setAccessibleDescription(text)

    def values(self) -> dict:
        return {name: bar.value() / 1000 for name, (_, bar, _) in self._rows.items()}

    def _rebuild(self, classes: list[str]) -> None:
        for row in self._rows.values():
            for widget in row:
                widget.deleteLater()
        self._rows = {}
        for row, name in enumerate(classes):
            label = QLabel(class_name(name))
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setAccessibleName(self.tr("Probability of {name}").format(name=class_name(name)))
            number = QLabel()
            number.setMinimumWidth(52)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(bar, row, 1)
            self._grid.addWidget(number, row, 2)
            self._rows[name] = (label, bar, number)
        self._grid.setColumnStretch(1, 1)
