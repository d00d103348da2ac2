"""``cxr-triage``: the desktop app, the predict command and a self-test.

    cxr-triage [--model FILE] [PATH...]      start the desktop app (and open PATHs, e.g. a .dcm file)
    cxr-triage predict [...] PATH...         triage files and folders (see desktop/cli.py)
    cxr-triage validate [...] LABELLED       check the model on labelled films (desktop/cli_validate.py)
    cxr-triage adapt LABELLED --name NAME -o PROFILE.json
                                             adapt the class head to labelled films (desktop/cli_adapt.py)
    cxr-triage --self-test [IMAGE] [--model FILE]
                                             load the model (checksum verified), triage one image,
                                             print one line; exit 0 if it works, 1 if not

Qt is imported only when the app starts (or ``validate --report`` paints its PDF), so ``predict``,
``validate``, ``adapt`` and ``--self-test`` run without it.
"""

import argparse
import sys
from pathlib import Path

USAGE = """cxr-triage [--model FILE] [PATH...]
       cxr-triage predict [--json] [--model FILE] [--site PROFILE.json] [--heatmaps DIR] [--history DB] PATH...
       cxr-triage validate LABELLED [--model FILE] [--site PROFILE.json] [--json OUT] [--csv OUT] [--report OUT.pdf]
       cxr-triage adapt LABELLED --name NAME -o PROFILE.json [--model FILE] [--accept-lower-sensitivity]
       cxr-triage --self-test [IMAGE] [--model FILE]"""
SELFTEST_DIR = Path("assets") / "selftest"


def get_args_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-triage", usage=USAGE,
                                     description="Offline chest X-ray triage: the desktop app, "
                                                 "or 'cxr-triage predict --help' for the command line.")
    parser.add_argument("--model", metavar="FILE", help="model file (default: assets/models/cxr-triage.onnx)")
    parser.add_argument("--self-test", nargs="?", const="", metavar="IMAGE",
                        help="check the model and triage IMAGE (default: the first image in assets/selftest/)")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="films or folders to open in the app (what a file association passes)")
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("predict", "validate", "adapt"):
        from desktop.cli import main as predict_main
        return predict_main(argv)
    try:
        args = get_args_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    if args.self_test is not None:
        return self_test(args.self_test or None, args.model)
    return start_app(args.model, args.paths)


def start_app(model_path, paths=()) -> int:
    """The Qt app; ``model_path`` None means the default model (the app finds it itself)."""
    try:
        # onnxruntime before Qt: on Windows, Qt's bundled MSVC runtime loaded first can make
        # onnxruntime's extension fail to load ("DLL load failed ... onnxruntime_pybind11_state").
        import onnxruntime  # noqa: F401
    except ImportError:
        pass
    try:
        from desktop.ui.app import run_app
    except ImportError as exc:
        print(f"cxr-triage: the desktop app cannot start ({exc}). Install it with the 'app' extra "
              "(PySide6); 'cxr-triage predict' works without it.", file=sys.stderr)
        return 2
    return run_app(model_path, list(paths)) if paths else run_app(model_path)


def first_selftest_image() -> Path | None:
    from desktop.engine.files import is_supported_name
    from desktop.engine.predictor import asset_roots

    for root in asset_roots():
        folder = root / SELFTEST_DIR
        if folder.is_dir():
            # Images only: the folder also holds a README.
            files = sorted(p for p in folder.iterdir()
                           if p.is_file() and not p.name.startswith(".") and is_supported_name(p))
            if files:
                return files[0]
    return None


def self_test(image, model) -> int:
    """One line on stdout: 'SELF-TEST OK: ...' (exit 0) or 'SELF-TEST FAILED: ...' (exit 1)."""
    from desktop.engine.errors import ModelError
    from desktop.engine.predictor import Predictor, default_model_path

    try:
        predictor = Predictor(model or default_model_path(), verify_checksum=True)
    except ModelError as exc:
        print(f"SELF-TEST FAILED: {exc}")
        return 1
    model_text = f"model {predictor.model_version} ({predictor.path.name}, checksum verified)"
    image = Path(image) if image else first_selftest_image()
    if image is None:
        print(f"SELF-TEST OK: {model_text}; no image given and none in {SELFTEST_DIR}/, so no film was triaged.")
        return 0
    result = predictor.predict_path(image)
    if result.error:
        print(f"SELF-TEST FAILED: {model_text}; {result.error}")
        return 1
    outcome = "rejected as not a chest X-ray" if result.rejected else \
        f"{result.label} {result.confidence:.2f}, severity {result.severity:.2f}"
    total_ms = sum(result.timing_ms.values())
    print(f"SELF-TEST OK: {model_text}; {image.name}: {outcome} in {total_ms:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
