"""The checkpoint file: everything the export needs, and everything ``--resume`` needs.

A checkpoint is a ``torch.save`` dict:

    format               "cxr-triage-checkpoint/1"
    config               ModelConfig.to_dict(): arch, classes, input_size, normalization, dropout
    model_state          state_dict of CXRTriageNet
    epoch                last finished epoch (1-based)
    best_val_macro_f1    early-stopping score of this checkpoint
    manifest_sha256      sha256 of the sorted manifest rows used (trainer.splits.manifest_sha256)
    temperature          float or None: softmax(logits / T), fitted on the validation split
    ood                  None or {"means": [C, K], "precision": [K, K], "threshold": float,
                         "percentile": float}: Mahalanobis distance on pooled features
                         (trainer.ood), threshold at a percentile of validation films
    decision_thresholds  dict of operating points (JSON-able) or {}
    metrics              test-split metrics (metrics.json) or None
    optimizer_state, scheduler_state, history, args, seed   (for --resume; optional)
"""

from pathlib import Path

import torch

from trainer.model import CXRTriageNet, ModelConfig

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
    """-> (model in eval mode, the checkpoint dict)."""
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(ckpt, dict) or ckpt.get("format") != FORMAT:
        raise ValueError(f"{path} is not a CXR Triage checkpoint ({FORMAT}).")
    model = CXRTriageNet(ModelConfig.from_dict(ckpt["config"]))
    model.load_state_dict(ckpt["model_state"])
    model.eval()
    return model, ckpt
