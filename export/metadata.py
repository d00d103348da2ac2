"""The model file's ``metadata_props``: what the app, the model card and an auditor read.

All values are strings (ONNX requires it); lists and dicts are JSON. The contract's keys are in
``desktop.engine.contract.REQUIRED_METADATA``; the extra keys below are for people and tools.
"""

import hashlib
import json
import math
from datetime import datetime, timezone

import torch

from desktop.engine.contract import CLASS_HEAD_METADATA

SEVERITY_DEFINITION = ("fraction of lung fields involved: geographic extent score / 8 (Cohen et al. 2020); "
                       "Brixia global / 18 where that was the source")
HEATMAP_LAYER = "model.features (last convolutional block of the backbone)"
HEATMAP_METHOD = ("Grad-CAM of the top class (Selvaraju et al. 2017) in closed form, forward ops only; "
                  "ReLU, then min-max scaled to 0..1 as pytorch-grad-cam does")
OOD_METHOD = ("Mahalanobis distance of pooled features to the nearest class mean, shared covariance "
              "(Lee et al. 2018), fitted on validation films")


def weights_sha256(model: torch.nn.Module) -> str:
    """A digest of the weights alone (stable across re-exports of the same checkpoint)."""
    digest = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode("utf-8"))
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def default_model_version(model: torch.nn.Module, created: datetime) -> str:
    """e.g. ``2026.11.25-3f2a9c1b``: the export date and the first 8 hex digits of the weights' digest."""
    return f"{created:%Y.%m.%d}-{weights_sha256(model)[:8]}"


def _number(value: float) -> str:
    # repr keeps every digit of a float; "inf" is what float() reads back.
    return "inf" if math.isinf(value) else repr(float(value))


def build_metadata(ckpt: dict, *, temperature: float, ood_threshold: float, calibrated: bool,
                   metrics: dict | None, model_version: str, created: datetime, exporter: str,
                   class_head: dict | None = None) -> dict:
    config = ckpt["config"]
    ood = ckpt.get("ood") or {}
    meta = {
        # The contract's keys.
        "classes": json.dumps(list(config["classes"])),
        "input_size": str(int(config["input_size"])),
        "model_version": model_version,
        "architecture": f"{config['arch']} multi-task (classes + severity)",
        "temperature": _number(temperature),
        "ood_threshold": _number(ood_threshold),
        "severity_definition": SEVERITY_DEFINITION,
        "decision_thresholds": json.dumps(ckpt.get("decision_thresholds") or {}, sort_keys=True),
        "metrics": json.dumps(metrics if metrics is not None else {}, sort_keys=True),
        "training_manifest_sha256": str(ckpt.get("manifest_sha256") or ""),
        "created": created.astimezone(timezone.utc).isoformat(timespec="seconds"),
        # Extras: readers ignore keys they do not know.
        "calibrated": "true" if calibrated else "false",
        "input_preprocessing": ("whole image -> 8-bit grayscale 'L' -> Pillow BILINEAR to SxS -> /255; "
                                "float32 [N, 1, S, S]"),
        "normalization": "per_image",  # the graph standardises each film by its own mean and spread (trainer.model)
        "heatmap_layer": HEATMAP_LAYER,
        "heatmap_method": HEATMAP_METHOD,
        "ood_method": describe_ood(ood, calibrated),
        "ood_percentile": str(ood.get("percentile", "")),
        "checkpoint_epoch": str(ckpt.get("epoch", "")),
        "best_val_macro_f1": str(ckpt.get("best_val_macro_f1", "")),
        "exporter": exporter,
    }
    if class_head is not None:
        meta[CLASS_HEAD_METADATA] = json.dumps(class_head)
    if not calibrated:
        meta["calibration_note"] = ("exported with --allow-uncalibrated: temperature 1, no OOD statistics; "
                                    "probabilities are not calibrated and nothing is rejected as not a chest X-ray")
    return meta


def class_head_of(model: torch.nn.Module) -> dict:
    """The class head's weights exactly as in the graph: float32 values, which JSON carries exactly."""
    return {"weight": model.classifier.weight.detach().cpu().float().tolist(),
            "bias": model.classifier.bias.detach().cpu().float().tolist()}


def describe_ood(ood: dict, calibrated: bool) -> str:
    if not calibrated:
        return "not fitted (uncalibrated export): never rejects"
    text = OOD_METHOD
    if "distance_scale" in ood:
        text += "; divided by its own threshold distance, so 1 is the threshold"
    if "gate_weight" in ood:
        reads = "the same features and their spread over the feature map" \
            if ood.get("gate_features") == "mean+std" else "the same features"
        text += (f"; combined by the maximum with a frontal-film gate (logistic regression on {reads}, "
                 "fitted against pictures that are not frontal chest films)")
    return text


def read_metrics_file(path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)
