"""ONNX export: checkpoint -> the contract's single graph (calibrated probabilities, severity,
in-graph Grad-CAM heatmap, OOD score) with metadata and a checksum file.

Imports torch; the desktop never imports this package.
"""

from export.onnx_export import ExportError, ExportReport, export_checkpoint

__all__ = ["ExportError", "ExportReport", "export_checkpoint"]
