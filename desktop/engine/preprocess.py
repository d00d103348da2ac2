"""The one preprocessing function of the model contract.

Training, evaluation, export checks and the app all call this module, so a model
never sees different pixels in the clinic than it saw in evaluation
(see ``../shared/docs/architecture.md``, "The model file"). Qt-free and torch-free.
"""

import numpy as np
from PIL import Image


def resize_to_model(image: Image.Image, size: int) -> np.ndarray:
    """Whole image (no crop) -> 8-bit grayscale "L" -> Pillow BILINEAR to size x size; uint8 [S, S].

    The training cache stores exactly this array; ``to_model_input`` divides it by 255.
    """
    gray = image if image.mode == "L" else image.convert("L")
    return np.asarray(gray.resize((size, size), Image.BILINEAR), dtype=np.uint8)


def to_model_input(image: Image.Image, size: int) -> np.ndarray:
    """The contract's input for one image: float32 [1, S, S] in [0, 1]."""
    return uint8_to_model_input(resize_to_model(image, size))


def uint8_to_model_input(pixels: np.ndarray) -> np.ndarray:
    """uint8 [..., S, S] from ``resize_to_model`` -> float32 [..., 1, S, S] / 255."""
    return (pixels.astype(np.float32) / 255.0)[..., None, :, :]
