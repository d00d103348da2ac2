"""Evaluation plots as PNG (matplotlib, Agg backend: no display, no Qt)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from trainer import CLASSES  # noqa: E402
from trainer.metrics import reliability_bins, roc_auc, roc_curve  # noqa: E402


def _save(fig, path):
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def plot_confusion(cm, path):
    cm = np.asarray(cm)
    fig, ax = plt.subplots(figsize=(4, 3.6))
    ax.imshow(cm, cmap="Blues")
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if cm[i, j] > cm.max() / 2 else "black")
    ax.set_xticks(range(len(CLASSES)), CLASSES)
    ax.set_yticks(range(len(CLASSES)), CLASSES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("truth")
    ax.set_title("Confusion matrix (test split)")
    _save(fig, path)


def plot_roc(probs, labels, path):
    fig, ax = plt.subplots(figsize=(4, 4))
    for i, c in enumerate(CLASSES):
        if (labels == i).all() or not (labels == i).any():  # no curve without films of both kinds
            continue
        fpr, tpr, _ = roc_curve(labels == i, probs[:, i])
        ax.plot(fpr, tpr, label=f"{c} (AUC {roc_auc(labels == i, probs[:, i]):.3f})")
    ax.plot([0, 1], [0, 1], "k:", lw=0.8)
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_title("One-vs-rest ROC (test split)")
    ax.legend(loc="lower right", fontsize=8)
    _save(fig, path)


def plot_reliability(probs_before, probs_after, labels, path):
    fig, ax = plt.subplots(figsize=(4, 4))
    for probs, name in ((probs_before, "before temperature"), (probs_after, "after temperature")):
        centres, acc, conf, count = reliability_bins(probs, labels)
        keep = count > 0
        ax.plot(conf[keep], acc[keep], "o-", label=name, ms=3)
    ax.plot([0, 1], [0, 1], "k:", lw=0.8)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title("Reliability (15 bins)")
    ax.legend(fontsize=8)
    _save(fig, path)


def plot_confidence_histogram(probs, labels, path):
    conf, right = probs.max(1), probs.argmax(1) == labels
    fig, ax = plt.subplots(figsize=(4.5, 3))
    bins = np.linspace(1 / probs.shape[1], 1, 21)
    ax.hist(conf[right], bins=bins, alpha=0.6, label=f"right ({right.sum()})")
    ax.hist(conf[~right], bins=bins, alpha=0.8, label=f"wrong ({(~right).sum()})")
    ax.set_yscale("log")
    ax.set_xlabel("top-class probability")
    ax.set_title("Confidence of right and wrong answers")
    ax.legend(fontsize=8)
    _save(fig, path)


def plot_severity(pred, truth, path):
    fig, ax = plt.subplots(figsize=(4, 4))
    ax.scatter(truth, pred, s=12)
    ax.plot([0, 1], [0, 1], "k:", lw=0.8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("radiologist severity (fraction of lung)")
    ax.set_ylabel("predicted severity")
    ax.set_title("Severity (scored test films)")
    _save(fig, path)


def plot_confident_errors(images, probs, labels, names, path, count: int = 12):
    """Grid of the most confident errors: the films to look at first."""
    pred = probs.argmax(1)
    wrong = np.nonzero(pred != labels)[0]
    wrong = wrong[np.argsort(-probs[wrong].max(1))][:count]
    cols = 4
    rows = max(1, int(np.ceil(len(wrong) / cols)))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 2.2, rows * 2.5))
    for ax in np.atleast_1d(axes).ravel():
        ax.axis("off")
    for ax, i in zip(np.atleast_1d(axes).ravel(), wrong):
        ax.imshow(images[i], cmap="gray")
        ax.set_title(f"{Path(names[i]).name[:18]}\ntrue {CLASSES[labels[i]]}, said {CLASSES[pred[i]]} "
                     f"{probs[i].max():.2f}", fontsize=6)
    _save(fig, path)
