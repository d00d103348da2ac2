"""SettingsDialog: the privacy switch, the language, the reader's name for reports, the site profile in use,
and where things are kept.

The language takes effect at the next start: every text is set when its widget is built, and a window
half in one language and half in another would be worse than a restart. The site profile is only shown
here: loading one is checked against the model on the worker thread, so it is done from the Tools menu,
whose answer (applied, or refused and why) the window gives.
"""

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.languages import LANGUAGES, available, resolve
from desktop.ui.report_details import reader_name, remember_reader_name, report_folder
from desktop.ui.site_wording import no_site_text, profile_summary


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None, site_profile=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.hide_patient = QCheckBox(self.tr("Hide patient data (name, ID, birth date)"))
        self.hide_patient.setAccessibleName(self.tr("Hide patient data"))
        self.hide_patient.setChecked(settings.hide_patient_data)
        note = QLabel(self.tr("When on, DICOM patient name, ID and birth date are not shown in the window "
                              "and not printed in reports (a report prints only what you type into its "
                              "details). They are never stored in the history."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        location = QLabel(str(history_db_path()))
        location.setWordWrap(True)
        location.setObjectName("hint")
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System default ({language})").format(language=LANGUAGES[resolve("")]), "")
        for code in available():
            self.language.addItem(LANGUAGES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        language_note = QLabel(self.tr("A new language shows the next time CXR Triage starts."))
        language_note.setWordWrap(True)
        language_note.setObjectName("hint")
        self.reader = QLineEdit(reader_name())
        self.reader.setAccessibleName(self.tr("Reader name for reports"))
        self.reader.setPlaceholderText(self.tr("printed on reports above the signature line"))
        self.reader.setMaxLength(128)
        reports = QLabel(str(report_folder()))
        reports.setWordWrap(True)
        reports.setObjectName("hint")
        reports.setToolTip(self.tr("Reports and History exports (CSV) are saved here first; the folder you "
                                   "last saved one to is remembered."))

        self.site = QLabel(profile_summary(site_profile) if site_profile else no_site_text())
        self.site.setWordWrap(True)
        self.site.setAccessibleName(self.tr("Site profile"))
        site_note = QLabel(self.tr("Change it in Tools ▸ Load site profile…, or go back to the model's own head "
                                   "in Tools ▸ Use the model's own head."))
        site_note.setWordWrap(True)
        site_note.setObjectName("hint")
        if site_profile is not None and site_profile.path:
            site_note.setToolTip(str(site_profile.path))

        form = QFormLayout()
        form.addRow(self.tr("Privacy"), self.hide_patient)
        form.addRow("", note)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", language_note)
        form.addRow(self.tr("Reader name"), self.reader)
        form.addRow(self.tr("Site profile"), self.site)
        form.addRow("", site_note)
        form.addRow(self.tr("Report folder"), reports)
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
        self._settings.language = self.language.currentData()
        remember_reader_name(self.reader.text())
        super().accept()
