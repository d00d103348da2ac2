"""The training levers measured for the shipped model: sampling schemes, mixup, texture jitter and the
in-graph border mask (which must survive the export)."""

import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from trainer.augment import gaussian_blur, laplacian_sharpness as sharpness, texture_jitter, train_transform
from trainer.losses import multitask_loss
from trainer.model import CXRTriageNet, ModelConfig
from trainer.train import SAMPLING_SCHEMES, Dataset, mixup

NAN = float("nan")


def export_variant(tiny_checkpoint, tmp_path, **change):
    """The tiny test checkpoint with its config changed (same weights), exported: (model, ckpt, report)."""
    from export import export_checkpoint
    from trainer.checkpoint import load_checkpoint, save_checkpoint

    model, ckpt = load_checkpoint(tiny_checkpoint)
    changed = CXRTriageNet(ModelConfig.from_dict({**model.config.to_dict(), **change})).eval()
    changed.load_state_dict(model.state_dict())
    fields = {k: v for k, v in ckpt.items() if k not in ("format", "config", "model_state")}
    save_checkpoint(tmp_path / "changed.pt", changed, **fields)
    return changed, ckpt, export_checkpoint(tmp_path / "changed.pt", tmp_path / "changed.onnx", model_version="test-lever")




def fake_data(groups: dict) -> SimpleNamespace:
    """Just what ``Dataset.sampling_weights`` reads: labels and rows with a source."""
    labels, rows = [], []
    for (label, source), n in groups.items():
        labels += [label] * n
        rows += [SimpleNamespace(source=source)] * n
    return SimpleNamespace(labels=np.array(labels), rows=rows)


@pytest.mark.parametrize("scheme", sorted(SAMPLING_SCHEMES))
def test_sampling_schemes_balance_classes_and_weigh_sources(scheme):
    groups = {(0, "kermany2018"): 400, (0, "nih14"): 100, (1, "kermany2018"): 900, (1, "nih14"): 25, (2, "covid"): 60}
    data = fake_data(groups)
    idx = np.arange(len(data.labels))
    w = Dataset.sampling_weights(data, idx, scheme).numpy()
    for label in (0, 1, 2):  # every class the same total weight
        assert math.isclose(w[data.labels == label].sum(), w.sum() / 3, rel_tol=1e-9)
    sources = np.array([r.source for r in data.rows])
    power = SAMPLING_SCHEMES[scheme]
    for label in (0, 1):  # within a class: source mass in proportion to size**power
        mass = {s: w[(data.labels == label) & (sources == s)].sum() for s in ("kermany2018", "nih14")}
        sizes = {s: groups[(label, s)] for s in mass}
        assert math.isclose(mass["kermany2018"] / mass["nih14"],
                            (sizes["kermany2018"] / sizes["nih14"]) ** power, rel_tol=1e-9)


def test_mixup_blends_films_and_targets():
    x = torch.rand(6, 1, 8, 8)
    mixed, (partner, lam) = mixup(x, 0.4, torch.Generator().manual_seed(1))
    assert 0.5 <= lam <= 1 and sorted(partner.tolist()) == list(range(6))
    torch.testing.assert_close(mixed, lam * x + (1 - lam) * x[partner])
    again, (partner2, lam2) = mixup(x, 0.4, torch.Generator().manual_seed(1))
    assert lam2 == lam and torch.equal(partner2, partner)  # seeded runs stay reproducible

    logits = torch.randn(4, 3)
    labels = torch.tensor([0, 1, 2, 2])
    severity = torch.tensor([NAN, NAN, 0.6, 0.2])
    partner = torch.tensor([1, 0, 3, 2])
    plain, _ = multitask_loss(logits, torch.full((4,), 0.3), labels, severity)
    same, _ = multitask_loss(logits, torch.full((4,), 0.3), labels, severity, mix=(partner, 1.0))
    assert torch.isclose(plain, same)
    _, parts = multitask_loss(logits, torch.full((4,), 0.3), labels, severity, mix=(partner, 0.7))
    ce = torch.nn.functional.cross_entropy
    assert math.isclose(parts["ce"], float(0.7 * ce(logits, labels) + 0.3 * ce(logits, labels[partner])), rel_tol=1e-6)
    # Films 0 and 1 (normal + unscored pneumonia) have no joint severity; films 2 and 3 blend theirs:
    # target 0.7 * 0.6 + 0.3 * 0.2 = 0.48 for film 2, so a prediction there lowers the loss.
    pred = torch.tensor([0.9, 0.9, 0.48, 0.7 * 0.2 + 0.3 * 0.6])
    _, parts = multitask_loss(logits, pred, labels, severity, mix=(partner, 0.7))
    assert parts["severity"] < 1e-6


def test_gaussian_blur_per_film():
    x = torch.rand(3, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    y = gaussian_blur(x, torch.tensor([1e-4, 0.8, 2.0]))
    torch.testing.assert_close(y[0], x[0], atol=1e-5, rtol=0)
    s = sharpness(y)
    assert sharpness(x)[0] > s[1] > s[2]
    torch.testing.assert_close(y.mean(dim=(1, 2, 3)), x.mean(dim=(1, 2, 3)), atol=0.02, rtol=0)


def test_texture_jitter_blurs_sharpens_and_keeps_films():
    x = torch.rand(400, 1, 24, 24, generator=torch.Generator().manual_seed(0)) * 0.5 + 0.25
    y = texture_jitter(x, torch.Generator().manual_seed(1))
    before, after = sharpness(x), sharpness(y)
    kept = torch.isclose(before, after)
    softer, sharper = after < before * 0.99, after > before * 1.01
    assert kept.sum() > 40 and softer.sum() > 150 and sharper.sum() > 40
    out = train_transform((x[:8, 0] * 255).to(torch.uint8), torch.Generator().manual_seed(2), texture=True)
    assert out.shape == (8, 1, 24, 24) and out.min() >= 0 and out.max() <= 1


def test_border_mask_hides_the_edge_of_the_film():
    torch.manual_seed(0)
    model = CXRTriageNet(ModelConfig(input_size=64, border_mask=0.1)).eval()
    x = torch.rand(2, 1, 64, 64)
    y = x.clone()
    y[..., :6, :] = 1.0      # burned-in text along the top edge (ring = 0.1 * 64 = 6 pixels)
    y[..., :, -6:] = 0.0     # a dark collimation edge on the right
    with torch.no_grad():
        a, b = model.normalize(x), model.normalize(y)
        assert (a[..., :6, :] == 0).all() and (b[..., :, -6:] == 0).all()
        assert not (a[..., 6:-6, 6:-6] == 0).any()
    # The mask is a constant rebuilt from the config, not a weight: checkpoints of either kind load.
    assert "border_keep" not in model.state_dict()
    CXRTriageNet(ModelConfig(input_size=64)).load_state_dict(model.state_dict())


def test_border_mask_survives_export(tmp_path, tiny_checkpoint):
    """A border-masked checkpoint exports with the mask in the graph: ONNX equals PyTorch, and pixels
    on the ring do not change the call beyond what the per-image standardisation sees."""
    ort = pytest.importorskip("onnxruntime")
    from export import export_checkpoint

    masked, ckpt, report = export_variant(tiny_checkpoint, tmp_path, border_mask=0.125)

    rng = np.random.default_rng(0)
    x = rng.random((3, 1, 64, 64), dtype=np.float32) * 0.6 + 0.2
    session = ort.InferenceSession(str(report.path), providers=["CPUExecutionProvider"])
    got = session.run(["probabilities"], {"image": x})[0]
    with torch.no_grad():
        want = torch.softmax(masked(torch.from_numpy(x))[0] / ckpt["temperature"], 1).numpy()
    np.testing.assert_allclose(got, want, atol=1e-4)
    # Swap the top and bottom 8-pixel rings: the film's mean and spread stay the same, so the call must too.
    swapped = x.copy()
    swapped[..., :8, :], swapped[..., -8:, :] = x[..., -8:, :], x[..., :8, :]
    np.testing.assert_allclose(session.run(["probabilities"], {"image": swapped})[0], got, atol=1e-5)
    plain = ort.InferenceSession(str(export_checkpoint(tiny_checkpoint, tmp_path / "plain.onnx").path),
                                 providers=["CPUExecutionProvider"])
    assert not np.allclose(plain.run(["probabilities"], {"image": swapped})[0],
                           plain.run(["probabilities"], {"image": x})[0], atol=1e-5)


def test_source_weights_scale_a_source_within_its_class():
    from trainer.train import parse_source_weights

    weights = parse_source_weights(["nih14:pneumonia=0.25", "cohen2020=2"])
    assert weights == {("nih14", "pneumonia"): 0.25, ("cohen2020", None): 2.0}
    for bad in (["nih14"], ["nih14:flu=1"], ["=1"], ["nih14=-1"]):
        with pytest.raises(ValueError, match="SOURCE"):
            parse_source_weights(bad)
    data = fake_data({(0, "nih14"): 100, (1, "kermany2018"): 100, (1, "nih14"): 100})
    w = Dataset.sampling_weights(data, np.arange(300), "class", weights).numpy()
    assert math.isclose(w[:100].sum(), w.sum() / 2)                  # normal: nih14 alone, unscaled
    assert math.isclose(w[200:].sum() / w[100:200].sum(), 0.25)      # pneumonia: nih14 at a quarter


def test_marker_stamps_burn_text_into_some_films():
    from trainer.augment import marker_bank, stamp_markers

    bank = marker_bank(96)
    assert len(bank) > 20 and all(0 < m.shape[0] < 96 and 0 < m.shape[1] < 48 and m.max() > 0.5 for m in bank)
    x = torch.full((40, 1, 96, 96), 0.2)
    y = stamp_markers(x, torch.Generator().manual_seed(0), probability=0.5)
    changed = (y != x).flatten(1).any(1)
    assert 8 < changed.sum() < 32                      # about half the films
    assert (y >= x).all() and y.max() > 0.7            # white marks added, nothing darkened
    # Mostly near the edges: the outer 15 % ring holds most of the stamped pixels.
    ring = torch.ones(96, 96, dtype=torch.bool)
    ring[15:-15, 15:-15] = False
    stamped = (y != x)[:, 0]
    assert stamped[:, ring].sum() > stamped[:, ~ring].sum()
    out = train_transform((x[:, 0] * 255).to(torch.uint8), torch.Generator().manual_seed(1), markers=0.5)
    assert out.shape == (40, 1, 96, 96) and out.min() >= 0 and out.max() <= 1


def test_histogram_equalisation_undoes_tone_curves():
    from trainer.model import equalize_histogram

    # A smooth "film": a gradient with a bright blob, then the same film through two tone curves.
    yy, xx = torch.meshgrid(torch.linspace(0, 1, 96), torch.linspace(0, 1, 96), indexing="ij")
    film = (0.2 + 0.5 * xx + 0.3 * torch.exp(-((xx - 0.6) ** 2 + (yy - 0.4) ** 2) / 0.02)).clamp(0, 1)[None, None]
    a, b, c = equalize_histogram(film), equalize_histogram(film ** 2.0), equalize_histogram(0.5 * film + 0.2)
    for y in (a, b, c):
        assert 0 <= y.min() and y.max() <= 1
        assert abs(float(y.mean()) - 0.5) < 0.05 and abs(float(y.std()) - 12 ** -0.5) < 0.05  # about uniform
    assert (a - b).abs().mean() < 0.03 and (a - c).abs().mean() < 0.03
    assert (film - film ** 2.0).abs().mean() > 0.1  # the curves did change the film


def test_equalising_model_exports_with_parity(tmp_path, tiny_checkpoint):
    """The equalisation (comparisons, gather) is part of the ONNX graph, and matches PyTorch there."""
    ort = pytest.importorskip("onnxruntime")
    changed, ckpt, report = export_variant(tiny_checkpoint, tmp_path, normalization="equalize")
    x = np.random.default_rng(0).random((3, 1, 64, 64), dtype=np.float32) * 0.6 + 0.2
    got = ort.InferenceSession(str(report.path), providers=["CPUExecutionProvider"]).run(["probabilities"], {"image": x})[0]
    with torch.no_grad():
        want = torch.softmax(changed(torch.from_numpy(x))[0] / ckpt["temperature"], 1).numpy()
    np.testing.assert_allclose(got, want, atol=1e-4)


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


def test_leave_one_source_out_run_scores_the_unseen_source(tmp_path):
    """A tiny run without nih14: no nih14 film in training or validation, all of them scored afterwards,
    the same figures again from ``cxr-train evaluate``, and the model card's table shows them."""
    from trainer.checkpoint import load_checkpoint
    from trainer.cli import get_args_parser, main as cli_main
    from trainer.model_card import write_model_card
    from trainer.sources import load_sources
    from trainer.train import _limit_rows, main as train_main
    from pathlib import Path

    data_dir = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cxr"
    common = ["--data", str(data_dir), "--limit", "2", "--threads", "2", "--workers", "1",
              "--cache-dir", str(tmp_path / "cache")]
    args = get_args_parser().parse_args(["train", *common, "--input-size", "64", "--batch-size", "8", "--epochs", "1",
                                         "--output", str(tmp_path / "loso"), "--holdout-source", "nih14",
                                         "--no-progress", "--no-plots"])
    metrics = train_main(args)
    rows = _limit_rows(load_sources(None, str(data_dir)), 2)
    nih = [r for r in rows if r.source == "nih14"]
    held = metrics["held_out"]
    assert held["sources"] == ["nih14"] and held["n"] == len(nih) > 0
    assert sum(c["support"] for c in held["per_class"].values()) == len(nih)
    assert "nih14" in metrics["per_source"]  # its test films stay in the test split
    _, ckpt = load_checkpoint(tmp_path / "loso" / "model.pt")
    assert ckpt["args"]["holdout_source"] == ["nih14"]

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


def test_sharpness_match_makes_sharpness_independent_of_the_class():
    """Sharp and soft films (two 'classes' told apart by sharpness alone) get sharpness drawn from one
    range; generated non-films appended after ``n_films`` stay untouched."""
    from trainer.augment import sharpness_match
    from trainer.metrics import roc_auc

    g = torch.Generator().manual_seed(0)
    # Smooth random "films" at 128 px; the soft class ~1.4x less sharp, as Kermany's normal vs pneumonia.
    base = gaussian_blur(torch.rand(64, 1, 128, 128, generator=g), torch.full((64,), 2.0))
    soft = gaussian_blur(base[32:], torch.full((32,), 1.0))
    films = torch.cat([base[:32], soft])
    label = np.array([0] * 32 + [1] * 32)
    before = sharpness(films).numpy()
    assert roc_auc(label == 1, -before) == 1.0  # sharpness tells the classes apart perfectly
    assert 1.2 < before[:32].mean() / before[32:].mean() < 2.0
    negatives = torch.rand(8, 1, 128, 128, generator=g)
    out = sharpness_match(torch.cat([films, negatives]), torch.Generator().manual_seed(1), n_films=64)
    after = sharpness(out[:64]).numpy()
    assert 0.3 < roc_auc(label == 1, -after) < 0.7
    lo, hi = np.quantile(before, [0.1, 0.9])
    assert np.mean((after > 0.8 * lo) & (after < 1.2 * hi)) > 0.9  # inside the batch's own range
    assert torch.equal(out[64:], negatives)


def test_intensity_field_is_smooth_bounded_and_differs_by_film():
    """The field added to each film is low-frequency (neighbouring pixels move together), never larger
    than the amplitude, and drawn anew for every film."""
    from trainer.augment import intensity_field

    films = torch.full((6, 1, 64, 64), 0.5)
    out = intensity_field(films, torch.Generator().manual_seed(0), amplitude=0.2)
    field = out - films
    assert field.abs().max() <= 0.2 * 1.3  # bicubic overshoot between lattice points stays small
    assert field.abs().amax(dim=(1, 2, 3)).min() > 0.0
    step = (field[..., 1:, :] - field[..., :-1, :]).abs().max()
    assert step < 0.2 * 4 / 63 * 2  # at most ~2 lattice gaps' worth of change per pixel: smooth
    assert not torch.allclose(field[0], field[1])
    assert torch.equal(intensity_field(films, torch.Generator().manual_seed(0), 0.0), films)


def test_field_and_aspect_leave_the_default_recipe_unchanged():
    """Both levers are off by default and, off, draw nothing from the generator: runs trained before
    they existed reproduce exactly."""
    films = torch.randint(0, 256, (4, 64, 64), dtype=torch.uint8, generator=torch.Generator().manual_seed(3))
    plain = train_transform(films, torch.Generator().manual_seed(7), 1.75, texture=True)
    off = train_transform(films, torch.Generator().manual_seed(7), 1.75, texture=True, field=0.0, aspect=0.0)
    assert torch.equal(plain, off)
    on = train_transform(films, torch.Generator().manual_seed(7), 1.75, texture=True, field=0.1)
    assert not torch.equal(plain, on)


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
    w0, h0 = extents(train_transform(films, torch.Generator().manual_seed(0), 1.0))
    assert torch.allclose(w0, h0, atol=2)
