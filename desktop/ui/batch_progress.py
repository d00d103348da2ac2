"""BatchProgress: the progress bar and Cancel button under the worklist.

Why throttled: 20,000 unreadable files finish in about a millisecond each, and a repaint of the
bar per film would cost more than reading them; the bar shows the latest count at most every
``INTERVAL_MS`` and exactly at the end of a run (``flush``).
"""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

INTERVAL_MS = 100


class BatchProgress(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Batch progress"))
        self.bar.setTextVisible(True)
        self.bar.setFormat(self.tr("%v of %m"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the batch"))
        self.cancel_button.setToolTip(self.tr("Stop after the film being read now"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self._values = (0, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.flush)
        self.setVisible(False)

    def set_progress(self, done: int, total: int) -> None:
        self._values = (done, total)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        done, total = self._values
        # QProgressBar.setValue repaints synchronously; with updates off it only schedules a paint,
        # so a fast batch never makes the event loop wait on the progress bar.
        self.bar.setUpdatesEnabled(False)
        self.bar.setMaximum(max(1, total))
        self.bar.setValue(done)
        self.bar.setUpdatesEnabled(True)
