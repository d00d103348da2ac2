"""Simulate a clinic that adapts the model to its own films (issue 16), honestly: adapt on some of a
source's films, score the rest.

    python scripts/simulate_site.py --model runs/loso-nih14/model.onnx --source nih14 [--films 40] [--draws 20]
    python scripts/simulate_site.py --source nih14 --split test      # the shipped model, on a source it saw

A model trained with ``--holdout-source SOURCE`` never saw that source: its films stand for a new clinic.
For each of ``--draws`` seeded draws, ``--films`` of the source's films (stratified by class) are the
clinic's labelled films: ``adapt_head`` fits the head on them exactly as ``cxr-triage adapt`` does
(strength chosen by cross-validation on those films only); the source's other films are scored with the
model's own head and with the adapted head, through the model's decision rule. Films the model refuses
(not a frontal chest X-ray) are left out of both. ``--split test`` keeps only the contract's test-split
films of the source (for a model that trained on the rest of it).

Prints, per class, the share called right before and after (mean and range over the draws) and the
accuracy, and what the clinic would get: the adapted head where ``cxr-triage adapt`` writes a profile
(cross-validation on the clinic's films says it pays and no disease sensitivity falls), else the model's
own; ``--json OUT`` keeps every draw. Reads ``../shared/data/cxr`` (never copied into the project).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.engine.adaptation import FOLDS, AdaptationError, _choose_strength, _Fitter, _Ticks, adapt_head  # noqa: E402
from desktop.engine.contract import class_head_probabilities, decide  # noqa: E402
from desktop.engine.labelled import LabelledFilm  # noqa: E402
from desktop.engine.labelled_run import run_labelled  # noqa: E402
from desktop.engine.predictor import Predictor, default_model_path  # noqa: E402
from trainer.sources import SharedManifestSource  # noqa: E402
from trainer.splits import assign_split  # noqa: E402


def read_source(predictor: Predictor, data_dir: Path, sources: list[str], split: str | None):
    """Embeddings, labels and base probabilities of the source's accepted films."""
    rows = [r for r in SharedManifestSource(data_dir).rows() if r.source in sources
            and (split is None or assign_split(r) == split)]
    films = [LabelledFilm(Path(r.file), r.label) for r in rows]
    predictor.keep_embeddings = True
    start = time.perf_counter()
    results = run_labelled(predictor, films)
    print(f"{len(films)} films of {', '.join(sources)} read in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    kept = [(f, r) for f, r in zip(films, results) if r.ok]
    refused = len(films) - len(kept)
    classes = list(predictor.classes)
    embeddings = np.stack([r.embedding for _, r in kept]).astype(np.float64)
    truth = np.array([classes.index(f.label) for f, _ in kept])
    return embeddings, truth, refused


def draw_site(truth, films: int, rng) -> np.ndarray:
    """``films`` indices stratified by class (each class in proportion, at least 10 where it has them)."""
    chosen = []
    classes, counts = np.unique(truth, return_counts=True)
    share = np.maximum(10, np.round(films * counts / counts.sum()).astype(int))
    for c, n in zip(classes, share):
        members = np.flatnonzero(truth == c)
        chosen.append(rng.choice(members, size=min(n, len(members) // 2), replace=False))
    return np.concatenate(chosen)


def unguarded_head(E, y, predictor) -> dict:
    """The design ``adapt`` rejects, for comparison: every row of the head refitted with the full softmax, so
    a class the clinic did not label is pushed down on all its films (strength still chosen by cross-validation)."""
    W0, b0 = np.asarray(predictor.class_head["weight"]), np.asarray(predictor.class_head["bias"])
    fitter = _Fitter(E, y, W0, b0, predictor.temperature, list(range(len(predictor.classes))))
    films = np.arange(len(y))
    strength = _choose_strength(fitter, films, FOLDS, 0, _Ticks(None, 1, None))
    W, b = fitter.head(fitter.fit(films, strength) if strength else None)
    return {"weight": W, "bias": b}


def rates(classes, truth, called) -> dict:
    out = {c: float((called[truth == i] == i).mean()) for i, c in enumerate(classes) if (truth == i).any()}
    out["accuracy"] = float((called == truth).mean())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="ONNX model with the embedding output")
    parser.add_argument("--source", action="append", required=True, help="the source(s) that play the clinic")
    parser.add_argument("--split", choices=["train", "val", "test"], default=None,
                        help="only this split of the source (default: all its films)")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "cxr")
    parser.add_argument("--films", type=int, default=40, help="labelled films of the clinic per draw")
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--covid-check", metavar="SOURCE", default=None,
                        help="also score the COVID-19 films of SOURCE's test split with each head: does a clinic "
                             "without COVID-19 films change how COVID-19 is found elsewhere?")
    parser.add_argument("--unguarded", action="store_true",
                        help="also fit the rejected design (every class's row free, full softmax) for comparison")
    args = parser.parse_args()

    predictor = Predictor(args.model or default_model_path(), verify_checksum=False)
    classes = list(predictor.classes)
    thresholds = predictor.metadata.get("decision_thresholds")
    E, y, refused = read_source(predictor, args.data, args.source, args.split)
    base = class_head_probabilities(E, predictor.class_head, predictor.temperature)
    covid = classes.index("covid19")
    if args.covid_check:
        C, yc, _ = read_source(predictor, args.data, [args.covid_check], "test")
        C = C[yc == covid]

    def covid_found(head, temperature) -> float:
        return float((decide(class_head_probabilities(C, head, temperature), thresholds, classes) == covid).mean())
    draws = []
    start = time.perf_counter()
    for seed in range(args.draws):
        rng = np.random.default_rng(seed)
        site = draw_site(y, args.films, rng)
        rest = np.setdiff1d(np.arange(len(y)), site)
        try:
            adaptation = adapt_head(E[site], y[site], classes, predictor.class_head, predictor.temperature,
                                    thresholds, seed=seed)
        except AdaptationError as exc:
            print(f"draw {seed}: {exc}", file=sys.stderr)
            continue
        adapted = class_head_probabilities(E[rest], adaptation.head, adaptation.temperature)
        draws.append({"seed": seed, "site_films": int(len(site)), "scored_films": int(len(rest)),
                      "strength": adaptation.strength,
                      "before": rates(classes, y[rest], decide(base[rest], thresholds, classes)),
                      "after": rates(classes, y[rest], decide(adapted, thresholds, classes)),
                      "cv_after_accuracy": adaptation.after["accuracy"]["value"],
                      "sensitivity_drops": adaptation.sensitivity_drops,
                      # What `cxr-triage adapt` does without --accept-lower-sensitivity: a profile only when
                      # cross-validation on the clinic's films says it pays and no disease sensitivity falls.
                      "written": adaptation.pays and not adaptation.sensitivity_drops})
        if args.covid_check:
            draws[-1]["covid_check"] = {"before": covid_found(predictor.class_head, predictor.temperature),
                                        "after": covid_found(adaptation.head, adaptation.temperature)}
        if args.unguarded:
            free = unguarded_head(E[site], y[site], predictor)
            draws[-1]["unguarded"] = rates(classes, y[rest], decide(
                class_head_probabilities(E[rest], free, predictor.temperature), thresholds, classes))
            if args.covid_check:
                draws[-1]["covid_check"]["unguarded"] = covid_found(free, predictor.temperature)
    seconds = time.perf_counter() - start
    print(f"model {predictor.model_version}, source {', '.join(args.source)}"
          + (f" ({args.split} split)" if args.split else "") + f": {len(y)} films accepted, {refused} refused; "
          f"{len(draws)} draws of {args.films} clinic films, the rest scored ({seconds:.0f} s)")
    keys = [c for c in classes if c in draws[0]["before"]] + ["accuracy"]
    words = {"normal": "normal called normal", "pneumonia": "pneumonia found", "covid19": "COVID-19 found",
             "accuracy": "accuracy"}
    written = sum(d["written"] for d in draws)
    print(f"  before -> adapted head (every draw) -> what the clinic gets (the adapted head where adapt writes a "
          f"profile, {written} of {len(draws)} draws; else the model's own)")
    for key in keys:
        before = np.array([d["before"][key] for d in draws])
        after = np.array([d["after"][key] for d in draws])
        gets = np.array([d["after" if d["written"] else "before"][key] for d in draws])
        print(f"  {words[key]:<22} {100 * before.mean():5.1f} % -> {100 * after.mean():5.1f} % "
              f"({100 * after.min():.0f}-{100 * after.max():.0f} %) -> {100 * gets.mean():5.1f} %")
    if args.unguarded:
        print("  unguarded refit (every row free): " + ", ".join(
            f"{words[k]} {100 * np.mean([d['unguarded'][k] for d in draws]):.1f} %" for k in keys))
    if args.covid_check:
        check = {k: 100 * np.mean([d["covid_check"][k] for d in draws]) for k in draws[0]["covid_check"]}
        print(f"  COVID-19 films of {args.covid_check}'s test split ({len(C)}) found: " + ", ".join(
            f"{k} {v:.1f} %" for k, v in check.items()))
    print(f"  no adaptation chosen in {sum(d['strength'] is None for d in draws)} of {len(draws)} draws; "
          f"a disease sensitivity fell in cross-validation in {sum(bool(d['sensitivity_drops']) for d in draws)}")
    if args.json:
        args.json.write_text(json.dumps({"model": predictor.model_version, "sources": args.source,
                                         "split": args.split, "films": args.films, "refused": refused,
                                         "draws": draws}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
