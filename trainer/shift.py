"""``cxr-train kermany-shift CHECKPOINT``: where Kermany's official test normals differ.

Every model of this project gets most healthy children of the validation split (drawn from Kermany's
*training* patients) right and calls many healthy children of Kermany's official *test* split
pneumonia. This report measures the two explanations the data offers:

- file provenance: most Kermany films reached the corpus as 224 x 224 squashed copies, the rest as
  originals (``provenance-kermany.csv``); if copies were the problem, copies in the validation split
  would be missed too;
- film sharpness (mean |Laplacian| of the model's input pixels), per split and class: blur looks
  like consolidation, so softer healthy films are easy to call pneumonia.
"""

import csv
from pathlib import Path

import numpy as np
import torch

from trainer import CLASSES
from trainer.augment import eval_transform, laplacian_sharpness
from trainer.evaluate import run_model
from trainer.metrics import roc_auc

NORMAL = CLASSES.index("normal")
KERMANY = "kermany2018"


def mean_abs_laplacian(films: np.ndarray) -> np.ndarray:
    """[N, S, S] uint8 -> [N]: the sharpness statistic (``augment.laplacian_sharpness``) of each film."""
    return laplacian_sharpness(eval_transform(torch.from_numpy(np.ascontiguousarray(films)))).numpy()


def read_provenance(path) -> dict:
    """provenance-kermany.csv -> {image path: "original" | "squashed_224x224"}; {} where absent."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {r["path"]: r["source_kind"] for r in csv.DictReader(f)}


def kermany_shift_report(model, data, provenance: dict, train_sample: int = 1500, seed: int = 0) -> dict:
    """Recall per (split, provenance, class) on Kermany's validation and test films, and sharpness per
    (split, class) on Kermany's train (a random sample), validation and test films."""
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
    return {"input_size": int(data.pixels.shape[-1]), "recall": recall, "sharpness": sharpness,
            "softness_auc_pneumonia_vs_normal": separation}


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
    return "\n".join(lines)
