"""The app emits thousands of signals in a batch; each must leave True's reference count alone."""

import sys

from PySide6.QtCore import QObject, Signal

from desktop.ui import pyside_fixes  # noqa: F401  (what the app imports first)


class Emitter(QObject):
    done = Signal(str, object)
    flag = Signal(bool)


def test_emit_does_not_drain_true(qapp):
    emitter = Emitter()
    emitter.done.connect(lambda path, outcome: None)
    emitter.flag.connect(lambda value: None)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(5000):
        emitter.done.emit("film.png", None)
        emitter.flag.emit(False)
    assert sys.getrefcount(True) >= before_true - 10
    assert sys.getrefcount(False) >= before_false - 10
