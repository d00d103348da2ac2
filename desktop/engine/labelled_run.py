"""A clinic's labelled films through the model: the shared, Qt-free part of ``cxr-triage validate``,
``cxr-triage adapt`` and the app's "Check the model on our films…" and "Adapt to our films…" dialogs.

    results = run_labelled(predictor, labelled.films, cancel=event, progress=callback)
    figures = figures_of(predictor, labelled.films, results)

The films go through the very path of ``cxr-triage predict`` (``FilmPipeline`` and the model's decision
rule, and the site profile when the predictor has one), so a film gets the same numbers here as there.
``film_rows`` / ``write_film_rows`` are the per-film CSV of ``validate --csv`` and of the app's check.
"""

from __future__ import annotations

import csv
import io
import math
import threading
from contextlib import closing
from pathlib import Path

from desktop.engine.atomic import replace_atomically
from desktop.engine.history_csv import csv_safe
from desktop.engine.pipeline import FilmPipeline
from desktop.engine.predictor import Predictor
from desktop.engine.validation import validation_figures
from desktop.engine.validation_words import card_figures, plain_words

FILM_COLUMNS = ("path", "label", "called")     # then p_<class>..., as cxr-triage validate --csv writes them
FILM_COLUMNS_AFTER = ("severity", "labelled_severity", "ood_score", "rejected", "error")


def run_labelled(predictor: Predictor, films, *, cancel: threading.Event | None = None, progress=None,
                 workers: int = 2, batch_size: int = 8) -> list:
    """Each labelled film read and inferred; results in input order, errors kept as results.
    ``progress(done, total)`` is called on this thread after each film. A set ``cancel`` stops the run:
    the results so far are returned (fewer than the films). Each film is hashed as it is read
    (``result.image_record.sha256``): a profile records the films it was fitted on by their hash, and a
    check says which of its films those are."""
    results = []
    pipeline = FilmPipeline(predictor, workers=workers, batch_size=batch_size, sha256=True)
    run = pipeline.run(range(len(films)), before=lambda i: films[i].path, cancel=cancel)
    with closing(run):
        for _, result in run:
            results.append(result)
            if progress is not None:
                progress(len(results), len(films))
    return results


def figures_of(predictor: Predictor, films, results) -> dict:
    """validation.py's figures for labelled films and their results (same order)."""
    classes = list(predictor.classes)
    outcome = ["error" if r.error is not None else "refused" if r.rejected else "scored" for r in results]
    probabilities = [[r.probabilities.get(c, 0.0) for c in classes] for r in results]
    called = [classes.index(r.label) if r.label in classes else 0 for r in results]
    ood = [math.nan if r.ood_score is None else r.ood_score for r in results]
    severity = [math.nan if r.severity is None else r.severity for r in results]
    labelled_severity = [math.nan if f.severity is None else f.severity for f in films]
    with_severity = any(f.severity is not None for f in films)
    return validation_figures(classes, [classes.index(f.label) for f in films], outcome, probabilities, called,
                              ood, predictor.ood_threshold, labelled_severity if with_severity else None,
                              severity if with_severity else None)


def films_fitted_on(predictor: Predictor, results) -> int | None:
    """How many of the checked films the predictor's site profile was fitted on; None without a profile or
    where the profile does not record its films."""
    if predictor.site is None:
        return None
    return predictor.site.films_fitted_on(r.image_record.sha256 if r.image_record is not None else None
                                          for r in results)


def fitted_on_sentence(name: str, fitted: int | None, films: int) -> str:
    """What a check with a site profile says about the films it was fitted on (``fitted``:
    ``films_fitted_on``); the app words the same in the reader's language (desktop/ui/site_sentences.py)."""
    if fitted is None:
        return (f"Checked with the site profile {name}. If these are the films it was adapted on, the figures "
                "flatter it: check it on other films.")
    if fitted == 0:
        return f"Checked with the site profile {name} on films it was not adapted on."
    if fitted == 1:
        return (f"1 of these {films} films was used to adapt the site profile {name}, so the figures flatter it: "
                "check it on films it was not adapted on.")
    return (f"{fitted} of these {films} films were used to adapt the site profile {name}, so the figures "
            "flatter it: check it on films it was not adapted on.")


def validation_document(source, predictor: Predictor, figures: dict, problems: list[str], results) -> dict:
    """What ``validate --json`` writes and the PDF report (desktop/ui/validation_report.py) paints: the
    figures, the model card's test-split figures beside them, the plain words and every problem sentence.
    With a site profile, ``site.films_fitted_on`` counts the checked films (``results``) it was fitted on."""
    card = card_figures(predictor.metadata.get("metrics"), predictor.classes)
    site = predictor.site
    return {"labelled": str(source),
            "model": {"file": str(predictor.path), "version": predictor.model_version, "sha256": predictor.sha256},
            "site": None if site is None else {"name": site.name, "films": site.total_films, "created": site.created,
                                               "films_fitted_on": films_fitted_on(predictor, results)},
            "figures": figures, "model_card": card, "plain_words": plain_words(figures, card),
            "problems": list(problems)}


def film_rows(films, results, classes) -> list[list]:
    """One row per labelled film, the columns of ``cxr-triage validate --csv``; a path or error that a
    spreadsheet would run as a formula is made inert, as the history's CSV does."""
    rows = [[*FILM_COLUMNS, *[f"p_{c}" for c in classes], *FILM_COLUMNS_AFTER]]
    for film, result in zip(films, results):
        row = result.to_json_dict()
        probabilities = row["probabilities"] or {}
        rows.append([csv_safe(film.path), film.label, row["label"] or "", *[probabilities.get(c, "") for c in classes],
                     _blank(row["severity"]), _blank(film.severity), _blank(row["ood_score"]),
                     str(row["rejected"]).lower(), csv_safe(row["error"] or "")])
    return rows


def write_film_rows(path, rows) -> Path:
    """The per-film CSV (UTF-8 with a BOM, which Excel reads right), written whole or not at all: OSError
    otherwise, and an earlier file of that name stays as it was."""
    return replace_atomically(path, lambda tmp: write_film_rows_to(tmp, rows))


def write_film_rows_to(tmp: str, rows) -> None:
    """The rows as CSV into the (temporary) file ``tmp``."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def _blank(value) -> str:
    return "" if value is None else f"{value:g}"
