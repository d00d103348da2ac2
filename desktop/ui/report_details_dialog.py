"""ReportDetailsDialog: the optional fields a reader adds before a PDF report is written.

Asked after the file name is chosen, so that cancelling the save dialog asks nothing more.
"""

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout)

from desktop.ui.report_details import ReportDetails, remember_reader_name

NOTE_MAX_CHARS = 1000       # a note is a few lines on the printed page, not a report of its own


class ReportDetailsDialog(QDialog):
    def __init__(self, details: ReportDetails, hide_patient_data: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report details"))
        self.patient_name = self._line(details.patient_name, self.tr("Patient name"))
        self.patient_id = self._line(details.patient_id, self.tr("Patient ID"))
        self.note = QPlainTextEdit(details.note)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Optional: what the reader wants on the report"))
        self.note.setFixedHeight(90)
        self.reader = self._line(details.reader, self.tr("Reader name"))
        source = (self.tr("Patient data is hidden (Settings): the patient fields are not taken from the "
                          "film. Type them only if this report needs them.") if hide_patient_data else
                  self.tr("Patient fields are taken from the film's DICOM tags where it has them."))
        hint = QLabel(self.tr("All fields are optional. ") + source)
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Patient name"), self.patient_name)
        form.addRow(self.tr("Patient ID"), self.patient_id)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Reader"), self.reader)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _line(self, text: str, name: str) -> QLineEdit:
        line = QLineEdit(text)
        line.setAccessibleName(name)
        line.setMaxLength(128)
        line.setPlaceholderText(self.tr("optional"))
        return line

    def details(self) -> ReportDetails:
        return ReportDetails(self.patient_name.text(), self.patient_id.text(),
                             self.note.toPlainText()[:NOTE_MAX_CHARS], self.reader.text()).cleaned()

    def accept(self) -> None:
        remember_reader_name(self.reader.text())
        super().accept()
