"""Pillow / NumPy -> QImage, safe to call from any thread (QImage, unlike QPixmap, is)."""

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage

THUMBNAIL_SIDE = 128        # logical 64 px at 2x HiDPI
DISPLAY_MAX_SIDE = 2048     # the viewer's copy: sharp at any zoom a triage look needs, 4 MB at most


def gray_to_qimage(pixels: np.ndarray) -> QImage:
    """uint8 [h, w] -> a QImage that owns its bytes (the array may go away)."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w = pixels.shape
    return QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def rgba_to_qimage(pixels: np.ndarray) -> QImage:
    """uint8 [h, w, 4] RGBA -> QImage (non-premultiplied), owning its bytes."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w, _ = pixels.shape
    return QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


def pil_to_gray_qimage(image: Image.Image, max_side: int | None = None) -> QImage:
    gray = image if image.mode == "L" else image.convert("L")
    if max_side and max(gray.size) > max_side:
        scale = max_side / max(gray.size)
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.BILINEAR, reducing_gap=2.0)
    return gray_to_qimage(np.asarray(gray))


def make_thumbnail(image: Image.Image) -> QImage:
    return pil_to_gray_qimage(image, THUMBNAIL_SIDE)
