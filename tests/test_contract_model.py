"""The tests' contract model (tests/contract_model.py): what the app's tests rely on it for.

It is the app's model in the engine, CLI and GUI tests, so its properties are checked here once: it
passes every check the predictor makes on a model, its class head reproduces its probabilities, its
numbers depend on the film, and its OOD score accepts real chest films and refuses what is not one
(noise, flat and inverted images), so that the refusal tests refuse for a reason.
"""

import json

import numpy as np
import onnxruntime as ort
import pytest
from PIL import Image

from desktop.engine.contract import CLASS_HEAD_TOLERANCE, class_head_probabilities
from desktop.engine.contract import to_model_input
from desktop.engine.predictor import Predictor

pytest.importorskip("onnx", reason="the tests' contract model is written with onnx (the 'dev' extra)")

from contract_model import OOD_THRESHOLD, write_contract_model  # noqa: E402


@pytest.fixture(scope="module")
def predictor(contract_model_path):
    return Predictor(contract_model_path, threads=1)


def run(path, images: np.ndarray) -> dict:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return dict(zip([o.name for o in session.get_outputs()], session.run(None, {"image": images})))


def films(paths) -> np.ndarray:
    return np.stack([to_model_input(Image.open(p), 64) for p in paths])


def test_it_is_a_contract_model_and_always_the_same_file(predictor, contract_model_path, tmp_path):
    assert predictor.input_size == 64 and predictor.heatmap_size == (7, 7)
    assert predictor.model_version == "test-tiny-64" and predictor.temperature == pytest.approx(1.3)
    assert predictor.ood_threshold == OOD_THRESHOLD and predictor.metadata["decision_thresholds"] == {}
    assert write_contract_model(tmp_path / "again.onnx").read_bytes() == contract_model_path.read_bytes()


def test_its_class_head_gives_its_probabilities_and_films_differ(predictor, contract_model_path, cxr_sample_paths):
    outputs = run(contract_model_path, films(cxr_sample_paths))
    head = predictor.metadata["class_head"]
    assert head["weight"].shape == (3, outputs["embedding"].shape[1])
    rebuilt = class_head_probabilities(outputs["embedding"], head, predictor.temperature)
    assert np.abs(rebuilt - outputs["probabilities"]).max() <= CLASS_HEAD_TOLERANCE
    stored = json.loads(predictor.session.get_modelmeta().custom_metadata_map["class_head"])
    assert np.asarray(stored["weight"], np.float32).tolist() == stored["weight"]      # float32 values, exactly
    # The numbers follow the film: every film its own probabilities, severities and heatmap, and
    # every class called for some of the sample films.
    assert len({tuple(np.round(p, 4)) for p in outputs["probabilities"]}) == len(cxr_sample_paths)
    assert np.ptp(outputs["severity"]) > 0.2 and np.ptp(outputs["heatmap"], axis=0).max() > 0.5
    assert set(outputs["probabilities"].argmax(1)) == {0, 1, 2}


def test_chest_films_are_accepted_and_other_pictures_refused(contract_model_path, cxr_sample_paths):
    real = films(cxr_sample_paths)
    scores = run(contract_model_path, real)["ood_score"]
    assert scores.max() < OOD_THRESHOLD / 4                         # well inside: films from every source
    rng = np.random.default_rng(0)
    noise = rng.random((4, 1, 64, 64), dtype=np.float32)
    flat = np.stack([np.full((1, 64, 64), v, np.float32) for v in (0.0, 0.5, 1.0)])
    for name, pictures in (("noise", noise), ("flat", flat), ("inverted", 1 - real)):
        refused = run(contract_model_path, np.ascontiguousarray(pictures))["ood_score"]
        assert (refused > OOD_THRESHOLD).all(), (name, refused)
    assert run(contract_model_path, noise)["ood_score"].min() > 5 * scores.max()
