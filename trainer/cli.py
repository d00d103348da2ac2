"""``cxr-train``: train (default), evaluate a checkpoint, or time one epoch.

    cxr-train [train] [--seed 0 --output DIR]  train, calibrate, evaluate; writes DIR/model.pt
    cxr-train evaluate CHECKPOINT              test-split metrics.json and plots
    cxr-train calibrate CHECKPOINT -o OUT.pt   refit temperature, operating points, OOD statistics (val split)
    cxr-train kermany-shift CHECKPOINT         Kermany val vs test: recall by provenance, sharpness, file shape
    cxr-train model-card RUN_DIR               MODEL_CARD.md (bootstrap intervals) + plots into assets/models
    cxr-train bench-epoch                      seconds for one epoch of the shipped recipe over the cached films

The training flags default to the shipped model's recipe (trainer/recipe.py): ``cxr-train --seed 0
--output DIR`` trains it again.
"""

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

from trainer.recipe import GATE_FEATURES, Recipe, RemovedLeverError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("CXR_DATA", REPO.parent / "shared" / "data" / "cxr"))
SHIPPED = Recipe()  # the default of every training flag


def add_data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=str(DEFAULT_DATA), help="shared corpus folder (manifest-*.csv + images/)")
    p.add_argument("--not-cxr", default=str(DEFAULT_DATA.parent / "not-cxr"),
                   help="real pictures that are not frontal chest films (manifest.csv: lateral films, CT slices): "
                        "the training part for outlier exposure, the test part for the OOD audit")
    p.add_argument("--source", action="append", default=None,
                   help="data source, repeatable: shared[:DIR], folder:DIR, kaggle:OWNER/NAME; none: the shared corpus")
    p.add_argument("--cache-dir", default=str(REPO / ".cache"), help="where the decoded-film cache lives")
    p.add_argument("--workers", type=int, default=2,
                   help="processes that decode films for the cache; training on a GPU, also the DataLoader "
                        "workers that draw and augment each process's batches")
    # torchrun's processes on one machine share its cores (LOCAL_WORLD_SIZE: processes on this machine).
    p.add_argument("--threads", type=int, help="torch CPU threads (of each process under torchrun)",
                   default=max(1, min(os.cpu_count() or 1, 16) // int(os.environ.get("LOCAL_WORLD_SIZE", 1))))
    p.add_argument("--limit", type=int, default=SHIPPED.limit,
                   help="smoke runs: at most this many films per split, class and source (0 = all)")


def add_recipe_args(t: argparse.ArgumentParser) -> None:
    """The flags of every ``Recipe`` field (but --limit, a data flag); the defaults are the shipped recipe."""
    net = t.add_argument_group("network")
    net.add_argument("--arch", default=SHIPPED.arch, choices=["mobilenet_v3_small", "mobilenet_v3_large"],
                     help="backbone (torchvision), first convolution on one grey channel")
    net.add_argument("--input-size", type=int, default=SHIPPED.input_size,
                     help="side S of the S x S film the network sees (the contract's preprocessing)")
    net.add_argument("--imagenet-weights", default=SHIPPED.imagenet_weights,
                     help="local torchvision MobileNetV3 state-dict (never downloaded); none: from scratch")
    net.add_argument("--dropout", type=float, default=SHIPPED.dropout, help="before the class and severity heads")
    net.add_argument("--outlier-exposure", action=argparse.BooleanOptionalAction, default=SHIPPED.outlier_exposure,
                     help="train a not-a-frontal-CXR head on generated non-films (rotated, inverted, synthetic)")
    net.add_argument("--real-negatives", action=argparse.BooleanOptionalAction, default=SHIPPED.real_negatives,
                     help="outlier exposure also shows the training part of --not-cxr (lateral films, CT slices)")

    opt = t.add_argument_group("optimisation (one-cycle AdamW)")
    opt.add_argument("--epochs", type=int, default=SHIPPED.epochs, help="the best by val macro-F1 is kept")
    opt.add_argument("--batch-size", type=int, default=SHIPPED.batch_size,
                     help="films per step (plus a quarter as many non-films with outlier exposure)")
    opt.add_argument("--lr", type=float, default=SHIPPED.lr, help="peak learning rate of the one-cycle schedule")
    opt.add_argument("--weight-decay", type=float, default=SHIPPED.weight_decay, help="AdamW's decoupled weight decay")
    opt.add_argument("--label-smoothing", type=float, default=SHIPPED.label_smoothing,
                     help="of the class cross-entropy")
    opt.add_argument("--severity-weight", type=float, default=SHIPPED.severity_weight,
                     help="weight of the severity loss (radiologist-scored films and normal films only)")
    opt.add_argument("--gate-weight", type=float, default=SHIPPED.gate_weight,
                     help="weight of the outlier-exposure loss")
    opt.add_argument("--patience", type=int, default=SHIPPED.patience,
                     help="early stop after N epochs without val macro-F1 gain (0 = off)")
    opt.add_argument("--seed", type=int, default=SHIPPED.seed, help="weights, film order and augmentation")

    aug = t.add_argument_group("augmentation (trainer/augment.py; no horizontal flip)")
    aug.add_argument("--augment", type=float, default=SHIPPED.augment,
                     help="strength of the affine, intensity, texture and noise ranges: 1 = rotation ±10°, "
                          "scale ±10 %%, shift ±6 %%, gamma 0.7-1.4, contrast ±25 %%, brightness ±0.1, blur "
                          "sigma up to 1.5 px on half the films and unsharp masking on a quarter; 0 = none")
    aug.add_argument("--aspect-augment", type=float, default=SHIPPED.aspect_augment, metavar="A",
                     help="stretch width against height by up to exp(±A), whatever --augment (a film's "
                          "proportions must not tell its class); 0 = none")

    cal = t.add_argument_group("fitted on the validation split after training")
    cal.add_argument("--ood-percentile", type=float, default=SHIPPED.ood_percentile,
                     help="OOD threshold: percentile of validation films")
    cal.add_argument("--target-sensitivity", action="append", metavar="CLASS=S",
                     help="operating point: call CLASS from the highest threshold at which S of its validation "
                          "films are called (e.g. covid19=0.9); repeatable; none: the arg-max")

    films = t.add_argument_group("films")
    films.add_argument("--holdout-source", action="append", default=None, metavar="SOURCE",
                       help="leave-one-source-out: train and validate without this source (repeatable); "
                            "all its films are scored afterwards (metrics.json: held_out)")


def get_args_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train, calibrate on val, evaluate on test (defaults: the shipped recipe)",
                       formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_data_args(t)
    t.add_argument("--output", default="runs/latest", help="folder for checkpoints, history, metrics, plots")
    t.add_argument("--resume", default=None, help="checkpoint (e.g. OUTPUT/last.pt) to continue from")
    t.add_argument("--no-plots", action="store_true", help="no PNG plots next to metrics.json")
    t.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"],
                   help="auto: CUDA where PyTorch sees a GPU (under torchrun, each process the GPU of its "
                        "LOCAL_RANK), else the CPU")
    t.add_argument("--amp", action=argparse.BooleanOptionalAction, default=True,
                   help="mixed precision on CUDA: bfloat16 where the GPU has it, else float16 with loss "
                        "scaling; the CPU always trains in float32")
    t.add_argument("--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty(),
                   help="a progress bar per epoch")
    add_recipe_args(t)

    e = sub.add_parser("evaluate", help="test-split metrics and plots of a checkpoint")
    e.add_argument("checkpoint")
    add_data_args(e)
    e.add_argument("--output", default=None, help="folder for metrics.json and plots (default: next to checkpoint)")
    e.add_argument("--no-plots", action="store_true")

    c = sub.add_parser("calibrate", help="refit temperature and OOD statistics of a checkpoint, then evaluate")
    c.add_argument("checkpoint")
    c.add_argument("-o", "--output", required=True, help="new checkpoint file")
    c.add_argument("--ood-percentile", type=float, default=None,
                   help=f"OOD threshold: percentile of validation films (default: the checkpoint's recipe, "
                        f"else {SHIPPED.ood_percentile})")
    c.add_argument("--target-sensitivity", action="append", metavar="CLASS=S",
                   help="operating point fitted on validation films (default: the checkpoint's recipe)")
    c.add_argument("--argmax", action="store_true",
                   help="no operating point: call the most probable class, whatever the checkpoint was "
                        "trained with (the same file as training without --target-sensitivity)")
    c.add_argument("--seed", type=int, default=0, help="for the frontal-CXR gate of a model trained without one")
    c.add_argument("--refit-gate", action="store_true",
                   help="refit the frontal-CXR gate on the frozen features even for a model trained with its own "
                        "(outlier exposure), against generated non-films and the training part of --not-cxr; the "
                        "class head, temperature and thresholds are unchanged")
    c.add_argument("--real-negative-weight", type=int, default=10,
                   help="with --refit-gate: times each real non-frontal picture counts (default: 10)")
    c.add_argument("--gate-weight-decay", type=float, default=1e-3,
                   help="with --refit-gate: L2 penalty of the gate's logistic regression (default: 0.001)")
    c.add_argument("--gate-features", choices=GATE_FEATURES, default=None,
                   help="with --refit-gate: what the gate reads of the last feature map: the channel means (the "
                        "class head's pooled features), or the means and standard deviations (default: mean)")
    add_data_args(c)

    ks = sub.add_parser("kermany-shift", help="Kermany validation vs official test normals: recall by file "
                                              "provenance, film sharpness")
    ks.add_argument("checkpoint")
    ks.add_argument("--output", default=None, help="JSON report (default: kermany_shift.json next to the checkpoint)")
    add_data_args(ks)

    mc = sub.add_parser("model-card", help="write MODEL_CARD.md and its plots from a run's metrics")
    mc.add_argument("run_dir")
    mc.add_argument("-o", "--output", default=str(REPO / "assets" / "models"))
    mc.add_argument("--bootstrap", type=int, default=1000)
    mc.add_argument("--compare", nargs="*", default=None, metavar="RUN_DIR",
                    help="runs for the card's lever table (default: this run only)")
    mc.add_argument("--loso", nargs="*", default=None, metavar="RUN_DIR",
                    help="leave-one-source-out runs (trained with --holdout-source) for the card's table")
    mc.add_argument("--loso-reference", nargs="*", default=None, metavar="RUN_DIR",
                    help="runs trained on every source; each leave-one-source-out run is compared with "
                         "the one of the same recipe")

    b = sub.add_parser("bench-epoch", help="time one training epoch of the shipped recipe over the cached films",
                       formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_data_args(b)
    b.add_argument("--input-size", type=int, default=SHIPPED.input_size, help="as train's --input-size")
    b.add_argument("--batch-size", type=int, default=SHIPPED.batch_size, help="as train's --batch-size")
    b.add_argument("--outlier-exposure", action=argparse.BooleanOptionalAction, default=SHIPPED.outlier_exposure,
                   help="with the not-a-film head and its extra pictures (the shipped recipe has them)")
    return parser


def load_checkpoint_and_data(args):
    """(model, checkpoint, Dataset at the model's input size) for the commands that read a checkpoint."""
    import torch

    from trainer.checkpoint import load_checkpoint
    from trainer.data import load_data

    torch.set_num_threads(args.threads)
    model, ckpt = load_checkpoint(args.checkpoint)
    data = load_data(args.source, args.data, model.config.input_size, args.cache_dir, args.workers, args.limit,
                     args.not_cxr)
    return model, ckpt, data


def evaluate_command(args) -> None:
    from trainer.report import evaluate_on_test, summary_line

    model, ckpt, data = load_checkpoint_and_data(args)
    out = Path(args.output) if args.output else Path(args.checkpoint).parent
    metrics = evaluate_on_test(model, ckpt, data, out, make_plots=not args.no_plots)
    print(summary_line(metrics))
    print(f"metrics and plots in {out}")


def kermany_shift_command(args) -> None:
    from trainer.shift import format_report, kermany_shift_report, read_original_aspects, read_provenance

    model, _, data = load_checkpoint_and_data(args)
    provenance_csv = Path(args.data) / "provenance-kermany.csv"
    report = kermany_shift_report(model, data, read_provenance(provenance_csv),
                                  aspects=read_original_aspects(provenance_csv))
    out = Path(args.output) if args.output else Path(args.checkpoint).parent / "kermany_shift.json"
    out.write_text(json.dumps(report, indent=2))
    print(format_report(report))
    print(f"written to {out}")


def calibrate_command(args) -> None:
    from trainer.calibration import calibrate, parse_sensitivity_targets
    from trainer.checkpoint import save_checkpoint
    from trainer.recipe import recipe_of
    from trainer.report import evaluate_on_test, summary_line

    if args.argmax and args.target_sensitivity:
        raise SystemExit("cxr-train calibrate: --argmax and --target-sensitivity exclude each other")
    if args.gate_features and not args.refit_gate:
        raise SystemExit("cxr-train calibrate: --gate-features chooses what a refitted gate reads; add --refit-gate")
    model, ckpt, data = load_checkpoint_and_data(args)  # honours --limit, so smoke runs stay small
    recipe = recipe_of(ckpt)  # None: a checkpoint that records no recipe (e.g. a test model)
    data.hold_out(recipe.holdout_source if recipe else None)  # a held-out source stays unseen
    targets = args.target_sensitivity or (recipe.target_sensitivity if recipe else None)
    targets = None if args.argmax else targets
    percentile = args.ood_percentile
    if percentile is None:
        percentile = recipe.ood_percentile if recipe else SHIPPED.ood_percentile
    refit = {"real_weight": args.real_negative_weight, "weight_decay": args.gate_weight_decay,
             "gate_features": args.gate_features or "mean"} if args.refit_gate else None
    fitted = calibrate(model, data, percentile, args.seed, parse_sensitivity_targets(targets), refit)
    cross_validated = fitted.pop("gate_cross_validation", None)
    ckpt.update(fitted)
    ckpt.pop("gate_refit", None)   # a record of an earlier refit no longer describes this gate
    if refit:      # recorded: the checkpoint's gate is no longer the network's own head
        ckpt["gate_refit"] = {**refit, "seed": args.seed, "cross_validated_refusal": cross_validated}
    if cross_validated:
        print(f"frontal gate, real pictures it was not fitted on ({cross_validated['folds']}-fold, by patient, "
              "training + validation parts): " + ", ".join(f"{kind.replace('_', ' ')} refused {n} of {of}"
                                                           for kind, (n, of) in cross_validated["refused"].items()))
    # The new file is what training with this decision rule writes (the flag does not touch the weights),
    # so its recipe says so, and a later calibrate without flags keeps the rule.
    if recipe:
        ckpt["recipe"] = dataclasses.replace(recipe, target_sensitivity=targets or None,
                                             ood_percentile=percentile).to_dict()
        ckpt.pop("args", None)
    fields = {k: v for k, v in ckpt.items() if k not in {"format", "config", "model_state"}}
    out = Path(args.output)
    save_checkpoint(out, model, **fields)
    metrics = evaluate_on_test(model, ckpt, data, out.parent)
    save_checkpoint(out, model, **{**fields, "metrics": metrics})
    print(summary_line(metrics))


def bench_epoch_command(args) -> None:
    import torch

    from trainer.data import load_data
    from trainer.model import ModelConfig, build_model
    from trainer.train import train_one_epoch

    # The shipped recipe (augmentation, aspect stretch, texture jitter, loss weights), so the figure is
    # that of the README's training command; a constant learning rate costs the same as the schedule.
    recipe = dataclasses.replace(SHIPPED, input_size=args.input_size, batch_size=args.batch_size,
                                 outlier_exposure=args.outlier_exposure)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    data = load_data(args.source, args.data, recipe.input_size, args.cache_dir, args.workers, args.limit,
                     args.not_cxr)
    print(f"film cache ready in {time.time() - t0:.1f} s ({args.cache_dir})")
    config = ModelConfig(arch=recipe.arch, input_size=recipe.input_size, dropout=recipe.dropout,
                         frontal_gate=recipe.outlier_exposure)
    model = build_model(config).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.lr, weight_decay=recipe.weight_decay)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    t0 = time.time()
    train_one_epoch(model, data, optimizer, scheduler, recipe, 1, torch.Generator().manual_seed(recipe.seed))
    seconds = time.time() - t0
    gate = " + outlier exposure" if recipe.outlier_exposure else ""
    print(f"one epoch over {len(data.split['train'])} training films at {recipe.input_size}px{gate}, augment "
          f"{recipe.augment} + aspect {recipe.aspect_augment} + texture jitter, {args.threads} threads: "
          f"{seconds:.1f} s ({seconds / 60:.2f} min)")


def main(argv=None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in {"train", "evaluate", "calibrate", "kermany-shift", "model-card", "bench-epoch", "-h", "--help"}:
        argv.insert(0, "train")
    args = get_args_parser().parse_args(argv)
    try:
        run_command(args)
    except RemovedLeverError as exc:  # a sentence, not a traceback
        raise SystemExit(f"cxr-train {args.command}: {exc}") from None


def run_command(args) -> None:
    if args.command == "train":
        from trainer.train import main as train_main

        train_main(args)
    elif args.command == "evaluate":
        evaluate_command(args)
    elif args.command == "calibrate":
        calibrate_command(args)
    elif args.command == "kermany-shift":
        kermany_shift_command(args)
    elif args.command == "model-card":
        from trainer.model_card import write_model_card

        template = (Path(__file__).parent / "model_card_template.md").read_text()
        print(write_model_card(args.run_dir, args.output, template, args.bootstrap, args.compare,
                               args.loso, args.loso_reference))
    else:
        bench_epoch_command(args)


if __name__ == "__main__":
    main()
