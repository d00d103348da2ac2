"""What a run reports: the model on the test split (metrics.json, predictions.csv, plots), the OOD
audit, every film of a held-out source; the training history; the one-line summary."""

import csv
import json
from pathlib import Path

import numpy as np
import torch

from trainer import CLASSES, not_cxr
from trainer.evaluate import classification_metrics, compute_metrics
from trainer.inference import run_model
from trainer.ood import ood_score
from trainer.recipe import recipe_of


def evaluate_on_test(model, ckpt: dict, data, out_dir: Path, make_plots: bool = True) -> dict:
    """Test-split metrics of ``model`` under ``ckpt``'s temperature, operating points and OOD statistics,
    written to ``out_dir`` (metrics.json, predictions.csv and, with ``make_plots``, the plots)."""
    test_idx = data.split["test"]
    out = run_model(model, data.pixels, test_idx)
    temperature = ckpt.get("temperature") or 1.0
    probs_raw = torch.softmax(out["logits"], 1).numpy()
    probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    labels = data.labels[test_idx]
    rows = [data.rows[i] for i in test_idx]
    metrics = compute_metrics(probs, probs_raw, labels, out["severity"].numpy(), rows, out["heatmap"].numpy(),
                              thresholds=ckpt.get("decision_thresholds"))
    if ckpt.get("ood"):
        metrics["ood"] = ood_audit(model, ckpt, data, out)
    recipe = recipe_of(ckpt)
    if recipe and recipe.holdout_source:  # leave-one-source-out: every film of the sources the run never saw
        metrics["held_out"] = held_out_metrics(model, data, recipe.holdout_source, temperature,
                                               ckpt.get("decision_thresholds"))
    metrics["temperature"] = temperature
    metrics["manifest_sha256"] = data.manifest_sha256
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    write_predictions(out_dir / "predictions.csv", rows, labels, probs, out["severity"].numpy())
    if make_plots:
        from trainer import plots  # matplotlib only when plotting

        plots.plot_confusion(metrics["confusion_matrix"], out_dir / "confusion_matrix.png")
        plots.plot_roc(probs, labels, out_dir / "roc.png")
        plots.plot_reliability(probs_raw, probs, labels, out_dir / "reliability.png")
        plots.plot_confidence_histogram(probs, labels, out_dir / "confidence_histogram.png")
        scored = ~np.isnan(data.severity[test_idx])
        if scored.any():
            plots.plot_severity(out["severity"].numpy()[scored], data.severity[test_idx][scored],
                                out_dir / "severity_scatter.png")
        plots.plot_confident_errors(np.asarray(data.pixels[test_idx]), probs, labels,
                                    [r.path for r in rows], out_dir / "confident_errors.png")
    return metrics


def ood_audit(model, ckpt: dict, data, test_out: dict, seed: int = 12345) -> dict:
    """Share of test films accepted (``test_out``: ``run_model`` of them), and of pictures that are not
    frontal films rejected, by kind. Seeds and pictures differ from the ones the gate was fitted on."""
    ood = ckpt["ood"]
    rng = np.random.default_rng(seed)
    size = data.pixels.shape[1]
    test_films = np.asarray(data.pixels[data.split["test"][:400]])
    kinds = {"rotated_or_inverted_test_films": not_cxr.transformed_films(test_films, rng),
             "synthetic_pictures": not_cxr.synthetic_pictures(350, size, rng)}
    photos = not_cxr.photographs(size)
    if photos is not None:
        kinds["photographs"] = photos
    if data.negatives is not None:  # the test part only: the training part was in outlier exposure
        for kind in not_cxr.REAL_KINDS.values():
            if len(part := data.negatives.part("test", kind)):
                kinds[f"test_{kind}"] = part
    audit = {"threshold": ood["threshold"],
             "test_cxr_accepted": float((ood_score(test_out["pooled"], ood, test_out["spread"])
                                         <= ood["threshold"]).float().mean())}
    for name, pictures in kinds.items():
        out = run_model(model, pictures, np.arange(len(pictures)))
        refused = ood_score(out["pooled"], ood, out["spread"]) > ood["threshold"]
        audit[f"{name}_rejected"] = float(refused.float().mean())
        audit[f"n_{name}"] = len(pictures)
    return audit


def held_out_metrics(model, data, sources: list[str], temperature: float, thresholds: dict | None = None) -> dict:
    """Classification metrics on all films (every split) of sources held out of training."""
    idx = np.nonzero(np.array([r.source in set(sources) for r in data.rows]))[0]
    out = run_model(model, data.pixels, idx)
    probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    return {"sources": sorted(sources), **classification_metrics(probs, data.labels[idx], thresholds)}


def write_predictions(path: Path, rows, labels, probs, severity) -> None:
    """One line per test film: what the model card's bootstrap intervals are computed from."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "source", "official_split", "label", *[f"p_{c}" for c in CLASSES], "severity_pred",
                    "severity_truth"])
        for r, y, p, s in zip(rows, labels, probs, severity):
            w.writerow([r.path, r.source, r.official_split, CLASSES[y], *[f"{v:.6f}" for v in p], f"{s:.6f}",
                        "" if r.severity is None else r.severity])


def write_history(history: list[dict], out_dir: Path) -> None:
    """history.json and history.csv: one record per epoch."""
    (out_dir / "history.json").write_text(json.dumps(history, indent=2))
    keys = list(history[0])
    lines = [",".join(keys)] + [",".join(str(h.get(k, "")) for k in keys) for h in history]
    (out_dir / "history.csv").write_text("\n".join(lines) + "\n")


def summary_line(m: dict) -> str:
    k = m.get("kermany_test", {})

    def pct(v):
        return "n/a" if v is None else f"{100 * v:.1f}%"

    return (f"test acc {pct(m['accuracy'])}  macro-F1 {m['macro_f1']:.3f}  covid sens {pct(m['covid19_sensitivity'])} "
            f"ppv {pct(m['covid19_ppv'])}  kermany acc {pct(k.get('accuracy'))} auc {k.get('auc', float('nan')):.3f} "
            f"normal recall {pct(k.get('normal_recall'))}  adult normals called normal {pct(m['adult_normal_called_normal'])}  "
            f"ECE {m['ece_15']:.3f} (before T {m['ece_15_uncalibrated']:.3f})")
