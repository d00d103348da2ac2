"""Issue 16, adapting the class head to a site (desktop/engine/adaptation.py) and site profiles
(desktop/engine/site_profile.py, Predictor.load_site).

The simulated site: the shipped model's real embeddings of real films, with a class head that over-calls
pneumonia (its pneumonia bias raised), as a hospital whose films the model reads as more diseased than they
are. Adapting on the site's labelled normal and pneumonia films must raise the cross-validated share of
normal films called normal, flag the pneumonia sensitivity it gives up, and leave COVID-19, which the site
did not label, as the model has it.
"""

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest

from desktop.engine import adaptation
from desktop.engine.adaptation import (MIN_FILMS, MIN_PER_CLASS, AdaptationError, _Fitter, adapt_films, adapt_head,
                                       too_few_films)
from desktop.engine.contract import CLASSES, class_head_probabilities, decide
from desktop.engine.labelled import LabelledFilm
from desktop.engine.labelled_run import run_labelled
from desktop.engine.predictor import Predictor
from desktop.engine.site_profile import (SiteProfileError, document_checksum, film_id, load_site_profile,
                                         write_site_profile)

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "models" / "cxr-triage.onnx"
OVER_CALLS_PNEUMONIA = np.array([0.0, 3.5, 0.0])     # added to the shipped head's bias: the simulated site


def _rows(shared_data, source: str, label: str, count: int) -> list[Path]:
    """The first ``count`` films (by path) of a source and label: deterministic."""
    rows = []
    for manifest in sorted((shared_data / "cxr").glob("manifest-*.csv")):
        with open(manifest, newline="", encoding="utf-8") as f:
            rows += [r for r in csv.DictReader(f) if r["source"] == source and r["label"] == label]
    return [shared_data / "cxr" / r["path"] for r in sorted(rows, key=lambda r: r["path"])[:count]]


@pytest.fixture(scope="module")
def shipped() -> Predictor:
    predictor = Predictor(SHIPPED)
    predictor.keep_embeddings = True
    return predictor


@pytest.fixture(scope="module")
def site_films(shared_data, shipped):
    """Real films: 30 normal and 30 pneumonia adult films (nih14), and 30 COVID-19 films (radiography-covid),
    with the shipped model's embeddings; refused films dropped."""
    films = ([LabelledFilm(p, "normal") for p in _rows(shared_data, "nih14", "normal", 30)]
             + [LabelledFilm(p, "pneumonia") for p in _rows(shared_data, "nih14", "pneumonia", 30)]
             + [LabelledFilm(p, "covid19") for p in _rows(shared_data, "radiography-covid", "covid19", 30)])
    results = run_labelled(shipped, films)
    kept = [(f, r) for f, r in zip(films, results) if r.ok]
    assert len(kept) >= 80
    embeddings = np.stack([r.embedding for _, r in kept]).astype(np.float64)
    truth = np.array([CLASSES.index(f.label) for f, _ in kept])
    return embeddings, truth, [f for f, _ in kept], [r for _, r in kept]


def _biased_head(shipped) -> dict:
    return {"weight": shipped.class_head["weight"],
            "bias": list(np.asarray(shipped.class_head["bias"]) + OVER_CALLS_PNEUMONIA)}


# --- the fit itself --------------------------------------------------------------------------------

def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    E, y = rng.normal(size=(60, 12)), rng.integers(0, 2, 60)
    fitter = _Fitter(E, y, rng.normal(size=(3, 12)), rng.normal(size=3), 1.3, [0, 1])
    theta = rng.normal(size=int(np.prod(fitter.shape))) * 0.1
    films = np.arange(60)
    _, grad = fitter.objective(theta, films, 0.05)
    for k in range(0, len(theta), 5):
        step = np.zeros_like(theta)
        step[k] = 1e-6
        numeric = (fitter.objective(theta + step, films, 0.05)[0] - fitter.objective(theta - step, films, 0.05)[0]) / 2e-6
        assert grad[k] == pytest.approx(numeric, abs=1e-7)


def test_a_strong_anchor_keeps_the_model_head_and_a_weak_one_fits_the_films():
    rng = np.random.default_rng(1)
    E = rng.normal(size=(100, 8))
    y = (E[:, 0] > 0).astype(int)                      # the site's truth: the first feature
    W0, b0 = np.zeros((3, 8)), np.zeros(3)             # a head that knows nothing
    fitter = _Fitter(E, y, W0, b0, 1.0, [0, 1])
    films = np.arange(100)
    assert np.abs(fitter.fit(films, 1e6)).max() < 1e-4
    loose = fitter.probabilities(fitter.fit(films, 1e-4), films)
    assert (loose[:, :2].argmax(1) == y).mean() >= 0.95


def test_stratified_folds_cover_every_film_once():
    y = np.array([0] * 13 + [1] * 11 + [2] * 10)
    folds = adaptation._stratified_folds(y, 5, seed=0)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(y)))
    assert all((y[f] == c).sum() >= 2 for f in folds for c in range(3))


# --- guards ----------------------------------------------------------------------------------------

def test_too_few_films_is_refused_with_the_reason():
    assert too_few_films(["normal"] * 20 + ["pneumonia"] * 20, CLASSES) is None
    few = too_few_films(["normal"] * 20 + ["pneumonia"] * 19, CLASSES)
    assert f"at least {MIN_FILMS}" in few and "cross-validated" in few and "You gave 20 Normal, 19 Pneumonia, 0 COVID-19" in few
    one_class = too_few_films(["normal"] * 50 + ["pneumonia"] * (MIN_PER_CLASS - 1), CLASSES)
    assert one_class is not None and f"at least {MIN_PER_CLASS} of each of two classes" in one_class
    with pytest.raises(AdaptationError, match="at least 40"):
        adapt_head(np.zeros((30, 4)), np.array([0, 1] * 15), CLASSES,
                   {"weight": np.zeros((3, 4)), "bias": np.zeros(3)}, 1.0)


def test_a_model_without_embedding_cannot_be_adapted(shipped, site_films):
    _, _, films, results = site_films
    shipped.class_head, head = None, shipped.class_head
    try:
        with pytest.raises(AdaptationError, match="no embedding output"):
            adapt_films(shipped, films, results)
    finally:
        shipped.class_head = head


# --- the simulated site ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def simulated(shipped, site_films):
    """Adapt the over-calling head on the site's normal and pneumonia films."""
    E, y, _, _ = site_films
    site = y != CLASSES.index("covid19")
    head = _biased_head(shipped)
    result = adapt_head(E[site], y[site], CLASSES, head, shipped.temperature,
                        shipped.metadata["decision_thresholds"])
    return head, result


def test_adapting_raises_the_cross_validated_figures_on_the_simulated_site(simulated):
    _, result = simulated
    assert result.pays and result.adapted_classes == ["normal", "pneumonia"]
    before, after = result.before["per_class"]["normal"]["sensitivity"], result.after["per_class"]["normal"]["sensitivity"]
    assert before["value"] < 0.5                                # the over-calling head misses most normal films
    assert after["value"] >= before["value"] + 0.25             # scored by heads fitted without each film
    assert result.after["accuracy"]["value"] > result.before["accuracy"]["value"] + 0.1
    assert result.before["accuracy"]["n"] == result.after["accuracy"]["n"] == sum(result.films.values())


def test_the_sensitivity_it_gives_up_is_flagged(simulated):
    _, result = simulated
    before = result.before["per_class"]["pneumonia"]["sensitivity"]["value"]
    after = result.after["per_class"]["pneumonia"]["sensitivity"]["value"]
    assert after < before and result.sensitivity_drops == ["pneumonia"]
    assert any("fewer Pneumonia films are found" in line for line in result.summary_lines())


def test_a_class_the_site_did_not_label_keeps_the_model_behaviour(shipped, site_films):
    """A site with normal and pneumonia films only, adapting the shipped head: its COVID-19 row stays the
    model's, and on COVID-19 films (which the site never showed) the calls and probabilities stay put."""
    E, y, _, _ = site_films
    covid = CLASSES.index("covid19")
    site, films = y != covid, y == covid
    thresholds = shipped.metadata["decision_thresholds"]
    result = adapt_head(E[site], y[site], CLASSES, shipped.class_head, shipped.temperature, thresholds)
    assert result.pays and result.adapted_classes == ["normal", "pneumonia"]     # the head did move
    assert np.abs(np.subtract(result.head["weight"], shipped.class_head["weight"])).max() > 1e-3
    assert np.array_equal(result.head["weight"][covid], shipped.class_head["weight"][covid])
    assert result.head["bias"][covid] == shipped.class_head["bias"][covid]
    model = class_head_probabilities(E[films], shipped.class_head, shipped.temperature)
    adapted = class_head_probabilities(E[films], result.head, result.temperature)
    assert (decide(model, thresholds) == decide(adapted, thresholds)).mean() >= 1 - 1 / films.sum()
    assert np.abs(adapted[:, covid] - model[:, covid]).mean() < 0.02
    # On the site's own films the COVID-19 probability stays where the model had it (the gauge term).
    assert np.abs(class_head_probabilities(E[site], result.head, result.temperature)[:, covid]
                  - class_head_probabilities(E[site], shipped.class_head, shipped.temperature)[:, covid]).mean() < 0.02


def test_adapting_a_head_that_is_already_right_changes_little(shipped, site_films):
    """The shipped head on films it reads well: whatever strength is chosen, cross-validated accuracy does
    not fall by more than two films' worth."""
    E, y, _, _ = site_films
    result = adapt_head(E, y, CLASSES, shipped.class_head, shipped.temperature, shipped.metadata["decision_thresholds"])
    n = result.after["accuracy"]["n"]
    assert result.after["accuracy"]["value"] >= result.before["accuracy"]["value"] - 2 / n


# --- profiles --------------------------------------------------------------------------------------

@pytest.fixture
def profile_path(tmp_path, shipped, simulated):
    _, result = simulated
    profile = result.to_profile("Clinic A", shipped.model_sha256, shipped.model_version, created="2026-12-05T10:00:00+00:00")
    return write_site_profile(tmp_path / "clinic-a.json", profile)


def test_a_profile_round_trips_and_names_its_model(profile_path, shipped):
    profile = load_site_profile(profile_path, shipped.model_sha256, shipped.classes)
    document = json.loads(profile_path.read_text())
    assert document["model"]["sha256"] == shipped.model_sha256 and document["site"] == "Clinic A"
    assert profile.summary() == "Clinic A (60 films, 2026-12-05)"
    assert profile.films == {"normal": 30, "pneumonia": 30, "covid19": 0}
    assert set(document["cross_validation"]) >= {"folds", "before", "after", "sensitivity_drops"}
    assert {"weight", "bias", "temperature"} <= set(document["head"])


def test_a_profile_names_the_films_it_was_fitted_on_and_an_older_one_keeps_its_checksum(profile_path, tmp_path):
    """``fitted_films``: the start of each fitted film's SHA-256; a profile written before they were recorded
    has no such key, keeps its checksum (its key in the history) and cannot say which films it saw."""
    import dataclasses
    import hashlib

    older = load_site_profile(profile_path)
    assert older.fitted_films == [] and "fitted_films" not in json.loads(profile_path.read_text())
    assert older.checksum == json.loads(profile_path.read_text())["checksum"]
    assert older.films_fitted_on(["ab" * 32]) is None

    hashes = [hashlib.sha256(bytes([i])).hexdigest() for i in range(4)]
    newer = dataclasses.replace(older, fitted_films=sorted(film_id(h) for h in hashes[:3]), path=None,
                                file_checksum=None)
    path = write_site_profile(tmp_path / "newer.json", newer)
    loaded = load_site_profile(path)
    assert loaded.fitted_films == newer.fitted_films and loaded.checksum != older.checksum
    assert loaded.films_fitted_on([hashes[0], hashes[3], None, hashes[2]]) == 2
    assert loaded.films_fitted_on([hashes[3]]) == 0

    # a list that is not film ids, under a checksum that matches: still refused
    document = json.loads(path.read_text())
    document["fitted_films"] = ["C:/clinic/films/patient-smith.png"]
    body = {k: v for k, v in document.items() if k != "checksum"}
    path.write_text(json.dumps({**body, "checksum": document_checksum(body)}))
    with pytest.raises(SiteProfileError, match="not a usable site profile"):
        load_site_profile(path)


def test_a_profile_written_before_films_were_listed_keeps_its_checksum(tmp_path):
    """tests/data/site-profile-2026-12-05.json was written by the code of 2026-12-05 (commit 3235c84), before
    profiles listed their films: it loads, keeps its stored checksum (its key in the history), cannot say
    which films it saw, and written again by this version it is the same file."""
    frozen = Path(__file__).parent / "data" / "site-profile-2026-12-05.json"
    stored = json.loads(frozen.read_text())["checksum"]
    profile = load_site_profile(frozen)
    assert profile.checksum == stored and profile.fitted_films == []
    assert profile.films_fitted_on(["ab" * 32]) is None
    profile.file_checksum = None
    assert profile.to_document()["checksum"] == stored
    assert write_site_profile(tmp_path / "again.json", profile).read_text() == frozen.read_text()


def test_a_profile_keeps_the_checksum_of_its_file_even_with_keys_this_version_does_not_know(profile_path):
    """A later version may add keys: the checksum still covers them (so the file is accepted as written),
    and the history keys results on the file's checksum, not on the keys this version knows."""
    document = json.loads(profile_path.read_text())
    body = {k: v for k, v in document.items() if k != "checksum"}
    body["something_later"] = {"kept": True}
    profile_path.write_text(json.dumps({**body, "checksum": document_checksum(body)}))
    profile = load_site_profile(profile_path)
    assert profile.checksum == document_checksum(body) != document["checksum"]


def test_a_profile_for_another_model_is_refused(profile_path, shipped):
    with pytest.raises(SiteProfileError, match="fitted for another model file"):
        load_site_profile(profile_path, "0" * 64)


@pytest.mark.parametrize("edit", ["bias", "site", "truncate", "not json", "other format"])
def test_an_edited_profile_is_refused(profile_path, shipped, edit):
    document = json.loads(profile_path.read_text())
    if edit == "bias":
        document["head"]["bias"][0] += 0.5
    elif edit == "site":
        document["site"] = "Clinic B"
    elif edit == "other format":
        document["format"] = "something else"
    text = json.dumps(document)
    if edit == "truncate":
        text = profile_path.read_text()[:200]
    elif edit == "not json":
        text = "hello"
    profile_path.write_text(text)
    with pytest.raises(SiteProfileError) as refused:
        load_site_profile(profile_path, shipped.model_sha256)
    assert str(refused.value).startswith("clinic-a.json ")


def test_predictor_applies_the_profile(profile_path, shared_data):
    films = _rows(shared_data, "nih14", "normal", 3)
    plain = Predictor(SHIPPED)
    adapted = Predictor(SHIPPED)
    adapted.keep_embeddings = True
    profile = adapted.load_site(profile_path)
    for own, result in zip(plain.predict_batch(films), adapted.predict_batch(films)):
        assert result.site == "Clinic A" and own.site is None
        assert result.model_probabilities == pytest.approx(own.probabilities, abs=1e-6)
        expected = class_head_probabilities(result.embedding[None], profile.head, profile.temperature)[0]
        assert [result.probabilities[c] for c in CLASSES] == pytest.approx(expected.tolist(), abs=1e-9)
        assert result.heatmap_class == max(own.probabilities, key=own.probabilities.get)
        line = result.to_json_dict()
        assert line["site"] == "Clinic A" and set(line["model_probabilities"]) == set(CLASSES)
        assert "site" not in own.to_json_dict()
    adapted.set_site(None)
    assert adapted.predict(films[0]).probabilities == pytest.approx(plain.predict(films[0]).probabilities)


def test_a_profile_refused_by_the_predictor_leaves_the_previous_one(profile_path, tmp_path):
    predictor = Predictor(SHIPPED)
    predictor.load_site(profile_path)
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    with pytest.raises(SiteProfileError):
        predictor.load_site(broken)
    assert predictor.site is not None and predictor.site.name == "Clinic A"
    assert not math.isnan(predictor.site.temperature)
