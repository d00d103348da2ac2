"""FindingsPanel: the selected film's result in words, bars and a gauge, plus its image details.

States it shows: nothing selected, waiting, reading, done (label, probabilities, severity),
rejected (the out-of-distribution sentence, no numbers), error (the engine's sentence and what to do).
A done film's heading is firm only from ``FIRM_CALL_PROBABILITY`` on, else "uncertain" with what
the model leans to; severity appears only with a pneumonia-type call, with its caveat; the heatmap
section names the class it explains and warns when its weight lies mostly outside the lungs.
A result made with a site profile shows the adapted probabilities in the bars, names the profile, says
the model's own probabilities under them, and, when the adapted call is not the class the heatmap
explains (the model's own most probable one), says so under the heading (site_wording.py).
Patient name / ID / birth date appear only when "hide patient data" is off.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from desktop.engine.heatmap_attention import looked_outside_lungs
from desktop.engine.local_time import local_time_text
from desktop.ui.film import Film
from desktop.ui.probability_bars import ProbabilityBars
from desktop.ui.severity_gauge import SeverityGauge
from desktop.ui.site_wording import (entry_site_summary, heatmap_other_class_note, made_with_line, model_own_line,
                                     probabilities_title)
from desktop.ui.wording import (call_detail, call_notes, firm_rule, headline, heatmap_caption, is_firm_call,
                                ood_message, outside_lungs_warning, severity_caveat, shows_severity,
                                specific_reject_reason, translate, unreadable_advice)

# The main tags a technician checks; the engine's other tags (transfer syntax, ...) stay out of the way.
# Their names are translated where they are shown, here and in the report (``detail_name``).
DICOM_TAG_NAMES = {"modality": QT_TRANSLATE_NOOP("ImageDetails", "Modality"),
                   "body_part": QT_TRANSLATE_NOOP("ImageDetails", "Body part"),
                   "view": QT_TRANSLATE_NOOP("ImageDetails", "View"),
                   "study_date": QT_TRANSLATE_NOOP("ImageDetails", "Study date"),
                   "manufacturer": QT_TRANSLATE_NOOP("ImageDetails", "Manufacturer")}
PATIENT_FIELD_NAMES = {"name": QT_TRANSLATE_NOOP("ImageDetails", "Patient name"),
                       "id": QT_TRANSLATE_NOOP("ImageDetails", "Patient ID"),
                       "birth_date": QT_TRANSLATE_NOOP("ImageDetails", "Birth date")}
# Colours for the states this panel adds to the application's style sheet (assets/style.qss).
PANEL_STYLE = ('#headline[state="uncertain"] { color: #8a5a00; }'
               ' #caution { color: #8a5a00; font-weight: 600; }')


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def detail_name(name: str) -> str:
    """A name from DICOM_TAG_NAMES or PATIENT_FIELD_NAMES in the reader's language."""
    return translate("ImageDetails", name)


def _humanise(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _note(object_name: str = "stateNote") -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


class FindingsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.setAccessibleName(self.tr("Findings"))
        self.setMinimumWidth(280)
        self.setStyleSheet(PANEL_STYLE)

        self.file_label = QLabel()
        self.file_label.setObjectName("fileTitle")
        self.file_label.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Result"))
        self.call_line = _note()
        self.call_line.setAccessibleName(self.tr("What the model leans to"))
        self.state_note = _note()
        self.bars = ProbabilityBars()
        self.gauge = SeverityGauge()
        self.severity_note = _note()
        self.heatmap_note = _note()
        self.heatmap_warning = _note("caution")
        self.heatmap_warning.setAccessibleName(self.tr("Heatmap warning"))
        self.heatmap_other = _note("caution")
        self.heatmap_other.setAccessibleName(self.tr("Heatmap explains another class"))
        self.site_note = _note("hint")
        self.site_note.setAccessibleName(self.tr("Site profile and the model's own probabilities"))
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
        self.probabilities_title = _section_title(self.tr("Probabilities (calibrated)"))
        # Wrapped: a site's name can be long, and a label that cannot wrap widens the whole column's minimum,
        # which squeezes the boxes under it into each other.
        self.probabilities_title.setWordWrap(True)
        result_layout.addWidget(self.probabilities_title)
        result_layout.addWidget(self.bars)
        result_layout.addWidget(self.site_note)
        self.severity_box = QWidget()
        severity_layout = QVBoxLayout(self.severity_box)
        severity_layout.setContentsMargins(0, 6, 0, 0)
        severity_layout.addWidget(_section_title(self.tr("Severity")))
        severity_layout.addWidget(self.gauge, 0, Qt.AlignmentFlag.AlignHCenter)
        severity_layout.addWidget(self.severity_note)
        self.heatmap_box = QWidget()
        heatmap_layout = QVBoxLayout(self.heatmap_box)
        heatmap_layout.setContentsMargins(0, 6, 0, 0)
        heatmap_layout.addWidget(_section_title(self.tr("Heatmap")))
        heatmap_layout.addWidget(self.heatmap_note)
        result_layout.addWidget(self.severity_box)
        result_layout.addWidget(self.heatmap_box)

        self.separator = QFrame()
        self.separator.setFrameShape(QFrame.Shape.HLine)
        self.separator.setObjectName("separator")
        self.image_title = _section_title(self.tr("Image"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.file_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.call_line)
        layout.addWidget(self.heatmap_warning)      # up here: it qualifies the call, not the picture
        layout.addWidget(self.heatmap_other)
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
        self.call_line.setVisible(False)
        self.heatmap_warning.setVisible(False)
        self.heatmap_other.setVisible(False)
        self.headline.setToolTip("")
        self.headline.setProperty("state", "")
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
            self.state_note.setText(unreadable_advice())
            self.state_note.setVisible(True)
        elif film.status == "rejected":
            self.file_label.setText(film.name)
            self.headline.setProperty("state", "rejected")
            self.headline.setText(ood_message())
            reason = specific_reject_reason(film.entry.reject_reason)
            note = self.tr("The model only reads frontal chest X-rays. "
                           "A clinician must read this film without it.")
            self.state_note.setText(f"{reason}\n{note}" if reason else note)
            self.state_note.setVisible(True)
        else:
            self.file_label.setText(film.name)
            self._show_result(film)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self._show_details(film, hide_patient_data)

    def _show_result(self, film: Film) -> None:
        entry = film.entry
        firm = is_firm_call(entry.label, entry.probabilities)
        self.headline.setProperty("state", "done" if firm else "uncertain")
        self.headline.setText(headline(entry.label, entry.probabilities))
        self.headline.setToolTip(firm_rule())
        detail = call_detail(entry.label, entry.probabilities)
        self.call_line.setText(detail or "")
        self.call_line.setVisible(detail is not None)
        self.bars.set_probabilities(entry.probabilities)
        self.probabilities_title.setText(probabilities_title(entry))
        site_lines = [line for line in (made_with_line(entry), model_own_line(entry)) if line]
        self.site_note.setText("\n".join(site_lines))
        self.site_note.setVisible(bool(site_lines))
        other = heatmap_other_class_note(entry)
        self.heatmap_other.setText(other or "")
        self.heatmap_other.setVisible(other is not None)
        severity = shows_severity(entry.label, entry.severity)
        self.severity_box.setVisible(severity)
        self.gauge.set_value(entry.severity if severity else None, reliable=entry.label == "covid19")
        self.severity_note.setText(severity_caveat(entry.label) if severity else "")
        self.heatmap_box.setVisible(entry.heatmap is not None)
        self.heatmap_note.setText(heatmap_caption(entry.heatmap_probabilities))     # the model's own
        outside = looked_outside_lungs(entry.heatmap)
        self.heatmap_warning.setText(outside_lungs_warning() if outside else "")
        self.heatmap_warning.setVisible(outside)
        self.result_box.setVisible(True)
        notes = call_notes(entry.label, entry.probabilities)
        if film.from_history and entry.site:
            notes.append(self.tr("Read earlier by this model version with the site profile {site} ({when}); not "
                                 "run again.").format(site=entry.site, when=local_time_text(entry.created)))
        elif film.from_history:
            notes.append(self.tr("Read earlier by this model version ({when}); not run again.")
                         .format(when=local_time_text(entry.created)))
        if notes:
            self.state_note.setText("\n".join(notes))
            self.state_note.setVisible(True)

    def _show_details(self, film: Film | None, hide_patient_data: bool) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        self.detail_rows: list[tuple[str, str]] = []
        self.image_title.setVisible(False)         # no heading over nothing (an unreadable file has no details)
        self.separator.setVisible(False)
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
                rows.append((detail_name(name), str(value)))
        if info.patient:
            if hide_patient_data:
                rows.append((self.tr("Patient"), self.tr("hidden (Settings ▸ Hide patient data)")))
            else:
                for key, value in info.patient.items():
                    if value not in (None, ""):
                        name = PATIENT_FIELD_NAMES.get(key, _humanise(key))
                        rows.append((detail_name(name), str(value)))
        if film.entry is not None and film.entry.model_version:
            rows.append((self.tr("Model"), film.entry.model_version))
        if film.entry is not None and film.entry.site:
            rows.append((self.tr("Site profile"), entry_site_summary(film.entry)))
        self.detail_rows = rows
        self.image_title.setVisible(bool(rows))
        self.separator.setVisible(bool(rows))
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
