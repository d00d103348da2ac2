"""A call that is not the most probable class (a model shipped with an operating point, e.g.
``cxr-train --target-sensitivity covid19=0.9``) says so on screen and in the report."""

from pathlib import Path

from desktop.engine.history import HistoryEntry
from desktop.ui.film import Film
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.report import ReportPage, write_report
from desktop.ui.wording import covid_caveat, operating_point_note

BELOW_ARGMAX = {"normal": 0.55, "pneumonia": 0.15, "covid19": 0.30}


def film(label: str, probabilities: dict) -> Film:
    entry = HistoryEntry(file_path=f"/films/{label}.png", file_sha256="0" * 64, model_version="test",
                         label=label, probabilities=probabilities, severity=0.2)
    return Film(path=Path(entry.file_path), status="done", entry=entry)


def test_note_only_when_the_call_is_not_the_most_probable_class():
    note = operating_point_note("covid19", BELOW_ARGMAX)
    assert note and "COVID-19" in note and "Normal is more probable" in note
    assert operating_point_note("normal", BELOW_ARGMAX) is None
    assert operating_point_note("covid19", {"normal": 0.4, "pneumonia": 0.2, "covid19": 0.4}) is None  # a tie
    assert operating_point_note(None, BELOW_ARGMAX) is None and operating_point_note("covid19", {}) is None


def test_findings_panel_explains_a_call_below_the_argmax(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_film(film("covid19", BELOW_ARGMAX))
    text = panel.state_note.text()
    assert panel.state_note.isVisible()
    assert text.startswith(operating_point_note("covid19", BELOW_ARGMAX)) and covid_caveat() in text
    panel.show_film(film("normal", BELOW_ARGMAX))
    assert not panel.state_note.isVisible()


def test_report_prints_the_note(qtbot, tmp_path, report_text):
    printed = report_text
    write_report(tmp_path / "op.pdf", [ReportPage(film("covid19", BELOW_ARGMAX), None)])
    assert operating_point_note("covid19", BELOW_ARGMAX) in printed
    printed.clear()
    write_report(tmp_path / "plain.pdf", [ReportPage(film("normal", BELOW_ARGMAX), None)])
    assert printed and not any("more probable" in t for t in printed)
