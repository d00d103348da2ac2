"""`cxr-triage predict` in the worst conditions: a folder of hostile files, refused models, and a
batch killed with SIGKILL that a rerun with --history completes.

The engine tests (test_hostile_inputs, test_imaging, test_dicom, test_files, test_fuzz) cover
``load_xray`` file by file; here the whole command runs over all of them at once, as a process.
"""

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.engine.files import iter_image_files
from desktop.engine.history import file_sha256
from robustness_helpers import (LOCKED, MODEL_PROBLEMS, VANISHING, check_outcome, make_distinct_films,
                                make_hostile_folder, model_variant)

REPO = Path(__file__).resolve().parents[1]

# Runs predict as `cxr-triage predict` does, with two things a test cannot arrange from outside:
# VANISHING is deleted right after the folder is listed, and LOCKED cannot be opened (tests run as
# root, for whom chmod 0 changes nothing).
HOSTILE_RUNNER = textwrap.dedent("""
    import builtins, io, os, sys
    sys.path.insert(0, os.path.join(os.getcwd(), "tests"))
    import desktop.engine.files as files
    from robustness_helpers import locked_open
    vanishing, locked = sys.argv[1], sys.argv[2]
    listing = files.iter_image_files
    def list_then_delete(paths, **options):
        found = listing(paths, **options)
        os.unlink(vanishing)
        return found
    files.iter_image_files = list_then_delete
    builtins.open = io.open = locked_open(locked)
    from desktop.__main__ import main
    sys.exit(main(sys.argv[3:]))
""")


def run_predict(args, env=None, runner=None, runner_args=(), timeout=180):
    command = [sys.executable, "-c", runner, *map(str, runner_args)] if runner else \
        [sys.executable, "-m", "desktop"]
    return subprocess.run(command + ["predict", *map(str, args)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def json_rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def status_of(row: dict) -> str:
    if row["error"] is not None:
        return "error"
    return "rejected" if row["rejected"] else "done"


# --- 1. a folder of hostile files --------------------------------------------------------------------

def test_predict_survives_a_folder_of_hostile_files(contract_model_path, tmp_path):
    folder = make_hostile_folder(tmp_path / "hostile")
    (folder / LOCKED).chmod(0)
    listing = iter_image_files([folder])
    assert folder / VANISHING in listing and folder / "x.png" not in listing

    done = run_predict(["--json", "--model", contract_model_path, folder], runner=HOSTILE_RUNNER,
                       runner_args=[folder / VANISHING, folder / LOCKED])

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr
    assert "Warning" not in done.stderr, done.stderr           # library warnings are for developers
    rows = json_rows(done.stdout)
    assert [row["path"] for row in rows] == [str(p) for p in listing]      # one line per file, in order
    for path, row in zip(listing, rows):
        status = status_of(row)
        assert (row["label"] is not None) == (status == "done"), row
        check_outcome(path.name, status, row["error"])
    vanished = rows[listing.index(folder / VANISHING)]["error"]
    assert vanished == f"{VANISHING} was not found (it may have been moved or deleted)."


# --- 2. refused models -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(MODEL_PROBLEMS))
def test_predict_refuses_a_bad_model_with_what_and_how(capsys, contract_model_path, tmp_path, kind):
    if kind != "tampered":
        pytest.importorskip("onnx")
    model = model_variant(kind, contract_model_path, tmp_path / "models")
    film = make_distinct_films(tmp_path / "films", 1)[0]
    code = main(["predict", "--json", "--model", str(model), str(film)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""                                 # nothing was read
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cxr-triage: The model file "), err
    assert MODEL_PROBLEMS[kind] in err                              # what is wrong
    assert "Reinstall CXR Triage" in err                            # how to put it right


# --- 3. --history: committed per film, killed, rerun -------------------------------------------------

def db_rows(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


# Slows every history write by 20 ms, before it commits: the kill then lands mid-batch on any
# machine (the tiny model reads a 128-px film in a few ms), and most likely inside a write, where
# a film printed before its commit would be caught. Everything else is the real code.
THROTTLED = textwrap.dedent("""
    import sys, time
    import desktop.engine.history as history
    add = history.HistoryStore.add
    def slowly(self, entry):
        time.sleep(0.02)
        return add(self, entry)
    history.HistoryStore.add = slowly
    from desktop.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.timeout(300)
def test_sigkill_mid_batch_loses_nothing_and_a_rerun_completes(contract_model_path, tmp_path):
    films = make_distinct_films(tmp_path / "films", 200)
    hashes = {str(p): file_sha256(p) for p in films}
    assert len(set(hashes.values())) == 200
    db = tmp_path / "history.sqlite3"
    args = ["predict", "--json", "--history", str(db), "--model", str(contract_model_path), str(tmp_path / "films")]

    proc = subprocess.Popen([sys.executable, "-c", THROTTLED, *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while db_rows(db) < 20:
            assert proc.poll() is None, f"predict ended before the kill: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "predict recorded fewer than 20 films in 120 s"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    printed = [json.loads(line) for line in out.decode("utf-8").split("\n")[:-1]]   # whole lines only
    assert len(printed) >= 19

    with sqlite3.connect(db) as conn:                            # recovers the WAL as the app would
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored = {row[0]: row for row in conn.execute("SELECT file_sha256, file_path, label, rejected FROM results")}
        before = conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert len(printed) <= before < 200, "the kill did not land mid-batch"
    for row in printed:                                          # printed => committed
        digest = hashes[row["path"]]
        assert digest in stored, f"{row['path']} was printed but is not in the history"
        assert stored[digest][2] == row["label"] and bool(stored[digest][3]) == row["rejected"]

    rerun = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, capture_output=True, text=True,
                           timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    rows = json_rows(rerun.stdout)
    assert [r["path"] for r in rows] == [str(p) for p in films]
    skipped = [r for r in rows if r.get("skipped")]
    assert len(skipped) == before                                # every film already done is skipped
    assert all(r["error"] is None for r in rows)
    by_path = {r["path"]: r for r in rows}
    for row in printed:                                          # and shows the result it had
        again = by_path[row["path"]]
        assert again["skipped"] is True
        assert (again["label"], again["probabilities"], again["rejected"]) == \
               (row["label"], row["probabilities"], row["rejected"])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 200
        assert conn.execute("SELECT COUNT(DISTINCT file_sha256) FROM results").fetchone()[0] == 200
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_history_option_skips_done_films_in_table_and_json(capsys, contract_model_path, tmp_path):
    films = make_distinct_films(tmp_path / "films", 3)
    (tmp_path / "films" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    db, heat = tmp_path / "h.sqlite3", tmp_path / "heat"
    base = ["predict", "--history", str(db), "--model", str(contract_model_path)]

    assert main(base + ["--json", str(tmp_path / "films")]) == 1
    first = json_rows(capsys.readouterr().out)
    assert [r.get("skipped") for r in first] == [None] * 4

    assert main(base + ["--heatmaps", str(heat), str(tmp_path / "films")]) == 1
    table = capsys.readouterr().out.splitlines()
    assert sum("skipped (already done)" in line for line in table) == 3       # the broken file is retried
    assert len(list(heat.iterdir())) == 3                          # skipped films get their stored heatmap

    assert main(base + ["--json", str(films[0])]) == 0
    again = json_rows(capsys.readouterr().out)[0]
    assert again["skipped"] is True and again["label"] == first[1]["label"]
    assert again["probabilities"] == first[1]["probabilities"]
    with sqlite3.connect(db) as conn:                              # 3 films + the broken file twice
        assert conn.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 5


def test_history_option_is_documented_and_a_bad_database_is_refused(capsys, contract_model_path, tmp_path):
    assert main(["predict", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--history DB" in text and "skipped (already done)" in text and "SHA-256" in text

    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("this is not a database " * 100)
    film = make_distinct_films(tmp_path / "films", 1)[0]
    code = main(["predict", "--history", str(not_a_db), "--model", str(contract_model_path), str(film)])
    err = capsys.readouterr().err
    assert code == 2 and "history database" in err and "cannot be opened" in err and "Traceback" not in err
