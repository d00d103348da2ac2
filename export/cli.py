"""``cxr-export CHECKPOINT -o model.onnx``: the command line of the export.

Exit status: 0 exported, 1 the checkpoint cannot be exported (message on stderr), 2 bad usage.
"""

import argparse
import json
import sys

from export.onnx_export import OPSET, ExportError, export_checkpoint


def get_args_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxr-export",
        description="Export a CXR Triage checkpoint to the ONNX model the app loads "
                    "(probabilities, severity, Grad-CAM heatmap and OOD score in one graph).")
    parser.add_argument("checkpoint", help="checkpoint (.pt) written by cxr-train")
    parser.add_argument("-o", "--output", required=True,
                        help="model file to write, e.g. assets/models/cxr-triage.onnx "
                             "(a .sha256 is written next to it)")
    parser.add_argument("--metrics", help="metrics.json of the test split to store in the metadata "
                                          "(default: the checkpoint's own test metrics)")
    parser.add_argument("--model-version", help="version string shown in the app (default: date and weights digest)")
    parser.add_argument("--allow-uncalibrated", action="store_true",
                        help="export a checkpoint without temperature / OOD statistics (test models only: "
                             "temperature 1, nothing is ever rejected)")
    parser.add_argument("--opset", type=int, default=OPSET, help=f"ONNX opset, 17 or newer (default {OPSET})")
    parser.add_argument("--exporter", choices=("auto", "legacy", "dynamo"), default="auto",
                        help="torch.onnx exporter (default: the legacy TorchScript exporter where torch "
                             "has it, else dynamo)")
    parser.add_argument("--int8", metavar="CALIBRATION_DIR",
                        help="also write <output stem>-int8.onnx, statically quantised (QDQ) with films from this "
                             "folder (experimental: see export/quantize.py for why it is not shipped)")
    return parser


def main(argv=None) -> int:
    args = get_args_parser().parse_args(argv)
    try:
        report = export_checkpoint(args.checkpoint, args.output, metrics_path=args.metrics,
                                   allow_uncalibrated=args.allow_uncalibrated, model_version=args.model_version,
                                   opset=args.opset, exporter=args.exporter)
    except (ExportError, OSError, json.JSONDecodeError) as exc:
        print(f"cxr-export: {exc}", file=sys.stderr)
        return 1

    meta = report.metadata
    print(f"wrote {report.path} (sha256 {report.sha256[:16]}…, {report.path.stat().st_size / 1e6:.1f} MB)")
    print(f"  version {meta['model_version']}, classes {meta['classes']}, input {meta['input_size']}, "
          f"temperature {meta['temperature']}, ood_threshold {meta['ood_threshold']}")
    print(f"  {report.exporter}")
    print("  ONNX vs PyTorch on random input, max abs diff: "
          + ", ".join(f"{k} {v:.1e}" for k, v in report.parity.items()) + " (ood_score relative)")
    if meta.get("calibrated") != "true":
        print("  WARNING: uncalibrated export (--allow-uncalibrated): not for clinical use.", file=sys.stderr)
    if meta["metrics"] == "{}":
        print("  note: no test metrics in the checkpoint; pass --metrics metrics.json for the model card.")

    if args.int8:
        from export.quantize import quantize_model
        try:
            int8_path = quantize_model(report.path, args.int8)
        except (ExportError, OSError) as exc:
            print(f"cxr-export: int8 quantisation failed: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {int8_path} (int8 QDQ; not the default model, see export/quantize.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
