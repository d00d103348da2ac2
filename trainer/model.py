"""Multi-task MobileNetV3: a 3-class head and a severity head on shared features.

The head is small and explicit so that Grad-CAM of the top class has a closed form
(``top_class_gradcam``): the export writes it as forward ops, no gradient op in the graph.
"""

from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models import mobilenet_v3_large, mobilenet_v3_small

from trainer import CLASSES

ARCHITECTURES = {"mobilenet_v3_small": mobilenet_v3_small, "mobilenet_v3_large": mobilenet_v3_large}


@dataclass
class ModelConfig:
    """The network's shape, stored in each checkpoint (``to_dict``) and rebuilt from it (``from_dict``)."""
    arch: str = "mobilenet_v3_small"
    classes: tuple = CLASSES
    input_size: int = 224
    dropout: float = 0.2
    # Outlier exposure: a linear "not a frontal chest X-ray" head on the pooled features, trained on
    # generated non-films (trainer.not_cxr) so that the features learn orientation and polarity.
    frontal_gate: bool = False

    def to_dict(self) -> dict:
        return {**asdict(self), "classes": list(self.classes)}

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
        """Keys it does not know are ignored: older checkpoints also record ``normalization`` and
        ``border_mask``, which ``checkpoint.load_checkpoint`` accepts at their one remaining value."""
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["classes"] = tuple(known.get("classes", CLASSES))
        return cls(**known)


class CXRTriageNet(nn.Module):
    """Input: float [N, 1, S, S] in [0, 1] (the contract's input). Output: logits [N, C], severity [N]."""

    def __init__(self, config: ModelConfig = ModelConfig()):
        super().__init__()
        if config.arch not in ARCHITECTURES:
            raise ValueError(f"unknown architecture {config.arch!r}; choose from {sorted(ARCHITECTURES)}")
        self.config = config
        base = ARCHITECTURES[config.arch]()
        first = base.features[0][0]
        base.features[0][0] = nn.Conv2d(1, first.out_channels, first.kernel_size, first.stride,
                                        first.padding, bias=False)
        self.features = base.features
        feature_dim = base.classifier[0].in_features
        hidden_dim = base.classifier[0].out_features
        self.neck = nn.Linear(feature_dim, hidden_dim)
        self.dropout = nn.Dropout(config.dropout)
        self.classifier = nn.Linear(hidden_dim, len(config.classes))
        self.severity_head = nn.Linear(hidden_dim, 1)
        self.feature_dim = feature_dim
        self.frontal_gate = nn.Linear(feature_dim, 1) if config.frontal_gate else None
        # torchvision builds MobileNetV3 with BatchNorm momentum 0.01, tuned for long ImageNet runs. In a short
        # run from scratch the running statistics then lag the weights so far that the eval-mode model
        # called every validation film COVID-19 while train-mode accuracy was 72 %. 0.1 tracks them.
        for module in self.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.momentum = 0.1

    def normalize(self, x: torch.Tensor) -> torch.Tensor:
        """Each film standardised by its own mean and spread: exposure and processing differ by hospital."""
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        std = x.std(dim=(1, 2, 3), keepdim=True)
        return (x - mean) / (std + 1e-3)

    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        """The last convolutional feature map [N, K, h, w] (the Grad-CAM layer)."""
        return self.features(self.normalize(x))

    def head(self, fmap: torch.Tensor):
        """-> logits [N, C], severity [N] in 0..1, pooled features [N, K] (for the OOD score)."""
        pooled = fmap.mean(dim=(2, 3))
        hidden = self.dropout(self.embedding(pooled))
        logits = self.classifier(hidden)
        severity = torch.sigmoid(self.severity_head(hidden)).squeeze(1)
        return logits, severity, pooled

    def embedding(self, pooled: torch.Tensor) -> torch.Tensor:
        """[N, K] pooled features -> [N, H]: what the class and severity heads read (the contract's
        ``embedding`` output; dropout acts only in training)."""
        return F.hardswish(self.neck(pooled))

    def gate_logit(self, pooled: torch.Tensor) -> torch.Tensor:
        """[N] logit of "not a frontal chest X-ray" (models built with ``frontal_gate`` only)."""
        return self.frontal_gate(pooled).squeeze(1)

    def forward(self, x: torch.Tensor):
        logits, severity, _ = self.head(self.feature_map(x))
        return logits, severity

    def top_class_gradcam(self, fmap: torch.Tensor, logits: torch.Tensor) -> torch.Tensor:
        """Grad-CAM of the arg-max class on ``fmap`` with forward ops only -> [N, h, w] in 0..1.

        logit_c = W_c · hardswish(W_n · mean_hw(A) + b_n) + b_c, so
        d logit_c / d A_k(i, j) = (W_c ⊙ hardswish'(z)) · W_n[:, k] / (h·w) at every (i, j);
        Grad-CAM's channel weight (mean gradient over space) is that same value.
        Eval mode only (dropout is the identity there).
        """
        n, k, h, w = fmap.shape
        pooled = fmap.mean(dim=(2, 3))
        z = self.neck(pooled)
        # hardswish'(z): 0 below -3, 1 above 3, (2z + 3) / 6 between.
        dz = torch.where(z < -3, torch.zeros_like(z), torch.where(z > 3, torch.ones_like(z), (2 * z + 3) / 6))
        top = logits.argmax(dim=1)
        w_top = self.classifier.weight[top]                      # [N, H]
        grad_pooled = (w_top * dz) @ self.neck.weight            # [N, K]
        weights = grad_pooled / (h * w)
        cam = F.relu((weights[:, :, None, None] * fmap).sum(dim=1))  # [N, h, w]
        # Same scaling as pytorch-grad-cam: subtract the minimum, divide by (1e-7 + maximum).
        flat = cam.reshape(n, -1)
        flat = flat - flat.min(dim=1, keepdim=True).values
        flat = flat / (1e-7 + flat.max(dim=1, keepdim=True).values)
        return flat.reshape(n, h, w)


class LogitsOnly(nn.Module):
    """The model seen as a plain classifier (logits only), the form pytorch-grad-cam expects; used by
    the export's heatmap check and the benchmark of the replaced PyTorch + grad-cam path."""

    def __init__(self, net: CXRTriageNet):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)[0]


def build_model(config: ModelConfig, imagenet_weights: str | None = None) -> CXRTriageNet:
    """A new model; ``imagenet_weights`` is a local torchvision MobileNetV3 state-dict file
    (never downloaded): its first conv is summed over RGB, its classifier dropped."""
    model = CXRTriageNet(config)
    if imagenet_weights:
        state = torch.load(imagenet_weights, map_location="cpu", weights_only=True)
        feats = {k[len("features."):]: v for k, v in state.items() if k.startswith("features.")}
        feats["0.0.weight"] = feats["0.0.weight"].sum(dim=1, keepdim=True)
        missing, unexpected = model.features.load_state_dict(feats, strict=False)
        if missing or unexpected:
            raise ValueError(f"{imagenet_weights} does not fit {config.arch}: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return model
