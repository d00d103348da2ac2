"""Offline: `cxr-triage predict` and the app's batch path work with the network taken away, and
never try to use it.

Each runs as its own process started with a sitecustomize.py (tests/robustness_helpers.py) that
makes every socket creation, connection and name lookup raise, records each attempt (so one that
the caller swallowed still fails the test), and at exit records any internet socket left open by
C code (onnxruntime, Qt), which Python's patches cannot see. As the installer ships it, the
process has no network client libraries (build.spec excludes requests, urllib3, ...); a development
environment has them (the trainer's kagglehub), and urllib3 then opens one socket when it is
imported (pydicom.pixels -> pydicom.data -> requests -> urllib3: an IPv6 probe bound to ::1, no
connection), which the dev-environment case allows and nothing else.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from robustness_helpers import make_distinct_films, make_hostile_folder, no_network_env

REPO = Path(__file__).resolve().parents[1]


def attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


C_LEVEL_SOCKET = """
import ctypes, struct
libc = ctypes.CDLL(None)
fd = libc.socket(2, 2, 0)                                   # AF_INET, SOCK_DGRAM, bypassing Python
address = struct.pack("<H", 2) + struct.pack(">H", 0) + bytes([127, 0, 0, 1]) + bytes(8)
assert libc.bind(fd, address, len(address)) == 0
"""


@pytest.mark.parametrize("code, caught", [
    ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass\n",
     "blocked: socket.create_connection"),
    (C_LEVEL_SOCKET, "open internet socket at exit"),
], ids=["python-swallowed", "c-level"])
def test_the_network_blocker_catches_an_attempt(tmp_path, code, caught):
    """The harness itself: an attempt is recorded even when swallowed, or made from C."""
    if "ctypes" in code and not (sys.platform.startswith("linux") and Path("/proc/self/net/udp").exists()):
        pytest.skip("the C-level check reads Linux's /proc")
    env, log = no_network_env(tmp_path)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert caught in attempts(log)


@pytest.mark.parametrize("as_shipped", [True, False], ids=["as-shipped", "dev-environment"])
def test_predict_works_without_network(contract_model_path, tmp_path, as_shipped):
    films = make_distinct_films(tmp_path / "films", 4)
    (tmp_path / "films" / "notes.png").write_text("not a film")
    env, log = no_network_env(tmp_path, as_shipped=as_shipped)
    done = subprocess.run([sys.executable, "-m", "desktop", "predict", "--json", "--history",
                           str(tmp_path / "h.sqlite3"), "--model", str(contract_model_path), str(tmp_path / "films")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 1, done.stderr                      # notes.png is an error, the rest are read
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 5 and sum(r["error"] is None for r in rows) == len(films)
    if as_shipped:
        assert attempts(log) == "", attempts(log)
    else:   # with the trainer's packages installed: only urllib3's import-time IPv6 probe, no connection
        blocked = [b for b in attempts(log).split("\n\n") if b.strip()]
        assert all("urllib3/util/connection.py" in b and "_has_ipv6" in b for b in blocked), attempts(log)


APP = textwrap.dedent("""
    import json, sys, time
    from desktop.ui.app import create_application
    app = create_application(["cxr-triage"])
    from desktop.ui.main_window import MainWindow

    def wait(condition, seconds=120):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                sys.exit("timed out")
            app.processEvents()
            time.sleep(0.01)

    window = MainWindow(sys.argv[1])
    window.show()
    window.load_model()
    wait(lambda: window.model_state != "loading")
    window.open_paths([sys.argv[2]])
    model = window.worklist.worklist_model
    wait(lambda: model.rowCount() > 0 and not window.queue.busy and model.count("queued", "running") == 0)
    print(json.dumps({"model": window.model_state, "statuses": [f.status for f in model.films()]}))
    window.close()
""")


@pytest.mark.timeout(240)
def test_app_batch_works_without_network(contract_model_path, tmp_path):
    pytest.importorskip("PySide6")
    folder = make_hostile_folder(tmp_path / "films")
    env, log = no_network_env(tmp_path)
    env.update(QT_QPA_PLATFORM="offscreen", CXR_TRIAGE_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "share"))
    done = subprocess.run([sys.executable, "-c", APP, str(contract_model_path), str(folder)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=220)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["model"] == "ready"
    statuses = report["statuses"]
    assert len(statuses) > 20 and set(statuses) <= {"done", "rejected", "error"} and "done" in statuses
    assert attempts(log) == "", attempts(log)
