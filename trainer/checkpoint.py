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
                         (1.0), and the frontal-CXR gate: "gate_weight" [K], "gate_bias", "gate_scale"
    decision_thresholds  operating points {class: {"threshold": t, ...}} (JSON-able) or {}
    metrics              test-split metrics (metrics.json) or None
    optimizer_state, scheduler_state, history, stale_epochs, rng_state   (for --resume; optional)
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
