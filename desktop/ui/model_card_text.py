"""The model card as people read it: a plain summary first, then the technical details, formatted.

Built from the loaded model's own metadata (so it always describes the file in use). Numbers are
rounded for reading, shares shown as percentages, missing or undefined values (NaN: an AUC on a
source with one class) left out, and the metrics grouped (overall, per class, per source, ...).
"""

import json
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.engine.local_time import local_time_text
from desktop.ui.wording import (class_name, count_text, decimal_percent, disclaimer, firm_rule, number_text, percent,
                                translate)

# Metric keys in words (translated where shown, in the "ModelCard" context); any other key is shown with
# its underscores as spaces.
NAMES = {
    "n": QT_TRANSLATE_NOOP("ModelCard", "Films"),
    "accuracy": QT_TRANSLATE_NOOP("ModelCard", "Right calls (accuracy)"),
    "macro_f1": QT_TRANSLATE_NOOP("ModelCard", "Macro-F1 (balance over the classes)"),
    "covid19_sensitivity": QT_TRANSLATE_NOOP("ModelCard", "COVID-19 films found (sensitivity)"),
    "covid19_ppv": QT_TRANSLATE_NOOP("ModelCard", "COVID-19 calls that were right (PPV)"),
    "adult_normal_called_normal": QT_TRANSLATE_NOOP("ModelCard", "Healthy adults called normal"),
    "n_adult_normal": QT_TRANSLATE_NOOP("ModelCard", "Healthy adult films"),
    "normal_called_normal": QT_TRANSLATE_NOOP("ModelCard", "Normal films called normal"),
    "sick_called_sick": QT_TRANSLATE_NOOP("ModelCard", "Sick films called sick"),
    "ece_15": QT_TRANSLATE_NOOP("ModelCard", "Calibration error (ECE)"),
    "ece_15_uncalibrated": QT_TRANSLATE_NOOP("ModelCard", "Calibration error before calibration"),
    "nll": QT_TRANSLATE_NOOP("ModelCard", "Log-loss"),
    "nll_uncalibrated": QT_TRANSLATE_NOOP("ModelCard", "Log-loss before calibration"),
    "confident_error_share_90": QT_TRANSLATE_NOOP("ModelCard", "Errors made at over 90 % confidence"),
    "n_errors": QT_TRANSLATE_NOOP("ModelCard", "Errors"),
    "temperature": QT_TRANSLATE_NOOP("ModelCard", "Calibration temperature"),
    "auc": QT_TRANSLATE_NOOP("ModelCard", "AUC"),
    "normal_recall": QT_TRANSLATE_NOOP("ModelCard", "Normal films called normal"),
    "pneumonia_recall": QT_TRANSLATE_NOOP("ModelCard", "Pneumonia films found"),
    "mae": QT_TRANSLATE_NOOP("ModelCard", "Mean error against radiologists"),
    "pearson_r": QT_TRANSLATE_NOOP("ModelCard", "Correlation with radiologists (r)"),
    "n_scored": QT_TRANSLATE_NOOP("ModelCard", "Films with a radiologist's score"),
    "mean_on_normal_films": QT_TRANSLATE_NOOP("ModelCard", "Mean estimate on normal films"),
    "threshold": QT_TRANSLATE_NOOP("ModelCard", "Threshold"),
    "normal_recall_at_pneumonia_recall_97": QT_TRANSLATE_NOOP(
        "ModelCard", "Normal films called normal when 97 % of pneumonia is found"),
    "threshold_at_pneumonia_recall_97": QT_TRANSLATE_NOOP("ModelCard", "Pneumonia threshold for 97 % found"),
    "test_cxr_accepted": QT_TRANSLATE_NOOP("ModelCard", "Test chest X-rays accepted"),
}
GROUP_TITLES = {"kermany_test": QT_TRANSLATE_NOOP("ModelCard", "Children's films (Kermany official test set)"),
                "ood": QT_TRANSLATE_NOOP("ModelCard", "Refusal of non-chest pictures"),
                "severity": QT_TRANSLATE_NOOP("ModelCard", "Severity estimate"),
                "heatmap_border_share": QT_TRANSLATE_NOOP("ModelCard", "Heatmap weight on the film's border"),
                "held_out": QT_TRANSLATE_NOOP("ModelCard", "Hospitals the model never saw (held out)")}
SHARE_WORDS = ("accuracy", "recall", "sensitivity", "ppv", "precision", "rejected", "accepted", "share",
               "called", "heatmap_border")
SKIP = {"manifest_sha256", "decision_thresholds", "per_class", "per_source", "auc_one_vs_rest",
        "confusion_matrix", "temperature"}


def parse_json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def format_value(key: str, value, group: str = "") -> str | None:
    """A metric for reading, or None when there is nothing to show."""
    if _missing(value) or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return translate("ModelCard", "yes") if value else translate("ModelCard", "no")
    if isinstance(value, int) and (key == "n" or key.startswith("n_")):
        return count_text(value)
    if isinstance(value, (int, float)):
        share = any(word in f"{group}.{key}" for word in SHARE_WORDS) and 0 <= value <= 1
        return decimal_percent(value) if share else number_text(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _name(key: str) -> str:
    if key not in NAMES and key.startswith("n_"):
        return translate("ModelCard", "Number of {what}").format(what=key[2:].replace("_", " "))
    return translate("ModelCard", NAMES[key]) if key in NAMES else key.replace("_", " ").capitalize()


def _order(item: tuple) -> int:
    """Known figures first, in NAMES' order (films, accuracy, ...), the rest after them."""
    keys = list(NAMES)
    return keys.index(item[0]) if item[0] in NAMES else len(keys)


def _md(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: tuple, rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows])


def _pairs(values: dict, group: str = "") -> list[tuple[str, str]]:
    rows = []
    for key, value in sorted(values.items(), key=_order):
        shown = None if key in SKIP else format_value(key, value, group)
        if shown is not None:
            rows.append((_name(key) if group != "heatmap_border_share" else key, shown))
    return rows


# --- the summary -------------------------------------------------------------------------------------

def summary(metrics: dict) -> str:
    """What it does, how often it is right (test split, unseen hospitals), its limits, "aid, not diagnosis"."""
    what = translate("ModelCard", "This model looks at one frontal chest X-ray and says whether it shows no sign of "
                                  "pneumonia, a pneumonia pattern, or a COVID-19 pneumonia pattern. It shows where it "
                                  "looked (the heatmap), estimates how much of the lungs is involved, and refuses "
                                  "pictures that are not frontal chest X-rays.")
    parts = ["## " + translate("ModelCard", "In short"), what, f"**{disclaimer()}**",
             "### " + translate("ModelCard", "How often it is right")]
    right = []
    if isinstance(metrics.get("accuracy"), (int, float)) and isinstance(metrics.get("n"), int):
        right.append(translate("ModelCard", "On {n} test films it had never seen during training, from the same "
                                            "hospitals as its training films, it was right {acc} of the time.").format(
            n=count_text(metrics["n"]), acc=percent(metrics["accuracy"])))
    per_class = metrics.get("per_class") if isinstance(metrics.get("per_class"), dict) else {}
    found = [translate("ModelCard", "{label}: {recall}").format(label=class_name(c), recall=percent(v.get("recall")))
             for c, v in per_class.items() if isinstance(v, dict) and not _missing(v.get("recall"))]
    if found:
        right.append(translate("ModelCard", "Share of each kind of film it called right: {list}.")
                     .format(list="; ".join(found)))
    right.append(translate("ModelCard", "On hospitals it has never seen it does much worse: in the model card's "
                                        "leave-one-source-out tests it found fewer than half of an unseen hospital's "
                                        "COVID-19 films, and called most healthy adults from an unseen hospital "
                                        "something other than normal."))
    right.append(firm_rule())
    parts.append("\n".join(f"- {line}" for line in right))
    parts.append(_limits_section())
    return "\n\n".join(parts)


def known_limits() -> list[str]:
    return [
        disclaimer(),
        translate("ModelCard", "It knows three answers only; \u201cno sign of pneumonia\u201d does not mean a healthy "
                               "chest."),
        translate("ModelCard", "Trained on public frontal chest X-ray collections; lateral views, CT and other body "
                               "parts are outside what it knows, and it refuses films it detects as such."),
        translate("ModelCard", "Its probabilities are calibrated on the validation split; on X-ray machines and "
                               "populations unlike the training data they can be far off."),
        translate("ModelCard", "The heatmap shows where the model looked, not the outline of disease. When it lies "
                               "mostly outside the lungs, the app says so: treat that call with caution."),
        translate("ModelCard", "Severity was learnt from radiologists' scores of COVID-19 films only; it is a rough "
                               "estimate of the share of the lung fields involved, not a measurement, and is shown "
                               "only with a pneumonia-type call."),
    ]


def _limits_section() -> str:
    return "### " + translate("ModelCard", "Known limits") + "\n\n" + "\n".join(f"- {line}" for line in known_limits())


# --- the technical details ---------------------------------------------------------------------------

def model_rows(m: dict, model_path: str | None) -> list[tuple[str, str]]:
    classes = m.get("classes")
    points = m.get("decision_thresholds") or {}
    operating = ("; ".join(translate("ModelCard", "{label} called from {p}").format(label=class_name(c), p=percent(
        v.get("threshold") if isinstance(v, dict) else v)) for c, v in points.items())
        if isinstance(points, dict) and points else translate("ModelCard", "none: the most probable class is called"))
    temperature = m.get("temperature")
    try:
        temperature = f"{float(temperature):.2f}"
    except (TypeError, ValueError):
        temperature = "—"
    manifest = str(m.get("training_manifest_sha256") or "—")
    size = m.get("input_size", "—")
    return [
        (translate("ModelCard", "Version"), str(m.get("model_version", "—"))),
        (translate("ModelCard", "Architecture"), str(m.get("architecture", "—"))),
        (translate("ModelCard", "Classes"),
         ", ".join(class_name(c) for c in classes) if isinstance(classes, list) else "—"),
        (translate("ModelCard", "Input size"), f"{size} × {size} px"),
        (translate("ModelCard", "Calibration temperature"), temperature),
        (translate("ModelCard", "Refusal threshold (out-of-distribution score)"), str(m.get("ood_threshold", "—"))),
        (translate("ModelCard", "Operating points"), operating),
        (translate("ModelCard", "Severity"), str(m.get("severity_definition", "—"))),
        (translate("ModelCard", "Training data (manifest SHA-256)"),
         manifest[:16] + "…" if len(manifest) > 16 else manifest),
        (translate("ModelCard", "Created"), local_time_text(m["created"]) if m.get("created") else "—"),
        (translate("ModelCard", "File"), model_path or "—"),
    ]


def _figures(rows: list[tuple]) -> str:
    return _table((translate("ModelCard", "Figure"), translate("ModelCard", "Value")), rows)


def metrics_markdown(metrics) -> str:
    title = "### " + translate("ModelCard", "Test split")
    if not metrics:
        return f"{title}\n\n" + translate("ModelCard", "This model file carries no metrics.")
    if not isinstance(metrics, dict):
        return f"{title}\n\n{_md(metrics)}"
    out = []
    overall = _pairs({k: v for k, v in metrics.items() if not isinstance(v, dict)})
    if overall:
        out.append(f"{title}\n\n" + _figures(overall))
    if isinstance(metrics.get("per_class"), dict):
        out.append(_per_class(metrics["per_class"], metrics.get("auc_one_vs_rest") or {}))
    if isinstance(metrics.get("per_source"), dict):
        out.append(_per_source(metrics["per_source"]))
    for group, values in metrics.items():
        if isinstance(values, dict) and group not in SKIP and (rows := _pairs(values, group)):
            heading = (translate("ModelCard", GROUP_TITLES[group]) if group in GROUP_TITLES
                       else group.replace("_", " ").capitalize())
            out.append(f"### {heading}\n\n" + _figures(rows))
    return "\n\n".join(out)


def _per_class(per_class: dict, auc: dict) -> str:
    rows = []
    for name, v in per_class.items():
        if isinstance(v, dict):
            shares = (format_value(k, v.get(k), "recall") or "–" for k in ("recall", "precision"))
            rows.append((class_name(name), *shares, format_value("f1", v.get("f1")) or "–",
                         format_value("n", v.get("support")) or "–", format_value("auc", auc.get(name)) or "–"))
    header = (translate("ModelCard", "Class"), translate("ModelCard", "Films of it called right"),
              translate("ModelCard", "Its calls that were right"), translate("ModelCard", "F1"),
              translate("ModelCard", "Films"), translate("ModelCard", "AUC"))
    return "### " + translate("ModelCard", "Per class") + "\n\n" + _table(header, rows)


def _per_source(per_source: dict) -> str:
    rows = []
    for source, v in per_source.items():
        if isinstance(v, dict):
            rows.append((source, format_value("n", v.get("n")) or "–",
                         *(format_value(k, v.get(k), "share") or "–"
                           for k in ("accuracy", "normal_called_normal", "sick_called_sick"))))
    header = (translate("ModelCard", "Source"), translate("ModelCard", "Films"), translate("ModelCard", "Right"),
              translate("ModelCard", "Normal called normal"), translate("ModelCard", "Sick called sick"))
    return "### " + translate("ModelCard", "Per source (hospital collection)") + "\n\n" + _table(header, rows)


def card_markdown(metadata: dict | None, model_path: str | None, problem: str, full_card: str | None) -> str:
    """The whole dialog: summary, technical details, then the full model card file if shipped (in English:
    a technical document that is not translated)."""
    parts = ["# " + translate("ModelCard", "About the model")]
    if not metadata:
        parts += [problem or translate("ModelCard", "No model is loaded."), _limits_section()]
    else:
        m = {k: parse_json(v) for k, v in metadata.items()}
        metrics = m.get("metrics") if isinstance(m.get("metrics"), dict) else {}
        parts.append(summary(metrics))
        parts.append("## " + translate("ModelCard", "Technical details"))
        parts.append(_table((translate("ModelCard", "Property"), translate("ModelCard", "Value")),
                            model_rows(m, model_path)))
        parts.append(metrics_markdown(m.get("metrics")))
    if full_card:
        parts.append("## " + translate("ModelCard", "The full model card") + "\n\n" + full_card.split("\n", 1)[-1])
    return "\n\n".join(p for p in parts if p)
