"""Train and eval recipes side by side. Augmentation runs on batches of tensors (no JPEG decode).

No horizontal flip by default: the heart sits on the left, and a flipped film is not a real film.
"""

import math

import torch
import torch.nn.functional as F


def eval_transform(batch_uint8: torch.Tensor) -> torch.Tensor:
    """uint8 [B, S, S] -> float [B, 1, S, S] in [0, 1]: exactly the contract's input."""
    return batch_uint8.float().div_(255.0).unsqueeze(1)


def train_transform(batch_uint8: torch.Tensor, generator: torch.Generator | None = None,
                    strength: float = 1.0) -> torch.Tensor:
    """Eval transform, then per-film random affine, brightness/contrast/gamma, blur and noise."""
    x = eval_transform(batch_uint8)
    b = x.shape[0]

    def uniform(lo, hi, shape=(b,)):
        return torch.rand(shape, generator=generator) * (hi - lo) + lo

    # Small affine: rotation ±10°, scale 0.9–1.1, shift ±6 %; border filled by replication.
    angle = uniform(-10, 10) * strength * math.pi / 180
    scale = 1 + uniform(-0.1, 0.1) * strength
    tx, ty = uniform(-0.06, 0.06) * strength, uniform(-0.06, 0.06) * strength
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    # Intensity: gamma 0.7–1.4, contrast 0.75–1.25 around the film's mean, brightness ±0.1.
    gamma = torch.exp(uniform(math.log(0.7), math.log(1.4)) * strength).view(b, 1, 1, 1)
    x = x.clamp(1e-4, 1).pow(gamma)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    contrast = uniform(1 - 0.25 * strength, 1 + 0.25 * strength).view(b, 1, 1, 1)
    brightness = uniform(-0.1, 0.1).view(b, 1, 1, 1) * strength
    x = (x - mean) * contrast + mean + brightness

    # Blur a third of the films at full strength (3x3 box), then mild Gaussian noise on all.
    blur = (torch.rand(b, generator=generator) < 0.33 * strength).view(b, 1, 1, 1)
    x = torch.where(blur, F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False), x)
    x = x + torch.randn(x.shape, generator=generator) * uniform(0, 0.03).view(b, 1, 1, 1) * strength
    return x.clamp_(0, 1)
