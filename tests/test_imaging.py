"""load_xray on the Pillow formats: bit depths, colour, alpha, frames, EXIF, draft mode."""

import io
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.engine.imaging import DRAFT_FACTOR, ImageRecord, load_xray, stretch_to_uint8
from desktop.engine.contract import to_model_input

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def gradient(width=64, height=48, lo=0, hi=255, dtype=np.uint8) -> np.ndarray:
    """Left-to-right ramp from lo to hi, the same on every row."""
    row = np.linspace(lo, hi, width)
    return np.tile(row, (height, 1)).astype(dtype)


def save(tmp_path, name, image: Image.Image, **params) -> Path:
    path = tmp_path / name
    image.save(path, **params)
    return path


# --- 8-bit formats ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt", [("a.png", "PNG"), ("a.bmp", "BMP"), ("a.tif", "TIFF"), ("a.gif", "GIF")])
def test_lossless_8bit_gray_is_unchanged(tmp_path, name, fmt):
    pixels = gradient()
    record = load_xray(save(tmp_path, name, Image.fromarray(pixels)))
    assert isinstance(record, ImageRecord)
    assert record.format == fmt and record.image.mode == "L"
    assert record.original_size == (64, 48) and record.image.size == (64, 48)
    np.testing.assert_array_equal(np.asarray(record.image), pixels)
    assert record.dicom_tags == {} and record.patient == {}


def test_jpeg_gray_loads_close_to_source(tmp_path):
    pixels = gradient(200, 120)
    record = load_xray(save(tmp_path, "a.jpg", Image.fromarray(pixels), quality=95))
    assert record.format == "JPEG" and record.image.size == (200, 120)
    assert np.abs(np.asarray(record.image, dtype=int) - pixels).max() <= 3


def test_rgb_becomes_pillow_luminance(tmp_path):
    rgb = np.zeros((40, 60, 3), np.uint8)
    rgb[:, :20] = (255, 0, 0)
    rgb[:, 20:40] = (0, 255, 0)
    rgb[:, 40:] = (0, 0, 255)
    out = np.asarray(load_xray(save(tmp_path, "c.png", Image.fromarray(rgb))).image)
    assert (out[0, 0], out[0, 30], out[0, 50]) == (76, 150, 29)   # ITU-R 601 luma, as Pillow


def test_bilevel_image(tmp_path):
    pixels = np.zeros((40, 40), bool)
    pixels[:, 20:] = True
    out = np.asarray(load_xray(save(tmp_path, "b.png", Image.fromarray(pixels))).image)
    assert out[0, 0] == 0 and out[0, 39] == 255


# --- high bit depth --------------------------------------------------------------------------------

def assert_stretched_ramp(out: np.ndarray):
    """A ramp must span 0..255 (not clipped to white like Pillow's convert) and rise monotonically."""
    row = out[0].astype(int)
    assert row[0] == 0 and row[-1] == 255
    assert np.all(np.diff(row) >= 0)
    assert len(np.unique(row)) > 50


def test_16bit_png_is_stretched_not_clipped(tmp_path):
    pixels = gradient(256, 40, 1000, 4000, np.uint16)
    path = save(tmp_path, "g16.png", Image.fromarray(pixels))
    assert Image.open(path).mode == "I;16"
    out = np.asarray(load_xray(path).image)
    assert_stretched_ramp(out)
    # Pillow's own conversion would saturate: every value >= 255 becomes white.
    assert (np.asarray(Image.open(path).convert("L")) == 255).all()


def test_16bit_tiff_little_and_big_endian(tmp_path):
    pixels = gradient(256, 40, 0, 65535, np.uint16)
    little = save(tmp_path, "l.tif", Image.fromarray(pixels))
    big = save(tmp_path, "b.tif", Image.frombytes("I;16B", (256, 40), pixels.astype(">u2").tobytes()))
    assert Image.open(big).mode == "I;16B"
    out_little, out_big = (np.asarray(load_xray(p).image) for p in (little, big))
    assert_stretched_ramp(out_little)
    np.testing.assert_array_equal(out_little, out_big)


def test_float_tiff_with_nan_and_inf(tmp_path):
    pixels = gradient(256, 40, -0.5, 2.0, np.float32)
    pixels[5, 5] = np.nan
    pixels[6, 6] = np.inf
    path = save(tmp_path, "f.tif", Image.fromarray(pixels))
    assert Image.open(path).mode == "F"
    out = np.asarray(load_xray(path).image)
    assert_stretched_ramp(out)
    assert out[5, 5] == 0 and out[6, 6] == 255


def test_32bit_integer_tiff(tmp_path):
    pixels = gradient(256, 40, -70000, 70000, np.int32)
    path = save(tmp_path, "i.tif", Image.fromarray(pixels))
    assert Image.open(path).mode == "I"
    assert_stretched_ramp(np.asarray(load_xray(path).image))


def test_robust_range_ignores_a_few_hot_pixels():
    pixels = gradient(500, 400, 0, 1000, np.uint16)
    pixels[0, :10] = 65535   # dead pixels / burned-in marker at full scale
    out = stretch_to_uint8(pixels)
    assert out[200, 250] in range(120, 136)   # the middle of the anatomy stays mid-grey


@pytest.mark.parametrize("value, dtype, expected", [
    (0, np.uint16, 0), (65535, np.uint16, 255), (0.5, np.float32, 128), (300, np.uint16, 1)])
def test_constant_high_bit_images_load(tmp_path, value, dtype, expected):
    path = save(tmp_path, "c.tif", Image.fromarray(np.full((50, 60), value, dtype)))
    out = np.asarray(load_xray(path).image)
    assert out.shape == (50, 60)
    assert (out == expected).all()


@pytest.mark.parametrize("value", [0, 255])
def test_constant_8bit_images_load(tmp_path, value):
    out = np.asarray(load_xray(save(tmp_path, "k.png", Image.new("L", (64, 64), value))).image)
    assert (out == value).all()


# --- colour models and alpha -----------------------------------------------------------------------

def test_cmyk_jpeg(tmp_path):
    rgb = np.zeros((64, 96, 3), np.uint8)
    rgb[:, :32] = (250, 250, 250)
    rgb[:, 32:64] = (128, 128, 128)
    rgb[:, 64:] = (200, 40, 40)
    path = save(tmp_path, "cmyk.jpg", Image.fromarray(rgb).convert("CMYK"), quality=95)
    assert Image.open(path).mode == "CMYK"
    out = np.asarray(load_xray(path).image, dtype=int)
    expected = np.asarray(Image.fromarray(rgb).convert("L"), dtype=int)
    # Adobe CMYK JPEGs are stored inverted; a wrong reading gives a negative (difference ~200).
    assert np.abs(out[8:-8, 8:24] - expected[8:-8, 8:24]).max() <= 8
    assert np.abs(out - expected).mean() < 6


def test_palette_png_with_alpha_composited_on_black(tmp_path):
    im = Image.new("P", (64, 64), 0)
    im.putpalette([200, 200, 200, 50, 100, 150] + [0] * 762)
    im.paste(1, (32, 0, 64, 64))
    path = save(tmp_path, "pal.png", im, transparency=bytes([255, 0]))   # index 1 fully transparent
    assert Image.open(path).mode == "P"
    out = np.asarray(load_xray(path).image)
    assert (out[:, :32] == 200).all()      # opaque palette grey
    assert (out[:, 32:] == 0).all()        # transparent: black, not the hidden palette colour


def test_gray_alpha_and_rgba_alpha(tmp_path):
    gray = np.full((40, 40), 200, np.uint8)
    alpha = np.zeros((40, 40), np.uint8)
    alpha[:, 20:] = 255
    alpha[:, 10:20] = 128
    la = Image.merge("LA", [Image.fromarray(gray), Image.fromarray(alpha)])
    out = np.asarray(load_xray(save(tmp_path, "la.png", la)).image)
    assert out[0, 0] == 0 and out[0, 30] == 200 and abs(int(out[0, 15]) - 100) <= 1
    rgba = la.convert("RGBA")
    out2 = np.asarray(load_xray(save(tmp_path, "rgba.png", rgba)).image)
    np.testing.assert_array_equal(out, out2)


# --- frames ----------------------------------------------------------------------------------------

def test_animated_gif_first_frame(tmp_path):
    first, second = Image.new("L", (48, 48), 30), Image.new("L", (48, 48), 220)
    path = tmp_path / "anim.gif"
    first.save(path, save_all=True, append_images=[second], duration=100, loop=0)
    assert getattr(Image.open(path), "n_frames", 1) == 2
    out = np.asarray(load_xray(path).image)
    assert abs(int(out.mean()) - 30) <= 1


def test_multipage_tiff_first_page(tmp_path):
    path = tmp_path / "pages.tif"
    Image.new("L", (40, 50), 10).save(path, save_all=True,
                                      append_images=[Image.new("L", (80, 90), 240)])
    assert Image.open(path).n_frames == 2
    record = load_xray(path)
    assert record.image.size == (40, 50) and (np.asarray(record.image) == 10).all()


# --- EXIF orientation ------------------------------------------------------------------------------

@pytest.mark.parametrize("orientation, black_at", [(1, "left"), (6, "top"), (8, "bottom"), (3, "right")])
def test_exif_orientation_applied(tmp_path, orientation, black_at):
    pixels = np.full((40, 80), 255, np.uint8)
    pixels[:, :40] = 0    # stored: left half black
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = save(tmp_path, "rot.jpg", Image.fromarray(pixels), exif=exif.tobytes(), quality=95)
    record = load_xray(path)
    out = np.asarray(record.image, dtype=int)
    expected_size = (80, 40) if orientation in (1, 3) else (40, 80)
    assert record.image.size == expected_size and record.original_size == expected_size
    h, w = out.shape
    halves = {"left": out[:, : w // 2], "right": out[:, w // 2:],
              "top": out[: h // 2], "bottom": out[h // 2:]}
    assert halves[black_at].mean() < 20
    opposite = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}[black_at]
    assert halves[opposite].mean() > 235


def test_damaged_exif_is_ignored(tmp_path):
    path = save(tmp_path, "e.jpg", Image.fromarray(gradient(64, 64)), quality=95)
    data = bytearray(path.read_bytes())
    # An APP1 "Exif" segment with garbage TIFF data after the SOI marker.
    app1 = b"Exif\x00\x00" + b"MM\x00*\xff\xff\xff\xff" + b"\x13" * 20
    data[2:2] = b"\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
    path.write_bytes(bytes(data))
    record = load_xray(path)
    assert record.image.size == (64, 64)
    assert abs(int(np.asarray(record.image)[:, 32].mean()) - 130) <= 6


# --- draft mode ------------------------------------------------------------------------------------

def smooth_film(width, height, seed=0) -> np.ndarray:
    """A film-like smooth image with some texture: blurred noise on a vertical brightness bump."""
    rng = np.random.default_rng(seed)
    noise = Image.fromarray(rng.integers(0, 255, (height // 16, width // 16), dtype=np.uint8))
    texture = np.asarray(noise.resize((width, height), Image.BICUBIC), dtype=np.float32)
    x = np.linspace(-1, 1, width)
    bump = 160 * np.exp(-(x / 0.3) ** 2)
    return np.clip(0.4 * texture + bump[None, :] + 20, 0, 255).astype(np.uint8)


def test_max_side_drafts_large_jpeg_and_keeps_model_input(tmp_path):
    pixels = smooth_film(2000, 1600)
    path = save(tmp_path, "big.jpg", Image.fromarray(pixels), quality=90)
    full = load_xray(path)
    drafted = load_xray(path, max_side=224)
    assert full.image.size == (2000, 1600)
    assert drafted.original_size == (2000, 1600)
    assert drafted.image.size < full.image.size
    assert min(drafted.image.size) >= DRAFT_FACTOR * 224
    difference = np.abs(to_model_input(full.image, 224) - to_model_input(drafted.image, 224))
    assert difference.max() <= 8 / 255 and difference.mean() < 1 / 255


def test_max_side_too_large_for_draft_decodes_fully(tmp_path):
    path = save(tmp_path, "mid.jpg", Image.fromarray(smooth_film(800, 640)), quality=90)
    assert load_xray(path, max_side=224).image.size == (800, 640)   # 1/2 would be < 448


def test_max_side_does_not_change_lossless_formats(tmp_path):
    path = save(tmp_path, "big.png", Image.fromarray(smooth_film(1200, 1000)))
    assert load_xray(path, max_side=224).image.size == (1200, 1000)


def test_draft_keeps_exif_rotation(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    path = save(tmp_path, "r.jpg", Image.fromarray(smooth_film(2000, 1200)), exif=exif.tobytes())
    record = load_xray(path, max_side=224)
    assert record.original_size == (1200, 2000)
    assert record.image.size[0] < record.image.size[1]


def test_draft_on_real_full_resolution_films():
    """The measurement in imaging.py's docstring, on two of the shared originals."""
    files = sorted((SHARED_DATA / "cxr-fullres" / "kermany").glob("*/*.jpeg"))
    if not files:
        pytest.skip("shared full-resolution films not found")
    largest = sorted(files, key=lambda p: Image.open(p).size[0] * Image.open(p).size[1])[-2:]
    for path in largest:
        start = time.perf_counter()
        full = load_xray(path)
        middle = time.perf_counter()
        drafted = load_xray(path, max_side=224)
        end = time.perf_counter()
        assert drafted.image.size < full.image.size
        difference = np.abs(to_model_input(full.image, 224) - to_model_input(drafted.image, 224))
        # Measured: max 17/255, mean up to ~1/255 on the 1/4-scale films (see imaging.py).
        assert difference.max() <= 20 / 255 and difference.mean() < 1.5 / 255
        assert (end - middle) < (middle - start) * 1.5   # not slower (loose: shared CPU)


def test_string_and_pathlike_accepted(tmp_path):
    path = save(tmp_path, "s.png", Image.fromarray(gradient()))
    assert load_xray(str(path)).path == path
    assert load_xray(path).path == path


def test_in_memory_bytes_are_not_a_path():
    with pytest.raises(Exception) as info:
        load_xray(io.BytesIO(b"\x89PNG"))
    assert type(info.value).__name__ == "XrayReadError"
