"""``load_xray``: any supported file -> an 8-bit grayscale image plus what the app shows about it.

Reads PNG, JPEG, BMP, TIFF (8/16-bit, float, first page), GIF (first frame) and DICOM (see
``desktop.engine.dicom``). Every failure, whatever the input, leaves as one ``XrayReadError``
whose message is a sentence a clinic technician understands; nothing else escapes (except
KeyboardInterrupt and similar BaseExceptions, which must stop the program).

Qt-free and torch-free: the trainer imports this very function, so the model sees the same pixels
in evaluation as in the clinic.

Draft mode (``max_side``): a large JPEG is decoded by libjpeg at 1/2, 1/4 or 1/8 scale, never below
``DRAFT_FACTOR`` x the model's size a side; what that changes at the model input, and how much faster
it is, is measured in the README ("JPEG draft decoding"). Without ``max_side`` (the viewer, the
trainer) a JPEG is always decoded at full resolution.

Over 300 lines because the reading of every format and all its refusals are one concern, that of the
function above; DICOM, the pixel limits and the 8-bit mapping are already modules of their own.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import (MAX_ASPECT, MAX_FILE_BYTES, MAX_PIXELS, MAX_SIDE, MIN_SIDE,  # noqa: F401 (public here too)
                                   ImageRecord, check_dimensions, limits_text, stretch_to_uint8, window_to_uint8)
from desktop.engine.integrity import sha256_of_stream

DRAFT_FACTOR = 2               # see the module docstring for the measurement

# Only these Pillow plugins may open a file: fewer parsers exposed to hostile files, and no
# plugin that shells out (EPS runs Ghostscript).
PILLOW_FORMATS = ("PNG", "JPEG", "BMP", "DIB", "TIFF", "GIF")   # JPEG includes MPO

# Signatures for a helpful sentence when Pillow cannot open a file (first bytes -> what it is).
_DAMAGED_IMAGE_SIGNATURES = {
    b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"BM": "BMP",
    b"II*\x00": "TIFF", b"MM\x00*": "TIFF",
}
_OTHER_FILE_SIGNATURES = {
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive or Office document",
    b"%!PS": "a PostScript file", b"8BPS": "a Photoshop file", b"\x00\x00\x01\x00": "an icon file",
}


def load_xray(path, max_side: int | None = None, *, sha256: bool = False) -> ImageRecord:
    """Read one X-ray file into an 8-bit grayscale ``ImageRecord``.

    ``max_side``: the caller needs at most this many pixels a side (e.g. the model's input size);
    a large JPEG may then be decoded at reduced size (never below ``DRAFT_FACTOR * max_side`` a
    side), so ``image.size`` can be smaller than ``original_size``. Other formats ignore it.
    ``sha256``: also set ``record.sha256``, the SHA-256 of the bytes that were decoded. The file is
    opened once, hashed and decoded through the same handle, and refused if it was written to in
    between, so a result stored under that hash is the result of those bytes (a file replaced by
    another between a separate hash and a separate read would store one film's result under the
    other's hash).
    Raises ``XrayReadError`` (with a sentence) for every file that cannot be used.
    """
    try:
        path = Path(path)
    except TypeError:
        raise XrayReadError(f"{path!r} is not a file path.") from None
    name = path.name or str(path)
    try:
        return _load(path, name, max_side, sha256)
    except XrayReadError:
        raise
    except MemoryError:
        raise XrayReadError(f"{name} is too large to open with the memory available.") from None
    except Exception as exc:   # a decoder bug or an input nobody foresaw: still one sentence
        raise XrayReadError(f"{name} could not be read ({_short_reason(exc)}).") from exc


def _short_reason(exc: Exception) -> str:
    """One line for the technician: libraries put tracebacks and pages of detail in messages."""
    detail = str(exc).strip().splitlines()[0].strip() if str(exc).strip() else ""
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def dicom_not_chest_reason(record: ImageRecord) -> str | None:
    """A sentence when the DICOM tags say the file is not a chest radiograph; else None."""
    from desktop.engine.dicom_policy import dicom_not_chest_reason as reason
    return reason(record)


# --- file access -----------------------------------------------------------------------------------

def _load(path: Path, name: str, max_side: int | None, want_sha256: bool) -> ImageRecord:
    _check_regular_file(path, name)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:   # deleted after it was listed
        raise XrayReadError(f"{name} was not found (it may have been moved or deleted).") from None
    except PermissionError:
        raise XrayReadError(f"{name} cannot be opened: permission denied.") from None
    except OSError as exc:
        raise XrayReadError(f"{name} cannot be opened ({exc.strerror or exc}).") from None
    with fh:
        before = _file_state(fh, name)
        digest = _hash_open_file(fh, name) if want_sha256 else None
        record = _decode_open_file(path, fh, name, max_side)
        if want_sha256:
            if _file_state(fh, name) != before:
                raise XrayReadError(f"{name} changed while it was being read (it may still be copying); "
                                    "read it again when the copy has finished.")
            record.sha256 = digest
        return record


def _decode_open_file(path: Path, fh, name: str, max_side: int | None) -> ImageRecord:
    head = _read_head(fh, name)
    from desktop.engine import dicom   # lazy: PNG/JPEG callers do not pay for pydicom
    if dicom.has_dicom_preamble(head):
        return dicom.load_dicom(path, fh, name, forced=False)
    if path.suffix.lower() in (".dcm", ".dicom") and not _has_image_signature(head):
        # No preamble: old ACR-NEMA style files start straight with a tag. Read on trust of
        # the extension; load_dicom checks that something DICOM-like came out.
        return dicom.load_dicom(path, fh, name, forced=True)
    return _load_pillow(path, fh, name, head, max_side)


def _file_state(fh, name: str) -> tuple:
    """What changes when the open file is written to (a rename onto its path does not touch it)."""
    try:
        st = os.fstat(fh.fileno())
    except OSError as exc:
        raise XrayReadError(f"{name} could not be read from the disk ({exc.strerror or exc}).") from None
    return st.st_size, st.st_mtime_ns


def _hash_open_file(fh, name: str) -> str:
    try:
        digest = sha256_of_stream(fh)
        fh.seek(0)
    except OSError as exc:
        raise XrayReadError(f"{name} could not be read from the disk ({exc.strerror or exc}).") from None
    return digest


def _check_regular_file(path: Path, name: str) -> None:
    """Refuse folders, devices, pipes, missing and empty files before opening them."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise XrayReadError(f"{name} was not found (it may have been moved or deleted).") from None
    except PermissionError:
        raise XrayReadError(f"{name} cannot be opened: permission denied.") from None
    except (OSError, ValueError) as exc:   # name too long, symlink loop, NUL in the path, ...
        reason = getattr(exc, "strerror", None) or str(exc)
        raise XrayReadError(f"{name} cannot be opened ({reason}).") from None
    if stat.S_ISDIR(st.st_mode):
        raise XrayReadError(f"{name} is a folder, not an image file.")
    if not stat.S_ISREG(st.st_mode):   # opening a pipe would block forever
        raise XrayReadError(f"{name} is not a regular file (it is a device, pipe or socket).")
    if st.st_size == 0:
        raise XrayReadError(f"{name} is empty (0 bytes).")
    if st.st_size > MAX_FILE_BYTES:
        raise XrayReadError(f"{name} is {st.st_size / 1024**3:.1f} GB, too large for an X-ray image file.")


def _read_head(fh, name: str) -> bytes:
    try:
        head = fh.read(132)   # enough for the DICOM preamble (128 bytes + "DICM")
        fh.seek(0)
    except OSError as exc:
        raise XrayReadError(f"{name} could not be read from the disk ({exc.strerror or exc}).") from None
    if not head:   # emptied after the size check
        raise XrayReadError(f"{name} is empty (0 bytes).")
    return head


# --- Pillow formats --------------------------------------------------------------------------------

def _load_pillow(path: Path, fh, name: str, head: bytes, max_side: int | None) -> ImageRecord:
    im = _open_pillow(fh, name, head)
    with im:
        stored_size = im.size
        check_dimensions(name, *stored_size)
        fmt = im.format or ""
        draft_box = _draft(im, max_side) if max_side and fmt in ("JPEG", "MPO") else None
        _decode(im, name, fmt)
        if draft_box is not None:
            im = _crop_draft_edge(im, draft_box)
        oriented = _apply_exif_orientation(im)
        gray = to_gray8(oriented)
    # EXIF rotation by 90/270 degrees swaps the sides of the displayed film.
    swapped = im.size[0] != im.size[1] and oriented.size == im.size[::-1]
    original_size = stored_size[::-1] if swapped else stored_size
    return ImageRecord(path=path, image=gray, format=fmt, original_size=tuple(original_size))


def _open_pillow(fh, name: str, head: bytes) -> Image.Image:
    """Image.open reads only the header: the size is known before any pixel is allocated."""
    try:
        return Image.open(fh, formats=PILLOW_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses above ~179 MP before we see the size; same sentence as our own check.
        raise XrayReadError(f"{name} declares an image larger than this app accepts "
                            f"({limits_text()}); the file may be damaged or malicious.") from None
    except (UnidentifiedImageError, SyntaxError, ValueError, OSError, EOFError):
        raise XrayReadError(_not_an_image_sentence(name, head)) from None


def _has_image_signature(head: bytes) -> bool:
    """A PNG/JPEG/... saved with a .dcm name is read as what it is."""
    return any(head.startswith(signature) for signature in _DAMAGED_IMAGE_SIGNATURES)


def _not_an_image_sentence(name: str, head: bytes) -> str:
    for signature, kind in _DAMAGED_IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return f"{name} looks like a {kind} image but is damaged and cannot be read."
    for signature, kind in _OTHER_FILE_SIGNATURES.items():
        if head.startswith(signature):
            return f"{name} is {kind}, not an image file."
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return f"{name} is a HEIC photo, which this app cannot read; save it as JPEG or PNG."
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return f"{name} is a WebP image, which this app cannot read; save it as JPEG or PNG."
    return f"{name} is not an image file."


def _decode(im: Image.Image, name: str, fmt: str) -> None:
    try:
        im.load()
    except MemoryError:
        raise
    except Exception:   # truncated, corrupt, unsupported variant: the decoders raise all sorts
        raise XrayReadError(f"{name} is damaged or incomplete (the {fmt or 'image'} data cannot be "
                            "decoded; it may have been cut off while copying).") from None


def _draft(im: Image.Image, max_side: int):
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale, keeping >= DRAFT_FACTOR * max_side a side.

    Pillow picks the largest scale whose result is at least the requested size on both sides.
    The mode is kept, so the gray conversion afterwards is the one a full decode gets.
    Returns the box of the real pixels in the drafted image, or None when nothing was drafted.
    """
    target = int(max_side) * DRAFT_FACTOR
    if target <= 0 or min(im.size) < 2 * target:   # no 1/2 scale possible: decode fully
        return None
    try:
        result = im.draft(im.mode, (target, target))
    except Exception:   # an unusual JPEG variant: a full decode is always correct
        return None
    return None if result is None else result[1]


def _crop_draft_edge(im: Image.Image, box) -> Image.Image:
    """Drop the last column/row when it is only partly image: at reduced scale it mixes in the
    encoder's padding beyond the edge (measured up to 52/255 of difference at the model input)."""
    width, height = int(math.floor(box[2])), int(math.floor(box[3]))
    if (width, height) == im.size or width < 1 or height < 1:
        return im
    return im.crop((0, 0, width, height))


def _apply_exif_orientation(im: Image.Image) -> Image.Image:
    """Rotate/flip as the camera's EXIF Orientation says; a damaged EXIF block is ignored.

    Nearly no film has an Orientation tag, and for those ``exif_transpose`` returns a whole copy of the
    decoded film; the loaded image itself is returned instead (``load`` has already let go of the file).
    """
    try:
        if im.getexif().get(ExifTags.Base.Orientation, 1) not in _TRANSPOSING_ORIENTATIONS:
            return im
        return ImageOps.exif_transpose(im)
    except MemoryError:
        raise
    except Exception:   # broken EXIF must not make a readable film unreadable
        return im


_TRANSPOSING_ORIENTATIONS = range(2, 9)   # 1 is upright; other values are not orientations


# --- pixels -> 8-bit gray --------------------------------------------------------------------------

_HIGH_BIT_MODES = ("I", "F")   # plus every "I;16..." variant


def to_gray8(im: Image.Image) -> Image.Image:
    """Any loaded Pillow image -> "L" (``im`` itself when it already is). 8-bit data keeps its values (it is display-ready); high-bit-depth
    data is stretched over its own robust range (Pillow's convert would clip it to 0..255)."""
    mode = im.mode
    if mode == "L":
        return im
    if mode in _HIGH_BIT_MODES or mode.startswith("I;"):
        return Image.fromarray(_high_bit_to_uint8(im))
    if mode == "1":
        return im.convert("L")
    return _colour_to_gray(im)


def _colour_to_gray(im: Image.Image) -> Image.Image:
    """Palette, colour and alpha images: luminance (ITU-R 601), transparent parts on black
    (the background of a film viewed on a light box display is dark)."""
    has_alpha = im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info
    if has_alpha:
        rgba = im.convert("RGBA")
        out = Image.new("L", im.size, 0)
        out.paste(rgba.convert("L"), mask=rgba.getchannel("A"))
        return out
    try:
        return im.convert("L")
    except ValueError:   # e.g. LAB/HSV: no direct path to L
        return im.convert("RGB").convert("L")


def _high_bit_to_uint8(im: Image.Image) -> np.ndarray:
    if im.mode.startswith("I;16") and im.mode not in ("I;16", "I;16L", "I;16B"):
        im = im.convert("I")   # rarer 16-bit layouts that numpy cannot view directly
    values = np.asarray(im)
    # Nominal full scale, used only for a constant image: floats are 0..1, integers 16-bit.
    return stretch_to_uint8(values, full_scale=1.0 if values.dtype.kind == "f" else 65535.0)


