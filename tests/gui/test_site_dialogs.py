"""Issue 16 in the app: Tools ▸ "Check the model on our films…" and "Adapt to our films…"
(desktop/ui/site_dialogs.py). Real films of ../shared/data through the tests' contract model: the check
shows its figures, Cancel and closing stop the job and leave no thread behind, films that cannot be used
are listed, the adaptation refuses too few films with its sentence, shows cross-validated before/after
figures, applies nothing until confirmed, and a sensitivity drop keeps Save off until it is accepted."""

import csv
import gc
import shutil
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from desktop.engine.atomic import check_pdf
from desktop.engine.predictor import Predictor
from desktop.engine.site_profile import SiteProfile, load_site_profile, write_site_profile
from desktop.ui.labelled_job import running_jobs
from desktop.ui.site_adapt_dialog import AdaptDialog, profile_file_name
from desktop.ui.site_check_dialog import CheckDialog
from desktop.ui.site_dialogs import open_adapt_dialog, open_check_dialog
from desktop.engine.labelled_run import fitted_on_sentence as engine_fitted_on_sentence
from desktop.ui.site_sentences import adapt_sentences, check_sentences
from desktop.ui.site_sentences import fitted_on_sentence as ui_fitted_on_sentence
from gui_helpers import RESULT_TIMEOUT_MS

CLASSES = ("normal", "pneumonia", "covid19")


class FakeWindow(QWidget):
    """What the dialogs ask of the MainWindow: its model file, its site profile, and applying a profile."""

    def __init__(self, model_path, site_profile=None):
        super().__init__()
        self.model_path = str(model_path)
        self.site_profile = site_profile
        self.applied = []

    def apply_site_profile(self, path) -> None:
        self.applied.append(str(path))


@pytest.fixture(autouse=True)
def collect_here(qapp):
    """Any cycle holding a widget is broken here, on the GUI thread, and not later by a collection that
    happens to run on a job's thread."""
    yield
    qapp.processEvents()
    gc.collect()


def manifest_paths(shared_data, source: str, label: str, count: int):
    with open(shared_data / "cxr" / f"manifest-{source}.csv", newline="", encoding="utf-8") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["label"] == label), key=lambda r: r["path"])
    return [shared_data / "cxr" / r["path"] for r in rows[:count]]


def labelled_folder(folder, shared_data, counts: dict):
    """``<LABEL>/<film>`` with ``counts[label]`` real films of nih14 (normal, pneumonia) or cohen2020 (covid19)."""
    for label, count in counts.items():
        source = "cohen2020" if label == "covid19" else "nih14"
        (folder / label.upper()).mkdir(parents=True)
        for src in manifest_paths(shared_data, source, label, count):
            shutil.copy(src, folder / label.upper() / src.name)
    return folder


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory, shared_data):
    return labelled_folder(tmp_path_factory.mktemp("small"), shared_data, {"normal": 4, "pneumonia": 4, "covid19": 4})


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory, shared_data):
    """Enough films to adapt: 40, 20 of each of two classes."""
    return labelled_folder(tmp_path_factory.mktemp("site"), shared_data, {"normal": 20, "pneumonia": 20})


def open_dialog(qtbot, kind, window, source, **kwargs):
    """The dialog on ``window``, which the test keeps (the dialog does not: its parent owns it)."""
    qtbot.addWidget(window)
    dialog = kind(window, **kwargs)
    dialog.show()
    dialog.source_edit.setText(str(source))
    return dialog


def run_to_end(qtbot, dialog) -> None:
    assert dialog.run_button.isEnabled()
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=RESULT_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not running_jobs(), timeout=RESULT_TIMEOUT_MS)


def table_text(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def save_to(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


# --- the check ------------------------------------------------------------------------------------

def test_check_shows_the_figures_and_saves_report_and_table(qtbot, contract_model_path, small_folder, tmp_path,
                                                            monkeypatch):
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, small_folder)
    assert not dialog.pdf_button.isEnabled()
    run_to_end(qtbot, dialog)
    document = dialog.outcome.document
    assert document["figures"]["counts"] == {"films": 12, "scored": 12, "refused": 0, "errors": 0}
    words = dialog.findChild(QWidget, "plainWords")
    assert words.text().startswith("<p>Of your 12 labelled films: 12 scored.</p>")
    assert "95 % CI" in words.text()
    # In English the dialog says exactly what `cxr-triage validate` prints (its words are translatable).
    assert check_sentences(document["figures"], document["model_card"]) == document["plain_words"]
    rows = table_text(dialog.class_table(document["figures"], document["model_card"]))
    assert [r[0] for r in rows] == ["Normal", "Pneumonia", "COVID-19"] and [r[1] for r in rows] == ["4"] * 3
    assert "%" in rows[0][2] and "(" in rows[0][2]              # a share with its interval
    confusion = table_text(dialog.confusion_table(document["figures"]))
    assert sum(int(v) for row in confusion for v in row[1:]) == 12
    assert not dialog.problems.isVisible()

    save_to(monkeypatch, tmp_path / "check.pdf")
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    check_pdf(str(tmp_path / "check.pdf"))
    save_to(monkeypatch, tmp_path / "films.csv")
    qtbot.mouseClick(dialog.csv_save_button, Qt.MouseButton.LeftButton)
    with open(tmp_path / "films.csv", encoding="utf-8-sig", newline="") as f:
        films = list(csv.DictReader(f))
    assert len(films) == 12 and {f["label"] for f in films} == set(CLASSES)
    assert all(f["called"] in CLASSES and f["error"] == "" for f in films)
    assert "Saved" in dialog.message.text()


def test_check_lists_unknown_labels_and_unreadable_films(qtbot, contract_model_path, tmp_path, shared_data):
    folder = labelled_folder(tmp_path / "films", shared_data, {"normal": 2, "pneumonia": 2})
    (folder / "Lung_Opacity").mkdir()
    shutil.copy(next((folder / "NORMAL").iterdir()), folder / "Lung_Opacity" / "x.jpg")
    (folder / "PNEUMONIA" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, folder)
    run_to_end(qtbot, dialog)
    problems = dialog.problems.toPlainText()
    assert dialog.problems.isVisible() and "Lung_Opacity" in problems and "broken.png" in problems
    assert dialog.outcome.document["figures"]["counts"] == {"films": 5, "scored": 4, "refused": 0, "errors": 1}


def test_check_with_no_usable_film_says_why(qtbot, contract_model_path, tmp_path):
    (tmp_path / "flu").mkdir()
    (tmp_path / "flu" / "a.png").write_bytes(b"x")
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, tmp_path)
    run_to_end(qtbot, dialog)
    assert dialog.outcome is None and "no labelled films to use" in dialog.message.text()
    assert "The folder flu is not a label" in dialog.problems.toPlainText()


def test_check_reads_a_csv_list_and_says_when_the_films_are_not_there(qtbot, contract_model_path, small_folder,
                                                                      tmp_path):
    films = sorted((small_folder / "NORMAL").iterdir())[:2]
    (tmp_path / "list.csv").write_text("path,label\n" + "".join(f"{f},normal\n" for f in films)
                                       + f"{films[0]},flu\n", encoding="utf-8")
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, tmp_path / "list.csv")
    run_to_end(qtbot, dialog)
    assert dialog.outcome.document["figures"]["counts"]["scored"] == 2
    assert "Line 4 of list.csv" in dialog.problems.toPlainText()
    dialog.source_edit.setText(str(tmp_path / "nowhere"))
    run_to_end(qtbot, dialog)
    assert "does not exist: give a folder laid out <label>/<file>" in dialog.message.text()
    assert dialog.outcome is None and not dialog.scroll.isVisible()


def test_check_applies_the_site_profile_in_use(qtbot, contract_model_path, small_folder, tmp_path):
    """The check measures the window's profile, and says how many of the films it was fitted on."""
    import hashlib

    predictor = Predictor(contract_model_path)
    fitted = sorted(hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(small_folder.rglob("*.*"))[:3])
    profile = SiteProfile(name="Clinic A", created="2026-12-05T10:00:00+00:00", model_sha256=predictor.model_sha256,
                          model_version=predictor.model_version, classes=list(predictor.classes),
                          films={"normal": 20, "pneumonia": 20, "covid19": 0}, adapted_classes=["normal", "pneumonia"],
                          head={k: np.asarray(v).tolist() for k, v in predictor.class_head.items()},
                          temperature=predictor.temperature, fitted_films=fitted)
    write_site_profile(tmp_path / "clinic-a.json", profile)
    window = FakeWindow(contract_model_path, profile)
    dialog = open_dialog(qtbot, CheckDialog, window, small_folder)
    run_to_end(qtbot, dialog)
    assert dialog.outcome.document["site"]["name"] == "Clinic A"
    assert dialog.outcome.document["site"]["films_fitted_on"] == 3
    assert any("3 of these 12 films were used to adapt the site profile Clinic A, so the figures flatter it"
               in label.text() for label in dialog.results.findChildren(QLabel))


@pytest.fixture
def gate(monkeypatch):
    """The job's first session run waits until ``gate.release`` is set: a run caught in the middle."""
    entered, release = threading.Event(), threading.Event()
    infer = Predictor.infer

    def held(self, films):
        entered.set()
        release.wait(10)
        return infer(self, films)

    monkeypatch.setattr(Predictor, "infer", held)
    yield entered, release
    release.set()


def test_cancel_stops_the_check_mid_run_and_leaves_no_thread(qtbot, contract_model_path, small_folder, gate):
    entered, release = gate
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, small_folder)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entered.is_set, timeout=RESULT_TIMEOUT_MS)
    assert dialog.cancel_button.isVisible() and not dialog.run_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=RESULT_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not running_jobs(), timeout=RESULT_TIMEOUT_MS)
    assert dialog.message.text().startswith("Stopped.") and dialog.outcome is None
    assert not dialog.pdf_button.isEnabled() and dialog.run_button.isEnabled()
    assert not [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")]


def test_closing_mid_run_stops_the_job(qtbot, contract_model_path, small_folder, gate):
    entered, release = gate
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, CheckDialog, window, small_folder)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entered.is_set, timeout=RESULT_TIMEOUT_MS)
    job = dialog.job
    threading.Timer(0.2, release.set).start()
    dialog.reject()
    assert job.isFinished() and job.cancel.is_set() and dialog.outcome is None
    qtbot.waitUntil(lambda: not running_jobs(), timeout=RESULT_TIMEOUT_MS)


# --- adapting -------------------------------------------------------------------------------------

def test_adapt_refuses_too_few_films_with_its_sentence(qtbot, contract_model_path, small_folder):
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, AdaptDialog, window, small_folder)
    assert not dialog.run_button.isEnabled()            # the site's name comes first
    dialog.name_edit.setText("Clinic A")
    run_to_end(qtbot, dialog)
    assert "Adapting needs at least 40" in dialog.message.text() and "You gave 4 Normal" in dialog.message.text()
    assert dialog.outcome is None and not dialog.save_button.isEnabled() and window.applied == []


def test_adapt_shows_before_after_and_applies_only_once_confirmed(qtbot, contract_model_path, site_folder, tmp_path,
                                                                  monkeypatch):
    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, AdaptDialog, window, site_folder)
    dialog.name_edit.setText("St Mary's, room 2")
    run_to_end(qtbot, dialog)
    adaptation = dialog.outcome.adaptation
    assert adaptation.films == {"normal": 20, "pneumonia": 20, "covid19": 0} and adaptation.pays
    rows = table_text(dialog.before_after_table(adaptation))
    assert [r[:3] for r in rows] == [["Normal", "20", "yes"], ["Pneumonia", "20", "yes"], ["COVID-19", "0", "no, kept"]]
    assert "(" in rows[0][3] and "(" in rows[0][4]         # before and after, each with its interval
    assert "cross-validated" in dialog.findChild(QWidget, "adaptSummary").text()
    assert adapt_sentences(adaptation) == adaptation.summary_lines()       # as `cxr-triage adapt` says it
    assert window.applied == [] and not (tmp_path / "data" / "sites").exists()     # nothing yet
    if adaptation.sensitivity_drops:
        dialog.accept_box.setChecked(True)
    assert dialog.save_button.isEnabled()

    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, kinds: asked.append(start) or (str(tmp_path / "mary.json"), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [str(tmp_path / "data" / "sites" / "St-Mary-s-room-2.json")]
    profile = load_site_profile(tmp_path / "mary.json", Predictor(contract_model_path).model_sha256, CLASSES)
    assert profile.name == "St Mary's, room 2" and profile.films["normal"] == 20
    assert len(profile.fitted_films) == 40        # each film it was fitted on, by its file's hash
    assert window.applied == [str(tmp_path / "mary.json")] and not dialog.isVisible()


def test_a_sensitivity_drop_keeps_save_off_until_accepted(qtbot, contract_model_path, site_folder, monkeypatch):
    from desktop.engine.adaptation import adapt_films

    def dropping(*args, **kwargs):
        adaptation = adapt_films(*args, **kwargs)
        adaptation.sensitivity_drops = ["pneumonia"]
        return adaptation

    window = FakeWindow(contract_model_path)
    dialog = open_dialog(qtbot, AdaptDialog, window, site_folder, adapt=dropping)
    dialog.name_edit.setText("Clinic B")
    run_to_end(qtbot, dialog)
    qtbot.waitUntil(dialog.accept_box.isVisible)       # a widget added to a shown layout is shown by the event loop
    assert "Pneumonia" in dialog.accept_box.text()
    assert not dialog.save_button.isEnabled()
    dialog.accept_box.setChecked(True)
    assert dialog.save_button.isEnabled()
    dialog.name_edit.setText(" ")                        # no name, no profile
    assert not dialog.save_button.isEnabled()
    dialog.reject()
    assert window.applied == []


def test_profile_file_names():
    assert profile_file_name("St Mary's X-ray room 2") == "St-Mary-s-X-ray-room-2.json"
    assert profile_file_name("../..") == "site.json"
    assert profile_file_name("Clínica São José") == "Clínica-São-José.json"


# --- the entry points on the real window ------------------------------------------------------------

def test_entry_points_use_the_windows_model(qtbot, make_window, contract_model_path):
    window = make_window(contract_model_path)
    dialog = open_check_dialog(window)
    assert isinstance(dialog, CheckDialog) and dialog.isVisible()
    assert dialog.model_path == str(contract_model_path)
    assert open_check_dialog(window) is dialog           # a second click shows the same dialog
    dialog.reject()
    adapt = open_adapt_dialog(window)
    assert isinstance(adapt, AdaptDialog) and adapt.model_path == str(contract_model_path)
    adapt.reject()


def test_the_dialog_sentences_are_the_command_lines_in_english(qtbot):
    """Every branch of the plain words (refused and unreadable films, a class with no films, a figure the
    card lacks, severity, a too-wide interval) and of the adaptation summary (no gain, a drop, a class
    kept, films not used): the dialogs' translatable sentences equal the engine's English ones."""
    from desktop.engine.adaptation import Adaptation
    from desktop.engine.validation import validation_figures
    from desktop.engine.validation_words import card_figures, plain_words

    truth = [0] * 6 + [1] * 5
    outcome = ["scored"] * 8 + ["refused", "error", "scored"]
    probabilities = [[0.7, 0.2, 0.1]] * 4 + [[0.2, 0.7, 0.1]] * 7
    called = [0] * 4 + [1] * 7
    figures = validation_figures(CLASSES, truth, outcome, probabilities, called, [0.2] * 11, 1.0,
                                 [0.1] * 11, [0.3] * 11)
    for metrics in ({}, {"per_class": {"normal": {"recall": 0.85}}, "accuracy": 0.86, "ece_15": 0.04,
                         "severity": {"mae": 0.2, "pearson_r": 0.5}}):
        card = card_figures(metrics, CLASSES)
        assert check_sentences(figures, card) == plain_words(figures, card)
    assert any("None of your scored films are COVID-19 films" in s for s in check_sentences(figures, card))

    proportion = {"value": 0.5, "k": 5, "n": 10, "ci95": [0.2, 0.8]}
    per_class = {c: {k: proportion for k in ("sensitivity", "specificity", "ppv", "npv")} for c in CLASSES}
    lower = {c: {**per_class[c], "sensitivity": {**proportion, "value": 0.4, "k": 4}} for c in CLASSES}
    adaptation = Adaptation(classes=list(CLASSES), films={"normal": 10, "pneumonia": 10, "covid19": 0},
                            adapted_classes=["normal", "pneumonia"], strength=None, folds=5, head={}, temperature=1.0,
                            before={"per_class": per_class}, after={"per_class": lower},
                            sensitivity_drops=["pneumonia"], refused_films=2, unreadable_films=1,
                            left_out=["Films refused as not frontal chest X-rays, not used: 2.",
                                      "Films that could not be read, not used: 1."])
    assert adapt_sentences(adaptation) == adaptation.summary_lines()
    for fitted in (None, 0, 1, 3):        # the check's sentence on the films a profile was fitted on
        assert ui_fitted_on_sentence("Clinic A", fitted, 12) == engine_fitted_on_sentence("Clinic A", fitted, 12)
