"""A clinic's labelled films through the model: the shared, Qt-free part of ``cxr-triage validate``,
``cxr-triage adapt`` and the app's "Check the model on our films…" and "Adapt to our films…" dialogs.

    results = run_labelled(predictor, labelled.films, cancel=event, progress=callback)
    figures = figures_of(predictor, labelled.films, results)

The films go through the very path of ``cxr-triage predict`` (``FilmPipeline`` and the model's decision
rule, and the site profile when the predictor has one), so a film gets the same numbers here as there.
"""

from __future__ import annotations

import math
import threading
from contextlib import closing

from desktop.engine.pipeline import FilmPipeline
from desktop.engine.predictor import Predictor
from desktop.engine.validation import validation_figures
from desktop.engine.validation_words import card_figures, plain_words


def run_labelled(predictor: Predictor, films, *, cancel: threading.Event | None = None, progress=None,
                 workers: int = 2, batch_size: int = 8) -> list:
    """Each labelled film read and inferred; results in input order, errors kept as results.
    ``progress(done, total)`` is called on this thread after each film. A set ``cancel`` stops the run:
    the results so far are returned (fewer than the films)."""
    results = []
    pipeline = FilmPipeline(predictor, workers=workers, batch_size=batch_size, sha256=False)
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


def validation_document(source, predictor: Predictor, figures: dict, problems: list[str]) -> dict:
    """What ``validate --json`` writes and the PDF report (desktop/ui/validation_report.py) paints: the
    figures, the model card's test-split figures beside them, the plain words and every problem sentence."""
    card = card_figures(predictor.metadata.get("metrics"), predictor.classes)
    site = predictor.site
    return {"labelled": str(source),
            "model": {"file": str(predictor.path), "version": predictor.model_version, "sha256": predictor.sha256},
            "site": None if site is None else {"name": site.name, "films": site.total_films, "created": site.created},
            "figures": figures, "model_card": card, "plain_words": plain_words(figures, card),
            "problems": list(problems)}
