"""LabelledJob: one run of the model over a clinic's labelled films (Tools ▸ "Check the model on our
films…" and "Adapt to our films…"), on a thread of its own.

Why a thread of its own and not the app's inference worker: the job opens its own ``Predictor`` (the
window's lives on the worker's thread and may carry another site profile), and it may take minutes; the
window and its worklist stay usable meanwhile. The work is a plain function ``work(cancel, progress)``
(desktop/ui/site_check_job.py, desktop/ui/site_adapt_job.py), so what it computes is tested without Qt.

Why the jobs are kept in ``_RUNNING`` rather than owned by their dialog: a QThread destroyed while it
runs aborts the program. A dialog closed mid-run sets the job's cancel Event and lets go; the job
forgets itself when its thread has finished, and the app's ``aboutToQuit`` stops and waits for any
still running.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThread, QTimer, Signal

from desktop.ui.wording import translate

_RUNNING: set = set()
_QUIT_HOOKED = False


class JobCancelled(Exception):
    """The user pressed Cancel; the work stopped before its end."""


class JobFailed(Exception):
    """The work cannot give a result; ``str(exc)`` is the sentence, ``problems`` the films it could not use."""

    def __init__(self, sentence: str, problems: list[str] | None = None):
        super().__init__(sentence)
        self.problems = list(problems or [])


class LabelledJob(QThread):
    """Runs ``work(cancel, progress)`` once; exactly one of succeeded, failed or cancelled follows."""

    progress = Signal(int, int, str)    # done, total, phase: "model", "read" or "fit"
    succeeded = Signal(object)          # what the work returned
    failed = Signal(str, list)          # the sentence, the problem sentences
    cancelled = Signal()

    def __init__(self, work, failure_text: str):
        super().__init__()
        self.work = work
        self.failure_text = failure_text        # "The check stopped: {error}", for an unforeseen error
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            outcome = self.work(self.cancel, self._report)
            if self.cancel.is_set():
                raise JobCancelled()
        except JobCancelled:
            self.cancelled.emit()
        except JobFailed as exc:
            if self.cancel.is_set():
                self.cancelled.emit()       # e.g. the adaptation refuses "cancelled": Cancel said it already
            else:
                self.failed.emit(str(exc), exc.problems)
        except Exception as exc:  # noqa: BLE001 - any failure is said in a sentence, never a traceback
            if self.cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(self.failure_text.format(error=str(exc) or type(exc).__name__), [])
        else:
            self.succeeded.emit(outcome)

    def _report(self, done: int, total: int, phase: str = "read") -> None:
        self.progress.emit(int(done), int(total), phase)

    def _forget(self) -> None:
        """On ``finished``, in the GUI thread (this QThread object lives there): let the job go, from the
        event loop rather than here, since dropping the last reference deletes the object whose slot this is."""
        QTimer.singleShot(0, lambda: _RUNNING.discard(self))


def start_job(job: LabelledJob) -> LabelledJob:
    """Start ``job`` and keep it alive until its thread has finished (see the module's docstring)."""
    global _QUIT_HOOKED
    app = QCoreApplication.instance()
    if app is not None and not _QUIT_HOOKED:
        app.aboutToQuit.connect(stop_all_jobs)
        _QUIT_HOOKED = True
    _RUNNING.add(job)
    job.finished.connect(job._forget)
    job.start()
    return job


def running_jobs() -> list[LabelledJob]:
    """Jobs whose thread has not yet finished (the tests check it is empty after a cancel)."""
    return [job for job in _RUNNING if not job.isFinished()]


def stop_all_jobs(timeout_ms: int = 30_000) -> None:
    """Cancel every job and wait for its thread: a film run stops after the film being read."""
    for job in list(_RUNNING):
        job.cancel.set()
    for job in list(_RUNNING):
        job.wait(timeout_ms)


def progress_text(done: int, total: int, phase: str) -> str:
    """What the progress bar says in each phase of a job."""
    if phase == "model":
        return translate("LabelledJob", "Loading the model…")
    if phase == "list":
        return translate("LabelledJob", "Listing the labelled films…")
    if phase == "fit":
        return translate("LabelledJob", "Adapting: {done} of {total} cross-validation fits").format(
            done=done, total=total)
    return translate("LabelledJob", "{done} of {total} films read").format(done=done, total=total)


# --- the steps both jobs share, run on the job's thread (engine imports here: onnxruntime is slow to import) --

def list_films(source, progress):
    """The labelled films of a folder or CSV; JobFailed when there is none to use."""
    from desktop.engine.labelled import LabelledError, read_labelled

    progress(0, 0, "list")
    try:
        labelled = read_labelled(source)
    except LabelledError as exc:
        raise JobFailed(str(exc)) from None
    if not labelled.films:
        raise JobFailed(translate("LabelledJob", "There are no labelled films to use in {source}: put each film in a "
                                                 "folder named after its label (normal, pneumonia, covid19), or list "
                                                 "them in a CSV with columns path,label.").format(source=source),
                        labelled.problems)
    return labelled


def open_predictor(model_path, progress, site=None):
    """A Predictor of its own for the job (``model_path`` None: the default model), with ``site`` (the
    SiteProfile the window applies, already read: the job measures that very head, not whatever the file
    holds now) applied; JobFailed with the engine's sentence when either cannot be used."""
    from desktop.engine.errors import ModelError
    from desktop.engine.predictor import Predictor, default_model_path
    from desktop.engine.site_profile import SiteProfileError

    progress(0, 0, "model")
    try:
        predictor = Predictor(model_path or default_model_path())
    except ModelError as exc:
        raise JobFailed(str(exc)) from None
    if site is not None:
        try:
            predictor.set_site(site)
        except SiteProfileError as exc:
            raise JobFailed(str(exc)) from None
    return predictor


def read_films(predictor, films, cancel, progress) -> list:
    """Every film through predict's pipeline; JobCancelled when Cancel stopped it before the last film."""
    from desktop.engine.labelled_run import run_labelled

    if cancel.is_set():
        raise JobCancelled()
    results = run_labelled(predictor, films, cancel=cancel, progress=lambda done, total: progress(done, total, "read"))
    if cancel.is_set() or len(results) < len(films):
        raise JobCancelled()
    return results
