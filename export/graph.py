"""The torch module that becomes the ONNX graph of the model contract.

Everything the app needs per image is computed in one forward pass with forward ops only, so the
desktop needs onnxruntime and nothing else: no gradient, no PyTorch, no second model.
"""

import numpy as np
import torch
from torch import nn

from trainer.model import CXRTriageNet
from trainer.ood import feature_spread, mahalanobis_score

# The checkpoint's ``ood`` entries the score needs (the rest, e.g. "percentile", is bookkeeping).
OOD_ENTRIES = ("means", "precision", "distance_scale", "gate_weight", "gate_bias", "gate_scale")


def score_ood(pooled: torch.Tensor, ood: dict, spread: torch.Tensor | None = None) -> torch.Tensor:
    """The trainer's own OOD score: ``trainer.ood.ood_score`` (distance scaled so that its threshold
    is 1, optional frontal-film gate, which may read ``spread``) for statistics with a ``distance_scale``;
    the plain Mahalanobis distance for statistics without one (older checkpoints, uncalibrated exports)."""
    if "distance_scale" in ood:
        from trainer.ood import ood_score
        return ood_score(pooled, ood, spread)
    return mahalanobis_score(pooled, ood["means"], ood["precision"])


class TriageGraph(nn.Module):
    """image [N, 1, S, S] in [0, 1] -> probabilities [N, C], severity [N], heatmap [N, h, w], ood_score [N],
    embedding [N, H] (the class head's input: softmax((embedding @ W.T + b) / T) == probabilities)."""

    def __init__(self, model: CXRTriageNet, temperature: float, ood: dict):
        super().__init__()
        self.model = model.eval()
        # Buffers, not Python floats, so the values are graph initialisers one can inspect.
        self.register_buffer("temperature", torch.tensor(float(temperature), dtype=torch.float32))
        self.ood_entries = [name for name in OOD_ENTRIES if ood.get(name) is not None]
        # what the gate reads (trainer.ood.gate_input): a choice of ops, not a value, so not a buffer
        self.gate_features = ood.get("gate_features", "mean")
        for name in self.ood_entries:
            value = ood[name]
            value = value.detach().cpu() if isinstance(value, torch.Tensor) else torch.from_numpy(np.asarray(value))
            self.register_buffer(f"ood_{name}", value.to(torch.float32).clone())

    def ood_statistics(self) -> dict:
        return {**{name: getattr(self, f"ood_{name}") for name in self.ood_entries},
                "gate_features": self.gate_features}

    def forward(self, image: torch.Tensor):
        fmap = self.model.feature_map(image)
        logits, severity, pooled = self.model.head(fmap)
        probabilities = torch.softmax(logits / self.temperature, dim=1)
        # Grad-CAM of the arg-max class; temperature does not change the arg-max.
        heatmap = self.model.top_class_gradcam(fmap, logits)
        # the feature map's spread only for a gate that reads it: other graphs stay as they were
        spread = feature_spread(fmap) if self.gate_features == "mean+std" else None
        ood_score = score_ood(pooled, self.ood_statistics(), spread)
        return probabilities, severity, heatmap, ood_score, self.model.embedding(pooled)
