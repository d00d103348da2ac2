"""Synthetic DICOM files for the tests (one builder for the reader, fuzz and robustness tests)."""

from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

DX_STORAGE = "1.2.840.10008.5.1.4.1.1.1.1"


def dicom_dataset(pixels: np.ndarray | None, *, photometric="MONOCHROME2", bits_stored=None,
                  transfer_syntax=ExplicitVRLittleEndian, frames=None, sop_class=DX_STORAGE, **tags) -> Dataset:
    """A DX chest PA dataset holding ``pixels`` ([rows, cols], [rows, cols, 3], or with a leading frame
    axis when ``frames``); ``tags`` are set as keywords last, so they override anything above."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = transfer_syntax
    ds.Modality, ds.BodyPartExamined, ds.ViewPosition = "DX", "CHEST", "PA"
    if pixels is not None:
        samples = 3 if pixels.ndim == (4 if frames else 3) else 1
        ds.Rows, ds.Columns = pixels.shape[-2 - (samples == 3)], pixels.shape[-1 - (samples == 3)]
        ds.SamplesPerPixel = samples
        if samples == 3:
            ds.PlanarConfiguration = 0
        ds.PhotometricInterpretation = photometric
        ds.BitsAllocated = pixels.dtype.itemsize * 8
        ds.BitsStored = bits_stored or ds.BitsAllocated
        ds.HighBit = ds.BitsStored - 1
        ds.PixelRepresentation = 1 if pixels.dtype.kind == "i" else 0
        if frames:
            ds.NumberOfFrames = frames
        ds.PixelData = pixels.tobytes()
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


def write_dicom(path: Path, ds: Dataset, *, preamble: bool = True) -> Path:
    """Save ``ds``; without ``preamble`` as old ACR-NEMA style (no preamble, no file meta)."""
    if preamble:
        ds.save_as(path, enforce_file_format=True)
        return path
    from pydicom.filebase import DicomFileLike
    from pydicom.filewriter import write_dataset
    with open(path, "wb") as f:
        fp = DicomFileLike(f)
        fp.is_little_endian = True
        fp.is_implicit_VR = ds.file_meta.TransferSyntaxUID == ImplicitVRLittleEndian
        write_dataset(fp, Dataset(ds))
    return path


def declare_syntax(path: Path, transfer_syntax) -> Path:
    """Rewrite ``path`` (Explicit VR Little Endian) with another Transfer Syntax UID in its file
    meta but the body left as it is: a file whose header lies about its encoding."""
    from pydicom.filebase import DicomFileLike
    from pydicom.filewriter import write_dataset, write_file_meta_info
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = transfer_syntax
    body = Dataset(ds)
    with open(path, "wb") as f:
        f.write(b"\0" * 128 + b"DICM")
        fp = DicomFileLike(f)
        fp.is_little_endian, fp.is_implicit_VR = True, False
        write_file_meta_info(fp, ds.file_meta, enforce_standard=True)
        write_dataset(fp, body)
    return path


# --- hostile files (tests/test_dicom_bombs.py): small files whose contents claim far more --------

def encapsulated_dicom(path: Path, frame: bytes, transfer_syntax, *, rows=64, columns=64, samples=1,
                       bits=8, photometric="MONOCHROME2") -> Path:
    """A DX chest file whose header says ``rows`` x ``columns`` and whose Pixel Data is the one
    compressed ``frame`` as it is (its own header may say something else)."""
    from pydicom.encaps import encapsulate
    ds = dicom_dataset(None, transfer_syntax=transfer_syntax)
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = rows, columns, samples, photometric
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, bits, bits - 1, 0
    if samples == 3:
        ds.PlanarConfiguration = 0
    ds.PixelData = encapsulate([frame])
    ds["PixelData"].VR = "OB"
    ds.save_as(path, enforce_file_format=True)
    return path


def jpeg_frame(pixels: np.ndarray) -> bytes:
    """A baseline JPEG (SOI, APP0, DQT, SOF0, DHT, SOS, ...) of 8-bit ``pixels``, by Pillow."""
    import io
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def with_jpeg_frame_size(frame: bytes, width: int, height: int) -> bytes:
    """``frame`` with its SOF0 header rewritten to say ``width`` x ``height`` (the entropy-coded
    data are left as they are). Pillow's quantisation tables at quality 90 hold no 0xFF byte, so
    the first FF C0 is the frame header."""
    sof = frame.index(b"\xff\xc0")
    return frame[: sof + 5] + height.to_bytes(2, "big") + width.to_bytes(2, "big") + frame[sof + 9:]


def jpeg_ls_frame(width: int, height: int) -> bytes:
    """A minimal JPEG-LS stream header (SOI, SOF55 for 8-bit gray, SOS) and a few bytes of scan data,
    as a decoder sees it before it allocates the image."""
    sof55 = b"\xff\xf7\x00\x0b\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big") + b"\x01\x01\x11\x00"
    sos = b"\xff\xda\x00\x08\x01\x01\x00\x00\x00\x00"
    return b"\xff\xd8" + sof55 + sos + b"\x00" * 64 + b"\xff\xd9"


def j2k_frame(pixels: np.ndarray, *, jp2: bool = False) -> bytes:
    """A JPEG 2000 codestream (or, with ``jp2``, a JP2 file with its boxes) of ``pixels``, by Pillow."""
    import io
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="JPEG2000", no_jp2=not jp2, irreversible=False)
    return buffer.getvalue()


def with_j2k_frame_size(frame: bytes, width: int, height: int) -> bytes:
    """``frame`` (codestream or JP2) with its SIZ marker saying ``width`` x ``height`` in one tile
    (Xsiz, Ysiz, XTsiz, YTsiz; offsets 0). One tile, because OpenJPEG refuses more than 65,535."""
    siz = frame.index(b"\xff\x4f\xff\x51") + 2
    sizes = b"".join(v.to_bytes(4, "big") for v in (width, height, 0, 0, width, height, 0, 0))
    return frame[: siz + 6] + sizes + frame[siz + 38:]


def rle_frame(segments: list[bytes]) -> bytes:
    """An RLE Lossless frame: the 64-byte header (segment count, 15 offsets), then ``segments``."""
    import struct
    offsets, position = [], 64
    for segment in segments:
        offsets.append(position)
        position += len(segment)
    header = struct.pack("<16L", len(segments), *(offsets + [0] * (15 - len(offsets))))
    return header + b"".join(segments)


def explicit_element(tag: int, vr: bytes, value: bytes, *, length: int | None = None) -> bytes:
    """One Explicit VR Little Endian data element, by hand (``length`` may lie about ``value``)."""
    import struct
    length = len(value) if length is None else length
    if vr in (b"OB", b"OW", b"OF", b"SQ", b"UN", b"UT", b"UC", b"UR", b"OD", b"OL", b"OV"):
        return struct.pack("<HH2sHL", tag >> 16, tag & 0xFFFF, vr, 0, length) + value
    return struct.pack("<HH2sH", tag >> 16, tag & 0xFFFF, vr, length) + value


def tiny_private_elements(count: int, *, first_group: int) -> bytes:
    """``count`` distinct 12-byte private elements (SH "abcd") in ascending tag order, starting in the
    odd group ``first_group``: built with NumPy, 48 MB in a fraction of a second."""
    index = np.arange(count, dtype=np.uint32)
    elements = np.zeros(count, dtype=[("group", "<u2"), ("element", "<u2"), ("vr", "S2"),
                                      ("length", "<u2"), ("value", "S4")])
    elements["group"] = first_group + 2 * (index // 0xEF00)
    elements["element"] = 0x1000 + index % 0xEF00
    elements["vr"], elements["length"], elements["value"] = b"SH", 4, b"abcd"
    return elements.tobytes()


def split_at_pixel_data(ds: Dataset) -> tuple[bytes, bytes]:
    """The Part 10 file of ``ds`` (Explicit VR Little Endian) cut where its Pixel Data element
    starts: (everything before, the Pixel Data element and anything after)."""
    import io
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    data = buffer.getvalue()
    start = data.rindex(b"\xe0\x7f\x10\x00")
    return data[:start], data[start:]


def deflated_dicom(path: Path, ds: Dataset, *, pixel_bytes: int | None = None) -> Path:
    """``ds`` (without Pixel Data) saved as Deflated Explicit VR Little Endian by hand; with
    ``pixel_bytes``, a Pixel Data element of that many zero bytes follows inside the deflate stream.

    The zeros are written as one compressed 1 MiB block repeated (each ends with a full flush,
    so the copies are identical and chain): a 1 GiB element costs 1 MB of file and no time."""
    import io
    import struct
    import zlib
    from pydicom.filebase import DicomFileLike
    from pydicom.filewriter import write_dataset, write_file_meta_info
    from pydicom.uid import DeflatedExplicitVRLittleEndian
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    body = io.BytesIO()
    fp = DicomFileLike(body)
    fp.is_little_endian, fp.is_implicit_VR = True, False
    write_dataset(fp, Dataset(ds))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts = [deflate.compress(body.getvalue())]
    if pixel_bytes is not None:
        parts.append(deflate.compress(struct.pack("<HH2sHL", 0x7FE0, 0x0010, b"OB", 0, pixel_bytes)))
        parts.append(deflate.flush(zlib.Z_FULL_FLUSH))
        mebibyte = deflate.compress(bytes(1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH)
        parts.append(mebibyte * (pixel_bytes >> 20))
        parts.append(deflate.compress(bytes(pixel_bytes & ((1 << 20) - 1))))
    parts.append(deflate.flush())
    with open(path, "wb") as f:
        f.write(b"\0" * 128 + b"DICM")
        meta = DicomFileLike(f)
        meta.is_little_endian, meta.is_implicit_VR = True, False
        write_file_meta_info(meta, ds.file_meta, enforce_standard=True)
        f.write(b"".join(parts))
    return path
