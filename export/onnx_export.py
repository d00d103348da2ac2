"""Checkpoint -> ONNX model file of the contract (``../shared/docs/architecture.md``).

    export_checkpoint(ckpt) = load -> calibration check -> TriageGraph -> torch.onnx.export
                              -> onnxscript optimizer -> metadata -> onnx.checker
                              -> onnxruntime check (batch 1 and 5 against PyTorch) -> atomic write + .sha256

The legacy TorchScript exporter (``dynamo=False``) is used when torch still has it: it exports this
model in well under a second, and after the onnxscript optimizer its graph is as small as the dynamo
exporter's (same op counts, same onnxruntime speed). The dynamo exporter (several seconds) is the
fallback and can be asked for.
"""

import io
import json
import math
import os
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import onnx
import torch

from desktop.engine.integrity import sha256_file, write_checksum
from desktop.engine.contract import (CLASS_HEAD_METADATA, CLASS_HEAD_TOLERANCE, EMBEDDING_OUTPUT, INPUT_NAME,
                                     OUTPUT_NAMES, class_head_probabilities)
from export.graph import TriageGraph
from export.metadata import build_metadata, class_head_of, default_model_version, read_metrics_file
from trainer.checkpoint import load_checkpoint
from trainer.recipe import GATE_FEATURES

OPSET = 18
# Parity the export itself insists on (random inputs); the tests check real chest X-rays too.
PARITY_TOLERANCE = 1e-4
# The contract's outputs and the optional embedding, which every export carries.
EXPORTED_OUTPUTS = (*OUTPUT_NAMES, EMBEDDING_OUTPUT)


class ExportError(Exception):
    """The checkpoint cannot become a contract model; the message says why and what to do."""


@dataclass
class ExportReport:
    path: Path
    sha256: str
    metadata: dict
    exporter: str
    parity: dict = field(default_factory=dict)   # output -> max diff ONNX vs PyTorch (ood_score: relative)


# --- calibration -----------------------------------------------------------------------------------

def calibration_from_checkpoint(model, ckpt: dict, allow_uncalibrated: bool):
    """-> (temperature, OOD statistics dict for TriageGraph, threshold, calibrated)."""
    temperature, ood = ckpt.get("temperature"), ckpt.get("ood")
    missing = [name for name, value in (("temperature", temperature), ("OOD statistics", ood)) if not value]
    num_classes, dim = len(model.config.classes), model.feature_dim
    if missing:
        if not allow_uncalibrated:
            raise ExportError(
                f"The checkpoint has no {' and no '.join(missing)}: its probabilities would be uncalibrated and "
                "the app could not refuse images that are not chest X-rays. Calibrate it first "
                "(cxr-train calibrate CHECKPOINT -o OUT.pt fits both on the validation split), or pass "
                "--allow-uncalibrated for a test model (temperature 1, nothing rejected).")
        # Identity statistics with an infinite threshold: a score is still computed, never used.
        identity = {"means": torch.zeros(num_classes, dim), "precision": torch.eye(dim)}
        return 1.0, identity, math.inf, False

    temperature = float(temperature)
    if not (math.isfinite(temperature) and temperature > 0):
        raise ExportError(f"The checkpoint's temperature {temperature!r} is not a positive number.")
    if ood.get("gate_features", "mean") not in GATE_FEATURES:
        raise ExportError(f"The checkpoint's frontal gate reads {ood['gate_features']!r}, which this export does not "
                          f"know (one of {', '.join(GATE_FEATURES)}); calibrate the checkpoint again.")
    gate_dim = 2 * dim if ood.get("gate_features") == "mean+std" else dim   # trainer.ood.gate_input
    expected = {"means": (num_classes, dim), "precision": (dim, dim), "gate_weight": (gate_dim,)}
    for name, shape in expected.items():
        if name in ood and tuple(np.shape(ood[name])) != shape:
            raise ExportError(f"The checkpoint's OOD statistics {name!r} have shape {tuple(np.shape(ood[name]))}, "
                              f"expected {shape}; calibrate the checkpoint again.")
    if "means" not in ood or "precision" not in ood or "threshold" not in ood:
        raise ExportError("The checkpoint's OOD statistics lack means, precision or threshold; calibrate it again.")
    threshold = float(ood["threshold"])
    if not math.isfinite(threshold):
        raise ExportError(f"The checkpoint's OOD threshold {threshold!r} is not a finite number.")
    return temperature, ood, threshold, True


# --- torch -> ONNX ---------------------------------------------------------------------------------

def _export_legacy(graph: TriageGraph, example: torch.Tensor, opset: int) -> onnx.ModelProto:
    dynamic_axes = {name: {0: "N"} for name in (INPUT_NAME, *EXPORTED_OUTPUTS)}
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # The legacy exporter announces its deprecation; that is known and handled (dynamo fallback).
        warnings.simplefilter("ignore", (DeprecationWarning, FutureWarning, UserWarning))
        torch.onnx.export(graph, (example,), buffer, input_names=[INPUT_NAME], output_names=list(EXPORTED_OUTPUTS),
                          dynamic_axes=dynamic_axes, opset_version=opset, do_constant_folding=True,
                          dynamo=False)
    return onnx.load_from_string(buffer.getvalue())


def _export_dynamo(graph: TriageGraph, example: torch.Tensor, opset: int) -> onnx.ModelProto:
    batch = torch.export.Dim("N", min=1, max=4096)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.onnx.export(graph, (example,), input_names=[INPUT_NAME], output_names=list(EXPORTED_OUTPUTS),
                                    dynamic_shapes=({0: batch},), opset_version=opset, dynamo=True,
                                    optimize=True, verbose=False)
    return program.model_proto


def torch_to_onnx(graph: TriageGraph, input_size: int, opset: int = OPSET, exporter: str = "auto"):
    """-> (optimised ModelProto, exporter used). Constants are folded by the exporter and the optimizer."""
    from onnxscript import optimizer

    if exporter not in ("auto", "legacy", "dynamo"):
        raise ValueError(f"unknown exporter {exporter!r}")
    example = torch.rand(2, 1, input_size, input_size, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        if exporter in ("auto", "legacy"):
            try:
                proto, exporter = _export_legacy(graph, example, opset), "legacy"
            except Exception:
                # A torch without the TorchScript exporter: "auto" goes on with dynamo.
                if exporter == "legacy":
                    raise
                exporter = "dynamo"
        if exporter == "dynamo":
            proto = _export_dynamo(graph, example, opset)
    # Removes the legacy exporter's Identity/Constant chains and folds what is left.
    proto = optimizer.optimize(proto)
    return proto, f"torch {torch.__version__} {exporter} exporter + onnxscript optimizer, opset {opset}"


def set_metadata(proto: onnx.ModelProto, metadata: dict) -> None:
    del proto.metadata_props[:]
    for key, value in metadata.items():
        if not isinstance(value, str):
            raise TypeError(f"metadata {key!r} must be a string, got {type(value).__name__}")
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    proto.producer_name = "cxr-export"


# --- checks ----------------------------------------------------------------------------------------

def check_with_onnxruntime(proto: onnx.ModelProto, graph: TriageGraph, input_size: int) -> dict:
    """Run batch 1 and batch 5 in onnxruntime against PyTorch; -> max abs diff per output
    (relative for ood_score)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(proto.SerializeToString(), options, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    worst = dict.fromkeys(EXPORTED_OUTPUTS, 0.0)
    head = json.loads(dict((p.key, p.value) for p in proto.metadata_props)[CLASS_HEAD_METADATA])
    head = {key: np.asarray(value, np.float32) for key, value in head.items()}
    temperature = float(graph.temperature)
    for batch in (1, 5):
        image = rng.random((batch, 1, input_size, input_size), dtype=np.float32)
        got = session.run(list(EXPORTED_OUTPUTS), {INPUT_NAME: image})
        with torch.no_grad():
            want = [t.numpy() for t in graph(torch.from_numpy(image))]
        named = dict(zip(EXPORTED_OUTPUTS, got))
        rebuilt = class_head_probabilities(named[EMBEDDING_OUTPUT], head, temperature)
        if (gap := float(np.abs(rebuilt - named["probabilities"]).max())) > CLASS_HEAD_TOLERANCE:
            raise ExportError(f"The metadata's class head applied to the embedding misses the probabilities by "
                              f"{gap:.2e} (> {CLASS_HEAD_TOLERANCE}).")
        for name, g, w in zip(EXPORTED_OUTPUTS, got, want):
            if g.shape != w.shape:
                raise ExportError(f"ONNX output {name} has shape {g.shape} for batch {batch}, PyTorch {w.shape}.")
            diff = np.abs(g - w)
            if name == "ood_score":   # a distance: noise inputs score in the thousands, so compare relatively
                diff = diff / np.maximum(np.abs(w), 1.0)
            worst[name] = max(worst[name], float(diff.max()))
    for name in ("probabilities", "severity"):
        if worst[name] > PARITY_TOLERANCE:
            raise ExportError(f"ONNX and PyTorch disagree on {name} by {worst[name]:.2e} (> {PARITY_TOLERANCE}).")
    return worst


def write_atomically(proto: onnx.ModelProto, path: Path) -> None:
    """Temp file in the same folder + rename: a crash never leaves half a model under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(proto.SerializeToString())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# --- the whole export ------------------------------------------------------------------------------

def export_checkpoint(checkpoint, output, *, metrics_path=None, allow_uncalibrated: bool = False,
                      model_version: str | None = None, opset: int = OPSET, exporter: str = "auto") -> ExportReport:
    """Export ``checkpoint`` to ``output`` (+ ``output.sha256``); raise ExportError when it cannot."""
    if opset < 17:
        raise ExportError(f"opset {opset} is too old; the contract needs opset 17 or newer.")
    output = Path(output)
    try:
        model, ckpt = load_checkpoint(checkpoint)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ExportError(f"{checkpoint} could not be loaded as a CXR Triage checkpoint: {exc}") from exc

    temperature, ood, threshold, calibrated = calibration_from_checkpoint(model, ckpt, allow_uncalibrated)
    metrics = read_metrics_file(metrics_path) if metrics_path else ckpt.get("metrics")

    graph = TriageGraph(model, temperature, ood).eval()
    input_size = model.config.input_size
    proto, exporter_used = torch_to_onnx(graph, input_size, opset, exporter)

    created = datetime.now(timezone.utc)
    metadata = build_metadata(ckpt, temperature=temperature, ood_threshold=threshold, calibrated=calibrated,
                              metrics=metrics, created=created, exporter=exporter_used, class_head=class_head_of(model),
                              model_version=model_version or ckpt.get("model_version")
                              or default_model_version(model, created))
    set_metadata(proto, metadata)
    onnx.checker.check_model(proto, full_check=True)
    parity = check_with_onnxruntime(proto, graph, input_size)

    write_atomically(proto, output)
    write_checksum(output)
    return ExportReport(path=output, sha256=sha256_file(output), metadata=metadata, exporter=exporter_used,
                        parity=parity)
