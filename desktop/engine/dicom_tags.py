"""What a DICOM file says about itself, as clean strings: the film's tags, the patient's identity (kept apart
for the app's privacy mode), and the sentence for a DICOM object that holds no image.

A damaged or hostile tag never stops a film: every reader returns "" or None instead of raising.
"""

from __future__ import annotations

import math

import pydicom
from pydicom.uid import UID

from desktop.engine import dicom_guard

# What a DICOM object without pixels is, for the "holds no image" sentence.
_NO_IMAGE_KINDS = {
    "SR": "a structured report", "RTPLAN": "a radiotherapy plan",
    "RTSTRUCT": "a radiotherapy structure set", "RTRECORD": "a radiotherapy treatment record",
    "PR": "a presentation state, display settings for another image",
    "KO": "a key-object selection, a list of other images", "DOC": "an encapsulated document",
    "ECG": "an ECG waveform", "AU": "an audio recording", "REG": "a registration",
}

_DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"


def dicom_tags(ds) -> dict:
    """What the app may show about the film (no patient identity: that is ``patient_tags``)."""
    sop_class = text(ds, "SOPClassUID")
    try:
        ts = ds.file_meta.get("TransferSyntaxUID")
    except Exception:
        ts = None
    return {
        "modality": text(ds, "Modality").upper(),
        "body_part": text(ds, "BodyPartExamined"),
        "view": text(ds, "ViewPosition"),
        "study_date": _date(text(ds, "StudyDate")),
        "manufacturer": text(ds, "Manufacturer"),
        "photometric": text(ds, "PhotometricInterpretation"),
        "sop_class": _uid_name(sop_class),
        "transfer_syntax": _uid_name(str(ts)) if ts else "",
        "frames": text(ds, "NumberOfFrames") or "1",
        # What says which way the beam went, for the lateral-view refusal (dicom_policy).
        "patient_orientation": text(ds, "PatientOrientation"),
        "series_description": text(ds, "SeriesDescription"),
        "view_code": _view_code_meaning(ds),
    }


def _view_code_meaning(ds) -> str:
    """The View Code Sequence's first code meaning ("postero-anterior", "left lateral", ...), or ""."""
    try:
        if not dicom_guard.sequence_is_small(ds, "ViewCodeSequence"):
            return ""
        sequence = ds.get("ViewCodeSequence")
        return text(sequence[0], "CodeMeaning") if sequence else ""
    except Exception:
        return ""


def patient_tags(ds) -> dict:
    """Patient identity, kept apart so that the app can hide it (privacy mode)."""
    return {
        "name": text(ds, "PatientName"),
        "id": text(ds, "PatientID"),
        "birth_date": _date(text(ds, "PatientBirthDate")),
    }


def is_image_object(ds, tags: dict) -> bool:
    """Image-pixel attributes or an image SOP class ("CT Image Storage", ...) without pixels."""
    try:
        has_image_module = any(keyword in ds for keyword in ("Rows", "Columns", "BitsAllocated"))
    except Exception:
        has_image_module = False
    return has_image_module or " Image " in f" {tags['sop_class']} "


def no_image_sentence(ds, tags: dict) -> str:
    if text(ds, "MediaStorageSOPClassUID") == _DICOMDIR_SOP_CLASS or "DirectoryRecordSequence" in ds:
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


def text(ds, keyword: str) -> str:
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
        return clean(str(value))
    except Exception:
        return ""


def clean(text: str, limit: int = 64) -> str:
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


def int_tag(ds, keyword: str) -> int | None:
    try:
        value = ds.get(keyword)
        return None if value is None else int(value)
    except Exception:
        return None


def float_tag(ds, keyword: str) -> float | None:
    try:
        value = ds.get(keyword)
        value = None if value is None else float(value)
    except Exception:
        return None
    return value if value is not None and math.isfinite(value) else None


def first_number(ds, keyword: str) -> float | None:
    """First value of a possibly multi-valued DS tag (Window Center/Width)."""
    try:
        value = ds.get(keyword)
        if isinstance(value, (list, tuple, pydicom.multival.MultiValue)):
            value = value[0] if len(value) else None
        value = None if value is None else float(value)
    except Exception:
        return None
    return value if value is not None and math.isfinite(value) else None


def bits_stored(ds) -> int:
    bits = int_tag(ds, "BitsStored") or int_tag(ds, "BitsAllocated") or 16
    return min(max(bits, 1), 32)
