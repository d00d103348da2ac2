"""What every reader of X-ray files shares, and nothing else: the ``ImageRecord`` a reader returns,
the size limits every reader checks from a file's header before allocating pixels, and the mapping
of high-bit-depth values to 8-bit gray. A leaf module (NumPy and Pillow only), so the Pillow and
DICOM readers (``imaging``, ``dicom``, ``dicom_guard``) can all import it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from desktop.engine.errors import XrayReadError

# --- limits (why: see each) -----------------------------------------------------------------------

MIN_SIDE = 32                  # smaller than any film; also keeps the 224-px resize meaningful
MAX_SIDE = 20_000              # the largest detectors are ~4,300 px; 20,000 leaves room, stops bombs
MAX_PIXELS = 80_000_000        # below Pillow's own bomb warning (89.5 MP), so Pillow never decides
MAX_ASPECT = 10                # a 10:1 strip is no chest film (and would resize to a smear)
MAX_FILE_BYTES = 2 * 1024**3   # read whole by pydicom; nothing we open is legitimately bigger


@dataclass
class ImageRecord:
    path: Path
    image: Image.Image            # mode "L", 8-bit, display-ready (windowed, MONOCHROME1 inverted)
    format: str                   # "JPEG", "PNG", "TIFF", "DICOM", ...
    original_size: tuple          # (width, height) in pixels, as displayed (after EXIF rotation)
    dicom_tags: dict = field(default_factory=dict)    # modality, body part, view, study date
    patient: dict = field(default_factory=dict)       # name, id, birth date: shown only if privacy is off
    sha256: str | None = None     # of the very bytes decoded (``load_xray(..., sha256=True)``), else None


# --- high-bit-depth values -> 8-bit gray ------------------------------------------------------------

def stretch_to_uint8(values: np.ndarray, full_scale: float = 65535.0) -> np.ndarray:
    """Map the robust range (0.1th..99.9th percentile) of ``values`` to 0..255.

    Falls back to min..max when the percentiles meet (a mostly flat image with a small detail).
    A constant image (all one value) cannot be stretched: it becomes value / ``full_scale``
    x 255, so an all-white 16-bit file stays white and the model's OOD score can reject it.
    Non-finite values (NaN, inf in float TIFFs) are ignored for the range and shown black/white.
    """
    sample = _finite_sample(values)
    if sample.size == 0:
        return np.zeros(values.shape, dtype=np.uint8)
    lo, hi = np.percentile(sample, [0.1, 99.9])
    if not hi > lo:
        lo, hi = _finite_min_max(values)
    if not hi > lo:
        level = min(max(float(lo) / full_scale, 0.0), 1.0)
        return np.full(values.shape, round(255 * level), dtype=np.uint8)
    return window_to_uint8(values, lo, hi)


def window_to_uint8(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Linear map lo -> 0, hi -> 255, clipped; NaN -> 0."""
    scaled = (values.astype(np.float32) - np.float32(lo)) * np.float32(255.0 / (hi - lo))
    scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    return np.rint(np.clip(scaled, 0, 255, out=scaled)).astype(np.uint8)


def _finite_sample(values: np.ndarray, max_count: int = 1_000_000) -> np.ndarray:
    """A regular subsample (deterministic) of the finite values: percentiles of a 20 MP film
    cost ~0.3 s on the full array and the same to 1/255 on a million pixels."""
    flat = values.reshape(-1)
    step = max(1, flat.size // max_count)
    sample = flat[::step]
    if sample.dtype.kind == "f":
        sample = sample[np.isfinite(sample)]
    return sample


def _finite_min_max(values: np.ndarray) -> tuple[float, float]:
    if values.dtype.kind == "f":
        finite = values[np.isfinite(values)]
        return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    return float(values.min()), float(values.max())


# --- size checks (shared with the DICOM reader) ----------------------------------------------------

def limits_text() -> str:
    return f"at most {MAX_SIDE:,} px a side and {MAX_PIXELS // 1_000_000} megapixels"


def check_dimensions(name: str, width: int, height: int) -> None:
    """Refuse sizes no X-ray has, from the header alone, before any pixel is allocated."""
    width, height = int(width), int(height)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise XrayReadError(f"{name} is {width}×{height} pixels, larger than this app accepts "
                            f"({limits_text()}).")
    if width < 1 or height < 1:
        raise XrayReadError(f"{name} declares an image of {width}×{height} pixels; the file is damaged.")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise XrayReadError(f"{name} is {width}×{height} pixels; its sides differ by more than "
                            f"{MAX_ASPECT}:1, which is not the shape of an X-ray.")
    if min(width, height) < MIN_SIDE:
        raise XrayReadError(f"{name} is {width}×{height} pixels, too small for an X-ray "
                            f"(minimum {MIN_SIDE} px a side).")
