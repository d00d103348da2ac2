"""Issue 16, "Using a profile" in the app: a clinic's site profile is loaded, shown, applied to every film
read after it, recorded in the history, its CSV and the PDF report beside the model's own probabilities,
cleared, remembered across a restart, and refused with its sentence when it does not fit the model.

The profiles are made here by hand from the tests' contract model (tests/contract_model.py, which has the
embedding output and its class head): the model's own head with the normal class's bias raised by 3, so
the adapted call differs from the model's own on some films."""

import csv
import json

import pytest
from gui_helpers import RESULT_TIMEOUT_MS, drop_urls, wait_until_idle
from PySide6.QtWidgets import QMessageBox

from desktop.engine.history import HistoryStore
from desktop.engine.predictor import Predictor
from desktop.engine.site_profile import SiteProfile, write_site_profile
from desktop.ui.app_settings import AppSettings, history_db_path
from desktop.ui.history_model import SITE

SUMMARY = "Clinic A (48 films, 2026-12-05)"


def make_profile(path, model_path, *, name="Clinic A", sha256=None, bias_shift=(3.0, 0.0, 0.0)):
    predictor = Predictor(model_path)
    head = predictor.class_head
    profile = SiteProfile(
        name=name, created="2026-12-05T10:00:00+01:00", model_sha256=sha256 or predictor.model_sha256,
        model_version=predictor.model_version, classes=list(predictor.classes),
        films={"normal": 20, "pneumonia": 20, "covid19": 8}, adapted_classes=list(predictor.classes),
        head={"weight": head["weight"].tolist(), "bias": (head["bias"] + list(bias_shift)).tolist()},
        temperature=float(predictor.temperature), strength=1.0)
    write_site_profile(path, profile)
    return path


@pytest.fixture
def profile_path(tmp_path, contract_model_path):
    return make_profile(tmp_path / "clinic-a.json", contract_model_path)


def apply(qtbot, window, path):
    with qtbot.waitSignal(window.queue.site_loaded, timeout=RESULT_TIMEOUT_MS):
        window.apply_site_profile(path)


def refused(qtbot, window, path) -> str:
    with qtbot.waitSignal(window.queue.site_failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.apply_site_profile(path)
    close_boxes(window)
    return blocker.args[1]


def close_boxes(window):
    for box in window.findChildren(QMessageBox, "siteProblemBox"):
        box.done(0)


def done_films(window):
    return [f for f in window.worklist.worklist_model.films() if f.status == "done"]


def show(window, film):
    films = window.worklist.worklist_model.films()
    window.worklist.select_row(films.index(film))


def test_tools_menu_has_the_site_profile_commands(make_window, contract_model_path):
    window = make_window(contract_model_path)
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    texts = [a.text().replace("&", "") for a in tools.actions() if not a.isSeparator()]
    assert texts[1:] == ["Load site profile…", "Use the model's own head (clear site profile)",
                         "Check the model on our films…", "Adapt to our films…"]
    assert window.load_site_action.isEnabled() and window.adapt_films_action.isEnabled()
    assert not window.clear_site_action.isEnabled()          # nothing to clear yet
    assert window.site_profile is None and not window.site_label.isVisible()


def test_a_profile_is_applied_shown_and_recorded_everywhere(qtbot, make_window, contract_model_path, xray_dir,
                                                             profile_path, tmp_path, report_text):
    window = make_window(contract_model_path)
    apply(qtbot, window, profile_path)
    assert window.site_profile.name == "Clinic A"
    assert window.site_label.isVisible() and window.site_label.text() == f"Adapted to: {SUMMARY}"
    window.statusBar().showMessage("Some other message", 5000)      # a status message does not hide it
    assert window.site_label.isVisible()
    assert AppSettings().site_profile_path == str(profile_path.resolve())

    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    films = done_films(window)
    assert films
    for film in films:
        entry = film.entry
        assert entry.site == "Clinic A" and entry.site_film_count == 48 and entry.site_created.startswith("2026-12-05")
        assert set(entry.model_probabilities) == set(entry.probabilities)
        # the normal class's bias was raised: the adapted head gives it more than the model's own does
        assert entry.probabilities["normal"] > entry.model_probabilities["normal"]

    # The findings panel: adapted bars, which profile, the model's own numbers.
    film = films[0]
    show(window, film)
    text = window.findings.visible_text()
    assert window.findings.probabilities_title.text() == "Probabilities (adapted to Clinic A)"
    assert SUMMARY in text and "Model's own: Normal " in text
    assert window.findings.bars.values()["normal"] == pytest.approx(film.entry.probabilities["normal"], abs=1e-3)

    # Where the adapted call differs from the class the heatmap explains, the panel says so.
    other = [f for f in films if f.entry.heatmap_explains_other_class]
    same = [f for f in films if not f.entry.heatmap_explains_other_class]
    assert other, "the raised bias should turn at least one of the films' calls"
    show(window, other[0])
    assert "The heatmap shows what drove the model's own most probable class" in window.findings.visible_text()
    assert window.findings.heatmap_other.isVisibleTo(window.findings)
    if same:
        show(window, same[0])
        assert not window.findings.heatmap_other.isVisibleTo(window.findings)

    # History: the site and the model's own probabilities, in the table and the CSV.
    with HistoryStore(history_db_path()) as store:
        stored = store.search()
    assert {e.site for e in stored if e.status == "done"} == {"Clinic A"}
    window.tabs.setCurrentIndex(1)
    table = window.history_panel.model
    qtbot.waitUntil(lambda: table.rowCount() == len(stored), timeout=5000)
    row = next(r for r in range(table.rowCount()) if table.entry(r).status == "done")
    assert table.data(table.index(row, SITE)) == "Clinic A"
    assert "Model's own:" in table.data(table.index(row, SITE), 3)        # ToolTipRole
    csv_path = tmp_path / "history.csv"
    window.export_history_csv(csv_path)
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["status"] == "done"]
    assert {"site", "model_p_normal", "model_p_pneumonia", "model_p_covid19", "p_normal"} <= set(rows[0])
    assert all(r["site"] == "Clinic A" and float(r["p_normal"]) > float(r["model_p_normal"]) for r in rows)

    # The PDF report: the profile, the model's own probabilities, and the heatmap sentence.
    window.tabs.setCurrentIndex(0)
    with qtbot.waitSignal(window.report_written, timeout=RESULT_TIMEOUT_MS):
        window.export_report(tmp_path / "report.pdf", [other[0]])
    printed = "\n".join(report_text)
    assert "Site profile" in printed and SUMMARY in printed
    assert "Model's own: Normal " in printed
    assert "The heatmap shows what drove the model's own most probable class" in printed


def test_clearing_goes_back_to_the_models_own_head(qtbot, make_window, contract_model_path, xray_dir, profile_path):
    window = make_window(contract_model_path)
    apply(qtbot, window, profile_path)
    assert window.clear_site_action.isEnabled()
    with qtbot.waitSignal(window.queue.site_loaded, timeout=RESULT_TIMEOUT_MS):
        window.clear_site_action.trigger()
    assert window.site_profile is None and not window.site_label.isVisible()
    assert AppSettings().site_profile_path == ""
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    film = done_films(window)[0]
    assert film.entry.site is None and film.entry.model_probabilities is None
    show(window, film)
    assert window.findings.probabilities_title.text() == "Probabilities (calibrated)"
    assert "Model's own" not in window.findings.visible_text()


def test_a_profile_for_another_model_or_edited_is_refused_with_its_sentence(qtbot, make_window, contract_model_path,
                                                                           profile_path, tmp_path):
    window = make_window(contract_model_path)
    other = make_profile(tmp_path / "other.json", contract_model_path, sha256="0" * 64)
    sentence = refused(qtbot, window, other)
    assert "was fitted for another model file" in sentence
    assert sentence in window.site_problem
    assert window.site_profile is None and not window.site_label.isVisible()
    assert AppSettings().site_profile_path == ""

    apply(qtbot, window, profile_path)          # a good one, then an edited one: the good one stays
    edited = tmp_path / "edited.json"
    document = json.loads(profile_path.read_text())
    document["site"] = "Clinic B"
    edited.write_text(json.dumps(document))
    sentence = refused(qtbot, window, edited)
    assert "has been changed since CXR Triage wrote it" in sentence
    assert window.site_profile.name == "Clinic A" and window.site_label.isVisible()
    assert "stays in use" in window.site_problem
    assert AppSettings().site_profile_path == str(profile_path.resolve())


def test_the_profile_is_applied_again_at_start_up_and_dropped_when_it_no_longer_fits(
        qtbot, make_window, contract_model_path, profile_path):
    first = make_window(contract_model_path)
    apply(qtbot, first, profile_path)
    first.close()

    second = make_window(contract_model_path)
    qtbot.waitUntil(lambda: second.site_profile is not None, timeout=RESULT_TIMEOUT_MS)
    assert second.site_label.text() == f"Adapted to: {SUMMARY}"
    second.close()

    profile_path.write_text(profile_path.read_text().replace("Clinic A", "Clinic Z"))    # edited since
    third = make_window(contract_model_path)
    qtbot.waitUntil(lambda: bool(third.site_problem), timeout=RESULT_TIMEOUT_MS)
    close_boxes(third)
    assert "chosen last time is not applied" in third.site_problem
    assert "has been changed" in third.site_problem
    assert third.site_profile is None and not third.site_label.isVisible()
    assert AppSettings().site_profile_path == ""            # forgotten: not refused again at every start


def test_a_profile_missing_at_start_up_is_kept_for_the_next_start(qtbot, make_window, contract_model_path,
                                                                   profile_path, tmp_path):
    """A profile on a stick or network folder that is not there now is not forgotten, only not applied."""
    first = make_window(contract_model_path)
    apply(qtbot, first, profile_path)
    first.close()
    away = tmp_path / "away.json"
    profile_path.rename(away)
    second = make_window(contract_model_path)
    qtbot.waitUntil(lambda: bool(second.site_problem), timeout=RESULT_TIMEOUT_MS)
    close_boxes(second)
    assert "cannot be found now" in second.site_problem and second.site_profile is None
    assert AppSettings().site_profile_path == str(profile_path)
    second.close()
    away.rename(profile_path)
    third = make_window(contract_model_path)
    qtbot.waitUntil(lambda: third.site_profile is not None, timeout=RESULT_TIMEOUT_MS)


def test_a_result_read_without_the_profile_is_not_reused_with_it(qtbot, make_window, contract_model_path, xray_dir,
                                                                 profile_path):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    before = {f.sha256 for f in done_films(window)}

    apply(qtbot, window, profile_path)
    drop_urls(window.drop_zone, [xray_dir])             # the same films, now with the profile
    wait_until_idle(qtbot, window)
    films = done_films(window)
    assert {f.sha256 for f in films} == before
    assert not any(f.from_history for f in films)       # read again, not the stored model's-own result
    assert all(f.entry.site == "Clinic A" for f in films)

    drop_urls(window.drop_zone, [xray_dir])             # a third time: now the profile's results are reused
    wait_until_idle(qtbot, window)
    films = done_films(window)
    assert all(f.from_history and f.entry.site == "Clinic A" and f.entry.model_probabilities for f in films)
    show(window, films[0])
    assert "with the site profile Clinic A" in window.findings.visible_text()
    with HistoryStore(history_db_path()) as store:
        assert store.count(status="done") == 2 * len(before)       # one row per film and profile


def test_settings_dialog_shows_the_profile_in_use(qtbot, make_window, contract_model_path, profile_path):
    from desktop.ui.settings_dialog import SettingsDialog
    window = make_window(contract_model_path)
    dialog = SettingsDialog(window.settings, window, site_profile=window.site_profile)
    qtbot.addWidget(dialog)
    assert dialog.site.text() == "None: the model's own class head"
    apply(qtbot, window, profile_path)
    dialog = SettingsDialog(window.settings, window, site_profile=window.site_profile)
    qtbot.addWidget(dialog)
    assert dialog.site.text() == SUMMARY
