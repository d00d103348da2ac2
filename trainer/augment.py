"""The eval transform (the contract's input) and the training augmentation side by side, on batches
of cached uint8 films (no JPEG decode).

No horizontal flip: the heart sits on the left, and a flipped film is not a real film.
"""

import math

import torch
import torch.nn.functional as F


def eval_transform(batch_uint8: torch.Tensor) -> torch.Tensor:
    """uint8 [B, S, S] -> float [B, 1, S, S] in [0, 1]: exactly the contract's input."""
    return batch_uint8.float().div_(255.0).unsqueeze(1)


def gaussian_blur(x: torch.Tensor, sigma: torch.Tensor) -> torch.Tensor:
    """[B, 1, S, S] blurred film by film with its own sigma [B] (pixels; 0 leaves a film as it is)."""
    b = x.shape[0]
    radius = max(int(math.ceil(3 * float(sigma.max()))), 1)
    t = torch.arange(-radius, radius + 1, dtype=x.dtype)
    kernel = torch.exp(-(t[None, :] ** 2) / (2 * sigma.clamp(min=1e-3)[:, None] ** 2))
    kernel = kernel / kernel.sum(1, keepdim=True)                       # [B, K]
    y = F.pad(x.transpose(0, 1), (radius, radius, radius, radius), mode="replicate")  # [1, B, S+2r, S+2r]
    y = F.conv2d(y, kernel[:, None, None, :], groups=b)                 # along rows
    y = F.conv2d(y, kernel[:, None, :, None], groups=b)                 # along columns
    return y.transpose(0, 1)


def texture_jitter(x: torch.Tensor, generator, strength: float) -> torch.Tensor:
    """Film sharpness is a hospital's and a copy's signature, not a finding (``cxr-train kermany-shift``
    measures it per split and class), and a model that reads it calls soft normal films pneumonia. Half
    the films are blurred (sigma up to 1.5 px at 224 px), a quarter sharpened (unsharp mask), the rest
    left alone."""
    b, size = x.shape[0], x.shape[-1]
    kind = torch.rand(b, generator=generator)
    sigma = torch.rand(b, generator=generator) * 1.5 * strength * size / 224 + 0.3
    blurred = gaussian_blur(x, sigma)
    amount = (torch.rand(b, generator=generator) * strength).view(b, 1, 1, 1)
    sharpened = x + amount * (x - blurred)
    blur, sharpen = (kind < 0.5).view(b, 1, 1, 1), (kind >= 0.75).view(b, 1, 1, 1)
    return torch.where(blur, blurred, torch.where(sharpen, sharpened, x))


def laplacian_sharpness(x: torch.Tensor) -> torch.Tensor:
    """[B, 1, S, S] -> [B]: mean |4-neighbour Laplacian| of each film (the sharpness statistic)."""
    lap = 4 * x[..., 1:-1, 1:-1] - x[..., :-2, 1:-1] - x[..., 2:, 1:-1] - x[..., 1:-1, :-2] - x[..., 1:-1, 2:]
    return lap.abs().mean(dim=(1, 2, 3))


def train_transform(batch_uint8: torch.Tensor, generator: torch.Generator | None, strength: float,
                    aspect: float) -> torch.Tensor:
    """Eval transform, then per film: a random affine, brightness/contrast/gamma, texture jitter (random
    blur and sharpening) and noise, every range scaled by ``strength`` (``--augment``); and width
    stretched against height by up to exp(±``aspect``) (``--aspect-augment``, not scaled)."""
    x = eval_transform(batch_uint8)
    b = x.shape[0]

    def uniform(lo, hi, shape=(b,)):
        return torch.rand(shape, generator=generator) * (hi - lo) + lo

    # Small affine: rotation ±10°, scale 0.9–1.1, shift ±6 %; border filled by replication.
    angle = uniform(-10, 10) * strength * math.pi / 180
    scale = 1 + uniform(-0.1, 0.1) * strength
    tx, ty = uniform(-0.06, 0.06) * strength, uniform(-0.06, 0.06) * strength
    # Width and height scaled apart: films reach the corpus squashed to a square from originals of many
    # shapes (Kermany's pneumonia originals are wider than its normal ones), and framing differs by
    # hospital, so a film's proportions must not tell its class. Nothing is drawn without it.
    stretch = torch.exp(uniform(-aspect, aspect)) if aspect > 0 else torch.ones(b)
    sx, sy = scale * stretch, scale / stretch
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([cos / sx, -sin / sy, tx], 1), torch.stack([sin / sx, cos / sy, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    # Intensity: gamma 0.7–1.4, contrast 0.75–1.25 around the film's mean, brightness ±0.1.
    gamma = torch.exp(uniform(math.log(0.7), math.log(1.4)) * strength).view(b, 1, 1, 1)
    x = x.clamp(1e-4, 1).pow(gamma)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    contrast = uniform(1 - 0.25 * strength, 1 + 0.25 * strength).view(b, 1, 1, 1)
    brightness = uniform(-0.1, 0.1).view(b, 1, 1, 1) * strength
    x = (x - mean) * contrast + mean + brightness

    x = texture_jitter(x, generator, strength)
    # Mild Gaussian noise on all.
    x = x + torch.randn(x.shape, generator=generator) * uniform(0, 0.03).view(b, 1, 1, 1) * strength
    return x.clamp_(0, 1)
