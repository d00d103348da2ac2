"""``cxr-triage adapt LABELLED --name NAME -o PROFILE.json``: fit the class head to a clinic's labelled films
and write a site profile (``../shared/docs/architecture.md``, "Site profile").

LABELLED is read as by ``validate`` (desktop/engine/labelled.py); the films go through predict's pipeline
with their embeddings kept (desktop/engine/labelled_run.py); the fit and its nested cross-validation are
desktop/engine/adaptation.py's. What is printed is cross-validated, never the in-sample fit.

The profile is written only when it is worth using: not when no adapted head beat the model's own
head in cross-validation, and not when a disease class's cross-validated sensitivity falls unless
``--accept-lower-sensitivity`` says the clinic accepts it.

Exit status: 0 profile written; 1 not written (adapting does not pay, a sensitivity fell, the file could not be
written) or some labelled films could not be used; 2 bad usage (too few films, no usable model).
"""

from __future__ import annotations

import time

from desktop.cli_output import DISCLAIMER, printable, say, without_library_warnings
from desktop.cli_validate import read_films, write_json
from desktop.engine.adaptation import MIN_FILMS, MIN_PER_CLASS, Adaptation, AdaptationError, adapt_films
from desktop.engine.errors import ModelError
from desktop.engine.labelled import LabelledError, accepted_labels, read_labelled
from desktop.engine.predictor import Predictor, default_model_path
from desktop.engine.site_profile import write_site_profile
from desktop.engine.validation_words import class_words, figure_text

EXIT_OK, EXIT_NOT_WRITTEN, EXIT_USAGE = 0, 1, 2


def add_adapt_parser(commands):
    adapt = commands.add_parser(
        "adapt", help="adapt the model's class head to your own labelled films (a site profile)",
        description="Refit the model's class head on your labelled films, anchored to the model's own head, and "
                    "write a site profile for predict --site, validate --site and the app. Every figure shown is "
                    f"cross-validated on your films. {DISCLAIMER}",
        epilog=f"At least {MIN_FILMS} films, {MIN_PER_CLASS} of each class to adapt. Labels, in any case: "
               f"{accepted_labels()}. Exit status: 0 profile written, 1 not written or some films could not be "
               "used, 2 bad usage or unusable model.")
    adapt.add_argument("labelled", metavar="LABELLED",
                       help="a folder laid out <label>/<file>, or a CSV with columns path,label[,severity]")
    adapt.add_argument("--name", required=True, help="the site's name, shown with every result made with the profile")
    adapt.add_argument("-o", "--output", required=True, metavar="PROFILE.json", help="where to write the site profile")
    adapt.add_argument("--model", metavar="FILE", help="model file (default: assets/models/cxr-triage.onnx)")
    adapt.add_argument("--accept-lower-sensitivity", action="store_true",
                       help="write the profile even when a disease class's cross-validated sensitivity falls")
    adapt.add_argument("--json", metavar="OUT.json", help="also write the cross-validated figures to this JSON file")
    return adapt


def adapt_command(args) -> int:
    return without_library_warnings(_adapt, args)


def _adapt(args) -> int:
    if not args.name.strip():
        say("--name must name the site (it is shown with every result made with the profile).")
        return EXIT_USAGE
    try:
        labelled = read_labelled(args.labelled)
        predictor = Predictor(args.model or default_model_path())
    except (LabelledError, ModelError) as exc:
        say(str(exc))
        return EXIT_USAGE
    for problem in labelled.problems:
        say(problem)
    if not predictor.adaptable:
        say(f"the model {predictor.model_version} has no embedding output, so it cannot be adapted to your films. "
            "Export it again with this version of cxr-export.")
        return EXIT_USAGE
    predictor.keep_embeddings = True
    started = time.perf_counter()
    results = read_films(predictor, labelled.films)
    read_seconds = time.perf_counter() - started
    for result in results:
        if result.error is not None:
            say(result.error)
    try:
        adaptation = adapt_films(predictor, labelled.films, results)
    except AdaptationError as exc:
        say(str(exc))
        return EXIT_USAGE
    fit_seconds = time.perf_counter() - started - read_seconds
    print("\n".join(comparison_lines(adaptation)), flush=True)
    print(f"\n(films read in {read_seconds:.1f} s, head fitted and cross-validated in {fit_seconds:.1f} s)")
    if args.json and not _write_json(args.json, adaptation):
        return EXIT_NOT_WRITTEN
    if not adaptation.pays:
        say(f"no profile written to {args.output}: adapting does not pay on these films.")
        return EXIT_NOT_WRITTEN
    if adaptation.sensitivity_drops and not args.accept_lower_sensitivity:
        names = ", ".join(class_words(c) for c in adaptation.sensitivity_drops)
        say(f"no profile written to {args.output}: the cross-validated sensitivity for {names} falls. "
            "Add --accept-lower-sensitivity to write it anyway.")
        return EXIT_NOT_WRITTEN
    profile = adaptation.to_profile(args.name, predictor.model_sha256, predictor.model_version)
    try:
        write_site_profile(args.output, profile)
    except OSError as exc:
        say(f"the site profile {args.output} could not be written ({exc.strerror or exc}).")
        return EXIT_NOT_WRITTEN
    print(f"\nSite profile written: {printable(args.output)} ({printable(profile.summary())}). Use it with "
          f"cxr-triage predict --site {printable(args.output)}, or load it in the app (Tools).")
    unusable = labelled.problems or any(r.error is not None for r in results)
    return EXIT_NOT_WRITTEN if unusable else EXIT_OK


def comparison_lines(adaptation: Adaptation) -> list[str]:
    """The before/after table (cross-validated), then the plain sentences."""
    lines = [f"Cross-validated on your films ({adaptation.folds} folds): model's own head -> adapted head",
             f"{'class':<10} {'films':>5}  {'sensitivity':<34} {'specificity':<34}"]
    for name in adaptation.classes:
        before, after = adaptation.before["per_class"][name], adaptation.after["per_class"][name]
        cells = [f"{_cell(before[k])} -> {_cell(after[k])}" for k in ("sensitivity", "specificity")]
        lines.append(f"{class_words(name):<10} {adaptation.films[name]:>5}  {cells[0]:<34} {cells[1]:<34}")
    lines.append(f"{'accuracy':<10} {sum(adaptation.films.values()):>5}  "
                 f"{_cell(adaptation.before['accuracy'])} -> {_cell(adaptation.after['accuracy'])}")
    strength = "none beat the model's own head" if adaptation.strength is None else f"{adaptation.strength:g}"
    lines += [f"anchor strength chosen by cross-validation: {strength}", "", "In plain words:"]
    return lines + [f"  {printable(line)}" for line in adaptation.summary_lines()] + ["", DISCLAIMER]


def _cell(figure: dict) -> str:
    return figure_text(figure) if figure["n"] else "–"


def _write_json(path, adaptation: Adaptation) -> bool:
    return write_json(path, {"films": adaptation.films, "adapted_classes": adaptation.adapted_classes,
                             "strength": adaptation.strength, "folds": adaptation.folds,
                             "before": adaptation.before, "after": adaptation.after,
                             "sensitivity_drops": adaptation.sensitivity_drops,
                             "plain_words": adaptation.summary_lines()})
