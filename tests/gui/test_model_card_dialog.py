"""Issue 17, the model card for people: a plain summary first (what it does, how often it is right on the
test split and on unseen hospitals, its limits, "aid, not diagnosis"), then the technical details with
rounded numbers, no NaN rows and grouped tables."""

import json
import re
from pathlib import Path

import pytest

from desktop.ui.model_card_dialog import ModelCardDialog
from desktop.ui.model_card_text import format_value
from desktop.ui.wording import FIRM_CALL_PROBABILITY

SHIPPED = Path(__file__).resolve().parents[2] / "assets" / "models" / "cxr-triage.onnx"

METRICS = {
    "n": 1241, "accuracy": 0.8597904915390814, "macro_f1": 0.8602688212018327, "ece_15": 0.03983495328620401,
    "covid19_sensitivity": 0.896875, "decision_thresholds": {},
    "per_class": {"normal": {"recall": 0.8281938325991189, "precision": 0.85, "f1": 0.84, "support": 454},
                  "pneumonia": {"recall": 0.8650963597430407, "precision": 0.88, "f1": 0.87, "support": 467},
                  "covid19": {"recall": 0.896875, "precision": 0.84, "f1": 0.87, "support": 320}},
    "auc_one_vs_rest": {"normal": 0.9455, "pneumonia": 0.9563, "covid19": 0.9769},
    "per_source": {"brixia": {"n": 3, "accuracy": 1 / 3, "normal_called_normal": None, "sick_called_sick": 1 / 3,
                              "auc_one_vs_rest": {"covid19": float("nan"), "normal": float("nan")}},
                   "kermany2018": {"n": 624, "accuracy": 0.9118589743589743, "normal_called_normal": 0.8034,
                                   "sick_called_sick": 0.9795}},
    "severity": {"mae": 0.2188740630246425, "pearson_r": float("nan"), "n_scored": 51},
}
METADATA = {"model_version": "2026.12.01-test", "architecture": "mobilenet_v3_small", "input_size": "224",
            "classes": json.dumps(["normal", "pneumonia", "covid19"]), "temperature": "0.9937952563924131",
            "ood_threshold": "1.0", "decision_thresholds": "{}", "created": "2026-12-01T16:18:18+00:00",
            "severity_definition": "fraction of lung fields involved", "metrics": json.dumps(METRICS),
            "training_manifest_sha256": "e9067d39856b99db101f529d304fb4225adeba5aa7dfa4888f5f821532715653"}


def card_text(qtbot, metadata, path="model.onnx") -> str:
    dialog = ModelCardDialog(metadata, path)
    qtbot.addWidget(dialog)
    return dialog.browser.toPlainText()


def before_full_card(text: str) -> str:
    return text.split("The full model card")[0]


def test_summary_comes_first_in_plain_words(qtbot):
    text = card_text(qtbot, METADATA)
    summary, details = text.split("Technical details", 1)
    assert summary.index("In short") < summary.index("How often it is right") < summary.index("Known limits")
    assert "An aid for triage, not a diagnosis" in summary
    assert "On 1,241 test films" in summary and "right 86 % of the time" in summary
    assert "hospitals it has never seen" in summary                     # unseen hospitals
    assert f"at least {100 * FIRM_CALL_PROBABILITY:.0f} %" in summary   # when a call is worded firmly
    assert "Severity was learnt from radiologists' scores of COVID-19 films only" in summary
    assert "Normal: 83 %" in summary and "Pneumonia: 87 %" in summary and "COVID-19: 90 %" in summary


def test_technical_details_are_rounded_grouped_and_without_nan(qtbot):
    text = before_full_card(card_text(qtbot, METADATA))
    assert "0.9937952563924131" not in text and "Calibration temperature\n0.99" in text
    assert "{}" not in text and "none: the most probable class is called" in text
    assert not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert "brixia.auc" not in text and "auc_one_vs_rest" not in text
    assert "Per class" in text and "Per source (hospital collection)" in text
    assert "86.0 %" in text and "91.2 %" in text and "0.219" in text   # shares as %, others 3 digits
    assert "Correlation with radiologists" not in text                 # its value was NaN: no row
    assert "2026-12-01 " in text and "+00:00" not in text              # created: local time with its zone


def test_operating_points_in_words(qtbot):
    text = card_text(qtbot, {**METADATA, "decision_thresholds": json.dumps({"covid19": {"threshold": 0.281}})})
    assert "COVID-19 called from 28 %" in before_full_card(text)


def test_value_formatting():
    assert format_value("accuracy", 0.8597) == "86.0 %" and format_value("n", 1241) == "1,241"
    assert format_value("auc", float("nan")) is None and format_value("accuracy", None) is None
    assert format_value("mae", 0.2188740630246425) == "0.219"


def test_without_a_model_the_limits_still_show(qtbot):
    text = card_text(qtbot, None, None)
    assert "No model is loaded." in text and "not a diagnosis" in text


@pytest.mark.skipif(not SHIPPED.is_file(), reason="no shipped model")
def test_shipped_models_card(qtbot):
    from desktop.engine.predictor import Predictor
    model = Predictor(SHIPPED)
    text = before_full_card(card_text(qtbot, model.metadata, str(SHIPPED)))
    assert text.index("In short") < text.index("Technical details")
    assert not re.search(r"\bnan\b", text, re.IGNORECASE) and "Decision thresholds {}" not in text
    assert str(model.temperature) not in text
