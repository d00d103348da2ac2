"""SettingsDialog: the privacy switch, and where results are kept."""

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desktop.ui.app_settings import AppSettings, history_db_path


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.hide_patient = QCheckBox(self.tr("Hide patient data (name, ID, birth date)"))
        self.hide_patient.setAccessibleName(self.tr("Hide patient data"))
        self.hide_patient.setChecked(settings.hide_patient_data)
        note = QLabel(self.tr("When on, DICOM patient name, ID and birth date are not shown in the window "
                              "and not printed in reports. They are never stored in the history."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        location = QLabel(str(history_db_path()))
        location.setWordWrap(True)
        location.setObjectName("hint")

        form = QFormLayout()
        form.addRow(self.tr("Privacy"), self.hide_patient)
        form.addRow("", note)
        form.addRow(self.tr("History database"), location)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        self._settings.hide_patient_data = self.hide_patient.isChecked()
        super().accept()
