"""Draw assets/selftest/chest-phantom-selftest.png: a synthetic chest-like picture for ``--self-test``.

The project never ships images from the data sets it trains on, so the self-test film is drawn here:
two dark lung fields, a bright mediastinum and diaphragm, ribs and a little noise. It exercises
loading, the checksum, preprocessing and inference; whether the model accepts it as a chest X-ray does
not matter to the self-test (a refusal is a correct, complete run). Run: python scripts/make_selftest_image.py
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "assets" / "selftest" / "chest-phantom-selftest.png"


def draw_phantom(width: int = 256, height: int = 232, seed: int = 7) -> Image.Image:
    im = Image.new("L", (width, height), 200)                       # soft tissue: bright
    draw = ImageDraw.Draw(im)
    for x0 in (0.12, 0.55):                                          # lung fields: dark
        draw.ellipse([x0 * width, 0.10 * height, (x0 + 0.33) * width, 0.85 * height], fill=60)
    draw.ellipse([0.40 * width, 0.45 * height, 0.68 * width, 0.85 * height], fill=190)  # heart
    draw.rectangle([0.45 * width, 0.0, 0.55 * width, 0.6 * height], fill=215)          # spine, mediastinum
    for i in range(9):                                               # ribs
        y = (0.14 + 0.075 * i) * height
        draw.arc([0.08 * width, y - 18, 0.5 * width, y + 22], 190, 340, fill=135, width=4)
        draw.arc([0.5 * width, y - 18, 0.92 * width, y + 22], 200, 350, fill=135, width=4)
    im = im.filter(ImageFilter.GaussianBlur(3))
    noise = np.random.default_rng(seed).normal(0, 6, (height, width))
    return Image.fromarray(np.clip(np.asarray(im, float) + noise, 0, 255).astype(np.uint8))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    draw_phantom().save(OUT, optimize=True)
    print(OUT, OUT.stat().st_size, "bytes")
