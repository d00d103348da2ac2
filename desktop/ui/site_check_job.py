"""The work of "Check the model on our films…": what ``cxr-triage validate`` computes, on the job's thread.

The check measures the model as the app uses it: when the window has a site profile in use, the job's
own Predictor applies that same profile. The per-film rows are made here, on the job's thread, so that
the results (each holding its decoded film) are let go before the dialog gets the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.labelled_job import list_films, open_predictor, read_films

@dataclass
class CheckOutcome:
    document: dict                              # labelled_run.validation_document: figures, card, plain words
    film_rows: list = field(default_factory=list)     # header first, then one row per film


def check_work(source, model_path, site=None):
    """``work(cancel, progress)`` for a LabelledJob: list, load the model (and the site profile), read
    every film, then the figures."""
    def work(cancel, progress) -> CheckOutcome:
        from desktop.engine.labelled_run import figures_of, film_rows, validation_document

        labelled = list_films(source, progress)
        predictor = open_predictor(model_path, progress, site)
        results = read_films(predictor, labelled.films, cancel, progress)
        errors = [r.error for r in results if r.error is not None]
        figures = figures_of(predictor, labelled.films, results)
        document = validation_document(source, predictor, figures, labelled.problems + errors, results)
        return CheckOutcome(document, film_rows(labelled.films, results, predictor.classes))
    return work
