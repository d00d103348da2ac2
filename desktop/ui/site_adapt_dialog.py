"""AdaptDialog (Tools ▸ Adapt to our films…): ``cxr-triage adapt`` for a person at the desk.

What it shows is cross-validated (each film scored by a head fitted without it), before and after, per
class: the in-sample fit would flatter the adaptation. Nothing changes until the user presses "Save
profile and use it…": then the profile is written where they choose and the window applies it
(``window.apply_site_profile``, which checks it again on the worker's thread). Closing or cancelling
applies nothing. When a disease class's sensitivity falls, the save waits for an explicit tick, the
dialog's form of ``adapt --accept-lower-sensitivity``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QLineEdit, QPushButton, QTableWidget

from desktop.engine.validation_words import figure_text, percent
from desktop.ui.site_adapt_job import adapt_work
from desktop.ui.site_check_tables import bold_label, read_only_table, sentences_panel
from desktop.ui.site_dialog_base import RED, LabelledJobDialog, window_site_profile
from desktop.ui.site_sentences import adapt_sentences
from desktop.ui.wording import class_name


def profile_file_name(site: str) -> str:
    """A file name from the site's name: letters, digits, ``-`` and ``_`` only ("St Mary's" -> St-Mary-s.json)."""
    stem = re.sub(r"[^\w\-]+", "-", site.strip(), flags=re.UNICODE).strip("-_")[:60]
    return f"{stem or 'site'}.json"


def sites_folder() -> Path:
    """Where profiles go by default: beside the history, in the app's data folder."""
    from desktop.engine.logs import data_dir
    return data_dir() / "sites"


class AdaptDialog(LabelledJobDialog):
    def __init__(self, window, adapt=None):
        super().__init__(window, self.tr("Adapt to our films"), self.tr("Adapt"),
                         self.tr("Adapting stopped: {error}"))
        self.adapt = adapt              # None: desktop.engine.adaptation.adapt_films (the tests give fakes)
        self.outcome = None
        self.intro.setText(self.tr(
            "Fit the model's last step to films of your own whose diagnosis you know: at least 40 films, with 10 or "
            "more of each class to adapt. The figures shown are cross-validated: each film is scored by a fit made "
            "without it. Nothing changes until you save the profile and choose to use it."))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. St Mary's Hospital, X-ray room 2"))
        self.name_edit.setAccessibleName(self.tr("Site name"))
        self.name_edit.setMaxLength(120)
        self.name_edit.textChanged.connect(self.update_buttons)
        self.form.insertRow(0, self.tr("Site name:"), self.name_edit)
        profile = window_site_profile(window)
        if profile is not None:
            note = QLabel(self.tr("The site profile {name} in use now is not the starting point: adapting always "
                                  "starts from the model's own class head.").format(name=profile.name))
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            self.form.addRow(self.tr("Note:"), note)
        self.accept_box: QCheckBox | None = None      # shown with a sensitivity drop only
        self.save_button = QPushButton(self.tr("Save profile and use it…"))
        self.save_button.clicked.connect(self.save_and_use)
        self.buttons.addButton(self.save_button, self.buttons.ButtonRole.ActionRole)
        self.update_buttons()

    def inputs_problem(self) -> str | None:
        name = getattr(self, "name_edit", None)         # None while the base class builds the dialog
        if name is None or not name.text().strip():
            return self.tr("Type the site's name first: the profile and every result made with it carry it.")
        return super().inputs_problem()

    def make_work(self, source: str):
        return adapt_work(source, self.model_path, self.adapt)

    def clear_outcome(self) -> None:
        super().clear_outcome()
        self.outcome = None
        self.accept_box = None
        self.update_buttons()

    def update_buttons(self) -> None:
        super().update_buttons()
        if hasattr(self, "save_button"):
            self.save_button.setEnabled(self.may_save())

    def may_save(self) -> bool:
        """An adaptation that pays, a site name, and where sensitivity falls, the user's explicit tick."""
        adaptation = None if self.outcome is None else self.outcome.adaptation
        return (adaptation is not None and getattr(adaptation, "pays", True) and bool(self.name_edit.text().strip())
                and (not adaptation.sensitivity_drops or (self.accept_box is not None and self.accept_box.isChecked())))

    # -- the outcome --------------------------------------------------------------------------------

    def show_outcome(self, outcome) -> None:
        self.outcome = outcome
        adaptation = outcome.adaptation
        self._show_problems(outcome.problems)
        self.results_layout.addWidget(sentences_panel(adapt_sentences(adaptation), "adaptSummary"))
        if not getattr(adaptation, "pays", True):
            warning = bold_label(self.tr("Adapting does not pay on these films, so there is no profile to save: "
                                         "keep using the model as it is."))
            self.results_layout.addWidget(warning)
        self.results_layout.addWidget(bold_label(self.tr(
            "Before and after, {folds}-fold cross-validated on your films (95 % intervals)").format(
            folds=adaptation.folds)))
        self.results_layout.addWidget(self.before_after_table(adaptation))
        before, after = adaptation.before["accuracy"], adaptation.after["accuracy"]
        self.results_layout.addWidget(QLabel(self.tr("Right calls over all classes: {before} before, {after} after.")
                                             .format(before=figure_text(before), after=figure_text(after))))
        if adaptation.sensitivity_drops:
            self._drop_warning(adaptation)
        self.results_layout.addStretch(1)
        self.update_buttons()

    def _drop_warning(self, adaptation) -> None:
        """The warning, and the tick without which the profile cannot be saved."""
        names = ", ".join(class_name(c) for c in adaptation.sensitivity_drops)
        figures = "; ".join(self.tr("{name} films found: {before} before, {after} after").format(
            name=class_name(c), before=percent(adaptation.before["per_class"][c]["sensitivity"]["value"]),
            after=percent(adaptation.after["per_class"][c]["sensitivity"]["value"]))
            for c in adaptation.sensitivity_drops)
        warning = bold_label(self.tr("Warning: after adapting, fewer {names} films are found on your films ({figures}, "
                                     "cross-validated). Save this profile only if that is acceptable for your clinic.")
                             .format(names=names, figures=figures))
        warning.setStyleSheet(f"color: {RED};")
        self.accept_box = QCheckBox(self.tr("I accept lower sensitivity for {names} on our films").format(names=names))
        self.accept_box.toggled.connect(self.update_buttons)
        self.results_layout.addWidget(warning)
        self.results_layout.addWidget(self.accept_box)

    def before_after_table(self, adaptation) -> QTableWidget:
        headers = [self.tr("Class"), self.tr("Films"), self.tr("Adapted"), self.tr("Sensitivity before"),
                   self.tr("Sensitivity after"), self.tr("Specificity before"), self.tr("Specificity after")]
        rows = []
        for name in adaptation.classes:
            before, after = adaptation.before["per_class"][name], adaptation.after["per_class"][name]
            adapted = self.tr("yes") if name in adaptation.adapted_classes else self.tr("no, kept")
            rows.append([class_name(name), str(adaptation.films.get(name, 0)), adapted,
                         figure_text(before["sensitivity"]), figure_text(after["sensitivity"]),
                         figure_text(before["specificity"]), figure_text(after["specificity"])])
        return read_only_table(headers, rows)

    # -- confirming ---------------------------------------------------------------------------------

    def save_and_use(self) -> None:
        """Ask where, write the profile, hand it to the window, close. Nothing happens before this."""
        if not self.may_save():
            return
        from desktop.engine.site_profile import write_site_profile

        name = self.name_edit.text().strip()
        folder = sites_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = Path.home()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the site profile"),
                                              str(folder / profile_file_name(name)),
                                              self.tr("Site profiles (*.json)"))
        if not path:
            return
        outcome = self.outcome
        profile = outcome.adaptation.to_profile(name, outcome.model_sha256, outcome.model_version)
        try:
            write_site_profile(path, profile)
        except (OSError, ValueError) as exc:
            self._say(self.tr("The profile was NOT saved: {reason}. Nothing was changed.").format(
                reason=getattr(exc, "strerror", None) or exc), RED)
            return
        apply = getattr(self.main_window, "apply_site_profile", None)
        if apply is None:
            self._say(self.tr("Saved {path}. Load it from the Tools menu to use it.").format(path=path))
            return
        apply(path)
        self.accept()
