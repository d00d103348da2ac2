"""The model that ships: its file, checksum, metadata, and what it says about known films.

Runs through the engine (onnxruntime only), exactly as the app and ``cxr-triage predict`` do.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.engine.integrity import verify_model_checksum
from desktop.engine.predictor import Predictor, default_model_path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "assets" / "models" / "cxr-triage.onnx"
SHARED = REPO.parent / "shared" / "data"
# Measured share of non-X-ray pictures the shipped model refuses, minus a margin (see MODEL_CARD.md).
REJECTION_FLOOR = 0.95  # measured on the shipped model: 100 % of the photographs, the noise picture


@pytest.fixture(scope="module")
def shipped() -> Predictor:
    return Predictor(MODEL)


def test_model_file_checksum_and_size():
    assert MODEL.is_file() and MODEL.stat().st_size <= 8_000_000
    verify_model_checksum(MODEL)
    assert default_model_path().resolve() == MODEL.resolve()
    assert (REPO / "assets" / "models" / "MODEL_CARD.md").is_file()


def test_metadata_describes_the_model(shipped):
    meta = shipped.metadata
    assert shipped.classes == ["normal", "pneumonia", "covid19"] and shipped.input_size == 224
    assert meta["architecture"].startswith("mobilenet_v3")
    assert float(meta["temperature"]) > 0 and float(meta["ood_threshold"]) == 1.0
    metrics = meta["metrics"] if isinstance(meta["metrics"], dict) else json.loads(meta["metrics"])
    assert {"accuracy", "macro_f1", "kermany_test", "per_source", "ood", "ece_15"} <= set(metrics)
    assert len(meta["training_manifest_sha256"]) == 64


def test_the_shipped_model_can_be_adapted_to_a_site(shipped):
    """It carries the contract's embedding output and its own class head (checked on load against the
    probabilities to 1e-5), which a site profile adapts."""
    assert shipped.class_head is not None and shipped.class_head["weight"].shape[0] == 3
    assert "embedding" in {o.name for o in shipped.session.get_outputs()}


@pytest.mark.skipif(not (SHARED / "cxr").is_dir(), reason="../shared/data not present")
def test_metadata_manifest_hash_is_the_shared_corpus(shipped):
    from trainer.sources import SharedManifestSource
    from trainer.splits import manifest_sha256

    assert shipped.metadata["training_manifest_sha256"] == manifest_sha256(SharedManifestSource(SHARED / "cxr").rows())


def known_test_films(per_group: int = 4) -> list[tuple[Path, str]]:
    """The first films by path of every (class, source) pair in the contract's test split."""
    from trainer.sources import SharedManifestSource
    from trainer.splits import assign_split

    rows = sorted((r for r in SharedManifestSource(SHARED / "cxr").rows() if assign_split(r) == "test"),
                  key=lambda r: r.path)
    films = []
    for group in sorted({(r.label, r.source) for r in rows}):
        films += [(r.file, r.label) for r in rows if (r.label, r.source) == group][:per_group]
    return films


@pytest.mark.skipif(not (SHARED / "cxr").is_dir(), reason="../shared/data not present")
def test_known_test_films(shipped):
    films = known_test_films()
    results = shipped.predict_batch([path for path, _ in films])
    assert all(r.error is None for r in results)
    accepted = [(r, label) for r, (_, label) in zip(results, films) if not r.rejected]
    assert len(accepted) >= 0.95 * len(films)  # real frontal films pass the OOD check
    correct = sum(r.label == label for r, label in accepted)
    # Measured: 30 of these 46 films right (65 %); the misses are mostly the known source shortcut
    # (cohen2020 normal and pneumonia films called COVID-19; see MODEL_CARD.md). Below 60 % is a regression.
    assert correct / len(accepted) >= 0.60, [(r.path.name, r.label, label) for r, label in accepted]
    for r, _ in accepted:
        assert abs(sum(r.probabilities.values()) - 1) < 1e-4 and 0 <= r.severity <= 1
        assert r.heatmap.shape == (7, 7) and 0 <= r.heatmap.min() and r.heatmap.max() <= 1


@pytest.mark.skipif(not (SHARED / "dicom").is_dir(), reason="../shared/data/dicom not present")
def test_real_dicoms_chest_accepted_others_refused(shipped):
    dicom = SHARED / "dicom"
    for name in ("cr_chest_pa_mono1_10bit_uncompressed.dcm", "cr_chest_pa_mono1_15bit_j2k_lossy.dcm",
                 "cr_chest_pa_mono2_8bit_jpeg_baseline.dcm"):
        r = shipped.predict_path(dicom / name)
        assert r.error is None and not r.rejected and r.label in shipped.classes, name
    for name in ("nonchest_ct_small.dcm", "nonchest_dx_knee_mono2_14bit_voilut.dcm"):
        r = shipped.predict_path(dicom / name)
        assert r.rejected and r.label is None and "not a chest X-ray" in r.reject_reason, name


def test_pictures_that_are_not_xrays_are_refused(shipped, tmp_path):
    """Pictures the OOD gate never saw: scikit-image's photographs, and noise."""
    from trainer.not_cxr import photographs

    photos = photographs(256)
    rng = np.random.default_rng(2026)
    pictures = list(photos) + [rng.integers(0, 256, (300, 300), dtype=np.uint8)]
    paths = []
    for i, picture in enumerate(pictures):
        paths.append(tmp_path / f"picture-{i}.png")
        Image.fromarray(picture).save(paths[-1])
    results = shipped.predict_batch(paths)
    rejected = sum(r.rejected for r in results)
    assert rejected / len(results) >= REJECTION_FLOOR, f"{rejected} of {len(results)} refused"
    assert all(r.label is None and r.reject_reason for r in results if r.rejected)


@pytest.mark.skipif(not (SHARED / "cxr").is_dir(), reason="../shared/data not present")
def test_rotated_and_inverted_films_are_refused(shipped, tmp_path):
    """A film on its side, upside down or as a negative must not be scored as a frontal film."""
    films = [path for path, _ in known_test_films(per_group=1)][:6]
    paths = []
    for i, film in enumerate(films):
        image = Image.open(film).convert("L")
        for name, changed in (("rot90", image.rotate(90, expand=True)), ("rot180", image.rotate(180)),
                              ("negative", Image.eval(image, lambda v: 255 - v))):
            paths.append(tmp_path / f"{i}-{name}.png")
            changed.save(paths[-1])
    originals = shipped.predict_batch(films)
    assert not any(r.rejected for r in originals)
    results = shipped.predict_batch(paths)
    refused = sum(r.rejected for r in results)
    assert refused >= 0.9 * len(results), [(r.path.name, r.ood_score) for r in results if not r.rejected]


def test_the_held_out_lateral_films_and_ct_slices_are_refused_as_the_card_says(shipped):
    """Issue 18: the test part (by patient, the contract's rule) of ../shared/data/not-cxr, which the refitted
    gate was not fitted on. Measured 20 of 22 (lateral 4 of 5, CT 16 of 17; model card); the model before the
    refit refused 15."""
    import csv

    from trainer.splits import split_of

    folder = SHARED / "not-cxr"
    if not (folder / "manifest.csv").is_file():
        pytest.skip("no ../shared/data/not-cxr")
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if split_of("", r["patient_id"]) == "test"]
    results = shipped.predict_batch([folder / r["path"] for r in rows])
    assert len(rows) == 22 and all(r.error is None for r in results)
    assert sum(r.rejected for r in results) >= 20
