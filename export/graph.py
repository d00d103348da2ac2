"""The torch module that becomes the ONNX graph of the model contract.

Everything the app needs per image is computed in one forward pass with forward ops only, so the
desktop needs onnxruntime and nothing else: no gradient, no PyTorch, no second model.
"""

import torch
from torch import nn

from trainer.model import CXRTriageNet
from trainer.ood import mahalanobis_score


class TriageGraph(nn.Module):
    """image [N, 1, S, S] in [0, 1] -> probabilities [N, C], severity [N], heatmap [N, h, w], ood_score [N]."""

    def __init__(self, model: CXRTriageNet, temperature: float, ood_means: torch.Tensor,
                 ood_precision: torch.Tensor):
        super().__init__()
        self.model = model.eval()
        # Buffers, not Python floats, so the values are graph initialisers one can inspect.
        self.register_buffer("temperature", torch.tensor(float(temperature), dtype=torch.float32))
        self.register_buffer("ood_means", torch.as_tensor(ood_means, dtype=torch.float32).clone())
        self.register_buffer("ood_precision", torch.as_tensor(ood_precision, dtype=torch.float32).clone())

    def forward(self, image: torch.Tensor):
        fmap = self.model.feature_map(image)
        logits, severity, pooled = self.model.head(fmap)
        probabilities = torch.softmax(logits / self.temperature, dim=1)
        # Grad-CAM of the arg-max class; temperature does not change the arg-max.
        heatmap = self.model.top_class_gradcam(fmap, logits)
        ood_score = mahalanobis_score(pooled, self.ood_means, self.ood_precision)
        return probabilities, severity, heatmap, ood_score
