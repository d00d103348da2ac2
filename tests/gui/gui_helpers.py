"""Helpers for the GUI tests: real drag-and-drop events and waiting for the worklist."""

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

RESULT_TIMEOUT_MS = 20_000


def drop_urls(widget, paths) -> QDropEvent:
    """Drag ``paths`` over ``widget`` and drop them: the events Qt sends for a real drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return drop_mime(widget, mime)


def drop_mime(widget, mime: QMimeData) -> QDropEvent:
    centre = QPointF(widget.rect().center())
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the drag"
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def wait_until_idle(qtbot, window, timeout=RESULT_TIMEOUT_MS) -> None:
    """Every film in the worklist has reached a final state."""
    model = window.worklist.worklist_model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not window.queue.busy
                    and model.count("queued", "running") == 0, timeout=timeout)


def statuses(window) -> dict:
    return {f.name: f.status for f in window.worklist.worklist_model.films()}

