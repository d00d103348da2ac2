"""The training recipe and its levers: the defaults are the shipped recipe, old checkpoints read as
recipes (or are refused where they used a removed lever), sampling, texture jitter, the aspect stretch
and leave-one-source-out runs."""

import json
import math
import re
from types import SimpleNamespace

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the trainer's tests need torch (the 'train' extra)")

from trainer.augment import gaussian_blur, laplacian_sharpness as sharpness, texture_jitter, train_transform  # noqa: E402
from trainer.data import Dataset  # noqa: E402
from trainer.recipe import LEVERS_COMMIT, Recipe, RemovedLeverError, recipe_of, refuse_removed_levers  # noqa: E402


def test_command_line_defaults_are_the_shipped_recipe():
    """``cxr-train --seed 0 --output runs/x`` trains the README's model: augmentation strength 1, the
    aspect stretch exp(±0.175), outlier exposure, 20 epochs at 224 px."""
    from trainer.cli import get_args_parser

    recipe = Recipe.from_args(get_args_parser().parse_args(["train", "--seed", "0", "--output", "runs/x"]))
    assert recipe == Recipe()
    assert (recipe.augment, recipe.aspect_augment, recipe.outlier_exposure, recipe.epochs, recipe.input_size) == \
        (1.0, 0.175, True, 20, 224)
    changed = Recipe.from_args(get_args_parser().parse_args(["train", "--holdout-source", "nih14", "--augment", "1.75"]))
    assert changed.holdout_source == ["nih14"] and changed.augment == 1.75 and changed.aspect_augment == 0.175


# The command line an old checkpoint recorded for the shipped recipe (``ckpt["args"]``, before the recipe).
OLD_ARGS = {"arch": "mobilenet_v3_small", "input_size": 224, "normalization": "per_image", "border_mask": 0.0,
            "imagenet_weights": None, "epochs": 20, "batch_size": 64, "lr": 3e-3, "weight_decay": 0.05,
            "dropout": 0.2, "label_smoothing": 0.05, "severity_weight": 4.0, "augment": 1.0, "source_weight": None,
            "texture_augment": True, "sharpness_match": False, "field_augment": 0.0, "aspect_augment": 0.175,
            "marker_augment": 0.0, "mixup": 0.0, "sampling": "class_sqrt_source", "outlier_exposure": True,
            "gate_weight": 0.5, "patience": 0, "ood_percentile": 99.5, "target_sensitivity": None,
            "holdout_source": None, "seed": 0, "resume": None, "no_plots": False, "progress": False,
            "output": "runs/aug1tex-224", "data": "d", "source": None, "cache_dir": "c", "workers": 2,
            "threads": 2, "limit": 0, "command": "train"}


def test_old_checkpoints_read_as_recipes():
    assert recipe_of({"args": OLD_ARGS}) == Recipe()
    # --aspect-augment was a share of --augment: 0.1 at strength 1.75 is the stretch exp(±0.175).
    old = recipe_of({"args": {**OLD_ARGS, "augment": 1.75, "aspect_augment": 0.1}})
    assert old.augment == 1.75 and old.aspect_augment == pytest.approx(0.175)
    # A flag the run predates means what the trainer did before it, not today's default.
    before = recipe_of({"args": {k: v for k, v in OLD_ARGS.items() if k not in ("aspect_augment", "outlier_exposure")}})
    assert before.aspect_augment == 0.0 and before.outlier_exposure is False
    assert recipe_of({"recipe": Recipe(seed=3).to_dict()}) == Recipe(seed=3)
    recorded_before_real_negatives = {k: v for k, v in Recipe(real_negatives=True).to_dict().items()
                                      if k != "real_negatives"}
    assert recipe_of({"recipe": recorded_before_real_negatives}).real_negatives is False
    assert recipe_of({}) is None  # e.g. the tests' random-weight model


@pytest.mark.parametrize("where, change, flag", [
    ("args", {"mixup": 0.2}, "--mixup 0.2"), ("args", {"sharpness_match": True}, "--sharpness-match"),
    ("args", {"marker_augment": 0.5}, "--marker-augment 0.5"), ("args", {"field_augment": 0.1}, "--field-augment 0.1"),
    ("args", {"sampling": "class"}, "--sampling class"),
    ("args", {"source_weight": ["nih14:pneumonia=0.25"]}, "--source-weight nih14:pneumonia=0.25"),
    ("args", {"texture_augment": False}, "--no-texture-augment"),
    ("config", {"border_mask": 0.08}, "--border-mask 0.08"), ("config", {"normalization": "equalize"},
                                                              "--normalization equalize")])
def test_checkpoints_of_removed_levers_are_refused_with_the_commit(where, change, flag):
    ckpt = {"args": dict(OLD_ARGS), "config": {"normalization": "per_image", "border_mask": 0.0}}
    refuse_removed_levers(ckpt, "old.pt")  # the levers at their "off" values: readable
    ckpt[where].update(change)
    with pytest.raises(RemovedLeverError, match=f"old.pt was trained with {flag}") as refused:
        refuse_removed_levers(ckpt, "old.pt")
    assert LEVERS_COMMIT in str(refused.value)


def test_runs_from_before_texture_jitter_used_the_box_blur():
    with pytest.raises(RemovedLeverError, match="box blur"):
        refuse_removed_levers({"args": {k: v for k, v in OLD_ARGS.items() if k != "texture_augment"}}, "older.pt")


def test_evaluate_and_export_refuse_a_removed_lever_and_read_the_rest(tmp_path, tiny_checkpoint):
    from export import ExportError, export_checkpoint
    from trainer.checkpoint import load_checkpoint
    from trainer.cli import main

    ckpt = torch.load(tiny_checkpoint, weights_only=False)
    torch.save({**ckpt, "args": OLD_ARGS, "config": {**ckpt["config"], "normalization": "per_image",
                                                       "border_mask": 0.0}}, tmp_path / "old.pt")
    _, old = load_checkpoint(tmp_path / "old.pt")
    assert recipe_of(old) == Recipe()
    torch.save({**ckpt, "args": {**OLD_ARGS, "mixup": 0.2}}, tmp_path / "mixup.pt")
    with pytest.raises(SystemExit, match=f"--mixup 0.2.*{LEVERS_COMMIT}"):
        main(["evaluate", str(tmp_path / "mixup.pt"), "--output", str(tmp_path / "x")])
    with pytest.raises(ExportError, match=f"--mixup 0.2.*{LEVERS_COMMIT}"):
        export_checkpoint(tmp_path / "mixup.pt", tmp_path / "x.onnx")


def fake_data(groups: dict) -> SimpleNamespace:
    """Just what ``Dataset.sampling_weights`` reads: labels and rows with a source."""
    labels, rows = [], []
    for (label, source), n in groups.items():
        labels += [label] * n
        rows += [SimpleNamespace(source=source)] * n
    return SimpleNamespace(labels=np.array(labels), rows=rows)


def test_sampling_balances_classes_and_weighs_sources_by_their_square_root():
    groups = {(0, "kermany2018"): 400, (0, "nih14"): 100, (1, "kermany2018"): 900, (1, "nih14"): 25, (2, "covid"): 60}
    data = fake_data(groups)
    w = Dataset.sampling_weights(data, np.arange(len(data.labels))).numpy()
    for label in (0, 1, 2):  # every class the same total weight
        assert math.isclose(w[data.labels == label].sum(), w.sum() / 3, rel_tol=1e-9)
    sources = np.array([r.source for r in data.rows])
    for label in (0, 1):  # within a class: source mass in proportion to sqrt(size)
        mass = {s: w[(data.labels == label) & (sources == s)].sum() for s in ("kermany2018", "nih14")}
        sizes = {s: groups[(label, s)] for s in mass}
        assert math.isclose(mass["kermany2018"] / mass["nih14"], (sizes["kermany2018"] / sizes["nih14"]) ** 0.5,
                            rel_tol=1e-9)


def test_gaussian_blur_per_film():
    x = torch.rand(3, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    y = gaussian_blur(x, torch.tensor([1e-4, 0.8, 2.0]))
    torch.testing.assert_close(y[0], x[0], atol=1e-5, rtol=0)
    s = sharpness(y)
    assert sharpness(x)[0] > s[1] > s[2]
    torch.testing.assert_close(y.mean(dim=(1, 2, 3)), x.mean(dim=(1, 2, 3)), atol=0.02, rtol=0)


def test_texture_jitter_blurs_sharpens_and_keeps_films():
    x = torch.rand(400, 1, 24, 24, generator=torch.Generator().manual_seed(0)) * 0.5 + 0.25
    y = texture_jitter(x, torch.Generator().manual_seed(1), 1.0)
    before, after = sharpness(x), sharpness(y)
    kept = torch.isclose(before, after)
    softer, sharper = after < before * 0.99, after > before * 1.01
    assert kept.sum() > 40 and softer.sum() > 150 and sharper.sum() > 40
    out = train_transform((x[:8, 0] * 255).to(torch.uint8), torch.Generator().manual_seed(2), 1.0, 0.175)
    assert out.shape == (8, 1, 24, 24) and out.min() >= 0 and out.max() <= 1


def fake_split_data() -> SimpleNamespace:
    """Just what ``Dataset.hold_out`` reads and changes: rows with a source, labels and split indices."""
    sources = ["kermany2018"] * 6 + ["nih14"] * 4 + ["cohen2020"] * 4
    labels = [0, 1, 0, 1, 0, 1] + [0, 1, 0, 1] + [2, 2, 1, 2]
    split = {"train": np.array([0, 1, 6, 7, 10, 11]), "val": np.array([2, 3, 8, 12]), "test": np.array([4, 5, 9, 13])}
    return SimpleNamespace(rows=[SimpleNamespace(source=s) for s in sources], labels=np.array(labels), split=split)


def test_hold_out_removes_a_source_from_training_and_validation_only():
    data = fake_split_data()
    test_before = data.split["test"].copy()
    held = Dataset.hold_out(data, ["nih14"])
    assert held.tolist() == [6, 7, 8, 9]  # every nih14 film, whatever its split
    assert data.split["train"].tolist() == [0, 1, 10, 11] and data.split["val"].tolist() == [2, 3, 12]
    assert np.array_equal(data.split["test"], test_before)  # the test split stays comparable with other runs
    assert Dataset.hold_out(data, None).size == 0


def test_hold_out_refuses_unknown_sources_and_emptied_classes():
    with pytest.raises(SystemExit, match="no films of nih41"):
        Dataset.hold_out(fake_split_data(), ["nih41"])
    with pytest.raises(SystemExit, match="leaves a class without training films"):
        Dataset.hold_out(fake_split_data(), ["cohen2020"])  # the only COVID-19 source


@pytest.mark.slow
def test_leave_one_source_out_run_scores_the_unseen_source(tmp_path, shared_data):
    """Three tiny trainings and an evaluation (slow): a run without nih14 (no nih14 film in training or
    validation, all of them scored afterwards, the same figures again from ``cxr-train evaluate``, the model
    card's table shows them), and two references for the card, one with every source, one of another recipe."""
    from pathlib import Path

    from trainer.checkpoint import load_checkpoint
    from trainer.cli import get_args_parser, main as cli_main
    from trainer.model_card import write_model_card
    from trainer.data import limit_rows
    from trainer.sources import load_sources
    from trainer.train import main as train_main

    data_dir = shared_data / "cxr"
    common = ["--data", str(data_dir), "--limit", "2", "--threads", "2", "--workers", "1",
              "--cache-dir", str(tmp_path / "cache")]
    args = get_args_parser().parse_args(["train", *common, "--input-size", "64", "--batch-size", "8", "--epochs", "1",
                                         "--output", str(tmp_path / "loso"), "--holdout-source", "nih14",
                                         "--no-progress", "--no-plots"])
    metrics = train_main(args)
    rows = limit_rows(load_sources(None, str(data_dir)), 2)
    nih = [r for r in rows if r.source == "nih14"]
    held = metrics["held_out"]
    assert held["sources"] == ["nih14"] and held["n"] == len(nih) > 0
    assert sum(c["support"] for c in held["per_class"].values()) == len(nih)
    assert "nih14" in metrics["per_source"]  # its test films stay in the test split
    _, ckpt = load_checkpoint(tmp_path / "loso" / "model.pt")
    assert ckpt["recipe"]["holdout_source"] == ["nih14"]

    cli_main(["evaluate", str(tmp_path / "loso" / "model.pt"), *common, "--output", str(tmp_path / "again"),
              "--no-plots"])
    again = json.loads((tmp_path / "again" / "metrics.json").read_text())
    assert again["held_out"]["confusion_matrix"] == held["confusion_matrix"]

    # The card pairs the run with the reference of the same recipe (trained on every source), not another.
    for name, extra in (("with-all", []), ("other-recipe", ["--augment", "0.5"])):
        train_main(get_args_parser().parse_args(
            ["train", *common, "--input-size", "64", "--batch-size", "8", "--epochs", "1", "--output",
             str(tmp_path / name), "--no-progress", "--no-plots", *extra]))
    template = (Path(__file__).resolve().parents[1] / "trainer" / "model_card_template.md").read_text()
    card = write_model_card(tmp_path / "loso", tmp_path / "card", template, n_boot=20, loso=[tmp_path / "loso"],
                            loso_references=[tmp_path / "other-recipe", tmp_path / "with-all"]).read_text()
    assert f"| nih14 (`loso`; `with-all`) | {len(nih)} |" in card and "| nothing (`with-all`) |" in card
    with_all = json.loads((tmp_path / "with-all" / "metrics.json").read_text())["per_source"]["nih14"]
    assert f"{100 * with_all['accuracy']:.1f} % → {100 * metrics['per_source']['nih14']['accuracy']:.1f} %" in card


def test_aspect_augment_stretches_width_against_height():
    """A centred white disc becomes an ellipse: with ``aspect`` the affine scales x and y apart."""
    y, x = torch.meshgrid(torch.arange(96.0), torch.arange(96.0), indexing="ij")
    disc = (((x - 47.5) ** 2 + (y - 47.5) ** 2) < 20 ** 2).to(torch.uint8) * 255
    films = disc.expand(16, 96, 96).clone()

    def extents(out):
        mask = out[:, 0] > 0.5
        return mask.any(1).sum(1).float(), mask.any(2).sum(1).float()  # width, height per film

    w, h = extents(train_transform(films, torch.Generator().manual_seed(0), 1.0, aspect=0.3))
    assert (w / h).max() > 1.1 and (w / h).min() < 0.9
    w0, h0 = extents(train_transform(films, torch.Generator().manual_seed(0), 1.0, aspect=0.0))
    assert torch.allclose(w0, h0, atol=2)
    # The range is absolute: without any other augmentation the stretch is the same exp(±0.3).
    w, h = extents(train_transform(films, torch.Generator().manual_seed(0), 0.0, aspect=0.3))
    assert (w / h).max() > 1.1 and (w / h).min() < 0.9 and ((w / h) < math.exp(0.6) * 1.1).all()


def test_bench_epoch_times_the_shipped_recipe(tmp_path, shared_data, capsys):
    from trainer.cli import main

    main(["bench-epoch", "--data", str(shared_data / "cxr"), "--limit", "2", "--input-size", "64", "--batch-size",
          "8", "--workers", "1", "--threads", "2", "--cache-dir", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert f"augment {Recipe().augment} + aspect {Recipe().aspect_augment} + texture jitter" in out
    films = int(re.search(r"one epoch over (\d+) training films at 64px \+ outlier exposure", out).group(1))
    assert 0 < films < 100  # --limit is honoured: a few dozen films, not the corpus
