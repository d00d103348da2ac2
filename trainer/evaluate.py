"""Metrics of predictions on the contract's test split: every metric of the Trainer issue, per source too.

``compute_metrics`` turns predictions into the ``metrics.json`` that the export writes into the model's
metadata; ``report.evaluate_on_test`` runs the model and writes it.
"""

import numpy as np

from trainer import CLASSES, COVID19, NORMAL
from desktop.engine.contract import decide
from desktop.engine.heatmap_attention import border_share
from trainer.metrics import (confident_error_share, confusion_matrix, expected_calibration_error,
                             macro_f1, negative_log_likelihood, pearson_r, per_class_prf, roc_auc,
                             specificity_at_sensitivity)
from trainer.sources import ManifestRow


def _rate(mask_num, mask_den) -> float | None:
    den = int(mask_den.sum())
    return float((mask_num & mask_den).sum() / den) if den else None


def classification_metrics(probs: np.ndarray, labels: np.ndarray, thresholds: dict | None = None) -> dict:
    """Calls under the model's operating points (``thresholds``; none: the arg-max), and their metrics."""
    pred = decide(probs, thresholds)
    cm = confusion_matrix(labels, pred, len(CLASSES))
    prf = per_class_prf(cm)
    out = {
        "n": int(len(labels)),
        "accuracy": float((pred == labels).mean()) if len(labels) else None,
        "macro_f1": macro_f1(labels, pred, len(CLASSES)) if len(labels) else None,
        "confusion_matrix": cm.tolist(),
        "per_class": {c: {"precision": float(prf["precision"][i]), "recall": float(prf["recall"][i]),
                          "f1": float(prf["f1"][i]), "support": int(prf["support"][i])}
                      for i, c in enumerate(CLASSES)},
        "auc_one_vs_rest": {c: roc_auc(labels == i, probs[:, i]) for i, c in enumerate(CLASSES)},
        # Of the normal films, the share called normal (adult-normal specificity in the shortcut audit).
        "normal_called_normal": _rate(pred == NORMAL, labels == NORMAL),
        "sick_called_sick": _rate(pred != NORMAL, labels != NORMAL),
    }
    return out


def decision_summary(pred: np.ndarray, labels: np.ndarray, rows: list[ManifestRow]) -> dict:
    """The headline figures that depend on the calls alone (to compare two decision rules)."""
    sources = np.array([r.source for r in rows])
    kermany = np.array([r.source == "kermany2018" and r.official_split == "test" for r in rows])
    k_sick, k_pred_sick = labels[kermany] != NORMAL, pred[kermany] != NORMAL
    return {
        "accuracy": float((pred == labels).mean()) if len(labels) else None,
        "macro_f1": macro_f1(labels, pred, len(CLASSES)) if len(labels) else None,
        "covid19_sensitivity": _rate(pred == COVID19, labels == COVID19),
        "covid19_ppv": _rate(labels == COVID19, pred == COVID19),
        "kermany_accuracy": float((k_pred_sick == k_sick).mean()) if kermany.any() else None,
        "kermany_normal_recall": _rate(~k_pred_sick, ~k_sick),
        "adult_normal_called_normal": _rate(pred == NORMAL, (labels == NORMAL) & (sources != "kermany2018")),
    }


def compute_metrics(probs: np.ndarray, probs_uncalibrated: np.ndarray, labels: np.ndarray,
                    severity_pred: np.ndarray, rows: list[ManifestRow], heatmaps: np.ndarray | None = None,
                    thresholds: dict | None = None) -> dict:
    """All test-split metrics; ``rows`` gives each film's source, official split and severity. Calls
    follow the model's operating points (``thresholds``, fitted on validation films; none: the arg-max);
    with operating points, ``metrics["argmax"]`` holds the headline figures of the plain arg-max too."""
    pred = decide(probs, thresholds)
    calls = decision_summary(pred, labels, rows)
    metrics = classification_metrics(probs, labels, thresholds)
    metrics["decision_thresholds"] = thresholds or {}
    if thresholds:
        metrics["argmax"] = decision_summary(probs.argmax(1), labels, rows)
    wrong = pred != labels
    metrics.update({
        "ece_15_uncalibrated": expected_calibration_error(probs_uncalibrated, labels),
        "ece_15": expected_calibration_error(probs, labels),
        "nll_uncalibrated": negative_log_likelihood(probs_uncalibrated, labels),
        "nll": negative_log_likelihood(probs, labels),
        "confident_error_share_90": confident_error_share(probs, labels, 0.9, pred),
        "n_errors": int(wrong.sum()),
        "covid19_sensitivity": calls["covid19_sensitivity"],
        "covid19_ppv": calls["covid19_ppv"],
    })

    # Kermany official test: the published pneumonia-vs-normal benchmark (any non-normal call = pneumonia).
    kermany = np.array([r.source == "kermany2018" and r.official_split == "test" for r in rows])
    if kermany.any():
        k_sick, k_score = labels[kermany] != NORMAL, 1 - probs[kermany, NORMAL]
        k_pred_sick = pred[kermany] != NORMAL
        spec97, thr97 = specificity_at_sensitivity(k_sick, k_score, 0.97)
        metrics["kermany_test"] = {
            "n": int(kermany.sum()),
            "accuracy": calls["kermany_accuracy"],
            "auc": roc_auc(k_sick, k_score),
            "normal_recall": calls["kermany_normal_recall"],
            "pneumonia_recall": _rate(k_pred_sick, k_sick),
            "normal_recall_at_pneumonia_recall_97": spec97,
            "threshold_at_pneumonia_recall_97": thr97,
        }

    # Severity against radiologists, on the films that have a score.
    scored = np.array([r.severity is not None for r in rows])
    truth = np.array([r.severity if r.severity is not None else np.nan for r in rows], dtype=float)
    if scored.any():
        metrics["severity"] = {
            "n_scored": int(scored.sum()),
            "mae": float(np.abs(severity_pred[scored] - truth[scored]).mean()),
            "pearson_r": pearson_r(severity_pred[scored], truth[scored]),
            "mean_on_normal_films": float(severity_pred[labels == NORMAL].mean()) if (labels == NORMAL).any() else None,
        }

    # Shortcut audit: every metric per source. Adult normals (non-Kermany) must be called normal.
    sources = np.array([r.source for r in rows])
    metrics["per_source"] = {s: classification_metrics(probs[sources == s], labels[sources == s], thresholds)
                             for s in sorted(set(sources))}
    # Where the model looks, per source (the shortcut audit's heatmap check); a map under 3 x 3 (a tiny
    # test input) has no inner part, so no border share.
    if heatmaps is not None and min(heatmaps.shape[1:]) >= 3:
        border = border_share(heatmaps)   # the app's own measure (its "looked outside the lungs" warning)
        metrics["heatmap_border_share"] = {s: float(border[sources == s].mean()) for s in sorted(set(sources))}
    adult_normal = (labels == NORMAL) & (sources != "kermany2018")
    metrics["adult_normal_called_normal"] = calls["adult_normal_called_normal"]
    metrics["n_adult_normal"] = int(adult_normal.sum())
    return metrics
