"""The training procedure, top to bottom: data -> model -> epochs -> calibration and OOD -> evaluation.

``main(args)`` is what ``cxr-train train`` runs; ``trainer.cli`` holds the argument parser (every knob)
and ``trainer.recipe`` the training choices with the shipped model's values as defaults. Data lives in
``trainer.data``, calibration in ``trainer.calibration``, the test report in ``trainer.report``.
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

from trainer import CLASSES, not_cxr
from trainer.augment import train_transform
from trainer.calibration import calibrate, parse_sensitivity_targets
from trainer.checkpoint import load_checkpoint, save_checkpoint
from trainer.data import Dataset, load_data
from trainer.inference import run_model
from trainer.losses import multitask_loss
from trainer.metrics import macro_f1
from trainer.model import ModelConfig, build_model
from trainer.recipe import Recipe
from trainer.report import evaluate_on_test, summary_line, write_history


def seed_everything(seed: int) -> torch.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def make_negatives(films: torch.Tensor, bank: np.ndarray, rng: np.random.Generator) -> torch.Tensor:
    """Outlier exposure: half rotated/inverted copies of this batch's films, half pictures from the bank."""
    half = len(films) // 2
    transformed = not_cxr.transformed_films(films[:half].numpy(), rng)
    pictures = bank[rng.integers(0, len(bank), len(films) - half)]
    return torch.from_numpy(np.concatenate([transformed, pictures]))


def train_one_epoch(model, data: Dataset, optimizer, scheduler, recipe: Recipe, epoch: int, generator,
                    progress: bool = False) -> dict:
    model.train()
    gate = model.frontal_gate is not None
    if gate:
        rng = np.random.default_rng(int(torch.randint(0, 2**31, (1,), generator=generator)))
        bank = not_cxr.synthetic_pictures(512, data.pixels.shape[1], rng)
    train_idx = data.split["train"]
    weights = data.sampling_weights(train_idx)
    order = train_idx[torch.multinomial(weights, len(train_idx), replacement=True, generator=generator).numpy()]
    steps = len(order) // recipe.batch_size
    totals = Counter()
    bar = tqdm(range(steps), desc=f"epoch {epoch}", unit="batch", leave=False, disable=not progress)
    for step in bar:
        pixels, labels, severity = data.batch(order[step * recipe.batch_size:(step + 1) * recipe.batch_size])
        n_films = len(pixels)
        if gate:  # a quarter as many non-films, appended to the batch
            pixels = torch.cat([pixels, make_negatives(pixels[: max(n_films // 4, 2)], bank, rng)])
        x = train_transform(pixels, generator, recipe.augment, recipe.aspect_augment)
        x = x.contiguous(memory_format=torch.channels_last)
        logits, severity_pred, pooled = model.head(model.feature_map(x))
        loss, parts = multitask_loss(logits[:n_films], severity_pred[:n_films], labels, severity,
                                     label_smoothing=recipe.label_smoothing, severity_weight=recipe.severity_weight)
        if gate:
            not_film = (torch.arange(len(x)) >= n_films).float()
            gate_loss = F.binary_cross_entropy_with_logits(model.gate_logit(pooled), not_film)
            loss = loss + recipe.gate_weight * gate_loss
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
    """The validation split after each epoch (torchvision's ``evaluate``): macro-F1 picks the best epoch."""
    out = run_model(model, data.pixels, data.split["val"])
    labels = data.labels[data.split["val"]]
    pred = out["logits"].argmax(1).numpy()
    return {"val_macro_f1": macro_f1(labels, pred, len(CLASSES)), "val_accuracy": float((pred == labels).mean()),
            "val_nll": float(F.cross_entropy(out["logits"], torch.from_numpy(labels)))}


def main(args) -> dict:
    """Train ``Recipe.from_args(args)``, keep the best epoch by validation macro-F1, calibrate it on the
    validation split and evaluate it on the test split; ``args`` also says where (output, data, cache)."""
    recipe = Recipe.from_args(args)
    sensitivity_targets = parse_sensitivity_targets(recipe.target_sensitivity)  # a typo fails now, not after training
    torch.set_num_threads(args.threads)
    generator = seed_everything(recipe.seed)
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()

    data = load_data(args.source, args.data, recipe.input_size, args.cache_dir, args.workers, recipe.limit)
    if recipe.holdout_source:
        held = data.hold_out(recipe.holdout_source)
        print(f"held out of training and validation: {', '.join(recipe.holdout_source)} ({len(held)} films)")
    print(f"films: {len(data.rows)}  train {len(data.split['train'])}  val {len(data.split['val'])}  "
          f"test {len(data.split['test'])}  manifest {data.manifest_sha256[:12]}  (cache ready in {time.time() - started:.0f} s)")

    config = ModelConfig(arch=recipe.arch, input_size=recipe.input_size, dropout=recipe.dropout,
                         frontal_gate=recipe.outlier_exposure)
    model = build_model(config, recipe.imagenet_weights).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.lr, weight_decay=recipe.weight_decay)
    steps_per_epoch = max(len(data.split["train"]) // recipe.batch_size, 1)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=recipe.lr, epochs=recipe.epochs,
                                                    steps_per_epoch=steps_per_epoch, pct_start=0.15)
    history, best_f1, start_epoch, stale = [], -1.0, 1, 0
    if args.resume:
        _, ckpt = load_checkpoint(args.resume)
        model.load_state_dict(ckpt["model_state"])
        optimizer.load_state_dict(ckpt["optimizer_state"])
        scheduler.load_state_dict(ckpt["scheduler_state"])
        # --resume may also extend a finished run (--epochs larger than before): the schedule's length follows.
        scheduler.total_steps = recipe.epochs * steps_per_epoch
        history, best_f1, stale = ckpt["history"], ckpt["best_val_macro_f1"], ckpt.get("stale_epochs", 0)
        start_epoch = ckpt["epoch"] + 1
        if "rng_state" in ckpt:
            generator.set_state(ckpt["rng_state"])
        print(f"resumed from {args.resume} at epoch {start_epoch}")

    common = {"manifest_sha256": data.manifest_sha256, "recipe": recipe.to_dict()}
    for epoch in range(start_epoch, recipe.epochs + 1):
        t0 = time.time()
        record = {"epoch": epoch,
                  **train_one_epoch(model, data, optimizer, scheduler, recipe, epoch, generator, args.progress)}
        record.update(validate(model, data))
        record.update(lr=scheduler.get_last_lr()[0], seconds=round(time.time() - t0, 1))
        history.append(record)
        improved = record["val_macro_f1"] > best_f1
        best_f1, stale = (record["val_macro_f1"], 0) if improved else (best_f1, stale + 1)
        print(json.dumps(record))
        write_history(history, out_dir)
        state = {**common, "epoch": epoch, "best_val_macro_f1": best_f1, "history": history, "stale_epochs": stale,
                 "optimizer_state": optimizer.state_dict(), "scheduler_state": scheduler.state_dict(),
                 "rng_state": generator.get_state()}
        save_checkpoint(out_dir / "last.pt", model, **state)
        if improved:
            save_checkpoint(out_dir / "best.pt", model, **state)
        if recipe.patience and stale >= recipe.patience:
            print(f"early stop: no val macro-F1 gain for {stale} epochs")
            break

    model, best = load_checkpoint(out_dir / "best.pt")
    model = model.to(memory_format=torch.channels_last)
    calibration = calibrate(model, data, recipe.ood_percentile, recipe.seed, sensitivity_targets)
    final = {**common, "epoch": best["epoch"], "best_val_macro_f1": best["best_val_macro_f1"],
             "history": history, **calibration}
    save_checkpoint(out_dir / "model.pt", model, **final)
    metrics = evaluate_on_test(model, final, data, out_dir, make_plots=not args.no_plots)
    save_checkpoint(out_dir / "model.pt", model, **final, metrics=metrics)
    wall = time.time() - started
    print(f"done in {wall / 60:.1f} min: {out_dir / 'model.pt'}")
    print(summary_line(metrics))
    return metrics
