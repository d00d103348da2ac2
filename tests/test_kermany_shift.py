"""``cxr-train kermany-shift``: the diagnostic behind the model card's section on the Kermany test shift."""

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the trainer's tests need torch (the 'train' extra)")

from trainer import CLASSES  # noqa: E402
from trainer.shift import (format_report, kermany_shift_report, mean_abs_laplacian,  # noqa: E402
                           read_original_aspects, read_provenance, split_separability, thumbnails)


def test_mean_abs_laplacian_by_hand():
    flat = np.full((1, 8, 8), 200, np.uint8)
    board = ((np.indices((8, 8)).sum(0) % 2) * 255).astype(np.uint8)[None]
    assert mean_abs_laplacian(flat)[0] < 1e-6
    assert np.isclose(mean_abs_laplacian(board)[0], 4.0)  # every inner pixel: |4 * 1 - 0| or |0 - 4 * 1|
    noise = np.random.default_rng(0).integers(0, 256, (1, 32, 32)).astype(np.float32)
    blurred = (noise[:, :-1, :-1] + noise[:, 1:, :-1] + noise[:, :-1, 1:] + noise[:, 1:, 1:]) / 4
    assert mean_abs_laplacian(blurred.astype(np.uint8))[0] < 0.6 * mean_abs_laplacian(noise.astype(np.uint8))[0]


def test_report_groups_kermany_films_by_split_provenance_and_class(tmp_path, shared_data, tiny_checkpoint):
    from trainer.checkpoint import load_checkpoint
    from trainer.data import Dataset, limit_rows
    from trainer.inference import run_model
    from trainer.sources import load_sources

    model, _ = load_checkpoint(tiny_checkpoint)
    rows = limit_rows(load_sources(None, str(shared_data / "cxr")), 4)
    data = Dataset(rows, model.config.input_size, tmp_path / "cache", workers=1)
    provenance = read_provenance(shared_data / "cxr" / "provenance-kermany.csv")
    assert set(provenance.values()) == {"original", "squashed_224x224"}
    aspects = read_original_aspects(shared_data / "cxr" / "provenance-kermany.csv")
    report = kermany_shift_report(model, data, provenance, min_films=2, aspects=aspects)

    for split in ("val", "test"):
        idx = np.array([i for i in data.split[split] if rows[i].source == "kermany2018"])
        entries = [r for r in report["recall"] if r["split"] == split]
        assert sum(r["n"] for r in entries) == len(idx) > 0
        pred = run_model(model, data.pixels, idx)["logits"].argmax(1).numpy()
        for label in set(data.labels[idx]):
            m = data.labels[idx] == label
            right = (pred[m] == 0) if label == 0 else (pred[m] != 0)
            mine = [r for r in entries if r["label"] == CLASSES[label]]
            assert np.isclose(sum(r["recall"] * r["n"] for r in mine) / sum(r["n"] for r in mine), right.mean())
        for kind in {r["provenance"] for r in entries}:
            n_kind = sum(provenance.get(rows[i].path, "unknown") == kind for i in idx)
            assert sum(r["n"] for r in entries if r["provenance"] == kind) == n_kind
    sharp = {(r["split"], r["label"]): r["mean_abs_laplacian"] for r in report["sharpness"]}
    assert ("test", "normal") in sharp and all(0 < v < 4 for v in sharp.values())
    for split, auc in report["softness_auc_pneumonia_vs_normal"].items():
        idx = np.array([i for i in data.split[split] if rows[i].source == "kermany2018"])
        soft = -mean_abs_laplacian(np.asarray(data.pixels[idx]))
        sick = data.labels[idx] != 0
        # AUC by its definition: P(a sick film is softer than a normal one), ties counted half.
        pairs = soft[sick][:, None] - soft[~sick][None, :]
        assert np.isclose(auc, np.mean(pairs > 0) + 0.5 * np.mean(pairs == 0))
    assert {(e["split"], e["label"]) for e in report["separability"]} >= {("test", "normal"), ("val", "normal")}
    for entry in report["separability"]:
        assert entry["n"] >= 2 and 0 <= entry["auc_vs_train"] <= 1
    assert report["original_aspect"]
    for entry in report["original_aspect"]:
        idx = [i for i in data.split[entry["split"]] if rows[i].source == "kermany2018" and rows[i].path in aspects
               and CLASSES[data.labels[i]] == entry["label"]]
        assert entry["n"] == len(idx) > 0
        assert np.isclose(entry["median"], np.median([aspects[rows[i].path] for i in idx]))
    assert "provenance" in format_report(report) and json.loads(json.dumps(report)) == report


def test_original_aspects_read_originals_only(tmp_path):
    csv_path = tmp_path / "provenance-kermany.csv"
    csv_path.write_text("path,source_width,source_height,source_kind\n"
                        "a.jpg,1500,1000,original\nb.jpg,224,224,squashed_224x224\n")
    assert read_original_aspects(csv_path) == {"a.jpg": 1.5}
    assert read_original_aspects(tmp_path / "absent.csv") == {}


def test_thumbnails_average_blocks():
    films = np.zeros((1, 32, 32), np.uint8)
    films[0, :16, :16] = 255
    t = thumbnails(films, side=2)
    assert torch.allclose(t, torch.tensor([[1.0, 0.0, 0.0, 0.0]]))


def test_split_separability_is_chance_for_one_population_and_high_for_two():
    g = torch.Generator().manual_seed(0)
    alike = [split_separability(torch.randn(300, 64, generator=g), torch.randn(150, 64, generator=g), seed=s)
             for s in range(3)]
    assert abs(np.mean(alike) - 0.5) < 0.06
    shifted = torch.randn(150, 64, generator=g)
    shifted[:, :8] += 0.8
    assert split_separability(torch.randn(300, 64, generator=g), shifted) > 0.85


def test_kermany_shift_command_writes_its_report(tmp_path, shared_data, tiny_checkpoint, capsys):
    from trainer.cli import main

    out = tmp_path / "shift.json"
    main(["kermany-shift", str(tiny_checkpoint), "--data", str(shared_data / "cxr"), "--limit", "3",
          "--cache-dir", str(tmp_path / "cache"), "--workers", "1", "--output", str(out)])
    report = json.loads(out.read_text())
    assert {r["split"] for r in report["recall"]} == {"val", "test"}
    assert "AUC of softness alone" in capsys.readouterr().out


def test_model_card_shows_the_shift_report_of_its_run(tmp_path):
    from trainer.model_card import shift_tables

    assert "cxr-train kermany-shift" in shift_tables(tmp_path)  # not measured: says how to
    report = {"input_size": 224, "recall": [{"split": "test", "provenance": "original", "label": "normal", "n": 11,
                                             "recall": 0.455}],
              "sharpness": [{"split": "train", "label": "normal", "n": 370, "mean_abs_laplacian": 0.03}],
              "softness_auc_pneumonia_vs_normal": {"train": 0.862, "test": None},
              "separability": [{"split": "test", "label": "normal", "n": 234, "n_train": 1210, "auc_vs_train": 0.884}],
              "original_aspect": [{"split": "train", "label": "pneumonia", "n": 1233, "median": 1.5, "p10": 1.24,
                                   "p90": 1.8}]}
    (tmp_path / "kermany_shift.json").write_text(json.dumps(report))
    table = shift_tables(tmp_path)
    assert "| test | original | normal | 11 | 45.5 % |" in table and "| train | normal | 370 | 0.0300 |" in table
    assert "train 0.862." in table and "| test | normal | 234 (1210) | 0.884 |" in table
    assert "| train | pneumonia | 1233 | 1.50 | 1.24–1.80 |" in table
