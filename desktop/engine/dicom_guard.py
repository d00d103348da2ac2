"""Bounds on the work a DICOM file can ask of the reader, checked before the work is done.

``check_dimensions`` refuses a DICOM file whose Rows/Columns are too large, but other parts of
the file set the real cost, and a hostile file makes them disagree with its header (issue 20,
red team, before this module):

- the compressed frame's own header sets the size the decoder allocates: a 2.3 KB file with
  Rows/Columns 64x64 and a JPEG SOF of 65000x65000 took 13.6 GB and 53 s; a 3.4 KB JPEG 2000
  one 3.96 GB. ``dicom_frames.check_first_frame`` reads that header and compares it with
  Rows/Columns before decoding;
- pydicom inflates a deflated dataset whole before parsing it: a 1.2 MB file took 2.2 GB.
  ``read_dataset`` inflates as it parses, 64 MiB at most before the pixels and then only what
  the declared image needs;
- every data element becomes Python objects: 48 MB of tiny private elements took 27 s and
  1.85 GB. Reading stops after the pixel data (nothing after it is used) and the elements read
  before it are counted.

Pixel data and values are still read whole, as pydicom does: a file costs about its own size
(``pixels.MAX_FILE_BYTES``), never a multiple of it. Every refusal is an ``XrayReadError``.
"""

from __future__ import annotations

import io
import math
import zlib

from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.filereader import read_dataset as read_elements
from pydicom.filereader import read_partial, read_preamble

from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import MAX_PIXELS, check_dimensions

# pydicom reads every element with one to three small reads (tag and length, then the value), a
# sequence item or a fragment of encapsulated pixel data with one or two. The five shared sample
# films take 98 to 536 small reads (under 4 KiB), pydicom's own test files at most 3,595. 50,000
# is 17,000 to 50,000 elements: read in about 0.2 s (0.4 s as sequence items), under 50 MB.
SMALL_READ_BYTES = 4096
MAX_SMALL_READS = 50_000
# A deflated dataset: what may come out before the pixel data (a header is kilobytes, a vendor's
# private blob megabytes), and at most what one film of the largest accepted size needs (3 samples
# of 16 bits) for the pixel data, which must also fit the declared image.
MAX_INFLATED_HEADER_BYTES = 64 * 1024**2
MAX_INFLATED_PIXEL_BYTES = MAX_PIXELS * 3 * 2
# Defined-length sequences are parsed from memory when first used, outside the element count: a
# VOI or Modality LUT sequence of a few LUTs of 65,536 entries is well under this.
MAX_LAZY_SEQUENCE_BYTES = 2 * 1024**2

_PIXEL_TAGS = frozenset({0x7FE00008, 0x7FE00009, 0x7FE00010})   # Float, Double Float, Pixel Data
_INFLATE_CHUNK = 64 * 1024



# --- reading the dataset -----------------------------------------------------------------------------

def read_dataset(fh, name: str, forced: bool) -> FileDataset:
    """pydicom's reading of the open file ``fh``, stopped after the pixel data, with the elements
    counted and a deflated dataset inflated within bounds. Raises ``XrayReadError`` when a bound
    is hit, and pydicom's own errors otherwise (the caller turns those into sentences)."""
    source = _FileReader(fh)
    try:
        return read_partial(source, stop_when=_StopAfterPixels(), force=forced)
    except Exception:
        if source.deflated_body_at is None:
            _raise_what_stopped(name, source)
            raise
    # pydicom met the Deflated transfer syntax and asked for the rest of the file to inflate it in
    # one go, which the reader refused: the dataset is read here instead, inflated as it is parsed.
    return _read_deflated(source, name, forced)


class _StopAfterPixels:
    """pydicom's ``stop_when``: stop at the first top-level element after the pixel data (nothing
    there is used: trailing padding, signatures, private data). Elements out of order before the
    pixel data are still read, as pydicom reads them; the element count bounds them."""

    def __init__(self):
        self._after_pixels = False

    def __call__(self, tag, vr, length) -> bool:
        if tag in _PIXEL_TAGS:
            self._after_pixels = True
            return False
        return self._after_pixels


def _at_pixels(tag, vr, length) -> bool:
    return tag in _PIXEL_TAGS


def _after_file_meta(tag, vr, length) -> bool:
    return tag >> 16 != 0x0002


def _raise_what_stopped(name: str, *readers) -> None:
    """pydicom wraps some errors of the file object in its own (an OSError per sequence item):
    the reader that stopped says why."""
    for reader in readers:
        if reader.stopped:
            raise XrayReadError(reader.stopped.replace("{name}", name)) from None


_TOO_MANY_ELEMENTS = ("{name} holds far more DICOM data elements than any X-ray file; it is damaged or was "
                      "made to overload this app, and is not read.")


class _CountingReader:
    """Counts pydicom's small reads, which bound the number of elements it creates."""

    def __init__(self):
        self.small_reads = 0
        self.stopped: str | None = None   # the sentence (with "{name}") when a bound was hit

    def _count(self, size: int) -> None:
        if size < SMALL_READ_BYTES:
            self.small_reads += 1
            if self.small_reads > MAX_SMALL_READS:
                self._stop(_TOO_MANY_ELEMENTS)

    def _stop(self, sentence: str):
        self.stopped = sentence
        raise _ReadStopped(sentence)


class _ReadStopped(Exception):
    """Raised into pydicom by a reader that hit a bound; ``read_dataset`` turns it into a sentence."""


class _FileReader(_CountingReader):
    """The open file as pydicom sees it. Reads are cut to what the file still holds (pydicom asks
    for an element's declared length at once, and Python allocates that much before reading: a
    1 KB file declaring a 4 GiB element asked for 4 GiB). Reading "the rest of the file" is only
    asked for by pydicom's one-shot inflation of a deflated dataset: it is refused and noted."""

    def __init__(self, fh):
        super().__init__()
        self._fh = fh
        self._start = fh.tell()
        self._end = fh.seek(0, io.SEEK_END)
        fh.seek(self._start)
        self.deflated_body_at: int | None = None

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            self.deflated_body_at = self.tell()
            raise _ReadStopped("whole-file read refused")
        self._count(size)
        return self._fh.read(min(size, max(self._end - self._fh.tell(), 0)))

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            offset += self._start
        return self._fh.seek(offset, whence) - self._start

    def tell(self) -> int:
        return self._fh.tell() - self._start


class _InflatedReader(_CountingReader):
    """A deflated dataset (the bytes after the file meta), inflated as pydicom reads it and never
    beyond ``limit`` bytes; past it the reader stops with ``limit_sentence``."""

    def __init__(self, source: _FileReader, limit: int, limit_sentence: str):
        super().__init__()
        self._source = source
        self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        self._data = bytearray()
        self._position = 0
        self.set_limit(limit, limit_sentence)

    def set_limit(self, limit: int, sentence: str) -> None:
        self.limit, self._limit_sentence = limit, sentence

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise io.UnsupportedOperation("a deflated dataset is read by sizes")
        self._count(size)
        self._inflate_to(self._position + size)
        with memoryview(self._data) as view:   # one copy, not a bytearray slice and then bytes
            data = bytes(view[self._position: self._position + size])
        self._position += len(data)
        return data

    def _inflate_to(self, end: int) -> None:
        while len(self._data) < end and not self._inflater.eof:
            room = self.limit - len(self._data)
            if room <= 0:
                self._stop(self._limit_sentence)
            compressed = self._inflater.unconsumed_tail or self._source.read(_INFLATE_CHUNK)
            if not compressed:   # the file ends early: reads come back short, as from a cut-off file
                return
            wanted = max(end - len(self._data), _INFLATE_CHUNK)   # no more than asked for: zeros inflate 1000-fold
            self._data += self._inflater.decompress(compressed, min(room, wanted))

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence != io.SEEK_SET:
            raise io.UnsupportedOperation("a deflated dataset has no known end")
        self._position = max(offset, 0)
        return self._position

    def tell(self) -> int:
        return self._position


def _read_deflated(source: _FileReader, name: str, forced: bool) -> FileDataset:
    """The Deflated Explicit VR Little Endian dataset, inflated in two steps: the elements before
    the pixel data (at most ``MAX_INFLATED_HEADER_BYTES``), then the pixel data, no longer than
    the image that those elements declare."""
    body_start = source.deflated_body_at
    source.seek(0)
    preamble = read_preamble(source, forced)
    file_meta = FileMetaDataset(read_elements(source, False, True, stop_when=_after_file_meta))
    source.seek(body_start)
    header_sentence = ("{name} is a damaged DICOM file: its compressed contents expand to more than "
                       f"{MAX_INFLATED_HEADER_BYTES // 1024**2} MB before the image data.")
    body = _InflatedReader(source, MAX_INFLATED_HEADER_BYTES, header_sentence)
    try:
        ds = read_elements(body, False, True, stop_when=_at_pixels)
        pixel_bytes = _declared_pixel_bytes(ds, name)
        if pixel_bytes is not None:
            size = f"{ds.Columns}×{ds.Rows}"
            body.set_limit(body.tell() + 12 + pixel_bytes + 64,   # OB/OW element header; padding, next header
                           f"{{name}} is a damaged DICOM file: its compressed contents expand to more data "
                           f"than its {size} image needs.")
            ds.update(read_elements(body, False, True, stop_when=_StopAfterPixels()))
    except Exception:
        _raise_what_stopped(name, body, source)
        raise
    dataset = FileDataset(body, ds, preamble, file_meta, is_implicit_VR=False, is_little_endian=True)
    dataset.set_original_encoding(False, True, ds.original_character_set)
    return dataset


def _declared_pixel_bytes(ds, name: str) -> int | None:
    """Bytes of pixel data the header declares (all frames), or None when it does not say (the
    caller then reads no pixels, and the reader says what is missing)."""
    try:
        rows, columns = int(ds.Rows), int(ds.Columns)
        samples = int(ds.get("SamplesPerPixel") or 1)
        bits = int(ds.get("BitsAllocated") or 16)
        frames = int(ds.get("NumberOfFrames") or 1)
    except Exception:
        return None
    check_dimensions(name, columns, rows)
    total = math.ceil(rows * columns * max(samples, 1) * max(frames, 1) * max(bits, 1) / 8)
    if total > MAX_INFLATED_PIXEL_BYTES:
        raise XrayReadError(f"{name} declares {total / 1e6:,.0f} MB of image data, more than this app reads "
                            f"from a compressed DICOM file ({MAX_INFLATED_PIXEL_BYTES / 1e6:,.0f} MB).")
    return total


def sequence_is_small(ds, keyword: str) -> bool:
    """Whether a sequence may be parsed now: one pydicom has not parsed yet (defined length) must
    be under ``MAX_LAZY_SEQUENCE_BYTES``, as its elements escape the count made while reading."""
    try:
        value = getattr(ds.get_item(keyword), "value", None)
    except Exception:
        return False
    return not isinstance(value, (bytes, bytearray)) or len(value) <= MAX_LAZY_SEQUENCE_BYTES
