"""The app emits thousands of signals and calls Qt thousands of times in a batch: neither may use up the
references of True or None (a PySide6 6.12 bug on CPython 3.11 aborts the interpreter when they do)."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QProgressBar, QScrollBar

from desktop.ui import pyside_fixes  # noqa: F401  (what the app imports first)

REPO = Path(__file__).resolve().parents[2]


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


def test_none_returning_calls_do_not_abort_the_interpreter(tmp_path):
    """Reproduction (issue 20, finding 1): 20,000 calls of a Qt method that returns nothing. Before: each
    took a reference from None (PySide6 6.12 on CPython 3.11) and the interpreter aborted ("Fatal Python
    error: none_dealloc", exit 134) once the ~5,000 references None starts with were used up. Run in a
    subprocess, so the abort cannot take pytest with it."""
    script = ("import desktop.ui\n"
              "from PySide6.QtCore import QObject\n"
              "o = QObject()\n"
              "for _ in range(20000):\n"
              "    o.setObjectName('x')\n"
              "import gc; gc.collect()\n"
              "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO)))
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_the_calls_the_app_makes_in_loops_leave_none_alone(qapp):
    """The calls the History tab, the worklist and the status bar make per row, per refresh or per film
    give None back its reference (the reserve is a safety net; these keep its count exact)."""
    window = QMainWindow()
    label, bar, model, combo = QLabel(), window.statusBar(), Model(), QComboBox()
    combo.addItem("All results", None)
    calls = {
        "QLabel.setText": lambda: label.setText("12 of 20 results"),
        "QWidget.setToolTip": lambda: label.setToolTip("tip"),
        "QStatusBar.showMessage": lambda: bar.showMessage("History exported", 100),
        "QProgressBar.setValue": lambda: QProgressBar().setValue(3),
        "QComboBox.currentData (None)": lambda: combo.currentData(),
        "QScrollBar.setValue": lambda: QScrollBar().setValue(0),
        "reset model": lambda: (model.beginResetModel(), model.endResetModel()),
        "insert rows": lambda: (model.beginInsertRows(QModelIndex(), 1, 1), model.endInsertRows()),
    }
    for name, call in calls.items():
        call()
        before = sys.getrefcount(None)
        for _ in range(200):
            call()
        assert sys.getrefcount(None) >= before - 10, name


class Talker(QObject):
    two = Signal(str, int)
    clicked = Signal(bool)


def test_compensated_methods_still_work_as_slots_and_take_keywords(qapp):
    """A signal connected straight to a compensated method gets the C++ slot's behaviour: as many of the
    signal's arguments as the method takes (a (str, int) signal sets a label's text from the str)."""
    talker, label, window, progress = Talker(), QLabel(), QMainWindow(), QProgressBar()
    bar = window.statusBar()
    talker.two.connect(label.setText)
    talker.two.connect(bar.showMessage)
    talker.clicked.connect(bar.clearMessage)
    talker.two.emit("12 of 20 results", 5000)
    assert label.text() == "12 of 20 results" and bar.currentMessage() == "12 of 20 results"
    talker.clicked.emit(True)
    assert bar.currentMessage() == ""
    bar.showMessage("kept", timeout=5000)
    progress.setRange(0, 10)
    progress.setValue(4)
    assert bar.currentMessage() == "kept" and progress.value() == 4
    assert QLabel.setText.__name__ == "setText"
