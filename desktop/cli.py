"""``cxr-triage predict [--json] [--model FILE] [--heatmaps DIR] [--history DB] PATH...``: the command line.

Files and folders (folders recursively, sorted), one result per file in input order. With
``--json`` one JSON object per line (the contract's object), flushed as soon as it is known;
otherwise an aligned table, a summary line and the disclaimer. A folder that cannot be listed (or
an entry that cannot be checked) gets its own error line after the files found beside it.

``--history DB`` records every result in a history database (the app's store, desktop/engine/history.py),
one committed transaction per film *before* its line is printed, so a run killed at any moment has
every printed result on disk. Films already in it with the same file SHA-256 and model version are not
read again: their stored result is printed, marked ``"skipped": true`` (JSON) or "skipped (already
done)" (table). A rerun of a killed batch thus completes it without duplicates. That SHA-256, taken
before the film is read, only ever finds a stored result: a new result is stored under the SHA-256 of
the very bytes it was computed from (``load_xray(..., sha256=True)``), so a file replaced between
the two cannot file one film's result under another's.

Films are read ahead on a few threads and inferred in small batches (desktop/engine/pipeline.py);
results are still recorded and printed one film at a time, in input order.

"Hide patient data" (the app's setting, read without Qt; ``--hide-patient-data`` /
``--show-patient-data`` override it): when on, nothing but the printed line names the file: the
history stores ``sha256:`` + the first 12 hex digits of the SHA-256 instead of the path (as the app
does, desktop/engine/history.py ``without_names``) and ``<file>`` for the
name in error sentences, heatmaps are named by that prefix, the log has no names.

Every run logs one line per film (SHA-256 prefix and outcome; the file name only with privacy off)
to ``<data folder>/cxr-triage-predict.log`` (see desktop/engine/logs.py).

Over 300 lines because the predict loop, its history and privacy rules and its exit status are one
command; the output writers (cli_output), heatmap files and validate are modules of their own.

Exit status (the contract):
  0  every file was processed: a class was given, or the film was rejected as not a frontal chest
     X-ray (a rejection is a result, not an error);
  1  some files had errors (unreadable, not an image, missing path, a folder that cannot be listed,
     or no image file found at all), a heatmap could not be written, or the output was closed early;
  2  bad usage: unknown option, no PATH, or a model that is missing, damaged or not a CXR Triage model.
"""

import argparse
import errno
import logging
import os
import sqlite3
import stat
import sys
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from desktop.cli_output import (DISCLAIMER, JsonWriter, Parser, TableWriter, discard_stdout,
                                never_fail_on_encoding, say, without_library_warnings)
from desktop.cli_adapt import add_adapt_parser, adapt_command
from desktop.cli_validate import add_validate_parser, use_site, validate_command
from desktop.engine import logs
from desktop.engine.errors import ModelError
from desktop.engine.files import is_supported_name
from desktop.engine.pipeline import FilmPipeline
from desktop.engine.predictor import Predictor, default_model_path
from desktop.engine.results import TriageResult, error_result

__all__ = ["DISCLAIMER", "main", "get_args_parser"]
EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2
DASH_HINT = "to read a file whose name starts with '-', put -- before it (cxr-triage predict -- -scan.jpg)."


def get_args_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="cxr-triage", description="Offline chest X-ray triage.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    predict = commands.add_parser(
        "predict", help="triage X-ray files and folders",
        description="Triage chest X-ray files (PNG, JPEG, BMP, TIFF, DICOM) and folders (recursively). "
                    f"{DISCLAIMER}",
        epilog="Put -- before files whose names start with '-' (-- ends the options): "
               "predict --json -- -scan.jpg. "
               "Exit status: 0 all files processed (rejected films count as processed), "
               "1 some files had errors, a folder could not be listed or a heatmap could not be written, "
               "2 bad usage or unusable model. A log without file names (unless patient data are shown) is "
               f"kept in {logs.log_path('cxr-triage-predict', '<data folder>')} (data folder: "
               f"${logs.DATA_DIR_ENV}, default {logs.data_dir()}).")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="X-ray files and/or folders")
    predict.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    predict.add_argument("--model", metavar="FILE", help="model file (default: assets/models/cxr-triage.onnx)")
    predict.add_argument("--heatmaps", metavar="DIR",
                         help="write an overlay PNG per classified film into DIR (also for films skipped with "
                              "--history): <name>_heatmap.png, or <first 12 hex digits of the film's SHA-256>"
                              "_heatmap.png while patient data are hidden; never over an existing file or "
                              "link (then _2, _3 ... is added)")
    predict.add_argument("--site", metavar="PROFILE.json",
                         help="apply a site profile (cxr-triage adapt): probabilities and calls come from the head "
                              "adapted to your films, and each JSON line carries \"site\" and the model's own "
                              "probabilities")
    predict.add_argument("--no-verify-checksum", action="store_true",
                         help="accept a model without a matching .sha256 file (for model development only)")
    predict.add_argument("--threads", type=int, default=None, help="inference threads (default: up to 2)")
    predict.add_argument("--history", metavar="DB",
                         help="record each result in this history database, committed film by film (the "
                              "app's is <data folder>/history.sqlite3); films already in it with the same "
                              "file SHA-256 and model version are not read again but printed from it as "
                              "skipped (already done), so rerunning an interrupted batch completes it")
    parser.predict_parser = predict
    privacy = predict.add_mutually_exclusive_group()
    privacy.add_argument("--hide-patient-data", dest="hide_patient_data", action="store_const", const=True,
                         default=None,
                         help="keep file names (often the patient's name) out of everything but the printed "
                              "lines: the history stores sha256:<first 12 hex digits of the film's SHA-256> "
                              "instead of its path and <file> in error sentences, heatmaps are named by "
                              "that prefix, the log has no names (default: the app's \"Hide patient data\" "
                              "setting, which is on unless turned off in the app's Settings)")
    privacy.add_argument("--show-patient-data", dest="hide_patient_data", action="store_const", const=False,
                         help="store paths in the history and name heatmaps after their films, as with "
                              "\"Hide patient data\" off")
    add_validate_parser(commands)
    add_adapt_parser(commands)
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    never_fail_on_encoding()
    try:
        try:
            args = get_args_parser().parse_args(argv)
        except SystemExit as exc:   # argparse has printed the usage message
            code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
            if code == EXIT_USAGE and _names_a_dashed_file(argv):
                say(DASH_HINT)
            return code
        commands = {"validate": validate_command, "adapt": adapt_command}
        return commands.get(args.command, predict_command)(args)
    except BrokenPipeError:         # `predict ... | head`: the reader has gone; stop quietly
        discard_stdout()
        logs.log_event("predict: stopped, its output was closed before the end")
        return EXIT_FILE_ERRORS


def _names_a_dashed_file(argv) -> bool:
    """An option-like word that is a file (or looks like an X-ray's name): the user meant a file."""
    words = argv[:argv.index("--")] if "--" in argv else argv
    known = set(get_args_parser().predict_parser._option_string_actions)    # argparse has no public list
    return any(word.startswith("-") and len(word) > 1 and word.split("=", 1)[0] not in known
               and (is_supported_name(word) or os.path.exists(word)) for word in words)


def predict_command(args) -> int:
    return without_library_warnings(_predict, args)


def _predict(args) -> int:
    logs.setup_logging("cxr-triage-predict")
    privacy = args.hide_patient_data if args.hide_patient_data is not None else logs.hide_patient_data_setting()
    try:
        predictor = Predictor(args.model or default_model_path(), verify_checksum=not args.no_verify_checksum,
                              threads=args.threads)
    except ModelError as exc:
        logs.log_event(f"predict: model refused: {exc}", level=logging.ERROR)
        say(str(exc))
        return EXIT_USAGE
    if not use_site(predictor, args.site):
        return EXIT_USAGE
    history = None
    if args.history:
        try:
            history = open_history(args.history)
        except (sqlite3.Error, OSError) as exc:
            say(f"the history database {args.history} cannot be opened ({exc}).")
            return EXIT_USAGE
    heatmaps = None
    if args.heatmaps:
        from desktop.engine.heatmap_files import HeatmapFolder
        try:
            Path(args.heatmaps).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            say(f"the heatmap folder {args.heatmaps} cannot be created ({exc.strerror}).")
            return EXIT_USAGE
        heatmaps = HeatmapFolder(args.heatmaps)

    inputs = expand_inputs(args.paths)
    if not inputs:
        say("no X-ray files found in " + ", ".join(args.paths) + ".")
        return EXIT_FILE_ERRORS
    logs.log_event(f"predict: {len(inputs)} file(s), model {predictor.model_version}"
                   + (", history on" if history is not None else "") + ("" if privacy else ", names shown"))
    writer = JsonWriter() if args.json else TableWriter(inputs)
    errors = skipped_count = heatmap_failures = 0
    try:
        films = FilmPipeline(predictor).run(inputs, before=lambda entry: look_up(predictor, history, *entry))
        with closing(films):
            for (path, _), outcome in films:
                fresh = not isinstance(outcome, Triaged)        # read now, not settled before reading
                result, digest, skipped = read_outcome(path, outcome) if fresh else outcome
                if history is not None and fresh and not record(history, result, digest, writer, privacy,
                                                                     predictor.site):
                    errors += 1
                skipped_count += skipped
                log_result(result, digest, skipped, privacy)
                heatmap = None
                if heatmaps is not None and result.ok:
                    heatmap = write_heatmap(heatmaps, predictor, result, digest, skipped, privacy, writer)
                    heatmap_failures += heatmap is None
                errors += result.error is not None
                writer.write(result, skipped=skipped, heatmap=heatmap)
    finally:
        if history is not None:
            history.close()
    writer.finish()
    logs.log_event(f"predict: finished, {len(inputs)} file(s), {errors} error(s), {skipped_count} skipped"
                   + (f", {heatmap_failures} heatmap(s) not written" if heatmap_failures else ""))
    return EXIT_FILE_ERRORS if errors or heatmap_failures else EXIT_OK


class Triaged(NamedTuple):
    """An input settled before reading (a problem found when listing, a result in the history), or a
    film just read: its result, the SHA-256 it is filed under, and whether it came from the history."""
    result: TriageResult
    digest: str | None
    skipped: bool


def look_up(predictor: Predictor, history, path: Path, problem: str | None):
    """Run as each input enters the pipeline: a Triaged input, or the path to read.

    The SHA-256 taken here only finds a stored result; a new result is filed under the SHA-256 of the
    bytes it was decoded from (``read_outcome``).
    """
    if problem:
        return Triaged(error_result(path, problem), None, False)
    if history is not None:
        seen = logs.safe_file_sha256(path)
        # Only a result made with the same site profile (or none, as now) is reused.
        from desktop.engine.history import site_key
        site = None if predictor.site is None else site_key(predictor.site)
        stored = history.latest(seen, predictor.model_version, site) if seen else None
        if stored is not None:
            return Triaged(result_from_history(path, stored), seen, True)
    return path


def read_outcome(path: Path, result: TriageResult) -> Triaged:
    """A film just read, filed under the SHA-256 of the bytes decoded. An error has no decoded bytes:
    it is filed under the file's SHA-256 taken after the failed read (for support; errors are never
    served from the history)."""
    digest = getattr(result.image_record, "sha256", None)
    if result.error is not None:
        digest = logs.safe_file_sha256(path)
    return Triaged(result, digest, False)


# --- history and log -------------------------------------------------------------------------------

def open_history(path):
    from desktop.engine.history import HistoryStore
    return HistoryStore(path)


def record(history, result: TriageResult, digest: str | None, writer, privacy: bool, site_profile=None) -> bool:
    """Commit one result (its own transaction) before it is printed; False, with a note, if it cannot be.
    With privacy on the row names no file: the SHA-256 prefix for the path, ``<file>`` in sentences."""
    from desktop.engine.history import HistoryEntry
    entry = HistoryEntry.from_result(result, digest or "", site_profile)
    if privacy:
        entry = entry.without_names(result.path)
    else:
        entry.file_path = os.path.abspath(entry.file_path)      # the History tab shows it later, from anywhere
    try:
        history.add(entry)
    except sqlite3.Error as exc:
        writer.note(f"the result of {result.path} could not be recorded in the history ({exc}).")
        return False
    return True


def result_from_history(path: Path, entry) -> TriageResult:
    """A film already read by this model: its stored result (no image: see write_heatmap)."""
    return TriageResult(path=path, label=entry.label, probabilities=dict(entry.probabilities),
                        severity=entry.severity, heatmap=entry.heatmap, ood_score=entry.ood_score,
                        rejected=entry.rejected, reject_reason=entry.reject_reason, error=entry.error,
                        model_version=entry.model_version, site=entry.site,
                        model_probabilities=entry.model_probabilities, heatmap_class=entry.heatmap_class)


def log_result(result: TriageResult, digest: str | None, skipped: bool, privacy: bool = True) -> None:
    status = "error" if result.error is not None else "rejected" if result.rejected else "done"
    logs.log_film(result.path, digest, status, label=result.label, error=result.error, privacy=privacy,
                  note="skipped (already done)" if skipped else "")


def expand_inputs(paths) -> list[tuple[Path, str | None]]:
    """Command-line paths -> (file, problem sentence or None), in input order; folders expanded
    recursively and sorted, then each folder or entry in them that could not be listed, with its
    sentence. A path that does not exist or cannot be reached is kept, with its problem, so that
    it gets its own line (and exit status 1) instead of stopping the run."""
    from desktop.engine.files import iter_image_files

    inputs = []
    for raw in paths:
        path = Path(raw)
        is_dir, problem = _look_at(path)
        if is_dir:
            unlisted = []
            found = iter_image_files([path], on_error=lambda where, why: unlisted.append((Path(where), why)))
            if not found and not unlisted:
                say(f"no X-ray files found in the folder {path}.")
            inputs += [(file, None) for file in found] + unlisted
        else:
            inputs.append((path, problem))
    return inputs


def _look_at(path: Path) -> tuple[bool, str | None]:
    """(is a folder, problem sentence or None) for a path named on the command line."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return False, f"{path} does not exist (check the file name and folder)."
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return False, (f"{path.name} cannot be opened: its full path is too long for the system "
                           f"({len(str(path)):,} characters). Move it to a folder with a shorter path.")
        return False, f"{path.name or path} cannot be opened ({exc.strerror or exc})."
    return stat.S_ISDIR(st.st_mode), None


# --- heatmap files ---------------------------------------------------------------------------------

def write_heatmap(heatmaps, predictor: Predictor, result: TriageResult, digest: str | None, skipped: bool,
                  privacy: bool, writer) -> str | None:
    """The overlay PNG of a classified film (also one served from the history); its file name, or
    None with a note (desktop/engine/heatmap_files.py says how and where)."""
    from desktop.engine.heatmap_files import HeatmapError, write_overlay
    try:
        return write_overlay(heatmaps, result, digest, from_history=skipped, input_size=predictor.input_size,
                             hide_patient_data=privacy).name
    except HeatmapError as exc:
        writer.note(str(exc))
        return None
