"""Issue 17, languages: French, Spanish and Portuguese for the window, the findings panel and the PDF report.

Every message of each .ts is finished and keeps its source's placeholders, accelerator, tags and edge
spaces; the .qm files are compiled for the tests by the project's own build step
(scripts/build_translations.py --out), and desktop/ui/languages.py loads them from that folder."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel

from desktop.engine.history import HistoryEntry
from desktop.engine.results import REJECTED_NOT_CXR
from desktop.ui import languages
from desktop.ui.app_settings import AppSettings
from desktop.ui.film import Film
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.languages import apply_language, available, resolve
from desktop.ui.report import ReportPage, write_report
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.wording import count_text, decimal_percent, disclaimer, number_text
from gui_helpers import drop_urls, wait_until_idle

REPO = Path(__file__).resolve().parents[2]
TS_FILES = {code: REPO / "assets" / "translations" / f"cxr_triage_{code}.ts" for code in ("fr", "es", "pt")}
PLACEHOLDER = re.compile(r"\{[A-Za-z_]*\}|%[nvm1-9]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")

# What each language must show: a menu title, the disclaimer, a findings section, the report's title,
# its "Printed" line, and the firm heading of a pneumonia call.
EXPECTED = {
    "fr": ("&Fichier", "Une aide au triage, pas un diagnostic. Un clinicien doit examiner chaque cliché.",
           "Probabilités (calibrées)", "CXR Triage — rapport de triage de radiographie thoracique", "Imprimé le ",
           "Aspect de pneumonie (pas COVID-19)"),
    "es": ("&Archivo", "Una ayuda para el triaje, no un diagnóstico. Un clínico debe revisar cada radiografía.",
           "Probabilidades (calibradas)", "CXR Triage — informe de triaje de radiografía de tórax", "Impreso el ",
           "Patrón de neumonía (no COVID-19)"),
    "pt": ("&Arquivo", "Um auxílio à triagem, não um diagnóstico. Um clínico deve examinar cada radiografia.",
           "Probabilidades (calibradas)", "CXR Triage — relatório de triagem de radiografia de tórax",
           "Impresso em ", "Padrão de pneumonia (não COVID-19)"),
}
FRENCH_HEADINGS = {"Aucun signe de pneumonie", "Aspect de pneumonie (pas COVID-19)", "Aspect de pneumonie COVID-19",
                   "Incertain — à lire attentivement"}


@pytest.fixture(scope="session")
def qm_folder(tmp_path_factory) -> Path:
    """The .qm files, built from the .ts sources by the project's build step into a folder of the tests'."""
    out = tmp_path_factory.mktemp("translations")
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"), "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture
def switch_language(qm_folder):
    """``switch_language(code)`` shows ``code`` from then on; English and the default locale come back after."""
    locale = QLocale()
    yield lambda code: apply_language(code, qm_folder)
    apply_language(languages.SOURCE_LANGUAGE, qm_folder)
    QLocale.setDefault(locale)


def messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def pneumonia_film() -> Film:
    entry = HistoryEntry(file_path="/films/a.png", file_sha256="ab" * 32, model_version="test", label="pneumonia",
                         probabilities={"normal": 0.03, "pneumonia": 0.95, "covid19": 0.02}, severity=0.2)
    return Film(path=Path(entry.file_path), status="done", entry=entry)


@pytest.fixture
def painted(monkeypatch):
    """Every string the PDF report draws, the disclaimer box included."""
    texts = []
    original = QPainter.drawText

    def draw_text(self, *args):
        texts.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", draw_text)
    return texts


# --- the sources ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(TS_FILES))
def test_every_message_is_translated_and_keeps_its_placeholders(code):
    count = 0
    for context, message in messages(TS_FILES[code]):
        count += 1
        source = message.findtext("source")
        translation = message.find("translation")
        where = f"{code} {context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if message.get("numerus") == "yes":
            assert len(forms) == 2, where
        for text in forms:
            assert text.strip(), f"{where} is empty"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
            assert text.count("&") == source.count("&"), f"{where}: accelerator"
            assert TAG.findall(text) == TAG.findall(source), f"{where}: tags"
            assert text.count("\n") == source.count("\n"), f"{where}: line breaks"
            assert (text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]) == \
                   (source[:len(source) - len(source.lstrip())], source[len(source.rstrip()):]), f"{where}: edge spaces"
            if "COVID-19" in source:
                assert "COVID-19" in text, where
    assert count > 300


def test_the_build_step_compiles_every_language_and_the_choice_resolves(qm_folder):
    assert available(qm_folder) == ["en", "fr", "es", "pt"]
    assert resolve("", qm_folder, QLocale("pt_BR")) == "pt"          # the system's language by default
    assert resolve("", qm_folder, QLocale("es_MX")) == "es"
    assert resolve("", qm_folder, QLocale("de_DE")) == "en"          # one not translated: English
    assert resolve("fr", qm_folder, QLocale("pt_BR")) == "fr"        # a choice in Settings wins
    assert resolve("fr", qm_folder / "missing") == "en"              # no .qm: English, never a broken window


def test_settings_offers_each_language_by_its_own_name_and_keeps_the_choice(qtbot, qm_folder, monkeypatch,
                                                                            switch_language):
    monkeypatch.setattr(languages, "TRANSLATIONS", qm_folder)
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names[1:] == ["English", "Français", "Español", "Português"]
    assert dialog.language.currentData() == ""                         # the system's language by default
    dialog.language.setCurrentIndex(dialog.language.findData("pt"))
    dialog.accept()
    assert AppSettings().language == "pt"
    assert switch_language(AppSettings().language) == "pt"            # what create_application() does at start
    assert disclaimer() == EXPECTED["pt"][1]


# --- the window, the findings panel and the report --------------------------------------------------------

def test_french_window_findings_and_report(qtbot, make_window, contract_model_path, xray_dir, tmp_path, painted,
                                           switch_language):
    assert switch_language("fr") == "fr"
    menu, warning, section, title, printed_on, _ = EXPECTED["fr"]
    window = make_window(contract_model_path)
    assert menu in [action.text() for action in window.menuBar().actions()]
    assert window.disclaimer.text() == warning
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Lecture", "Historique"]

    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    films = window.worklist.worklist_model.films()
    window.worklist.select_row(next(i for i, f in enumerate(films) if f.status == "done"))
    findings = window.findings
    assert findings.headline.text() in FRENCH_HEADINGS
    qtbot.waitUntil(window.viewer.has_overlay, timeout=5000)      # the film's image is decoded
    assert window.viewer_panel.legend.title().startswith("Carte de chaleur pour ")   # names its class
    assert section in [label.text() for label in findings.findChildren(QLabel)]

    film = window.worklist.current_film()
    write_report(tmp_path / "r.pdf", [ReportPage(film, window.images.get(film.path))], hide_patient_data=True)
    printed = "\n".join(painted)
    assert title in printed and printed_on in printed and warning in printed and "Carte de chaleur pour " in printed
    assert findings.headline.text() in printed and "Lecteur" in printed and "Signature" in printed
    assert "Printed" not in printed and "chest X-ray triage report" not in printed
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("code", ["es", "pt"])
def test_spanish_and_portuguese_window_findings_and_report(qtbot, make_window, tmp_path, painted,
                                                           switch_language, code):
    assert switch_language(code) == code
    menu, warning, section, title, printed_on, heading = EXPECTED[code]
    window = make_window(tmp_path / "no-model.onnx")
    assert menu in [action.text() for action in window.menuBar().actions()]
    assert window.disclaimer.text() == warning

    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_film(pneumonia_film())
    assert panel.headline.text() == heading
    assert section in [label.text() for label in panel.findChildren(QLabel)]

    write_report(tmp_path / "r.pdf", [ReportPage(pneumonia_film(), None)])
    printed = "\n".join(painted)
    assert title in printed and printed_on in printed and warning in printed and heading in printed


def test_a_refused_film_is_said_in_the_readers_language(qtbot, switch_language):
    switch_language("fr")
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    refused = HistoryEntry(file_path="/films/a.png", file_sha256="ab" * 32, model_version="test", rejected=True,
                           reject_reason=REJECTED_NOT_CXR)
    panel.show_film(Film(path=Path(refused.file_path), status="rejected", entry=refused))
    assert panel.headline.text() == "Ceci ne ressemble pas à une radiographie thoracique de face — aucun résultat donné"
    assert panel.state_note.text().startswith("Le modèle ne lit que") and "This does not" not in panel.state_note.text()
    lateral = "The DICOM tags say this is a lateral view (ViewPosition LL)."     # the engine's own sentence
    refused.reject_reason = lateral
    panel.show_film(Film(path=Path(refused.file_path), status="rejected", entry=refused))
    assert panel.state_note.text().startswith(lateral + "\n")


def test_numbers_are_written_the_readers_way(qtbot, switch_language):
    """"1,241 films" would read as 1.241 films in French, Spanish and Portuguese."""
    assert (count_text(1241), decimal_percent(0.963), number_text(0.99412)) == ("1,241", "96.3 %", "0.994")
    switch_language("fr")
    assert (count_text(1241), decimal_percent(0.963), number_text(0.99412)) == ("1\u202f241", "96,3 %", "0,994")
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_film(pneumonia_film())
    assert "95,0 %" in [label.text() for label in panel.bars.findChildren(QLabel)]
    switch_language("pt")
    assert count_text(12345) == "12.345" and decimal_percent(0.5) == "50,0 %"
    switch_language("en")
    assert count_text(12345) == "12,345"
