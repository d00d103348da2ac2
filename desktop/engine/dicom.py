"""DICOM files -> display-ready 8-bit grayscale ``ImageRecord`` (used by ``imaging.load_xray``).

The display pipeline follows DICOM PS3.3 C.11 and what X-ray viewers do:

    stored values -> Modality LUT / rescale -> first VOI LUT, else first window -> 0..255
                  -> MONOCHROME1 inverted (low values are white in MONOCHROME1)

Without a VOI LUT or window the robust range of the values is stretched (8-bit data without
rescale is shown as stored). RGB/YBR and palette colour become luminance; of a multi-frame file
only the first frame is decoded. Compressed transfer syntaxes go through pydicom's decoders
(pylibjpeg, Pillow). What a file can make the reader do (elements, inflation, the compressed
frame's own size) is bounded by ``dicom_guard`` before it is done. Every failure is an
``XrayReadError`` with a sentence.

Torch-free and Qt-free. ``dicom_not_chest_reason`` tells the predictor, from the tags, that a
film is not a chest radiograph even where the model's OOD score would miss it.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import FileMetaDataset
from pydicom.errors import InvalidDicomError
from pydicom.pixels import apply_color_lut, apply_modality_lut, apply_voi
from pydicom.pixels import get_decoder
from pydicom.uid import UID, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from desktop.engine import dicom_frames, dicom_guard
from desktop.engine.errors import XrayReadError
from desktop.engine.pixels import ImageRecord, check_dimensions, stretch_to_uint8

# Modalities of a chest radiograph (OT: secondary captures of films, as Kaggle data has them).
CHEST_RADIOGRAPH_MODALITIES = frozenset({"CR", "DX", "DR", "RG", "OT", ""})

# Word stems in BodyPartExamined (free text in practice, any language) that mean chest. Not
# "THORACIC": a thoracic-spine film is no chest film.
_CHEST_STEMS = ("CHEST", "THORAX", "TORAX", "TÓRAX", "TORACE", "LUNG", "BRUST", "POUMON", "PECHO")
# Stems that clearly mean another part of the body. Unknown text ("OTHER", "PORTABLE") is left
# to the model's OOD score rather than refused here.
_NON_CHEST_STEMS = ("KNEE", "HAND", "FOOT", "FEET", "ANKLE", "WRIST", "ELBOW", "SHOULDER", "HIP",
                    "PELVIS", "SKULL", "HEAD", "BRAIN", "SPINE", "CSPINE", "TSPINE", "LSPINE", "NECK",
                    "ABDOMEN", "BREAST", "LEG", "ARM", "FEMUR", "TIBIA", "FIBULA", "HUMERUS",
                    "FOREARM", "FINGER", "TOE", "HEEL", "CALCANEUS", "JAW", "MANDIBLE", "TMJ",
                    "SINUS", "FACE", "ORBIT", "DENTAL", "TEETH", "SACRUM", "COCCYX", "KIDNEY",
                    "EXTREMIT", "CLAVICLE", "SCAPULA", "PATELLA")

_MODALITY_NAMES = {
    "CT": "a CT scan", "MR": "an MRI image", "US": "an ultrasound image",
    "NM": "a nuclear-medicine image", "PT": "a PET image", "MG": "a mammogram",
    "XA": "an X-ray angiography image", "RF": "a fluoroscopy image", "IO": "a dental X-ray",
    "PX": "a panoramic dental X-ray", "BMD": "a bone-density scan", "ES": "an endoscopy image",
    "XC": "a photograph", "OP": "an eye photograph", "SM": "a microscopy slide",
    "RTIMAGE": "a radiotherapy portal image", "RTDOSE": "a radiotherapy dose map",
    "SEG": "a segmentation",
}

# What a DICOM object without pixels is, for the "holds no image" sentence.
_NO_IMAGE_KINDS = {
    "SR": "a structured report", "RTPLAN": "a radiotherapy plan",
    "RTSTRUCT": "a radiotherapy structure set", "RTRECORD": "a radiotherapy treatment record",
    "PR": "a presentation state, display settings for another image",
    "KO": "a key-object selection, a list of other images", "DOC": "an encapsulated document",
    "ECG": "an ECG waveform", "AU": "an audio recording", "REG": "a registration",
}

_DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"
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
    tags, patient = dicom_tags(ds), patient_tags(ds)
    if not any(keyword in ds for keyword in _PIXEL_KEYWORDS):
        if _is_image_object(ds, tags):   # an image file cut off before its pixels
            raise XrayReadError(f"{name} is a damaged DICOM file: its image data are missing (it may have "
                                "been cut off while copying).")
        raise XrayReadError(_no_image_sentence(ds, tags))
    rows, columns = _int_tag(ds, "Rows"), _int_tag(ds, "Columns")
    if rows is None or columns is None:
        raise XrayReadError(f"{name} is a damaged DICOM file: its image size (rows, columns) is missing.")
    check_dimensions(name, columns, rows)
    _ensure_transfer_syntax(ds, name)
    _check_decoder(ds.file_meta.TransferSyntaxUID, name)
    dicom_frames.check_first_frame(ds, name, compression_name(ds.file_meta.TransferSyntaxUID))
    pixels = _decode_first_frame(ds, name)
    gray = _to_display(pixels, ds, name)
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
            raise XrayReadError(f"{name} declares an unknown DICOM transfer syntax ({_clean(ts)}), so its image "
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


# --- pixels -> display -----------------------------------------------------------------------------

def _to_display(pixels: np.ndarray, ds, name: str) -> np.ndarray:
    photometric = _text(ds, "PhotometricInterpretation").upper() or "MONOCHROME2"
    if photometric == "PALETTE COLOR":
        return _palette_to_gray(pixels, ds, name)
    if pixels.ndim == 3:   # RGB, or YBR that pydicom converted to RGB
        return _rgb_to_gray(pixels, _bits_stored(ds))
    if photometric not in ("MONOCHROME1", "MONOCHROME2"):
        raise XrayReadError(f"{name} uses the DICOM colour format {photometric}, which this app cannot read.")
    gray = _monochrome_to_uint8(pixels, ds)
    # MONOCHROME1: low values are white. Inverted after windowing, as the standard orders it.
    # (Presentation LUT Shape INVERSE on MONOCHROME1 restates the same inversion: not applied twice.)
    return 255 - gray if photometric == "MONOCHROME1" else gray


def _monochrome_to_uint8(pixels: np.ndarray, ds) -> np.ndarray:
    values = _modality_values(pixels, ds)
    unit = _first_voi_lut(values, ds)
    if unit is None:
        unit = _first_window(values, ds)
    if unit is not None:
        return np.rint(np.clip(unit, 0.0, 1.0) * 255).astype(np.uint8)
    bits = _bits_stored(ds)
    if values is pixels and pixels.dtype.kind == "u" and bits <= 8:
        return pixels.astype(np.uint8)   # 8-bit without rescale or window: already display values
    return stretch_to_uint8(values, full_scale=float(2 ** bits - 1))


def _modality_values(pixels: np.ndarray, ds) -> np.ndarray:
    """Modality LUT or rescale slope/intercept (identity returns ``pixels`` itself)."""
    if dicom_guard.sequence_is_small(ds, "ModalityLUTSequence") and ds.get("ModalityLUTSequence"):
        return apply_modality_lut(pixels, ds)
    slope = _float_tag(ds, "RescaleSlope")
    intercept = _float_tag(ds, "RescaleIntercept")
    slope = 1.0 if slope is None or slope == 0 else slope   # 0 would erase the image: a bad tag
    intercept = 0.0 if intercept is None else intercept
    if slope == 1.0 and intercept == 0.0:
        return pixels
    # apply_modality_lut's formula, in float32: half the memory of its float64 on a 20 MP film.
    return pixels.astype(np.float32) * np.float32(slope) + np.float32(intercept)


def _first_voi_lut(values: np.ndarray, ds) -> np.ndarray | None:
    """The first VOI LUT of the sequence as 0..1, or None (none, or unusable).

    pydicom parses the LUT (descriptor, OW byte order); it is normalised by the LUT's own
    output range, which survives the common "16 bits declared, 12 used" descriptor error.
    """
    try:
        if not dicom_guard.sequence_is_small(ds, "VOILUTSequence"):
            return None
        sequence = ds.get("VOILUTSequence")
        if not sequence:
            return None
        descriptor = sequence[0].LUTDescriptor
        entries, first = int(descriptor[0]) or 65536, int(descriptor[1])
        table = apply_voi(np.arange(first, first + entries, dtype=np.int64), ds, index=0).astype(np.float32)
    except Exception:   # a damaged LUT: fall back to the window, then to the values' own range
        return None
    lo, hi = float(table.min()), float(table.max())
    if not hi > lo:
        return None
    index = np.clip(np.rint(values).astype(np.int64) - first, 0, entries - 1)
    return (table[index] - lo) / (hi - lo)


def _first_window(values: np.ndarray, ds) -> np.ndarray | None:
    """The first Window Center/Width as 0..1 (PS3.3 C.11.2.1.2 LINEAR, LINEAR_EXACT, SIGMOID)."""
    center, width = _first_number(ds, "WindowCenter"), _first_number(ds, "WindowWidth")
    if center is None or width is None or width <= 0:
        return None
    function = _text(ds, "VOILUTFunction").upper() or "LINEAR"
    x = values.astype(np.float32)
    if function == "SIGMOID":
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-4.0 * (x - center) / width))
    if function == "LINEAR_EXACT":
        return (x - center) / width + 0.5
    return (x - (center - 0.5)) / max(width - 1.0, 1e-3) + 0.5   # LINEAR (the default)


def _rgb_to_gray(rgb: np.ndarray, bits: int) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return np.asarray(Image.fromarray(rgb, "RGB").convert("L"))   # the same luma as other files
    luma = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return stretch_to_uint8(luma.astype(np.float32), full_scale=float(2 ** bits - 1))


def _palette_to_gray(pixels: np.ndarray, ds, name: str) -> np.ndarray:
    try:
        rgb = apply_color_lut(pixels, ds)
    except Exception:
        raise XrayReadError(f"{name}: the colour palette of this DICOM file is damaged.") from None
    if rgb.dtype != np.uint8:   # 16-bit palette entries
        rgb = np.rint(rgb.astype(np.float32) / 257.0).clip(0, 255).astype(np.uint8)
    return _rgb_to_gray(rgb, 8)


# --- tags ------------------------------------------------------------------------------------------

def dicom_tags(ds) -> dict:
    """What the app may show about the film (no patient identity: that is ``patient_tags``)."""
    sop_class = _text(ds, "SOPClassUID")
    try:
        ts = ds.file_meta.get("TransferSyntaxUID")
    except Exception:
        ts = None
    return {
        "modality": _text(ds, "Modality").upper(),
        "body_part": _text(ds, "BodyPartExamined"),
        "view": _text(ds, "ViewPosition"),
        "study_date": _date(_text(ds, "StudyDate")),
        "manufacturer": _text(ds, "Manufacturer"),
        "photometric": _text(ds, "PhotometricInterpretation"),
        "sop_class": _uid_name(sop_class),
        "transfer_syntax": _uid_name(str(ts)) if ts else "",
        "frames": _text(ds, "NumberOfFrames") or "1",
    }


def patient_tags(ds) -> dict:
    """Patient identity, kept apart so that the app can hide it (privacy mode)."""
    return {
        "name": _text(ds, "PatientName"),
        "id": _text(ds, "PatientID"),
        "birth_date": _date(_text(ds, "PatientBirthDate")),
    }


def _is_image_object(ds, tags: dict) -> bool:
    """Image-pixel attributes or an image SOP class ("CT Image Storage", ...) without pixels."""
    try:
        has_image_module = any(keyword in ds for keyword in ("Rows", "Columns", "BitsAllocated"))
    except Exception:
        has_image_module = False
    return has_image_module or " Image " in f" {tags['sop_class']} "


def _no_image_sentence(ds, tags: dict) -> str:
    if _text(ds, "MediaStorageSOPClassUID") == _DICOMDIR_SOP_CLASS or "DirectoryRecordSequence" in ds:
        return ("This DICOM file holds no image (it is a DICOMDIR, the index of a disc); "
                "open the image files in its folder instead.")
    kind = _NO_IMAGE_KINDS.get(tags["modality"])
    if kind is None and tags["sop_class"]:
        sop_class = tags["sop_class"]
        kind = (f"a DICOM object of SOP class {sop_class}" if sop_class[:1].isdigit()
                else f"a {sop_class} object")
    if kind is None and tags["modality"]:
        kind = f"a {tags['modality']} object"
    return f"This DICOM file holds no image (it is {kind or 'a DICOM object without pixel data'})."


def _text(ds, keyword: str) -> str:
    """A tag as a clean string; "" when absent or unreadable (a bad value must not stop the film)."""
    try:
        value = ds.get(keyword)
        if value is None:
            file_meta = getattr(ds, "file_meta", None)
            value = file_meta.get(keyword) if file_meta is not None else None
    except Exception:
        return ""
    if value is None:
        return ""
    try:
        if isinstance(value, (list, tuple, pydicom.multival.MultiValue)):
            value = "\\".join(str(v) for v in value)
        return _clean(str(value))
    except Exception:
        return ""


def _clean(text: str, limit: int = 64) -> str:
    """Printable characters only, one line, at most ``limit`` characters (64: DICOM's LO/UI
    length): a damaged file must not put binary junk or line breaks into a sentence or the UI."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(value: str) -> str:
    """DICOM DA "20200131" -> "2020-01-31"; anything else is shown as it is."""
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def _uid_name(value: str) -> str:
    """The standard's name of a known UID, the UID itself if well-formed, else ""."""
    if not value:
        return ""
    try:
        uid = UID(value)
        if uid.name != value:
            return uid.name
        return value if uid.is_valid else ""
    except Exception:
        return ""


def _int_tag(ds, keyword: str) -> int | None:
    try:
        value = ds.get(keyword)
        return None if value is None else int(value)
    except Exception:
        return None


def _float_tag(ds, keyword: str) -> float | None:
    try:
        value = ds.get(keyword)
        value = None if value is None else float(value)
    except Exception:
        return None
    return value if value is not None and math.isfinite(value) else None


def _first_number(ds, keyword: str) -> float | None:
    """First value of a possibly multi-valued DS tag (Window Center/Width)."""
    try:
        value = ds.get(keyword)
        if isinstance(value, (list, tuple, pydicom.multival.MultiValue)):
            value = value[0] if len(value) else None
        value = None if value is None else float(value)
    except Exception:
        return None
    return value if value is not None and math.isfinite(value) else None


def _bits_stored(ds) -> int:
    bits = _int_tag(ds, "BitsStored") or _int_tag(ds, "BitsAllocated") or 16
    return min(max(bits, 1), 32)


# --- chest or not ----------------------------------------------------------------------------------

def dicom_not_chest_reason(record) -> str | None:
    """A sentence when the DICOM tags say this is not a chest radiograph, else None.

    Only what the tags state clearly: another modality (CT, MR, US, ...) or a body part that is
    not the chest (KNEE, HAND, ...). Missing or unknown tags return None: the OOD score decides.
    Non-DICOM records (no tags) return None.
    """
    tags = getattr(record, "dicom_tags", None) or {}
    if not tags:
        return None
    modality = str(tags.get("modality", "")).strip().upper()
    if modality not in CHEST_RADIOGRAPH_MODALITIES:
        what = _MODALITY_NAMES.get(modality, f"a {modality} image")
        return f"This is {what} (DICOM modality {modality}), not a chest X-ray."
    body_part = str(tags.get("body_part", "")).strip()
    words = [word for word in re.split(r"[^A-ZÀ-Þ]+", body_part.upper()) if word]
    if not words or any(word.startswith(_CHEST_STEMS) for word in words):
        return None
    if any(word.startswith(_NON_CHEST_STEMS) for word in words):
        return f"This is an X-ray of the {body_part.lower()} (DICOM body part {body_part}), not a chest X-ray."
    return None
