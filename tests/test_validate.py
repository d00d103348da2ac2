"""``cxr-triage validate``: the labelled-film readers, every figure against a hand computation, the plain
words, and the command end to end (JSON, per-film CSV, exit status, a broken film, the PDF)."""

import csv
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop import __main__ as app_main
from desktop.cli import main
from desktop.engine.atomic import check_pdf
from desktop.engine.labelled import LabelledError, class_of, read_labelled, read_labelled_csv, read_labelled_folder
from desktop.engine.validation import (auc, films_for_half_width, ood_summary, pearson_r, proportion,
                                       validation_figures, wilson_interval)
from desktop.engine.validation_words import NOT_IN_CARD, card_figures, figure_sentences, plain_words

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["normal", "pneumonia", "covid19"]


# --- the readers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, label", [
    ("normal", "normal"), ("NORMAL", "normal"), ("No Finding", "normal"), ("PNEUMONIA", "pneumonia"),
    ("Viral Pneumonia", "pneumonia"), ("covid19", "covid19"), ("COVID", "covid19"), ("COVID-19", "covid19"),
    ("Covid_19", "covid19"), ("sars-cov-2", "covid19"), (" covid 19 ", "covid19"),
    ("Lung_Opacity", None), ("flu", None), ("", None)])
def test_labels_in_any_case_and_their_aliases(written, label):
    assert class_of(written) == label


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not read by the reader")
    return path


def test_folder_reader(tmp_path):
    films = [touch(tmp_path / "NORMAL" / "a.png"), touch(tmp_path / "Pneumonia" / "b.jpg"),
             touch(tmp_path / "covid-19" / "c.dcm"), touch(tmp_path / "COVID" / "deeper" / "d.png")]
    touch(tmp_path / "Lung_Opacity" / "e.png")
    touch(tmp_path / "Lung_Opacity" / "f.png")
    touch(tmp_path / "loose.png")
    touch(tmp_path / ".DS_Store")
    touch(tmp_path / "NORMAL" / "notes.txt")
    labelled = read_labelled_folder(tmp_path)
    assert [(f.path, f.label, f.severity) for f in labelled.films] == [
        (films[3], "covid19", None), (films[2], "covid19", None), (films[0], "normal", None),
        (films[1], "pneumonia", None)]
    unknown, loose = labelled.problems
    assert unknown.startswith("The folder Lung_Opacity is not a label CXR Triage knows, so its 2 films were not "
                              "scored") and "COVID-19" in unknown and unknown.endswith(".")
    assert loose.startswith("1 film directly in") and "was not scored" in loose


def test_csv_reader_with_aliases_and_bad_rows(tmp_path):
    for name in ("a.png", "b.png", "c.png", "d.png", "e.png"):
        touch(tmp_path / "films" / name)
    (tmp_path / "list.csv").write_text(
        "\ufeffPath,LABEL,Severity\n"
        "films/a.png,NORMAL,\n"
        "films/b.png,covid-19,0.25\n"
        "films/c.png,flu,\n"
        "films/missing.png,pneumonia,\n"
        "films/d.png,Pneumonia,high\n"
        ",normal,\n"
        "\n"
        f"{tmp_path / 'films' / 'e.png'},covid,1.5\n", encoding="utf-8")
    labelled = read_labelled(tmp_path / "list.csv")
    assert [(f.path.name, f.label, f.severity) for f in labelled.films] == [
        ("a.png", "normal", None), ("b.png", "covid19", 0.25), ("d.png", "pneumonia", None),
        ("e.png", "covid19", None)]
    assert labelled.films[0].path == tmp_path / "films" / "a.png"      # relative to the CSV's folder
    flu, missing, high, no_path, too_high = labelled.problems
    assert flu.startswith("Line 4 of list.csv (films/c.png) has the label 'flu', which CXR Triage does not know")
    assert missing == "Line 5 of list.csv: the file films/missing.png was not found, so it was not scored."
    assert high.startswith("Line 6 of list.csv (films/d.png): the severity 'high' is not a number from 0 to 1")
    assert no_path == "Line 7 of list.csv names no file, so it was not scored."
    assert too_high.startswith("Line 9 of list.csv") and "'1.5'" in too_high


def test_csv_with_semicolons_and_decimal_commas(tmp_path):
    touch(tmp_path / "a.png")
    (tmp_path / "list.csv").write_text("label;path;severity\nCOVID;a.png;0,5\n", encoding="utf-8")
    labelled = read_labelled_csv(tmp_path / "list.csv")
    assert [(f.label, f.severity) for f in labelled.films] == [("covid19", 0.5)] and not labelled.problems


def test_what_cannot_be_read_at_all(tmp_path):
    (tmp_path / "list.csv").write_text("file,diagnosis\na.png,normal\n", encoding="utf-8")
    with pytest.raises(LabelledError, match="needs a first line naming its columns: path,label"):
        read_labelled(tmp_path / "list.csv")
    with pytest.raises(LabelledError, match="does not exist"):
        read_labelled(tmp_path / "nowhere")


# --- the figures, by hand --------------------------------------------------------------------------
# Ten scored films: labels, probabilities (no top probability on a 1/15 bin edge) and the arg-max calls
# (the model has no operating points), then one refused normal film and one unreadable COVID-19 film.
TRUTH = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 2]
PROBS = [[0.85, 0.10, 0.05], [0.65, 0.30, 0.05], [0.40, 0.55, 0.05], [0.75, 0.20, 0.05], [0.20, 0.75, 0.05],
         [0.55, 0.30, 0.15], [0.10, 0.85, 0.05], [0.10, 0.05, 0.85], [0.20, 0.15, 0.65], [0.30, 0.42, 0.28],
         [0.90, 0.05, 0.05], [0.0, 0.0, 0.0]]
OUTCOME = ["scored"] * 10 + ["refused", "error"]
OOD = [0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 3.0, math.nan]


@pytest.fixture
def figures():
    called = np.asarray(PROBS).argmax(1)
    return validation_figures(CLASSES, TRUTH, OUTCOME, PROBS, called, OOD, 1.0)


def test_wilson_interval_against_known_values():
    assert wilson_interval(8, 10) == pytest.approx((0.4902, 0.9433), abs=5e-5)      # 8 of 10: 0.490-0.943
    assert wilson_interval(0, 10) == pytest.approx((0.0, 3.8415 / 13.8415), abs=1e-4)  # 0 of n: z²/(n+z²)
    assert wilson_interval(10, 10)[1] == pytest.approx(1.0)
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_films_needed_for_ten_points():
    # At a share of 0.5 the Wilson half-width is (z/2)/sqrt(n + z²): within 0.10 from n = 24 z² = 92.2.
    assert films_for_half_width(0.5) == 93
    assert proportion(5, 10)["more_films_for_10_points"] == 83
    n = films_for_half_width(0.8)
    assert (lambda lo, hi: (hi - lo) / 2)(*wilson_interval(0.8 * n, n)) <= 0.10 < \
        (lambda lo, hi: (hi - lo) / 2)(*wilson_interval(0.8 * (n - 1), n - 1))


def test_counts_confusion_matrix_and_accuracy(figures):
    assert figures["counts"] == {"films": 12, "scored": 10, "refused": 1, "errors": 1}
    assert figures["confusion_matrix"] == [[3, 1, 0], [1, 2, 0], [0, 1, 2]]
    assert figures["accuracy"]["value"] == 0.7 and (figures["accuracy"]["k"], figures["accuracy"]["n"]) == (7, 10)
    normal, covid = figures["per_class"]["normal"], figures["per_class"]["covid19"]
    assert (normal["labelled"], normal["scored"], normal["refused"], normal["errors"]) == (5, 4, 1, 0)
    assert (covid["labelled"], covid["scored"], covid["refused"], covid["errors"]) == (4, 3, 0, 1)


@pytest.mark.parametrize("name, expected", [
    # (k, n) of sensitivity TP/(TP+FN), specificity TN/(TN+FP), PPV TP/(TP+FP), NPV TN/(TN+FN)
    ("normal", {"sensitivity": (3, 4), "specificity": (5, 6), "ppv": (3, 4), "npv": (5, 6)}),
    ("pneumonia", {"sensitivity": (2, 3), "specificity": (5, 7), "ppv": (2, 4), "npv": (5, 6)}),
    ("covid19", {"sensitivity": (2, 3), "specificity": (7, 7), "ppv": (2, 2), "npv": (7, 8)})])
def test_one_vs_rest_figures(figures, name, expected):
    for figure, (k, n) in expected.items():
        got = figures["per_class"][name][figure]
        assert (got["k"], got["n"], got["value"]) == (k, n, k / n)
        assert got["ci95"] == pytest.approx(list(wilson_interval(k, n)))


def test_auc_by_hand_with_ties(figures):
    # normal: 23 of the 24 (positive, negative) pairs ordered right; pneumonia: 18 right and one tie
    # (0.30 against 0.30) of 21; COVID-19: all 21.
    assert figures["per_class"]["normal"]["auc"] == pytest.approx(23 / 24)
    assert figures["per_class"]["pneumonia"]["auc"] == pytest.approx(18.5 / 21)
    assert figures["per_class"]["covid19"]["auc"] == 1.0
    assert auc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert auc([1, 1], [0.2, 0.9]) is None


def test_ece_and_reliability_by_hand(figures):
    # Top probabilities and right calls: 0.42 wrong; 0.55 x2 wrong; 0.65 x2, 0.75 x2, 0.85 x3 right.
    assert figures["ece_15"] == pytest.approx((0.42 + 2 * 0.55 + 2 * 0.35 + 2 * 0.25 + 3 * 0.15) / 10)
    bins = figures["reliability"]
    assert sum(bins["count"]) == 10 and bins["count"][6] == 1 and bins["count"][12] == 3
    assert bins["accuracy"][8] == 0.0 and bins["confidence"][8] == pytest.approx(0.55)


def test_figures_agree_with_the_trainers_definitions():
    metrics = pytest.importorskip("trainer.metrics")       # scikit-learn: the trainer's side only
    probs, truth = np.asarray(PROBS[:10]), np.asarray(TRUTH[:10])
    figures = validation_figures(CLASSES, truth, ["scored"] * 10, probs, probs.argmax(1), OOD[:10], 1.0)
    assert figures["ece_15"] == pytest.approx(metrics.expected_calibration_error(probs, truth), abs=1e-12)
    for c, name in enumerate(CLASSES):
        assert figures["per_class"][name]["auc"] == pytest.approx(metrics.roc_auc(truth == c, probs[:, c]), abs=1e-12)


def test_severity_and_ood_by_hand():
    figures = validation_figures(CLASSES, [0, 1, 2, 2], ["scored"] * 4, [[1, 0, 0]] * 4, [0] * 4, [0.1] * 4, 1.0,
                                 labelled_severity=[0.0, 0.5, 1.0, math.nan], severity=[0.1, 0.4, 1.0, 0.3])
    severity = figures["severity"]
    assert severity["n"] == 3 and severity["mae"] == pytest.approx(0.2 / 3)
    assert severity["pearson_r"] == pytest.approx(0.45 / math.sqrt(0.5 * 0.42))
    assert pearson_r([1, 1], [0, 1]) is None
    ood = ood_summary([0.2, 0.5, 1.5, 2.0, math.nan], 1.0)
    assert (ood["n"], ood["above_threshold"], ood["quantiles"]["p50"]) == (4, 2, 1.0)
    assert sum(ood["histogram"]["counts"]) == 4


def test_refused_films_stay_out_of_the_figures(figures):
    assert figures["ood"]["n"] == 11 and figures["ood"]["above_threshold"] == 1   # scored and refused, not the error
    assert sum(map(sum, figures["confusion_matrix"])) == 10


# --- the plain words -------------------------------------------------------------------------------

def test_the_plain_words_sentence():
    card = card_figures({"per_class": {"normal": {"recall": 0.85}}, "accuracy": 0.86}, CLASSES)
    sentence, = figure_sentences("on your 120 films, normal films called normal", proportion(31, 50),
                                 card["per_class"]["normal"]["sensitivity"], "normal films")
    assert sentence == ("On your 120 films, normal films called normal: 62 % (95 % CI 48–74 %, 31 of 50). The model "
                        "card's test split: 85 %. This model does not yet hold up on your films.")
    agrees, too_few = figure_sentences("normal films called normal", proportion(8, 10), 0.85, "normal films")
    assert agrees.endswith("The model card's test split: 85 %. That is within your interval: your films are "
                           "consistent with it.")
    more = films_for_half_width(0.8) - 10
    assert too_few == (f"Too few normal films to conclude: the interval spans 45 points; about {more} more normal "
                       "films would narrow it to ±10 points.")
    assert figure_sentences("x", proportion(9, 10), 0.5, "x")[0].endswith("does better than on its test split.")
    assert figure_sentences("x", proportion(9, 10), card["per_class"]["covid19"]["sensitivity"], "x")[0] \
        .endswith(f"The model card's test split: {NOT_IN_CARD}.")


def test_card_figures_from_the_confusion_matrix():
    card = card_figures({"confusion_matrix": [[3, 1, 0], [1, 2, 0], [0, 1, 2]], "ece_15": float("nan")}, CLASSES)
    assert card["per_class"]["pneumonia"]["specificity"] == 5 / 7 and card["per_class"]["covid19"]["npv"] == 7 / 8
    assert card["ece_15"] is None and card["per_class"]["normal"]["sensitivity"] is None


def test_plain_words_of_a_run(figures):
    lines = plain_words(figures, card_figures({}, CLASSES))
    assert lines[0] == ("Of your 12 labelled films: 10 scored, 1 refused as not a frontal chest X-ray (counted "
                        "apart, not in the figures), 1 could not be read.")
    assert lines[1].startswith("On your 10 films, normal films called normal: 75 % (95 % CI 30–95 %, 3 of 4).")
    assert any(line.startswith("Calibration error (ECE, 0 is perfect): 0.317 on your films") for line in lines)


# --- the command -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def labelled_folder(tmp_path_factory, shared_data):
    """Two films of each class from the shared manifests, in <label>/ folders written as clinics do."""
    root = tmp_path_factory.mktemp("labelled")
    folders = {"normal": "NORMAL", "pneumonia": "Pneumonia", "covid19": "COVID-19"}
    for manifest in sorted((shared_data / "cxr").glob("manifest-*.csv")):
        with open(manifest, newline="", encoding="utf-8") as f:
            for row in sorted(csv.DictReader(f), key=lambda r: r["path"]):
                folder = root / folders[row["label"]]
                folder.mkdir(exist_ok=True)
                if len(list(folder.iterdir())) < 2:
                    shutil.copyfile(shared_data / "cxr" / row["path"], folder / Path(row["path"]).name)
    return root


def test_validate_a_folder_with_a_broken_film(tmp_path, capsys, contract_model_path, labelled_folder):
    films = tmp_path / "films"
    shutil.copytree(labelled_folder, films)
    (films / "NORMAL" / "broken.png").write_text("not an image")
    out_json, out_csv = tmp_path / "v.json", tmp_path / "films.csv"
    code = main(["validate", str(films), "--model", str(contract_model_path), "--json", str(out_json),
                 "--csv", str(out_csv)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "broken.png" in err and "Confusion matrix" in out and "In plain words:" in out
    document = json.loads(out_json.read_text())
    counts = document["figures"]["counts"]
    assert counts["films"] == 7 and counts["errors"] == 1 and counts["scored"] + counts["refused"] == 6
    assert sum(map(sum, document["figures"]["confusion_matrix"])) == counts["scored"]
    assert any("broken.png" in p for p in document["problems"])
    assert NOT_IN_CARD in " ".join(document["plain_words"])      # the test model's card has no per-class recall
    with open(out_csv, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["path", "label", "called", "p_normal", "p_pneumonia", "p_covid19", "severity",
                             "labelled_severity", "ood_score", "rejected", "error"]
    assert len(rows) == 7 and sorted(r["label"] for r in rows) == ["covid19"] * 2 + ["normal"] * 3 + ["pneumonia"] * 2
    broken, = [r for r in rows if r["path"].endswith("broken.png")]
    assert broken["error"] and not broken["called"]
    assert all(r["called"] in CLASSES for r in rows if not r["error"] and r["rejected"] == "false")


def test_validate_a_csv_and_bad_usage(tmp_path, capsys, contract_model_path, labelled_folder):
    films = sorted(labelled_folder.rglob("*.*"))
    (tmp_path / "list.csv").write_text("path,label,severity\n" + "".join(
        f"{path},{path.parent.name},0.25\n" for path in films), encoding="utf-8")
    assert main(["validate", str(tmp_path / "list.csv"), "--model", str(contract_model_path)]) == 0
    assert "Severity on 6 films" in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    assert main(["validate", str(tmp_path / "empty"), "--model", str(contract_model_path)]) == 2
    assert "no labelled films to check" in capsys.readouterr().err
    assert app_main.main(["validate", str(tmp_path / "nowhere"), "--model", str(contract_model_path)]) == 2
    assert "nowhere does not exist" in capsys.readouterr().err


def test_report_pdf_headless_and_without_torch_or_scikit_learn(tmp_path, contract_model_path, labelled_folder):
    """In a process of its own: the PDF needs a QGuiApplication, which must not meet pytest-qt's."""
    script = ("import sys\n"
              "for name in ('torch', 'sklearn', 'scipy', 'matplotlib'): sys.modules[name] = None\n"
              "from desktop.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    pdf = tmp_path / "validation.pdf"
    done = subprocess.run([sys.executable, "-c", script, "validate", str(labelled_folder), "--model",
                           str(contract_model_path), "--report", str(pdf)], cwd=REPO, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    check_pdf(pdf)
    assert pdf.stat().st_size > 5000
