"""Work around two PySide6 reference-count bugs (seen with PySide6 6.12 on CPython 3.11).

Before Python 3.12, ``True`` and ``None`` are not immortal: when a C extension takes away more
references than it was given, their count reaches zero and the interpreter aborts ("Fatal Python
error: bool_dealloc" / "none_dealloc"). Adding a reference too many is harmless; one too few is a
crash. Each fix is installed only if a probe at import shows the bug.

1. ``SignalInstance.emit`` returns ``True`` without a new reference: after a few thousand emits (a
   500-film batch) the app aborted. Each emit now gives the reference back.

2. Every binding that returns ``None`` (a void method such as ``QLabel.setText``, or a QVariant that
   converts to ``None`` such as ``QComboBox.currentData()``) returns it without a new reference, so
   each call takes one from ``None``. ``None`` starts with ~5,000 references in the app; a History
   table of 500 rows (11 such calls per row) or a session of 1,500 unreadable files aborted it.
   Measured (sys.getrefcount(None) before and after 100 calls): QTableWidget.setItem / setRowCount,
   QTableWidgetItem.setToolTip / setTextAlignment, QLabel.setText, QWidget.setToolTip / setVisible /
   setUpdatesEnabled, QStatusBar.showMessage / clearMessage, QProgressBar.setValue, QTimer.start /
   stop, QAbstractItemModel.beginResetModel / endResetModel / beginInsertRows / endInsertRows,
   QAbstractItemView.setModel / selectRow / scrollToBottom, QApplication.processEvents, index.data()
   for None: -1 per call each. Not affected: bindings that return anything else (True, ints, str),
   signal emits, and Python overrides called by Qt (``data()``, ``fetchMore()`` returning None).
   As the bug is in every void binding (hundreds), not in a list we could keep:
   - ``None`` gets a reserve of 2**40 references once, as CPython 3.12 makes it immortal, so no
     number of calls can bring it to zero;
   - the calls the app makes in loops (per row, per refresh, per film) give the reference back, so
     ``None``'s count stays exact where it would move most (and a test can watch it).
"""

import ctypes
import sys

from PySide6.QtCore import QAbstractItemModel, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QComboBox, QLabel, QProgressBar, QStatusBar, QWidget

NONE_RESERVE = 1 << 40

# (class, method, required, optional arguments). Non-virtual methods only: a Python attribute over a
# C++ virtual would look like an override to Qt. Each wrapper takes exactly the C++ parameters, because
# PySide gives a Python slot as many of a signal's arguments as it has parameters: a signal (str, int)
# connected to label.setText must still call setText(str). Not QTimer.start: its overloads start() and
# start(msec) cannot both be mirrored (clicked(bool) would become start(0)); the reserve covers it.
CALLS_IN_LOOPS = (
    *((QAbstractItemModel, name, 0, 0) for name in ("beginResetModel", "endResetModel", "endInsertRows",
                                                     "endRemoveRows")),
    (QAbstractItemModel, "beginInsertRows", 3, 0), (QAbstractItemModel, "beginRemoveRows", 3, 0),
    (QLabel, "setText", 1, 0), (QAbstractButton, "setText", 1, 0),
    (QWidget, "setToolTip", 1, 0), (QWidget, "setEnabled", 1, 0),
    (QComboBox, "currentData", 0, 1), (QComboBox, "itemData", 1, 1),    # None for "All results"
    (QStatusBar, "showMessage", 1, 1), (QStatusBar, "clearMessage", 0, 0),
    (QProgressBar, "setValue", 1, 0), (QProgressBar, "setRange", 2, 0), (QProgressBar, "setMaximum", 1, 0),
    (QProgressBar, "setFormat", 1, 0),
    (QAbstractSlider, "setValue", 1, 0),                # a scroll bar put back after a refresh
)
_OMITTED = object()

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_decref = ctypes.pythonapi.Py_DecRef
_decref.argtypes = [ctypes.py_object]
_decref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference(rounds: int = 16) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    return sys.getrefcount(True) < before - rounds // 2


def _void_calls_drop_none(rounds: int = 16) -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(rounds):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - rounds // 2


def _install_emit_fix() -> bool:
    if getattr(SignalInstance.emit, "_cxr_refcount_fix", False) or not _emit_drops_a_reference():
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        _incref(result)         # the reference emit() should have given us
        return result

    emit._cxr_refcount_fix = True
    SignalInstance.emit = emit
    return True


def _gives_none_back(method, required: int, optional: int):
    """``method`` with its C++ parameters (``required``, then ``optional`` ones) that gives back the
    reference to None the binding takes."""
    def call(self, args, kwargs):
        result = method(self, *[a for a in args if a is not _OMITTED], **kwargs)
        if result is None:
            _incref(None)       # the reference the binding should have given us
        return result

    # **kw: Qt's keyword names (showMessage(text, timeout=...)); PySide counts positional parameters only.
    shapes = {(0, 0): lambda self, **kw: call(self, (), kw),
              (1, 0): lambda self, a=_OMITTED, **kw: call(self, (a,), kw),
              (2, 0): lambda self, a=_OMITTED, b=_OMITTED, **kw: call(self, (a, b), kw),
              (3, 0): lambda self, a=_OMITTED, b=_OMITTED, c=_OMITTED, **kw: call(self, (a, b, c), kw),
              (0, 1): lambda self, a=_OMITTED, **kw: call(self, (a,), kw),
              (1, 1): lambda self, a=_OMITTED, b=_OMITTED, **kw: call(self, (a, b), kw)}
    wrapper = shapes[required, optional]
    wrapper.__name__, wrapper.__qualname__, wrapper.__doc__ = method.__name__, method.__qualname__, method.__doc__
    wrapper._cxr_refcount_fix = True
    return wrapper


def _give_none_a_reserve() -> int:
    """Add NONE_RESERVE to None's reference count, where its header can be checked to be the one we
    think (CPython's ob_refcnt first); else a smaller reserve, one Py_IncRef at a time."""
    field = ctypes.c_ssize_t.from_address(id(None))
    before = field.value
    _incref(None)
    moved = field.value - before
    _decref(None)
    if sys.implementation.name == "cpython" and moved == 1 and field.value == before:
        field.value += NONE_RESERVE
        return NONE_RESERVE
    for _ in range(1_000_000):
        _incref(None)
    return 1_000_000


def _install_none_fix() -> bool:
    if getattr(QLabel.setText, "_cxr_refcount_fix", False) or not _void_calls_drop_none():
        return False
    _give_none_a_reserve()
    for cls, name, required, optional in CALLS_IN_LOOPS:
        setattr(cls, name, _gives_none_back(cls.__dict__[name], required, optional))
    return True


INSTALLED = _install_emit_fix()
NONE_FIX_INSTALLED = _install_none_fix()
