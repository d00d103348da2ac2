"""The work of "Adapt to our films…": what ``cxr-triage adapt`` computes, on the job's thread.

The films are read by the model's own head (no site profile, even when the window has one in use): an
adaptation always starts from the model as shipped, and its "before" figures are the model's. Nothing is
written here; the dialog writes the profile only when the user confirms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.labelled_job import JobFailed, list_films, open_predictor, read_films


@dataclass
class AdaptOutcome:
    adaptation: object               # desktop.engine.adaptation.Adaptation
    model_sha256: str                # what the profile is bound to
    model_version: str
    problems: list = field(default_factory=list)      # films not used, each a sentence


def adapt_work(source, model_path, adapt=None):
    """``work(cancel, progress)`` for a LabelledJob: list, load the model, read every film keeping its
    embedding, then ``adapt`` (default: ``adaptation.adapt_films``; the tests may give another)."""
    def work(cancel, progress) -> AdaptOutcome:
        from desktop.engine.adaptation import AdaptationError, adapt_films

        labelled = list_films(source, progress)
        predictor = open_predictor(model_path, progress)
        predictor.keep_embeddings = True
        results = read_films(predictor, labelled.films, cancel, progress)
        problems = labelled.problems + [r.error for r in results if r.error is not None]
        try:
            adaptation = (adapt or adapt_films)(predictor, labelled.films, results, cancel=cancel,
                                                progress=lambda done, total: progress(done, total, "fit"))
        except AdaptationError as exc:
            raise JobFailed(str(exc), problems) from None
        return AdaptOutcome(adaptation, predictor.model_sha256, predictor.model_version, problems)
    return work
