"""A folder of full-resolution films through ``cxr-triage predict``, in the same run as the path it replaced:

1. folder, ms a film: ``cxr-triage predict --json`` as a user runs it (a fresh process) on the files
   repeated ``--repeat`` times, minus the same command on the files once, divided by the films in
   between: start-up and model load cancel out (goal <= 6 ms);
2. one film end to end, ms: in this process with the model loaded, one ``FilmPipeline`` run per file
   (threads started, decode, preprocess, inference, heatmap resized to the decoded image) (budget <= 10 ms);
3. the replaced path, ms a film: PyTorch eager + pytorch-grad-cam per file, full decode (bench_inference.py),
   in a process of its own (torch's threads keep spinning after a run and would slow (2) down), with
   1 and with 2 threads, the faster of the two: on a busy machine 2 threads are several times slower;
4. (3) / (1): goal >= 5x.

    python bench/bench_pipeline.py [--model FILE] [--files GLOB] [--repeat 8] [--rounds 5]

Each round measures (1), (2) and (3) one after the other, so a busy machine weighs on all three
alike; the medians and the range over the rounds are printed, with the load average before and after.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_inference import DEFAULT_FILES, Timer, bench_seed_path, matching_files, random_224_model  # noqa: E402

from desktop.engine.pipeline import FilmPipeline  # noqa: E402
from desktop.engine.predictor import DEFAULT_MODEL_RELATIVE, Predictor  # noqa: E402


def get_args_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help=f"model file (default: {DEFAULT_MODEL_RELATIVE} or a random 224 export)")
    parser.add_argument("--files", default=DEFAULT_FILES, help="glob of full-resolution files")
    parser.add_argument("--repeat", type=int, default=8, help="times the files are listed for (1)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of (1), (2) and (3)")
    parser.add_argument("--child-seed", nargs=2, metavar=("SIZE", "THREADS"), help=argparse.SUPPRESS)
    return parser


def run_predict(model: Path, files: list, work: Path) -> float:
    """Seconds for one ``cxr-triage predict --json`` process over ``files`` (output checked)."""
    env = dict(os.environ, CXR_TRIAGE_DATA_DIR=str(work))
    command = [sys.executable, "-m", "desktop", "predict", "--json", "--model", str(model), *map(str, files)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != len(files):
        sys.exit(f"predict failed ({done.returncode}, {len(lines)} lines for {len(files)} files): {done.stderr[-500:]}")
    return seconds


def folder_ms(model: Path, files: list, repeat: int, work: Path) -> float:
    once = run_predict(model, files, work)
    many = run_predict(model, files * repeat, work)
    return (many - once) * 1000 / (len(files) * (repeat - 1))


def seed_ms(input_size: int, files_glob: str) -> float:
    """(3) in fresh processes, with 1 and with 2 torch threads: the faster median, ms."""
    medians = []
    for threads in sorted({1, min(2, os.cpu_count() or 1)}):
        command = [sys.executable, __file__, "--child-seed", str(input_size), str(threads), "--files", files_glob]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
        medians.append(float(done.stdout.split()[-1]))
    return min(medians)


def single_film_ms(predictor: Predictor, files: list) -> Timer:
    pipeline = FilmPipeline(predictor)
    timer = Timer()
    for path in files:
        with timer:
            [(_, result)] = pipeline.run([path])
            width, height = result.image_record.image.size
            result.heatmap_resized(width, height)
    return timer


def spread(values) -> str:
    return f"{statistics.median(values):6.2f} ms (range {min(values):.2f}-{max(values):.2f})"


def main(argv=None) -> int:
    args = get_args_parser().parse_args(argv)
    files = matching_files(args.files)
    if not files:
        return 1
    if args.child_seed:
        size, threads = (int(v) for v in args.child_seed)
        print(statistics.median(bench_seed_path(size, files, 2, threads).wall) * 1000)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = Path(args.model) if args.model else REPO / DEFAULT_MODEL_RELATIVE
        if not model.is_file():
            print(f"{model} not found: exporting a random-weight 224 model for timing")
            model = random_224_model(tmp)
        predictor = Predictor(model)
        print(f"model {model.name} (version {predictor.model_version}, input {predictor.input_size}); "
              f"{len(files)} files; {os.cpu_count()} CPU(s) visible; load average before {os.getloadavg()[0]:.2f}")
        single_film_ms(predictor, files)                     # warm the file cache, the session, the imports
        folder, single, seed, ratios = [], [], [], []
        for round_ in range(args.rounds):
            folder.append(folder_ms(model, files, args.repeat, tmp))
            single.append(statistics.median(single_film_ms(predictor, files * 2).wall) * 1000)
            seed.append(seed_ms(predictor.input_size, args.files))
            ratios.append(seed[-1] / folder[-1])
            print(f"  round {round_ + 1}: folder {folder[-1]:.2f} ms a film, one film {single[-1]:.2f} ms, "
                  f"replaced path {seed[-1]:.2f} ms, {ratios[-1]:.1f}x (load average {os.getloadavg()[0]:.2f})")
        print(f"1. folder, `predict --json` of {len(files)} files x {args.repeat}, ms a film: {spread(folder)}")
        print(f"2. one film end to end (FilmPipeline, warm model):      {spread(single)}")
        print(f"3. replaced path, PyTorch eager + pytorch-grad-cam:     {spread(seed)}")
        print(f"4. (3) / (1): median {statistics.median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f}x)")
        print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
