"""Issue 17, words that match the numbers: a firm heading only from FIRM_CALL_PROBABILITY on, severity
only where it means something and with its caveat, and a heatmap that names its class, leaves low
values untinted, has a labelled opacity control and warns when it lies mostly outside the lungs."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.engine.heatmap_attention import OUTSIDE_LUNGS_SHARE, border_share, looked_outside_lungs
from desktop.engine.history import HistoryEntry
from desktop.ui.film import Film
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.heatmap_legend import HeatmapLegend
from desktop.ui.heatmap_overlay import VISIBLE_FROM, overlay_alpha, overlay_rgba
from desktop.ui.report import ReportPage, write_report
from desktop.ui.severity_gauge import SeverityGauge
from desktop.ui.viewer import XrayViewer
from desktop.ui.viewer_panel import ViewerPanel
from desktop.ui.viewer_toolbar import ViewerToolbar
from desktop.ui.wording import (FIRM_CALL_PROBABILITY, call_detail, headline, is_firm_call, outside_lungs_warning,
                                severity_band, unreadable_advice)
from test_viewer_and_gauge import gradient_image, pixels

REPO = Path(__file__).resolve().parents[2]
CENTRE = np.zeros((7, 7), np.float32)
CENTRE[2:5, 2:5] = 1.0
RING = np.ones((7, 7), np.float32)
RING[1:-1, 1:-1] = 0.0


def film(probabilities: dict, label: str | None = None, severity: float | None = 0.06,
         heatmap: np.ndarray | None = CENTRE) -> Film:
    label = label or max(probabilities, key=probabilities.get)
    entry = HistoryEntry(file_path="/films/a.png", file_sha256="0" * 64, model_version="test", label=label,
                         probabilities=probabilities, severity=severity, heatmap=heatmap)
    return Film(path=Path(entry.file_path), status="done", entry=entry)


@pytest.fixture
def panel(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


# --- the heading follows the calibrated probability -----------------------------------------------------

def test_threshold_is_a_probability_and_the_model_card_names_it():
    assert 0.5 < FIRM_CALL_PROBABILITY < 1.0
    paragraphs = []
    for card in (REPO / "assets" / "models" / "MODEL_CARD.md", REPO / "trainer" / "model_card_template.md"):
        text = card.read_text(encoding="utf-8")
        start = text.index("### How the app words a call")
        paragraphs.append(text[start:text.index("###", start + 4)])
    assert paragraphs[0] == paragraphs[1]                        # the same words in both
    assert f"at least {FIRM_CALL_PROBABILITY:.2f}" in paragraphs[0] and "validation" in paragraphs[0]
    assert "scripts/wording_threshold.py" in paragraphs[0] and f"= {OUTSIDE_LUNGS_SHARE:.2f}" in paragraphs[0]


def test_the_issues_examples_read_uncertain(panel):
    for probabilities in ({"normal": 0.668, "pneumonia": 0.239, "covid19": 0.093},
                          {"normal": 0.695, "pneumonia": 0.280, "covid19": 0.025}):
        panel.show_film(film(probabilities))
        assert panel.headline.text() == "Uncertain — read carefully"
        assert panel.headline.property("state") == "uncertain"
        assert "No sign of pneumonia" not in panel.visible_text()
        assert panel.call_line.isVisible() and "Most likely Normal" in panel.call_line.text()
        assert f"Pneumonia ({100 * probabilities['pneumonia']:.0f} %)" in panel.call_line.text()


def test_firm_wording_from_the_threshold_on(panel):
    at = {"normal": FIRM_CALL_PROBABILITY, "pneumonia": 1 - FIRM_CALL_PROBABILITY - 0.01, "covid19": 0.01}
    below = {"normal": FIRM_CALL_PROBABILITY - 0.005, "pneumonia": 1 - FIRM_CALL_PROBABILITY, "covid19": 0.005}
    assert is_firm_call("normal", at) and not is_firm_call("normal", below)
    assert headline("normal", at) == "No sign of pneumonia" and call_detail("normal", at) is None
    assert headline("pneumonia", {"normal": 0.05, "pneumonia": 0.93, "covid19": 0.02}).startswith("Pneumonia pattern")
    panel.show_film(film(at))
    assert panel.headline.text() == "No sign of pneumonia" and not panel.call_line.isVisible()
    assert f"{100 * FIRM_CALL_PROBABILITY:.0f} %" in panel.headline.toolTip()   # the rule, on hover
    panel.show_film(film(below))
    assert panel.headline.text() == "Uncertain — read carefully"


def test_the_call_not_the_argmax_decides_the_wording():
    # An operating point may call COVID-19 from 30 %: that call is never firm.
    probabilities = {"normal": 0.55, "pneumonia": 0.15, "covid19": 0.30}
    assert headline("covid19", probabilities) == "Uncertain — read carefully"
    assert "Most likely COVID-19 (30 %), then Normal (55 %)" in call_detail("covid19", probabilities)


# --- severity ----------------------------------------------------------------------------------------

def test_no_severity_for_a_normal_call_and_never_mild_at_zero(panel):
    panel.show_film(film({"normal": 0.95, "pneumonia": 0.03, "covid19": 0.02}, severity=0.0))
    assert panel.severity_box.isHidden() and panel.gauge.value is None
    assert "mild" not in panel.visible_text() and "lung fields" not in panel.visible_text()
    assert severity_band(0.0) == severity_band(0.004) == "none measured"
    assert severity_band(0.06) == "mild" and severity_band(0.5) == "moderate" and severity_band(0.8) == "extensive"


def test_pneumonia_severity_comes_with_the_covid_only_caveat_and_in_grey(panel):
    panel.show_film(film({"normal": 0.03, "pneumonia": 0.95, "covid19": 0.02}, severity=0.06))
    assert panel.severity_box.isVisible() and abs(panel.gauge.value - 0.06) < 1e-6
    assert "COVID-19 films only" in panel.severity_note.text()
    assert not panel.gauge.reliable                              # painted grey, not a reassuring green
    panel.show_film(film({"normal": 0.03, "pneumonia": 0.02, "covid19": 0.95}, severity=0.0))
    assert panel.gauge.reliable and panel.gauge.band_name() == "none measured"
    assert "COVID-19 films" in panel.severity_note.text()


def test_gauge_is_never_green(qtbot):
    gauge = SeverityGauge()
    qtbot.addWidget(gauge)
    gauge.resize(240, 130)
    gauge.show()
    qtbot.waitExposed(gauge)
    for value in (0.06, 0.2):
        gauge.set_value(value)
        rgb = pixels(gauge).reshape(-1, 3).astype(int)
        greenish = (rgb[:, 1] > rgb[:, 0] + 40) & (rgb[:, 1] > rgb[:, 2] + 40)
        assert greenish.mean() < 0.001


# --- the heatmap -------------------------------------------------------------------------------------

def test_border_share_is_the_model_cards_ring():
    assert border_share(CENTRE) == 0.0 and border_share(RING) == 1.0
    assert border_share(np.ones((7, 7))) == pytest.approx(24 / 49)      # spread evenly: just under half
    assert border_share(np.zeros((7, 7))) == 0.0
    assert np.allclose(border_share(np.stack([CENTRE, RING])), [0.0, 1.0])
    assert looked_outside_lungs(RING) and not looked_outside_lungs(CENTRE)
    assert not looked_outside_lungs(np.ones((7, 7))) and not looked_outside_lungs(None)


def test_panel_names_the_heatmaps_class_and_warns_outside_the_lungs(panel):
    probabilities = {"normal": 0.05, "pneumonia": 0.9, "covid19": 0.05}
    panel.show_film(film(probabilities, heatmap=CENTRE))
    assert panel.heatmap_box.isVisible() and "looked for Pneumonia" in panel.heatmap_note.text()
    assert not panel.heatmap_warning.isVisible()
    panel.show_film(film(probabilities, heatmap=RING))
    assert panel.heatmap_warning.isVisible() and panel.heatmap_warning.text() == outside_lungs_warning()
    assert "mostly outside the lungs" in outside_lungs_warning()
    panel.show_film(film(probabilities, heatmap=None))
    assert panel.heatmap_box.isHidden()


def test_low_values_leave_the_film_untinted():
    heat = np.linspace(0, 1, 101, dtype=np.float32)
    alpha = overlay_alpha(heat)
    assert (alpha[heat < VISIBLE_FROM] == 0).all() and alpha[-1] == pytest.approx(1.0)
    assert (np.diff(alpha) >= -1e-7).all()
    assert (overlay_rgba(np.full((7, 7), 0.1))[..., 3] == 0).all()


def test_viewer_at_default_opacity_does_not_tint_a_cool_map(qtbot):
    viewer = XrayViewer()
    qtbot.addWidget(viewer)
    viewer.resize(300, 300)
    cool = np.full((7, 7), 0.15, np.float32)
    cool[3, 3] = 1.0                                            # one hot cell; the rest is "low"
    viewer.set_film(gradient_image(), cool)
    viewer.show()
    qtbot.waitExposed(viewer)
    shown = pixels(viewer).astype(int)
    r = viewer.image_rect().toAlignedRect()
    corner = shown[r.top() + 2:r.top() + r.height() // 5, r.left() + 2:r.left() + r.width() // 5]
    assert corner.size and np.abs(corner[..., 0] - corner[..., 2]).max() <= 1     # still grey
    centre = shown[r.center().y() - 3:r.center().y() + 3, r.center().x() - 3:r.center().x() + 3]
    assert np.abs(centre[..., 0] - centre[..., 2]).max() > 20                    # the hot cell is coloured


def test_opacity_control_is_labelled(qtbot):
    toolbar = ViewerToolbar()
    qtbot.addWidget(toolbar)
    assert toolbar.opacity_label.text() == "Opacity" and toolbar.opacity_label.buddy() is toolbar.opacity_slider
    toolbar.set_overlay_available(False)
    assert not toolbar.opacity_label.isEnabled() and not toolbar.opacity_slider.isEnabled()
    toolbar.set_overlay_available(True)
    assert toolbar.opacity_label.isEnabled()


def test_legend_names_the_class(qtbot):
    legend = HeatmapLegend()
    qtbot.addWidget(legend)
    legend.set_subject("Pneumonia")
    assert legend.title() == "Heatmap for Pneumonia:" and "Pneumonia" in legend.accessibleDescription()



def test_the_viewer_legend_names_the_class_its_heatmap_explains(qtbot):
    panel = ViewerPanel()
    qtbot.addWidget(panel)
    panel.show_film(QImage(gradient_image()), CENTRE, subject="Pneumonia")
    assert panel.legend.title() == "Heatmap for Pneumonia:" and not panel.legend.isHidden()
    panel.show_film(QImage(gradient_image()), None, subject="Pneumonia")      # no heatmap: no legend, no class
    assert panel.legend.isHidden() and panel.legend.title() == "Heatmap:"


def test_the_viewer_toolbar_gives_way_on_a_small_screen(qtbot):
    """On a 1366 px wide screen the toolbar must not squeeze the worklist: what does not fit goes under »."""
    toolbar = ViewerToolbar()
    qtbot.addWidget(toolbar)
    toolbar.show()
    assert toolbar.minimumSizeHint().width() <= 200 < toolbar.sizeHint().width()


def test_an_unreadable_file_says_what_to_do_under_no_empty_heading(panel):
    entry = HistoryEntry(file_path="/films/a.png", file_sha256="", model_version="", error="a.png is not an image.")
    panel.show_film(Film(path=Path(entry.file_path), status="error", entry=entry))
    assert panel.headline.text() == "a.png is not an image."
    assert panel.state_note.text() == unreadable_advice() and not panel.state_note.isHidden()
    assert "export it again" in unreadable_advice()
    assert panel.detail_rows == [] and panel.image_title.isHidden() and panel.separator.isHidden()
    panel.show_film(film({"normal": 0.95, "pneumonia": 0.03, "covid19": 0.02}))
    assert panel.detail_rows and not panel.image_title.isHidden()             # a read film: its model at least

# --- the report says the same --------------------------------------------------------------------------

def test_report_uses_the_same_words(qtbot, tmp_path, report_text):
    image = QImage(gradient_image())
    uncertain = film({"normal": 0.668, "pneumonia": 0.239, "covid19": 0.093}, heatmap=RING, severity=0.0)
    write_report(tmp_path / "a.pdf", [ReportPage(uncertain, image)])
    printed = "\n".join(report_text)
    assert "Uncertain — read carefully" in printed and "No sign of pneumonia" not in printed
    assert "Heatmap for Normal" in printed and outside_lungs_warning() in printed
    assert "Severity" not in printed and "mild" not in printed and "/ 8" not in printed
    report_text.clear()
    pneumonia = film({"normal": 0.03, "pneumonia": 0.95, "covid19": 0.02}, severity=0.06)
    write_report(tmp_path / "b.pdf", [ReportPage(pneumonia, image)])
    printed = "\n".join(report_text)
    assert "Pneumonia pattern" in printed and "About 6 % of the lung fields look involved (mild)" in printed
    assert "COVID-19 films only" in printed and outside_lungs_warning() not in printed
