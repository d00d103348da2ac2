"""Files a clinic PC really meets: empty, renamed, truncated, tiny, huge headers, odd paths.

Each must give one XrayReadError with a sentence (checked word for word where the wording is the
contract with the technician), never another exception, never a hang or a huge allocation.
"""

import json
import os
import resource
import struct
import time
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile, features

from desktop.engine.errors import TriageError, XrayReadError
from desktop.engine.files import iter_image_files
from desktop.engine.imaging import load_xray
from robustness_helpers import locked_open, patch_open, vanishing_open


def read_error(path) -> str:
    with pytest.raises(XrayReadError) as info:
        load_xray(path)
    message = str(info.value)
    assert isinstance(info.value, TriageError)
    assert message.endswith(".") and "Traceback" not in message and "\n" not in message
    return message


def png_header(width: int, height: int, bit_depth=8, color_type=0) -> bytes:
    """A valid PNG signature, IHDR (correct CRC) claiming width x height, a tiny IDAT and IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def noisy(width=300, height=300, seed=1) -> Image.Image:
    return Image.fromarray(np.random.default_rng(seed).integers(0, 255, (height, width), dtype=np.uint8))


# --- not images ------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    (tmp_path / "scan.png").write_bytes(b"")
    assert read_error(tmp_path / "scan.png") == "scan.png is empty (0 bytes)."


def test_text_renamed_png(tmp_path):
    (tmp_path / "notes.png").write_text("Follow-up chest film in two weeks.\n")
    assert read_error(tmp_path / "notes.png") == "notes.png is not an image file."


def test_pdf_renamed_png(tmp_path):
    (tmp_path / "scan.png").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" * 10)
    assert read_error(tmp_path / "scan.png") == "scan.png is a PDF document, not an image file."


def test_postscript_is_never_handed_to_ghostscript(tmp_path):
    (tmp_path / "film.png").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n")
    assert read_error(tmp_path / "film.png") == "film.png is a PostScript file, not an image file."


@pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")
def test_webp_is_named(tmp_path):
    noisy(64, 64).save(tmp_path / "phone.png", format="WEBP")
    assert "WebP image, which this app cannot read" in read_error(tmp_path / "phone.png")


def test_heic_is_named(tmp_path):
    (tmp_path / "IMG_0001.jpg").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200)
    assert "HEIC photo" in read_error(tmp_path / "IMG_0001.jpg")


# --- damaged images --------------------------------------------------------------------------------

def test_truncated_jpeg(tmp_path):
    path = tmp_path / "cut.jpg"
    noisy().save(path, quality=90)
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 6 // 10])
    message = read_error(path)
    assert message.startswith("cut.jpg is damaged or incomplete")


def test_truncated_png(tmp_path):
    path = tmp_path / "cut.png"
    noisy().save(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert read_error(path).startswith("cut.png is damaged or incomplete")


def test_png_with_broken_header_crc(tmp_path):
    data = bytearray(png_header(100, 100))
    data[29] ^= 0xFF   # inside the IHDR CRC
    (tmp_path / "crc.png").write_bytes(bytes(data))
    assert read_error(tmp_path / "crc.png") == "crc.png looks like a PNG image but is damaged and cannot be read."


def test_jpeg_marker_then_garbage(tmp_path):
    (tmp_path / "j.jpg").write_bytes(b"\xff\xd8\xff" + b"garbage" * 50)
    assert "looks like a JPEG image but is damaged" in read_error(tmp_path / "j.jpg")


def test_png_header_with_empty_pixel_data_within_limits(tmp_path):
    (tmp_path / "hollow.png").write_bytes(png_header(400, 300))
    assert read_error(tmp_path / "hollow.png").startswith("hollow.png is damaged or incomplete")


# --- sizes -----------------------------------------------------------------------------------------

def test_one_pixel(tmp_path):
    Image.new("L", (1, 1)).save(tmp_path / "tiny.png")
    assert read_error(tmp_path / "tiny.png") == "tiny.png is 1×1 pixels, too small for an X-ray (minimum 32 px a side)."


def test_small_image_sentence(tmp_path):
    Image.new("L", (12, 9)).save(tmp_path / "image.png")
    assert read_error(tmp_path / "image.png") == "image.png is 12×9 pixels, too small for an X-ray (minimum 32 px a side)."


def test_size_boundaries(tmp_path):
    Image.new("L", (31, 200)).save(tmp_path / "a.png")
    Image.new("L", (32, 32)).save(tmp_path / "b.png")
    Image.new("L", (32, 320)).save(tmp_path / "c.png")   # exactly 10:1 is still allowed
    assert "too small" in read_error(tmp_path / "a.png")
    assert load_xray(tmp_path / "b.png").image.size == (32, 32)
    assert load_xray(tmp_path / "c.png").image.size == (32, 320)


def test_extreme_aspect_ratio(tmp_path):
    Image.new("L", (10, 10000)).save(tmp_path / "strip.png")
    assert read_error(tmp_path / "strip.png") == (
        "strip.png is 10×10000 pixels; its sides differ by more than 10:1, which is not the shape of an X-ray.")
    Image.new("L", (4000, 390)).save(tmp_path / "wide.png")
    assert "more than 10:1" in read_error(tmp_path / "wide.png")


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("width, height, expected", [
    (30000, 30000, "declares an image larger than this app accepts (at most 20,000 px a side and 80 megapixels)"),
    (9000, 9500, "is 9000×9500 pixels, larger than this app accepts (at most 20,000 px a side and 80 megapixels)"),
    (12000, 8000, "is 12000×8000 pixels, larger than this app accepts"),   # past Pillow's own warning
    (20001, 4000, "is 20001×4000 pixels, larger than this app accepts")])
def test_decompression_bomb_header_refused_without_allocating(tmp_path, width, height, expected):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header(width, height))
    assert path.stat().st_size < 200
    before, start = max_rss_mb(), time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        message = read_error(path)
    assert expected in message
    assert time.perf_counter() - start < 2
    assert max_rss_mb() - before < 50   # a decode would need width*height bytes (>= 80 MB)


def test_bomb_warning_escalated_to_error_still_gives_the_sentence(tmp_path):
    (tmp_path / "bomb.png").write_bytes(png_header(12000, 8000))
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # e.g. python -W error
        assert "larger than this app accepts" in read_error(tmp_path / "bomb.png")


# --- paths -----------------------------------------------------------------------------------------

def test_folder_named_like_an_image(tmp_path):
    (tmp_path / "x.png").mkdir()
    assert read_error(tmp_path / "x.png") == "x.png is a folder, not an image file."


def test_missing_file(tmp_path):
    assert read_error(tmp_path / "gone.png") == "gone.png was not found (it may have been moved or deleted)."


def test_broken_symlink(tmp_path):
    os.symlink(tmp_path / "nowhere.png", tmp_path / "link.png")
    assert "link.png was not found" in read_error(tmp_path / "link.png")


def test_symlink_loop_as_file(tmp_path):
    os.symlink("loop.png", tmp_path / "loop.png")
    assert read_error(tmp_path / "loop.png").startswith("loop.png cannot be opened (")


def test_non_ascii_path_with_spaces(tmp_path):
    folder = tmp_path / "Patient Ü 李 1"
    folder.mkdir()
    good, bad = folder / "Röntgen Thorax 2024 #1.png", folder / "Рентген легких.jpg"
    Image.new("L", (64, 64), 90).save(good)
    bad.write_text("not a film")
    record = load_xray(good)
    assert record.path == good and (np.asarray(record.image) == 90).all()
    assert read_error(bad) == "Рентген легких.jpg is not an image file."


def test_null_byte_and_overlong_names(tmp_path):
    assert "cannot be opened" in read_error(str(tmp_path / "a\x00b.png"))
    assert "cannot be opened" in read_error(tmp_path / ("a" * 300 + ".png"))


def test_not_a_path():
    with pytest.raises(XrayReadError, match="is not a file path"):
        load_xray(None)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_by_permissions(tmp_path):
    path = tmp_path / "locked.png"
    Image.new("L", (64, 64)).save(path)
    path.chmod(0)
    try:
        assert read_error(path) == "locked.png cannot be opened: permission denied."
    finally:
        path.chmod(0o644)


def test_unreadable_file_permission_error(tmp_path, monkeypatch):
    """Same as above for any user (tests run as root): the system refuses to open the file, which
    every check before the open (it exists, is a regular file, is not empty) let through."""
    path = tmp_path / "locked.png"
    Image.new("L", (64, 64)).save(path)
    patch_open(monkeypatch, locked_open(path))
    assert read_error(path) == "locked.png cannot be opened: permission denied."


def test_file_deleted_between_listing_and_reading(tmp_path):
    Image.new("L", (64, 64)).save(tmp_path / "a.png")
    listed = iter_image_files([tmp_path])
    assert listed == [tmp_path / "a.png"]
    (tmp_path / "a.png").unlink()
    assert read_error(listed[0]) == "a.png was not found (it may have been moved or deleted)."


def test_file_deleted_between_check_and_open(tmp_path, monkeypatch):
    """The file is there for every check and deleted as it is opened."""
    path = tmp_path / "a.png"
    Image.new("L", (64, 64)).save(path)
    patch_open(monkeypatch, vanishing_open(path))
    assert read_error(path) == "a.png was not found (it may have been moved or deleted)."
    assert not path.exists()


@pytest.mark.timeout(20)
def test_named_pipe_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    assert "is not a regular file" in read_error(tmp_path / "pipe.png")


def test_device_file():
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    assert read_error("/dev/null") == "null is not a regular file (it is a device, pipe or socket)."


# --- nothing else escapes --------------------------------------------------------------------------

@pytest.fixture
def film(tmp_path) -> Path:
    Image.new("L", (64, 64), 100).save(tmp_path / "film.png")
    return tmp_path / "film.png"


def failing_decoder(monkeypatch, error: BaseException, only_size=None) -> None:
    """Pillow's decoder (``ImageFile.load``, public) raises ``error`` (for images of ``only_size``, or all)."""
    real_load = ImageFile.ImageFile.load

    def load(self):
        if only_size is None or self.size == only_size:
            raise error
        return real_load(self)
    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def test_memory_error_becomes_a_sentence(film, monkeypatch):
    failing_decoder(monkeypatch, MemoryError())
    assert read_error(film) == "film.png is too large to open with the memory available."


def test_out_of_memory_on_one_film_is_its_error_and_predict_goes_on(film, monkeypatch, capsys, contract_model_path,
                                                                     tmp_path):
    """Through the predict command: the film the decoder cannot allocate gets the sentence, the next is read."""
    from desktop.cli import main
    from robustness_helpers import make_distinct_films

    other = make_distinct_films(tmp_path / "more", 1)[0]              # 96 px or more a side: decoded as usual
    failing_decoder(monkeypatch, MemoryError(), only_size=(64, 64))
    code = main(["predict", "--json", "--model", str(contract_model_path), str(film), str(other)])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1 and [row["path"] for row in rows] == [str(film), str(other)]
    assert rows[0]["error"] == "film.png is too large to open with the memory available."
    assert rows[1]["error"] is None and (rows[1]["label"] is not None or rows[1]["rejected"])


def test_keyboard_interrupt_is_not_swallowed(film, monkeypatch):
    failing_decoder(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        load_xray(film)


def test_unexpected_error_becomes_a_sentence(film, monkeypatch):
    """An error nobody foresaw (here a Pillow plugin failing on the header, through the public
    ``Image.open``) is still one sentence that names it."""
    def broken(*args, **kwargs):
        raise RuntimeError("codec exploded")
    monkeypatch.setattr(Image, "open", broken)
    assert read_error(film) == "film.png could not be read (RuntimeError: codec exploded)."


def test_decode_error_inside_pillow(film, monkeypatch):
    def failing_load(self):
        raise ValueError("tile cannot extend outside image")
    monkeypatch.setattr(ImageFile.ImageFile, "load", failing_load)
    assert read_error(film).startswith("film.png is damaged or incomplete")
