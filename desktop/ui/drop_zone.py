"""DropZone: where files and folders are dropped (or opened), and where "no model" is said.

``local_paths`` is shared with the main window, which accepts drops anywhere on it.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QFrame


def local_paths(mime) -> list[str]:
    """The local files/folders in a drag's data (web links and the like are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropZone(QFrame):
    paths_dropped = Signal(list)
    empty_drop = Signal()
    open_files_requested = Signal()
    open_folder_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drop zone for chest X-ray files and folders"))
        self.message = QLabel()
        self.message.setObjectName("dropMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_files_button = QPushButton(self.tr("Open files…"))
        self.open_files_button.setAccessibleName(self.tr("Open files"))
        self.open_folder_button = QPushButton(self.tr("Open folder…"))
        self.open_folder_button.setAccessibleName(self.tr("Open folder"))
        self.open_files_button.clicked.connect(self.open_files_requested)
        self.open_folder_button.clicked.connect(self.open_folder_requested)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_files_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.set_ready(False, self.tr("Loading model…"))

    def set_ready(self, ready: bool, message: str | None = None) -> None:
        """Ready: drops and opening work. Not ready: say why (loading, no model, broken model)."""
        self._ready = ready
        self.setProperty("state", "ready" if ready else "blocked")
        self.message.setText(message or self.tr("Drop chest X-ray files or folders here\n"
                                                "PNG · JPEG · TIFF · BMP · DICOM"))
        self.open_files_button.setEnabled(ready)
        self.open_folder_button.setEnabled(ready)
        for widget in (self, self.message):      # descendant selectors need the child re-polished
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    @property
    def ready(self) -> bool:
        return self._ready

    def set_highlight(self, on: bool) -> None:
        self.setProperty("hover", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event) -> None:
        if self._ready and event.mimeData().hasUrls():
            self.set_highlight(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self.set_highlight(False)

    def dropEvent(self, event) -> None:
        self.set_highlight(False)
        if not self._ready:
            event.ignore()
            return
        paths = local_paths(event.mimeData())
        event.acceptProposedAction()
        if paths:
            self.paths_dropped.emit(paths)
        else:
            self.empty_drop.emit()
