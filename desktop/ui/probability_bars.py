"""ProbabilityBars: one labelled bar per class for the calibrated probabilities."""

from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from desktop.ui.wording import class_name


class ProbabilityBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Class probabilities"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self._rows: dict[str, tuple[QLabel, QProgressBar]] = {}

    def set_probabilities(self, probabilities: dict | None) -> None:
        probabilities = probabilities or {}
        if list(probabilities) != list(self._rows):
            self._rebuild(list(probabilities))
        top = max(probabilities, key=probabilities.get) if probabilities else None
        for name, (label, bar) in self._rows.items():
            value = probabilities.get(name)
            bar.setValue(0 if value is None else round(1000 * value))
            bar.setFormat("—" if value is None else f"{100 * value:.1f} %")
            bar.setProperty("top", name == top)
            label.setProperty("top", name == top)
            for widget in (bar, label):                  # re-apply the style for the "top" property
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            bar.setAccessibleDescription(bar.format())

    def values(self) -> dict:
        return {name: bar.value() / 1000 for name, (_, bar) in self._rows.items()}

    def _rebuild(self, classes: list[str]) -> None:
        for label, bar in self._rows.values():
            label.deleteLater()
            bar.deleteLater()
        self._rows = {}
        for row, name in enumerate(classes):
            label = QLabel(class_name(name))
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setAccessibleName(self.tr("Probability of {name}").format(name=class_name(name)))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(bar, row, 1)
            self._rows[name] = (label, bar)
        self._grid.setColumnStretch(1, 1)
