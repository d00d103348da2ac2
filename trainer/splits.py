"""The contract's split rule (``../shared/docs/architecture.md``, "Data splits")."""

import hashlib

from trainer.sources import ManifestRow


def patient_bucket(patient_id: str) -> int:
    return int(hashlib.sha256(patient_id.encode("utf-8")).hexdigest(), 16) % 100


def assign_split(row: ManifestRow) -> str:
    return split_of(row.official_split, row.patient_id)


def split_of(official_split: str, patient_id: str) -> str:
    """The contract's rule for one film: its source's official split where there is one, else the patient's
    hash bucket (so a patient's films, of any kind, all land in one split)."""
    if official_split == "test":
        return "test"
    if official_split == "val":
        return "val"
    bucket = patient_bucket(patient_id)
    if official_split == "train":
        return "val" if bucket < 10 else "train"
    return "test" if bucket < 15 else "val" if bucket < 30 else "train"


def split_rows(rows: list[ManifestRow]) -> dict[str, list[ManifestRow]]:
    out = {"train": [], "val": [], "test": []}
    for row in rows:
        out[assign_split(row)].append(row)
    return out


def manifest_sha256(rows: list[ManifestRow]) -> str:
    """sha256 of the sorted rows used: two runs on the same data have the same hash."""
    h = hashlib.sha256()
    for key in sorted(r.key() for r in rows):
        h.update(("\t".join(key) + "\n").encode("utf-8"))
    return h.hexdigest()
