"""``cxr-triage predict [--json] [--model FILE] [--heatmaps DIR] [--history DB] PATH...``: the command line.

Files and folders (folders recursively, sorted), one result per file in input order. With
``--json`` one JSON object per line (the contract's object), flushed as soon as it is known;
otherwise an aligned table, a summary line and the disclaimer.

``--history DB`` records every result in a history database (the app's store, desktop/engine/history.py),
one committed transaction per film *before* its line is printed, so a run killed at any moment has
every printed result on disk. Films already in it with the same file SHA-256 and model version are not
read again: their stored result is printed, marked ``"skipped": true`` (JSON) or "skipped (already
done)" (table). A rerun of a killed batch thus completes it without duplicates.

Every run logs one line per film (SHA-256 prefix and outcome, never the file name) to
``<data folder>/cxr-triage-predict.log`` (see desktop/engine/logs.py).

Exit status (the contract):
  0  every file was processed: a class was given, or the film was rejected as not a frontal chest
     X-ray (a rejection is a result, not an error);
  1  some files had errors (unreadable, not an image, missing path, or no image file found at all);
  2  bad usage: unknown option, no PATH, or a model that is missing, damaged or not a CXR Triage model.
"""

import argparse
import json
import logging
import os
import sqlite3
import sys
import warnings
from pathlib import Path

from desktop.engine import logs
from desktop.engine.errors import ModelError
from desktop.engine.predictor import Predictor, default_model_path
from desktop.engine.results import TriageResult, error_result, heatmap_overlay

DISCLAIMER = "CXR Triage is an aid for triage, not a diagnosis."
DISPLAY_NAMES = {"normal": "Normal", "pneumonia": "Pneumonia", "covid19": "COVID-19"}
EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2


def get_args_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-triage", description="Offline chest X-ray triage.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    predict = commands.add_parser(
        "predict", help="triage X-ray files and folders",
        description="Triage chest X-ray files (PNG, JPEG, BMP, TIFF, DICOM) and folders (recursively). "
                    f"{DISCLAIMER}",
        epilog="Exit status: 0 all files processed (rejected films count as processed), "
               "1 some files had errors, 2 bad usage or unusable model. A log without file names is "
               f"kept in {logs.log_path('cxr-triage-predict', '<data folder>')} (data folder: "
               f"${logs.DATA_DIR_ENV}, default {logs.data_dir()}).")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="X-ray files and/or folders")
    predict.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    predict.add_argument("--model", metavar="FILE", help="model file (default: assets/models/cxr-triage.onnx)")
    predict.add_argument("--heatmaps", metavar="DIR", help="write <name>_heatmap.png overlays into DIR")
    predict.add_argument("--no-verify-checksum", action="store_true",
                         help="accept a model without a matching .sha256 file (for model development only)")
    predict.add_argument("--threads", type=int, default=None, help="inference threads (default: up to 2)")
    predict.add_argument("--history", metavar="DB",
                         help="record each result in this history database, committed film by film (the "
                              "app's is <data folder>/history.sqlite3); films already in it with the same "
                              "file SHA-256 and model version are not read again but printed from it as "
                              "skipped (already done), so rerunning an interrupted batch completes it")
    return parser


def main(argv=None) -> int:
    try:
        args = get_args_parser().parse_args(argv)
    except SystemExit as exc:   # argparse has printed the usage message
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return predict_command(args)


def predict_command(args) -> int:
    # Libraries' warnings (pydicom: "check that the transfer syntax has been set correctly") are for
    # developers: each file's problem is already its sentence in the output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _predict(args)


def _predict(args) -> int:
    logs.setup_logging("cxr-triage-predict")
    try:
        predictor = Predictor(args.model or default_model_path(), verify_checksum=not args.no_verify_checksum,
                              threads=args.threads)
    except ModelError as exc:
        logs.log_event(f"predict: model refused: {exc}", level=logging.ERROR)
        print(f"cxr-triage: {exc}", file=sys.stderr)
        return EXIT_USAGE
    history = None
    if args.history:
        try:
            history = open_history(args.history)
        except (sqlite3.Error, OSError) as exc:
            print(f"cxr-triage: the history database {args.history} cannot be opened ({exc}).", file=sys.stderr)
            return EXIT_USAGE
    heatmap_dir = Path(args.heatmaps) if args.heatmaps else None
    if heatmap_dir is not None:
        try:
            heatmap_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"cxr-triage: the heatmap folder {heatmap_dir} cannot be created ({exc.strerror}).", file=sys.stderr)
            return EXIT_USAGE

    inputs = expand_inputs(args.paths)
    if not inputs:
        print("cxr-triage: no X-ray files found in " + ", ".join(args.paths) + ".", file=sys.stderr)
        return EXIT_FILE_ERRORS
    logs.log_event(f"predict: {len(inputs)} file(s), model {predictor.model_version}"
                   + (", history on" if history is not None else ""))
    writer = JsonWriter() if args.json else TableWriter(inputs)
    heatmap_names = HeatmapNames()
    errors = skipped_count = 0
    try:
        for path, problem in inputs:
            digest = None if problem else logs.safe_file_sha256(path)
            stored = history.latest(digest, predictor.model_version) if history is not None and digest else None
            if stored is not None:
                result = result_from_history(path, stored)
            else:
                result = error_result(path, problem) if problem else predict_one(predictor, path)
                if history is not None and not problem and not record(history, result, digest, writer):
                    errors += 1
            skipped = stored is not None
            skipped_count += skipped
            log_result(result, digest, skipped)
            if heatmap_dir is not None and result.ok and result.image_record is not None:
                write_heatmap(result, heatmap_dir / heatmap_names.next(path), writer)
            errors += result.error is not None
            writer.write(result, skipped=skipped)
    finally:
        if history is not None:
            history.close()
    writer.finish()
    logs.log_event(f"predict: finished, {len(inputs)} file(s), {errors} error(s), {skipped_count} skipped")
    return EXIT_FILE_ERRORS if errors else EXIT_OK


# --- history and log -------------------------------------------------------------------------------

def open_history(path):
    from desktop.engine.history import HistoryStore
    return HistoryStore(path)


def record(history, result: TriageResult, digest: str | None, writer) -> bool:
    """Commit one result (its own transaction) before it is printed; False, with a note, if it cannot be."""
    from desktop.engine.history import HistoryEntry
    entry = HistoryEntry.from_result(result, digest or "")
    entry.file_path = os.path.abspath(entry.file_path)      # the History tab shows it later, from anywhere
    try:
        history.add(entry)
    except sqlite3.Error as exc:
        writer.note(f"the result of {result.path} could not be recorded in the history ({exc}).")
        return False
    return True


def result_from_history(path: Path, entry) -> TriageResult:
    """A film already read by this model: its stored result (no image, so no heatmap file)."""
    return TriageResult(path=path, label=entry.label, probabilities=dict(entry.probabilities),
                        severity=entry.severity, heatmap=entry.heatmap, ood_score=entry.ood_score,
                        rejected=entry.rejected, reject_reason=entry.reject_reason, error=entry.error,
                        model_version=entry.model_version)


def log_result(result: TriageResult, digest: str | None, skipped: bool) -> None:
    status = "error" if result.error is not None else "rejected" if result.rejected else "done"
    logs.log_film(result.path, digest, status, label=result.label, error=result.error,
                  note="skipped (already done)" if skipped else "")


def expand_inputs(paths) -> list[tuple[Path, str | None]]:
    """Command-line paths -> (file, problem sentence or None), in input order; folders expanded
    recursively and sorted. A path that does not exist is kept, with its problem, so that it gets
    its own line (and exit status 1) instead of stopping the run."""
    from desktop.engine.files import iter_image_files

    inputs = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = list(iter_image_files([path]))
            if not found:
                print(f"cxr-triage: no X-ray files found in the folder {path}.", file=sys.stderr)
            inputs += [(file, None) for file in found]
        elif path.exists():
            inputs.append((path, None))
        else:
            inputs.append((path, f"{path} does not exist (check the file name and folder)."))
    return inputs


def predict_one(predictor: Predictor, path: Path) -> TriageResult:
    try:
        return predictor.predict_path(path)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of hundreds
        return error_result(path, f"{path.name} could not be processed because of an unexpected error "
                                  f"({type(exc).__name__}: {exc}). Please report it.")


# --- heatmap files ---------------------------------------------------------------------------------

class HeatmapNames:
    """``<stem>_heatmap.png``, with ``_2``, ``_3`` ... when two inputs share a stem (e.g. two folders)."""

    def __init__(self):
        self.used = set()

    def next(self, path: Path) -> str:
        name, n = f"{path.stem}_heatmap.png", 1
        while name in self.used:
            n += 1
            name = f"{path.stem}_{n}_heatmap.png"
        self.used.add(name)
        return name


def write_heatmap(result: TriageResult, target: Path, writer) -> None:
    """The X-ray with its heatmap (jet colours) as PNG; rejected films and errors get none."""
    try:
        heatmap_overlay(result.image_record.image, result.heatmap).save(target)
    except OSError as exc:
        writer.note(f"the heatmap {target} could not be written ({exc.strerror or exc}).")


# --- output ----------------------------------------------------------------------------------------

class JsonWriter:
    def write(self, result: TriageResult, skipped: bool = False) -> None:
        row = result.to_json_dict()
        if skipped:
            row["skipped"] = True        # read in an earlier run (--history): the stored result
        print(json.dumps(row, ensure_ascii=False), flush=True)

    def note(self, message: str) -> None:
        print(f"cxr-triage: {message}", file=sys.stderr, flush=True)

    def finish(self) -> None:
        pass


class TableWriter:
    """An aligned table, one row per file as soon as it is known, then a summary and the disclaimer."""

    COLUMNS = ("RESULT", "PROB", "SEVERITY", "OOD")

    def __init__(self, inputs):
        self.width = min(max(len(str(path)) for path, _ in inputs), 60)
        self.counts: dict[str, int] = {}
        self.total = 0
        header = f"{'FILE':<{self.width}}  {'RESULT':<10} {'PROB':>5} {'SEVERITY':>8} {'OOD':>7}  NOTE"
        print(header, flush=True)

    def write(self, result: TriageResult, skipped: bool = False) -> None:
        self.total += 1
        if result.error is not None:
            outcome, key = "ERROR", "errors"
        elif result.rejected:
            outcome, key = "REJECTED", "rejected"
        else:
            outcome = key = DISPLAY_NAMES.get(result.label, result.label)
        self.counts[key] = self.counts.get(key, 0) + 1
        prob = f"{result.confidence:.2f}" if result.ok else "-"
        severity = f"{result.severity:.0%}" if result.ok else "-"
        ood = f"{result.ood_score:.1f}" if result.ood_score is not None else "-"
        note = result.error or result.reject_reason or ""
        if skipped:
            note = "skipped (already done)" + (f"; {note}" if note else "")
        print(f"{_shorten(str(result.path), self.width):<{self.width}}  {outcome:<10} {prob:>5} {severity:>8} "
              f"{ood:>7}  {note}".rstrip(), flush=True)

    def note(self, message: str) -> None:
        print(f"cxr-triage: {message}", file=sys.stderr, flush=True)

    def finish(self) -> None:
        parts = [f"{n} {name}" for name, n in self.counts.items() if name not in ("rejected", "errors")]
        if "rejected" in self.counts:
            parts.append(f"{self.counts['rejected']} rejected")
        if "errors" in self.counts:
            parts.append(f"{self.counts['errors']} with errors")
        files = "file" if self.total == 1 else "files"
        print(f"\n{self.total} {files}: " + ", ".join(parts) + ".")
        print(DISCLAIMER)


def _shorten(text: str, width: int) -> str:
    # Keep the end of a long path: the file name is what a person looks for.
    return text if len(text) <= width else "…" + text[-(width - 1):]
