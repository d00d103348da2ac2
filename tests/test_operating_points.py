"""Operating points fitted on validation films (``--target-sensitivity``): the trainer's vectorised rule
is the app's rule, the threshold is the one the definition gives, and evaluation follows it."""

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="the trainer's tests need torch (the 'train' extra)")

from desktop.engine.contract import decide, decide_label, operating_points  # noqa: E402
from trainer import CLASSES  # noqa: E402
from trainer.calibration import fit_sensitivity_threshold, parse_sensitivity_targets  # noqa: E402
from trainer.evaluate import compute_metrics  # noqa: E402
from trainer.sources import ManifestRow  # noqa: E402

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


def test_confident_errors_are_judged_by_the_calls():
    from trainer.metrics import confident_error_share
    probs = np.array([[0.95, 0.03, 0.02],   # normal at 95 %: a confident error if the truth is COVID-19
                      [0.60, 0.10, 0.30],   # arg-max normal (wrong), called COVID-19 at 30 % (right)
                      [0.70, 0.05, 0.25],   # arg-max normal (right), called COVID-19 at 25 % (wrong)
                      [0.05, 0.93, 0.02]])  # pneumonia at 93 % (right)
    labels = np.array([COVID, COVID, CLASSES.index("normal"), CLASSES.index("pneumonia")])
    assert confident_error_share(probs, labels, 0.9) == pytest.approx(1 / 2)       # arg-max: films 0, 1 wrong
    called = decide(probs, {"covid19": 0.2})
    assert called.tolist() == [0, COVID, COVID, 1]
    assert confident_error_share(probs, labels, 0.9, called) == pytest.approx(1 / 2)  # calls: films 0, 2 wrong
    assert confident_error_share(probs, labels, 0.2, called) == pytest.approx(1.0)    # 95 % and 25 % > 20 %
    assert confident_error_share(probs, labels, 0.5, called) == pytest.approx(1 / 2)  # the 25 % call is not


def test_model_card_headline_follows_the_operating_point():
    from trainer.evaluate import decision_summary
    from trainer.model_card import headline_metrics
    rng = np.random.default_rng(2)
    n = 400
    probs = rng.dirichlet([1, 1, 1], n)
    labels = rng.integers(0, 3, n)
    sources = np.where(np.arange(n) % 2 == 0, "kermany2018", "rsna-normal")
    labels[sources == "kermany2018"] = rng.integers(0, 2, (sources == "kermany2018").sum())
    p = {"probs": probs, "label": labels, "source": sources, "kermany_test": sources == "kermany2018",
         "sev_pred": np.zeros(n), "sev_truth": np.full(n, np.nan)}
    rows = [ManifestRow(root=Path("."), path=f"x{i}.png", label=CLASSES[labels[i]], source=sources[i],
                        patient_id=str(i), official_split="test" if sources[i] == "kermany2018" else "")
            for i in range(n)]
    thresholds = {"covid19": {"threshold": 0.2}}
    for points in (None, thresholds):
        table = {name: fn(idx) for name, _, idx, fn in headline_metrics(p, points)}
        calls = decision_summary(decide(probs, points), labels, rows)
        assert table["COVID-19 sensitivity"] == pytest.approx(calls["covid19_sensitivity"])
        assert table["Kermany normal recall"] == pytest.approx(calls["kermany_normal_recall"])
        assert table["Adult normal films (non-Kermany) called normal"] == pytest.approx(
            calls["adult_normal_called_normal"])
    with_point = {name: fn(idx) for name, _, idx, fn in headline_metrics(p, thresholds)}
    plain = {name: fn(idx) for name, _, idx, fn in headline_metrics(p)}
    assert with_point["COVID-19 sensitivity"] > plain["COVID-19 sensitivity"]


def test_calibrate_command_fits_the_operating_point_and_export_carries_it(tmp_path, shared_data, tiny_checkpoint):
    import torch

    from export import export_checkpoint
    from trainer.checkpoint import load_checkpoint
    from trainer.cli import main
    from trainer.recipe import Recipe

    trained = tmp_path / "trained.pt"  # the tiny model with the recipe a training run records
    torch.save({**torch.load(tiny_checkpoint, weights_only=False), "recipe": Recipe(input_size=64).to_dict()}, trained)
    out = tmp_path / "op.pt"
    main(["calibrate", str(trained), "-o", str(out), "--target-sensitivity", "covid19=0.75",
          "--data", str(shared_data / "cxr"), "--limit", "3", "--cache-dir", str(tmp_path / "cache"),
          "--workers", "1"])
    _, ckpt = load_checkpoint(out)
    point = ckpt["decision_thresholds"]["covid19"]
    assert point["target_sensitivity"] == 0.75 and point["validation_sensitivity"] >= 0.75
    assert ckpt["metrics"]["decision_thresholds"] == ckpt["decision_thresholds"] and "argmax" in ckpt["metrics"]
    report = export_checkpoint(out, tmp_path / "op.onnx", model_version="test-op")
    assert json.loads(report.metadata["decision_thresholds"])["covid19"]["threshold"] == point["threshold"]

    # --argmax takes the operating point away again: the file training without the flag would write.
    plain = tmp_path / "plain.pt"
    main(["calibrate", str(out), "-o", str(plain), "--argmax", "--data", str(shared_data / "cxr"), "--limit", "3",
          "--cache-dir", str(tmp_path / "cache"), "--workers", "1"])
    _, plain_ckpt = load_checkpoint(plain)
    assert plain_ckpt["decision_thresholds"] == {} and plain_ckpt["recipe"]["target_sensitivity"] is None
    assert "argmax" not in plain_ckpt["metrics"] and plain_ckpt["temperature"] == pytest.approx(ckpt["temperature"])
    assert ckpt["recipe"] == {**Recipe(input_size=64).to_dict(), "target_sensitivity": ["covid19=0.75"]}
    # Without flags, calibrate keeps the rule the checkpoint's recipe names.
    again = tmp_path / "again.pt"
    main(["calibrate", str(out), "-o", str(again), "--data", str(shared_data / "cxr"), "--limit", "3",
          "--cache-dir", str(tmp_path / "cache"), "--workers", "1"])
    _, again_ckpt = load_checkpoint(again)
    assert again_ckpt["decision_thresholds"]["covid19"]["threshold"] == point["threshold"]
    with pytest.raises(SystemExit, match="exclude each other"):
        main(["calibrate", str(out), "-o", str(plain), "--argmax", "--target-sensitivity", "covid19=0.9",
              "--data", str(shared_data / "cxr"), "--limit", "3", "--cache-dir", str(tmp_path / "cache")])
