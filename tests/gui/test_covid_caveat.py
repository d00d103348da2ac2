"""Every COVID-19 call carries its caveat, on screen and in the report: the model card's
leave-one-source-out runs show that call collapsing on hospitals unlike the training data."""

from pathlib import Path

from desktop.engine.history import HistoryEntry
from desktop.ui.film import Film
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.report import ReportPage, write_report
from desktop.ui.wording import covid_caveat


def done_film(label: str, from_history: bool = False) -> Film:
    probs = {c: 0.7 if c == label else 0.15 for c in ("normal", "pneumonia", "covid19")}
    entry = HistoryEntry(file_path=f"/films/{label}.png", file_sha256="0" * 64, model_version="test",
                         label=label, probabilities=probs, severity=0.3)
    return Film(path=Path(entry.file_path), status="done", entry=entry, from_history=from_history)


def test_findings_panel_shows_the_caveat_with_covid_calls_only(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_film(done_film("covid19"))
    assert panel.state_note.isVisible() and panel.state_note.text() == covid_caveat()
    assert "least reliable" in covid_caveat()
    panel.show_film(done_film("covid19", from_history=True))  # both notes, caveat first
    assert panel.state_note.text().startswith(covid_caveat()) and "Read earlier" in panel.state_note.text()
    for label in ("normal", "pneumonia"):
        panel.show_film(done_film(label))
        assert not panel.state_note.isVisible()


def test_report_prints_the_caveat_with_covid_calls_only(qtbot, tmp_path, report_text):
    printed = report_text
    write_report(tmp_path / "covid.pdf", [ReportPage(done_film("covid19"), None)])
    assert covid_caveat() in printed and (tmp_path / "covid.pdf").read_bytes().startswith(b"%PDF")
    printed.clear()
    write_report(tmp_path / "normal.pdf", [ReportPage(done_film("normal"), None), ReportPage(done_film("pneumonia"), None)])
    assert printed and covid_caveat() not in printed
