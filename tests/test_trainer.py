"""Trainer pieces: contract preprocessing, cache, loss masking, calibration, metrics, training and resume."""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

torch = pytest.importorskip("torch", reason="the trainer's tests need torch (the 'train' extra)")

from desktop.engine.contract import resize_to_model, to_model_input  # noqa: E402
from trainer.augment import eval_transform, train_transform  # noqa: E402
from trainer.cache import build_or_load_cache  # noqa: E402
from trainer.calibration import fit_temperature  # noqa: E402
from trainer.checkpoint import load_checkpoint  # noqa: E402
from trainer.cli import get_args_parser  # noqa: E402
from trainer.losses import multitask_loss, severity_targets  # noqa: E402
from trainer import metrics as M  # noqa: E402
from trainer.not_cxr import synthetic_pictures, transformed_films  # noqa: E402
from trainer.ood import calibrate_gate_scale, fit_frontal_gate, fit_ood, ood_score  # noqa: E402
from trainer.recipe import Recipe  # noqa: E402
from trainer.sources import FolderSource  # noqa: E402

SHARED_CXR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cxr"


def test_preprocessing_is_the_contract(tmp_path):
    rgb = Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 410, 3), dtype=np.uint8))
    expected = np.asarray(rgb.convert("L").resize((224, 224), Image.BILINEAR), dtype=np.float32) / 255.0
    got = to_model_input(rgb, 224)
    assert got.shape == (1, 224, 224) and got.dtype == np.float32
    np.testing.assert_array_equal(got[0], expected)
    # The training path (cache uint8 -> eval_transform) gives the very same numbers.
    batch = torch.from_numpy(resize_to_model(rgb, 224)[None])
    np.testing.assert_array_equal(eval_transform(batch).numpy()[0], got)


def test_cache_holds_contract_pixels_and_is_reused(tmp_path):
    for i in range(3):
        Image.fromarray(np.full((50, 70), 40 * i, np.uint8)).save(tmp_path / f"normal-{i}.png")
    (tmp_path / "normal").mkdir()
    for p in tmp_path.glob("normal-*.png"):
        p.rename(tmp_path / "normal" / p.name)
    rows = FolderSource(tmp_path, "t").rows()
    cache = build_or_load_cache(rows, 32, tmp_path / "cache", workers=1)
    assert cache.shape == (3, 32, 32)
    for i, r in enumerate(rows):
        np.testing.assert_array_equal(cache[i], resize_to_model(Image.open(r.file), 32))
    files = sorted((tmp_path / "cache").iterdir())
    again = build_or_load_cache(rows, 32, tmp_path / "cache", workers=1)
    assert sorted((tmp_path / "cache").iterdir()) == files  # no rebuild, same file
    np.testing.assert_array_equal(np.asarray(again), np.asarray(cache))


def test_train_transform_keeps_range_and_shape():
    batch = torch.randint(0, 256, (4, 32, 32), dtype=torch.uint8)
    out = train_transform(batch, torch.Generator().manual_seed(0), 1.0, 0.175)
    assert out.shape == (4, 1, 32, 32) and out.min() >= 0 and out.max() <= 1
    assert not torch.allclose(out, eval_transform(batch))
    assert torch.allclose(train_transform(batch, None, strength=0.0, aspect=0.0), eval_transform(batch), atol=0.05)


def test_severity_loss_masks_unscored_films():
    labels = torch.tensor([0, 1, 2, 2])
    severity = torch.tensor([float("nan"), float("nan"), 0.5, float("nan")])
    target, mask = severity_targets(labels, severity)
    assert mask.tolist() == [True, False, True, False]          # normal counts as 0, scored covid counts
    assert target[mask].tolist() == [0.0, 0.5]
    logits = torch.zeros(4, 3)
    # Changing the prediction of an unscored film must not change the loss.
    a, _ = multitask_loss(logits, torch.tensor([0.0, 0.1, 0.5, 0.2]), labels, severity)
    b, _ = multitask_loss(logits, torch.tensor([0.0, 0.9, 0.5, 0.8]), labels, severity)
    c, _ = multitask_loss(logits, torch.tensor([0.0, 0.1, 0.9, 0.2]), labels, severity)
    assert torch.isclose(a, b) and c > a
    # A batch with no scored film keeps a finite loss.
    d, parts = multitask_loss(logits[1:2], torch.tensor([0.3]), labels[1:2], severity[1:2])
    assert torch.isfinite(d) and parts["severity"] == 0.0


def test_temperature_lowers_nll_of_overconfident_logits():
    g = torch.Generator().manual_seed(0)
    labels = torch.randint(0, 3, (2000,), generator=g)
    clean = torch.randn(2000, 3, generator=g) + 2.0 * torch.nn.functional.one_hot(labels, 3)
    overconfident = clean * 8.0
    t = fit_temperature(overconfident, labels)
    nll = lambda z: float(torch.nn.functional.cross_entropy(z, labels))
    # Over-confident logits need T > 1; the fitted T recovers the scale-up of the best-calibrated logits.
    t_clean = fit_temperature(clean, labels)
    assert t > 1.2 and t == pytest.approx(8.0 * t_clean, rel=0.02)
    assert nll(overconfident / t) < nll(overconfident) - 0.1


def test_ood_scores_outliers_higher():
    g = torch.Generator().manual_seed(0)
    feats = torch.randn(1200, 8, generator=g)
    labels = torch.arange(1200) % 3
    feats[:, 0] += labels * 3.0
    stats = fit_ood(feats, labels, 3, percentile=99)
    fresh = torch.randn(3000, 8, generator=g)
    fresh[:, 0] += (torch.arange(3000) % 3) * 3.0
    accepted = float((ood_score(fresh, stats) <= stats["threshold"]).float().mean())
    assert 0.975 < accepted < 0.999  # cross-fitted threshold holds on films the statistics never saw
    outside = torch.randn(50, 8, generator=g) * 6 + 20
    assert (ood_score(outside, stats) > stats["threshold"]).all()


def test_frontal_gate_rejects_what_distance_misses():
    g = torch.Generator().manual_seed(1)
    films = torch.randn(600, 6, generator=g)
    labels = torch.zeros(600, dtype=torch.long)
    stats = fit_ood(films, labels, 1)
    # "Upside-down films": same distance to the mean, but a feature the gate can learn is flipped.
    flipped = torch.randn(300, 6, generator=g)
    flipped[:, 0] = flipped[:, 0].abs() + 1.0
    films[:, 0] = -films[:, 0].abs() - 1.0
    stats = fit_ood(films, labels, 1)
    gate = fit_frontal_gate(films[:300], flipped[:150])
    stats.update(gate, gate_scale=calibrate_gate_scale(films[300:], gate))
    assert (ood_score(flipped[150:], stats) > 1.0).float().mean() > 0.95
    assert (ood_score(films[300:], stats) <= 1.0).float().mean() > 0.95


def test_a_gate_on_the_spread_sees_what_the_mean_cannot():
    """Two kinds of feature map with the same channel means, one flat, one patchy: only a gate that reads
    the spread (``gate_features="mean+std"``, issue 18) tells them apart, and the score needs the spread."""
    from trainer.ood import feature_spread, gate_input

    g = torch.Generator().manual_seed(2)
    flat = 1.0 + 0.1 * torch.randn(400, 4, 5, 5, generator=g)
    patchy = 1.0 + 2.0 * torch.randn(400, 4, 5, 5, generator=g)
    patchy = patchy - patchy.mean(dim=(2, 3), keepdim=True) + flat.mean(dim=(2, 3), keepdim=True)
    assert torch.allclose(feature_spread(flat), flat.std(dim=(2, 3), unbiased=False), atol=1e-6)
    pooled = {name: fmap.mean(dim=(2, 3)) for name, fmap in (("flat", flat), ("patchy", patchy))}
    spread = {"flat": feature_spread(flat), "patchy": feature_spread(patchy)}
    stats = fit_ood(pooled["flat"], torch.zeros(400, dtype=torch.long), 1)
    accepted = {}
    for features in ("mean", "mean+std"):
        gate = fit_frontal_gate(gate_input(pooled["flat"][:200], spread["flat"][:200], features),
                                gate_input(pooled["patchy"][:200], spread["patchy"][:200], features),
                                gate_features=features)
        gate["gate_scale"] = calibrate_gate_scale(gate_input(pooled["flat"][200:], spread["flat"][200:], features), gate)
        ood = {**stats, **gate}
        accepted[features] = float((ood_score(pooled["patchy"][200:], ood, spread["patchy"][200:]) <= 1).float().mean())
        assert (ood_score(pooled["flat"][200:], ood, spread["flat"][200:]) <= 1).float().mean() > 0.95
    assert accepted["mean+std"] < 0.05 < accepted["mean"]
    with pytest.raises(ValueError, match="pass spread"):
        ood_score(pooled["patchy"], ood)
    with pytest.raises(ValueError, match="unknown gate features"):
        gate_input(pooled["flat"], spread["flat"], "median")


def test_not_cxr_pictures():
    rng = np.random.default_rng(0)
    films = np.random.default_rng(1).integers(0, 255, (10, 16, 16), dtype=np.uint8)
    out = transformed_films(films, rng)
    assert out.shape == films.shape and not any(np.array_equal(a, b) for a, b in zip(out, films))
    pics = synthetic_pictures(14, 32, rng)
    assert pics.shape == (14, 32, 32) and pics.dtype == np.uint8


def test_metrics_against_hand_computed_values():
    y = np.array([0, 0, 1, 1, 2, 2])
    p = np.array([0, 1, 1, 1, 2, 0])
    cm = M.confusion_matrix(y, p, 3)
    assert cm.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    prf = M.per_class_prf(cm)
    np.testing.assert_allclose(prf["precision"], [0.5, 2 / 3, 1.0])
    np.testing.assert_allclose(prf["recall"], [0.5, 1.0, 0.5])
    f1 = [0.5, 0.8, 2 / 3]
    np.testing.assert_allclose(prf["f1"], f1)
    assert M.macro_f1(y, p, 3) == pytest.approx(np.mean(f1))
    # AUC: 3 of 4 positive-negative pairs ordered right -> 0.75; ties count half.
    assert M.roc_auc([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1]) == pytest.approx(0.75)
    assert M.roc_auc([1, 0], [0.5, 0.5]) == pytest.approx(0.5)
    spec, thr = M.specificity_at_sensitivity([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1], 1.0)
    assert spec == pytest.approx(0.5) and thr == pytest.approx(0.4)
    # ECE: two films at confidence 0.9 (one right) and two at 0.6 (both right):
    # 0.5 * |0.5 - 0.9| + 0.5 * |1.0 - 0.6| = 0.4
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]])
    assert M.expected_calibration_error(probs, np.array([0, 1, 0, 1])) == pytest.approx(0.4)
    assert M.confident_error_share(probs, np.array([0, 1, 0, 1]), 0.85) == 1.0
    assert M.pearson_r([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    lo, hi = M.bootstrap_ci(lambda a: a.mean(), (np.r_[np.zeros(50), np.ones(50)],), n=200)
    assert lo < 0.5 < hi


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CXR.exists(), reason="../shared/data/cxr not present")
def test_two_epoch_smoke_run_and_resume(tmp_path):
    from trainer.train import main as train_main

    def args(**over):
        a = get_args_parser().parse_args(["train", "--data", str(SHARED_CXR), "--limit", "2", "--input-size", "96",
                                          "--batch-size", "8", "--epochs", "2", "--threads", "2", "--workers", "1",
                                          "--cache-dir", str(tmp_path / "cache"), "--output", str(tmp_path / "run"),
                                          "--no-progress"])
        for k, v in over.items():
            setattr(a, k, v)
        return a

    metrics = train_main(args())
    run = tmp_path / "run"
    history = json.loads((run / "history.json").read_text())
    assert [h["epoch"] for h in history] == [1, 2]
    model, ckpt = load_checkpoint(run / "model.pt")
    assert ckpt["recipe"] == {**Recipe().to_dict(), "input_size": 96, "batch_size": 8, "epochs": 2, "limit": 2}
    assert ckpt["temperature"] > 0 and ckpt["ood"]["threshold"] == 1.0 and ckpt["ood"]["gate_scale"] >= 0.5
    assert 0 <= metrics["ood"]["test_cxr_accepted"] <= 1 and "synthetic_pictures_rejected" in metrics["ood"]
    assert ckpt["metrics"]["n"] == metrics["n"] > 0
    assert {"accuracy", "macro_f1", "ece_15", "per_source", "kermany_test"} <= set(metrics)
    for plot in ("confusion_matrix", "roc", "reliability", "confidence_histogram", "confident_errors"):
        assert (run / f"{plot}.png").stat().st_size > 1000
    # The model card is computed from this run's per-film predictions.
    from trainer.model_card import write_model_card

    template = (Path(__file__).resolve().parents[1] / "trainer" / "model_card_template.md").read_text()
    card = write_model_card(run, tmp_path / "card", template, n_boot=50).read_text()
    assert f"| 3-class accuracy (test split) | — | {100 * metrics['accuracy']:.1f} %" in card
    assert (tmp_path / "card" / "plots" / "roc.png").exists() and "kermany2018" in card
    assert set(metrics["heatmap_border_share"]) == set(metrics["per_source"])
    assert not (tmp_path / "card" / "plots" / "confident_errors.png").exists()  # data-set films stay out
    logits, severity = model(torch.rand(2, 1, 64, 64))
    assert logits.shape == (2, 3) and ((severity >= 0) & (severity <= 1)).all()

    # Resume: continue last.pt for a third epoch; the first two epochs' history is kept.
    train_main(args(epochs=3, resume=str(run / "last.pt")))
    history = json.loads((run / "history.json").read_text())
    assert [h["epoch"] for h in history] == [1, 2, 3]
    assert history[0] == json.loads(json.dumps(history[0]))  # JSON-clean records




def test_outlier_exposure_draws_a_third_from_the_real_negatives():
    from trainer.train import make_negatives

    films = torch.full((6, 8, 8), 100, dtype=torch.uint8)
    bank, real = np.full((4, 8, 8), 1, np.uint8), np.full((3, 8, 8), 2, np.uint8)
    with_real = [int(x[0, 0]) for x in make_negatives(films, bank, np.random.default_rng(0), real)]
    assert with_real[:2] in ([100, 100], [155, 155], [100, 155], [155, 100]) and with_real[2:] == [2, 2, 1, 1]
    without = [int(x[0, 0]) for x in make_negatives(films, bank, np.random.default_rng(0))]
    assert without[3:] == [1, 1, 1] and 2 not in without


def test_real_negatives_are_split_by_patient_with_the_contract_rule(tmp_path):
    from trainer.not_cxr import RealNegatives
    from trainer.splits import split_of

    rows = [("lateral-cxr", "cohen-1"), ("ct", "cohen-1"), ("ct", "cohen-7"), ("lateral-cxr", "cohen-42")]
    (tmp_path / "x").mkdir()
    with open(tmp_path / "manifest.csv", "w") as f:
        f.write("path,kind,patient_id,origin,license\n")
        for i, (kind, patient) in enumerate(rows):
            Image.fromarray(np.full((60, 48), 10 * i, np.uint8)).save(tmp_path / "x" / f"{i}.png")
            f.write(f"x/{i}.png,{kind},{patient},test,CC BY\n")
    negatives = RealNegatives(tmp_path, 16)
    assert negatives.pixels.shape == (4, 16, 16)
    assert list(negatives.kinds) == ["lateral_films", "ct_slices", "ct_slices", "lateral_films"]
    assert list(negatives.splits) == [split_of("", patient) for _, patient in rows]
    assert negatives.splits[0] == negatives.splits[1]        # one patient, one split, whatever the kind
    for split in set(negatives.splits):
        assert len(negatives.part(split)) == int((negatives.splits == split).sum())


def test_a_refit_gate_counts_each_real_negative_as_asked_and_keeps_the_class_head(tmp_path, monkeypatch):
    """``cxr-train calibrate --refit-gate`` (issue 18): the gate is fitted on the frozen features with the real
    non-frontal pictures counted ``real_weight`` times, even for a model trained with its own gate head,
    and the temperature and thresholds are those of a plain calibration (the class head is untouched)."""
    from types import SimpleNamespace

    from trainer import calibration
    from trainer.model import CXRTriageNet, ModelConfig

    torch.manual_seed(0)
    model = CXRTriageNet(ModelConfig(input_size=32, frontal_gate=True)).eval()
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 255, (60, 32, 32), dtype=np.uint8)
    # 3 training pictures of 3 patients, 2 of validation, 1 of test
    real = SimpleNamespace(pixels=np.stack([np.full((32, 32), 7 + 40 * i, np.uint8) for i in range(6)]),
                           splits=np.array(["train"] * 3 + ["val"] * 2 + ["test"]),
                           kinds=np.array(["lateral_films", "ct_slices"] * 3),
                           patients=np.array([f"p{i}" for i in range(6)]))
    data = SimpleNamespace(pixels=pixels, labels=np.arange(60) % 3,
                           split={"train": np.arange(40), "val": np.arange(40, 60)}, negatives=real)
    seen = []
    fit = calibration.fit_frontal_gate

    def recording(positives, negatives, weight_decay, gate_features):
        seen.append({"positives": len(positives), "negatives": len(negatives), "weight_decay": weight_decay,
                     "dim": positives.shape[1]})
        return fit(positives, negatives, weight_decay, gate_features)

    monkeypatch.setattr(calibration, "fit_frontal_gate", recording)
    own = calibration.calibrate(model, data, 99.5)
    assert seen == []
    refit = calibration.calibrate(model, data, 99.5, refit_gate={"real_weight": 10, "weight_decay": 1e-3})
    # the gate itself: the training part only; then 5 patients' folds, each fitted without its own patient
    assert seen[0] == {"positives": 40, "negatives": 20 + 20 + 3 * 10, "weight_decay": 1e-3, "dim": 576}
    assert [s["negatives"] for s in seen[1:]] == [20 + 20 + 4 * 10] * 5
    cross_validated = refit["gate_cross_validation"]
    assert cross_validated["folds"] == 5 and "gate_cross_validation" not in own
    assert {kind: of for kind, (_, of) in cross_validated["refused"].items()} == {"ct_slices": 2, "lateral_films": 3}
    assert all(0 <= n <= of for n, of in cross_validated["refused"].values())
    # the gate that reads the feature map's spread too: twice the features, recorded in the statistics
    seen.clear()
    spread = calibration.calibrate(model, data, 99.5, refit_gate={"real_weight": 10, "weight_decay": 1e-3,
                                                                  "gate_features": "mean+std"})
    assert seen[0]["dim"] == 2 * 576 and spread["ood"]["gate_features"] == "mean+std"
    assert spread["ood"]["gate_weight"].shape == (2 * 576,)
    assert torch.equal(own["ood"]["gate_weight"], model.frontal_gate.weight[0])
    assert not torch.equal(refit["ood"]["gate_weight"], own["ood"]["gate_weight"])
    assert refit["temperature"] == own["temperature"] and refit["decision_thresholds"] == own["decision_thresholds"]
    assert spread["temperature"] == own["temperature"]

    # a folder of real pictures with none of the two kinds: the gate is fitted on generated ones alone
    data.negatives = SimpleNamespace(pixels=np.zeros((0, 32, 32), np.uint8), splits=np.array([]),
                                     kinds=np.array([]), patients=np.array([]))
    alone = calibration.calibrate(model, data, 99.5, refit_gate={"real_weight": 10, "weight_decay": 1e-3})
    assert seen[-1]["negatives"] == 20 + 20 and alone["gate_cross_validation"] is None


def test_gate_features_need_refit_gate():
    from trainer.cli import main

    with pytest.raises(SystemExit, match="add --refit-gate"):
        main(["calibrate", "no-such.pt", "-o", "x.pt", "--gate-features", "mean+std"])
