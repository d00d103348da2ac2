"""``cxr-train model-card RUN_DIR``: MODEL_CARD.md from a run's metrics.json and predictions.csv.

Every figure in the card is computed here from the test split's per-film predictions, with a 95 %
percentile-bootstrap interval (1,000 resamples of films), so the card cannot drift from the run.
"""

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np

from trainer import CLASSES, COVID19, NORMAL
from desktop.engine.contract import decide
from trainer.checkpoint import load_checkpoint
from trainer.metrics import (bootstrap_ci, confident_error_share, expected_calibration_error, macro_f1,
                             pearson_r, roc_auc, specificity_at_sensitivity)
from trainer.recipe import Recipe, recipe_of
# confident_errors.png shows data-set films: it stays in the run folder, never in the repository.
PLOTS = ["confusion_matrix", "roc", "reliability", "confidence_histogram", "severity_scatter"]


def read_predictions(path: Path) -> dict:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {
        "source": np.array([r["source"] for r in rows]),
        "kermany_test": np.array([r["source"] == "kermany2018" and r["official_split"] == "test" for r in rows]),
        "label": np.array([CLASSES.index(r["label"]) for r in rows]),
        "probs": np.array([[float(r[f"p_{c}"]) for c in CLASSES] for r in rows]),
        "sev_pred": np.array([float(r["severity_pred"]) for r in rows]),
        "sev_truth": np.array([float(r["severity_truth"]) if r["severity_truth"] else np.nan for r in rows]),
    }


def _recall(pred, label, cls):
    m = label == cls
    return float((pred[m] == cls).mean()) if m.any() else np.nan


def headline_metrics(p: dict, thresholds: dict | None = None) -> list[tuple]:
    """(name, target, function of index array) for each headline metric, at the model's calls: its
    operating points (``thresholds`` as in metrics.json) or, without any, the arg-max."""
    probs, label, pred = p["probs"], p["label"], decide(p["probs"], thresholds)
    k = np.nonzero(p["kermany_test"])[0]
    scored = np.nonzero(~np.isnan(p["sev_truth"]))[0]
    adult_normal = np.nonzero((label == NORMAL) & (p["source"] != "kermany2018"))[0]
    everything = np.arange(len(label))

    def kermany(fn):
        return lambda i: fn(label[i] != NORMAL, 1 - probs[i, NORMAL], pred[i] != NORMAL)

    return [
        ("Kermany official test accuracy (normal vs pneumonia)", "≥ 95 %", k,
         kermany(lambda y, s, yhat: float((y == yhat).mean()))),
        ("Kermany pneumonia-vs-normal AUC", "≥ 0.98", k, kermany(lambda y, s, yhat: roc_auc(y, s))),
        ("Kermany normal recall", "(floor 75 %)", k, kermany(lambda y, s, yhat: float((~yhat[~y]).mean()))),
        ("Kermany normal recall at pneumonia recall ≥ 97 %", "≥ 90 %", k,
         kermany(lambda y, s, yhat: specificity_at_sensitivity(y, s, 0.97)[0])),
        ("3-class macro-F1 (test split)", "≥ 0.93", everything, lambda i: macro_f1(label[i], pred[i], 3)),
        ("3-class accuracy (test split)", "—", everything, lambda i: float((pred[i] == label[i]).mean())),
        ("COVID-19 sensitivity", "≥ 95 %", everything, lambda i: _recall(pred[i], label[i], COVID19)),
        ("COVID-19 PPV", "≥ 90 %", everything,
         lambda i: float((label[i][pred[i] == COVID19] == COVID19).mean()) if (pred[i] == COVID19).any() else np.nan),
        ("ECE (15 bins), after temperature", "≤ 0.03", everything,
         lambda i: expected_calibration_error(probs[i], label[i])),
        ("Share of errors made at > 90 % confidence", "< 20 %", everything,
         lambda i: confident_error_share(probs[i], label[i], 0.9, pred[i])),
        ("Severity MAE vs radiologists (0..1)", "≤ 0.10", scored,
         lambda i: float(np.abs(p["sev_pred"][i] - p["sev_truth"][i]).mean())),
        ("Severity Pearson r vs radiologists", "≥ 0.80", scored, lambda i: pearson_r(p["sev_pred"][i], p["sev_truth"][i])),
        ("Adult normal films (non-Kermany) called normal", "≥ 85 %", adult_normal,
         lambda i: float((pred[i] == NORMAL).mean())),
    ]


def _fmt(v, pct: bool) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "n/a"
    return f"{100 * v:.1f} %" if pct else f"{v:.3f}"


def headline_table(p: dict, n_boot: int = 1000, thresholds: dict | None = None) -> str:
    lines = ["| metric | target | measured | 95 % CI | films |", "| --- | --- | --- | --- | --- |"]
    for name, target, idx, fn in headline_metrics(p, thresholds):
        pct = "%" in target or "recall" in name or "accuracy" in name or "called" in name or "PPV" in name \
            or "sensitivity" in name or "Share" in name
        if len(idx) == 0:
            lines.append(f"| {name} | {target} | n/a | | 0 |")
            continue
        value = fn(idx)
        lo, hi = bootstrap_ci(lambda sample: fn(sample), (idx,), n=n_boot)
        lines.append(f"| {name} | {target} | {_fmt(value, pct)} | {_fmt(lo, pct)} – {_fmt(hi, pct)} | {len(idx)} |")
    return "\n".join(lines)


def per_source_table(metrics: dict) -> str:
    lines = ["| source | films | accuracy | normal called normal | sick called sick | COVID-19 recall | pneumonia recall |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for source, m in metrics["per_source"].items():
        pc = m["per_class"]

        def recall(c):
            return _fmt(pc[c]["recall"], True) if pc[c]["support"] else "–"

        lines.append(f"| {source} | {m['n']} | {_fmt(m['accuracy'], True)} | "
                     f"{_fmt(m['normal_called_normal'], True) if m['normal_called_normal'] is not None else '–'} | "
                     f"{_fmt(m['sick_called_sick'], True) if m['sick_called_sick'] is not None else '–'} | "
                     f"{recall('covid19')} | {recall('pneumonia')} |")
    return "\n".join(lines)


def heatmap_table(metrics: dict) -> str:
    share = metrics.get("heatmap_border_share")
    if not share:
        return "Not measured in this run."
    lines = ["| source | attention on the film's border (mean share) |", "| --- | --- |"]
    lines += [f"| {s} | {_fmt(v, True)} |" for s, v in share.items()]
    return "\n".join(lines)


def ood_table(metrics: dict) -> str:
    o = metrics.get("ood")
    if not o:
        return "No OOD statistics in this run."
    rows = [("test-split chest X-rays accepted", o["test_cxr_accepted"], len(metrics.get("confusion_matrix", [])) and metrics["n"])]
    for key in ("rotated_or_inverted_test_films", "synthetic_pictures", "photographs", "test_lateral_films",
                "test_ct_slices"):
        if f"{key}_rejected" in o:
            rows.append((f"{key.replace('_', ' ')} rejected", o[f"{key}_rejected"], o[f"n_{key}"]))
    lines = ["| check | share | pictures |", "| --- | --- | --- |"]
    lines += [f"| {name} | {_fmt(v, True)} | {n} |" for name, v, n in rows]
    return "\n".join(lines)


def write_model_card(run_dir, out_dir, template: str, n_boot: int = 1000, compare: list | None = None,
                     loso: list | None = None, loso_references: list | None = None) -> Path:
    run_dir, out_dir = Path(run_dir), Path(out_dir)
    metrics = json.loads((run_dir / "metrics.json").read_text())
    p = read_predictions(run_dir / "predictions.csv")
    plots_dir = out_dir / "plots"
    plots_dir.mkdir(parents=True, exist_ok=True)
    for name in PLOTS:
        if (run_dir / f"{name}.png").exists():
            shutil.copyfile(run_dir / f"{name}.png", plots_dir / f"{name}.png")
    card = template.format(
        headline=headline_table(p, n_boot, metrics.get("decision_thresholds")),
        per_source=per_source_table(metrics), ood=ood_table(metrics),
        temperature=f"{metrics['temperature']:.3f}", ece_before=f"{metrics['ece_15_uncalibrated']:.3f}",
        ece_after=f"{metrics['ece_15']:.3f}", nll_before=f"{metrics['nll_uncalibrated']:.3f}",
        nll_after=f"{metrics['nll']:.3f}", manifest=metrics["manifest_sha256"], n_test=metrics["n"],
        confusion=json.dumps(metrics["confusion_matrix"]),
        sev_n=metrics.get("severity", {}).get("n_scored", 0),
        sev_normal=_fmt(metrics.get("severity", {}).get("mean_on_normal_films"), False),
        levers_rows=compare_runs(compare or [run_dir], header=False), heatmaps=heatmap_table(metrics),
        loso=holdout_table(loso, loso_references, header=False), shift=shift_tables(run_dir),
    )
    path = out_dir / "MODEL_CARD.md"
    path.write_text(card)
    return path


def shift_tables(run_dir: Path) -> str:
    """The tables of ``cxr-train kermany-shift`` (run_dir/kermany_shift.json), where it was run."""
    path = Path(run_dir) / "kermany_shift.json"
    if not path.exists():
        return f"Not measured for this run (`cxr-train kermany-shift {Path(run_dir).name}/model.pt` measures it)."
    r = json.loads(path.read_text())
    lines = [f"Kermany films at {r['input_size']} px, right calls (`cxr-train kermany-shift`):", "",
             "| split | file provenance | class | films | called right |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {e['split']} | {e['provenance']} | {e['label']} | {e['n']} | {100 * e['recall']:.1f} % |"
              for e in r["recall"]]
    lines += ["", "| split | class | films | sharpness (mean abs. Laplacian) |", "| --- | --- | --- | --- |"]
    lines += [f"| {e['split']} | {e['label']} | {e['n']} | {e['mean_abs_laplacian']:.4f} |" for e in r["sharpness"]]
    auc = ", ".join(f"{k} {v:.3f}" for k, v in r["softness_auc_pneumonia_vs_normal"].items() if v is not None)
    lines += ["", f"AUC of softness alone for pneumonia vs normal: {auc}."]
    if r.get("separability"):
        lines += ["", "How far each split's films are from the training films of their class: out-of-fold AUC of a "
                  "logistic regression on 16 × 16 thumbnails (0.5: alike).", "",
                  "| split | class | films (training films) | AUC vs training films |", "| --- | --- | --- | --- |"]
        lines += [f"| {e['split']} | {e['label']} | {e['n']} ({e['n_train']}) | {e['auc_vs_train']:.3f} |"
                  for e in r["separability"]]
    if r.get("original_aspect"):
        lines += ["", "Width / height of the original files (the 224 × 224 copies no longer know theirs):", "",
                  "| split | class | original files | median | 10–90 % |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {e['split']} | {e['label']} | {e['n']} | {e['median']:.2f} | {e['p10']:.2f}–{e['p90']:.2f} |"
                  for e in r["original_aspect"]]
    return "\n".join(lines)


def run_recipe(run_dir) -> Recipe | None:
    """The recipe of a run (its model.pt) less the held-out sources: what a leave-one-source-out run
    shares with the reference run it is compared with. None where the checkpoint records no recipe."""
    _, ckpt = load_checkpoint(Path(run_dir) / "model.pt")
    recipe = recipe_of(ckpt)
    return dataclasses.replace(recipe, holdout_source=None) if recipe else None


def holdout_table(run_dirs, references=None, header: bool = True) -> str:
    """The leave-one-source-out table: for each run trained without a source, how it does on all of
    that source's films, on the same source's test films next to the reference run of the same recipe
    (trained with the source), and what leaving the source out costs the headline test metrics."""
    runs = [(Path(r), json.loads((Path(r) / "metrics.json").read_text())) for r in run_dirs or []]
    runs = [(r, m) for r, m in runs if m.get("held_out")]
    if not runs:
        return "No leave-one-source-out runs in this card." if header else ""
    refs = [(Path(r), run_recipe(r), json.loads((Path(r) / "metrics.json").read_text())) for r in references or []]

    def pct(v):
        return "–" if v is None else f"{100 * v:.1f} %"

    def recall(m, c):
        return pct(m["per_class"][c]["recall"]) if m["per_class"][c]["support"] else "–"

    lines = ["| held out (run; reference) | its films (all splits) | its normals called normal | its COVID-19 recall "
             "| its pneumonia recall | its test films: accuracy trained with it → without it "
             "| test split: Kermany acc | COVID-19 sens | adult normals normal |",
             "| --- " * 9 + "|"] if header else []
    for ref_dir, _, ref in refs:
        lines.append(f"| nothing (`{ref_dir.name}`) | – | – | – | – | – "
                     f"| {pct(ref['kermany_test']['accuracy'])} | {pct(ref['covid19_sensitivity'])} "
                     f"| {pct(ref['adult_normal_called_normal'])} |")
    for run, m in runs:
        h = m["held_out"]
        sources = h["sources"]
        recipe = run_recipe(run) if refs else None
        ref_dir, _, ref = next(((d, rec, r) for d, rec, r in refs if rec is not None and rec == recipe),
                               (None, None, {}))
        own, with_it = m["per_source"].get(sources[0]), ref.get("per_source", {}).get(sources[0])
        same_films = "–"
        if len(sources) == 1 and own and with_it:
            same_films = f"{pct(with_it['accuracy'])} → {pct(own['accuracy'])} ({own['n']})"
        name = f"`{run.name}`" + (f"; `{ref_dir.name}`" if ref_dir else "; no reference of the same recipe")
        lines.append(f"| {', '.join(sources)} ({name}) | {h['n']} | {pct(h['normal_called_normal'])} "
                     f"| {recall(h, 'covid19')} | {recall(h, 'pneumonia')} | {same_films} "
                     f"| {pct(m.get('kermany_test', {}).get('accuracy'))} | {pct(m['covid19_sensitivity'])} "
                     f"| {pct(m['adult_normal_called_normal'])} |")
    return "\n".join(lines)


def compare_runs(run_dirs, header: bool = True) -> str:
    """A markdown table of the headline test metrics of several runs (the lever table); without
    ``header``, its rows only (the card's template holds the header and earlier rows)."""
    def pct(v):
        return "n/a" if v is None else f"{100 * v:.1f} %"

    lines = ["| run | Kermany acc | Kermany AUC | Kermany normal recall | normal recall @ pneu. recall 97 % | macro-F1 "
             "| COVID-19 sens / PPV | adult normals normal | ECE | severity MAE / r | test CXRs accepted "
             "| rotated/inverted refused | photos refused | synthetic refused |",
             "| --- " * 14 + "|"] if header else []
    for run in run_dirs:
        m = json.loads((Path(run) / "metrics.json").read_text())
        k, o, sev = m.get("kermany_test", {}), m.get("ood", {}), m.get("severity", {})
        lines.append(
            f"| {Path(run).name} | {pct(k.get('accuracy'))} | {k.get('auc', float('nan')):.3f} | {pct(k.get('normal_recall'))} "
            f"| {pct(k.get('normal_recall_at_pneumonia_recall_97'))} | {m['macro_f1']:.3f} "
            f"| {pct(m['covid19_sensitivity'])} / {pct(m['covid19_ppv'])} | {pct(m['adult_normal_called_normal'])} "
            f"| {m['ece_15']:.3f} | {sev.get('mae', float('nan')):.3f} / {sev.get('pearson_r', float('nan')):.2f} "
            f"| {pct(o.get('test_cxr_accepted'))} | {pct(o.get('rotated_or_inverted_test_films_rejected'))} "
            f"| {pct(o.get('photographs_rejected'))} | {pct(o.get('synthetic_pictures_rejected'))} |")
    return "\n".join(lines)
