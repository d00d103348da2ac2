"""The checkpoint file: everything the export needs, and everything ``--resume`` needs.

A checkpoint is a ``torch.save`` dict:

    format               "cxr-triage-checkpoint/1"
    config               ModelConfig.to_dict(): arch, classes, input_size, dropout, frontal_gate
    model_state          state_dict of CXRTriageNet
    recipe               Recipe.to_dict(): every training choice (trainer.recipe); older files hold the
                         command line as ``args`` instead
    epoch                last finished epoch (1-based)
    best_val_macro_f1    early-stopping score of this checkpoint
    manifest_sha256      sha256 of the sorted manifest rows used (trainer.splits.manifest_sha256)
    temperature          float or None: softmax(logits / T), fitted on the validation split
    ood                  None or the OOD statistics of trainer.ood (fitted on the validation split):
                         "means" [C, K], "precision" [K, K], "distance_scale", "percentile", "threshold"
                         (1.0), and the frontal-CXR gate: "gate_weight" [K], "gate_bias", "gate_scale",
                         optionally "gate_features" (trainer.ood.gate_input; "mean+std": "gate_weight" [2K])
    decision_thresholds  operating points {class: {"threshold": t, ...}} (JSON-able) or {}
    metrics              test-split metrics (metrics.json) or None
    gate_refit           how ``cxr-train calibrate --refit-gate`` fitted the gate (optional):
                         {"real_weight", "weight_decay", "gate_features", "seed", "cross_validated_refusal":
                         {"folds": k, "refused": {kind: [refused, of]}} or None}
    run                  where it was trained: {"device": "cpu"/"cuda", "world_size": processes,
                         "amp": None/"bfloat16"/"float16"} (optional; absent: one CPU process)
    optimizer_state, scheduler_state, history, stale_epochs, rng_state, scaler_state
                         (for --resume; optional)
"""

from pathlib import Path

import torch

from trainer.model import CXRTriageNet, ModelConfig
from trainer.recipe import refuse_removed_levers

FORMAT = "cxr-triage-checkpoint/1"


def save_checkpoint(path, model: CXRTriageNet, **fields) -> None:
    """Write atomically (temp file + rename) so a killed run never leaves half a checkpoint."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "config": model.config.to_dict(), "model_state": model.state_dict(), **fields}
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(payload, tmp)
    tmp.replace(path)


def load_checkpoint(path) -> tuple[CXRTriageNet, dict]:
    """-> (model in eval mode, the checkpoint dict). A checkpoint trained with a lever the trainer no
    longer has is refused (``recipe.RemovedLeverError``, a sentence naming the commit that has it)."""
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(ckpt, dict) or ckpt.get("format") != FORMAT:
        raise ValueError(f"{path} is not a CXR Triage checkpoint ({FORMAT}).")
    refuse_removed_levers(ckpt, path)
    model = CXRTriageNet(ModelConfig.from_dict(ckpt["config"]))
    model.load_state_dict(ckpt["model_state"])
    model.eval()
    return model, ckpt


def resume_training(ckpt: dict, model, optimizer, scheduler, generator, epochs: int, steps_per_epoch: int,
                    world_size: int = 1, scaler=None) -> tuple[list, float, int, int]:
    """Continue the run of ``ckpt`` (its last.pt, as ``load_checkpoint`` read it): weights, optimiser,
    schedule, the generator that draws the films (one process) and the float16 loss scale -> (history,
    best val macro-F1, stale epochs, next epoch). ``epochs`` may exceed the run's own (the schedule is
    stretched to it); a different number of processes continues the schedule where the finished epochs
    left it."""
    model.load_state_dict(ckpt["model_state"])
    optimizer.load_state_dict(ckpt["optimizer_state"])
    scheduler.load_state_dict(ckpt["scheduler_state"])
    scheduler.total_steps = epochs * steps_per_epoch
    if (ckpt.get("run") or {}).get("world_size", 1) != world_size:  # the steps of an epoch changed
        scheduler.last_epoch = ckpt["epoch"] * steps_per_epoch
    if "rng_state" in ckpt:
        generator.set_state(ckpt["rng_state"])
    if scaler is not None and "scaler_state" in ckpt:
        scaler.load_state_dict(ckpt["scaler_state"])
    return ckpt["history"], ckpt["best_val_macro_f1"], ckpt.get("stale_epochs", 0), ckpt["epoch"] + 1
