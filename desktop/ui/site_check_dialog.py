"""CheckDialog (Tools ▸ Check the model on our films…): ``cxr-triage validate`` for a person at the desk.

The plain-words verdict comes first and large, since it is what a clinic acts on; the tables beside the
model card's test-split figures, the confusion matrix and the two plots follow for whoever wants the
detail. With a site profile in use the check applies it too, and says so: it measures the model as the
app uses it. The report and per-film table it saves are those of ``validate --report`` and ``--csv``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from desktop.engine.validation_words import decimal, figure_text, percent
from desktop.engine.labelled_run import write_film_rows
from desktop.ui.site_check_job import check_work
from desktop.ui.site_check_plots import ood_image, reliability_image, to_pixmap
from desktop.ui.site_check_tables import bold_label, read_only_table, sentences_panel
from desktop.ui.site_dialog_base import RED, LabelledJobDialog, window_site_profile
from desktop.ui.site_sentences import check_sentences, fitted_on_sentence
from desktop.ui.wording import class_name

KINDS = ("sensitivity", "specificity", "ppv", "npv")


class CheckDialog(LabelledJobDialog):
    def __init__(self, window):
        super().__init__(window, self.tr("Check the model on our films"), self.tr("Check"),
                         self.tr("The check stopped: {error}"))
        self.profile = window_site_profile(window)
        self.outcome = None
        self.intro.setText(self.tr(
            "Before relying on the model, see how it does on films of your own whose diagnosis you know. Give a "
            "folder with one folder per label (normal, pneumonia, covid19) or a CSV list with columns path,label. "
            "Nothing is changed: the films are only read."))
        if self.profile is not None:
            note = QLabel(self.tr("The films are read with the site profile {name} in use, as the app reads every "
                                  "film now.").format(name=self.profile.name))
            note.setTextFormat(Qt.TextFormat.PlainText)
            self.form.addRow(self.tr("Site profile:"), note)
        self.pdf_button = QPushButton(self.tr("Save report (PDF)…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_save_button = QPushButton(self.tr("Save per-film table (CSV)…"))
        self.csv_save_button.clicked.connect(self.save_csv)
        for button in (self.pdf_button, self.csv_save_button):
            self.buttons.addButton(button, self.buttons.ButtonRole.ActionRole)
            button.setEnabled(False)

    def make_work(self, source: str):
        return check_work(source, self.model_path, self.profile)

    def clear_outcome(self) -> None:
        super().clear_outcome()
        self.outcome = None
        for button in (self.pdf_button, self.csv_save_button):
            button.setEnabled(False)

    # -- the outcome --------------------------------------------------------------------------------

    def show_outcome(self, outcome) -> None:
        self.outcome = outcome
        document = outcome.document
        figures, card = document["figures"], document["model_card"]
        self._show_problems(document["problems"])
        self.results_layout.addWidget(self._heading(document))
        self.results_layout.addWidget(sentences_panel(check_sentences(document["figures"], document["model_card"]), "plainWords"))
        self.results_layout.addWidget(bold_label(self.tr("Per class, on the films scored (95 % intervals), beside "
                                                            "the model card's test split")))
        self.results_layout.addWidget(self.class_table(figures, card))
        self.results_layout.addWidget(QLabel(self.tr("Accuracy {accuracy} (model card {card}); calibration error "
                                                     "(ECE, 0 is perfect) {ece} (model card {card_ece}).").format(
            accuracy=figure_text(figures["accuracy"]), card=percent(card["accuracy"]),
            ece=decimal(figures["ece_15"], 3), card_ece=decimal(card["ece_15"], 3))))
        self.results_layout.addWidget(bold_label(self.tr("Confusion matrix (rows: the label, columns: the "
                                                            "model's call)")))
        self.results_layout.addWidget(self.confusion_table(figures))
        self.results_layout.addWidget(self._plots(figures))
        self.results_layout.addStretch(1)
        for button in (self.pdf_button, self.csv_save_button):
            button.setEnabled(True)

    def _heading(self, document: dict) -> QLabel:
        counts = document["figures"]["counts"]
        text = self.tr("Model {version} · {films} labelled films from {source}: {scored} scored, {refused} refused, "
                       "{errors} could not be read.").format(
            version=document["model"]["version"], films=counts["films"], source=Path(document["labelled"]).name,
            scored=counts["scored"], refused=counts["refused"], errors=counts["errors"])
        site = document["site"]
        if site:
            # Films the profile was fitted on flatter it: say so where the site's name is.
            text += " " + fitted_on_sentence(site["name"], site.get("films_fitted_on"), counts["films"])
        return bold_label(text)

    def class_table(self, figures: dict, card: dict) -> QTableWidget:
        headers = [self.tr("Class"), self.tr("Films"), self.tr("Sensitivity"), self.tr("card"),
                   self.tr("Specificity"), self.tr("card"), self.tr("PPV"), self.tr("card"), self.tr("NPV"),
                   self.tr("card"), self.tr("AUC")]
        rows = []
        for name in figures["classes"]:
            own, theirs = figures["per_class"][name], card["per_class"][name]
            cells = [class_name(name), str(own["scored"])]
            for kind in KINDS:
                cells += [figure_text(own[kind]), percent(theirs[kind])]
            rows.append(cells + [decimal(own["auc"])])
        table = read_only_table(headers, rows)
        table.setToolTip(self.tr("Sensitivity: films of the class called that class. Specificity: films of other "
                                 "classes not called it. PPV and NPV: how often a call of it, or not of it, is right."))
        return table

    def confusion_table(self, figures: dict) -> QTableWidget:
        names = [class_name(c) for c in figures["classes"]]
        rows = [[self.tr("{label} films").format(label=n), *map(str, row)]
                for n, row in zip(names, figures["confusion_matrix"])]
        return read_only_table([self.tr("Labelled"), *[self.tr("called {name}").format(name=n) for n in names]], rows)

    def _plots(self, figures: dict) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        ratio = self.devicePixelRatioF()
        ood = figures["ood"]
        plots = [(self.tr("Reliability: the share of right calls per confidence (bars) against perfect calibration "
                          "(dashed line)."), reliability_image(figures["reliability"]), 300),
                 (self.tr("OOD scores of the films read; above the red line (threshold {threshold}) a film is "
                          "refused as not a frontal chest X-ray.").format(threshold=f"{ood['threshold']:g}"),
                  ood_image(ood), 480)]
        for caption, image, width in plots:
            if image is None:
                continue
            column = QVBoxLayout()
            text = QLabel(caption)
            text.setWordWrap(True)
            text.setMaximumWidth(width)
            picture = QLabel()
            picture.setPixmap(to_pixmap(image, width, ratio))
            column.addWidget(text)
            column.addWidget(picture)
            column.addStretch(1)
            row.addLayout(column)
        row.addStretch(1)
        return box

    # -- saving ---------------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        from desktop.ui.validation_report import write_validation_report
        path = self._ask_path(self.tr("Save the check as a PDF"), "check.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self._save(path, lambda: write_validation_report(path, self.outcome.document))

    def save_csv(self) -> None:
        path = self._ask_path(self.tr("Save the per-film table"), "check-films.csv", self.tr("CSV files (*.csv)"))
        if path:
            self._save(path, lambda: write_film_rows(path, self.outcome.film_rows))

    def _ask_path(self, title: str, name: str, kinds: str) -> str:
        source = Path(self.outcome.document["labelled"])
        folder = source if source.is_dir() else source.parent
        path, _ = QFileDialog.getSaveFileName(self, title, str(folder.parent / f"{folder.name}-{name}"), kinds)
        return path

    def _save(self, path: str, write) -> None:
        """The PDF takes about 0.1 s to paint (measured), so it is written here, on the GUI thread."""
        try:
            write()
        except OSError as exc:
            self._say(self.tr("{name} was NOT saved: {reason}. Any earlier file of that name was left as it was.")
                      .format(name=Path(path).name, reason=exc.strerror or exc), RED)
        else:
            self._say(self.tr("Saved {path}.").format(path=path))

