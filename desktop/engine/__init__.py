"""Qt-free, torch-free engine: image loading, preprocessing, the ONNX predictor, history and reports."""

from desktop.engine.errors import ModelError, TriageError, XrayReadError
from desktop.engine.imaging import ImageRecord, load_xray
from desktop.engine.contract import resize_to_model, to_model_input

__all__ = ["ImageRecord", "ModelError", "TriageError", "XrayReadError", "load_xray",
           "resize_to_model", "to_model_input"]
