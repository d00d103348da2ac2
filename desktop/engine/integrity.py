"""Model file integrity: a SHA-256 checksum file next to the model.

``cxr-export`` writes ``<model>.sha256`` in the format of ``sha256sum`` ("<hex>  <filename>\\n"),
so a technician can also check it by hand. The app refuses a model whose bytes do not match:
a silently damaged or swapped model would give confident wrong answers.
"""

import hashlib
import os
from pathlib import Path

from desktop.engine.errors import ModelError

CHUNK = 1 << 20


def checksum_path(model_path) -> Path:
    """``model.onnx`` -> ``model.onnx.sha256`` (next to it)."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.name + ".sha256")


def sha256_file(path) -> str:
    with open(path, "rb") as f:
        return sha256_of_stream(f)


def sha256_of_stream(f) -> str:
    """Hex SHA-256 of everything left in an open binary file."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: f.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def write_checksum(model_path) -> Path:
    """Write ``<model>.sha256`` atomically; returns its path."""
    model_path = Path(model_path)
    target = checksum_path(model_path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(f"{sha256_file(model_path)}  {model_path.name}\n", encoding="ascii")
    os.replace(tmp, target)
    return target


def read_checksum(model_path) -> str | None:
    """The expected hex digest from ``<model>.sha256``, or None when there is no such file."""
    target = checksum_path(model_path)
    try:
        text = target.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ModelError(f"The checksum file {target} could not be read ({exc.strerror or exc}).") from exc
    fields = text.split()
    return fields[0].lower() if fields else ""


def verify_model_checksum(model_path) -> str:
    """Raise ModelError unless the model's SHA-256 matches ``<model>.sha256``; returns the digest."""
    model_path = Path(model_path)
    expected = read_checksum(model_path)
    if expected is None:
        raise ModelError(
            f"The model file {model_path.name} has no checksum file ({checksum_path(model_path).name}), "
            "so it cannot be verified. Export the model with cxr-export, which writes one, "
            "or reinstall CXR Triage.")
    actual = sha256_file(model_path)
    if actual != expected:
        raise ModelError(
            f"The model file {model_path} has been modified or damaged (checksum mismatch). "
            "Reinstall CXR Triage or restore assets/models/cxr-triage.onnx.")
    return actual
