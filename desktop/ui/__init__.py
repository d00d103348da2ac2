"""The Qt desktop app: a thin layer of widgets over ``desktop.engine`` (one widget per file)."""

from desktop.ui import pyside_fixes  # noqa: F401  (must run before any signal is emitted)
