"""Issue 16 on the command line: ``cxr-triage adapt`` writes a site profile, ``predict --site`` and
``validate --site`` apply it, and every refusal (too few films, a profile of another model, a sensitivity
that falls) is a sentence and an exit status, with nothing written."""

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from desktop import cli_adapt
from desktop.cli import main
from desktop.engine.predictor import Predictor
from desktop.engine.site_profile import load_site_profile, write_site_profile

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "models" / "cxr-triage.onnx"


def _labelled_folder(shared_data, root: Path, per_class: int, start: int = 0) -> Path:
    """``root/<label>/<file>`` with links to nih14's normal and pneumonia films (by path), from the ``start``-th."""
    rows = []
    with open(shared_data / "cxr" / "manifest-nih14.csv", newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["path"])
    for label in ("normal", "pneumonia"):
        folder = root / label.upper()               # Kermany's spelling: an alias
        folder.mkdir(parents=True)
        for row in [r for r in rows if r["label"] == label][start:start + per_class]:
            source = shared_data / "cxr" / row["path"]
            (folder / source.name).symlink_to(source)
    return root


@pytest.fixture(scope="module")
def site_folder(shared_data, tmp_path_factory) -> Path:
    return _labelled_folder(shared_data, tmp_path_factory.mktemp("site"), 25)


@pytest.fixture(scope="module")
def adapted(site_folder, tmp_path_factory):
    """One adapt run: (exit status, stdout, profile path, JSON path)."""
    out = tmp_path_factory.mktemp("profiles")
    profile, figures = out / "clinic-a.json", out / "figures.json"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = main(["adapt", str(site_folder), "--name", "Clinic A", "-o", str(profile), "--json", str(figures),
                       "--accept-lower-sensitivity"])
    return status, stdout.getvalue(), profile, figures


def test_adapt_writes_a_profile_bound_to_the_model(adapted):
    status, printed, profile, figures = adapted
    assert status == 0, printed
    model = Predictor(SHIPPED)
    loaded = load_site_profile(profile, model.model_sha256, model.classes)
    assert loaded.name == "Clinic A" and loaded.films == {"normal": 25, "pneumonia": 25, "covid19": 0}
    assert "Cross-validated on your films (5 folds)" in printed and "Site profile written" in printed
    document = json.loads(figures.read_text())
    assert document["folds"] == 5 and document["before"]["accuracy"]["n"] == 50


def test_predict_site_lines_carry_the_site_and_the_model_probabilities(adapted, site_folder, capsys):
    _, _, profile, _ = adapted
    films = sorted((site_folder / "NORMAL").iterdir())[:3]
    assert main(["predict", "--json", *map(str, films)]) == 0
    plain = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["predict", "--json", "--site", str(profile), *map(str, films)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert "Clinic A (50 films" in captured.err
    for own, line in zip(plain, lines):
        assert line["site"] == "Clinic A" and "site" not in own
        assert line["model_probabilities"] == own["probabilities"]
        assert line["heatmap_class"] in line["probabilities"]
        assert line["severity"] == own["severity"] and line["ood_score"] == own["ood_score"]
    assert any(line["probabilities"] != own["probabilities"] for own, line in zip(plain, lines))


def test_validate_site_checks_the_adapted_model(adapted, site_folder, tmp_path, capsys):
    _, _, profile, _ = adapted
    out = tmp_path / "check.json"
    main(["validate", str(site_folder), "--site", str(profile), "--json", str(out)])
    printed = capsys.readouterr().out
    assert "site profile Clinic A (50 films" in printed
    assert json.loads(out.read_text())["site"]["name"] == "Clinic A"
    # the very films it was adapted on: the check says its figures flatter it
    assert json.loads(out.read_text())["site"]["films_fitted_on"] == 50
    assert "50 of these 50 films were used to adapt the site profile Clinic A, so the figures flatter it" in printed


def test_a_profile_records_its_films_and_a_check_counts_them(adapted, site_folder, shared_data, tmp_path, capsys):
    """The profile lists the films it was fitted on by the start of their file's SHA-256 (nothing else of
    them); a check on other films says so, and on a mix counts the ones it was fitted on."""
    import hashlib

    _, _, profile, _ = adapted
    fitted = load_site_profile(profile).fitted_films
    files = sorted(p for p in site_folder.rglob("*") if p.is_file())
    assert fitted == sorted(hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in files)
    other = _labelled_folder(shared_data, tmp_path / "other", 5, start=25)
    for film in files[:3]:                        # 3 of the fitted films among 10 others
        (other / "NORMAL" / f"again-{film.name}").symlink_to(film.resolve())
    main(["validate", str(other), "--site", str(profile), "--json", str(tmp_path / "mix.json")])
    assert "3 of these 13 films were used to adapt the site profile Clinic A" in capsys.readouterr().out
    assert json.loads((tmp_path / "mix.json").read_text())["site"]["films_fitted_on"] == 3
    fresh = _labelled_folder(shared_data, tmp_path / "fresh", 5, start=25)
    main(["validate", str(fresh), "--site", str(profile)])
    assert "Checked with the site profile Clinic A on films it was not adapted on." in capsys.readouterr().out


def test_a_profile_of_another_model_is_refused(adapted, contract_model_path, site_folder, capsys):
    _, _, profile, _ = adapted
    film = str(next((site_folder / "NORMAL").iterdir()))
    assert main(["predict", "--json", "--model", str(contract_model_path), "--site", str(profile), film]) == 2
    assert "was fitted for another model file" in capsys.readouterr().err


def test_an_edited_profile_is_refused(adapted, tmp_path, site_folder, capsys):
    _, _, profile, _ = adapted
    document = json.loads(profile.read_text())
    document["head"]["bias"][1] -= 1.0
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document))
    film = str(next((site_folder / "NORMAL").iterdir()))
    assert main(["predict", "--json", "--site", str(edited), film]) == 2
    assert "has been changed since CXR Triage wrote it" in capsys.readouterr().err


def test_too_few_films_are_refused_and_nothing_is_written(shared_data, tmp_path, capsys):
    folder = _labelled_folder(shared_data, tmp_path / "small", 12)
    profile = tmp_path / "small.json"
    assert main(["adapt", str(folder), "--name", "Small", "-o", str(profile)]) == 2
    assert "Adapting needs at least 40 usable labelled films" in capsys.readouterr().err
    assert not profile.exists()


def test_a_falling_sensitivity_needs_the_clinic_to_accept_it(site_folder, tmp_path, monkeypatch, capsys):
    real = cli_adapt.adapt_films

    def with_a_drop(*args, **kwargs):
        adaptation = real(*args, **kwargs)
        adaptation.sensitivity_drops = ["pneumonia"]
        return adaptation

    monkeypatch.setattr(cli_adapt, "adapt_films", with_a_drop)
    profile = tmp_path / "drop.json"
    assert main(["adapt", str(site_folder), "--name", "Drop", "-o", str(profile)]) == 1
    assert "the cross-validated sensitivity for pneumonia falls" in capsys.readouterr().err
    assert not profile.exists()


def test_an_adaptation_that_does_not_pay_writes_nothing(site_folder, tmp_path, monkeypatch, capsys):
    real = cli_adapt.adapt_films

    def no_gain(*args, **kwargs):
        adaptation = real(*args, **kwargs)
        adaptation.strength = None
        return adaptation

    monkeypatch.setattr(cli_adapt, "adapt_films", no_gain)
    profile = tmp_path / "none.json"
    assert main(["adapt", str(site_folder), "--name", "None", "-o", str(profile)]) == 1
    assert "adapting does not pay" in capsys.readouterr().err
    assert not profile.exists()


def test_write_site_profile_is_atomic(adapted, tmp_path, monkeypatch):
    """A write that fails half-way leaves the old profile whole."""
    _, _, profile, _ = adapted
    target = tmp_path / "p.json"
    target.write_text(profile.read_text())
    loaded = load_site_profile(target)

    loaded.name = "Clinic B"

    def disk_full(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.engine.atomic._fsync_file", disk_full)
    with pytest.raises(OSError):
        write_site_profile(target, loaded)
    monkeypatch.undo()
    assert load_site_profile(target).name == "Clinic A"
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_the_history_reuses_a_result_only_under_the_same_profile(adapted, site_folder, tmp_path, capsys):
    _, _, profile, _ = adapted
    film, db = str(next((site_folder / "NORMAL").iterdir())), str(tmp_path / "history.sqlite3")

    def run(*site):
        assert main(["predict", "--json", "--history", db, *site, film]) == 0
        line = json.loads(capsys.readouterr().out.splitlines()[0])
        return line, line.get("skipped", False)

    with_site, skipped = run("--site", str(profile))
    assert not skipped and with_site["site"] == "Clinic A"
    again, skipped = run("--site", str(profile))
    assert skipped and again["site"] == "Clinic A" and again["probabilities"] == with_site["probabilities"]
    assert again["model_probabilities"] == with_site["model_probabilities"]
    own, skipped = run()                                 # the model's own head: read again, not the site's
    assert not skipped and "site" not in own
    from desktop.engine.history import HistoryStore
    with HistoryStore(db) as history:
        rows = history.search()
    assert sorted(str(r.site) for r in rows) == ["Clinic A", "None"]
    assert {r.site_film_count for r in rows if r.site} == {50}
