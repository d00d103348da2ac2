"""Where a heatmap's weight lies: the share on the film's border ring, and when to warn about it.

Qt-free and torch-free so that the app, the command line and the trainer's model card measure the
same thing. The ring is the outer row and column of cells of the model's heatmap (24 of 49 cells on
7 x 7): the film's border, where burned-in text, markers, collimation edges and the dark margin
beside the body sit, and where the lung fields reach least. It is the model card's "attention on
the film's border" figure (trainer/evaluate.py measures it the same way).
"""

import numpy as np

# Above this share on the border ring, the app says the model looked mostly outside the lungs: "mostly"
# is more than half, and a map spread evenly over the film puts just under half (24 of 49 cells) there.
# Checked on the validation split by `python scripts/wording_threshold.py` (its border tables), which
# the model card quotes; re-run it when the model is re-shipped.
OUTSIDE_LUNGS_SHARE = 0.50


def border_share(heatmaps: np.ndarray) -> np.ndarray | float:
    """[h, w] -> float, or [N, h, w] -> [N]: the share of each heatmap's weight on the outer ring of
    cells. A heatmap with no weight at all (all zeros) counts as 0: nothing to warn about."""
    maps = np.asarray(heatmaps, dtype=np.float64)
    single = maps.ndim == 2
    if single:
        maps = maps[None]
    if maps.ndim != 3 or min(maps.shape[1:]) < 3:
        raise ValueError(f"a heatmap must be [h, w] or [N, h, w] with h, w >= 3, not {maps.shape}")
    maps = np.clip(np.nan_to_num(maps, nan=0.0), 0.0, None)
    total = maps.sum(axis=(1, 2))
    inner = maps[:, 1:-1, 1:-1].sum(axis=(1, 2))
    share = np.divide(total - inner, total, out=np.zeros_like(total), where=total > 0)
    return float(share[0]) if single else share


def looked_outside_lungs(heatmap: np.ndarray | None, limit: float = OUTSIDE_LUNGS_SHARE) -> bool:
    """True when most of the heatmap's weight lies on the film's border ring (see the module note)."""
    if heatmap is None:
        return False
    heatmap = np.asarray(heatmap)
    if heatmap.ndim != 2 or min(heatmap.shape) < 3:
        return False
    return border_share(heatmap) > limit
