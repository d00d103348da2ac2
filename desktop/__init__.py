"""CXR Triage desktop side: a Qt-free engine (``desktop.engine``) and the Qt UI (``desktop.ui``).

Nothing under ``desktop`` imports torch: the app runs on onnxruntime alone.
"""
