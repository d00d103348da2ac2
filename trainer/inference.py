"""The network's outputs on cached films, in batches: what validation, calibration, evaluation and the
Kermany-shift report all read."""

import numpy as np
import torch

from trainer.augment import eval_transform


@torch.no_grad()
def run_model(model, pixels, indices, batch_size: int = 128) -> dict:
    """-> {"logits": [N, C], "severity": [N], "pooled": [N, K], "heatmap": [N, h, w]} as float tensors,
    in ``indices`` order (heatmap: the closed-form Grad-CAM of the top class that the ONNX graph carries)."""
    model.eval()
    out = {"logits": [], "severity": [], "pooled": [], "heatmap": []}
    for start in range(0, len(indices), batch_size):
        idx = indices[start:start + batch_size]
        x = eval_transform(torch.from_numpy(np.asarray(pixels[idx])))
        x = x.contiguous(memory_format=torch.channels_last)
        fmap = model.feature_map(x)
        logits, severity, pooled = model.head(fmap)
        out["heatmap"].append(model.top_class_gradcam(fmap, logits).float())
        out["logits"].append(logits.float())
        out["severity"].append(severity.float())
        out["pooled"].append(pooled.float())
    return {k: torch.cat(v) for k, v in out.items()}
