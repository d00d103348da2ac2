"""Chest radiograph or not, from the DICOM tags alone: what the tags state clearly is refused with its own
sentence (another modality, another body part, a lateral view), even where the model's OOD score would
miss it; missing or unknown tags are left to the OOD score."""

from __future__ import annotations

import re

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

# ViewPosition's defined terms for a film taken from the side (PS3.3 C.8.11.5.1.1): left, right lateral.
_LATERAL_VIEW_POSITIONS = frozenset({"LL", "RL", "LAT", "LATERAL"})
# Words for "lateral" in view codes and series descriptions (English, French/German "profil", Spanish and
# Portuguese "perfil", Italian "laterale", German "seitlich").
_LATERAL_WORDS = frozenset({"LAT", "LATERAL", "LATERALE", "LL", "RL", "PROFIL", "PERFIL", "SEITLICH"})
_FRONTAL_WORDS = frozenset({"PA", "AP", "FRONTAL", "FRONT", "FACE", "POSTEROANTERIOR", "ANTEROPOSTERIOR"})
_LATERAL_SENTENCE = ("This is a lateral (side-view) chest film ({what}). CXR Triage reads frontal (PA or AP) "
                     "chest X-rays only: open the frontal film of this study instead.")

_MODALITY_NAMES = {
    "CT": "a CT scan", "MR": "an MRI image", "US": "an ultrasound image",
    "NM": "a nuclear-medicine image", "PT": "a PET image", "MG": "a mammogram",
    "XA": "an X-ray angiography image", "RF": "a fluoroscopy image", "IO": "a dental X-ray",
    "PX": "a panoramic dental X-ray", "BMD": "a bone-density scan", "ES": "an endoscopy image",
    "XC": "a photograph", "OP": "an eye photograph", "SM": "a microscopy slide",
    "RTIMAGE": "a radiotherapy portal image", "RTDOSE": "a radiotherapy dose map",
    "SEG": "a segmentation",
}


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
    if lateral := _lateral_view_reason(tags):
        return lateral
    body_part = str(tags.get("body_part", "")).strip()
    words = _words(body_part)
    if not words or any(word.startswith(_CHEST_STEMS) for word in words):
        return None
    if any(word.startswith(_NON_CHEST_STEMS) for word in words):
        return f"This is an X-ray of the {body_part.lower()} (DICOM body part {body_part}), not a chest X-ray."
    return None


def _lateral_view_reason(tags: dict) -> str | None:
    """A sentence when a tag says the film was taken from the side. Decubitus views (RLD, LLD) are
    frontal projections of a patient lying on one side, and obliques are left to the OOD score.
    ImageLaterality is not read: it names the side of a paired organ (L, R, B), not the view."""
    view = str(tags.get("view", "")).strip().upper()
    if view in _LATERAL_VIEW_POSITIONS:
        return _LATERAL_SENTENCE.format(what=f"DICOM view position {view}")
    code = str(tags.get("view_code", "")).strip()
    if _says_lateral(code):
        return _LATERAL_SENTENCE.format(what=f"DICOM view code “{code}”")
    orientation = [part.strip().upper() for part in str(tags.get("patient_orientation", "")).split("\\")]
    # Rows of a frontal film run left-right (L or R first); rows of a lateral one front-back (A or P).
    if len(orientation) == 2 and orientation[0][:1] in ("A", "P") and orientation[1][:1] in ("F", "H"):
        return _LATERAL_SENTENCE.format(what=f"DICOM patient orientation {'/'.join(orientation)}")
    series = str(tags.get("series_description", "")).strip()
    if _says_lateral(series) and not _says_frontal(series):
        return _LATERAL_SENTENCE.format(what=f"DICOM series “{series}”")
    return None


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^A-ZÀ-Þ]+", text.upper()) if word]


def _says_lateral(text: str) -> bool:
    words = _words(text)
    return any(word in _LATERAL_WORDS for word in words) and not any(w.startswith("DECUB") for w in words)


def _says_frontal(text: str) -> bool:
    return any(word in _FRONTAL_WORDS for word in _words(text))
