"""``TriageResult``: what the predictor returns for one file, and how it is shown.

One result per input file, always: a read error or a rejection is a result too, so a batch never
stops on one bad file. ``to_json_dict`` is the predict command's JSON object of the contract.

Rejected films: ``label`` is None and the UI/CLI show no class; the probabilities, severity and
OOD score are still computed and kept in the JSON (with ``"rejected": true``) so that a
rejection can be audited, but they are not a result and must not be shown as one.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

REJECTED_NOT_CXR = "This does not look like a frontal chest X-ray — result withheld."
DECIMALS = 4


@dataclass
class TriageResult:
    path: Path
    label: str | None = None                  # None when rejected or on error
    probabilities: dict = field(default_factory=dict)   # class -> calibrated probability
    severity: float | None = None             # 0..1 fraction of lung fields involved
    heatmap: np.ndarray | None = None         # float32 [h, w] in 0..1 (Grad-CAM of the top class)
    ood_score: float | None = None
    rejected: bool = False
    reject_reason: str | None = None          # a sentence, when rejected
    error: str | None = None                  # a sentence, when the file could not be processed
    timing_ms: dict = field(default_factory=dict)       # load, preprocess, inference
    image_record: object | None = None        # the ImageRecord, so the UI need not decode twice
    model_version: str | None = None
    # With a site profile: the profile's name, and the model's own probabilities beside the adapted ones.
    site: str | None = None
    model_probabilities: dict | None = None
    # The class the heatmap explains: the model's own top class (Grad-CAM inside the graph). With a site
    # profile that may differ from ``label``; the app and report then say so.
    heatmap_class: str | None = None
    embedding: np.ndarray | None = None       # float32 [D], when the predictor keeps embeddings

    @property
    def ok(self) -> bool:
        """A class was assigned (neither an error nor a rejection)."""
        return self.error is None and not self.rejected

    @property
    def confidence(self) -> float | None:
        """Probability of the assigned label."""
        return self.probabilities.get(self.label) if self.label else None

    def heatmap_resized(self, width: int, height: int) -> np.ndarray:
        """The heatmap stretched to ``width`` x ``height`` as Pillow's BILINEAR resize does it,
        float32 [height, width] in 0..1 (see ``resize_bilinear``)."""
        if self.heatmap is None:
            raise ValueError("this result has no heatmap")
        resized = resize_bilinear(self.heatmap, int(width), int(height))
        return np.clip(resized, 0.0, 1.0, out=resized)

    @property
    def heatmap_explains_other_class(self) -> bool:
        """A site profile called another class than the one the heatmap explains."""
        return bool(self.label and self.heatmap_class and self.label != self.heatmap_class)

    def to_json_dict(self) -> dict:
        """The contract's predict object: path, label, probabilities, severity, ood_score, rejected, error;
        with a site profile also ``site``, ``model_probabilities`` and ``heatmap_class``."""
        probabilities = {name: _round(p) for name, p in self.probabilities.items()}
        site = {} if self.site is None else {
            "site": self.site, "heatmap_class": self.heatmap_class,
            "model_probabilities": None if self.model_probabilities is None or self.error is not None
            else {name: _round(p) for name, p in self.model_probabilities.items()}}
        return {
            "path": str(self.path),
            "label": self.label,
            "probabilities": probabilities if self.error is None else None,
            "severity": _round(self.severity),
            "ood_score": _round(self.ood_score),
            "rejected": bool(self.rejected),
            "error": self.error,
            **site,
        }


def _round(value):
    # JSON has no NaN/inf: a non-finite number (never expected from the model) becomes null.
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), DECIMALS)


def error_result(path, message: str, **timing) -> TriageResult:
    return TriageResult(path=Path(path), error=message, timing_ms=dict(timing))


# --- decision rule ---------------------------------------------------------------------------------

# --- heatmap resizing and overlay ------------------------------------------------------------------

def resize_bilinear(values: np.ndarray, width: int, height: int) -> np.ndarray:
    """float [h, w] -> float32 [height, width], the same numbers as Pillow's
    ``Image.fromarray(values).resize((width, height), Image.BILINEAR)`` (to ~1e-6), as two small
    matrix products: several times faster than Pillow for a 7x7 heatmap stretched over a whole film."""
    values = np.asarray(values, dtype=np.float32)
    rows = _pillow_bilinear_weights(values.shape[0], height)        # [height, h]
    cols = _pillow_bilinear_weights(values.shape[1], width, transposed=True)   # [w, width]
    # einsum, not @: a multi-threaded BLAS on a busy 2-core machine took 17 ms for this
    # [H, 7] x [7, W] product; numpy's own loop takes about 1 ms.
    return np.einsum("hk,kw->hw", np.einsum("hi,iw->hw", rows, values), cols)


@lru_cache(maxsize=64)
def _pillow_bilinear_weights(in_size: int, out_size: int, transposed: bool = False) -> np.ndarray:
    """[out, in] (or contiguous [in, out]) interpolation weights of Pillow's BILINEAR filter (libImaging/Resample.c,
    precompute_coeffs): triangle filter, support widened by the scale when reducing, pixel centres
    at +0.5, each row normalised to sum 1."""
    scale = in_size / out_size
    filter_scale = max(scale, 1.0)
    support = 1.0 * filter_scale
    weights = np.zeros((out_size, in_size), dtype=np.float64)
    for out in range(out_size):
        centre = (out + 0.5) * scale
        lo = max(int(centre - support + 0.5), 0)
        hi = min(int(centre + support + 0.5), in_size)
        taps = np.arange(lo, hi)
        w = np.clip(1.0 - np.abs((taps - centre + 0.5) / filter_scale), 0.0, None)
        if w.sum() > 0:
            weights[out, lo:hi] = w / w.sum()
    weights = np.ascontiguousarray(weights.T if transposed else weights, dtype=np.float32)
    weights.flags.writeable = False     # shared by every caller through the cache
    return weights

def jet_colormap() -> np.ndarray:
    """A 256 x 3 uint8 jet-like table (blue -> cyan -> yellow -> red) without matplotlib."""
    x = np.linspace(0.0, 1.0, 256)
    rgb = np.stack([np.clip(1.5 - np.abs(4 * x - k), 0, 1) for k in (3, 2, 1)], axis=1)
    return (rgb * 255).round().astype(np.uint8)


_JET = jet_colormap()


def heatmap_overlay(image: Image.Image, heatmap: np.ndarray, max_alpha: float = 0.5) -> Image.Image:
    """RGB picture: the X-ray with the heatmap in jet colours, more opaque where the heatmap is hot."""
    gray = np.asarray(image.convert("L"), dtype=np.float32)[..., None]
    height, width = gray.shape[:2]
    heat = np.clip(resize_bilinear(heatmap, width, height), 0.0, 1.0)
    colour = _JET[(heat * 255).astype(np.uint8)].astype(np.float32)
    alpha = (max_alpha * heat)[..., None]
    blended = (1 - alpha) * gray + alpha * colour
    return Image.fromarray(blended.round().clip(0, 255).astype(np.uint8))
