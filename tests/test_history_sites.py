"""The history and site profiles (issue 16): a version 2 history gains the site columns once, a film has
one row per model and site profile, and a stored result is reused only under the profile it was made with."""

import sqlite3

from desktop.engine.history import SCHEMA_VERSION, HistoryEntry, HistoryStore
from desktop.engine.history_csv import write_csv_atomic

V2_SCHEMA = """
CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT, file_path TEXT NOT NULL, file_sha256 TEXT NOT NULL,
    model_version TEXT NOT NULL, label TEXT, probabilities TEXT NOT NULL DEFAULT '{}', severity REAL,
    ood_score REAL, rejected INTEGER NOT NULL DEFAULT 0, reject_reason TEXT, error TEXT, heatmap BLOB,
    heatmap_h INTEGER, heatmap_w INTEGER, created TEXT NOT NULL);
CREATE INDEX results_by_film ON results (file_sha256, model_version);
CREATE INDEX results_by_time ON results (created);
CREATE UNIQUE INDEX results_one_per_film ON results (file_sha256, model_version)
    WHERE error IS NULL AND file_sha256 != '';
PRAGMA user_version=2;
"""

OWN = {"normal": 0.2, "pneumonia": 0.7, "covid19": 0.1}
ADAPTED = {"normal": 0.6, "pneumonia": 0.35, "covid19": 0.05}


def entry(path="a.png", digest="a" * 64, site=None, **fields) -> HistoryEntry:
    site_fields = {} if site is None else {"site": site, "site_id": f"id-{site}", "site_film_count": 48,
                                           "site_created": "2026-12-05T10:00:00+01:00", "model_probabilities": OWN}
    probabilities = ADAPTED if site else OWN
    label = max(probabilities, key=probabilities.get)
    return HistoryEntry(file_path=path, file_sha256=digest, model_version="v1", label=label,
                        probabilities=probabilities, **{**site_fields, **fields})


def test_a_version_2_history_gains_the_site_columns_once(tmp_path):
    db = tmp_path / "v2.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.executescript(V2_SCHEMA)
        raw.execute("INSERT INTO results (file_path, file_sha256, model_version, label, probabilities, created)"
                    " VALUES ('/old.png', ?, 'v1', 'normal', '{\"normal\": 0.9}', '2026-01-01T00:00:00+00:00')",
                    ("a" * 64,))
    with HistoryStore(db) as store:
        old = store.latest("a" * 64, "v1")
        assert old.file_path == "/old.png" and old.site is None and old.model_probabilities is None
        assert not old.heatmap_explains_other_class
        store.add(entry("/new.png", site="Clinic A"))       # the same film and model, with a profile: its own row
        assert store.count() == 2
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        columns = {row[1] for row in raw.execute("PRAGMA table_info(results)")}
        assert {"site", "site_id", "site_film_count", "site_created", "model_probabilities"} <= columns
    with HistoryStore(db) as store:                          # a second open changes nothing
        assert store.count() == 2


def test_a_stored_result_is_reused_only_under_its_own_profile(tmp_path):
    with HistoryStore(tmp_path / "h.db") as store:
        plain = store.add(entry())
        assert store.latest("a" * 64, "v1", "id-Clinic A") is None      # read without: not for the profile
        with_a = store.add(entry(site="Clinic A"))
        with_b = store.add(entry(site="Clinic B"))
        assert len({plain, with_a, with_b}) == 3
        assert store.add(entry("copy.png", site="Clinic A")) == with_a   # the same film, model and profile: once
        assert store.count() == 3
        assert store.latest("a" * 64, "v1").id == plain
        assert store.latest("a" * 64, "v1", "id-Clinic A").id == with_a
        assert not store.has_result("a" * 64, "v1", "id-Clinic C")
        found = store.latest("a" * 64, "v1", "id-Clinic B")
        assert found.site == "Clinic B" and found.site_film_count == 48 and found.model_probabilities == OWN
        assert found.probabilities == ADAPTED and found.heatmap_class == "pneumonia" and found.label == "normal"
        assert found.heatmap_explains_other_class
        assert [e.id for e in store.search("Clinic")] == [with_b, with_a]       # the search matches the site


def test_the_csv_has_the_site_and_the_models_own_probabilities(tmp_path):
    path = tmp_path / "h.csv"
    write_csv_atomic(path, [entry(site="Clinic A"), entry("b.png", "b" * 64)])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[-4:] == ["site", "model_p_normal", "model_p_pneumonia", "model_p_covid19"]
    with_site, without = (dict(zip(header, line.split(","))) for line in lines[1:])
    assert with_site["site"] == "Clinic A" and with_site["p_normal"] == "0.6000"
    assert with_site["model_p_pneumonia"] == "0.7000"
    assert without["site"] == "" and without["model_p_normal"] == ""


def test_from_result_records_the_profile(tmp_path, contract_model_path, cxr_sample_paths):
    """A predictor result under a profile -> an entry with the profile's identity, films and date."""
    from desktop.engine.history import site_key
    from desktop.engine.predictor import Predictor
    from desktop.engine.site_profile import SiteProfile

    predictor = Predictor(contract_model_path)
    head = predictor.class_head
    profile = SiteProfile(name="Clinic A", created="2026-12-05T10:00:00+01:00", model_sha256=predictor.model_sha256,
                          model_version=predictor.model_version, classes=list(predictor.classes),
                          films={"normal": 30, "pneumonia": 18}, adapted_classes=["normal", "pneumonia"],
                          head={"weight": head["weight"].tolist(), "bias": (head["bias"] + [3, 0, 0]).tolist()},
                          temperature=1.3)
    predictor.set_site(profile)
    result = predictor.predict(cxr_sample_paths[0])
    made = HistoryEntry.from_result(result, "f" * 64, profile)
    assert made.site == "Clinic A" and made.site_id == site_key(profile) and made.site_film_count == 48
    assert made.model_probabilities == result.model_probabilities and made.probabilities == result.probabilities
    predictor.set_site(None)
    plain = HistoryEntry.from_result(predictor.predict(cxr_sample_paths[0]), "f" * 64, profile)
    assert plain.site is None and plain.site_id is None and plain.model_probabilities is None
