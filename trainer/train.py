"""The training procedure, top to bottom: data -> model -> epochs -> calibration and OOD -> evaluation.

``main(args)`` is what ``cxr-train`` runs; ``trainer.cli`` holds the argument parser (every knob).
"""

import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from trainer import CLASSES, SAMPLING_SCHEMES
from trainer.augment import train_transform
from trainer.cache import build_or_load_cache
from trainer.calibration import fit_sensitivity_threshold, fit_temperature, parse_sensitivity_targets
from trainer.checkpoint import load_checkpoint, save_checkpoint
from trainer.evaluate import classification_metrics, compute_metrics, run_model
from trainer.losses import multitask_loss
from trainer.metrics import macro_f1
from trainer.model import ModelConfig, build_model
from trainer import not_cxr
from trainer.ood import calibrate_gate_scale, fit_frontal_gate, fit_ood, ood_score
from trainer.sources import ManifestRow, load_sources
from trainer.splits import manifest_sha256, split_rows


def seed_everything(seed: int) -> torch.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


class Dataset:
    """All films of one run: cached pixels plus labels, severities and split indices."""

    def __init__(self, rows: list[ManifestRow], size: int, cache_dir, workers: int = 2):
        self.rows = rows
        self.manifest_sha256 = manifest_sha256(rows)
        self.pixels = build_or_load_cache(rows, size, cache_dir, workers)
        self.labels = np.array([CLASSES.index(r.label) for r in rows], dtype=np.int64)
        self.severity = np.array([np.nan if r.severity is None else r.severity for r in rows], dtype=np.float32)
        position = {id(r): i for i, r in enumerate(rows)}
        self.split = {name: np.array([position[id(r)] for r in part], dtype=np.int64)
                      for name, part in split_rows(rows).items()}

    def hold_out(self, sources) -> np.ndarray:
        """Leave-one-source-out: drop these sources' films from training and validation (so neither
        the weights, early stopping, temperature nor OOD statistics see them) and return the indices
        of all their films, every split. The test split stays whole, comparable with other runs."""
        sources = set(sources or ())
        present = {r.source for r in self.rows}
        if missing := sources - present:
            raise SystemExit(f"--holdout-source: no films of {', '.join(sorted(missing))} "
                             f"(sources here: {', '.join(sorted(present))})")
        held = np.array([r.source in sources for r in self.rows])
        for name in ("train", "val"):
            self.split[name] = self.split[name][~held[self.split[name]]]
        if sources and len(set(self.labels[self.split["train"]])) < len(CLASSES):
            raise SystemExit(f"--holdout-source {', '.join(sorted(sources))} leaves a class without training films")
        return np.nonzero(held)[0]

    def batch(self, idx: np.ndarray):
        idx = np.sort(idx)  # memmap reads in file order
        return (torch.from_numpy(np.asarray(self.pixels[idx])), torch.from_numpy(self.labels[idx]),
                torch.from_numpy(self.severity[idx]))

    def sampling_weights(self, indices: np.ndarray, scheme: str = "class_sqrt_source",
                         source_weights: dict | None = None) -> torch.Tensor:
        """Each class gets the same total weight; within a class, each source gets weight ∝ its size**p:
        p = 1/2 for "class_sqrt_source" (small adult sources seen far more often than their share while
        Kermany still dominates pneumonia; fights class imbalance and the source shortcut), p = 1 for
        "class" (sources as they come), p = 0 for "class_source" (every source of a class alike).
        ``source_weights`` {(source, label or None): w} scales a source's share within its class
        (e.g. nih14's text-mined pneumonia labels, which are often wrong)."""
        power = SAMPLING_SCHEMES[scheme]
        source_weights = source_weights or {}
        groups = [(self.labels[i], self.rows[i].source) for i in indices]
        group_count = Counter(groups)

        def mass(group):
            label, source = group
            scale = source_weights.get((source, CLASSES[label]), source_weights.get((source, None), 1.0))
            return group_count[group] ** power * scale

        class_mass = Counter()
        for group in group_count:
            class_mass[group[0]] += mass(group)
        w = [mass(g) / class_mass[g[0]] / group_count[g] for g in groups]
        return torch.tensor(w, dtype=torch.double)


def parse_source_weights(specs: list[str] | None) -> dict:
    """["nih14:pneumonia=0.3", "cohen2020=2"] -> {("nih14", "pneumonia"): 0.3, ("cohen2020", None): 2.0}"""
    out = {}
    for spec in specs or []:
        key, sep, value = spec.partition("=")
        source, _, label = key.partition(":")
        if not sep or not source or (label and label not in CLASSES) or float(value) < 0:
            raise ValueError(f"--source-weight {spec!r}: expected SOURCE[:LABEL]=WEIGHT, LABEL one of {list(CLASSES)}")
        out[(source, label or None)] = float(value)
    return out


def mixup(x: torch.Tensor, alpha: float, generator) -> tuple[torch.Tensor, tuple[torch.Tensor, float]]:
    """Blend each film with a random partner of the batch, weight lam ~ Beta(alpha, alpha) (kept >= 0.5
    so the film's own label stays the larger part)."""
    beta = torch.distributions.Beta(alpha, alpha)
    # Beta sampling has no generator argument: draw its seed from ours, for reproducible runs.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(torch.randint(0, 2**31, (1,), generator=generator)))
        lam = float(beta.sample())
    lam = max(lam, 1 - lam)
    partner = torch.randperm(len(x), generator=generator)
    return lam * x + (1 - lam) * x[partner], (partner, lam)


def make_negatives(films: torch.Tensor, bank: np.ndarray, rng: np.random.Generator) -> torch.Tensor:
    """Outlier exposure: half rotated/inverted copies of this batch's films, half pictures from the bank."""
    half = len(films) // 2
    transformed = not_cxr.transformed_films(films[:half].numpy(), rng)
    pictures = bank[rng.integers(0, len(bank), len(films) - half)]
    return torch.from_numpy(np.concatenate([transformed, pictures]))


def train_one_epoch(model, data: Dataset, optimizer, scheduler, args, epoch: int, generator) -> dict:
    model.train()
    gate = model.frontal_gate is not None
    if gate:
        rng = np.random.default_rng(int(torch.randint(0, 2**31, (1,), generator=generator)))
        bank = not_cxr.synthetic_pictures(512, data.pixels.shape[1], rng)
    train_idx = data.split["train"]
    weights = data.sampling_weights(train_idx, args.sampling, parse_source_weights(args.source_weight))
    order = train_idx[torch.multinomial(weights, len(train_idx), replacement=True, generator=generator).numpy()]
    steps = len(order) // args.batch_size
    totals = Counter()
    bar = tqdm(range(steps), desc=f"epoch {epoch}", unit="batch", leave=False, disable=not args.progress)
    for step in bar:
        pixels, labels, severity = data.batch(order[step * args.batch_size:(step + 1) * args.batch_size])
        n_films = len(pixels)
        if gate:  # a quarter as many non-films, appended to the batch
            pixels = torch.cat([pixels, make_negatives(pixels[: max(n_films // 4, 2)], bank, rng)])
        x = train_transform(pixels, generator, args.augment, texture=args.texture_augment, markers=args.marker_augment,
                            match_sharpness=args.sharpness_match, n_films=n_films,
                            field=args.field_augment, aspect=args.aspect_augment)
        mix = None
        if args.mixup > 0:  # films only; the appended non-films stay as they are
            films, mix = mixup(x[:n_films], args.mixup, generator)
            x = torch.cat([films, x[n_films:]])
        x = x.contiguous(memory_format=torch.channels_last)
        logits, severity_pred, pooled = model.head(model.feature_map(x))
        loss, parts = multitask_loss(logits[:n_films], severity_pred[:n_films], labels, severity,
                                     label_smoothing=args.label_smoothing, severity_weight=args.severity_weight,
                                     mix=mix)
        if gate:
            not_film = (torch.arange(len(x)) >= n_films).float()
            gate_loss = F.binary_cross_entropy_with_logits(model.gate_logit(pooled), not_film)
            loss = loss + args.gate_weight * gate_loss
            parts["gate"] = gate_loss.item()
        logits = logits[:n_films]
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        scheduler.step()
        totals.update(loss=loss.item(), **parts, correct=int((logits.argmax(1) == labels).sum()), n=len(labels))
        bar.set_postfix(loss=f"{totals['loss'] / (step + 1):.3f}", acc=f"{totals['correct'] / totals['n']:.3f}")
    return {"train_loss": totals["loss"] / max(steps, 1), "train_accuracy": totals["correct"] / max(totals["n"], 1)}


def validate(model, data: Dataset) -> dict:
    out = run_model(model, data.pixels, data.split["val"])
    labels = data.labels[data.split["val"]]
    pred = out["logits"].argmax(1).numpy()
    return {"val_macro_f1": macro_f1(labels, pred, len(CLASSES)), "val_accuracy": float((pred == labels).mean()),
            "val_nll": float(F.cross_entropy(out["logits"], torch.from_numpy(labels)))}


def calibrate(model, data: Dataset, ood_percentile: float, seed: int = 0,
              sensitivity_targets: dict | None = None) -> dict:
    """Temperature, operating points and OOD statistics from the validation split (never the test
    split); the frontal-CXR gate is fitted on training films against generated non-films, its scale set
    on validation films. ``sensitivity_targets`` {class: S}: that class is called from the highest
    threshold on its calibrated probability at which S of its validation films are called."""
    out = run_model(model, data.pixels, data.split["val"])
    labels = torch.from_numpy(data.labels[data.split["val"]])
    temperature = fit_temperature(out["logits"], labels)
    val_probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    thresholds = {name: fit_sensitivity_threshold(val_probs, labels.numpy(), CLASSES.index(name), target)
                  for name, target in (sensitivity_targets or {}).items()}
    ood = fit_ood(out["pooled"], labels, len(CLASSES), percentile=ood_percentile)

    if model.frontal_gate is not None:  # trained with outlier exposure: the model's own gate head
        gate = {"gate_weight": model.frontal_gate.weight[0].detach().clone(),
                "gate_bias": float(model.frontal_gate.bias[0].detach())}
    else:  # a gate fitted afterwards on the frozen features
        rng = np.random.default_rng(seed)
        train_idx = rng.choice(data.split["train"], size=min(3000, len(data.split["train"])), replace=False)
        positives = run_model(model, data.pixels, np.sort(train_idx))["pooled"]
        films = np.asarray(data.pixels[np.sort(train_idx[: len(train_idx) // 2])])
        size = data.pixels.shape[1]
        negatives = np.concatenate([not_cxr.transformed_films(films, rng),
                                    not_cxr.synthetic_pictures(len(films), size, rng)])
        negatives = run_model(model, negatives, np.arange(len(negatives)))["pooled"]
        gate = fit_frontal_gate(positives, negatives)
    gate["gate_scale"] = calibrate_gate_scale(out["pooled"], gate, ood_percentile)
    return {"temperature": temperature, "decision_thresholds": thresholds, "ood": {**ood, **gate}}


def ood_audit(model, ckpt: dict, data: Dataset, test_pooled: torch.Tensor, seed: int = 12345) -> dict:
    """Share of test films accepted, and of pictures that are not frontal films rejected, by kind.
    Seeds and pictures differ from the ones the gate was fitted on."""
    ood = ckpt["ood"]
    rng = np.random.default_rng(seed)
    size = data.pixels.shape[1]
    test_films = np.asarray(data.pixels[data.split["test"][:400]])
    kinds = {"rotated_or_inverted_test_films": not_cxr.transformed_films(test_films, rng),
             "synthetic_pictures": not_cxr.synthetic_pictures(350, size, rng)}
    photos = not_cxr.photographs(size)
    if photos is not None:
        kinds["photographs"] = photos
    audit = {"threshold": ood["threshold"],
             "test_cxr_accepted": float((ood_score(test_pooled, ood) <= ood["threshold"]).float().mean())}
    for name, pictures in kinds.items():
        pooled = run_model(model, pictures, np.arange(len(pictures)))["pooled"]
        audit[f"{name}_rejected"] = float((ood_score(pooled, ood) > ood["threshold"]).float().mean())
        audit[f"n_{name}"] = len(pictures)
    return audit


def held_out_metrics(model, data: Dataset, sources: list[str], temperature: float,
                     thresholds: dict | None = None) -> dict:
    """Classification metrics on all films (every split) of sources held out of training."""
    idx = np.nonzero(np.array([r.source in set(sources) for r in data.rows]))[0]
    out = run_model(model, data.pixels, idx)
    probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    return {"sources": sorted(sources), **classification_metrics(probs, data.labels[idx], thresholds)}


def evaluate_on_test(model, ckpt: dict, data: Dataset, out_dir: Path, make_plots: bool = True) -> dict:
    test_idx = data.split["test"]
    out = run_model(model, data.pixels, test_idx)
    temperature = ckpt.get("temperature") or 1.0
    probs_raw = torch.softmax(out["logits"], 1).numpy()
    probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    labels = data.labels[test_idx]
    rows = [data.rows[i] for i in test_idx]
    metrics = compute_metrics(probs, probs_raw, labels, out["severity"].numpy(), rows, out["heatmap"].numpy(),
                              thresholds=ckpt.get("decision_thresholds"))
    if ckpt.get("ood"):
        metrics["ood"] = ood_audit(model, ckpt, data, out["pooled"])
    held_out = (ckpt.get("args") or {}).get("holdout_source")
    if held_out:  # leave-one-source-out: every film of the sources the run never saw
        metrics["held_out"] = held_out_metrics(model, data, held_out, temperature, ckpt.get("decision_thresholds"))
    metrics["temperature"] = temperature
    metrics["manifest_sha256"] = data.manifest_sha256
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    _write_predictions(out_dir / "predictions.csv", rows, labels, probs, out["severity"].numpy())
    if make_plots:
        from trainer import plots  # matplotlib only when plotting

        plots.plot_confusion(metrics["confusion_matrix"], out_dir / "confusion_matrix.png")
        plots.plot_roc(probs, labels, out_dir / "roc.png")
        plots.plot_reliability(probs_raw, probs, labels, out_dir / "reliability.png")
        plots.plot_confidence_histogram(probs, labels, out_dir / "confidence_histogram.png")
        scored = ~np.isnan(data.severity[test_idx])
        if scored.any():
            plots.plot_severity(out["severity"].numpy()[scored], data.severity[test_idx][scored],
                                out_dir / "severity_scatter.png")
        plots.plot_confident_errors(np.asarray(data.pixels[test_idx]), probs, labels,
                                    [r.path for r in rows], out_dir / "confident_errors.png")
    return metrics


def main(args) -> dict:
    sensitivity_targets = parse_sensitivity_targets(args.target_sensitivity)  # a typo fails now, not after training
    torch.set_num_threads(args.threads)
    generator = seed_everything(args.seed)
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()

    rows = load_sources(args.source, args.data)
    if args.limit:  # smoke runs: a few films per split and class, deterministic
        rows = _limit_rows(rows, args.limit)
    data = Dataset(rows, args.input_size, args.cache_dir, args.workers)
    if args.holdout_source:
        held = data.hold_out(args.holdout_source)
        print(f"held out of training and validation: {', '.join(args.holdout_source)} ({len(held)} films)")
    print(f"films: {len(rows)}  train {len(data.split['train'])}  val {len(data.split['val'])}  "
          f"test {len(data.split['test'])}  manifest {data.manifest_sha256[:12]}  (cache ready in {time.time() - started:.0f} s)")

    config = ModelConfig(arch=args.arch, input_size=args.input_size, normalization=args.normalization,
                         dropout=args.dropout, frontal_gate=args.outlier_exposure,
                         border_mask=args.border_mask)
    model = build_model(config, args.imagenet_weights).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps_per_epoch = max(len(data.split["train"]) // args.batch_size, 1)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, epochs=args.epochs,
                                                    steps_per_epoch=steps_per_epoch, pct_start=0.15)
    history, best_f1, start_epoch, stale = [], -1.0, 1, 0
    if args.resume:
        _, ckpt = load_checkpoint(args.resume)
        model.load_state_dict(ckpt["model_state"])
        optimizer.load_state_dict(ckpt["optimizer_state"])
        scheduler.load_state_dict(ckpt["scheduler_state"])
        # --resume may also extend a finished run (--epochs larger than before): the schedule's length follows.
        scheduler.total_steps = args.epochs * steps_per_epoch
        history, best_f1, stale = ckpt["history"], ckpt["best_val_macro_f1"], ckpt.get("stale_epochs", 0)
        start_epoch = ckpt["epoch"] + 1
        if "rng_state" in ckpt:
            generator.set_state(ckpt["rng_state"])
        print(f"resumed from {args.resume} at epoch {start_epoch}")

    common = {"manifest_sha256": data.manifest_sha256, "args": vars(args), "seed": args.seed}
    for epoch in range(start_epoch, args.epochs + 1):
        t0 = time.time()
        record = {"epoch": epoch, **train_one_epoch(model, data, optimizer, scheduler, args, epoch, generator)}
        record.update(validate(model, data))
        record.update(lr=scheduler.get_last_lr()[0], seconds=round(time.time() - t0, 1))
        history.append(record)
        improved = record["val_macro_f1"] > best_f1
        best_f1, stale = (record["val_macro_f1"], 0) if improved else (best_f1, stale + 1)
        print(json.dumps(record))
        _write_history(history, out_dir)
        state = {**common, "epoch": epoch, "best_val_macro_f1": best_f1, "history": history, "stale_epochs": stale,
                 "optimizer_state": optimizer.state_dict(), "scheduler_state": scheduler.state_dict(),
                 "rng_state": generator.get_state()}
        save_checkpoint(out_dir / "last.pt", model, **state)
        if improved:
            save_checkpoint(out_dir / "best.pt", model, **state)
        if args.patience and stale >= args.patience:
            print(f"early stop: no val macro-F1 gain for {stale} epochs")
            break

    model, best = load_checkpoint(out_dir / "best.pt")
    model = model.to(memory_format=torch.channels_last)
    calibration = calibrate(model, data, args.ood_percentile, args.seed, sensitivity_targets)
    final = {**common, "epoch": best["epoch"], "best_val_macro_f1": best["best_val_macro_f1"],
             "history": history, **calibration}
    save_checkpoint(out_dir / "model.pt", model, **final)
    metrics = evaluate_on_test(model, final, data, out_dir, make_plots=not args.no_plots)
    save_checkpoint(out_dir / "model.pt", model, **final, metrics=metrics)
    wall = time.time() - started
    print(f"done in {wall / 60:.1f} min: {out_dir / 'model.pt'}")
    print(summary_line(metrics))
    return metrics


def summary_line(m: dict) -> str:
    k = m.get("kermany_test", {})

    def pct(v):
        return "n/a" if v is None else f"{100 * v:.1f}%"

    return (f"test acc {pct(m['accuracy'])}  macro-F1 {m['macro_f1']:.3f}  covid sens {pct(m['covid19_sensitivity'])} "
            f"ppv {pct(m['covid19_ppv'])}  kermany acc {pct(k.get('accuracy'))} auc {k.get('auc', float('nan')):.3f} "
            f"normal recall {pct(k.get('normal_recall'))}  adult normals called normal {pct(m['adult_normal_called_normal'])}  "
            f"ECE {m['ece_15']:.3f} (before T {m['ece_15_uncalibrated']:.3f})")


def _limit_rows(rows, per_group: int):
    from trainer.splits import assign_split

    taken, kept = Counter(), []
    for r in rows:
        key = (assign_split(r), r.label, r.source)
        if taken[key] < per_group:
            taken[key] += 1
            kept.append(r)
    return kept


def _write_predictions(path: Path, rows, labels, probs, severity) -> None:
    """One line per test film: what the model card's bootstrap intervals are computed from."""
    import csv

    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "source", "official_split", "label", *[f"p_{c}" for c in CLASSES], "severity_pred",
                    "severity_truth"])
        for r, y, p, s in zip(rows, labels, probs, severity):
            w.writerow([r.path, r.source, r.official_split, CLASSES[y], *[f"{v:.6f}" for v in p], f"{s:.6f}",
                        "" if r.severity is None else r.severity])


def _write_history(history: list[dict], out_dir: Path) -> None:
    (out_dir / "history.json").write_text(json.dumps(history, indent=2))
    keys = list(history[0])
    lines = [",".join(keys)] + [",".join(str(h.get(k, "")) for k in keys) for h in history]
    (out_dir / "history.csv").write_text("\n".join(lines) + "\n")
