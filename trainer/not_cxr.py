"""Pictures that are not frontal chest X-rays, for the frontal-CXR gate of the OOD score.

Three kinds:
- ``transformed_films``: real films turned into what a frontal CXR is not: rotated 90/180/270°,
  intensity-inverted (a negative), or both. The model must not score these as frontal films.
- ``synthetic_pictures``: noise, gradients, stripes, blobs, shapes, rendered text pages, constant images.
- ``RealNegatives``: what a technician really drops by mistake, lateral chest films and CT slices
  (``../shared/data/not-cxr``), split by patient with the contract's rule: the training part goes into
  outlier exposure, the test part is only ever scored.

The audit measures rejection on *different* pictures (other seeds, scikit-image's photographs, the test
part of the real negatives), so the gate is never measured on the pictures it was fitted on.
"""

import csv
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from trainer.splits import split_of

# manifest kind -> the audit's name for it
REAL_KINDS = {"lateral-cxr": "lateral_films", "ct": "ct_slices"}


class RealNegatives:
    """The real non-frontal pictures of one folder (``manifest.csv``: path, kind, patient_id, ...), decoded
    with the contract's preprocessing at ``size``: ``pixels`` uint8 [N, S, S], ``kinds``, ``patients`` and
    ``splits`` per picture."""

    def __init__(self, folder, size: int):
        # The desktop engine's loader, imported here: the generated kinds need no image files.
        from desktop.engine.imaging import load_xray
        from desktop.engine.contract import resize_to_model

        folder = Path(folder)
        with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["kind"] in REAL_KINDS]
        self.kinds = np.array([REAL_KINDS[r["kind"]] for r in rows])
        self.patients = np.array([r["patient_id"] for r in rows])
        self.splits = np.array([split_of("", r["patient_id"]) for r in rows])
        self.pixels = np.stack([resize_to_model(load_xray(folder / r["path"]).image, size) for r in rows]) \
            if rows else np.zeros((0, size, size), np.uint8)

    def __len__(self) -> int:
        return len(self.pixels)

    def part(self, split: str, kind: str | None = None) -> np.ndarray:
        """uint8 [n, S, S] of one split (and kind)."""
        keep = (self.splits == split) & ((self.kinds == kind) if kind else True)
        return self.pixels[keep]


def load_real_negatives(folder, size: int) -> RealNegatives | None:
    """The real negatives in ``folder``, or None (said on the terminal) where there is no such folder:
    a run without them still trains, on generated negatives alone."""
    if not folder or not (Path(folder) / "manifest.csv").is_file():
        print(f"no real non-chest pictures at {folder} (manifest.csv): outlier exposure uses generated ones only")
        return None
    negatives = RealNegatives(folder, size)
    counts = {split: int((negatives.splits == split).sum()) for split in ("train", "val", "test")}
    print(f"real non-chest pictures: {len(negatives.pixels)} ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    return negatives


def transformed_films(films: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """uint8 [N, S, S] -> uint8 [N, S, S]: each film rotated and/or inverted (never left as it was)."""
    out = np.empty_like(films)
    for i, film in enumerate(films):
        kind = rng.integers(0, 5)
        if kind < 3:                       # rotated by 90, 180 or 270 degrees
            out[i] = np.rot90(film, k=kind + 1)
        elif kind == 3:                    # photographic negative
            out[i] = 255 - film
        else:                              # negative and rotated
            out[i] = 255 - np.rot90(film, k=rng.integers(1, 4))
    return out


def synthetic_pictures(count: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """uint8 [count, size, size] of assorted non-X-ray pictures."""
    makers = [_noise, _gradient, _stripes, _blobs, _shapes, _text_page, _constant]
    return np.stack([makers[i % len(makers)](size, rng) for i in range(count)])


def _noise(size, rng):
    scale = int(rng.choice([1, 4, 16]))
    small = rng.integers(0, 256, (max(size // scale, 1),) * 2).astype(np.uint8)
    return np.asarray(Image.fromarray(small).resize((size, size), Image.BILINEAR))


def _gradient(size, rng):
    angle = rng.uniform(0, 2 * np.pi)
    y, x = np.mgrid[0:size, 0:size] / size
    g = np.cos(angle) * x + np.sin(angle) * y
    g = (g - g.min()) / (np.ptp(g) + 1e-9)
    return (g * 255).astype(np.uint8)


def _stripes(size, rng):
    period = rng.integers(4, 40)
    y, x = np.mgrid[0:size, 0:size]
    axis = x if rng.random() < 0.5 else y
    return (((axis // period) % 2) * 255).astype(np.uint8)


def _blobs(size, rng):
    img = np.zeros((size, size), np.float32)
    y, x = np.mgrid[0:size, 0:size]
    for _ in range(rng.integers(2, 8)):
        cy, cx, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(size / 20, size / 4)
        img += rng.uniform(0.3, 1) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * r * r))
    return (255 * img / (img.max() + 1e-9)).astype(np.uint8)


def _shapes(size, rng):
    im = Image.new("L", (size, size), int(rng.integers(0, 256)))
    draw = ImageDraw.Draw(im)
    for _ in range(rng.integers(3, 12)):
        box = sorted(rng.integers(0, size, 2).tolist())
        box2 = sorted(rng.integers(0, size, 2).tolist())
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape([box[0], box2[0], box[1], box2[1]], fill=int(rng.integers(0, 256)))
    return np.asarray(im.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 2)))))


def _text_page(size, rng):
    paper, ink = (int(rng.integers(200, 256)), int(rng.integers(0, 60)))
    if rng.random() < 0.3:
        paper, ink = ink, paper
    im = Image.new("L", (size * 2, size * 2), paper)
    draw = ImageDraw.Draw(im)
    words = ["patient", "report", "chest", "date", "result", "clinic", "lorem", "ipsum", "42", "mg", "ok"]
    for line in range(rng.integers(8, 30)):
        text = " ".join(rng.choice(words, rng.integers(3, 9)))
        draw.text((rng.integers(0, 20), 10 + line * 14), text, fill=ink)
    return np.asarray(im.resize((size, size), Image.BILINEAR))


def _constant(size, rng):
    return np.full((size, size), int(rng.integers(0, 256)), np.uint8)


def photographs(size: int) -> np.ndarray | None:
    """scikit-image's sample photographs (people, animals, objects, text, micrographs) as uint8
    [N, size, size], or None where scikit-image is not installed. Used for measuring only."""
    try:
        from skimage import data
    except ImportError:
        return None
    # Only samples that ship inside the scikit-image wheel (others need a download).
    names = ["astronaut", "camera", "cat", "chelsea", "coffee", "coins", "horse", "moon", "page", "text",
             "rocket", "clock", "brick", "grass", "gravel", "hubble_deep_field", "immunohistochemistry",
             "retina", "microaneurysms", "stereo_motorcycle", "logo", "cell", "colorwheel", "binary_blobs",
             "checkerboard", "shepp_logan_phantom"]
    pictures = []
    for name in names:
        # binary_blobs draws its blobs at random: seeded, so the audit measures the same pictures every run.
        picture = data.binary_blobs(rng=0) if name == "binary_blobs" else getattr(data, name)()
        pictures.append(picture[0] if isinstance(picture, tuple) else picture)
    pictures += list(data.lfw_subset()[:40])  # small face photographs
    out = []
    for picture in pictures:
        picture = np.asarray(picture)
        if picture.dtype == bool:
            picture = picture.astype(np.uint8) * 255
        if picture.dtype != np.uint8:  # float samples in [0, 1]
            picture = (255 * (picture - picture.min()) / (np.ptp(picture) + 1e-9)).astype(np.uint8)
        im = Image.fromarray(picture).convert("L")
        out.append(np.asarray(im.resize((size, size), Image.BILINEAR)))
    return np.stack(out)
