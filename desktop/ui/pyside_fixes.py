"""Work around a PySide6 reference-count bug: ``SignalInstance.emit`` returns ``True`` without a
new reference, so every ``.emit()`` from Python takes one reference from ``True``.

Why it matters: before Python 3.12 ``True`` is not immortal; after a few thousand emits (a
500-film batch) its count reaches zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"). Seen with PySide6 6.12 on CPython 3.11. We detect the bug with a probe at
import and, only if present, give the reference back after each emit. Adding a reference too
many to ``True`` is harmless; one too few is a crash.
"""

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference(rounds: int = 16) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    return sys.getrefcount(True) < before - rounds // 2


def _install() -> bool:
    if getattr(SignalInstance.emit, "_cxr_refcount_fix", False) or not _emit_drops_a_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self, *args):
        result = original(self, *args)
        incref(result)          # the reference emit() should have given us
        return result

    emit._cxr_refcount_fix = True
    SignalInstance.emit = emit
    return True


INSTALLED = _install()
