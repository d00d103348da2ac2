"""The network's outputs on cached films, in batches: what validation, calibration, evaluation and the
Kermany-shift report all read."""

import copy
from contextlib import contextmanager

import numpy as np
import torch

from trainer.augment import eval_transform
from trainer.ood import feature_spread

_device: torch.device | None = None  # None: where the model's weights are


@contextmanager
def inference_device(device):
    """``run_model`` computes on ``device`` inside this block, wherever the model's weights are: the
    calibration and the test evaluation keep their model (and every tensor they fit) on the CPU and
    borrow the GPU for the forward passes."""
    global _device
    before, _device = _device, torch.device(device)
    try:
        yield
    finally:
        _device = before


@torch.no_grad()
def run_model(model, pixels, indices, batch_size: int = 128) -> dict:
    """-> {"logits": [N, C], "severity": [N], "pooled": [N, K], "spread": [N, K], "heatmap": [N, h, w]} as
    float CPU tensors, in ``indices`` order (spread: ``trainer.ood.feature_spread``, what a mean+std
    frontal gate reads beside the pooled features; heatmap: the closed-form Grad-CAM of the top class
    that the ONNX graph carries)."""
    model.eval()
    device = _device or next(model.parameters()).device
    if next(model.parameters()).device != device:
        model = copy.deepcopy(model).to(device)
    out = {"logits": [], "severity": [], "pooled": [], "spread": [], "heatmap": []}
    for start in range(0, len(indices), batch_size):
        idx = indices[start:start + batch_size]
        x = eval_transform(torch.from_numpy(np.asarray(pixels[idx])).to(device, non_blocking=True))
        x = x.contiguous(memory_format=torch.channels_last)
        fmap = model.feature_map(x)
        logits, severity, pooled = model.head(fmap)
        out["heatmap"].append(model.top_class_gradcam(fmap, logits).float().cpu())
        out["logits"].append(logits.float().cpu())
        out["severity"].append(severity.float().cpu())
        out["pooled"].append(pooled.float().cpu())
        out["spread"].append(feature_spread(fmap).float().cpu())
    return {k: torch.cat(v) for k, v in out.items()}
