"""The contract's split rule, patient grouping, and every data source (folders, kagglehub, shared)."""

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from trainer.sources import (FolderSource, KaggleSource, ManifestRow, SharedManifestSource, drop_duplicates,
                             load_sources, patient_id_from_filename)
from trainer.splits import assign_split, manifest_sha256, patient_bucket, split_rows

SHARED_CXR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cxr"


def row(pid, official="", label="normal", source="s", path=None):
    return ManifestRow(root=Path("."), path=path or f"{pid}.jpg", label=label, source=source, patient_id=pid,
                       official_split=official)


def reference_split(patient_id: str, official: str) -> str:
    """The rule exactly as architecture.md writes it."""
    bucket = int(hashlib.sha256(patient_id.encode("utf-8")).hexdigest(), 16) % 100
    if official == "test":
        return "test"
    if official == "val":
        return "val"
    if official == "train":
        return "val" if bucket < 10 else "train"
    return "test" if bucket < 15 else "val" if bucket < 30 else "train"


def test_bucket_is_sha256_mod_100():
    assert patient_bucket("abc") == int(hashlib.sha256(b"abc").hexdigest(), 16) % 100


@pytest.mark.parametrize("official", ["", "train", "val", "test"])
def test_split_rule_matches_contract(official):
    ids = [f"patient-{i}" for i in range(400)]
    got = [assign_split(row(p, official)) for p in ids]
    assert got == [reference_split(p, official) for p in ids]
    if official == "":  # all three splits occur, roughly 15/15/70
        share = {s: got.count(s) / len(got) for s in ("train", "val", "test")}
        assert 0.08 < share["test"] < 0.22 and 0.08 < share["val"] < 0.22 and share["train"] > 0.6


def test_official_test_and_val_are_kept():
    assert assign_split(row("x", "test")) == "test"
    assert assign_split(row("x", "val")) == "val"


def test_patients_never_straddle_splits_synthetic():
    rows = [row(f"p{i % 50}", path=f"img{i}.jpg") for i in range(500)]
    split_of = {}
    for split, part in split_rows(rows).items():
        for r in part:
            assert split_of.setdefault(r.patient_id, split) == split


@pytest.mark.skipif(not SHARED_CXR.exists(), reason="../shared/data/cxr not present")
def test_shared_corpus_split_follows_rule_and_groups_patients():
    rows = SharedManifestSource(SHARED_CXR).rows()
    assert len(rows) == 9981
    parts = split_rows(rows)
    for split, part in parts.items():
        for r in part:
            assert reference_split(r.patient_id, r.official_split) == split
    # Patient ids are unique per source, and for Kermany only within an official split.
    split_of = {}
    for split, part in parts.items():
        for r in part:
            key = (r.source, r.official_split if r.source == "kermany2018" else "", r.patient_id)
            assert split_of.setdefault(key, split) == split
    assert len(parts["test"]) > 1000 and sum(r.official_split == "test" for r in parts["test"]) == 624


def test_manifest_hash_is_order_independent_and_content_sensitive():
    rows = [row(f"p{i}") for i in range(5)]
    assert manifest_sha256(rows) == manifest_sha256(list(reversed(rows)))
    changed = rows[:4] + [row("p4", label="pneumonia")]
    assert manifest_sha256(rows) != manifest_sha256(changed)


def test_patient_id_from_kermany_names():
    assert patient_id_from_filename("person12_bacteria_48") == "person12"
    assert patient_id_from_filename("IM-0117-0001") == "IM-0117"
    assert patient_id_from_filename("NORMAL2-IM-0117-0001") == "NORMAL2-IM-0117"
    assert patient_id_from_filename("scan 7") == "scan 7"


def write_film(path: Path, seed: int, size=(40, 32)):
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, size[::-1], dtype=np.uint8)).save(path)


def make_kaggle_tree(root: Path) -> Path:
    """chest_xray/{train,test}/{NORMAL,PNEUMONIA}/... like paultimothymooney/chest-xray-pneumonia."""
    base = root / "chest_xray"
    write_film(base / "train" / "NORMAL" / "IM-0001-0001.jpeg", 1)
    write_film(base / "train" / "NORMAL" / "IM-0001-0002.jpeg", 2)
    write_film(base / "train" / "PNEUMONIA" / "person3_bacteria_10.jpeg", 3)
    write_film(base / "test" / "PNEUMONIA" / "person3_virus_11.jpeg", 4)
    write_film(base / "test" / "COVID19" / "COVID19(1).jpg", 5)
    (base / "train" / "NORMAL" / ".DS_Store").write_bytes(b"junk")
    return root


def test_folder_source_reads_kaggle_layout(tmp_path):
    rows = FolderSource(make_kaggle_tree(tmp_path), "k").rows()
    got = {(r.path.split("/")[-1], r.label, r.official_split, r.patient_id) for r in rows}
    assert got == {
        ("IM-0001-0001.jpeg", "normal", "train", "k-train-IM-0001"),
        ("IM-0001-0002.jpeg", "normal", "train", "k-train-IM-0001"),
        ("person3_bacteria_10.jpeg", "pneumonia", "train", "k-train-person3"),
        ("person3_virus_11.jpeg", "pneumonia", "test", "k-test-person3"),
        ("COVID19(1).jpg", "covid19", "test", "k-test-COVID19(1)"),
    }
    assert all(r.file.exists() for r in rows)


def test_folder_source_reads_label_folders(tmp_path):
    write_film(tmp_path / "normal" / "a.png", 1)
    write_film(tmp_path / "covid" / "b.png", 2)
    rows = FolderSource(tmp_path, "clinic").rows()
    assert sorted((r.label, r.official_split) for r in rows) == [("covid19", ""), ("normal", "")]


def test_kaggle_source_uses_kagglehub_and_drops_duplicates(tmp_path, monkeypatch):
    kagglehub = pytest.importorskip("kagglehub", reason="kagglehub is the trainer's (the 'train' extra)")

    download = make_kaggle_tree(tmp_path / "download")
    # A film that another source already has (re-encoded and resized) must be dropped.
    other = tmp_path / "other" / "normal" / "dup.png"
    other.parent.mkdir(parents=True)
    Image.open(download / "chest_xray/train/NORMAL/IM-0001-0001.jpeg").resize((80, 64)).save(other)
    existing = FolderSource(tmp_path / "other", "other").rows()
    calls = []
    monkeypatch.setattr(kagglehub, "dataset_download", lambda handle, *a, **k: calls.append(handle) or str(download))
    rows = KaggleSource("paultimothymooney/chest-xray-pneumonia", dedupe_against=existing).rows()
    assert calls == ["paultimothymooney/chest-xray-pneumonia"]
    names = sorted(r.path.split("/")[-1] for r in rows)
    assert "IM-0001-0001.jpeg" not in names and len(names) == 4
    assert all(r.source == "kaggle-chest-xray-pneumonia" for r in rows)


def test_load_sources_combines_specs(tmp_path, monkeypatch):
    kagglehub = pytest.importorskip("kagglehub", reason="kagglehub is the trainer's (the 'train' extra)")

    write_film(tmp_path / "f" / "normal" / "a.png", 11)
    monkeypatch.setattr(kagglehub, "dataset_download", lambda handle, *a, **k: str(make_kaggle_tree(tmp_path / "kg")))
    rows = load_sources([f"folder:{tmp_path / 'f'}", "kaggle:prashant268/chest-xray-covid19-pneumonia"], None)
    assert len(rows) == 6
    with pytest.raises(ValueError, match="unknown source"):
        load_sources(["ftp:x"], None)


def test_drop_duplicates_keeps_distinct_films(tmp_path):
    write_film(tmp_path / "normal" / "a.png", 1)
    write_film(tmp_path / "normal" / "b.png", 2)
    rows = FolderSource(tmp_path).rows()
    assert len(drop_duplicates(rows, [])) == 2
    assert drop_duplicates(rows, rows) == []
