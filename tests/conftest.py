"""Shared fixtures: the shared data folder, real chest X-ray samples, and two tiny contract models.

``contract_model_path`` is the app's tests' model (engine, CLI, GUI): a graph written with
``onnx.helper`` (tests/contract_model.py, NumPy and onnx only, no torch), input_size 64, with its
``.sha256``. Its outputs come from statistics of the film (so they differ between films), its class
head is in its metadata, its temperature is 1.3, and its OOD score accepts every chest film of
../shared/data/cxr while noise, flat and inverted images score far above its threshold.

``exported_model_path`` is what the export makes of a randomly initialised CXRTriageNet at input_size 64
(``export.export_checkpoint``): for the tests of the export and the trainer (parity with PyTorch,
Grad-CAM), which need torch and skip without it. Its temperature is 1.3 and its OOD statistics are
fitted on real chest X-rays (when ../shared/data is present), with the threshold set so that those films
are accepted and synthetic noise is rejected.
"""

import csv
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
TINY_INPUT_SIZE = 64
TINY_TEMPERATURE = 1.3
SAMPLES_PER_SOURCE = 12
TORCH_MISSING = importlib.util.find_spec("torch") is None


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """Without torch (an ``.[app,dev]`` install), a test module that imports torch at its top is skipped
    with a reason instead of failing collection. Each trainer test module says
    ``pytest.importorskip("torch")`` itself; this catches one that does not."""
    report = yield
    if TORCH_MISSING and report.failed and isinstance(collector, pytest.Module) \
            and "No module named 'torch" in str(report.longrepr):
        report.outcome = "skipped"
        report.longrepr = (str(collector.path), 0, "Skipped: imports torch, which is not installed (the 'train' extra)")
    return report


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """No test writes the user's data folder (history, logs): CXR_TRIAGE_DATA_DIR points into the
    session's temporary folder (subprocesses inherit it; GUI tests set their own per test)."""
    monkeypatch.setenv("CXR_TRIAGE_DATA_DIR", str(tmp_path_factory.getbasetemp() / "user-data"))
    # `predict` follows the app's "hide patient data" setting (desktop/engine/logs.py reads it without
    # Qt): a developer's own settings must not change what the tests see.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "user-config"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (read-only real data); skips the test where it is absent."""
    if not (SHARED_DATA / "cxr").is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


def _sample_rows(data: Path, per_source: int = SAMPLES_PER_SOURCE) -> list[dict]:
    """The first ``per_source`` manifest rows (by path) of every source: deterministic, all sources."""
    rows = []
    for manifest in sorted((data / "cxr").glob("manifest-*.csv")):
        with open(manifest, newline="", encoding="utf-8") as f:
            rows += sorted(csv.DictReader(f), key=lambda r: r["path"])[:per_source]
    return rows


@pytest.fixture(scope="session")
def cxr_sample_paths(shared_data) -> list[Path]:
    """Two real chest X-rays per source (14 files, several hospitals and sizes); both test models accept them."""
    rows = _sample_rows(shared_data, per_source=2)
    return [shared_data / "cxr" / r["path"] for r in rows]


def build_test_checkpoint(path, *, input_size: int = TINY_INPUT_SIZE, seed: int = 0,
                          temperature: float | None = TINY_TEMPERATURE, calibrated: bool = True,
                          decision_thresholds: dict | None = None) -> Path:
    """A random-weight checkpoint in the trainer's format, calibrated like a real one (cheaply)."""
    import torch

    from trainer.checkpoint import save_checkpoint
    from trainer.model import CXRTriageNet, ModelConfig

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.manual_seed(seed)
        model = CXRTriageNet(ModelConfig(input_size=input_size)).eval()
        images, labels = _calibration_images(input_size, list(model.config.classes))
        _settle_batchnorm(model, images)
        with torch.no_grad():
            # Fresh heads give near-equal outputs for every film; larger weights make them differ
            # between films, so that parity and decision checks compare something.
            model.classifier.weight.mul_(10.0)
            model.severity_head.weight.mul_(10.0)
        fields = {"epoch": 0, "best_val_macro_f1": 0.0, "manifest_sha256": "0" * 64,
                  "temperature": None, "ood": None, "decision_thresholds": decision_thresholds or {},
                  "metrics": {"note": "random weights: a test model, not a medical one", "macro_f1": 0.0}}
        if calibrated:
            fields["temperature"] = temperature
            fields["ood"] = _fit_test_ood(model, images, labels)
        save_checkpoint(path, model, **fields)
    finally:
        torch.set_num_threads(threads)
    return Path(path)


def _calibration_images(input_size: int, classes: list):
    """Real films (a few per source) when the shared data is present, else uniform noise:
    float32 [N, 1, S, S] through the contract's preprocessing, and class indices."""
    import torch
    from PIL import Image

    from desktop.engine.contract import to_model_input

    if not (SHARED_DATA / "cxr").is_dir():
        rng = np.random.default_rng(0)
        return torch.from_numpy(rng.random((48, 1, input_size, input_size), dtype=np.float32)), torch.arange(48) % 3
    rows = _sample_rows(SHARED_DATA)
    images = []
    for row in rows:
        with Image.open(SHARED_DATA / "cxr" / row["path"]) as image:
            images.append(to_model_input(image, input_size))
    return torch.from_numpy(np.stack(images)), torch.tensor([classes.index(r["label"]) for r in rows])


def _settle_batchnorm(model, images) -> None:
    """Set BatchNorm running statistics from ``images`` (one pass, cumulative average): with the
    initial statistics a random network's pooled features are ~1e-9 and identical for every film."""
    import torch

    norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    model.train()
    with torch.no_grad():
        model.feature_map(images)
    model.eval()


def _fit_test_ood(model, images, labels) -> dict:
    """The trainer's OOD statistics on pooled features of half the films; the other half sets the
    threshold (1.25 x their highest score), so every sample film is accepted, while noise (scoring
    far higher than real films) is rejected."""
    import torch

    from export.graph import score_ood
    from trainer.ood import fit_ood

    with torch.no_grad():
        _, _, pooled = model.head(model.feature_map(images))
    fit = torch.arange(len(pooled)) % 2 == 0
    # Strong shrinkage: a few dozen films for 576 features.
    ood = fit_ood(pooled[fit], labels[fit], len(model.config.classes), shrinkage=0.5)
    margin = 1.25 * float(score_ood(pooled[~fit], ood).max())
    if "distance_scale" in ood:       # scores are distance / distance_scale, threshold fixed at 1
        ood["distance_scale"] = float(ood["distance_scale"]) * margin / float(ood["threshold"])
    else:
        ood["threshold"] = margin
    return ood


@pytest.fixture(scope="session")
def make_checkpoint():
    """The checkpoint builder, for tests that need another variant (size, seed, uncalibrated)."""
    pytest.importorskip("torch")
    return build_test_checkpoint


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory, make_checkpoint) -> Path:
    return make_checkpoint(tmp_path_factory.mktemp("checkpoints") / "tiny.pt")


@pytest.fixture(scope="session")
def contract_model_path(tmp_path_factory) -> Path:
    """The app's tests' contract ONNX model (tests/contract_model.py, input_size 64, no torch) with its
    ``.sha256`` next to it."""
    pytest.importorskip("onnx", reason="the tests' contract model is written with onnx (the 'dev' extra)")
    from contract_model import write_contract_model

    return write_contract_model(tmp_path_factory.mktemp("models") / "cxr-triage-test.onnx")


@pytest.fixture(scope="session")
def exported_model_path(tmp_path_factory, tiny_checkpoint) -> Path:
    """The export of ``tiny_checkpoint`` (a random-weight CXRTriageNet, input_size 64) with its
    ``.sha256``: for the tests of the export itself; needs torch."""
    from export import export_checkpoint

    path = tmp_path_factory.mktemp("models") / "cxr-triage-exported.onnx"
    export_checkpoint(tiny_checkpoint, path, model_version="test-tiny-64")
    return path


@pytest.fixture(scope="session")
def rewrite_model():
    """``rewrite_model(src, dst, **metadata)``: a copy of a model with some metadata values replaced
    (JSON-encoded unless a string) and a fresh checksum, e.g. ``ood_threshold="0"``."""
    onnx = pytest.importorskip("onnx")
    from desktop.engine.integrity import write_checksum

    def rewrite(src, dst, **metadata) -> Path:
        proto = onnx.load(str(src))
        props = {p.key: p.value for p in proto.metadata_props}
        props.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in metadata.items()})
        del proto.metadata_props[:]
        for key, value in props.items():
            entry = proto.metadata_props.add()
            entry.key, entry.value = key, value
        onnx.save(proto, str(dst))
        write_checksum(dst)
        return Path(dst)

    return rewrite
