"""PyInstaller runtime hook (build.spec: runtime_hooks): runs in the frozen app before desktop/__main__.py.

Two onnxruntime freezing traps, handled before any application code runs:

1. Windows DLL search. The bundle keeps onnxruntime's DLLs in ``_internal/onnxruntime/capi``; Python 3.8+
   no longer searches PATH for a .pyd's dependent DLLs, and Windows 10/11 ships an older
   ``C:\\Windows\\System32\\onnxruntime.dll`` (Windows ML) that must never be picked up for a DLL the
   bundle should provide (onnxruntime_providers_shared.dll, or onnxruntime.dll in builds whose extension
   links it). So the bundle's folders are added with ``os.add_dll_directory`` (handles kept alive).
2. Import order. PySide6 brings its own MSVC runtime (msvcp140*.dll); if Qt is loaded first, onnxruntime's
   extension can fail with "DLL load failed while importing onnxruntime_pybind11_state". Importing
   onnxruntime here, before the first ``import PySide6``, makes the order independent of the code paths
   (the app needs the module anyway; ``predict`` and ``--self-test`` import it first in any case).
"""

import os
import sys

_cxr_triage_dll_dirs = []

if sys.platform == "win32" and hasattr(sys, "_MEIPASS"):
    for _folder in (os.path.join(sys._MEIPASS, "onnxruntime", "capi"), sys._MEIPASS):
        if os.path.isdir(_folder):
            try:
                _cxr_triage_dll_dirs.append(os.add_dll_directory(_folder))
            except OSError:
                pass
    sys._cxr_triage_dll_dirs = _cxr_triage_dll_dirs   # keep the handles: closing one removes the folder

try:
    import onnxruntime  # noqa: F401  (before Qt: see 2. above)
except ImportError:
    # Not fatal here: the app and the CLI report an unusable runtime with their own sentence.
    pass
