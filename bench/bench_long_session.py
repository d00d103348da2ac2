"""A long session: 1,000 films through the Predictor and the history, as a clinic day would.

Per film, what the app's worker does minus Qt: the file's SHA-256, ``Predictor.predict_path``
(decode, preprocessing, inference, heatmap), and one committed ``HistoryStore.add`` (heatmap
included). Real chest X-rays from ``../shared/data/cxr/images`` (a spread over every source,
cycled when there are fewer than ``--films``), the shipped model ``assets/models/cxr-triage.onnx``.

Prints resident memory (RSS) after the model is loaded ("start"), after a warm-up, every
``--every`` films and at the end, the growth (goal: <= 50 MB from start to end), and the
throughput in films per second (overall, and per ``--every`` films: the first pass over the
distinct films also waits for the disk; wall time against CPU time shows a shared machine).

    python bench/bench_long_session.py [--films 1000] [--model FILE] [--images DIR] [--distinct N]

Run on demand (not in CI); the history goes to a temporary folder.
"""

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.engine.history import HistoryEntry, HistoryStore, file_sha256  # noqa: E402
from desktop.engine.predictor import DEFAULT_MODEL_RELATIVE, Predictor  # noqa: E402

DEFAULT_IMAGES = REPO.parent / "shared" / "data" / "cxr" / "images"
GOAL_MB = 50.0


def get_args_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--films", type=int, default=1000, help="films to read (default 1000)")
    parser.add_argument("--model", default=str(REPO / DEFAULT_MODEL_RELATIVE),
                        help="model file (default: the shipped one)")
    parser.add_argument("--images", default=str(DEFAULT_IMAGES), help="folder of chest X-rays (searched recursively)")
    parser.add_argument("--distinct", type=int, default=250,
                        help="distinct films, cycled (default 250: every film is read 4 times in 1,000)")
    parser.add_argument("--every", type=int, default=200, help="print memory every N films")
    parser.add_argument("--warmup", type=int, default=20, help="films before the warm memory reading")
    return parser


def rss_mb() -> float:
    """Resident set size now, in MB (not the peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import psutil
        return psutil.Process().memory_info().rss / 1024**2
    except ImportError:
        import resource   # peak, not current: an upper bound
        scale = 1024**2 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def pick_films(folder: Path, count: int) -> list[Path]:
    """``count`` files spread evenly over the sorted list (every source, several sizes)."""
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    if not files:
        sys.exit(f"no images found in {folder}")
    step = max(1, len(files) // count)
    return files[::step][:count]


def main(argv=None) -> int:
    args = get_args_parser().parse_args(argv)
    films = pick_films(Path(args.images), args.distinct)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.films} films ({len(films)} distinct, cycled) from {args.images}; cpus {os.cpu_count()}, "
          f"load average {load:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        before_model = rss_mb()
        predictor = Predictor(args.model)
        store = HistoryStore(Path(tmp) / "history.sqlite3")
        gc.collect()
        start_mb = rss_mb()
        print(f"model {predictor.model_version} ({predictor.path.name}); RSS before model {before_model:.1f} MB")
        print(f"RSS start (model loaded): {start_mb:.1f} MB")
        counts = {"done": 0, "rejected": 0, "error": 0}
        warm_mb = None
        t0 = mark = time.perf_counter()
        cpu0 = cpu_mark = time.process_time()
        for i in range(args.films):
            path = films[i % len(films)]
            digest = file_sha256(path)
            result = predictor.predict_path(path)
            entry = HistoryEntry.from_result(result, digest)
            store.add(entry)
            counts["error" if result.error else "rejected" if result.rejected else "done"] += 1
            del result, entry
            n = i + 1
            if n == args.warmup:
                warm_mb = rss_mb()
                print(f"RSS after {n} films (warm): {warm_mb:.1f} MB")
            if n % args.every == 0:
                now, cpu_now = time.perf_counter(), time.process_time()
                print(f"  {n:5d} films  RSS {rss_mb():7.1f} MB  last {args.every}: {args.every / (now - mark):6.1f} "
                      f"films/s, {1000 * (cpu_now - cpu_mark) / args.every:5.1f} ms CPU/film")
                mark, cpu_mark = now, cpu_now
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        rows = store.count()
        store.close()
        end_mb = rss_mb()
        gc.collect()
        end_gc_mb = rss_mb()

    growth = end_mb - start_mb
    print(f"RSS end: {end_mb:.1f} MB (after gc.collect: {end_gc_mb:.1f} MB)")
    verdict = "met" if growth <= GOAL_MB else "MISSED"
    print(f"growth start -> end: {growth:+.1f} MB (goal <= {GOAL_MB:.0f} MB: {verdict})"
          + (f"; warm -> end: {end_mb - warm_mb:+.1f} MB" if warm_mb is not None else ""))
    print(f"throughput: {args.films / elapsed:.1f} films/s ({1000 * elapsed / args.films:.1f} ms/film wall, "
          f"{1000 * cpu / args.films:.1f} ms/film CPU, all threads); history rows {rows}; "
          f"{counts['done']} read, {counts['rejected']} rejected, {counts['error']} errors")
    return 0 if growth <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
