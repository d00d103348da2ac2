"""``cxr-triage validate LABELLED [--model FILE] [--json OUT.json] [--csv OUT.csv] [--report OUT.pdf]``:
how the model does on the clinic's own labelled films, before anyone relies on it.

LABELLED is a folder laid out ``<label>/<file>`` or a CSV ``path,label[,severity]``
(desktop/engine/labelled.py). The films go through the very path of ``cxr-triage predict``
(``FilmPipeline`` and the model's decision rule); the figures are desktop/engine/validation.py's, the
sentences desktop/engine/validation_words.py's. A labelled film that cannot be used (unknown label, missing,
unreadable) is reported with its sentence on stderr and in the JSON; the rest are scored.
``--report`` paints a PDF with Qt (desktop/ui/validation_report.py), imported only then.
``--site PROFILE.json`` checks the model with a site profile applied (``cxr-triage adapt``).

Exit status: 0 every labelled film was scored or refused; 1 some could not be used or an output file
could not be written; 2 bad usage (no labelled films at all, no usable model).
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np

from desktop.cli_output import DISCLAIMER, printable, say, without_library_warnings
from desktop.engine.atomic import replace_atomically
from desktop.engine.errors import ModelError
from desktop.engine.labelled import LabelledError, accepted_labels, read_labelled
from desktop.engine.predictor import Predictor, default_model_path
from desktop.engine.site_profile import SiteProfileError
from desktop.engine.labelled_run import (figures_of, film_rows, fitted_on_sentence, run_labelled, validation_document,
                                         write_film_rows_to)
from desktop.engine.validation_words import class_words, decimal, figure_text, percent

EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2


def add_validate_parser(commands):
    validate = commands.add_parser(
        "validate", help="check the model on your own labelled films",
        description="Run the model on labelled films and report how it does on them, beside the model card's "
                    f"test-split figures. {DISCLAIMER}",
        epilog=f"Labels, in any case: {accepted_labels()}. Exit status: 0 every film scored or refused, "
               "1 some films could not be used or an output could not be written, 2 bad usage or unusable model.")
    validate.add_argument("labelled", metavar="LABELLED",
                          help="a folder laid out <label>/<file>, or a CSV with columns path,label[,severity] "
                               "(paths relative to the CSV's folder)")
    validate.add_argument("--model", metavar="FILE", help="model file (default: assets/models/cxr-triage.onnx)")
    validate.add_argument("--site", metavar="PROFILE.json",
                          help="check the model with this site profile applied (cxr-triage adapt), as predict --site "
                               "and the app use it")
    validate.add_argument("--json", metavar="OUT.json", help="write every figure to this JSON file")
    validate.add_argument("--csv", metavar="OUT.csv",
                          help="write one row per film: path, label, called, probabilities, severity, OOD score, "
                               "rejected, error")
    validate.add_argument("--report", metavar="OUT.pdf", help="write a PDF report with the tables and plots")
    return validate


def validate_command(args) -> int:
    return without_library_warnings(_validate, args)


def _validate(args) -> int:
    try:
        labelled = read_labelled(args.labelled)
    except LabelledError as exc:
        say(str(exc))
        return EXIT_USAGE
    for problem in labelled.problems:
        say(problem)
    if not labelled.films:
        say(f"no labelled films to check in {args.labelled}: put each film in a folder named after its label "
            "(normal, pneumonia, covid19), or list them in a CSV with columns path,label.")
        return EXIT_USAGE
    try:
        predictor = Predictor(args.model or default_model_path())
    except ModelError as exc:
        say(str(exc))
        return EXIT_USAGE
    if not use_site(predictor, args.site):
        return EXIT_USAGE
    films = labelled.films
    results = read_films(predictor, films)
    errors = [r.error for r in results if r.error is not None]
    for error in errors:
        say(error)
    figures = figures_of(predictor, films, results)
    document = validation_document(args.labelled, predictor, figures, labelled.problems + errors, results)
    site = document["site"]
    site_sentence = site and fitted_on_sentence(site["name"], site["films_fitted_on"], len(films))
    print("\n".join(summary_lines(figures, document["model_card"], predictor, document["plain_words"], site_sentence)),
          flush=True)
    rows = film_rows(films, results, predictor.classes)
    written = all([write_json(args.json, document),
                   write_output(args.csv, lambda tmp: write_film_rows_to(tmp, rows), "CSV"),
                   _write_report(args.report, document)])
    return EXIT_FILE_ERRORS if labelled.problems or errors or not written else EXIT_OK


def use_site(predictor: Predictor, path) -> bool:
    """Apply the site profile at ``path`` (if any) and say so on stderr; False, with its sentence, when it
    cannot be used."""
    if not path:
        return True
    try:
        profile = predictor.load_site(path)
    except SiteProfileError as exc:
        say(str(exc))
        return False
    say(f"site profile {profile.summary()} applied: probabilities and calls come from the head adapted to "
        "those films; severity, heatmap and refusals are the model's own.")
    return True


def read_films(predictor: Predictor, films) -> list:
    """Each labelled film through predict's pipeline, with a counter on a terminal."""
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\rcxr-triage: {done} of {total} films read", end="", file=sys.stderr, flush=True)

    results = run_labelled(predictor, films, progress=progress)
    if show:
        print(file=sys.stderr)
    return results


# --- the terminal summary --------------------------------------------------------------------------

def summary_lines(figures: dict, card: dict, predictor: Predictor, words: list[str],
                  site_sentence: str | None = None) -> list[str]:
    classes, counts = figures["classes"], figures["counts"]
    names = [class_words(c) for c in classes]
    site = f", site profile {predictor.site.summary()}" if predictor.site is not None else ""
    lines = [f"Model {predictor.model_version}{site}: {counts['films']} labelled films, {counts['scored']} scored, "
             f"{counts['refused']} refused, {counts['errors']} could not be read.",
             *([site_sentence] if site_sentence else []), "",
             "Confusion matrix (rows: label, columns: called)",
             f"{'':<12}" + "".join(f"{n:>11}" for n in names)]
    lines += [f"{n:<12}" + "".join(f"{v:>11}" for v in row) for n, row in zip(names, figures["confusion_matrix"])]
    lines += ["", f"{'class':<10} {'films':>5}  {'sensitivity':<19} {'specificity':<19} {'PPV':<19} {'NPV':<19} "
                  f"{'AUC':>5}  card: sens   spec    PPV    AUC"]
    for name, words_name in zip(classes, names):
        own, theirs = figures["per_class"][name], card["per_class"][name]
        cells = [figure_text(own[k]) for k in ("sensitivity", "specificity", "ppv", "npv")]
        card_cells = [percent(theirs[k]) for k in ("sensitivity", "specificity", "ppv")]
        lines.append(f"{words_name:<10} {own['scored']:>5}  " + " ".join(f"{c:<19}" for c in cells)
                     + f" {decimal(own['auc']):>5}  " + " ".join(f"{c:>6}" for c in card_cells)
                     + f" {decimal(theirs['auc']):>6}")
    severity, ood = figures["severity"], figures["ood"]
    lines += ["", f"Accuracy {figure_text(figures['accuracy'])} (card {percent(card['accuracy'])}); "
                  f"ECE {decimal(figures['ece_15'], 3)} (card {decimal(card['ece_15'], 3)})"]
    if severity:
        lines.append(f"Severity on {severity['n']} films: MAE {severity['mae']:.3f}, "
                     f"Pearson r {decimal(severity['pearson_r'])}")
    if ood["n"]:
        q = ood["quantiles"]
        lines.append(f"OOD score (threshold {ood['threshold']:g}): median {q['p50']:.2f}, 95th percentile "
                     f"{q['p95']:.2f}, highest {q['p100']:.2f}; {ood['above_threshold']} of {ood['n']} films above")
    lines += ["", "In plain words:"] + [f"  {printable(line)}" for line in words] + ["", DISCLAIMER]
    return lines



# --- output files ----------------------------------------------------------------------------------

def write_output(path, write, what: str) -> bool:
    """``write(tmp)`` into ``path`` atomically (nothing to do without a path); False, said on stderr, when it
    cannot be written."""
    if not path:
        return True
    try:
        replace_atomically(path, write)
    except OSError as exc:
        say(f"the {what} file {path} could not be written ({exc.strerror or exc}).")
        return False
    return True


def write_json(path, document: dict) -> bool:
    """``document`` as JSON (NaN and infinity as null) into ``path``, as ``write_output`` does it."""
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(_finite(document), f, indent=1, ensure_ascii=False, allow_nan=False)
    return write_output(path, write, "JSON")


def _finite(value):
    """JSON has no NaN or infinity: null instead."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    return value


def _write_report(path, document: dict) -> bool:
    if not path:
        return True
    try:
        from desktop.ui.validation_report import write_validation_report
    except ImportError as exc:
        say(f"the PDF report needs the desktop app's Qt (PySide6), which is not installed ({exc}).")
        return False
    try:
        write_validation_report(path, document)
    except OSError as exc:
        say(f"the report {path} could not be written ({exc.strerror or exc}).")
        return False
    return True
