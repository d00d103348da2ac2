"""One film in the worklist: where it is in the queue and, once read, its result.

Plain data; the worklist model, findings panel, viewer and report all read it.
The result itself is a ``HistoryEntry`` so a fresh reading and one reopened from
the history look the same to every widget.
"""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.engine.history import HistoryEntry


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

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def error(self) -> str | None:
        return None if self.entry is None else self.entry.error

    @property
    def has_findings(self) -> bool:
        """A result a clinician may look at: read, not rejected, no error."""
        return self.status == "done" and self.entry is not None

    @property
    def top_probability(self) -> float | None:
        if not self.has_findings or not self.entry.probabilities:
            return None
        return max(self.entry.probabilities.values())

    def apply(self, outcome: FilmOutcome) -> None:
        self.entry = outcome.entry
        self.info = outcome.info
        self.thumbnail = outcome.thumbnail
        self.from_history = outcome.from_history
        self.status = outcome.entry.status
