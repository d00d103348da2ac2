"""Choose the probability from which the app words a call firmly, and check the heatmap warning,
on the contract's validation split.

    python scripts/wording_threshold.py [--model FILE] [--data ../shared/data/cxr] [--save-csv OUT.csv]

Runs the model through the app's own predict path (``Predictor``: load_xray, preprocessing, the
decision rule, the refusal) over every validation film of the shared manifests (split by
``trainer.splits``, the contract's rule), then prints:

1. for candidate thresholds on the called class's calibrated probability, how often the calls at or
   above it are right and what share of the accepted films reach it; the chosen threshold is the
   lowest candidate from which every higher candidate keeps calls right at least ``--target`` of the
   time (95 %) over at least ``--min-films`` films. It goes into desktop/ui/wording.py as
   ``FIRM_CALL_PROBABILITY``.
2. the heatmap's share on the film's border ring (desktop/engine/heatmap_attention.py) in bands,
   with the accuracy of the calls in each band, and the accuracy above ``OUTSIDE_LUNGS_SHARE``:
   the evidence for the "looked mostly outside the lungs" warning.

The test split is never read (the contract keeps it out of threshold choice).
"""

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.engine.heatmap_attention import OUTSIDE_LUNGS_SHARE, border_share  # noqa: E402
from desktop.engine.predictor import Predictor  # noqa: E402
from trainer.sources import SharedManifestSource  # noqa: E402
from trainer.splits import split_rows  # noqa: E402

CANDIDATES = np.round(np.arange(0.50, 0.991, 0.01), 2)
BORDER_BANDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 1.01)
BATCH = 32


def read_validation(model_path: Path, data_dir: Path) -> list[dict]:
    """One dict per validation film: source, truth, call, its probability, border share, refusal."""
    rows = split_rows(SharedManifestSource(data_dir).rows())["val"]
    predictor = Predictor(model_path)
    films, start = [], time.perf_counter()
    for i in range(0, len(rows), BATCH):
        part = rows[i:i + BATCH]
        for row, result in zip(part, predictor.predict_batch([r.file for r in part])):
            films.append({"path": row.path, "source": row.source, "truth": row.label, "call": result.label,
                          "probability": result.confidence, "error": result.error is not None,
                          "rejected": result.rejected,
                          "border": border_share(result.heatmap) if result.heatmap is not None else None})
        print(f"\r{len(films)} of {len(rows)} validation films read", end="", file=sys.stderr, flush=True)
    print(f" ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return films


def threshold_table(called: list[dict]) -> list[tuple[float, float | None, float, int]]:
    """(threshold, accuracy of calls at or above it, share of calls at or above it, their count)."""
    p = np.array([f["probability"] for f in called])
    right = np.array([f["call"] == f["truth"] for f in called])
    table = []
    for t in CANDIDATES:
        above = p >= t
        n = int(above.sum())
        table.append((float(t), float(right[above].mean()) if n else None, n / len(called), n))
    return table


def choose(table, target: float, min_films: int) -> float | None:
    """The lowest threshold from which every higher candidate keeps accuracy >= target (or has too few
    films to say): a rule that a single lucky bin cannot satisfy."""
    chosen = None
    for t, accuracy, _, n in reversed(table):
        if n >= min_films and (accuracy is None or accuracy < target):
            break
        if n >= min_films:
            chosen = t
    return chosen


def border_table(called: list[dict]) -> list[tuple[str, int, float, float]]:
    share = np.array([f["border"] for f in called])
    right = np.array([f["call"] == f["truth"] for f in called])
    rows = []
    for lo, hi in zip(BORDER_BANDS, BORDER_BANDS[1:]):
        band = (share >= lo) & (share < hi)
        if band.any():
            rows.append((f"{lo:.0%} – {min(hi, 1):.0%}", int(band.sum()), band.mean(), right[band].mean()))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=REPO / "assets" / "models" / "cxr-triage.onnx")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "cxr")
    parser.add_argument("--target", type=float, default=0.95, help="accuracy the firm calls must reach")
    parser.add_argument("--min-films", type=int, default=50, help="fewest films a threshold is judged on")
    parser.add_argument("--save-csv", type=Path, help="also write one line per validation film")
    args = parser.parse_args(argv)

    films = read_validation(args.model, args.data)
    called = [f for f in films if f["call"] is not None]
    right = np.mean([f["call"] == f["truth"] for f in called])
    print(f"model {args.model.name}: {len(films)} validation films, {len(called)} called "
          f"({sum(f['rejected'] for f in films)} refused, {sum(f['error'] for f in films)} unreadable); "
          f"{right:.1%} of the calls right")

    table = threshold_table(called)
    print("\nprobability of the call  calls at or above it right  share of calls  films")
    for t, accuracy, share, n in table:
        acc = "—" if accuracy is None else f"{accuracy:.1%}"
        print(f"  >= {t:.2f}                 {acc:>7}                    {share:6.1%}      {n}")
    chosen = choose(table, args.target, args.min_films)
    if chosen is None:
        print(f"\nno threshold reaches {args.target:.0%} on {args.min_films}+ films: every call is worded as uncertain")
    else:
        row = next(r for r in table if r[0] == chosen)
        print(f"\nFIRM_CALL_PROBABILITY = {chosen:.2f}  (calls from it on: {row[1]:.1%} right, "
              f"{row[2]:.1%} of the calls, {row[3]} films; rule: lowest threshold from which calls stay "
              f">= {args.target:.0%} right on >= {args.min_films} films)")

    print("\nheatmap weight on the border ring  films  share  calls right")
    for band, n, share, accuracy in border_table(called):
        print(f"  {band:>11}                      {n:5d}  {share:5.1%}  {accuracy:6.1%}")
    print(f"\nper source, films with more than OUTSIDE_LUNGS_SHARE = {OUTSIDE_LUNGS_SHARE:.2f} on the border "
          f"(warned)")
    for source in sorted({f["source"] for f in called}) + [None]:
        part = [f for f in called if source is None or f["source"] == source]
        warned = [f for f in part if f["border"] > OUTSIDE_LUNGS_SHARE]
        acc = f"{np.mean([f['call'] == f['truth'] for f in warned]):.1%}" if warned else "—"
        print(f"  {source or 'all':18} {len(warned):4d} of {len(part):4d} ({len(warned) / len(part):5.1%}); "
              f"their calls right: {acc}")

    if args.save_csv:
        with open(args.save_csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(films[0]))
            writer.writeheader()
            writer.writerows(films)
    return 0


if __name__ == "__main__":
    sys.exit(main())
