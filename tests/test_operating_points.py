"""Operating points fitted on validation films (``--target-sensitivity``): the trainer's vectorised rule
is the app's rule, the threshold is the one the definition gives, and evaluation follows it."""

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.engine.results import decide_label, operating_points
from trainer import CLASSES
from trainer.calibration import decide, fit_sensitivity_threshold, parse_sensitivity_targets
from trainer.evaluate import compute_metrics
from trainer.sources import ManifestRow

COVID = CLASSES.index("covid19")


@pytest.mark.parametrize("thresholds", [{}, {"covid19": 0.3}, {"covid19": {"threshold": 0.7}},
                                        {"covid19": 0.2, "normal": 0.5},
                                        {"normal": 0.4, "pneumonia": 0.4, "covid19": 0.4}])
def test_trainer_decides_as_the_app_does(thresholds):
    probs = np.random.default_rng(0).dirichlet([1, 1, 1], 500)
    points = operating_points(thresholds, list(CLASSES))
    app = [CLASSES.index(decide_label(dict(zip(CLASSES, p)), points)) for p in probs]
    assert decide(probs, thresholds).tolist() == app


def test_sensitivity_threshold_by_hand():
    # Ten COVID-19 films with p(COVID-19) 0.05, 0.15, ..., 0.95 and ten normal films at 0.3.
    covid_p = np.arange(10) / 10 + 0.05
    probs = np.zeros((20, 3))
    probs[:10, COVID], probs[:10, 0] = covid_p, 1 - covid_p
    probs[10:, COVID], probs[10:, 0] = 0.3, 0.7
    labels = np.array([COVID] * 10 + [0] * 10)
    fit = fit_sensitivity_threshold(probs, labels, COVID, 0.8)
    # 8 of 10 must be called: the 8th highest score is 0.25 (0.25, 0.35, ..., 0.95).
    assert fit["threshold"] == pytest.approx(0.25)
    assert fit["validation_sensitivity"] == pytest.approx(0.8)
    assert fit["validation_ppv"] == pytest.approx(8 / 18)  # the ten normals at 0.3 are called too
    assert fit["fitted_on"] == "validation split"
    # The highest such threshold: a hair above it, one more film is missed.
    assert np.mean(probs[:10, COVID] >= fit["threshold"] + 1e-6) < 0.8
    assert fit_sensitivity_threshold(probs, labels, COVID, 1.0)["threshold"] == pytest.approx(0.05)


def test_bad_targets_say_what_is_expected():
    assert parse_sensitivity_targets(["covid19=0.9"]) == {"covid19": 0.9}
    for spec in ["covid=0.9", "covid19", "covid19=1.5", "covid19=x"]:
        with pytest.raises(ValueError, match="CLASS=S"):
            parse_sensitivity_targets([spec])
    with pytest.raises(ValueError, match="no validation films"):
        fit_sensitivity_threshold(np.full((3, 3), 1 / 3), np.zeros(3, int), COVID, 0.9)


def test_metrics_follow_the_operating_point_and_keep_the_argmax():
    rng = np.random.default_rng(1)
    probs = rng.dirichlet([1, 1, 1], 300)
    labels = rng.integers(0, 3, 300)
    rows = [ManifestRow(root=Path("."), path=f"x{i}.png", label=CLASSES[labels[i]], source="rsna-normal" if i % 2 else "cohen2020",
                        patient_id=str(i)) for i in range(300)]
    severity = np.zeros(300)
    plain = compute_metrics(probs, probs, labels, severity, rows)
    assert "argmax" not in plain and plain["decision_thresholds"] == {}
    thresholds = {"covid19": {"threshold": 0.2}}
    m = compute_metrics(probs, probs, labels, severity, rows, thresholds=thresholds)
    called = decide(probs, thresholds)
    assert m["covid19_sensitivity"] == pytest.approx(np.mean(called[labels == COVID] == COVID))
    assert m["covid19_sensitivity"] > plain["covid19_sensitivity"]
    assert m["argmax"]["covid19_sensitivity"] == pytest.approx(plain["covid19_sensitivity"])
    assert m["argmax"]["adult_normal_called_normal"] == pytest.approx(plain["adult_normal_called_normal"])
    per = m["per_source"]["cohen2020"]
    idx = np.arange(300) % 2 == 0
    assert per["accuracy"] == pytest.approx(np.mean(called[idx] == labels[idx]))
    assert json.loads(json.dumps(m["decision_thresholds"])) == thresholds


def test_calibrate_command_fits_the_operating_point_and_export_carries_it(tmp_path, shared_data, tiny_checkpoint):
    from export import export_checkpoint
    from trainer.checkpoint import load_checkpoint
    from trainer.cli import main

    out = tmp_path / "op.pt"
    main(["calibrate", str(tiny_checkpoint), "-o", str(out), "--target-sensitivity", "covid19=0.75",
          "--data", str(shared_data / "cxr"), "--limit", "3", "--cache-dir", str(tmp_path / "cache"),
          "--workers", "1"])
    _, ckpt = load_checkpoint(out)
    point = ckpt["decision_thresholds"]["covid19"]
    assert point["target_sensitivity"] == 0.75 and point["validation_sensitivity"] >= 0.75
    assert ckpt["metrics"]["decision_thresholds"] == ckpt["decision_thresholds"] and "argmax" in ckpt["metrics"]
    report = export_checkpoint(out, tmp_path / "op.onnx", model_version="test-op")
    assert json.loads(report.metadata["decision_thresholds"])["covid19"]["threshold"] == point["threshold"]
