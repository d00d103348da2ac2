"""``cxr-train kermany-shift CHECKPOINT``: where Kermany's official test normals differ.

Every model of this project gets most healthy children of the validation split (drawn from Kermany's
*training* patients) right and calls many healthy children of Kermany's official *test* split
pneumonia. This report measures the two explanations the data offers:

- file provenance: most Kermany films reached the corpus as 224 x 224 squashed copies, the rest as
  originals (``provenance-kermany.csv``); if copies were the problem, copies in the validation split
  would be missed too;
- film sharpness (mean |Laplacian| of the model's input pixels), per split and class: blur looks
  like consolidation, so softer healthy films are easy to call pneumonia;
- the shape of the original files: Kermany's pneumonia originals are far wider than its normal ones,
  and the contract squashes every film to a square, so a film's proportions carry its label;
- how different the splits' films look at all, per class: the cross-validated AUC of a logistic
  regression on 16 x 16 thumbnails that tells a split's films from the training split's films of the
  same class (0.5: the two look alike; 1: told apart every time). No model is involved.
"""

import csv
from pathlib import Path

import numpy as np
import torch

from trainer import CLASSES, NORMAL
from trainer.augment import eval_transform, laplacian_sharpness
from trainer.inference import run_model
from trainer.metrics import roc_auc
from trainer.ood import logistic_regression

KERMANY = "kermany2018"


def mean_abs_laplacian(films: np.ndarray) -> np.ndarray:
    """[N, S, S] uint8 -> [N]: the sharpness statistic (``augment.laplacian_sharpness``) of each film."""
    return laplacian_sharpness(eval_transform(torch.from_numpy(np.ascontiguousarray(films)))).numpy()


def thumbnails(films: np.ndarray, side: int = 16) -> torch.Tensor:
    """[N, S, S] uint8 -> [N, side * side] float: each film (the model's 0..1 input) averaged down to
    side x side."""
    x = eval_transform(torch.from_numpy(np.ascontiguousarray(films)))
    return torch.nn.functional.adaptive_avg_pool2d(x, side).flatten(1)


def split_separability(a: torch.Tensor, b: torch.Tensor, folds: int = 5, l2: float = 1e-2, seed: int = 0) -> float:
    """Out-of-fold AUC of an L2-regularised logistic regression (``ood.logistic_regression``) telling
    rows of ``a`` from rows of ``b`` (feature vectors, e.g. ``thumbnails``): about 0.5 when the two are
    drawn from one population."""
    x = torch.cat([a, b]).double()
    is_b = torch.arange(len(x)) >= len(a)
    fold = torch.from_numpy(np.random.default_rng(seed).integers(0, folds, len(x)))
    scores = torch.empty(len(x), dtype=torch.float64)
    for k in range(folds):
        fit, held = fold != k, fold == k
        weight, bias = logistic_regression(x[fit & ~is_b], x[fit & is_b], weight_decay=l2)
        scores[held] = x[held] @ weight + bias
    return float(roc_auc(is_b.numpy(), scores.numpy()))


def read_provenance(path) -> dict:
    """provenance-kermany.csv -> {image path: "original" | "squashed_224x224"}; {} where absent."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {r["path"]: r["source_kind"] for r in csv.DictReader(f)}


def read_original_aspects(path) -> dict:
    """provenance-kermany.csv -> {image path: width / height of the original file}, originals only
    (the squashed copies no longer know their original shape); {} where absent."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {r["path"]: int(r["source_width"]) / int(r["source_height"])
                for r in csv.DictReader(f) if r["source_kind"] == "original"}


def aspect_table(data, aspects: dict) -> list[dict]:
    """Median and 10-90 % range of the originals' width / height per (contract split, class), Kermany."""
    table = []
    for name in ("train", "val", "test"):
        idx = [i for i in data.split[name] if data.rows[i].source == KERMANY and data.rows[i].path in aspects]
        for label in sorted({int(data.labels[i]) for i in idx}):
            values = np.array([aspects[data.rows[i].path] for i in idx if data.labels[i] == label])
            table.append({"split": name, "label": CLASSES[label], "n": int(len(values)),
                          "median": float(np.median(values)), "p10": float(np.quantile(values, 0.1)),
                          "p90": float(np.quantile(values, 0.9))})
    return table


def kermany_shift_report(model, data, provenance: dict, train_sample: int = 1500, seed: int = 0,
                         min_films: int = 20, aspects: dict | None = None) -> dict:
    """Recall per (split, provenance, class) on Kermany's validation and test films, and sharpness per
    (split, class) on Kermany's train (a random sample), validation and test films, and how far the
    validation and test films of each class (at least ``min_films``) are from all training films of it;
    with ``aspects`` (``read_original_aspects``), the shape of the original files per split and class."""
    rng = np.random.default_rng(seed)
    kermany = np.array([r.source == KERMANY for r in data.rows])
    parts = {name: data.split[name][kermany[data.split[name]]] for name in ("train", "val", "test")}
    if len(parts["train"]) > train_sample:
        parts["train"] = np.sort(rng.choice(parts["train"], train_sample, replace=False))

    recall = []
    for name in ("val", "test"):
        idx = np.sort(parts[name])
        if not len(idx):
            continue
        pred = run_model(model, data.pixels, idx)["logits"].argmax(1).numpy()
        labels = data.labels[idx]
        kinds = np.array([provenance.get(data.rows[i].path, "unknown") for i in idx])
        for kind in sorted(set(kinds)):
            for label in sorted(set(labels)):
                m = (kinds == kind) & (labels == label)
                if m.any():
                    # Sick films: any non-normal call counts, as in the Kermany benchmark.
                    right = pred[m] == NORMAL if label == NORMAL else pred[m] != NORMAL
                    recall.append({"split": name, "provenance": kind, "label": CLASSES[label],
                                   "n": int(m.sum()), "recall": float(right.mean())})

    sharpness, separation = [], {}
    for name, idx in parts.items():
        idx = np.sort(idx)
        if not len(idx):
            continue
        values, labels = mean_abs_laplacian(np.asarray(data.pixels[idx])), data.labels[idx]
        for label in sorted(set(labels)):
            m = labels == label
            sharpness.append({"split": name, "label": CLASSES[label], "n": int(m.sum()),
                              "mean_abs_laplacian": float(values[m].mean())})
        # How well softness alone tells pneumonia from normal: the shortcut a model can take.
        auc = roc_auc(labels != NORMAL, -values)
        separation[name] = None if np.isnan(auc) else auc

    # Do a split's films of one class look like the training films of that class? (All training films.)
    train_all = np.sort(data.split["train"][kermany[data.split["train"]]])
    separability = []
    for label in sorted(set(data.labels[train_all])):
        ref = train_all[data.labels[train_all] == label]
        ref_thumbs = thumbnails(np.asarray(data.pixels[ref]))
        for name in ("val", "test"):
            idx = np.sort(parts[name])
            idx = idx[data.labels[idx] == label]
            if len(idx) >= min_films:
                auc = split_separability(ref_thumbs, thumbnails(np.asarray(data.pixels[idx])), seed=seed)
                separability.append({"split": name, "label": CLASSES[label], "n": int(len(idx)),
                                     "n_train": int(len(ref)), "auc_vs_train": auc})
    return {"input_size": int(data.pixels.shape[-1]), "recall": recall, "sharpness": sharpness,
            "softness_auc_pneumonia_vs_normal": separation, "separability": separability,
            "original_aspect": aspect_table(data, aspects or {})}


def format_report(report: dict) -> str:
    lines = [f"Kermany films at {report['input_size']} px: right calls by split, provenance and class",
             f"{'split':6s} {'provenance':18s} {'class':10s} {'films':>6s} {'right':>7s}"]
    lines += [f"{r['split']:6s} {r['provenance']:18s} {r['label']:10s} {r['n']:6d} {100 * r['recall']:6.1f}%"
              for r in report["recall"]]
    lines += ["", "sharpness (mean |Laplacian|, 0..1 pixels) by split and class",
              f"{'split':6s} {'class':10s} {'films':>6s} {'sharpness':>10s}"]
    lines += [f"{r['split']:6s} {r['label']:10s} {r['n']:6d} {r['mean_abs_laplacian']:10.4f}" for r in report["sharpness"]]
    lines += ["", "AUC of softness alone for pneumonia vs normal: " + ", ".join(
        f"{name} {auc:.3f}" for name, auc in report["softness_auc_pneumonia_vs_normal"].items() if auc is not None)]
    if report.get("separability"):
        lines += ["", "films told from the training films of their class (out-of-fold AUC, 16 x 16 thumbnails)",
                  f"{'split':6s} {'class':10s} {'films':>6s} {'AUC':>6s}"]
        lines += [f"{r['split']:6s} {r['label']:10s} {r['n']:6d} {r['auc_vs_train']:6.3f}" for r in report["separability"]]
    if report.get("original_aspect"):
        lines += ["", "width / height of the original files (copies no longer know theirs): median (10-90 %)",
                  f"{'split':6s} {'class':10s} {'files':>6s} {'aspect':>20s}"]
        lines += [f"{r['split']:6s} {r['label']:10s} {r['n']:6d} {r['median']:7.2f} ({r['p10']:.2f}-{r['p90']:.2f})"
                  for r in report["original_aspect"]]
    return "\n".join(lines)
