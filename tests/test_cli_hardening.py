"""`cxr-triage predict` against the red team's command-line findings (issue 20: 4, 9, 11, 12, 13, 14).

Each test's docstring holds the reproduction that failed before the fix. The app's settings (its
"hide patient data" switch, which predict follows unless told otherwise) and the data folder (log)
are private to each test.
"""

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from desktop.cli import main
from desktop.engine import files
from desktop.engine.files import iter_image_files
from desktop.engine.history import file_sha256
from desktop.engine.predictor import Predictor
from robustness_helpers import PATIENT_STRINGS, make_distinct_films

REPO = Path(__file__).resolve().parents[1]
UNSAFE = [chr(c) for c in (*range(0x00, 0x20), *range(0x7f, 0xa0))] + \
         ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """No app settings file (the app's default: privacy on) and a data folder of the test's own."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("CXR_TRIAGE_DATA_DIR", str(tmp_path / "data"))
    yield config
    from desktop.engine import logs
    logs.setup_logging("cxr-triage-predict")        # the log handler back on the session's folder


def set_app_privacy(config: Path, hide: bool) -> None:
    """What the app's Settings dialog writes on Linux (QSettings' INI file), checked in
    test_the_app_setting_is_read_where_qt_writes_it."""
    folder = config / "CXR Triage"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "CXR Triage.conf").write_text(f"[privacy]\nhide_patient_data={'true' if hide else 'false'}\n")


def run(capsys, *args):
    code = main(["predict", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def json_rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def history_rows(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM results ORDER BY id")]


def read_log(tmp_path: Path) -> str:
    return (tmp_path / "data" / "cxr-triage-predict.log").read_text(encoding="utf-8")


# --- 4. a result stored under another film --------------------------------------------------------

def test_a_film_replaced_before_it_is_read_is_stored_under_the_bytes_read(capsys, monkeypatch, contract_model_path,
                                                                            tmp_path):
    """Reproduction: `predict --history h.sqlite3 scan.png` hashed scan.png (film A), then the file was
    replaced by film B (a PACS export rewriting it) before the predictor read it: B's result was stored
    under A's hash, and every later run over film A printed B's result from the history as "skipped".
    Here Predictor.prepare (the read) replaces the file on disk just before it reads it."""
    film_a, film_b = make_distinct_films(tmp_path / "src", 2)
    hash_a, hash_b = file_sha256(film_a), file_sha256(film_b)
    scan = tmp_path / "films" / "scan.png"
    scan.parent.mkdir()
    shutil.copyfile(film_a, scan)
    truth = Predictor(contract_model_path).predict_path(film_b)
    # The two films get different numbers, so the checks below tell A's result from B's.
    assert Predictor(contract_model_path).predict_path(film_a).probabilities != pytest.approx(truth.probabilities)

    real, swaps = Predictor.prepare, []

    def replaced_then_read(self, path, *args, **kwargs):
        if Path(path) == scan and not swaps:                            # once: the first run's read
            shutil.copyfile(film_b, scan.with_suffix(".tmp"))
            os.replace(scan.with_suffix(".tmp"), scan)
            swaps.append(path)
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Predictor, "prepare", replaced_then_read)
    db = tmp_path / "h.sqlite3"
    code, out, _ = run(capsys, "--json", "--history", db, "--model", contract_model_path, scan)
    assert code == 0
    stored = history_rows(db)
    assert [row["file_sha256"] for row in stored] == [hash_b]          # the bytes that gave the result
    assert json.loads(stored[0]["probabilities"]) == pytest.approx(truth.probabilities)
    assert f"sha256:{hash_b[:12]} done" in read_log(tmp_path) and hash_a[:12] not in read_log(tmp_path)

    shutil.copyfile(film_a, scan)                                       # film A was never read: read it now
    code, out, _ = run(capsys, "--json", "--history", db, "--model", contract_model_path, scan)
    assert code == 0 and "skipped" not in json_rows(out)[0]
    assert sorted(row["file_sha256"] for row in history_rows(db)) == sorted([hash_a, hash_b])
    for row in history_rows(db):                                        # each row is its own film's result
        film = film_a if row["file_sha256"] == hash_a else film_b
        assert json.loads(row["probabilities"]) == pytest.approx(
            Predictor(contract_model_path).predict_path(film).probabilities)


# --- 9. patient names in file names ------------------------------------------------------------------

def patient_named_folder(root: Path) -> tuple[Path, Path, Path]:
    root.mkdir(parents=True)
    film = make_distinct_films(root / "src", 1)[0]
    good = root / "DOE_JANE chest 1970-01-01.png"
    os.replace(film, good)
    (root / "src").rmdir()
    broken = root / "DOE_JANE.dcm"
    broken.write_bytes(b"not a DICOM file at all" * 10)
    return root, good, broken


def test_privacy_on_keeps_names_out_of_the_history_log_and_heatmap_names(capsys, contract_model_path, tmp_path):
    """Reproduction: with "hide patient data" on (the app's default), `predict --history h.sqlite3
    --heatmaps out films/` over "DOE_JANE chest 1970-01-01.png" and "DOE_JANE.dcm" stored both paths
    in the history's file_path column and "DOE_JANE.dcm ..." in its error column, and wrote
    out/"DOE_JANE chest 1970-01-01_heatmap.png"."""
    folder, good, broken = patient_named_folder(tmp_path / "films")
    db, heat = tmp_path / "h.sqlite3", tmp_path / "heat"
    code, out, _ = run(capsys, "--json", "--history", db, "--heatmaps", heat, "--model", contract_model_path, folder)
    assert code == 1
    assert [row["path"] for row in json_rows(out)] == [str(good), str(broken)]   # what the user asked for
    stored = history_rows(db)
    assert len(stored) == 2
    for row in stored:
        text = json.dumps({k: v for k, v in row.items() if k != "heatmap"})
        for secret in PATIENT_STRINGS + ("films",):
            assert secret not in text, (secret, text)
    digest = file_sha256(good)
    assert stored[0]["file_path"] == f"sha256:{digest[:12]}" and stored[0]["file_sha256"] == digest
    assert stored[1]["error"].startswith("<file> ")
    assert sorted(p.name for p in heat.iterdir()) == [f"{digest[:12]}_heatmap.png"]
    for secret in PATIENT_STRINGS:
        assert secret not in read_log(tmp_path)


def test_privacy_follows_the_app_setting_and_the_options_override_it(capsys, contract_model_path, tmp_path,
                                                                       private_settings):
    """Reproduction: predict had no way to know "hide patient data" (the app's setting, or an option):
    `predict --hide-patient-data ...` was refused as an unknown option."""
    folder, good, _ = patient_named_folder(tmp_path / "films")
    db, heat = tmp_path / "h.sqlite3", tmp_path / "heat"
    base = ["--json", "--history", db, "--heatmaps", heat, "--model", contract_model_path]

    set_app_privacy(private_settings, hide=False)                       # turned off in the app
    assert run(capsys, *base, good)[0] == 0
    assert history_rows(db)[-1]["file_path"] == str(good.resolve())
    assert (heat / "DOE_JANE chest 1970-01-01_heatmap.png").is_file()
    assert "DOE_JANE chest 1970-01-01.png" in read_log(tmp_path)

    assert run(capsys, *base, "--hide-patient-data", folder / "DOE_JANE.dcm")[0] == 1
    assert "DOE" not in history_rows(db)[-1]["file_path"]
    assert "DOE" not in history_rows(db)[-1]["error"]

    set_app_privacy(private_settings, hide=True)
    assert run(capsys, *base, "--show-patient-data", folder / "DOE_JANE.dcm")[0] == 1
    assert history_rows(db)[-1]["file_path"] == str((folder / "DOE_JANE.dcm").resolve())
    assert "DOE_JANE.dcm" in history_rows(db)[-1]["error"]

    assert main(["predict", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--hide-patient-data" in text and "--show-patient-data" in text and "Hide patient data" in text


def test_the_app_setting_is_read_where_qt_writes_it(tmp_path, private_settings):
    """The Qt-free reader of the app's privacy switch reads the file QSettings writes (Linux)."""
    pytest.importorskip("PySide6")
    if not sys.platform.startswith("linux"):
        pytest.skip("QSettings writes the registry (Windows) or a plist (macOS) there")
    script = ("from PySide6.QtCore import QSettings\n"
              "s = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, 'CXR Triage', 'CXR Triage')\n"
              "s.setValue('privacy/hide_patient_data', False); s.sync()\n")
    subprocess.run([sys.executable, "-c", script], check=True, env=dict(os.environ), timeout=60)
    from desktop.engine.logs import hide_patient_data_setting
    assert hide_patient_data_setting() is False
    set_app_privacy(private_settings, hide=True)
    assert hide_patient_data_setting() is True
    (private_settings / "CXR Triage" / "CXR Triage.conf").write_text("[privacy\nnot an ini file")
    assert hide_patient_data_setting() is True                          # unreadable: the app's default


# --- 11. control characters in names -----------------------------------------------------------------

def test_control_characters_in_names_are_escaped_in_every_output(capsys, contract_model_path, tmp_path):
    """Reproduction: `predict films/` where films/ holds "a\\x1b[1A\\x1b[2K.png" (cursor up, erase line)
    printed the name raw in the table: the terminal erased the row above (a COVID-19 call). The same
    went for the error sentences (NOTE column), for stderr notes ("no X-ray files found in ...") and
    for C1 controls, DEL and bidi overrides in --json lines (json.dumps(ensure_ascii=False) leaves
    them raw); a name that is not valid UTF-8 stopped the run with a UnicodeEncodeError."""
    folder = tmp_path / "films"
    film = make_distinct_films(tmp_path / "src", 1)[0]
    names = ["a\x1b[1A\x1b[2Kgood.png", "b\x9b2Kcsi\x7f.png", "c\u202egnp.broken.png"]
    folder.mkdir()
    shutil.copyfile(film, folder / names[0])
    shutil.copyfile(film, folder / names[1])
    (folder / names[2]).write_text("not an image")
    undecodable = os.fsdecode(b"d\xff.png")
    shutil.copyfile(film, folder / undecodable)
    shutil.copyfile(film, folder / "e Müller.png")
    names.append("e Müller.png")
    empty = tmp_path / "empty\x1b[2J"
    empty.mkdir()

    code, out, err = run(capsys, "--model", contract_model_path, folder, empty)
    assert code == 1
    for text in (out, err):
        assert not [c for c in text.replace("\n", "") if c in UNSAFE or "\ud800" <= c <= "\udfff"], text
    assert "a\\x1b[1A\\x1b[2Kgood.png" in out and "\\u202e" in out and "d\\xff.png" in out
    assert "empty\\x1b[2J" in err

    code, out, err = run(capsys, "--json", "--model", contract_model_path, folder)
    assert code == 1
    assert not [c for c in out.replace("\n", "") if c in UNSAFE or "\ud800" <= c <= "\udfff"]
    assert sorted(r["path"] for r in json_rows(out)) == sorted(str(folder / n) for n in names + [undecodable])
    assert "Müller" in out                                              # readable names stay readable


# --- 12. heatmap files -------------------------------------------------------------------------------

def test_heatmaps_never_follow_a_planted_link_nor_overwrite(capsys, contract_model_path, tmp_path):
    """Reproduction: with out/scan1_heatmap.png a symlink to /some/outside/file, `predict --heatmaps out
    monday/scan1.png` overwrote the outside file with a PNG; then `predict --heatmaps out tuesday/scan1.png`
    replaced monday's heatmap."""
    film_a, film_b = make_distinct_films(tmp_path / "src", 2)
    (tmp_path / "monday").mkdir()
    (tmp_path / "tuesday").mkdir()
    monday, tuesday = tmp_path / "monday" / "scan1.png", tmp_path / "tuesday" / "scan1.png"
    shutil.copyfile(film_a, monday)
    shutil.copyfile(film_b, tuesday)
    heat = tmp_path / "heat"
    heat.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("an outside file")
    os.symlink(outside, heat / "scan1_heatmap.png")

    base = ["--show-patient-data", "--json", "--heatmaps", heat, "--model", contract_model_path]
    assert run(capsys, *base, monday)[0] == 0
    assert outside.read_text() == "an outside file"
    assert (heat / "scan1_heatmap.png").is_symlink()
    first = (heat / "scan1_2_heatmap.png").read_bytes()
    assert run(capsys, *base, tuesday)[0] == 0
    assert (heat / "scan1_2_heatmap.png").read_bytes() == first
    assert sorted(p.name for p in heat.iterdir()) == ["scan1_2_heatmap.png", "scan1_3_heatmap.png",
                                                      "scan1_heatmap.png"]
    with Image.open(heat / "scan1_3_heatmap.png") as overlay:
        assert overlay.format == "PNG" and overlay.mode == "RGB"


def test_failed_heatmap_writes_give_exit_status_1(capsys, monkeypatch, contract_model_path, tmp_path):
    """Reproduction: on a full disk, `predict --heatmaps out films/` printed a note for each heatmap
    it could not write but exited 0, so a script took the run for complete. (The disk is filled
    here by making Pillow's PNG save fail with ENOSPC.)"""
    make_distinct_films(tmp_path / "films", 2)
    heat = tmp_path / "heat"

    def full_disk(self, fp, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", full_disk)
    code, out, err = run(capsys, "--json", "--heatmaps", heat, "--model", contract_model_path, tmp_path / "films")
    assert code == 1
    assert [r["error"] for r in json_rows(out)] == [None, None]          # the films themselves were read
    assert err.count("could not be written") == 2 and "No space left on device" in err
    assert list(heat.iterdir()) == []                                    # no empty or partial files left


def test_films_served_from_history_get_their_heatmap(capsys, monkeypatch, contract_model_path, tmp_path):
    """Reproduction: `predict --history h --heatmaps out films/` after an earlier `predict --history h
    films/` printed every film as "skipped (already done)" and wrote no heatmap, without a word.
    The overlay of a skipped film is the stored heatmap on the film, decoded again; a film replaced
    after its stored result was looked up gets no overlay of the wrong film but a note (status 1)."""
    films = make_distinct_films(tmp_path / "films", 3)
    db, fresh, again = tmp_path / "h.sqlite3", tmp_path / "fresh", tmp_path / "again"
    base = ["--show-patient-data", "--history", db, "--model", contract_model_path]
    assert run(capsys, *base, "--heatmaps", fresh, tmp_path / "films")[0] == 0

    code, out, err = run(capsys, *base, "--heatmaps", again, tmp_path / "films")
    assert code == 0 and out.count("skipped (already done)") == 3, out + err
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in fresh.iterdir()) == \
           [f"film-00{i}_heatmap.png" for i in range(3)]
    for name in (p.name for p in fresh.iterdir()):
        with Image.open(fresh / name) as a, Image.open(again / name) as b:
            assert a.size == b.size
            diff = [abs(x - y) for x, y in zip(a.tobytes(), b.tobytes())]
            assert max(diff) <= 4                                       # the stored heatmap is 8-bit

    from desktop.engine.history import HistoryStore
    latest = HistoryStore.latest
    other = make_distinct_films(tmp_path / "other", 4)[3]

    def looked_up_then_replaced(self, digest, version, site=None):
        entry = latest(self, digest, version, site)
        if entry is not None and digest == file_sha256(films[0]):
            shutil.copyfile(other, films[0])
        return entry

    monkeypatch.setattr(HistoryStore, "latest", looked_up_then_replaced)
    code, out, err = run(capsys, *base, "--heatmaps", tmp_path / "third", films[0])
    assert code == 1 and "skipped (already done)" in out
    assert list((tmp_path / "third").iterdir()) == [] and "heatmap" in err and "changed" in err


# --- 13. folders that cannot be listed ---------------------------------------------------------------

def deep_folder(root: Path, length: int, film: Path) -> Path:
    """A folder whose full path is at least ``length`` characters (more than the system's 4,096),
    holding one film: made step by step through directory handles, as a copy tool would."""
    component = "d" * 200
    path, fd = root, os.open(root, os.O_RDONLY)
    try:
        while len(str(path)) < length:
            os.mkdir(component, dir_fd=fd)
            inner = os.open(component, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path = inner, path / component
        out = os.open("scan.png", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, film.read_bytes())
        os.close(out)
    finally:
        os.close(fd)
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PATH_MAX and dir_fd as on Linux")
def test_a_folder_that_cannot_be_listed_gets_an_error_line(capsys, contract_model_path, tmp_path):
    """Reproduction: `predict --json top/` where top/ holds good.png and, 5,043 characters down,
    scan.png: one line (good.png), no word about the deep film, exit status 0."""
    top = tmp_path / "top"
    top.mkdir()
    film = make_distinct_films(tmp_path / "src", 1)[0]
    shutil.copyfile(film, top / "good.png")
    deep = deep_folder(top, 5043, film)
    assert len(str(deep / "scan.png")) >= 5043
    try:
        reports = []
        found = iter_image_files([top], on_error=lambda path, sentence: reports.append((Path(path), sentence)))
        assert found == [top / "good.png"]
        assert len(reports) == 1
        unlisted, sentence = reports[0]
        assert str(deep).startswith(str(unlisted)) and len(str(unlisted)) > 4000
        assert "too long" in sentence and sentence.endswith(".")
        assert iter_image_files([top]) == found                          # no callback: as before

        code, out, _ = run(capsys, "--json", "--model", contract_model_path, top)
        rows = json_rows(out)
        assert code == 1 and len(rows) == 2 and rows[0]["error"] is None
        assert rows[1]["path"] == str(unlisted) and "too long" in rows[1]["error"]

        code, out, _ = run(capsys, "--json", "--model", contract_model_path, deep / "scan.png")
        assert code == 1 and "too long" in json_rows(out)[0]["error"]    # named directly: its own sentence
    finally:
        shutil.rmtree(top / ("d" * 200))


def test_unreadable_entries_are_reported(tmp_path, monkeypatch):
    """Reproduction: a folder nested deeper than MAX_DEPTH, a folder that cannot be listed
    (vanished, permissions) and a link named scan.png to a missing file were all dropped without a
    word by iter_image_files; it had no way to report them."""
    root = tmp_path / "study"
    deep = root.joinpath(*["n"] * (files.MAX_DEPTH + 2))
    deep.mkdir(parents=True)
    (deep / "lost.png").write_bytes(b"x")
    (root / "a.png").write_bytes(b"x")
    os.symlink(tmp_path / "nowhere.png", root / "dangling.png")
    (root / "locked").mkdir()
    (root / "locked" / "z.png").write_bytes(b"x")
    scandir = os.scandir

    def refusing(path="."):                 # chmod 0 does not stop root, who runs the tests
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(files.os, "scandir", refusing)
    reports = []
    found = iter_image_files([root], on_error=lambda path, sentence: reports.append((Path(path), sentence)))
    assert found == [root / "a.png"]
    by_name = {path.name: sentence for path, sentence in reports}
    assert set(by_name) == {"dangling.png", "locked", "n"}
    assert "does not exist" in by_name["dangling.png"] and "permission denied" in by_name["locked"]
    assert "deep" in by_name["n"]
    assert all(s.endswith(".") for s in by_name.values())



# --- 14. pipes and file names that start with '-' -----------------------------------------------------

def test_output_closed_early_ends_quietly(contract_model_path, tmp_path):
    """Reproduction: `predict --json --history h films/ | head -0` (the reader gone before the first
    line) ended in a BrokenPipeError traceback."""
    make_distinct_films(tmp_path / "films", 3)
    db = tmp_path / "h.sqlite3"
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "predict", "--json", "--history", str(db), "--model",
                             str(contract_model_path), str(tmp_path / "films")], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()                                                 # nobody reads: every write fails
    _, err = proc.communicate(timeout=120)
    err = err.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert len(history_rows(db)) == 1                                   # committed before it was printed


def test_a_file_name_starting_with_a_dash(capsys, monkeypatch, contract_model_path, tmp_path):
    """Reproduction: `predict -rf.jpg` said "unrecognized arguments" / "the following arguments are
    required: PATH" and nothing about `--`, which --help did not mention either."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(make_distinct_films(tmp_path / "src", 1)[0], tmp_path / "-rf.png")

    code, out, err = run(capsys, "--json", "--model", contract_model_path, "-rf.png")
    assert code == 2 and out == ""
    assert "to read a file whose name starts with '-', put -- before it" in err
    code, _, err = run(capsys, "-x.jpg")                                # no such file, but a film's name
    assert code == 2 and "put -- before it" in err
    code, _, err = run(capsys, "--bogus", "x.png")                      # a plain mistake: no hint
    assert code == 2 and "put -- before it" not in err

    code, out, _ = run(capsys, "--json", "--model", contract_model_path, "--", "-rf.png")
    assert code == 0 and json_rows(out)[0]["path"] == "-rf.png" and json_rows(out)[0]["error"] is None
    assert main(["predict", "--help"]) == 0
    assert "-- -" in " ".join(capsys.readouterr().out.split())


def test_a_console_that_cannot_show_a_name_does_not_end_the_run(contract_model_path, tmp_path):
    """Reproduction: a film named in Chinese, the table printed to a cp1252 console (Windows):
    UnicodeEncodeError ended the run before the fix. Now the name is printed escaped."""
    film = tmp_path / "中文.png"
    shutil.copy(REPO / "assets" / "selftest" / "chest-phantom-selftest.png", film)
    proc = subprocess.run([sys.executable, "-m", "desktop", "predict", "--model", str(contract_model_path), str(film)],
                          cwd=REPO, capture_output=True, timeout=120, env=dict(os.environ, PYTHONIOENCODING="cp1252"))
    assert proc.returncode == 0, proc.stderr.decode("cp1252", "replace")           # the film was read
    assert b"\\u4e2d\\u6587.png" in proc.stdout
    assert b"Traceback" not in proc.stderr


def test_log_lines_never_reach_the_console_when_the_data_folder_is_unwritable(contract_model_path, tmp_path):
    """Reproduction (issue 20, finding 7): `CXR_TRIAGE_DATA_DIR=<unwritable> cxr-triage predict bad.png`
    printed `film sha256:ef875a1705a5 error: <file> is not an image file.` on stderr: a logger without
    a handler falls back to Python's last-resort console handler."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    proc = subprocess.run([sys.executable, "-m", "desktop", "predict", "--model", str(contract_model_path), str(bad)],
                          cwd=REPO, capture_output=True, timeout=120,
                          env=dict(os.environ, CXR_TRIAGE_DATA_DIR=str(blocker / "data")))
    assert proc.returncode == 1
    assert b"sha256:" not in proc.stderr and b"film " not in proc.stderr, proc.stderr
