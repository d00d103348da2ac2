"""The export: the ONNX model contract, parity with PyTorch and pytorch-grad-cam, refusals."""

import json
import math
from datetime import datetime

import numpy as np
import pytest

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from desktop.engine.imaging import load_xray  # noqa: E402
from desktop.engine.integrity import checksum_path, sha256_file  # noqa: E402
from desktop.engine.contract import (CLASS_HEAD_METADATA, EMBEDDING_OUTPUT, INPUT_NAME,  # noqa: E402
                                     OUTPUT_NAMES, REQUIRED_METADATA)
from desktop.engine.contract import to_model_input  # noqa: E402
from export import ExportError, export_checkpoint  # noqa: E402
from export import cli as export_cli  # noqa: E402
from trainer.checkpoint import load_checkpoint  # noqa: E402
from trainer.model import LogitsOnly  # noqa: E402

PARITY = 1e-4


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def session(path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def contract_inputs(paths, size):
    """Real films through the contract's own loading and preprocessing: float32 [N, 1, S, S]."""
    return np.stack([to_model_input(load_xray(p).image, size) for p in paths])


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


# --- the file ---------------------------------------------------------------------------------------

def test_contract_signature_and_checker(exported_model_path):
    model = onnx.load(str(exported_model_path))
    onnx.checker.check_model(model, full_check=True)
    assert max(op.version for op in model.opset_import if op.domain in ("", "ai.onnx")) >= 17

    (image,) = model.graph.input
    assert image.name == INPUT_NAME
    assert image.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    batch, channels, height, width = dims(image)
    assert isinstance(batch, str) and (channels, height, width) == (1, 64, 64)

    assert tuple(o.name for o in model.graph.output) == (*OUTPUT_NAMES, EMBEDDING_OUTPUT)
    assert all(o.type.tensor_type.elem_type == onnx.TensorProto.FLOAT for o in model.graph.output)
    ranks = {o.name: len(dims(o)) for o in model.graph.output}
    assert ranks == {"probabilities": 2, "severity": 1, "heatmap": 3, "ood_score": 1, "embedding": 2}


def test_class_head_reproduces_the_probabilities_on_real_films(tiny_checkpoint, exported_model_path,
                                                               cxr_sample_paths):
    """The contract: softmax((embedding @ W.T + b) / T) == probabilities, W and b from ``class_head``, to
    1e-5 on real chest films; W and b are the graph's own weights, bit for bit."""
    meta = {p.key: p.value for p in onnx.load(str(exported_model_path)).metadata_props}
    head = json.loads(meta[CLASS_HEAD_METADATA])
    _, ckpt = load_checkpoint(tiny_checkpoint)
    state = ckpt["model_state"]
    assert np.array_equal(np.asarray(head["weight"], np.float32), state["classifier.weight"].numpy())
    assert np.array_equal(np.asarray(head["bias"], np.float32), state["classifier.bias"].numpy())
    films = contract_inputs(cxr_sample_paths, 64)
    probabilities, embedding = session(exported_model_path).run(["probabilities", EMBEDDING_OUTPUT],
                                                                 {INPUT_NAME: films})
    assert embedding.shape == (len(films), len(head["weight"][0]))
    logits = (embedding.astype(np.float64) @ np.asarray(head["weight"]).T + head["bias"]) / float(meta["temperature"])
    rebuilt = np.exp(logits - logits.max(1, keepdims=True))
    rebuilt /= rebuilt.sum(1, keepdims=True)
    assert np.abs(rebuilt - probabilities).max() <= 1e-5


def test_metadata(exported_model_path):
    meta = {p.key: p.value for p in onnx.load(str(exported_model_path)).metadata_props}
    assert set(REQUIRED_METADATA) <= set(meta)
    assert all(isinstance(v, str) for v in meta.values())
    assert json.loads(meta["classes"]) == ["normal", "pneumonia", "covid19"]
    assert meta["input_size"] == "64"
    assert meta["model_version"] == "test-tiny-64"
    assert float(meta["temperature"]) == pytest.approx(1.3)
    assert math.isfinite(float(meta["ood_threshold"])) and float(meta["ood_threshold"]) > 0
    assert "geographic extent" in meta["severity_definition"] and "Brixia" in meta["severity_definition"]
    assert json.loads(meta["decision_thresholds"]) == {}
    assert json.loads(meta["metrics"])["macro_f1"] == 0.0
    assert meta["training_manifest_sha256"] == "0" * 64
    assert datetime.fromisoformat(meta["created"]).tzinfo is not None
    assert meta["calibrated"] == "true" and meta["normalization"] == "per_image"


def test_checksum_file_next_to_model(exported_model_path):
    text = checksum_path(exported_model_path).read_text(encoding="ascii")
    assert text == f"{sha256_file(exported_model_path)}  {exported_model_path.name}\n"


def test_dynamic_batch_and_output_ranges(exported_model_path):
    sess = session(exported_model_path)
    rng = np.random.default_rng(1)
    images = rng.random((5, 1, 64, 64), dtype=np.float32)
    batch = dict(zip(OUTPUT_NAMES, sess.run(None, {INPUT_NAME: images})))
    assert batch["probabilities"].shape == (5, 3) and batch["severity"].shape == (5,)
    assert batch["heatmap"].shape[0] == 5 and batch["heatmap"].ndim == 3 and batch["ood_score"].shape == (5,)
    assert all(v.dtype == np.float32 for v in batch.values())
    np.testing.assert_allclose(batch["probabilities"].sum(axis=1), 1.0, atol=1e-5)
    assert ((0 <= batch["severity"]) & (batch["severity"] <= 1)).all()
    assert batch["heatmap"].min() >= 0 and batch["heatmap"].max() <= 1 + 1e-6
    # Each film is independent of the others in its batch (per-image normalisation, no batch statistics).
    for i in range(5):
        single = sess.run(None, {INPUT_NAME: images[i:i + 1]})
        for name, value in zip(OUTPUT_NAMES, single):
            np.testing.assert_allclose(value[0], batch[name][i], atol=1e-5, rtol=1e-5)


# --- parity with PyTorch on real chest X-rays -------------------------------------------------------

def test_parity_with_pytorch_on_real_films(tiny_checkpoint, exported_model_path, cxr_sample_paths):
    model, ckpt = load_checkpoint(tiny_checkpoint)
    images = contract_inputs(cxr_sample_paths, 64)
    got = dict(zip(OUTPUT_NAMES, session(exported_model_path).run(None, {INPUT_NAME: images})))

    from export.graph import score_ood      # the trainer's OOD function (see export/graph.py)
    with torch.no_grad():
        fmap = model.feature_map(torch.from_numpy(images))
        logits, severity, pooled = model.head(fmap)
        probabilities = torch.softmax(logits / ckpt["temperature"], dim=1)
        heatmap = model.top_class_gradcam(fmap, logits)
        ood = score_ood(pooled, ckpt["ood"])

    assert np.abs(got["probabilities"] - probabilities.numpy()).max() <= PARITY
    assert np.abs(got["severity"] - severity.numpy()).max() <= PARITY
    assert np.abs(got["heatmap"] - heatmap.numpy()).max() <= 1e-3
    np.testing.assert_allclose(got["ood_score"], ood.numpy(), rtol=1e-3)
    # The films differ, so the parity above compared something.
    assert np.ptp(got["probabilities"][:, 0]) > 0.05


@pytest.fixture(scope="module")
def model_224(make_checkpoint, tmp_path_factory):
    folder = tmp_path_factory.mktemp("m224")
    checkpoint = make_checkpoint(folder / "m224.pt", input_size=224, seed=1)
    return checkpoint, export_checkpoint(checkpoint, folder / "m224.onnx").path


def test_heatmap_matches_pytorch_grad_cam(model_224, cxr_sample_paths):
    """The in-graph closed-form Grad-CAM equals pytorch-grad-cam's GradCAM (autograd) on real films."""
    import cv2
    from pytorch_grad_cam import GradCAM
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    checkpoint, onnx_path = model_224
    model, _ = load_checkpoint(checkpoint)
    paths = cxr_sample_paths[::2]          # one film per source
    images = contract_inputs(paths, 224)
    probabilities, heatmaps = session(onnx_path).run(["probabilities", "heatmap"], {INPUT_NAME: images})

    correlations = []
    with GradCAM(model=LogitsOnly(model), target_layers=[model.features]) as cam:
        for image, probs, heatmap in zip(images, probabilities, heatmaps):
            reference = cam(input_tensor=torch.from_numpy(image[None]),
                            targets=[ClassifierOutputTarget(int(probs.argmax()))])[0]
            ours = cv2.resize(heatmap.astype(np.float32), (224, 224))
            ours = ours - ours.min()
            ours = ours / (1e-7 + ours.max())
            correlations.append(np.corrcoef(ours.ravel(), reference.ravel())[0, 1])
    assert min(correlations) >= 0.99, correlations


# --- refusals and the command line -------------------------------------------------------------------

def test_uncalibrated_checkpoint_refused_without_flag(make_checkpoint, tmp_path):
    checkpoint = make_checkpoint(tmp_path / "raw.pt", calibrated=False)
    output = tmp_path / "raw.onnx"
    with pytest.raises(ExportError, match="--allow-uncalibrated"):
        export_checkpoint(checkpoint, output)
    assert not output.exists() and not checksum_path(output).exists()

    assert export_cli.main([str(checkpoint), "-o", str(output)]) == 1
    assert not output.exists()

    report = export_checkpoint(checkpoint, output, allow_uncalibrated=True)
    assert report.metadata["temperature"] == "1.0"
    assert report.metadata["ood_threshold"] == "inf"
    assert report.metadata["calibrated"] == "false" and "uncalibrated" in report.metadata["calibration_note"]

    from desktop.engine.predictor import Predictor
    predictor = Predictor(output)
    assert predictor.ood_threshold == math.inf and predictor.temperature == 1.0


def test_cli_export_with_metrics_file(tiny_checkpoint, tmp_path, capsys):
    metrics = {"macro_f1": 0.91, "per_source": {"nih14": {"auc": 0.8}}}
    (tmp_path / "metrics.json").write_text(json.dumps(metrics))
    output = tmp_path / "out" / "model.onnx"
    code = export_cli.main([str(tiny_checkpoint), "-o", str(output), "--metrics", str(tmp_path / "metrics.json"),
                            "--model-version", "1.2.3"])
    assert code == 0, capsys.readouterr().err
    meta = {p.key: p.value for p in onnx.load(str(output)).metadata_props}
    assert json.loads(meta["metrics"]) == metrics and meta["model_version"] == "1.2.3"
    assert checksum_path(output).read_text().split() == [sha256_file(output), "model.onnx"]
    assert not list(output.parent.glob("*.tmp"))
    assert "wrote" in capsys.readouterr().out


def test_not_a_checkpoint_is_refused(tmp_path):
    bogus = tmp_path / "bogus.pt"
    torch.save({"hello": 1}, bogus)
    with pytest.raises(ExportError, match="not a CXR Triage checkpoint"):
        export_checkpoint(bogus, tmp_path / "x.onnx")


@pytest.mark.parametrize("gate_features", ["mean", "mean+std"])
def test_frontal_gate_statistics_in_graph(tiny_checkpoint, tmp_path, cxr_sample_paths, gate_features):
    """Checkpoints whose OOD statistics include the trainer's frontal-film gate export it in-graph, whether
    the gate reads the pooled features alone or with their spread over the feature map (issue 18)."""
    import trainer.ood as trainer_ood
    from export.graph import score_ood
    from trainer.checkpoint import save_checkpoint

    model, ckpt = load_checkpoint(tiny_checkpoint)
    films = torch.from_numpy(contract_inputs(cxr_sample_paths, 64))
    noise = torch.rand(8, 1, 64, 64, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        fmaps = [model.feature_map(films), model.feature_map(noise)]
        pooled_films, pooled_noise = (model.head(f)[2] for f in fmaps)
        spread_films, spread_noise = (trainer_ood.feature_spread(f) for f in fmaps)
    gate = trainer_ood.fit_frontal_gate(trainer_ood.gate_input(pooled_films, spread_films, gate_features),
                                        trainer_ood.gate_input(pooled_noise, spread_noise, gate_features),
                                        gate_features=gate_features)
    assert gate["gate_weight"].shape == ((2 if gate_features == "mean+std" else 1) * model.feature_dim,)
    ood = {**ckpt["ood"], **gate, "gate_scale": 0.5}
    fields = {k: v for k, v in ckpt.items() if k not in ("format", "config", "model_state")}
    save_checkpoint(tmp_path / "gate.pt", model, **{**fields, "ood": ood})
    report = export_checkpoint(tmp_path / "gate.pt", tmp_path / "gate.onnx")
    assert "frontal-film gate" in report.metadata["ood_method"]
    assert ("spread" in report.metadata["ood_method"]) == (gate_features == "mean+std")

    images = torch.cat([films, noise]).numpy()
    got = session(report.path).run(["ood_score"], {INPUT_NAME: images})[0]
    with torch.no_grad():
        want = score_ood(torch.cat([pooled_films, pooled_noise]), ood,
                         torch.cat([spread_films, spread_noise])).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    # the gate does its part: the noise scores at least its gate probability over the scale
    assert (got[len(films):] > 1.0).all()


def test_a_gate_that_reads_unknown_features_is_refused(tiny_checkpoint, tmp_path):
    from trainer.checkpoint import save_checkpoint

    model, ckpt = load_checkpoint(tiny_checkpoint)
    ood = {**ckpt["ood"], "gate_weight": torch.zeros(model.feature_dim), "gate_bias": 0.0, "gate_scale": 0.5,
           "gate_features": "median"}
    fields = {k: v for k, v in ckpt.items() if k not in ("format", "config", "model_state")}
    save_checkpoint(tmp_path / "gate.pt", model, **{**fields, "ood": ood})
    with pytest.raises(ExportError, match="'median', which this export does not know"):
        export_checkpoint(tmp_path / "gate.pt", tmp_path / "gate.onnx")
