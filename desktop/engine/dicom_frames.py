"""The first compressed frame of a DICOM file, checked against its header before it is decoded.

The compressed stream's own header sets the size the decoder allocates, and a hostile file makes it
disagree with Rows/Columns: a 2.3 KB file with Rows/Columns 64x64 and a JPEG SOF of 65000x65000 took
13.6 GB and 53 s; a 3.4 KB JPEG 2000 one 3.96 GB (issue 20, red team). ``check_first_frame`` reads
that header (JPEG SOF, JPEG-LS SOF55, JPEG 2000 SIZ; for RLE the segment table and the runs) and
refuses a frame larger than the limits, or one that disagrees with the dataset, before decoding.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from PIL import Image
from pydicom.encaps import get_frame
from pydicom.pixels import as_pixel_options
from pydicom.uid import (HTJ2K, JPEG2000, HTJ2KLossless, HTJ2KLosslessRPCL, JPEG2000Lossless,
                         JPEGBaseline8Bit, JPEGExtended12Bit, JPEGLossless, JPEGLosslessSV1, JPEGLSLossless,
                         JPEGLSNearLossless, RLELossless)

from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import MAX_PIXELS, MAX_SIDE, check_dimensions

_JPEG_SYNTAXES = frozenset({JPEGBaseline8Bit, JPEGExtended12Bit, JPEGLossless, JPEGLosslessSV1,
                            JPEGLSLossless, JPEGLSNearLossless})
_J2K_SYNTAXES = frozenset({JPEG2000Lossless, JPEG2000, HTJ2KLossless, HTJ2KLosslessRPCL, HTJ2K})


# --- the first compressed frame ---------------------------------------------------------------------

class FrameHeader(NamedTuple):
    width: int
    height: int
    channels: int


class _Unreadable(ValueError):
    """The frame's header cannot be found: the decoder would fail on it too."""


class _Unsupported(ValueError):
    """A variant of the codec that no DICOM transfer syntax in use allows (the argument names it)."""


def damaged_frame_sentence(name: str, compression: str) -> str:
    return (f"{name}: the DICOM image data are damaged or do not match the declared compression "
            f"({compression}), so the image cannot be decoded.")


def check_first_frame(ds, name: str, compression: str) -> None:
    """Refuse a compressed first frame whose own header says something other than Rows, Columns
    and Samples per Pixel, before a decoder allocates what it says. ``compression`` names the
    transfer syntax for the sentences. Uncompressed data need no check (their size is the file's)."""
    ts = ds.file_meta.TransferSyntaxUID
    if not ts.is_compressed:
        return
    if ts not in _JPEG_SYNTAXES and ts not in _J2K_SYNTAXES and ts != RLELossless:
        raise XrayReadError(f"{name} is compressed with {compression}, which this app cannot decode.")
    try:
        options = _decoder_options(ds)
        frame = _first_frame(ds, options)
        if ts == RLELossless:
            _check_rle_frame(frame, options, name)
            return
        header = jpeg_frame_header(frame) if ts in _JPEG_SYNTAXES else j2k_frame_header(frame)
    except _Unsupported as exc:
        raise XrayReadError(f"{name} is compressed with {exc}, which this app cannot decode.") from None
    except XrayReadError:
        raise
    except Exception:   # no frame, no header: the decoder would fail the same way
        raise XrayReadError(damaged_frame_sentence(name, compression)) from None
    _compare_with_header(header, options, name)


def _decoder_options(ds) -> dict:
    """The image options pydicom's decoder will use (``as_pixel_options``, as the decoder calls
    it), with an unusable Extended Offset Table dropped as the decoder drops it."""
    options = as_pixel_options(ds)
    offsets = options.get("extended_offsets")
    if offsets and len(offsets[0]) != len(offsets[1]):
        del options["extended_offsets"]
    return options


def _first_frame(ds, options: dict) -> bytes:
    """Frame 0 exactly as the decoder will take it from the encapsulated Pixel Data."""
    return get_frame(ds.PixelData, 0, number_of_frames=options["number_of_frames"],
                     extended_offsets=options.get("extended_offsets"))


def _compare_with_header(header: FrameHeader, options: dict, name: str) -> None:
    columns, rows = options.get("columns"), options.get("rows")
    samples = options.get("samples_per_pixel") or 1
    if header == (columns, rows, samples):
        return
    if header.width > MAX_SIDE or header.height > MAX_SIDE or header.width * header.height > MAX_PIXELS:
        check_dimensions(name, header.width, header.height)   # the sentence a .jpg of that size gets
    channels = "1 colour channel" if header.channels == 1 else f"{header.channels} colour channels"
    raise XrayReadError(f"{name} is a damaged DICOM file: its compressed image is {header.width}×{header.height} "
                        f"pixels with {channels}, but its header says {columns}×{rows} pixels with {samples}.")


# --- JPEG and JPEG-LS: the frame header (SOFn, SOF55) ---------------------------------------------------

# SOF0-3 and SOF9-11 (baseline, extended, progressive, lossless; Huffman or arithmetic) and SOF55
# (JPEG-LS) share one layout: length, precision, height, width, number of components.
_JPEG_FRAME_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC9, 0xCA, 0xCB, 0xF7})
# Hierarchical JPEG states its full size in DHP, apart from its frames (differential SOFs).
_JPEG_HIERARCHICAL_MARKERS = frozenset({0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF, 0xDE})
_JPEG_BARE_MARKERS = frozenset({0x01, *range(0xD0, 0xD8)})   # TEM, RST0-7: no length field
_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA


def jpeg_frame_header(stream: bytes) -> FrameHeader:
    """The frame size of a JPEG (ISO 10918-1 B.2.2) or JPEG-LS (ISO 14495-1 C.2.2) stream.

    From SOI, marker segments are skipped by their length until the frame header; bytes that are
    not a marker are skipped to the next 0xFF, as libjpeg does. A scan (SOS) or the end before a
    frame header means the stream is damaged."""
    if stream[:2] != b"\xff\xd8":
        raise _Unreadable("no SOI")
    position = 2
    while True:
        position = stream.find(b"\xff", position)
        if position < 0 or position + 1 >= len(stream):
            raise _Unreadable("no frame header")
        marker = stream[position + 1]
        if marker == 0xFF or marker == 0x00 or marker in _JPEG_BARE_MARKERS:   # fill byte, stuffing, RSTn
            position += 1 if marker == 0xFF else 2
            continue
        if marker in (_SOI, _EOI, _SOS):
            raise _Unreadable("no frame header before the image data")
        if marker in _JPEG_HIERARCHICAL_MARKERS:
            raise _Unsupported("hierarchical JPEG")
        length = int.from_bytes(stream[position + 2: position + 4], "big")
        if marker in _JPEG_FRAME_MARKERS:
            return _jpeg_sof(stream[position + 4: position + 2 + length])
        if length < 2:
            raise _Unreadable("bad segment length")
        position += 2 + length


def _jpeg_sof(segment: bytes) -> FrameHeader:
    """precision (1 byte), height (2), width (2), components (1), then 3 bytes per component."""
    if len(segment) < 6:
        raise _Unreadable("short frame header")
    _precision, height, width, components = struct.unpack(">BHHB", segment[:6])
    if not width or not height:   # height 0: set later by a DNL marker, which no DICOM encoder writes
        raise _Unreadable("no frame size")
    return FrameHeader(width, height, components)


# --- JPEG 2000: the SIZ marker ---------------------------------------------------------------------

_J2K_START = b"\xff\x4f\xff\x51"   # SOC, then SIZ: always the first two markers (15444-1 A.5.1)
_JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"


def j2k_frame_header(stream: bytes) -> FrameHeader:
    """The image size of a JPEG 2000 codestream, or of the one in a JP2 file's ``jp2c`` box (both
    are decoded by OpenJPEG and Pillow). SIZ: Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz,
    XTOsiz, YTOsiz (32 bits each), Csiz (16 bits); the image is (Xsiz - XOsiz) x (Ysiz - YOsiz)."""
    codestream = stream if stream.startswith(_J2K_START) else _jp2_codestream(stream)
    if not codestream.startswith(_J2K_START) or len(codestream) < 42:
        raise _Unreadable("no SIZ marker")
    xsiz, ysiz, xosiz, yosiz = struct.unpack(">4L", codestream[8:24])
    components = struct.unpack(">H", codestream[40:42])[0]
    if xsiz <= xosiz or ysiz <= yosiz:
        raise _Unreadable("empty image area")
    return FrameHeader(xsiz - xosiz, ysiz - yosiz, components)


def _jp2_codestream(stream: bytes) -> bytes:
    """The contents of the top-level ``jp2c`` box (box: 32-bit length, type, [64-bit length])."""
    if not stream.startswith(_JP2_SIGNATURE):
        raise _Unreadable("neither a codestream nor a JP2 file")
    position = 0
    while position + 8 <= len(stream):
        length, kind = struct.unpack(">L4s", stream[position: position + 8])
        header = 8
        if length == 1:
            length, header = struct.unpack(">Q", stream[position + 8: position + 16])[0], 16
        elif length == 0:   # the last box runs to the end
            length = len(stream) - position
        if kind == b"jp2c":
            return stream[position + header: position + length]
        if length < header:
            raise _Unreadable("bad box length")
        position += length
    raise _Unreadable("no jp2c box")


# --- RLE: the segment table and the runs ---------------------------------------------------------------

def _check_rle_frame(frame: bytes, options: dict, name: str) -> None:
    """An RLE segment holds one byte of every pixel of one sample (PS3.5 G.2): Rows x Columns
    bytes. pydicom's decoder decodes each segment whole, in Python, before it compares lengths,
    and PackBits expands up to 64-fold: so no segment may be over twice the bytes it stands for
    (what the worst encoder writes) or decode to over twice that (pydicom keeps the first
    Rows x Columns bytes, and its own encoder pads a byte)."""
    rows, columns = options["rows"], options["columns"]
    needed = rows * columns
    for segment in _rle_segments(frame):
        if len(segment) > 2 * needed + 2 or _packbits_longer_than(segment, 2 * needed):
            raise XrayReadError(f"{name} is a damaged DICOM file: its RLE-compressed image data expand to more "
                                f"than its {columns}×{rows} image needs.")


def _rle_segments(frame: bytes) -> list[memoryview]:
    """The segments as pydicom's decoder cuts them: the header's offsets, the last to the end."""
    count = struct.unpack("<L", frame[:4])[0]
    if count > 15 or len(frame) < 64:
        raise _Unreadable("bad RLE header")
    bounds = list(struct.unpack(f"<{count}L", frame[4: 4 + 4 * count])) + [len(frame)]
    view = memoryview(frame)   # segments without copies
    return [view[start:end] for start, end in zip(bounds, bounds[1:])]


def _packbits_longer_than(segment: memoryview, limit: int) -> bool:
    """Whether a PackBits segment decodes to more than ``limit`` bytes (PS3.5 G.3.1: header n < 128
    copies the next n + 1 bytes, n > 128 repeats the next byte 257 - n times, 128 does nothing).

    Pillow's PackBits decoder (TIFF's: the same rules, in C) decodes it into a one-row image of
    ``limit + 1`` bytes: it stops once the row is full, and says "not enough image data" when
    the segment ends first. 10-17 ms a segment of a 3.6 MP film; counting the runs in Python
    took 70 ms, about as long as pydicom's decoding."""
    try:
        Image.frombytes("L", (limit + 1, 1), segment, "packbits", "L")
    except ValueError:
        return False
    return True
