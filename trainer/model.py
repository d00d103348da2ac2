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
# Fixed normalisation for ``normalization="fixed"``: mean/std of the training corpus in [0, 1].
CORPUS_MEAN, CORPUS_STD = 0.49, 0.25


EQUALIZE_BINS = 64
UNIFORM_STD = 12 ** -0.5  # standard deviation of a uniform distribution on [0, 1]


def equalize_histogram(x: torch.Tensor, bins: int = EQUALIZE_BINS) -> torch.Tensor:
    """Histogram equalisation of each film [N, 1, S, S] in [0, 1] with forward ops that export to ONNX:
    the film's cumulative histogram (``bins`` bins, read off every 4th pixel in each direction) becomes a
    piecewise-linear tone curve. Every film then uses the whole grey range evenly, whatever the
    machine's exposure and processing; any increasing change of grey levels is undone."""
    n, _, size, _ = x.shape
    small = x[:, :, ::4, ::4] if size >= 64 else x  # every 4th pixel: the same histogram, 1/16 the work
    edges = torch.linspace(0, 1, bins + 1, dtype=x.dtype, device=x.device)
    cdf = (small.reshape(n, -1, 1) <= edges).to(x.dtype).mean(dim=1)            # [N, bins + 1]
    position = x.clamp(0, 1).reshape(n, -1) * bins
    lower = position.floor().clamp(max=bins - 1)
    frac = position - lower
    lower = lower.long()
    curve_lo, curve_hi = torch.gather(cdf, 1, lower), torch.gather(cdf, 1, lower + 1)
    return (curve_lo + (curve_hi - curve_lo) * frac).reshape(x.shape)


@dataclass
class ModelConfig:
    arch: str = "mobilenet_v3_small"
    classes: tuple = CLASSES
    input_size: int = 224
    # "per_image": each film standardised by its own mean/std (fights intensity differences
    # between hospitals); "equalize": each film's histogram equalised (also undoes differences of
    # tone curve); "fixed": one corpus mean/std.
    normalization: str = "per_image"
    dropout: float = 0.2
    # Outlier exposure: a linear "not a frontal chest X-ray" head on the pooled features, trained on
    # generated non-films (trainer.not_cxr) so that the features learn orientation and polarity.
    frontal_gate: bool = False
    # Share of the side of the film, on each edge, hidden from the network after normalisation (set to the
    # film's mean). Burned-in text, side markers and collimation edges live there, and they tell the
    # hospital, not the disease. 0 = the whole film.
    border_mask: float = 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "classes": list(self.classes)}

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
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
        if config.border_mask > 0:  # 1 inside, 0 on the ring: a constant of the graph, not a weight
            size, ring = config.input_size, int(round(config.border_mask * config.input_size))
            keep = torch.zeros(1, 1, size, size)
            keep[..., ring:size - ring, ring:size - ring] = 1
            self.register_buffer("border_keep", keep, persistent=False)
        # torchvision builds MobileNetV3 with BatchNorm momentum 0.01, tuned for long ImageNet runs. In a short
        # run from scratch the running statistics then lag the weights so far that the eval-mode model
        # called every validation film COVID-19 while train-mode accuracy was 72 %. 0.1 tracks them.
        for module in self.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.momentum = 0.1

    def normalize(self, x: torch.Tensor) -> torch.Tensor:
        if self.config.normalization == "per_image":
            mean = x.mean(dim=(1, 2, 3), keepdim=True)
            std = x.std(dim=(1, 2, 3), keepdim=True)
            x = (x - mean) / (std + 1e-3)
        elif self.config.normalization == "equalize":
            x = (equalize_histogram(x) - 0.5) / UNIFORM_STD
        else:
            x = (x - CORPUS_MEAN) / CORPUS_STD
        if self.config.border_mask > 0:
            x = x * self.border_keep
        return x

    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        """The last convolutional feature map [N, K, h, w] (the Grad-CAM layer)."""
        return self.features(self.normalize(x))

    def head(self, fmap: torch.Tensor):
        """-> logits [N, C], severity [N] in 0..1, pooled features [N, K] (for the OOD score)."""
        pooled = fmap.mean(dim=(2, 3))
        hidden = F.hardswish(self.neck(pooled))
        hidden = self.dropout(hidden)
        logits = self.classifier(hidden)
        severity = torch.sigmoid(self.severity_head(hidden)).squeeze(1)
        return logits, severity, pooled

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
