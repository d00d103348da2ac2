"""One film in the worklist: where it is in the queue and, once read, its result.

Plain data; the worklist model, findings panel, viewer and report all read it.
The result itself is a ``HistoryEntry`` so a fresh reading and one reopened from
the history look the same to every widget.

Privacy: a file name is often the patient's name (``DOE_JANE.dcm``). With "hide patient data" on,
what is stored or written (the history, the log, a PDF and its default name) names a film by the
first 12 hex digits of the SHA-256 of its bytes (``neutral_name``), as the log does; the window
itself still shows the file the technician opened.
"""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.engine import logs
from desktop.engine.history import HistoryEntry, hidden_file_name
from desktop.ui.wording import translate


def neutral_name(file_sha256: str | None) -> str:
    """``sha256:1a2b3c4d5e6f``: a film's name where names are hidden (the log's name for it too)."""
    return hidden_file_name(file_sha256) if file_sha256 else translate("Film", "file name hidden")


def hide_names(text: str | None, path) -> str | None:
    """``text`` (an error sentence) with the file's path and name replaced by ``<file>``."""
    return None if text is None else logs.scrub(text, path)


@dataclass
class ImageInfo:
    """What the app shows about the file itself (not the model's result)."""
    format: str = ""
    original_size: tuple = ()
    dicom_tags: dict = field(default_factory=dict)
    patient: dict = field(default_factory=dict)     # shown only with privacy off; never stored

    @classmethod
    def from_record(cls, record) -> "ImageInfo":
        if record is None:
            return cls()
        return cls(format=str(getattr(record, "format", "") or ""),
                   original_size=tuple(getattr(record, "original_size", ()) or ()),
                   dicom_tags=dict(getattr(record, "dicom_tags", None) or {}),
                   patient=dict(getattr(record, "patient", None) or {}))


@dataclass
class FilmOutcome:
    """What the worker sends back for one film (built off the GUI thread)."""
    path: str
    entry: HistoryEntry
    info: ImageInfo
    thumbnail: QImage | None = None
    display_image: QImage | None = None      # grayscale, long side capped for the viewer
    from_history: bool = False               # already read by this model: not run again


@dataclass
class Film:
    path: Path
    status: str = "queued"                   # queued / running / done / error / rejected / cancelled
    entry: HistoryEntry | None = None
    info: ImageInfo = field(default_factory=ImageInfo)
    thumbnail: QImage | None = None
    from_history: bool = False
    restored: bool = False                   # brought back from the last session (worklist_session.py)
    duplicate_of: str | None = None          # the name of the row listed first with the same SHA-256

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def key(self) -> str:
        """The worklist's handle on this row. A film opened now is its path (opening it again re-reads
        it in place); a restored one is its history row, because two restored films can share a name
        (``sha256:…`` while names are hidden, "file name hidden" for an unopenable file)."""
        if self.restored and self.entry is not None and self.entry.id is not None:
            return f"history:{self.entry.id}"
        return str(self.path)

    @property
    def sha256(self) -> str:
        return self.entry.file_sha256 if self.entry is not None else ""

    def shown_name(self, hide_patient_data: bool) -> str:
        """The name to write into a record or a file (PDF): neutral while names are hidden."""
        if not hide_patient_data:
            return self.name
        return neutral_name(self.sha256)

    def shown_error(self, hide_patient_data: bool) -> str | None:
        return hide_names(self.error, self.path) if hide_patient_data else self.error

    def file_stem(self, hide_patient_data: bool) -> str:
        """For default file names (``<stem>-triage.pdf``): the name, or the hash prefix while hidden."""
        if not hide_patient_data:
            return self.path.stem
        return self.sha256[:logs.HASH_PREFIX] if self.sha256 else "cxr-triage"

    @property
    def error(self) -> str | None:
        return None if self.entry is None else self.entry.error

    @property
    def has_findings(self) -> bool:
        """A result a clinician may look at: read, not rejected, no error."""
        return self.status == "done" and self.entry is not None

    @property
    def call_probability(self) -> float | None:
        """The calibrated probability of the class called: the top one, except where an operating point
        calls a class from a lower probability (wording.operating_point_note)."""
        if not self.has_findings or not self.entry.label:
            return None
        return self.entry.probabilities.get(self.entry.label)

    def apply(self, outcome: FilmOutcome) -> None:
        self.entry = outcome.entry
        self.info = outcome.info
        self.thumbnail = outcome.thumbnail
        self.from_history = outcome.from_history
        self.status = outcome.entry.status
