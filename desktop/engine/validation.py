"""The figures of ``cxr-triage validate``: how a model does on a clinic's own labelled films. NumPy only.

Definitions (each checked against a hand computation in tests/test_validate.py):

- Films are counted apart by outcome: *scored* (a class was called), *refused* (not a frontal chest
  X-ray: OOD score above the threshold, or DICOM tags) and *errors* (unreadable). Every class figure is on
  the scored films; the OOD summary is on scored and refused films.
- Confusion matrix: rows = label, columns = the class called by the contract's decision rule.
- Per class, one-vs-rest: sensitivity TP/(TP+FN), specificity TN/(TN+FP), PPV TP/(TP+FP), NPV
  TN/(TN+FN), accuracy = trace / scored; each with its 95 % Wilson score interval, and how many more
  films of its denominator would bring the interval to within ±10 points at the share observed.
- AUC, one-vs-rest on the class's probability, where both sides exist: the Mann-Whitney rank formula
  with average ranks, so tied scores count half (the trainer's trapezoid ROC area, same number).
- ECE (15 equal-width bins on the top-class probability, (lo, hi], correct = arg-max is the label) and
  the reliability bins: the definitions of trainer/metrics.py, which the model card's ``ece_15`` uses.
- Severity, on scored films with a labelled severity: mean absolute error and Pearson r.
"""

from __future__ import annotations

import math

import numpy as np

Z_95 = 1.959963984540054        # the standard normal's 97.5th percentile
ECE_BINS = 15
TARGET_HALF_WIDTH = 0.10        # "how many more films" narrows the interval to ±10 points
OOD_HISTOGRAM_BINS = 20


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials; (nan, nan) for n = 0."""
    if n <= 0:
        return math.nan, math.nan
    p, z2 = k / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def films_for_half_width(p: float, half_width: float = TARGET_HALF_WIDTH, z: float = Z_95) -> int:
    """The fewest films whose Wilson interval at share ``p`` (0.5 when unknown) is within ±``half_width``."""
    p = 0.5 if p is None or not math.isfinite(p) else p
    n = np.arange(1, 10_001, dtype=float)
    z2 = z * z
    half = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return int(n[np.argmax(half <= half_width)])


def proportion(k: int, n: int) -> dict:
    """k of n with its 95 % Wilson interval and the films still needed for ±10 points."""
    k, n = int(k), int(n)
    value = k / n if n else None
    lo, hi = wilson_interval(k, n)
    return {"value": value, "k": k, "n": n, "ci95": None if n == 0 else [lo, hi],
            "more_films_for_10_points": max(0, films_for_half_width(value) - n)}


def confusion_matrix(truth, called, num_classes: int) -> np.ndarray:
    truth, called = np.asarray(truth, int), np.asarray(called, int)
    return np.bincount(truth * num_classes + called, minlength=num_classes ** 2).reshape(num_classes, num_classes)


def one_vs_rest(cm: np.ndarray, c: int) -> dict:
    total, tp = int(cm.sum()), int(cm[c, c])
    fn, fp = int(cm[c].sum()) - tp, int(cm[:, c].sum()) - tp
    tn = total - tp - fn - fp
    return {"sensitivity": proportion(tp, tp + fn), "specificity": proportion(tn, tn + fp),
            "ppv": proportion(tp, tp + fp), "npv": proportion(tn, tn + fn)}


def average_ranks(values) -> np.ndarray:
    """1-based ranks, ties sharing the mean of the ranks they span."""
    values = np.asarray(values, float)
    order = np.argsort(values, kind="mergesort")
    starts = np.r_[0, np.flatnonzero(np.diff(values[order])) + 1]
    ends = np.r_[starts[1:], len(values)]
    ranks = np.empty(len(values))
    ranks[order] = np.repeat((starts + 1 + ends) / 2, ends - starts)
    return ranks


def auc(positive, scores) -> float | None:
    """Mann-Whitney AUC: the chance a positive film scores above a negative one, ties counting half;
    None when one side is empty."""
    positive = np.asarray(positive, bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    rank_sum = average_ranks(scores)[positive].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def reliability_bins(probabilities, truth, bins: int = ECE_BINS) -> dict:
    """Per equal-width bin of top-class probability: centre, accuracy, mean confidence, films."""
    probabilities, truth = np.asarray(probabilities, float), np.asarray(truth, int)
    confidence = probabilities.max(1)
    correct = probabilities.argmax(1) == truth
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    count = np.bincount(index, minlength=bins)
    safe = np.maximum(count, 1)
    return {"centre": ((edges[:-1] + edges[1:]) / 2).tolist(),
            "accuracy": (np.bincount(index, weights=correct, minlength=bins) / safe).tolist(),
            "confidence": (np.bincount(index, weights=confidence, minlength=bins) / safe).tolist(),
            "count": count.tolist()}


def expected_calibration_error(reliability: dict) -> float | None:
    """Films-weighted mean |accuracy - confidence| over the bins."""
    count = np.asarray(reliability["count"], float)
    if count.sum() == 0:
        return None
    gap = np.abs(np.asarray(reliability["accuracy"]) - np.asarray(reliability["confidence"]))
    return float((count * gap).sum() / count.sum())


def pearson_r(a, b) -> float | None:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def ood_summary(scores, threshold: float) -> dict:
    """The OOD scores of the films read (scored and refused) against the model's threshold."""
    scores = np.asarray(scores, float)
    scores = scores[np.isfinite(scores)]
    if not len(scores):
        return {"threshold": threshold, "n": 0, "above_threshold": 0, "quantiles": None, "histogram": None}
    top = max(float(scores.max()), 2 * threshold if math.isfinite(threshold) else 0.0, 1e-6)
    counts, edges = np.histogram(scores, bins=OOD_HISTOGRAM_BINS, range=(min(0.0, float(scores.min())), top))
    levels = (0, 5, 25, 50, 75, 95, 100)
    return {"threshold": threshold, "n": int(len(scores)), "above_threshold": int((scores > threshold).sum()),
            "quantiles": {f"p{q}": float(v) for q, v in zip(levels, np.percentile(scores, levels))},
            "histogram": {"edges": edges.tolist(), "counts": counts.tolist()}}


def validation_figures(classes, truth, outcome, probabilities, called, ood_scores, ood_threshold: float,
                       labelled_severity=None, severity=None) -> dict:
    """Every figure of ``validate`` for films with labels ``truth`` (class indices).

    ``outcome`` per film: "scored", "refused" or "error"; ``probabilities`` [N, C], ``called`` (class
    index), ``ood_scores``, ``severity`` and ``labelled_severity`` (NaN where none) are read only where
    they mean something (probabilities and calls of scored films, OOD scores of films read).
    """
    classes, num = list(classes), len(classes)
    truth, outcome = np.asarray(truth, int), np.asarray(outcome)
    scored, read = outcome == "scored", outcome != "error"
    probs = np.asarray(probabilities, float).reshape(len(truth), num)[scored]
    y, calls = truth[scored], np.asarray(called)[scored].astype(int)
    cm = confusion_matrix(y, calls, num)
    per_class = {}
    for c, name in enumerate(classes):
        per_class[name] = {"labelled": int((truth == c).sum()), "scored": int((y == c).sum()),
                           "refused": int(((truth == c) & (outcome == "refused")).sum()),
                           "errors": int(((truth == c) & (outcome == "error")).sum()),
                           **one_vs_rest(cm, c), "auc": auc(y == c, probs[:, c]) if len(y) else None}
    reliability = reliability_bins(probs, y)
    return {
        "classes": classes,
        "counts": {"films": int(len(truth)), "scored": int(scored.sum()), "refused": int((outcome == "refused").sum()),
                   "errors": int((outcome == "error").sum())},
        "confusion_matrix": cm.tolist(),
        "confusion_matrix_axes": "rows: label, columns: called, in the order of classes",
        "per_class": per_class,
        "accuracy": proportion(np.trace(cm), cm.sum()),
        "ece_15": expected_calibration_error(reliability),
        "reliability": reliability,
        "severity": _severity(labelled_severity, severity, scored),
        "ood": ood_summary(np.asarray(ood_scores, float)[read], ood_threshold),
    }


def _severity(labelled, predicted, scored) -> dict | None:
    if labelled is None or predicted is None:
        return None
    labelled, predicted = np.asarray(labelled, float), np.asarray(predicted, float)
    use = scored & np.isfinite(labelled) & np.isfinite(predicted)
    if not use.any():
        return None
    a, b = labelled[use], predicted[use]
    return {"n": int(use.sum()), "mae": float(np.abs(a - b).mean()), "pearson_r": pearson_r(a, b)}
