"""Train and eval recipes side by side. Augmentation runs on batches of tensors (no JPEG decode).

No horizontal flip by default: the heart sits on the left, and a flipped film is not a real film.
"""

import functools
import math

import numpy as np
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


def texture_jitter(x: torch.Tensor, generator, strength: float = 1.0) -> torch.Tensor:
    """Film sharpness is a hospital's and a copy's signature, not a finding: Kermany's normal test films
    are measurably softer than its normal training films (mean |Laplacian| 0.027 vs 0.030 at 224 px,
    pneumonia 0.022: ``cxr-train kermany-shift``), so a model that reads sharpness calls soft normal films pneumonia. Half the films
    are blurred (sigma up to 1.5 px at 224 px), a quarter sharpened (unsharp mask), the rest left alone."""
    b, size = x.shape[0], x.shape[-1]
    kind = torch.rand(b, generator=generator)
    sigma = torch.rand(b, generator=generator) * 1.5 * strength * size / 224 + 0.3
    blurred = gaussian_blur(x, sigma)
    amount = (torch.rand(b, generator=generator) * strength).view(b, 1, 1, 1)
    sharpened = x + amount * (x - blurred)
    blur, sharpen = (kind < 0.5).view(b, 1, 1, 1), (kind >= 0.75).view(b, 1, 1, 1)
    return torch.where(blur, blurred, torch.where(sharpen, sharpened, x))


def laplacian(x: torch.Tensor) -> torch.Tensor:
    """[B, 1, S, S] -> [B, 1, S-2, S-2]: 4-neighbour Laplacian."""
    return 4 * x[..., 1:-1, 1:-1] - x[..., :-2, 1:-1] - x[..., 2:, 1:-1] - x[..., 1:-1, :-2] - x[..., 1:-1, 2:]


def laplacian_sharpness(x: torch.Tensor) -> torch.Tensor:
    """[B, 1, S, S] -> [B]: mean |4-neighbour Laplacian| of each film (the sharpness statistic)."""
    return laplacian(x).abs().mean(dim=(1, 2, 3))


def sharpness_match(x: torch.Tensor, generator, n_films: int | None = None) -> torch.Tensor:
    """Give each film a sharpness drawn at random from the batch's own range, whatever its class.

    On Kermany's training films, sharpness alone tells pneumonia from normal with an AUC of 0.86 at 224 px
    (pneumonia films are softer), and Kermany's normal test films are softer than its normal training
    films: a model that reads global sharpness calls them pneumonia. Here every film is blurred or
    sharpened towards a target between the batch's 10th and 90th sharpness percentiles (batches are
    class-balanced, so the target does not depend on the class). A film moves along x + a (blurred - x):
    a = 1 is its blurred copy, a < 0 an unsharp mask; its sharpness falls steadily with a, so a per film
    is found by bisection. Only the first ``n_films`` rows (default all) are films; rows after them
    (generated non-films) stay as they are."""
    n = x.shape[0] if n_films is None else n_films
    if n < 2:
        return x
    films = x[:n]
    blurred = gaussian_blur(films, torch.full((n,), max(1.2 * x.shape[-1] / 224, 0.6)))
    lap, lap_step = laplacian(films), laplacian(blurred - films)  # the Laplacian is linear in a
    s = lap.abs().mean(dim=(1, 2, 3))
    lo_s, hi_s = torch.quantile(s, 0.1), torch.quantile(s, 0.9)
    target = lo_s + torch.rand(n, generator=generator) * (hi_s - lo_s)
    lo, hi = torch.full((n,), -3.0), torch.ones(n)  # sharpness(lo) high, sharpness(hi) low
    for _ in range(10):
        mid = (lo + hi) / 2
        too_sharp = (lap + mid.view(n, 1, 1, 1) * lap_step).abs().mean(dim=(1, 2, 3)) > target
        lo, hi = torch.where(too_sharp, mid, lo), torch.where(too_sharp, hi, mid)
    matched = films + ((lo + hi) / 2).view(n, 1, 1, 1) * (blurred - films)
    return torch.cat([matched, x[n:]]) if n < x.shape[0] else matched


_MARKER_TEXTS = ("R", "L", "R", "L", "AP", "PA", "KV59", "KV66", "05:06:22", "11:42", "SUPINE", "PORTABLE",
                 "12", "2017", "mAs 4")


def intensity_field(x: torch.Tensor, generator, amplitude: float, grid: int = 4) -> torch.Tensor:
    """Add a smooth random brightness field to each film: a ``grid`` x ``grid`` lattice of values in
    [-1, 1], upsampled bicubically to the film and scaled by ``amplitude`` times a per-film U(0, 1).

    Kermany's healthy *test* films differ from its healthy training films in their low-frequency
    layout (whiter lung fields, a higher diaphragm; ``cxr-train kermany-shift``: a logistic regression
    on 16 x 16 thumbnails tells them apart with an AUC of about 0.92, validation normals 0.51), and
    whiter lung fields read as consolidation. Local brightness that moves at random, whatever the
    class, makes that cue a weaker one to learn."""
    b, size = x.shape[0], x.shape[-1]
    lattice = torch.rand((b, 1, grid, grid), generator=generator) * 2 - 1
    field = F.interpolate(lattice, size=(size, size), mode="bicubic", align_corners=True)
    scale = torch.rand((b, 1, 1, 1), generator=generator) * amplitude
    return x + field * scale


@functools.lru_cache(maxsize=4)
def marker_bank(size: int) -> list[torch.Tensor]:
    """White-on-black renderings [h, w] in 0..1 of the side markers and burned-in text films carry, at
    heights of 4-11 % of a ``size``-pixel film (Pillow's own scalable font, no font file needed)."""
    from PIL import Image, ImageDraw, ImageFont

    bank = []
    for text in _MARKER_TEXTS:
        for height in (0.04, 0.07, 0.11):
            font = ImageFont.load_default(size=max(int(height * size * 1.3), 6))
            box = ImageDraw.Draw(Image.new("L", (1, 1))).textbbox((0, 0), text, font=font)
            picture = Image.new("L", (box[2] + 2, box[3] + 2))
            ImageDraw.Draw(picture).text((1, 1), text, font=font, fill=255)
            picture = picture.crop(picture.getbbox())
            if picture.width < size // 2:
                bank.append(torch.from_numpy(np.asarray(picture, dtype=np.float32) / 255))
    return bank


def stamp_markers(x: torch.Tensor, generator, probability: float = 0.5) -> torch.Tensor:
    """Burn side markers and text ("R", "KV59", times, ...) into random films at random places, mostly
    near the edges. Kermany's normal *test* films that every run called pneumonia carry a large "R" and a
    "KV" stamp that its normal training films mostly lack: stamped onto films of every class, such marks
    stop telling the class."""
    b, size = x.shape[0], x.shape[-1]
    bank = marker_bank(size)
    x = x.clone()
    for i in torch.nonzero(torch.rand(b, generator=generator) < probability).flatten().tolist():
        for _ in range(int(torch.randint(1, 4, (1,), generator=generator))):
            mark = bank[int(torch.randint(0, len(bank), (1,), generator=generator))]
            h, w = mark.shape
            if torch.rand(1, generator=generator) < 0.7:  # near an edge: the outer 15 % of the film
                band = max(int(0.15 * size) - max(h, w), 1)
                top = int(torch.randint(0, band, (1,), generator=generator))
                left = int(torch.randint(0, size - w, (1,), generator=generator))
                top, left = [(top, left), (size - h - top, left), (left * (size - h) // max(size - w, 1), top),
                             (left * (size - h) // max(size - w, 1), size - w - top)][
                    int(torch.randint(0, 4, (1,), generator=generator))]
            else:
                top = int(torch.randint(0, size - h, (1,), generator=generator))
                left = int(torch.randint(0, size - w, (1,), generator=generator))
            level = 0.75 + 0.25 * float(torch.rand(1, generator=generator))
            patch = x[i, 0, top:top + h, left:left + w]
            x[i, 0, top:top + h, left:left + w] = torch.maximum(patch, mark[: patch.shape[0], : patch.shape[1]] * level)
    return x


def train_transform(batch_uint8: torch.Tensor, generator: torch.Generator | None = None,
                    strength: float = 1.0, texture: bool = False, markers: float = 0.0,
                    match_sharpness: bool = False, n_films: int | None = None,
                    field: float = 0.0, aspect: float = 0.0) -> torch.Tensor:
    """Eval transform, then per-film random affine, brightness/contrast/gamma, blur (or, with
    ``texture``, random blur and sharpening) and noise; with ``markers`` > 0, that share of the films
    gets burned-in markers and text (before the affine, as on a real film); with ``match_sharpness``,
    each film first gets a random sharpness independent of its class (``sharpness_match``; rows from
    ``n_films`` on are generated non-films and keep theirs); with ``field`` > 0, a smooth random
    brightness field of up to that amplitude is added to every film (``intensity_field``); with
    ``aspect`` > 0, the affine also stretches width against height by up to exp(±aspect). Both, like
    every other range here, are multiplied by ``strength``."""
    x = eval_transform(batch_uint8)
    b = x.shape[0]
    if match_sharpness:
        x = sharpness_match(x, generator, n_films)
    if markers > 0:
        x = stamp_markers(x, generator, markers)

    def uniform(lo, hi, shape=(b,)):
        return torch.rand(shape, generator=generator) * (hi - lo) + lo

    # Small affine: rotation ±10°, scale 0.9–1.1, shift ±6 %; border filled by replication.
    angle = uniform(-10, 10) * strength * math.pi / 180
    scale = 1 + uniform(-0.1, 0.1) * strength
    tx, ty = uniform(-0.06, 0.06) * strength, uniform(-0.06, 0.06) * strength
    # With ``aspect`` > 0, width and height are scaled apart by up to exp(±aspect · strength): films reach the
    # corpus squashed to a square from originals of many shapes, and framing differs by hospital.
    stretch = torch.exp(uniform(-aspect, aspect) * strength) if aspect > 0 else torch.ones(b)
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
    if field > 0:
        x = intensity_field(x, generator, field * strength)

    if texture:
        x = texture_jitter(x, generator, strength)
    else:  # blur a third of the films at full strength (3x3 box)
        blur = (torch.rand(b, generator=generator) < 0.33 * strength).view(b, 1, 1, 1)
        x = torch.where(blur, F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False), x)
    # Mild Gaussian noise on all.
    x = x + torch.randn(x.shape, generator=generator) * uniform(0, 0.03).view(b, 1, 1, 1) * strength
    return x.clamp_(0, 1)
