"""What ``validate``'s figures mean, in plain sentences, side by side with the model card's test split.

The card's figures are the model's own metadata ``metrics`` (the trainer's test-split evaluation):
per class recall and precision from ``per_class``, specificity and NPV from its ``confusion_matrix``,
``auc_one_vs_rest``, ``accuracy``, ``ece_15`` and ``severity``. A figure the card lacks is said to be
"not in this model's card". A site figure is compared with the card through its 95 % interval: the card's
figure above the interval means the model does not yet hold up on these films, below it means it does
better here, inside it means they agree (and, where the interval is wider than ±10 points, that there
are too few films to conclude, and how many more would narrow it).
"""

from __future__ import annotations

import math

from desktop.engine.validation import TARGET_HALF_WIDTH
from desktop.engine.contract import DISPLAY_NAMES

# In a sentence: "normal films called normal", "COVID-19 films found".
CLASS_WORDS = {name: shown if shown.isupper() or "-" in shown else shown.lower() for name, shown in DISPLAY_NAMES.items()}
NOT_IN_CARD = "not in this model's card"


def class_words(name: str) -> str:
    return CLASS_WORDS.get(name, name.replace("_", " "))


def percent(value) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def interval(ci) -> str:
    return "—" if not ci else f"{100 * ci[0]:.0f}–{100 * ci[1]:.0f} %"


def figure_text(figure: dict) -> str:
    """A share with its interval, for tables: "62 % (50–72 %)"."""
    return f"{percent(figure['value'])} ({interval(figure['ci95'])})" if figure["n"] else "—"


def decimal(value, places: int = 2) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def _number(value) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None


def card_figures(metrics: dict | None, classes) -> dict:
    """The model card's test-split figures that ``validate`` reports too; None where the card lacks one."""
    metrics = metrics if isinstance(metrics, dict) else {}
    per_class = metrics.get("per_class") if isinstance(metrics.get("per_class"), dict) else {}
    aucs = metrics.get("auc_one_vs_rest") if isinstance(metrics.get("auc_one_vs_rest"), dict) else {}
    cm = metrics.get("confusion_matrix")
    square = (isinstance(cm, list) and len(cm) == len(classes)
              and all(isinstance(row, list) and len(row) == len(classes) for row in cm))
    out = {"n": _number(metrics.get("n")), "accuracy": _number(metrics.get("accuracy")),
           "ece_15": _number(metrics.get("ece_15")), "per_class": {}}
    for c, name in enumerate(classes):
        own = per_class.get(name) if isinstance(per_class.get(name), dict) else {}
        specificity = npv = None
        if square:
            total = sum(map(sum, cm))
            tp, fn, fp = cm[c][c], sum(cm[c]) - cm[c][c], sum(row[c] for row in cm) - cm[c][c]
            tn = total - tp - fn - fp
            specificity = tn / (tn + fp) if tn + fp else None
            npv = tn / (tn + fn) if tn + fn else None
        out["per_class"][name] = {"sensitivity": _number(own.get("recall")), "specificity": specificity,
                                  "ppv": _number(own.get("precision")), "npv": npv, "auc": _number(aucs.get(name))}
    severity = metrics.get("severity") if isinstance(metrics.get("severity"), dict) else {}
    out["severity"] = {"mae": _number(severity.get("mae")), "pearson_r": _number(severity.get("pearson_r"))}
    return out


def verdict_kind(figure: dict, card: float | None) -> str:
    """How a site figure compares with the card's: "no card", "worse" (the card's figure above the 95 %
    interval), "better" (below it) or "consistent" (inside it). The app words the same decision in the
    reader's language (desktop/ui/site_sentences.py)."""
    if card is None:
        return "no card"
    lo, hi = figure["ci95"]
    return "worse" if card > hi else "better" if card < lo else "consistent"


def too_few_counts(figure: dict, card: float | None) -> tuple[int, int] | None:
    """(interval span in points, films more for ±10 points) when the interval is wider than ±10 points and
    does not already settle the comparison; else None."""
    lo, hi = figure["ci95"]
    settled = card is not None and not lo <= card <= hi
    if settled or (hi - lo) / 2 <= TARGET_HALF_WIDTH:
        return None
    return round(100 * (hi - lo)), figure["more_films_for_10_points"]


def verdict(figure: dict, card: float | None) -> str:
    """One figure (``validation.proportion``) against the card's: the sentence after the numbers."""
    kind = verdict_kind(figure, card)
    if kind == "no card":
        return f"The model card's test split: {NOT_IN_CARD}."
    said = f"The model card's test split: {percent(card)}."
    return said + {"worse": " This model does not yet hold up on your films.",
                   "better": " On your films it does better than on its test split.",
                   "consistent": " That is within your interval: your films are consistent with it."}[kind]


def too_few(figure: dict, card: float | None, films: str) -> str | None:
    """The sentence for an interval wider than ±10 points that does not already settle the comparison."""
    counts = too_few_counts(figure, card)
    if counts is None:
        return None
    span, more = counts
    return (f"Too few {films} to conclude: the interval spans {span} points; about {more} more "
            f"{films} would narrow it to ±{100 * TARGET_HALF_WIDTH:.0f} points.")


def figure_sentences(subject: str, figure: dict, card: float | None, films: str) -> list[str]:
    if not figure["n"]:
        return [f"None of your scored films are {films}: nothing can be said about them."]
    said = (f"{subject[0].upper()}{subject[1:]}: {percent(figure['value'])} (95 % CI {interval(figure['ci95'])}, "
            f"{figure['k']} of {figure['n']}). {verdict(figure, card)}")
    return [said] + [s for s in [too_few(figure, card, films)] if s]


def plain_words(figures: dict, card: dict) -> list[str]:
    """The sentences, in reading order: what was scored, each class's films called right, accuracy,
    calibration, severity, refusals."""
    counts = figures["counts"]
    lines = [_counts_sentence(counts)]
    if not counts["scored"]:
        return lines
    for name in figures["classes"]:
        words = class_words(name)
        figure = figures["per_class"][name]["sensitivity"]
        subject = f"on your {counts['scored']} films, {words} films called {words}"
        lines += figure_sentences(subject, figure, card["per_class"][name]["sensitivity"], f"{words} films")
    lines += figure_sentences("right calls over all classes", figures["accuracy"], card["accuracy"], "films")
    if figures["ece_15"] is not None:
        on_card = f"{card['ece_15']:.3f}" if card["ece_15"] is not None else NOT_IN_CARD
        lines.append(f"Calibration error (ECE, 0 is perfect): {figures['ece_15']:.3f} on your films; the model card's "
                     f"test split: {on_card}.")
    severity = figures["severity"]
    if severity:
        r = "—" if severity["pearson_r"] is None else f"{severity['pearson_r']:.2f}"
        card_mae, card_r = card["severity"]["mae"], card["severity"]["pearson_r"]
        on_card = NOT_IN_CARD if card_mae is None else \
            f"MAE {card_mae:.2f}" + ("" if card_r is None else f", r = {card_r:.2f}")
        lines.append(f"Severity on your {severity['n']} films with a severity: off by {100 * severity['mae']:.0f} "
                     f"points of lung involvement on average (MAE {severity['mae']:.2f}), r = {r}; the model card's "
                     f"test split: {on_card}.")
    return lines


def _counts_sentence(counts: dict) -> str:
    parts = [f"{counts['scored']} scored"]
    if counts["refused"]:
        parts.append(f"{counts['refused']} refused as not a frontal chest X-ray (counted apart, not in the "
                     "figures)")
    if counts["errors"]:
        parts.append(f"{counts['errors']} could not be read")
    return f"Of your {counts['films']} labelled films: " + ", ".join(parts) + "."
