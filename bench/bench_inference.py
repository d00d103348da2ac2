"""Inference speed, against the budgets of ../shared/docs/architecture.md:

1. onnxruntime inference alone, batch 1 (budget <= 2 ms), median and p90;
2. the whole ``predict`` of a full-resolution file (decode, preprocess, inference, heatmap resized
   to the decoded image) on ``cxr-fullres/kermany/*/*.jpeg`` (budget <= 10 ms median);
3. the path it replaced: PyTorch eager (same architecture) + pytorch-grad-cam GradCAM per file,
   full decode, and the ratio to (2).

    python bench/bench_inference.py [--model FILE] [--files GLOB] [--threads N]

Uses the shipped model when present, else exports a random-weight 224 model to a temp folder
(speed does not depend on the weights). Run on an idle machine; the numbers are printed only.
"""

import argparse
import glob
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.engine.imaging import load_xray  # noqa: E402
from desktop.engine.contract import INPUT_NAME  # noqa: E402
from desktop.engine.predictor import DEFAULT_MODEL_RELATIVE, Predictor  # noqa: E402
from desktop.engine.contract import to_model_input  # noqa: E402

DEFAULT_FILES = str(REPO.parent / "shared" / "data" / "cxr-fullres" / "kermany" / "*" / "*.jpeg")


def get_args_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help=f"model file (default: {DEFAULT_MODEL_RELATIVE} or a random 224 export)")
    parser.add_argument("--files", default=DEFAULT_FILES, help="glob of full-resolution files")
    parser.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1),
                        help="threads for onnxruntime and torch alike (default: up to 2)")
    parser.add_argument("--runs", type=int, default=300, help="batch-1 inference runs")
    parser.add_argument("--passes", type=int, default=5, help="passes over the files for the per-file timings")
    return parser


class Timer:
    """Wall time and this process's CPU time (all threads) per call. On a machine shared with other
    work the wall time is inflated by waiting; with one thread the CPU time is close to the wall
    time the same code takes on an idle core."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def __enter__(self):
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)

    def summary(self) -> str:
        wall, cpu = np.asarray(self.wall) * 1000, np.asarray(self.cpu) * 1000
        return (f"wall median {np.median(wall):7.2f} ms  p90 {np.percentile(wall, 90):7.2f} ms | "
                f"CPU median {np.median(cpu):7.2f} ms  p90 {np.percentile(cpu, 90):7.2f} ms  (n={len(wall)})")


def random_224_model(folder: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import build_test_checkpoint
    from export import export_checkpoint

    checkpoint = build_test_checkpoint(folder / "random224.pt", input_size=224)
    return export_checkpoint(checkpoint, folder / "random224.onnx", model_version="bench-random-224").path


def bench_ort_batch1(predictor: Predictor, runs: int):
    image = np.random.default_rng(0).random((1, 1, predictor.input_size, predictor.input_size), dtype=np.float32)
    for _ in range(20):
        predictor.session.run(None, {INPUT_NAME: image})
    timer = Timer()
    for _ in range(runs):
        with timer:
            predictor.session.run(None, {INPUT_NAME: image})
    return timer


def bench_predict(predictor: Predictor, files, passes: int):
    """Per file: predict_path (decode at reduced size, preprocess, inference, decision) and the
    heatmap resized to the decoded image, as the CLI overlay and the viewer need it."""
    predictor.predict_path(files[0])
    timer, parts = Timer(), {"load": [], "preprocess": [], "inference": []}
    for _ in range(passes):
        for path in files:
            with timer:
                result = predictor.predict_path(path)
                width, height = result.image_record.image.size
                result.heatmap_resized(width, height)
            for key in parts:
                parts[key].append(result.timing_ms[key])
    return timer, {k: statistics.median(v) for k, v in parts.items()}


def bench_seed_path(input_size: int, files, passes: int, threads: int):
    """The replaced path: full decode, PyTorch eager forward + GradCAM (autograd) per file."""
    import torch
    from pytorch_grad_cam import GradCAM
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    from trainer.model import CXRTriageNet, LogitsOnly, ModelConfig

    torch.set_num_threads(threads)
    model = CXRTriageNet(ModelConfig(input_size=input_size)).eval()

    def one(path):
        record = load_xray(path)
        x = torch.from_numpy(to_model_input(record.image, input_size)[None])
        with torch.no_grad():
            logits, severity = model(x)
        top = int(logits.argmax())
        heatmap = cam(input_tensor=x, targets=[ClassifierOutputTarget(top)])[0]
        return torch.softmax(logits, 1), severity, heatmap

    timer = Timer()
    with GradCAM(model=LogitsOnly(model), target_layers=[model.features]) as cam:
        one(files[0])
        for _ in range(passes):
            for path in files:
                with timer:
                    one(path)
    return timer


def matching_files(pattern: str) -> list[str]:
    """The sorted files of ``pattern``; an empty list is said on stderr (the caller exits 1)."""
    files = sorted(glob.glob(pattern))
    if not files:
        print(f"no files match {pattern}", file=sys.stderr)
    return files


def main(argv=None) -> int:
    args = get_args_parser().parse_args(argv)
    files = matching_files(args.files)
    if not files:
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(args.model) if args.model else REPO / DEFAULT_MODEL_RELATIVE
        if not model_path.is_file():
            print(f"{model_path} not found: exporting a random-weight 224 model for timing")
            model_path = random_224_model(Path(tmp))
        predictor = Predictor(model_path, threads=args.threads)
        print(f"model {model_path.name} (version {predictor.model_version}, input {predictor.input_size}), "
              f"{args.threads} thread(s), {os.cpu_count()} CPU(s) visible; {len(files)} files")

        print(f"load average before: {os.getloadavg()[0]:.2f} (1 min)")
        print(f"1. ORT inference, batch 1:        {bench_ort_batch1(predictor, args.runs).summary()}")
        predict, parts = bench_predict(predictor, files, args.passes)
        print(f"2. whole predict per file:        {predict.summary()}")
        print("   of which (wall medians): " + ", ".join(f"{k} {v:.2f} ms" for k, v in parts.items()))
        seed = bench_seed_path(predictor.input_size, files, args.passes, args.threads)
        print(f"3. seed path (torch + GradCAM):   {seed.summary()}")
        print(f"   (3) / (2): wall {np.median(seed.wall) / np.median(predict.wall):.1f}x, "
              f"CPU {np.median(seed.cpu) / np.median(predict.cpu):.1f}x")
        print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
