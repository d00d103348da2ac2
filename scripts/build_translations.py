"""Build the app's translations: assets/translations/cxr_triage_<code>.ts -> .qm (pyside6-lrelease).

    python scripts/build_translations.py              # .qm beside each .ts, where a source checkout's app looks
    python scripts/build_translations.py --out DIR    # .qm into DIR (build.spec: its work folder; the tests)
    python scripts/build_translations.py --update     # first refresh the .ts from desktop/ui (pyside6-lupdate)

The .ts files are the sources, in git; the .qm files are build outputs, ignored by git (build.spec builds
its own for the installer). After --update, fill each new or changed message in Qt Linguist
(pyside6-linguist) or an editor: tests/gui/test_translations.py fails while one is unfinished.
"""

import argparse
import subprocess
import sys
from pathlib import Path

import PySide6

REPO = Path(__file__).resolve().parents[1]
TS_FOLDER = REPO / "assets" / "translations"
SOURCES = REPO / "desktop" / "ui"
LANGUAGES = ("fr", "es", "pt")          # desktop/ui/languages.py offers those whose .qm is built
FILE_PREFIX = "cxr_triage_"


def qt_tool(name: str) -> str:
    """The lupdate / lrelease that ships inside the PySide6 wheel (what pyside6-lrelease runs)."""
    return str(Path(PySide6.__file__).parent / (f"{name}.exe" if sys.platform == "win32" else name))


def ts_files(folder: Path = TS_FOLDER) -> list[Path]:
    return [folder / f"{FILE_PREFIX}{code}.ts" for code in LANGUAGES]


def update_sources(folder: Path = TS_FOLDER, sources: Path = SOURCES) -> None:
    """Add new tr()/translate() strings of ``sources`` to each .ts (unfinished) and drop those gone.
    No line numbers: a .ts changes when a message does, not when code moves."""
    for ts in ts_files(folder):
        subprocess.run([qt_tool("lupdate"), *map(str, sorted(sources.glob("*.py"))), "-no-obsolete",
                        "-locations", "none", "-source-language", "en",
                        "-target-language", ts.stem.rsplit("_", 1)[1], "-ts", str(ts)],
                       check=True, stdout=subprocess.DEVNULL)


def build(out: Path | None = None, folder: Path = TS_FOLDER) -> list[Path]:
    """Compile every .ts to its .qm (in ``out``, else beside it); returns the .qm files."""
    built = []
    for ts in ts_files(folder):
        qm = Path(out or ts.parent) / f"{ts.stem}.qm"
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, help="folder for the .qm files (default: beside the .ts files)")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from desktop/ui first")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
    for qm in build(args.out):
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
