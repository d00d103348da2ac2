"""Take a screenshot of the real app under a virtual X server (Xvfb).

    python scripts/screenshot.py                       # shipped model, real films -> runs/screenshot.png
    python scripts/screenshot.py --model FILE.onnx     # any contract model
    python scripts/screenshot.py --image assets/selftest/chest-phantom-selftest.png --more 0 \
        --out docs/screenshot.png                      # the README's picture

A screenshot of data-set films stays out of the repository (runs/ is ignored by git); the README's
picture shows the drawn self-test phantom.

Starts Xvfb itself when there is no $DISPLAY (apt-get install -y xvfb), runs the app with a
throw-away settings folder and history, reads the film (plus a few more for the worklist),
selects it with the heatmap on, waits for the result and grabs the window from the X screen.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SHIPPED_MODEL = REPO / "assets" / "models" / "cxr-triage.onnx"


def default_films(more: int) -> tuple[Path | None, list[Path]]:
    fullres = sorted((SHARED / "cxr-fullres").glob("**/*.jp*g"))
    small = sorted((SHARED / "cxr" / "images").glob("*/*.*"))
    main = next((p for p in fullres if "pneumonia" in str(p).lower()), fullres[0] if fullres else
                (small[0] if small else None))
    step = max(1, len(small) // max(1, more))
    return main, [p for p in small[::step] if p != main][:more]


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen, str]:
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb not found: apt-get install -y xvfb (or run under xvfb-run).")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        display = f.readline().strip()      # Xvfb writes the display number once it is ready
    if not display:
        proc.kill()
        sys.exit("Xvfb did not start.")
    return proc, f":{display}"


def take(args) -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    work = Path(tempfile.mkdtemp(prefix="cxr-shot-"))
    os.environ["CXR_TRIAGE_DATA_DIR"] = str(work / "data")      # a clean history, not the user's
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import create_application
    from desktop.ui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application([sys.argv[0]])
    window = MainWindow(args.model)
    window.resize(args.width, args.height)
    window.move(0, 0)
    window.show()
    window.load_model()

    def wait(condition, seconds=60.0):
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the app did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    wait(lambda: window.model_state != "loading")
    films = [str(args.image)] + [str(p) for p in args.more_films]
    if window.model_state == "ready":
        window.open_paths(films)
        model = window.worklist.worklist_model
        wait(lambda: model.rowCount() == len(films) and model.count("queued", "running") == 0)
        row = model.row_of(films[0])
        if model.film(row).status != "done":    # a random test model may refuse the main film
            row = next((i for i, f in enumerate(model.films()) if f.status == "done"), row)
        window.worklist.select_row(row)
        window.viewer_panel.set_overlay_visible(True)
        window.viewer_panel.set_overlay_opacity(0.45)
        wait(lambda: window.viewer.has_image())
    end = time.monotonic() + 0.8             # let the queued shows and repaints land
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    shot = window.screen().grabWindow(window.winId())
    if shot.isNull() or shot.width() < 100:
        shot = window.grab()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    shot.save(str(args.out), "PNG")
    print(f"wrote {args.out} ({shot.width()}x{shot.height()}), model state: {window.model_state}")
    window.close()
    QApplication.processEvents()
    shutil.rmtree(work, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help=f"contract model (default: {SHIPPED_MODEL.relative_to(REPO)})")
    parser.add_argument("--image", type=Path, help="the film to show (default: a full-resolution film)")
    parser.add_argument("--more", type=int, default=5, help="extra films for the worklist (default 5)")
    parser.add_argument("--out", type=Path, default=REPO / "runs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.model is None:
        if not SHIPPED_MODEL.is_file():
            sys.exit(f"No model at {SHIPPED_MODEL}; pass --model FILE.")
        args.model = str(SHIPPED_MODEL)
    main_film, extra = default_films(args.more)
    args.image = args.image or main_film
    args.more_films = extra if args.more else []
    if args.image is None:
        sys.exit(f"No chest X-ray found under {SHARED}; pass --image FILE.")

    if args.child or os.environ.get("DISPLAY"):
        return take(args)
    xvfb, display = start_xvfb(args.width + 200, args.height + 200)
    try:
        env = dict(os.environ, DISPLAY=display)
        return subprocess.call([sys.executable, __file__, "--child", *sys.argv[1:]], env=env)
    finally:
        xvfb.terminate()
        xvfb.wait(5)


if __name__ == "__main__":
    sys.exit(main())
