"""Predictor and TriageResult: results, batches, rejection, decision thresholds."""

import json
import math

import numpy as np
import pytest
from PIL import Image

from desktop.engine.errors import XrayReadError
from desktop.engine.imaging import load_xray
from desktop.engine.contract import decide_label, operating_points
from desktop.engine.predictor import Predictor
from desktop.engine.results import REJECTED_NOT_CXR, TriageResult, heatmap_overlay

CONTRACT_KEYS = {"path", "label", "probabilities", "severity", "ood_score", "rejected", "error"}


@pytest.fixture(scope="module")
def predictor(contract_model_path):
    return Predictor(contract_model_path, threads=1)


@pytest.fixture(scope="module")
def noise_png(tmp_path_factory):
    """Uniform noise: nothing like a chest X-ray."""
    path = tmp_path_factory.mktemp("noise") / "noise.png"
    pixels = (np.random.default_rng(0).random((300, 260)) * 255).astype(np.uint8)
    Image.fromarray(pixels).save(path)
    return path


def test_properties(predictor, contract_model_path):
    assert predictor.path == contract_model_path
    assert predictor.classes == ["normal", "pneumonia", "covid19"]
    assert predictor.input_size == 64 and predictor.model_version == "test-tiny-64"
    assert predictor.temperature == pytest.approx(1.3)
    assert math.isfinite(predictor.ood_threshold)
    assert predictor.metadata["metrics"]["macro_f1"] == 0.0 and predictor.metadata["decision_thresholds"] == {}
    assert len(predictor.sha256) == 64


def test_predict_real_film(predictor, cxr_sample_paths):
    result = predictor.predict(cxr_sample_paths[0])
    assert result.ok and not result.rejected and result.error is None and result.reject_reason is None
    assert result.label in predictor.classes
    assert result.label == max(result.probabilities, key=result.probabilities.get)
    assert sum(result.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert 0.0 <= result.severity <= 1.0
    assert result.heatmap.dtype == np.float32 and result.heatmap.ndim == 2
    assert 0.0 <= result.heatmap.min() and result.heatmap.max() <= 1.0
    assert result.ood_score <= predictor.ood_threshold
    assert set(result.timing_ms) == {"load", "preprocess", "inference"}
    assert result.image_record.path == cxr_sample_paths[0] and result.image_record.image.mode == "L"
    assert result.model_version == "test-tiny-64"

    resized = result.heatmap_resized(300, 200)
    assert resized.shape == (200, 300) and resized.dtype == np.float32
    assert 0.0 <= resized.min() and resized.max() <= 1.0

    obj = result.to_json_dict()
    assert set(obj) == CONTRACT_KEYS
    assert obj["path"] == str(cxr_sample_paths[0]) and obj["label"] == result.label and obj["rejected"] is False
    assert set(obj["probabilities"]) == set(predictor.classes)
    assert json.loads(json.dumps(obj)) == obj


def test_predict_accepts_a_record(predictor, cxr_sample_paths):
    record = load_xray(cxr_sample_paths[1])      # full resolution, as the viewer loads it
    result = predictor.predict(record)
    assert result.image_record is record and result.timing_ms["load"] == 0.0
    assert result.label in predictor.classes


def test_batch_equals_single(predictor, cxr_sample_paths):
    batch = predictor.predict_batch(cxr_sample_paths)
    assert [r.path for r in batch] == cxr_sample_paths
    for path, from_batch in zip(cxr_sample_paths, batch):
        single = predictor.predict(path)
        assert single.label == from_batch.label
        for name in predictor.classes:
            assert single.probabilities[name] == pytest.approx(from_batch.probabilities[name], abs=1e-5)
        assert single.severity == pytest.approx(from_batch.severity, abs=1e-5)
        np.testing.assert_allclose(single.heatmap, from_batch.heatmap, atol=1e-5)
    # All sample films are chest X-rays the tiny model was calibrated to accept, and their numbers
    # differ (a batch that mixed films up would show).
    assert all(r.ok for r in batch)
    assert len({round(r.probabilities["normal"], 4) for r in batch}) == len(batch)


def test_batch_goes_on_after_unreadable_files(predictor, cxr_sample_paths, tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("this is not an image\n")
    items = [cxr_sample_paths[0], empty, text, tmp_path / "missing.jpg", cxr_sample_paths[2]]
    results = predictor.predict_batch(items)
    assert [r.path for r in results] == items
    assert results[0].ok and results[4].ok
    for bad in results[1:4]:
        assert bad.error and bad.error.endswith(".") and bad.label is None and not bad.rejected
        obj = bad.to_json_dict()
        assert obj["probabilities"] is None and obj["severity"] is None and obj["error"] == bad.error


def test_unreadable_path(predictor, tmp_path):
    text = tmp_path / "scan.png"
    text.write_text("not an image")
    with pytest.raises(XrayReadError):
        predictor.predict(text)
    result = predictor.predict_path(text)
    assert result.error and "scan.png" in result.error and result.label is None


def test_noise_is_rejected(predictor, noise_png, cxr_sample_paths):
    result = predictor.predict(noise_png)
    assert result.rejected and result.label is None and result.error is None
    assert result.reject_reason == REJECTED_NOT_CXR
    assert result.ood_score > predictor.ood_threshold
    # The OOD score itself separates: noise is far above every real film.
    films = predictor.predict_batch(cxr_sample_paths)
    assert result.ood_score > 5 * max(r.ood_score for r in films)
    obj = result.to_json_dict()
    assert obj["rejected"] is True and obj["label"] is None and obj["error"] is None
    assert set(obj["probabilities"]) == set(predictor.classes)   # kept for audit, not shown as a result


def test_ood_threshold_comes_from_metadata(contract_model_path, rewrite_model, tmp_path, noise_png, cxr_sample_paths):
    strict = Predictor(rewrite_model(contract_model_path, tmp_path / "strict.onnx", ood_threshold="0"))
    assert strict.predict(cxr_sample_paths[0]).rejected
    lenient = Predictor(rewrite_model(contract_model_path, tmp_path / "lenient.onnx", ood_threshold="1e30"))
    assert not lenient.predict(noise_png).rejected


def test_dicom_that_is_not_a_chest_film_is_rejected(predictor, shared_data):
    ct = shared_data / "dicom" / "nonchest_ct_small.dcm"
    result = predictor.predict_path(ct)
    if result.error:
        pytest.skip(f"DICOM reading not available here: {result.error}")
    assert result.rejected and result.label is None and "CT" in result.reject_reason


def test_decision_thresholds_in_metadata(contract_model_path, rewrite_model, tmp_path, cxr_sample_paths):
    # Without thresholds (arg-max) some films are COVID-19 and some are not, so each rule below changes calls.
    plain = {r.label for r in Predictor(contract_model_path).predict_batch(cxr_sample_paths)}
    assert "covid19" in plain and len(plain) > 1
    always_covid = Predictor(rewrite_model(contract_model_path, tmp_path / "covid.onnx",
                                           decision_thresholds={"covid19": 0.0}))
    assert {r.label for r in always_covid.predict_batch(cxr_sample_paths)} == {"covid19"}
    never_covid = Predictor(rewrite_model(contract_model_path, tmp_path / "nocovid.onnx",
                                          decision_thresholds={"covid19": {"threshold": 1.0}}))
    assert "covid19" not in {r.label for r in never_covid.predict_batch(cxr_sample_paths)}


def test_decide_label_rule():
    probs = {"normal": 0.5, "pneumonia": 0.2, "covid19": 0.3}
    assert decide_label(probs, {}) == "normal"
    assert decide_label(probs, {"covid19": 0.3}) == "covid19"        # reaches its operating point
    assert decide_label(probs, {"covid19": 0.35}) == "normal"        # does not: arg-max of the others
    assert decide_label({"normal": 0.2, "pneumonia": 0.3, "covid19": 0.5}, {"covid19": 0.7}) == "pneumonia"
    # Several classes reach their points: the most probable of them.
    assert decide_label(probs, {"covid19": 0.1, "pneumonia": 0.1}) == "covid19"
    # Unknown classes and non-numbers are ignored.
    assert operating_points({"covid19": 0.3, "flu": 0.1, "normal": "high", "pneumonia": {"threshold": 0.4},
                             "note": {"x": 1}}, ["normal", "pneumonia", "covid19"]) == {
        "covid19": 0.3, "pneumonia": 0.4}


def test_json_rounding_and_non_finite():
    result = TriageResult(path="a.png", label="normal", probabilities={"normal": 0.123456789},
                          severity=0.987654321, ood_score=float("nan"))
    obj = result.to_json_dict()
    assert obj["probabilities"] == {"normal": 0.1235} and obj["severity"] == 0.9877 and obj["ood_score"] is None


def test_heatmap_overlay():
    image = Image.new("L", (120, 80), 128)
    heat = np.zeros((4, 4), dtype=np.float32)
    heat[0, 0] = 1.0
    overlay = heatmap_overlay(image, heat)
    assert overlay.mode == "RGB" and overlay.size == (120, 80)
    pixels = np.asarray(overlay)
    assert tuple(pixels[79, 119]) == (128, 128, 128)        # cold: the film unchanged
    assert pixels[0, 0, 0] > pixels[0, 0, 2]                 # hot: red


@pytest.mark.parametrize("shape, size", [((7, 7), (500, 500)), ((7, 7), (1024, 768)), ((13, 11), (301, 977)),
                                         ((10, 12), (7, 5)), ((2, 2), (9, 9)), ((7, 7), (7, 7))])
def test_heatmap_resize_equals_pillow_bilinear(shape, size):
    from desktop.engine.results import resize_bilinear
    values = np.random.default_rng(0).random(shape, dtype=np.float32)
    reference = np.asarray(Image.fromarray(values).resize(size, Image.BILINEAR))
    np.testing.assert_allclose(resize_bilinear(values, *size), reference, atol=1e-6)
