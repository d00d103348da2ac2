"""What ``cxr-triage predict`` prints: JSON lines, the table, and notes on stderr.

File names come from anywhere (a USB stick, a PACS export, someone's prank) and are printed on a
terminal: a name holding "cursor up, erase line" would erase the row above it. So every
human-readable text (table rows, notes, error messages) shows control characters (C0, DEL, C1),
bidirectional overrides and line separators as escapes (``\\x1b``, ``\\u202e``), and bytes of a
name that are not valid UTF-8 as ``\\xff``. JSON lines are ``json.dumps(..., ensure_ascii=False)``,
which escapes C0 only, so the rest are written as JSON ``\\uXXXX`` escapes: the parsed values are
unchanged (the contract), readable non-ASCII names stay readable, and the bytes are safe on a
terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import warnings

from desktop.engine.results import TriageResult
from desktop.engine.contract import DISPLAY_NAMES

DISCLAIMER = "CXR Triage is an aid for triage, not a diagnosis."

# C0, DEL, C1; Arabic letter mark, LRM/RLM, line/paragraph separators, bidi embeddings, overrides
# and isolates; lone surrogates (undecodable bytes of a file name, which no terminal can print).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text) -> str:
    """``text`` safe to print on a terminal, on one line (see the module)."""
    return _UNSAFE.sub(_escape, str(text))


def printable_lines(text) -> str:
    """Like ``printable``, but line breaks stay (argparse's usage and help)."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


def _escape(match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:          # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def json_line(row: dict) -> str:
    text = json.dumps(row, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def without_library_warnings(command, args) -> int:
    """Run a command with libraries' warnings off (pydicom: "check that the transfer syntax has been set
    correctly"): they are for developers, and each file's problem is already its sentence in the output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return command(args)


def say(message: str) -> None:
    """A note or error message on stderr, ``cxr-triage: ...``."""
    print(f"cxr-triage: {printable(message)}", file=sys.stderr, flush=True)


class Parser(argparse.ArgumentParser):
    """argparse, with what it quotes from the command line (unknown options) made printable."""

    def _print_message(self, message, file=None):
        super()._print_message(printable_lines(message) if message else message, file)


def never_fail_on_encoding() -> None:
    """A console that cannot show a character (Windows cp1252 and a file named in Chinese) prints
    ``\\u4e2d`` instead of ending the run with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):   # replaced by a test's capture, or closed
            pass


def discard_stdout() -> None:
    """After a BrokenPipeError (``predict ... | head``): Python flushes stdout once more at exit,
    and into the closed pipe that would print another error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


class JsonWriter:
    def write(self, result: TriageResult, skipped: bool = False, heatmap: str | None = None) -> None:
        row = result.to_json_dict()
        if skipped:
            row["skipped"] = True        # read in an earlier run (--history): the stored result
        print(json_line(row), flush=True)

    def note(self, message: str) -> None:
        say(message)

    def finish(self) -> None:
        pass


class TableWriter:
    """An aligned table, one row per file as soon as it is known, then a summary and the disclaimer."""

    COLUMNS = ("RESULT", "PROB", "SEVERITY", "OOD")

    def __init__(self, inputs):
        self.width = min(max(len(printable(path)) for path, _ in inputs), 60)
        self.counts: dict[str, int] = {}
        self.total = 0
        header = f"{'FILE':<{self.width}}  {'RESULT':<10} {'PROB':>5} {'SEVERITY':>8} {'OOD':>7}  NOTE"
        print(header, flush=True)

    def write(self, result: TriageResult, skipped: bool = False, heatmap: str | None = None) -> None:
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
        notes = ["skipped (already done)"] if skipped else []
        notes += [text for text in (result.error, result.reject_reason) if text]
        if heatmap:
            notes.append(f"heatmap {heatmap}")
        print(f"{_shorten(printable(result.path), self.width):<{self.width}}  {printable(outcome):<10} {prob:>5} "
              f"{severity:>8} {ood:>7}  {printable('; '.join(notes))}".rstrip(), flush=True)

    def note(self, message: str) -> None:
        say(message)

    def finish(self) -> None:
        parts = [f"{n} {name}" for name, n in self.counts.items() if name not in ("rejected", "errors")]
        if "rejected" in self.counts:
            parts.append(f"{self.counts['rejected']} rejected")
        if "errors" in self.counts:
            parts.append(f"{self.counts['errors']} with errors")
        files = "file" if self.total == 1 else "files"
        print(f"\n{self.total} {files}: " + printable(", ".join(parts)) + ".")
        print(DISCLAIMER)


def _shorten(text: str, width: int) -> str:
    # Keep the end of a long path: the file name is what a person looks for.
    return text if len(text) <= width else "…" + text[-(width - 1):]
