"""How long adapting to a clinic takes (issue 16's budgets), on real films of ../shared/data/cxr:

1. fit, s: one fit of the class head on 200 films' embeddings at the strength the cross-validation chose
   (what a profile holds) (goal <= 1 s);
2. fit + cross-validation, s: ``adapt_head`` on the same embeddings: the strength chosen by 5-fold
   cross-validation and the nested cross-validated before/after figures (what ``adapt`` prints);
3. whole ``adapt``, s: ``cxr-triage adapt FOLDER --name ... -o ...`` as a user runs it, a fresh process on a
   folder of 200 labelled films (100 normal, 100 pneumonia of nih14): start-up, model load, reading the
   films, (2), writing the profile (goal <= 15 s).

    python bench/bench_adapt.py [--model FILE] [--films 200] [--rounds 3]

Medians and ranges over the rounds, with the load average before and after.
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.engine.adaptation import _Fitter, adapt_head  # noqa: E402
from desktop.engine.labelled import read_labelled  # noqa: E402
from desktop.engine.labelled_run import run_labelled  # noqa: E402
from desktop.engine.predictor import Predictor, default_model_path  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "cxr"


def labelled_folder(root: Path, films: int) -> Path:
    """``root/<label>/`` with links to the first ``films / 2`` nih14 films (by path) of each label."""
    with open(DATA / "manifest-nih14.csv", newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["path"])
    for label in ("normal", "pneumonia"):
        (root / label).mkdir(parents=True)
        for row in [r for r in rows if r["label"] == label][:films // 2]:
            (root / label / Path(row["path"]).name).symlink_to(DATA / row["path"])
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--films", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    model = args.model or default_model_path()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        folder = labelled_folder(work / "site", args.films)
        films = read_labelled(folder).films
        predictor = Predictor(model)
        predictor.keep_embeddings = True
        everything = run_labelled(predictor, films)
        results = [r for r in everything if r.ok]
        E = np.stack([r.embedding for r in results]).astype(np.float64)
        classes = list(predictor.classes)
        y = np.array([classes.index(f.label) for f, r in zip(films, everything) if r.ok])
        fit, whole_fit, command = [], [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            adaptation = adapt_head(E, y, classes, predictor.class_head, predictor.temperature,
                                    predictor.metadata.get("decision_thresholds"))
            whole_fit.append(time.perf_counter() - start)
            fitter = _Fitter(E, y, np.asarray(predictor.class_head["weight"]), np.asarray(predictor.class_head["bias"]),
                             predictor.temperature, [classes.index(c) for c in adaptation.adapted_classes])
            start = time.perf_counter()
            fitter.fit(np.arange(len(y)), adaptation.strength or 1.0)
            fit.append(time.perf_counter() - start)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "desktop", "adapt", str(folder), "--name", "Bench clinic",
                                   "-o", str(work / "profile.json"), "--model", str(model),
                                   "--accept-lower-sensitivity"],
                                  cwd=REPO, capture_output=True, text=True, env=dict(os.environ, CXR_TRIAGE_DATA_DIR=str(work)))
            command.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                print(done.stderr, file=sys.stderr)
                return 1
    print(f"{len(y)} films ({', '.join(f'{(y == i).sum()} {c}' for i, c in enumerate(classes) if (y == i).any())}), "
          f"embedding {E.shape[1]}, strength chosen {adaptation.strength}")
    for name, values, goal in (("fit (one, chosen strength)", fit, "<= 1 s"),
                               ("fit + nested cross-validation", whole_fit, ""),
                               ("whole `cxr-triage adapt` (fresh process)", command, "<= 15 s")):
        print(f"  {name:<42} {statistics.median(values):6.2f} s  ({min(values):.2f}-{max(values):.2f})  {goal}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
