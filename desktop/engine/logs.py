"""The log file: what the app and ``cxr-triage predict`` did, for support, without patient data.

    <data folder>/cxr-triage.log            the desktop app
    <data folder>/cxr-triage-predict.log    the command line

beside the history database (``history.sqlite3``): ``CXR_TRIAGE_DATA_DIR`` overrides the folder
for both. Each file rotates at 1 MB and keeps 3 old copies (``.1`` .. ``.3``), so the logs never
hold more than 8 MB. The app and the command line write separate files: on Windows a file that
another process holds open cannot be renamed, so two programs sharing one rotating file would
fail to rotate it.

Privacy: a film is logged by the first 12 hex digits of the SHA-256 of its bytes (the key of the
history database, so a log line can be matched to a history row) and its outcome; not by its
name, which in clinics often is the patient's name, unless "hide patient data" is off. Error
sentences name the file: the name (and the full path) is replaced by ``<file>``. Only the
``cxr_triage`` logger writes here: libraries' loggers (pydicom warns with tag values, which may
be a patient's name) are not attached.

"Hide patient data" is the app's setting (QSettings, desktop/ui/app_settings.py); tools without
Qt read it with ``hide_patient_data_setting``, where Qt keeps it, and take it as on (the app's
default) whenever it is not there or cannot be read.

A log must never break or clutter a run: if the folder cannot be written, or a write fails,
nothing is logged and nothing is printed.

Qt-free and torch-free (the command line uses it without Qt).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from pathlib import Path

from desktop.engine.integrity import sha256_file

DATA_DIR_ENV = "CXR_TRIAGE_DATA_DIR"
ORGANIZATION = APPLICATION = "CXR Triage"     # the names Qt stores the settings under (QSettings)
LOGGER_NAME = "cxr_triage"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
HASH_PREFIX = 12
FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(message)s"


def data_dir() -> Path:
    """The app's data folder without Qt: what QStandardPaths' AppDataLocation gives for the app's
    organisation and application names (``CXR_TRIAGE_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def log_path(program: str, directory=None) -> Path:
    """``<data folder>/<program>.log``, beside the history database."""
    return Path(directory if directory is not None else data_dir()) / f"{program}.log"


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Drops a record it cannot write (disk full, file locked during rotation) instead of
    printing a traceback on the technician's console."""

    def handleError(self, record) -> None:   # noqa: N802 - logging's name
        pass


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def setup_logging(program: str, directory=None, *, max_bytes: int = LOG_MAX_BYTES,
                  backups: int = LOG_BACKUPS) -> Path | None:
    """Send the ``cxr_triage`` logger to ``<directory or data folder>/<program>.log``.

    Calling it again replaces the previous file (tests, a second window). Returns the log file,
    or None when it cannot be written (then nothing is logged).
    """
    log = logger()
    for handler in list(log.handlers):
        if getattr(handler, "_cxr_triage", False):
            log.removeHandler(handler)
            handler.close()
    log.setLevel(logging.INFO)
    log.propagate = False          # never into the root logger: a host's handlers are its own
    path = log_path(program, directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    except (OSError, ValueError):
        # A logger with no handler falls back to printing on stderr ("logging.lastResort"): log lines
        # must never reach the console, so an unwritable folder means no log at all.
        handler, path = logging.NullHandler(), None
    handler._cxr_triage = True
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    return path


def scrub(text: str | None, path) -> str:
    """``text`` with the file's full path and name replaced by ``<file>``."""
    text = "" if text is None else str(text)
    if path is None:
        return text
    full = os.fspath(path)
    for part in sorted({full, os.path.abspath(full), os.path.basename(full)}, key=len, reverse=True):
        if part:
            text = text.replace(part, "<file>")
    return " ".join(text.split())      # one line per film, whatever the sentence held


def hide_patient_data_setting() -> bool:
    """The app's "hide patient data" switch, read without Qt from where QSettings keeps it for the
    app's organisation and application names: Linux and other Unix ``$XDG_CONFIG_HOME`` (default
    ``~/.config``) ``/CXR Triage/CXR Triage.conf``, Windows the registry
    (``HKEY_CURRENT_USER\\Software\\CXR Triage\\CXR Triage\\privacy``), macOS
    ``~/Library/Preferences/com.cxr-triage.CXR Triage.plist``. On, as in the app, unless it is
    explicitly off there; anything unreadable counts as on."""
    try:
        value = _app_setting("privacy", "hide_patient_data")
    except Exception:  # noqa: BLE001 - a damaged settings file must not stop a run, nor turn privacy off
        return True
    if value is None or isinstance(value, bool):
        return True if value is None else value
    return str(value).strip().strip('"').lower() not in ("false", "0", "no", "off")


def _app_setting(group: str, key: str):
    if sys.platform.startswith("win"):
        import winreg
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, rf"Software\{ORGANIZATION}\{APPLICATION}\{group}") as reg:
            return winreg.QueryValueEx(reg, key)[0]
    if sys.platform == "darwin":
        import plistlib
        domain = "com." + "-".join(ORGANIZATION.lower().split())
        plist = Path.home() / "Library" / "Preferences" / f"{domain}.{APPLICATION}.plist"
        with open(plist, "rb") as fh:
            return plistlib.load(fh).get(f"{group}.{key}")
    import configparser
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    if not parser.read(config / ORGANIZATION / f"{APPLICATION}.conf", encoding="utf-8"):
        return None
    return parser.get(group, key, fallback=None)


def film_id(path, file_hash: str | None, privacy: bool = True) -> str:
    """How a film appears in the log: ``sha256:1a2b3c4d5e6f`` (+ its name when privacy is off)."""
    ident = f"sha256:{file_hash[:HASH_PREFIX]}" if file_hash else "sha256:unknown"
    if not privacy and path is not None:
        ident += f" name={os.path.basename(os.fspath(path))!r}"
    return ident


def log_film(path, file_hash: str | None, status: str, *, label: str | None = None, error: str | None = None,
             model_version: str | None = None, privacy: bool = True, note: str = "") -> None:
    """One line per film: who (hash prefix), what (done + label / rejected / error + its sentence),
    e.g. ``film sha256:1a2b3c4d5e6f error: <file> is empty (0 bytes).``"""
    line = f"film {film_id(path, file_hash, privacy)} {status}"
    if error:
        line += ": " + (scrub(error, path) if privacy else " ".join(str(error).split()))
    if label:
        line += f" label={label}"
    if model_version:
        line += f" model={model_version}"
    if note:
        line += f" ({note})"
    logger().log(logging.WARNING if status == "error" else logging.INFO, line)


def log_event(message: str, *, level: int = logging.INFO) -> None:
    """Program events (start, model loaded or refused, batch summary); no film names in them."""
    logger().log(level, " ".join(str(message).split()))


def safe_file_sha256(path) -> str | None:
    """The film's SHA-256, or None when it cannot be read: never opens a pipe or device (which
    could block forever or never end)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return sha256_file(path)
    except (OSError, ValueError):
        return None
