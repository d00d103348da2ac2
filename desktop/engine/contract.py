"""The model contract of ``../shared/docs/architecture.md`` in one place: the class list, the tensor names, the
metadata keys, the one preprocessing and the one decision rule.

The trainer, the export and the desktop all import this module, so what the trainer evaluates, what the
export writes and what the app reads cannot drift apart. It imports NumPy and Pillow only: no Qt, no
PyTorch, no onnxruntime.
"""

import numpy as np
from PIL import Image

CLASSES = ("normal", "pneumonia", "covid19")
# Each class as a person reads it, in English (the app's own words go through Qt's translations).
DISPLAY_NAMES = {"normal": "Normal", "pneumonia": "Pneumonia", "covid19": "COVID-19"}

INPUT_NAME = "image"
OUTPUT_NAMES = ("probabilities", "severity", "heatmap", "ood_score")
# Optional: the features the class head reads; a model without it cannot be adapted to a site.
EMBEDDING_OUTPUT = "embedding"

REQUIRED_METADATA = ("classes", "input_size", "model_version", "architecture", "temperature", "ood_threshold",
                     "severity_definition", "decision_thresholds", "metrics", "training_manifest_sha256", "created")
JSON_METADATA = ("classes", "decision_thresholds", "metrics")
# With the embedding output: {"weight": [[...] x C], "bias": [...]}, the graph's own class-head weights.
CLASS_HEAD_METADATA = "class_head"
# How closely that head applied to the embedding must give the probabilities.
CLASS_HEAD_TOLERANCE = 1e-5


# --- preprocessing ---------------------------------------------------------------------------------

def resize_to_model(image: Image.Image, size: int) -> np.ndarray:
    """Whole image (no crop) -> 8-bit grayscale "L" -> Pillow BILINEAR to size x size; uint8 [S, S].

    The training cache stores exactly this array; ``to_model_input`` divides it by 255.
    """
    gray = image if image.mode == "L" else image.convert("L")
    return np.asarray(gray.resize((size, size), Image.BILINEAR), dtype=np.uint8)


def to_model_input(image: Image.Image, size: int) -> np.ndarray:
    """The contract's input for one image: float32 [1, S, S] in [0, 1]."""
    return uint8_to_model_input(resize_to_model(image, size))


def uint8_to_model_input(pixels: np.ndarray) -> np.ndarray:
    """uint8 [..., S, S] from ``resize_to_model`` -> float32 [..., 1, S, S] / 255."""
    return (pixels.astype(np.float32) / 255.0)[..., None, :, :]


# --- the class head --------------------------------------------------------------------------------

def class_head_probabilities(embedding: np.ndarray, head: dict, temperature: float) -> np.ndarray:
    """softmax((embedding @ W.T + b) / T), in float64: a class head applied to the contract's embedding
    (the model's own head from its metadata, or a site profile's)."""
    logits = (np.asarray(embedding, np.float64) @ np.asarray(head["weight"], np.float64).T
              + np.asarray(head["bias"], np.float64)) / float(temperature)
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


# --- the decision rule -----------------------------------------------------------------------------
# A class with an operating point is called once its probability reaches the threshold (the most
# probable such class if several do); otherwise the arg-max of the classes without one. The trainer
# scores its test split with ``decide`` and the app calls films with ``decide_label``: one rule.

def operating_points(decision_thresholds: dict, classes=CLASSES) -> dict:
    """The usable part of metadata ``decision_thresholds``: class -> probability threshold.

    Accepts ``{"covid19": 0.3}`` or ``{"covid19": {"threshold": 0.3, ...}}``; other keys are ignored
    (readers ignore what they do not know).
    """
    points = {}
    for name, value in (decision_thresholds or {}).items():
        if isinstance(value, dict):
            value = value.get("threshold")
        if name in classes and isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
            points[name] = float(value)
    return points


def decide(probs: np.ndarray, thresholds: dict | None, classes=CLASSES) -> np.ndarray:
    """[N, C] calibrated probabilities -> [N] class indices under ``thresholds`` (as in the model's
    metadata); no thresholds: the arg-max."""
    classes = list(classes)
    points = {classes.index(name): t for name, t in operating_points(thresholds, classes).items()}
    if not points:
        return probs.argmax(1)
    gated = np.array(sorted(points))
    reached = probs[:, gated] >= np.array([points[c] for c in gated])
    # Most probable class among those that reached their threshold ...
    called = gated[np.where(reached, probs[:, gated], -np.inf).argmax(1)]
    # ... else the arg-max of the classes without an operating point (or of all, if every class has one).
    free = np.array([c for c in range(probs.shape[1]) if c not in points]) if len(points) < probs.shape[1] \
        else np.arange(probs.shape[1])
    fallback = free[probs[:, free].argmax(1)]
    return np.where(reached.any(1), called, fallback)


def decide_label(probabilities: dict, points: dict) -> str:
    """``decide`` for one film: {class: probability} and {class: threshold} -> the class to report
    (e.g. ``{"covid19": 0.3}`` calls COVID-19 from 0.3 on, and ``{"covid19": 0.7}`` requires 0.7 before
    COVID-19 can beat the other classes)."""
    names = list(probabilities)
    row = np.array([[probabilities[name] for name in names]], dtype=np.float64)
    return names[int(decide(row, points, names)[0])]
