"""DICOM stored values -> 8-bit display grey, following PS3.3 C.11 and what X-ray viewers do:

    stored values -> Modality LUT / rescale -> first VOI LUT, else first window -> 0..255
                  -> MONOCHROME1 inverted (low values are white in MONOCHROME1)

Without a VOI LUT or window the values' robust range is stretched (8-bit data without rescale is shown
as stored). RGB/YBR and palette colour become luminance.

pydicom's own functions do the parsing: ``apply_modality_lut`` for a Modality LUT Sequence, ``apply_voi``
for the VOI LUT, ``apply_color_lut`` for palettes. Two steps are written here on purpose, because
pydicom's versions compute in float64 (twice the memory of float32 on a 20-megapixel film) and return
values in the stored range where this needs 0..1: the rescale slope/intercept (the same formula as
``apply_modality_lut``) and the window (``apply_windowing``'s LINEAR, LINEAR_EXACT and SIGMOID).
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from pydicom.pixels import apply_color_lut, apply_modality_lut, apply_voi

from desktop.engine import dicom_guard
from desktop.engine.dicom_tags import bits_stored, first_number, float_tag, text
from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import stretch_to_uint8


def to_display(pixels: np.ndarray, ds, name: str) -> np.ndarray:
    photometric = text(ds, "PhotometricInterpretation").upper() or "MONOCHROME2"
    if photometric == "PALETTE COLOR":
        return _palette_to_gray(pixels, ds, name)
    if pixels.ndim == 3:   # RGB, or YBR that pydicom converted to RGB
        return _rgb_to_gray(pixels, bits_stored(ds))
    if photometric not in ("MONOCHROME1", "MONOCHROME2"):
        raise XrayReadError(f"{name} uses the DICOM colour format {photometric}, which this app cannot read.")
    gray = _monochrome_to_uint8(pixels, ds)
    # MONOCHROME1: low values are white. Inverted after windowing, as the standard orders it.
    # (Presentation LUT Shape INVERSE on MONOCHROME1 restates the same inversion: not applied twice.)
    return 255 - gray if photometric == "MONOCHROME1" else gray


def _monochrome_to_uint8(pixels: np.ndarray, ds) -> np.ndarray:
    values = _modality_values(pixels, ds)
    unit = _first_voi_lut(values, ds)
    if unit is None:
        unit = _first_window(values, ds)
    if unit is not None:
        return np.rint(np.clip(unit, 0.0, 1.0) * 255).astype(np.uint8)
    bits = bits_stored(ds)
    if values is pixels and pixels.dtype.kind == "u" and bits <= 8:
        return pixels.astype(np.uint8)   # 8-bit without rescale or window: already display values
    return stretch_to_uint8(values, full_scale=float(2 ** bits - 1))


def _modality_values(pixels: np.ndarray, ds) -> np.ndarray:
    """Modality LUT or rescale slope/intercept (identity returns ``pixels`` itself)."""
    if dicom_guard.sequence_is_small(ds, "ModalityLUTSequence") and ds.get("ModalityLUTSequence"):
        return apply_modality_lut(pixels, ds)
    slope = float_tag(ds, "RescaleSlope")
    intercept = float_tag(ds, "RescaleIntercept")
    slope = 1.0 if slope is None or slope == 0 else slope   # 0 would erase the image: a bad tag
    intercept = 0.0 if intercept is None else intercept
    if slope == 1.0 and intercept == 0.0:
        return pixels
    # apply_modality_lut's formula, in float32: half the memory of its float64 on a 20 MP film.
    return pixels.astype(np.float32) * np.float32(slope) + np.float32(intercept)


def _first_voi_lut(values: np.ndarray, ds) -> np.ndarray | None:
    """The first VOI LUT of the sequence as 0..1, or None (none, or unusable).

    pydicom parses the LUT (descriptor, OW byte order); it is normalised by the LUT's own
    output range, which survives the common "16 bits declared, 12 used" descriptor error.
    """
    try:
        if not dicom_guard.sequence_is_small(ds, "VOILUTSequence"):
            return None
        sequence = ds.get("VOILUTSequence")
        if not sequence:
            return None
        descriptor = sequence[0].LUTDescriptor
        entries, first = int(descriptor[0]) or 65536, int(descriptor[1])
        table = apply_voi(np.arange(first, first + entries, dtype=np.int64), ds, index=0).astype(np.float32)
    except Exception:   # a damaged LUT: fall back to the window, then to the values' own range
        return None
    lo, hi = float(table.min()), float(table.max())
    if not hi > lo:
        return None
    index = np.clip(np.rint(values).astype(np.int64) - first, 0, entries - 1)
    return (table[index] - lo) / (hi - lo)


def _first_window(values: np.ndarray, ds) -> np.ndarray | None:
    """The first Window Center/Width as 0..1 (PS3.3 C.11.2.1.2 LINEAR, LINEAR_EXACT, SIGMOID)."""
    center, width = first_number(ds, "WindowCenter"), first_number(ds, "WindowWidth")
    if center is None or width is None or width <= 0:
        return None
    function = text(ds, "VOILUTFunction").upper() or "LINEAR"
    x = values.astype(np.float32)
    if function == "SIGMOID":
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-4.0 * (x - center) / width))
    if function == "LINEAR_EXACT":
        return (x - center) / width + 0.5
    return (x - (center - 0.5)) / max(width - 1.0, 1e-3) + 0.5   # LINEAR (the default)


def _rgb_to_gray(rgb: np.ndarray, bits: int) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return np.asarray(Image.fromarray(rgb, "RGB").convert("L"))   # the same luma as other files
    luma = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return stretch_to_uint8(luma.astype(np.float32), full_scale=float(2 ** bits - 1))


def _palette_to_gray(pixels: np.ndarray, ds, name: str) -> np.ndarray:
    try:
        rgb = apply_color_lut(pixels, ds)
    except Exception:
        raise XrayReadError(f"{name}: the colour palette of this DICOM file is damaged.") from None
    if rgb.dtype != np.uint8:   # 16-bit palette entries
        rgb = np.rint(rgb.astype(np.float32) / 257.0).clip(0, 255).astype(np.uint8)
    return _rgb_to_gray(rgb, 8)
