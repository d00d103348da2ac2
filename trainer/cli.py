"""``cxr-train``: train (default), evaluate a checkpoint, or time one epoch.

    cxr-train [train] [--epochs 30 ...]       train, calibrate, evaluate; writes OUTPUT/model.pt
    cxr-train evaluate CHECKPOINT             test-split metrics.json and plots
    cxr-train calibrate CHECKPOINT -o OUT.pt  refit temperature, operating points, OOD statistics (val split)
    cxr-train kermany-shift CHECKPOINT        Kermany val vs test: recall by provenance, sharpness, file shape
    cxr-train model-card RUN_DIR              MODEL_CARD.md (bootstrap intervals) + plots into assets/models
    cxr-train bench-epoch                     seconds for one training epoch over the cached films
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from trainer import SAMPLING_SCHEMES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("CXR_DATA", REPO.parent / "shared" / "data" / "cxr"))


def add_data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=str(DEFAULT_DATA), help="shared corpus folder (manifest-*.csv + images/)")
    p.add_argument("--source", action="append", default=None,
                   help="data source, repeatable: shared[:DIR] (default), folder:DIR, kaggle:OWNER/NAME")
    p.add_argument("--cache-dir", default=str(REPO / ".cache"), help="where the decoded-film cache lives")
    p.add_argument("--workers", type=int, default=2, help="processes that decode films for the cache")
    p.add_argument("--threads", type=int, default=max(1, min(os.cpu_count() or 1, 16)), help="torch CPU threads")
    p.add_argument("--limit", type=int, default=0, help="smoke runs: at most this many films per split, class and source")


def get_args_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train, calibrate on val, evaluate on test")
    add_data_args(t)
    t.add_argument("--output", default="runs/latest", help="folder for checkpoints, history, metrics, plots")
    t.add_argument("--arch", default="mobilenet_v3_small", choices=["mobilenet_v3_small", "mobilenet_v3_large"])
    t.add_argument("--input-size", type=int, default=224)
    t.add_argument("--normalization", default="per_image", choices=["per_image", "equalize", "fixed"])
    t.add_argument("--border-mask", type=float, default=0.0,
                   help="share of each edge hidden from the network (burned-in text, markers); 0 = none")
    t.add_argument("--imagenet-weights", default=None, help="local torchvision MobileNetV3 state-dict (never downloaded)")
    t.add_argument("--epochs", type=int, default=20)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--lr", type=float, default=3e-3, help="peak learning rate of the one-cycle schedule")
    t.add_argument("--weight-decay", type=float, default=0.05)
    t.add_argument("--dropout", type=float, default=0.2)
    t.add_argument("--label-smoothing", type=float, default=0.05)
    t.add_argument("--severity-weight", type=float, default=4.0)
    t.add_argument("--augment", type=float, default=1.75,
                   help="augmentation strength (0 = none; 1 = rotation ±10°, scale and gamma/contrast ranges of augment.py)")
    t.add_argument("--source-weight", action="append", default=None, metavar="SOURCE[:LABEL]=W",
                   help="scale a source's share within its class, repeatable (e.g. nih14:pneumonia=0.3)")
    t.add_argument("--texture-augment", action=argparse.BooleanOptionalAction, default=True,
                   help="random blur and sharpening instead of the 3x3 box blur (film sharpness is not a finding)")
    t.add_argument("--sharpness-match", action=argparse.BooleanOptionalAction, default=False,
                   help="give every film a random sharpness independent of its class (sharpness alone "
                        "separates Kermany's classes)")
    t.add_argument("--field-augment", type=float, default=0.0, metavar="A",
                   help="add a smooth random brightness field of up to A x --augment (0..1 units) to every film; 0 = none")
    t.add_argument("--aspect-augment", type=float, default=0.0, metavar="A",
                   help="stretch width against height by up to exp(+-A x --augment) in the affine; 0 = none")
    t.add_argument("--marker-augment", type=float, default=0.0, metavar="P",
                   help="share of films that get burned-in side markers and text stamped on (0 = none)")
    t.add_argument("--mixup", type=float, default=0.0, help="mixup Beta(a, a) parameter (0 = off)")
    t.add_argument("--sampling", default="class_sqrt_source", choices=list(SAMPLING_SCHEMES),
                   help="how films are drawn: classes alike, sources within a class by size**(1/2, 1 or 0)")
    t.add_argument("--outlier-exposure", action=argparse.BooleanOptionalAction, default=True,
                   help="train a not-a-frontal-CXR head on generated non-films (rotated, inverted, synthetic)")
    t.add_argument("--gate-weight", type=float, default=0.5, help="weight of the outlier-exposure loss")
    t.add_argument("--patience", type=int, default=0, help="early stop after N epochs without val macro-F1 gain (0 = off)")
    t.add_argument("--ood-percentile", type=float, default=99.5, help="OOD threshold: percentile of validation films")
    t.add_argument("--target-sensitivity", action="append", metavar="CLASS=S",
                   help="operating point: call CLASS from the highest threshold at which S of its validation "
                        "films are called (e.g. covid19=0.9); repeatable; default: the arg-max")
    t.add_argument("--holdout-source", action="append", default=None, metavar="SOURCE",
                   help="leave-one-source-out: train and validate without this source (repeatable); "
                        "all its films are scored afterwards (metrics.json: held_out)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--resume", default=None, help="checkpoint (e.g. OUTPUT/last.pt) to continue from")
    t.add_argument("--no-plots", action="store_true")
    t.add_argument("--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty())

    e = sub.add_parser("evaluate", help="test-split metrics and plots of a checkpoint")
    e.add_argument("checkpoint")
    add_data_args(e)
    e.add_argument("--output", default=None, help="folder for metrics.json and plots (default: next to checkpoint)")
    e.add_argument("--no-plots", action="store_true")

    c = sub.add_parser("calibrate", help="refit temperature and OOD statistics of a checkpoint, then evaluate")
    c.add_argument("checkpoint")
    c.add_argument("-o", "--output", required=True, help="new checkpoint file")
    c.add_argument("--ood-percentile", type=float, default=99.5)
    c.add_argument("--target-sensitivity", action="append", metavar="CLASS=S",
                   help="operating point fitted on validation films (default: the checkpoint's training flag)")
    c.add_argument("--argmax", action="store_true",
                   help="no operating point: call the most probable class, whatever the checkpoint was "
                        "trained with (the same file as training without --target-sensitivity)")
    c.add_argument("--seed", type=int, default=0)
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

    b = sub.add_parser("bench-epoch", help="time one training epoch over the cached films")
    add_data_args(b)
    b.add_argument("--input-size", type=int, default=224)
    b.add_argument("--batch-size", type=int, default=64)
    b.add_argument("--outlier-exposure", action=argparse.BooleanOptionalAction, default=True,
                   help="time the default recipe (with the not-a-film head and its extra pictures)")
    return parser


def load_checkpoint_and_data(args):
    """(model, checkpoint, Dataset at the model's input size) for the commands that read a checkpoint."""
    import torch

    from trainer.checkpoint import load_checkpoint
    from trainer.sources import load_sources
    from trainer.train import Dataset, _limit_rows

    torch.set_num_threads(args.threads)
    model, ckpt = load_checkpoint(args.checkpoint)
    rows = load_sources(args.source, args.data)
    if args.limit:
        rows = _limit_rows(rows, args.limit)
    return model, ckpt, Dataset(rows, model.config.input_size, args.cache_dir, args.workers)


def evaluate_command(args) -> None:
    from trainer.train import evaluate_on_test, summary_line

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
    from trainer.calibration import parse_sensitivity_targets
    from trainer.checkpoint import save_checkpoint
    from trainer.train import calibrate, evaluate_on_test, summary_line

    if args.argmax and args.target_sensitivity:
        raise SystemExit("cxr-train calibrate: --argmax and --target-sensitivity exclude each other")
    model, ckpt, data = load_checkpoint_and_data(args)  # honours --limit, so smoke runs stay small
    data.hold_out((ckpt.get("args") or {}).get("holdout_source"))  # a held-out source stays unseen
    targets = None if args.argmax else (args.target_sensitivity or (ckpt.get("args") or {}).get("target_sensitivity"))
    ckpt.update(calibrate(model, data, args.ood_percentile, args.seed, parse_sensitivity_targets(targets)))
    # The new file is what training with this decision rule writes (the flag does not touch the weights),
    # so its recorded arguments say so, and a later calibrate without flags keeps the rule.
    ckpt["args"] = {**(ckpt.get("args") or {}), "target_sensitivity": targets or None}
    fields = {k: v for k, v in ckpt.items() if k not in {"format", "config", "model_state"}}
    out = Path(args.output)
    save_checkpoint(out, model, **fields)
    metrics = evaluate_on_test(model, ckpt, data, out.parent)
    save_checkpoint(out, model, **{**fields, "metrics": metrics})
    print(summary_line(metrics))


def bench_epoch_command(args) -> None:
    import torch

    from trainer.model import ModelConfig, build_model
    from trainer.sources import load_sources
    from trainer.train import Dataset, train_one_epoch

    torch.set_num_threads(args.threads)
    t0 = time.time()
    data = Dataset(load_sources(args.source, args.data), args.input_size, args.cache_dir, args.workers)
    print(f"film cache ready in {time.time() - t0:.1f} s ({args.cache_dir})")
    config = ModelConfig(input_size=args.input_size, frontal_gate=args.outlier_exposure)
    model = build_model(config).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    # The training recipe's own defaults (augmentation, texture jitter, loss weights), so the figure is
    # that of the README's training command.
    ns = get_args_parser().parse_args(["train", "--batch-size", str(args.batch_size), "--no-progress"])
    t0 = time.time()
    train_one_epoch(model, data, optimizer, scheduler, ns, 1, torch.Generator().manual_seed(0))
    seconds = time.time() - t0
    extra = " + outlier exposure" if args.outlier_exposure else ""
    extra += f", augment {ns.augment}" + (" + texture jitter" if ns.texture_augment else "")
    print(f"one epoch over {len(data.split['train'])} training films at {args.input_size}px{extra}, "
          f"{args.threads} threads: {seconds:.1f} s ({seconds / 60:.2f} min)")


def main(argv=None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in {"train", "evaluate", "calibrate", "kermany-shift", "model-card", "bench-epoch", "-h", "--help"}:
        argv.insert(0, "train")
    args = get_args_parser().parse_args(argv)
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
