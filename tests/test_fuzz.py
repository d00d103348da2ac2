"""Seeded fuzzing of load_xray: only XrayReadError (with a one-line sentence) may escape.

Base inputs: real chest JPEGs and the real DICOM samples from ../shared/data (the large ones
reduced so that one iteration stays in milliseconds, keeping their real headers: VOI LUTs,
windows, MONOCHROME1, JPEG 2000), plus generated files in every supported format. Mutations:
bit flips (biased to the headers), magic-value overwrites, truncations, splices of the head of
one file onto the body of another, chunk duplication/removal. Everything is derived from one
seed, so a failure is reproducible from the printed case number.
"""

import io
import logging
import random
import time
import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.uid import JPEG2000Lossless, JPEGBaseline8Bit, ExplicitVRLittleEndian, RLELossless

from dicom_factory import dicom_dataset

from desktop.engine.errors import XrayReadError
from desktop.engine.imaging import MAX_PIXELS, MAX_SIDE, load_xray

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CASES = 5000
SEED = 20240601
EXTENSIONS = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".gif", ".dcm", ""]


# --- base inputs -----------------------------------------------------------------------------------

def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def dicom_bytes(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def small_dicom(pixels: np.ndarray, photometric="MONOCHROME2", frames=None, **tags) -> Dataset:
    return dicom_dataset(pixels, photometric=photometric, frames=frames, PatientName="Fuzz^Test", **tags)


def generated_bases() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    ramp = np.tile(np.linspace(0, 255, 64), (48, 1)).astype(np.uint8)
    noise = rng.integers(0, 255, (48, 64), dtype=np.uint8)
    gray, noisy = Image.fromarray(ramp), Image.fromarray(noise)
    wide16 = Image.fromarray((ramp.astype(np.uint16) * 250))
    palette = Image.new("P", (48, 48), 0)
    palette.putpalette([200, 200, 200, 10, 20, 30] + [0] * 762)
    palette.paste(1, (24, 0, 48, 48))
    exif = Image.Exif()
    exif[0x0112] = 6
    lut = Dataset()
    lut.LUTDescriptor, lut.LUTData = [256, 0, 12], list(range(0, 4096, 16))
    lut["LUTData"].VR = "US"
    bases = {
        "gray.png": encode(gray, "PNG"),
        "g16.png": encode(wide16, "PNG"),
        "pal.png": encode(palette, "PNG", transparency=bytes([255, 0])),
        "noise.jpg": encode(noisy, "JPEG", quality=80),
        "exif.jpg": encode(gray, "JPEG", exif=exif.tobytes()),
        "cmyk.jpg": encode(noisy.convert("RGB").convert("CMYK"), "JPEG"),
        "gray.bmp": encode(gray, "BMP"),
        "g16.tif": encode(wide16, "TIFF"),
        "float.tif": encode(Image.fromarray(ramp.astype(np.float32) / 255), "TIFF"),
        "anim.gif": encode(gray, "GIF", save_all=True, append_images=[noisy]),
        "mono1.dcm": dicom_bytes(small_dicom((ramp.astype(np.uint16) * 4), "MONOCHROME1",
                                             BitsStored=10, WindowCenter=500, WindowWidth=800)),
        "lut.dcm": dicom_bytes(small_dicom(ramp.astype(np.uint16), VOILUTSequence=[lut],
                                           RescaleSlope=2, RescaleIntercept=-5)),
        "rgb.dcm": dicom_bytes(small_dicom(np.stack([ramp, noise, ramp], axis=-1), "RGB")),
        "frames.dcm": dicom_bytes(small_dicom(np.stack([ramp, noise]), frames=2)),
    }
    rle = small_dicom(ramp)
    rle.compress(RLELossless)   # pydicom's own RLE encoder: always available
    bases["rle.dcm"] = dicom_bytes(rle)
    jpeg = small_dicom(ramp)
    jpeg.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    jpeg.PixelData = encapsulate([encode(gray, "JPEG")])
    jpeg["PixelData"].VR = "OB"
    bases["jpeg.dcm"] = dicom_bytes(jpeg)
    return bases


def reduced_dicom(path: Path, target=96) -> bytes:
    """The real file's header with its first frame subsampled to ~target px, re-encoded as the
    original was where an encoder exists (JPEG 2000), else uncompressed."""
    ds = pydicom.dcmread(path)
    compressed = ds.file_meta.TransferSyntaxUID.is_compressed
    pixels = ds.pixel_array
    step = max(1, max(pixels.shape[:2]) // target)
    small = np.ascontiguousarray(pixels[::step, ::step])
    ds.Rows, ds.Columns = small.shape[:2]
    if compressed:
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.PixelData = small.tobytes()
    if compressed:
        try:
            ds.compress(JPEG2000Lossless)
        except Exception:   # no encoder here: keep it uncompressed
            pass
    return dicom_bytes(ds)


def shared_bases() -> dict[str, bytes]:
    bases = {}
    images = SHARED_DATA / "cxr" / "images"
    if images.is_dir():
        for source in sorted(p for p in images.iterdir() if p.is_dir())[:4]:
            first = min(source.glob("*.jp*g"), default=None)
            if first is not None and first.stat().st_size < 60_000:
                bases[f"{source.name}.jpg"] = first.read_bytes()
    dicom = SHARED_DATA / "dicom"
    if dicom.is_dir():
        for path in sorted(dicom.glob("*.dcm")):
            if path.stat().st_size < 200_000:      # the CT slice, the 8-bit JPEG film
                bases[path.name] = path.read_bytes()
            else:                                   # MONOCHROME1 10-bit, J2K 15-bit, knee + VOI LUTs
                bases["reduced-" + path.name] = reduced_dicom(path)
    return bases


@pytest.fixture(scope="module")
def bases() -> dict[str, bytes]:
    found = generated_bases()
    found.update(shared_bases())
    return found


# --- mutations -------------------------------------------------------------------------------------

MAGIC = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\x00\x00", b"\xff\xff", b"\xff\xff\xff\x7f",
         b"\x00\x00\x00\x80", b"\xff\xff\xff\xff", b"\x00\x10\x00\x00"]


def header_biased_offset(rng: random.Random, size: int) -> int:
    """Half of the mutations hit the first 2 KB, where every format keeps its sizes and lengths."""
    if rng.random() < 0.5:
        return rng.randrange(min(size, 2048))
    return rng.randrange(size)


def mutate(rng: random.Random, data: bytes, other: bytes) -> tuple[str, bytes]:
    data = bytearray(data)
    op = rng.choice(["flip", "flip", "magic", "truncate", "splice", "chunk", "insert"])
    if op == "flip":
        for _ in range(rng.randint(1, 8)):
            i = header_biased_offset(rng, len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif op == "magic":
        for _ in range(rng.randint(1, 3)):
            value = rng.choice(MAGIC)
            i = header_biased_offset(rng, len(data))
            data[i:i + len(value)] = value
    elif op == "truncate":
        data = data[: rng.randrange(len(data))]
    elif op == "splice":   # the head of one real file on the body of another
        data = data[: rng.randrange(1, len(data))] + other[rng.randrange(len(other)):]
    elif op == "chunk":
        i, j = sorted(rng.randrange(len(data)) for _ in range(2))
        data = data[:i] + data[i:j] * 2 + data[j:] if rng.random() < 0.5 else data[:i] + data[j:]
    else:
        i = header_biased_offset(rng, len(data))
        data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return op, bytes(data)


def check_record(record, case: int) -> None:
    assert record.image.mode == "L", case
    width, height = record.image.size
    assert 1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE, case
    ow, oh = record.original_size
    assert ow * oh <= MAX_PIXELS, case
    assert np.asarray(record.image).dtype == np.uint8, case


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_only_xray_read_error_escapes(bases, tmp_path, capsys):
    rng = random.Random(SEED)
    names = sorted(bases)
    loaded = refused = 0
    outcomes: dict[str, int] = {}
    logging.getLogger("pydicom").setLevel(logging.CRITICAL)   # pydicom logs every oddity it meets
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for case in range(CASES):
                name = rng.choice(names)
                op, data = mutate(rng, bases[name], bases[rng.choice(names)])
                suffix = Path(name).suffix if rng.random() < 0.7 else rng.choice(EXTENSIONS)
                path = tmp_path / f"case{case % 8}{suffix}"
                path.write_bytes(data)
                try:
                    record = load_xray(path, max_side=rng.choice([None, None, 224]))
                except XrayReadError as error:
                    message = str(error)
                    assert message and message.endswith(".") and "\n" not in message, (case, name, op, message)
                    assert "Traceback" not in message, (case, name, op)
                    refused += 1
                    kind = "unexpected" if " could not be read (" in message else "sentence"
                    outcomes[kind] = outcomes.get(kind, 0) + 1
                except Exception as exc:   # the failure this test exists to find
                    pytest.fail(f"case {case} ({name}, {op}, {suffix!r}) raised {type(exc).__name__}: {exc}")
                else:
                    check_record(record, case)
                    loaded += 1
    finally:
        logging.getLogger("pydicom").setLevel(logging.NOTSET)
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\nfuzz: {CASES} cases over {len(bases)} bases in {elapsed:.1f} s: "
              f"{loaded} loaded, {refused} refused {outcomes}")
    assert loaded + refused == CASES
    # Both outcomes must be common, or the mutations are too weak or too destructive to test much.
    assert loaded > CASES // 20 and refused > CASES // 20


def test_fuzz_bases_are_readable(bases, tmp_path):
    """Unmutated, every base input loads: the fuzz starts from valid files of every kind."""
    formats = set()
    for name, data in bases.items():
        path = tmp_path / name
        path.write_bytes(data)
        record = load_xray(path)
        check_record(record, name)
        formats.add(record.format)
    assert {"PNG", "JPEG", "BMP", "TIFF", "GIF", "DICOM"} <= formats
    assert len(bases) >= 16
