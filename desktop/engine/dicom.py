"""DICOM files -> display-ready 8-bit grayscale ``ImageRecord`` (used by ``imaging.load_xray``).

Of a multi-frame file only the first frame is decoded; ``dicom_display`` turns its values into display
grey, ``dicom_tags`` reads what the file says about itself. Compressed transfer syntaxes go through pydicom's decoders
(pylibjpeg, Pillow). What a file can make the reader do (elements, inflation, the compressed
frame's own size) is bounded by ``dicom_guard`` before it is done. Every failure is an
``XrayReadError`` with a sentence.

Torch-free and Qt-free. ``dicom_policy.dicom_not_chest_reason`` tells the predictor, from the tags, that a
film is not a chest radiograph even where the model's OOD score would miss it.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from pydicom.dataset import FileMetaDataset
from pydicom.errors import InvalidDicomError
from pydicom.pixels import get_decoder
from pydicom.uid import UID, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from desktop.engine import dicom_display, dicom_frames, dicom_guard, dicom_tags
from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import ImageRecord, check_dimensions

_PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


# --- detection -------------------------------------------------------------------------------------

def has_dicom_preamble(head: bytes) -> bool:
    """Part 10 files: a 128-byte preamble, then "DICM"."""
    return len(head) >= 132 and head[128:132] == b"DICM"


# --- reading ---------------------------------------------------------------------------------------

def load_dicom(path, fh, name: str, *, forced: bool) -> ImageRecord:
    """Read the open file ``fh``; ``forced`` for files without the preamble (read on trust of
    the .dcm extension, then checked that something DICOM-like came out)."""
    ds = _read_dataset(fh, name, forced)
    tags, patient = dicom_tags.dicom_tags(ds), dicom_tags.patient_tags(ds)
    if not any(keyword in ds for keyword in _PIXEL_KEYWORDS):
        if dicom_tags.is_image_object(ds, tags):   # an image file cut off before its pixels
            raise XrayReadError(f"{name} is a damaged DICOM file: its image data are missing (it may have "
                                "been cut off while copying).")
        raise XrayReadError(dicom_tags.no_image_sentence(ds, tags))
    rows, columns = dicom_tags.int_tag(ds, "Rows"), dicom_tags.int_tag(ds, "Columns")
    if rows is None or columns is None:
        raise XrayReadError(f"{name} is a damaged DICOM file: its image size (rows, columns) is missing.")
    check_dimensions(name, columns, rows)
    _ensure_transfer_syntax(ds, name)
    _check_decoder(ds.file_meta.TransferSyntaxUID, name)
    dicom_frames.check_first_frame(ds, name, compression_name(ds.file_meta.TransferSyntaxUID))
    pixels = _decode_first_frame(ds, name)
    gray = dicom_display.to_display(pixels, ds, name)
    return ImageRecord(path=path, image=Image.fromarray(gray), format="DICOM",
                       original_size=(columns, rows), dicom_tags=tags, patient=patient)


def _read_dataset(fh, name: str, forced: bool):
    try:
        ds = dicom_guard.read_dataset(fh, name, forced)
    except InvalidDicomError:
        raise XrayReadError(f"{name} is not a DICOM file.") from None
    except (XrayReadError, MemoryError):
        raise
    except Exception:   # pydicom raises many types on damaged headers
        raise XrayReadError(f"{name} is a damaged DICOM file (its header cannot be read).") from None
    if forced and not _looks_like_dicom_dataset(ds):
        raise XrayReadError(f"{name} is not a DICOM file (or is too damaged to read).")
    return ds


def _looks_like_dicom_dataset(ds) -> bool:
    """A force-read of arbitrary bytes 'succeeds' with junk elements; a real file has some of these."""
    try:
        return any(keyword in ds for keyword in
                   ("SOPClassUID", "Modality", "Rows", "StudyInstanceUID", "PatientID") + _PIXEL_KEYWORDS)
    except Exception:
        return False


def _ensure_transfer_syntax(ds, name: str) -> None:
    """Files without file meta (old ACR-NEMA style) still say how they were encoded: use that."""
    ts = None
    try:
        ts = ds.file_meta.get("TransferSyntaxUID")
    except Exception:
        pass
    if ts:
        ts = UID(str(ts).strip().rstrip("\x00"))
        if not ts.is_transfer_syntax:
            raise XrayReadError(f"{name} declares an unknown DICOM transfer syntax ({dicom_tags.clean(ts)}), so its image "
                                "cannot be decoded.")
        ds.file_meta.TransferSyntaxUID = ts
        return
    implicit, little = getattr(ds, "original_encoding", (None, None))
    if implicit is None or little is None or _is_encapsulated(ds):
        raise XrayReadError(f"{name} is a damaged DICOM file: it does not say how its image is encoded "
                            "(the transfer syntax is missing).")
    guessed = ImplicitVRLittleEndian if implicit else (ExplicitVRLittleEndian if little else ExplicitVRBigEndian)
    if getattr(ds, "file_meta", None) is None:
        ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = guessed


def _is_encapsulated(ds) -> bool:
    try:
        return ds["PixelData"].is_undefined_length
    except Exception:
        return False


def _check_decoder(ts: UID, name: str) -> None:
    """Say which compression is missing, instead of pydicom's developer message."""
    if not ts.is_compressed:
        return
    try:
        available = get_decoder(ts).is_available
    except NotImplementedError:   # pydicom has no decoder at all (video, JPEG 2000 Part 2, ...)
        available = False
    if not available:
        raise XrayReadError(f"{name} is compressed with {compression_name(ts)}, which this installation "
                            "cannot decode.")


def compression_name(ts: UID) -> str:
    """A short name a technician may know ("JPEG-LS"), not the UID's full standard name."""
    code = str(ts)
    groups = (
        (("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"), "JPEG"),
        (("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"), "lossless JPEG"),
        (("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"), "JPEG-LS"),
        (("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"), "JPEG 2000"),
        (("1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93"), "JPEG 2000 Part 2 (multi-component)"),
        (("1.2.840.10008.1.2.4.94", "1.2.840.10008.1.2.4.95"), "JPIP (the image is not in the file)"),
        (("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"),
         "High-Throughput JPEG 2000"),
        (("1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108"), "HEVC/H.265 video"),
        (("1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112"), "JPEG XL"),
        (("1.2.840.10008.1.2.5",), "RLE"),
    )
    for codes, label in groups:
        if code in codes:
            return label
    if code.startswith("1.2.840.10008.1.2.4.10"):
        return "MPEG video"
    return ts.name if ts.name != code else f"transfer syntax {code}"


def _decode_first_frame(ds, name: str) -> np.ndarray:
    """Only frame 0 is decoded: a 1,000-frame fluoroscopy run must not fill the memory."""
    ts = ds.file_meta.TransferSyntaxUID
    try:
        ds.pixel_array_options(index=0)
        pixels = ds.pixel_array
    except MemoryError:
        raise
    except Exception:
        if ts.is_compressed:
            raise XrayReadError(dicom_frames.damaged_frame_sentence(name, compression_name(ts))) from None
        raise XrayReadError(f"{name}: the DICOM image data are incomplete or damaged, or do not match the "
                            f"declared encoding ({ts.name}).") from None
    if not (pixels.ndim == 2 or (pixels.ndim == 3 and pixels.shape[-1] == 3)):
        raise XrayReadError(f"{name}: the DICOM image has an unexpected layout ({pixels.shape}).")
    return pixels
