"""When the history cannot be written or read: one sentence that says why and what to do.

A read-only data folder, a full disk or a damaged ``history.sqlite3`` must not cost the technician
the results: the worker keeps showing them and says once, through ``problem_sentence``, that they
are not being saved (``HistoryBanner``, above the tabs). The History tab shows the same kind of
sentence instead of the table when the history cannot be opened (``HistoryGuard``).
"""

import errno
import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

from desktop.engine.history import HistoryStore
from desktop.ui.wording import translate

STORAGE_ERRORS = (sqlite3.Error, OSError)


def _kind(exc: BaseException) -> str:
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if getattr(exc, "errno", None) in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or code == "SQLITE_FULL" \
            or "disk is full" in text or "no space" in text:
        return "full"
    if code in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "not a database" in text or "malformed" in text:
        return "damaged"
    if code.startswith("SQLITE_BUSY") or code.startswith("SQLITE_LOCKED") or "locked" in text:
        return "locked"
    if isinstance(exc, (PermissionError, NotADirectoryError, FileExistsError)) \
            or getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS) \
            or code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) \
            or "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return "read-only"
    return "other"


def reason_sentence(exc: BaseException, db_path) -> str:
    """Why the history cannot be used, and how to fix it."""
    db_path = Path(db_path)
    kind = _kind(exc)
    if kind == "full":
        return translate("HistoryProblem", "the disk holding {folder} is full. Free some disk space; saving starts "
                                           "again by itself.").format(folder=db_path.parent)
    if kind == "damaged":
        return translate("HistoryProblem", "the history file {path} is damaged. Quit CXR Triage, move that file "
                                           "aside (rename it) and start CXR Triage again: it starts a new, empty "
                                           "history.").format(path=db_path)
    if kind == "locked":
        return translate("HistoryProblem", "the history file {path} is in use by another program. Close that program; "
                                           "saving starts again by itself.").format(path=db_path)
    if kind == "read-only":
        return translate("HistoryProblem", "the folder {folder} cannot be written. Check the permissions of that "
                                           "folder (and that its disk is not read-only or full).").format(
            folder=db_path.parent)
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return translate("HistoryProblem", "the history file {path} could not be written ({detail}). Check that folder's "
                                       "permissions and free disk space.").format(path=db_path, detail=detail)


def problem_sentence(exc: BaseException, db_path) -> str:
    """For the banner while reading: results are shown, not saved."""
    return translate("HistoryProblem", "Results are shown but NOT saved to the history: {reason}").format(
        reason=reason_sentence(exc, db_path))


def unreadable_sentence(exc: BaseException, db_path) -> str:
    """For the History tab when the history cannot be opened."""
    return translate("HistoryProblem", "The history cannot be shown: {reason}").format(
        reason=reason_sentence(exc, db_path))


def probe(db_path) -> str:
    """"" when the history can be opened and read, else the History tab's sentence."""
    try:
        with HistoryStore(db_path) as store:
            store.count()
    except STORAGE_ERRORS as exc:
        return unreadable_sentence(exc, db_path)
    return ""


class HistoryGuard(QObject):
    """Keeps the History tab from raising when the history cannot be opened.

    An event filter on the history panel probes the history when the panel is about to show (the
    Show event reaches a filter before the panel's own showEvent, which opens the database); when
    it cannot be opened, the panel is left unloaded and a sentence covers it. Nothing in the panel
    changes: the guard only watches it, and asks it to reload (``mark_stale``) once it can."""

    def __init__(self, panel, db_path):
        super().__init__(panel)
        self.panel = panel
        self.db_path = db_path
        self.message = QLabel(panel)
        self.message.setObjectName("historyProblem")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMargin(32)
        self.message.setAutoFillBackground(True)        # covers the empty table behind it
        self.message.setAccessibleName(translate("HistoryProblem", "History problem"))
        self.message.hide()
        panel.installEventFilter(self)

    @property
    def problem(self) -> str:
        """The sentence the tab shows now; "" when the history is shown."""
        return "" if self.message.isHidden() else self.message.text()

    def recheck(self) -> str:
        """Probe the history and show the panel or the sentence; returns the sentence ("" when fine)."""
        was = self.problem
        sentence = probe(self.db_path)
        self.message.setText(sentence)
        if sentence:
            self.message.setGeometry(self.panel.rect())
            self.message.raise_()
            self.message.show()
        else:
            self.message.hide()
            if was:
                self.panel.mark_stale()         # readable again: load what it could not before
        return sentence

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel:
            if event.type() == QEvent.Type.Show and self.recheck():
                return True                     # the panel does not load; the sentence shows instead
            if event.type() == QEvent.Type.Resize and self.problem:
                self.message.setGeometry(self.panel.rect())
        return super().eventFilter(watched, event)


class HistoryBanner(QLabel):
    """Above the tabs while results are not being saved: the sentence, once, not per film."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("historyBanner")
        self.setWordWrap(True)
        self.setMargin(8)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("QLabel#historyBanner { background: #fdf0ef; color: #78140f; "
                           "border-bottom: 1px solid #b3261e; font-weight: bold; }")
        self.setAccessibleName(translate("HistoryProblem", "Results not saved"))
        self.hide()

    def show_problem(self, sentence: str) -> None:
        self.setText(sentence)
        self.setVisible(bool(sentence))
