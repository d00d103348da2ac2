"""The training procedure, top to bottom: data -> model -> epochs -> calibration and OOD -> evaluation.

``main(args)`` is what ``cxr-train train`` runs; ``trainer.cli`` holds the argument parser (every knob)
and ``trainer.recipe`` the training choices with the shipped model's values as defaults. Data lives in
``trainer.data``, calibration in ``trainer.calibration``, the test report in ``trainer.report``.
"""

import json
import random
import time
from collections import Counter
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from trainer import CLASSES, distributed, not_cxr
from trainer.calibration import calibrate, parse_sensitivity_targets
from trainer.checkpoint import load_checkpoint, resume_training, save_checkpoint
from trainer.data import Dataset, EpochBatches, load_data, training_batch
from trainer.inference import inference_device, run_model
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


def make_negatives(films: torch.Tensor, bank: np.ndarray, rng: np.random.Generator,
                   real: np.ndarray | None = None) -> torch.Tensor:
    """Outlier exposure: rotated/inverted copies of this batch's films and pictures from the bank, half
    each; with ``real`` negatives (lateral films, CT slices), a third each."""
    if real is None or not len(real):
        half = len(films) // 2
        transformed = not_cxr.transformed_films(films[:half].numpy(), rng)
        pictures = bank[rng.integers(0, len(bank), len(films) - half)]
        return torch.from_numpy(np.concatenate([transformed, pictures]))
    third = len(films) // 3
    transformed = not_cxr.transformed_films(films[:third].numpy(), rng)
    real_part = real[rng.integers(0, len(real), third)]
    pictures = bank[rng.integers(0, len(bank), len(films) - 2 * third)]
    return torch.from_numpy(np.concatenate([transformed, real_part, pictures]))


class TrainingStep(torch.nn.Module):
    """The network's training forward pass as one call, the form DistributedDataParallel synchronises:
    -> logits, severity, pooled features and the not-a-film logit (None without the frontal gate)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        logits, severity, pooled = self.net.head(self.net.feature_map(x))
        gate = self.net.gate_logit(pooled) if self.net.frontal_gate is not None else None
        return logits, severity, pooled, gate


def train_one_epoch(model, data: Dataset, optimizer, scheduler, recipe: Recipe, epoch: int, generator,
                    progress: bool = False, device=torch.device("cpu"), workers: int = 0, amp=None, scaler=None,
                    on_step=None) -> dict:
    """One epoch of this process's films. ``model``: the network, or its ``TrainingStep`` (in DDP under
    torchrun). On the CPU the batches are made here, drawn from ``generator``; on a GPU ``workers``
    DataLoader workers make them into pinned memory, and the step runs under autocast to ``amp`` (None:
    float32) with ``scaler`` for float16. ``on_step(step, loss)`` after each optimiser step."""
    model = model if isinstance(distributed.unwrap(model), TrainingStep) else TrainingStep(model)
    model.train()
    gate = distributed.unwrap(model).net.frontal_gate is not None
    rng = outliers = None
    if gate:
        rng = np.random.default_rng(int(torch.randint(0, 2**31, (1,), generator=generator)))
        bank = not_cxr.synthetic_pictures(512, data.pixels.shape[1], rng)
        real = data.negatives.part("train") if recipe.real_negatives and data.negatives else None
        # a quarter as many non-films, appended to each batch
        outliers = partial(make_negatives, bank=bank, real=real)
    order = data.draw_epoch(generator, distributed.world_size())
    steps = len(order) // recipe.batch_size
    batches = [order[step * recipe.batch_size:(step + 1) * recipe.batch_size] for step in range(steps)]
    if device.type == "cpu":
        stream = (training_batch(data, idx, recipe.augment, recipe.aspect_augment, generator, rng, outliers)
                  for idx in batches)
    else:
        epoch_batches = EpochBatches(data, batches, recipe.augment, recipe.aspect_augment, outliers,
                                     seeds=(recipe.seed, epoch, distributed.rank()))
        stream = torch.utils.data.DataLoader(epoch_batches, batch_size=None, num_workers=workers, pin_memory=True)
    totals = Counter()
    bar = tqdm(stream, total=steps, desc=f"epoch {epoch}", unit="batch", leave=False, disable=not progress)
    for step, (x, labels, severity, n_films) in enumerate(bar):
        x = x.to(device, non_blocking=True).contiguous(memory_format=torch.channels_last)
        labels, severity = labels.to(device, non_blocking=True), severity.to(device, non_blocking=True)
        with torch.autocast(device.type, dtype=amp) if amp else nullcontext():
            logits, severity_pred, pooled, gate_logit = model(x)
        loss, parts = multitask_loss(logits[:n_films].float(), severity_pred[:n_films].float(), labels, severity,
                                     label_smoothing=recipe.label_smoothing, severity_weight=recipe.severity_weight)
        if gate:
            not_film = (torch.arange(len(x), device=device) >= n_films).float()
            gate_loss = F.binary_cross_entropy_with_logits(gate_logit.float(), not_film)
            loss = loss + recipe.gate_weight * gate_loss
            parts["gate"] = gate_loss.item()
        logits = logits[:n_films]
        optimizer.zero_grad(set_to_none=True)
        if scaler is None:
            loss.backward()
            optimizer.step()
        else:  # float16: the loss scaled against underflowing gradients
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        scheduler.step()
        totals.update(loss=loss.item(), **parts, correct=int((logits.argmax(1) == labels).sum()), n=len(labels))
        bar.set_postfix(loss=f"{totals['loss'] / (step + 1):.3f}", acc=f"{totals['correct'] / totals['n']:.3f}")
        if on_step:
            on_step(step, loss.item())
    loss, correct, films, steps = distributed.sum_over_ranks([totals["loss"], totals["correct"], totals["n"], steps])
    return {"train_loss": loss / max(steps, 1), "train_accuracy": correct / max(films, 1)}


def validate(model, data: Dataset) -> dict:
    """The validation split after each epoch (torchvision's ``evaluate``): macro-F1 picks the best epoch.
    Under torchrun each process scores its share of the films and every process gets all the logits, so
    that all take the same early-stopping decision."""
    val = data.split["val"]
    mine = distributed.shard(np.arange(len(val)))
    logits = distributed.gather_rows(mine, run_model(model, data.pixels, val[mine])["logits"], len(val))
    labels = data.labels[val]
    pred = logits.argmax(1).numpy()
    return {"val_macro_f1": macro_f1(labels, pred, len(CLASSES)), "val_accuracy": float((pred == labels).mean()),
            "val_nll": float(F.cross_entropy(logits, torch.from_numpy(labels)))}


def main(args) -> dict | None:
    """Train ``Recipe.from_args(args)``, keep the best epoch by validation macro-F1, calibrate it on the
    validation split and evaluate it on the test split; ``args`` also says where (output, data, cache,
    device). Under torchrun every process trains and validates its share; rank 0 alone writes, calibrates
    and evaluates, and returns the metrics (the others None)."""
    recipe = Recipe.from_args(args)
    sensitivity_targets = parse_sensitivity_targets(recipe.target_sensitivity)  # a typo fails now, not after training
    device = distributed.setup(args.device)  # under torchrun, only rank 0 prints from here on
    world, main_process = distributed.world_size(), distributed.is_main()
    torch.set_num_threads(args.threads)
    generator = seed_everything(recipe.seed)
    out_dir = Path(args.output)
    if main_process:
        out_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()

    data = distributed.in_turns(lambda: load_data(args.source, args.data, recipe.input_size, args.cache_dir,
                                                  args.workers, recipe.limit, args.not_cxr))
    if recipe.holdout_source:
        held = data.hold_out(recipe.holdout_source)
        print(f"held out of training and validation: {', '.join(recipe.holdout_source)} ({len(held)} films)")
    print(f"films: {len(data.rows)}  train {len(data.split['train'])}  val {len(data.split['val'])}  "
          f"test {len(data.split['test'])}  manifest {data.manifest_sha256[:12]}  (cache ready in {time.time() - started:.0f} s)")

    config = ModelConfig(arch=recipe.arch, input_size=recipe.input_size, dropout=recipe.dropout,
                         frontal_gate=recipe.outlier_exposure)
    net = build_model(config, recipe.imagenet_weights).to(device=device, memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(net.parameters(), lr=recipe.lr, weight_decay=recipe.weight_decay)
    steps_per_epoch = max(data.epoch_films(world) // recipe.batch_size, 1)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=recipe.lr, epochs=recipe.epochs,
                                                    steps_per_epoch=steps_per_epoch, pct_start=0.15)
    amp = distributed.autocast_dtype(device, args.amp)
    scaler = torch.amp.GradScaler(device.type) if amp == torch.float16 else None
    run = {"device": device.type, "world_size": world, "amp": str(amp).removeprefix("torch.") if amp else None}
    print(f"training on {distributed.describe(device, args.threads)}, {world} process{'es' * (world > 1)}, "
          f"{run['amp'] or 'float32'}")
    history, best_f1, start_epoch, stale = [], -1.0, 1, 0
    if args.resume:  # rank 0 reads the file and sends it to the others (another machine may not have it)
        ckpt = distributed.from_rank_0(lambda: load_checkpoint(args.resume)[1])
        history, best_f1, stale, start_epoch = resume_training(ckpt, net, optimizer, scheduler, generator,
                                                               recipe.epochs, steps_per_epoch, world, scaler)
        print(f"resumed from {args.resume} at epoch {start_epoch}")
    model = distributed.wrap(TrainingStep(net), device)

    common = {"manifest_sha256": data.manifest_sha256, "recipe": recipe.to_dict(), "run": run}
    for epoch in range(start_epoch, recipe.epochs + 1):
        t0 = time.time()
        record = {"epoch": epoch,
                  **train_one_epoch(model, data, optimizer, scheduler, recipe, epoch,
                                    distributed.seed_epoch(generator, recipe.seed, epoch),
                                    args.progress and main_process, device, args.workers, amp, scaler)}
        distributed.broadcast_buffers(net)
        record.update(validate(net, data))
        record.update(lr=scheduler.get_last_lr()[0], seconds=round(time.time() - t0, 1))
        history.append(record)
        improved = record["val_macro_f1"] > best_f1
        best_f1, stale = (record["val_macro_f1"], 0) if improved else (best_f1, stale + 1)
        print(json.dumps(record))
        if main_process:
            write_history(history, out_dir)
            state = {**common, "epoch": epoch, "best_val_macro_f1": best_f1, "history": history,
                     "stale_epochs": stale, "optimizer_state": optimizer.state_dict(),
                     "scheduler_state": scheduler.state_dict(), "rng_state": generator.get_state(),
                     **({"scaler_state": scaler.state_dict()} if scaler else {})}
            save_checkpoint(out_dir / "last.pt", net, **state)
            if improved:
                save_checkpoint(out_dir / "best.pt", net, **state)
        if recipe.patience and stale >= recipe.patience:  # the same on every process: validation is gathered
            print(f"early stop: no val macro-F1 gain for {stale} epochs")
            break
    if not main_process:
        distributed.cleanup()
        return None

    model, best = load_checkpoint(out_dir / "best.pt")
    model = model.to(memory_format=torch.channels_last)
    with inference_device(device):  # the fitted statistics stay on the CPU; the forward passes use the GPU
        calibration = calibrate(model, data, recipe.ood_percentile, recipe.seed, sensitivity_targets)
        final = {**common, "epoch": best["epoch"], "best_val_macro_f1": best["best_val_macro_f1"],
                 "history": history, **calibration}
        save_checkpoint(out_dir / "model.pt", model, **final)
        metrics = evaluate_on_test(model, final, data, out_dir, make_plots=not args.no_plots)
    save_checkpoint(out_dir / "model.pt", model, **final, metrics=metrics)
    wall = time.time() - started
    print(f"done in {wall / 60:.1f} min on {distributed.describe(device, args.threads)}"
          f"{f' x {world} processes' if world > 1 else ''}: {out_dir / 'model.pt'}")
    print(summary_line(metrics))
    distributed.cleanup()
    return metrics
