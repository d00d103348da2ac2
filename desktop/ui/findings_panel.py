"""FindingsPanel: the selected film's result in words, bars and a gauge, plus its image details.

States it shows: nothing selected, waiting, reading, done (label, probabilities, severity),
rejected (the out-of-distribution sentence, no numbers), error (the engine's sentence).
Patient name / ID / birth date appear only when "hide patient data" is off.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from desktop.ui.film import Film
from desktop.ui.probability_bars import ProbabilityBars
from desktop.ui.severity_gauge import SeverityGauge
from desktop.ui.wording import call_notes, label_in_words, ood_message

# The main tags a technician checks; the engine's other tags (transfer syntax, ...) stay out of the way.
DICOM_TAG_NAMES = {"modality": "Modality", "body_part": "Body part", "view": "View", "study_date": "Study date",
                   "manufacturer": "Manufacturer"}
PATIENT_FIELD_NAMES = {"name": "Patient name", "id": "Patient ID", "birth_date": "Birth date"}


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _humanise(key: str) -> str:
    return key.replace("_", " ").capitalize()


class FindingsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.setAccessibleName(self.tr("Findings"))
        self.setMinimumWidth(280)

        self.file_label = QLabel()
        self.file_label.setObjectName("fileTitle")
        self.file_label.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Result"))
        self.state_note = QLabel()
        self.state_note.setObjectName("stateNote")
        self.state_note.setWordWrap(True)
        self.bars = ProbabilityBars()
        self.gauge = SeverityGauge()
        self.details = QFormLayout()
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.details.setHorizontalSpacing(12)
        self.details_box = QWidget()
        self.details_box.setLayout(self.details)
        self.details_box.setAccessibleName(self.tr("Image details"))

        self.result_box = QWidget()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.setSpacing(8)
        result_layout.addWidget(_section_title(self.tr("Probabilities (calibrated)")))
        result_layout.addWidget(self.bars)
        result_layout.addSpacing(6)
        result_layout.addWidget(_section_title(self.tr("Severity")))
        result_layout.addWidget(self.gauge, 0, Qt.AlignmentFlag.AlignHCenter)

        self.separator = QFrame()
        self.separator.setFrameShape(QFrame.Shape.HLine)
        self.separator.setObjectName("separator")
        self.image_title = _section_title(self.tr("Image"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.file_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.state_note)
        layout.addSpacing(4)
        layout.addWidget(self.result_box)
        layout.addWidget(self.separator)
        layout.addWidget(self.image_title)
        layout.addWidget(self.details_box)
        layout.addStretch(1)
        self.show_film(None)

    def show_film(self, film: Film | None, hide_patient_data: bool = True) -> None:
        self.result_box.setVisible(False)
        self.state_note.setVisible(False)
        self.headline.setProperty("state", "")
        self.image_title.setVisible(film is not None)
        self.separator.setVisible(film is not None)
        if film is None:
            self.file_label.setText(self.tr("No film selected"))
            self.headline.setProperty("state", "empty")
            self.headline.setText(self.tr("Select a film in the worklist to see its result."))
        elif film.status in ("queued", "running", "cancelled"):
            self.file_label.setText(film.name)
            self.headline.setText({"queued": self.tr("Waiting to be read…"),
                                   "running": self.tr("Reading…"),
                                   "cancelled": self.tr("Not read (cancelled).")}[film.status])
        elif film.status == "error":
            self.file_label.setText(film.name)
            self.headline.setProperty("state", "error")
            self.headline.setText(film.error or self.tr("This film could not be read."))
        elif film.status == "rejected":
            self.file_label.setText(film.name)
            self.headline.setProperty("state", "rejected")
            self.headline.setText(ood_message())
            reason = (film.entry.reject_reason or "").strip()
            generic = ood_message().rstrip(".") in reason     # the engine's default says the same
            note = self.tr("The model only reads frontal chest X-rays. "
                           "A clinician must read this film without it.")
            self.state_note.setText(note if not reason or generic else f"{reason}\n{note}")
            self.state_note.setVisible(True)
        else:
            entry = film.entry
            self.file_label.setText(film.name)
            self.headline.setProperty("state", "done")
            self.headline.setText(label_in_words(entry.label))
            self.bars.set_probabilities(entry.probabilities)
            self.gauge.set_value(entry.severity)
            self.result_box.setVisible(True)
            notes = call_notes(entry.label, entry.probabilities)
            if film.from_history:
                notes.append(self.tr("Read earlier by this model version ({when}); not run again.")
                             .format(when=entry.created))
            if notes:
                self.state_note.setText("\n".join(notes))
                self.state_note.setVisible(True)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self._show_details(film, hide_patient_data)

    def _show_details(self, film: Film | None, hide_patient_data: bool) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        self.detail_rows: list[tuple[str, str]] = []
        if film is None:
            return
        info = film.info
        rows = []
        if info.format:
            rows.append((self.tr("Format"), info.format))
        if len(info.original_size) == 2:
            rows.append((self.tr("Size"), f"{info.original_size[0]} × {info.original_size[1]} px"))
        for key, name in DICOM_TAG_NAMES.items():
            value = info.dicom_tags.get(key)
            if value not in (None, ""):
                rows.append((self.tr(name), str(value)))
        if info.patient:
            if hide_patient_data:
                rows.append((self.tr("Patient"), self.tr("hidden (Settings ▸ Hide patient data)")))
            else:
                for key, value in info.patient.items():
                    if value not in (None, ""):
                        rows.append((self.tr(PATIENT_FIELD_NAMES.get(key, _humanise(key))), str(value)))
        if film.entry is not None and film.entry.model_version:
            rows.append((self.tr("Model"), film.entry.model_version))
        self.detail_rows = rows
        for name, value in rows:
            value_label = QLabel(value)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_label.setWordWrap(True)
            self.details.addRow(QLabel(name), value_label)

    def visible_text(self) -> str:
        """Every string the panel shows now (for checks that patient data stays hidden).

        Detail rows come from the list they were built from: new labels become visible only
        on the next event-loop turn."""
        labels = [lb.text() for lb in self.findChildren(QLabel)
                  if lb.isVisibleTo(self) and not self.details_box.isAncestorOf(lb)]
        return "\n".join(labels + [f"{name}: {value}" for name, value in self.detail_rows])
