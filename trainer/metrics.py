"""Metric functions on NumPy arrays (checked against hand-computed values in
``tests/test_trainer.py::test_metrics_against_hand_computed_values``)."""

import numpy as np
from sklearn import metrics as sk


def confusion_matrix(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Rows = truth, columns = prediction."""
    if len(y_true) == 0:  # scikit-learn refuses empty input; no films, no counts
        return np.zeros((num_classes, num_classes), dtype=np.int64)
    return sk.confusion_matrix(y_true, y_pred, labels=np.arange(num_classes))


def per_class_prf(cm: np.ndarray) -> dict:
    """Precision, recall, F1 and support per class. By hand, because scikit-learn's F1, 2tp / (2tp + fp + fn),
    is the same number differing in the last bits, and the validation macro-F1 picks a run's best epoch."""
    tp = np.diag(cm).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(cm.sum(0) > 0, tp / cm.sum(0), 0.0)
        recall = np.where(cm.sum(1) > 0, tp / cm.sum(1), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": cm.sum(1)}


def macro_f1(y_true, y_pred, num_classes: int) -> float:
    """Mean F1 over the classes present in y_true."""
    cm = confusion_matrix(y_true, y_pred, num_classes)
    present = cm.sum(1) > 0
    return float(per_class_prf(cm)["f1"][present].mean())


def roc_curve(y_true, scores):
    """Binary ROC: (false positive rates, true positive rates, thresholds), one point per distinct score,
    thresholds descending from inf."""
    return sk.roc_curve(np.asarray(y_true).astype(bool), np.asarray(scores, dtype=float), drop_intermediate=False)


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve (ties count half); NaN when only one class is present. Trapezoids over
    every point of the curve: scikit-learn's roc_auc_score drops collinear points first and then differs
    in the last bits from the figures already published."""
    y_true = np.asarray(y_true).astype(bool)
    if y_true.all() or not y_true.any():
        return float("nan")
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))


def specificity_at_sensitivity(y_true, scores, min_sensitivity: float) -> tuple[float, float]:
    """(specificity, threshold) at the highest threshold whose sensitivity ≥ min_sensitivity;
    a film is called positive when score ≥ threshold."""
    y_true = np.asarray(y_true).astype(bool)
    if y_true.all() or not y_true.any():
        return float("nan"), float("nan")
    fpr, tpr, thresholds = roc_curve(y_true, scores)
    ok = np.nonzero(tpr >= min_sensitivity)[0]
    i = ok[0]
    return float(1 - fpr[i]), float(thresholds[i])


def expected_calibration_error(probs, y_true, bins: int = 15) -> float:
    """ECE of the top-class confidence, equal-width bins (Guo et al. 2017)."""
    probs, y_true = np.asarray(probs), np.asarray(y_true)
    conf, pred = probs.max(1), probs.argmax(1)
    correct = (pred == y_true).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = (conf > lo) & (conf <= hi)
        if in_bin.any():
            ece += in_bin.mean() * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return float(ece)


def reliability_bins(probs, y_true, bins: int = 15):
    """(bin centres, accuracy per bin, confidence per bin, count per bin) for the reliability plot."""
    probs, y_true = np.asarray(probs), np.asarray(y_true)
    conf, correct = probs.max(1), (probs.argmax(1) == y_true)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    count = np.bincount(idx, minlength=bins)
    acc = np.bincount(idx, weights=correct, minlength=bins) / np.maximum(count, 1)
    mean_conf = np.bincount(idx, weights=conf, minlength=bins) / np.maximum(count, 1)
    return (edges[:-1] + edges[1:]) / 2, acc, mean_conf, count


def confident_error_share(probs, y_true, confidence: float = 0.9, pred=None) -> float:
    """Share of the wrong calls made with the called class's probability > confidence. ``pred``: the
    calls (a model with an operating point may call a class that is not the most probable); default
    the arg-max, whose probability is the top one."""
    probs, y_true = np.asarray(probs), np.asarray(y_true)
    pred = probs.argmax(1) if pred is None else np.asarray(pred)
    wrong = pred != y_true
    if not wrong.any():
        return 0.0
    return float((probs[np.arange(len(pred)), pred][wrong] > confidence).mean())


def negative_log_likelihood(probs, y_true) -> float:
    probs = np.asarray(probs)
    return float(-np.log(np.clip(probs[np.arange(len(probs)), np.asarray(y_true)], 1e-12, 1)).mean())


def pearson_r(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def bootstrap_ci(metric, arrays: tuple, n: int = 1000, seed: int = 0, alpha: float = 0.05) -> tuple[float, float]:
    """Percentile bootstrap CI of ``metric(*arrays)``, resampling films with replacement.

    Not ``scipy.stats.bootstrap``: a card figure can be undefined on a resample (a PPV with no COVID-19
    call, Kermany's normal recall without a Kermany normal), and SciPy's percentile interval is then NaN,
    where this one leaves those resamples out."""
    rng = np.random.default_rng(seed)
    size = len(arrays[0])
    values = []
    for _ in range(n):
        idx = rng.integers(0, size, size)
        v = metric(*(np.asarray(a)[idx] for a in arrays))
        if not np.isnan(v):
            values.append(v)
    if not values:
        return float("nan"), float("nan")
    return float(np.percentile(values, 100 * alpha / 2)), float(np.percentile(values, 100 * (1 - alpha / 2)))
