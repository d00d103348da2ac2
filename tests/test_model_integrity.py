"""A damaged, tampered, foreign or missing model is refused with a ModelError sentence."""

import json
import shutil

import numpy as np
import pytest

from desktop.engine import predictor as predictor_module
from desktop.engine.errors import ModelError
from desktop.engine.integrity import checksum_path, write_checksum
from desktop.engine.contract import OUTPUT_NAMES
from desktop.engine.predictor import Predictor, default_model_path

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402


def copy_model(src, folder, name="model.onnx"):
    target = folder / name
    shutil.copyfile(src, target)
    shutil.copyfile(checksum_path(src), checksum_path(target))
    return target


def contract_metadata(model_path) -> dict:
    return {p.key: p.value for p in onnx.load(str(model_path)).metadata_props}


def save_graph(path, nodes, inputs, outputs, metadata=None):
    graph = helper.make_graph(nodes, "foreign", inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 10
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, str(path))
    write_checksum(path)
    return path


def test_checksum_mismatch_is_refused(contract_model_path, tmp_path):
    model = copy_model(contract_model_path, tmp_path)
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0x01           # one flipped bit in the weights
    model.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"modified or damaged \(checksum mismatch\)\. Reinstall CXR Triage"):
        Predictor(model)


def test_missing_checksum_file(contract_model_path, tmp_path):
    model = tmp_path / "model.onnx"
    shutil.copyfile(contract_model_path, model)
    with pytest.raises(ModelError, match="no checksum file"):
        Predictor(model)
    assert Predictor(model, verify_checksum=False).input_size == 64


@pytest.mark.parametrize("content", [b"", b"hello, I am a text file\n", "truncated"])
def test_not_onnx_or_truncated(contract_model_path, tmp_path, content):
    model = tmp_path / "model.onnx"
    if content == "truncated":
        whole = contract_model_path.read_bytes()
        content = whole[: len(whole) // 2]
    model.write_bytes(content)
    write_checksum(model)                   # a matching checksum: the ONNX check itself must refuse
    with pytest.raises(ModelError, match="could not be opened|not a CXR Triage model"):
        Predictor(model)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        Predictor(tmp_path / "nothing.onnx")


def test_foreign_onnx_with_other_names(tmp_path):
    path = save_graph(tmp_path / "foreign.onnx", [helper.make_node("Relu", ["x"], ["y"])],
                      [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
                      [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])])
    with pytest.raises(ModelError, match="not a CXR Triage model"):
        Predictor(path)


def fake_contract_graph(path, metadata, classes_out=3, heatmap_rank=3):
    """A graph with the contract's names whose outputs come from simple ops on the image."""
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 64, 64])
    starts = helper.make_tensor("starts", TensorProto.INT64, [1], [0])
    ends = helper.make_tensor("ends", TensorProto.INT64, [1], [classes_out])
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["m"], axes=[1], keepdims=0),        # [N, 64, 64]
        helper.make_node("ReduceMean", ["m"], ["rows"], axes=[1], keepdims=0),         # [N, 64]
        helper.make_node("Slice", ["rows", "starts", "ends", "one"], ["logits"]),      # [N, classes_out]
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        helper.make_node("ReduceMean", ["rows"], ["severity"], axes=[1], keepdims=0),  # [N]
        helper.make_node("Identity", ["severity"], ["ood_score"]),
        helper.make_node("Identity", ["m"] if heatmap_rank == 3 else ["rows"], ["heatmap"]),
    ]
    one = helper.make_tensor("one", TensorProto.INT64, [1], [1])
    outputs = [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", "C"]),
               helper.make_tensor_value_info("severity", TensorProto.FLOAT, ["N"]),
               helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, ["N", "h", "w"][:heatmap_rank]),
               helper.make_tensor_value_info("ood_score", TensorProto.FLOAT, ["N"])]
    graph = helper.make_graph(nodes, "fake", [image], outputs, initializer=[starts, ends, one])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 10
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, str(path))
    write_checksum(path)
    return path


def test_fake_contract_graph_is_accepted_when_it_fits(contract_model_path, tmp_path):
    """The checks below refuse for the stated reason, not because the fake graph is broken."""
    path = fake_contract_graph(tmp_path / "fake.onnx", contract_metadata(contract_model_path))
    result = Predictor(path).predict_batch([])
    assert result == []


@pytest.mark.parametrize("change, message", [
    ({"drop": "ood_threshold"}, "lacks ood_threshold"),
    ({"classes": "normal,pneumonia"}, "not valid JSON"),
    ({"classes": json.dumps({"a": 1})}, "not a list"),
    ({"input_size": "big"}, "not a number"),
    ({"input_size": "128"}, "contract needs float32"),
    ({"decision_thresholds": "[]"}, "not a JSON object"),
])
def test_bad_metadata_is_refused(contract_model_path, tmp_path, change, message):
    metadata = contract_metadata(contract_model_path)
    metadata.pop(change.pop("drop", None), None)
    metadata.update(change)
    path = fake_contract_graph(tmp_path / "bad.onnx", metadata)
    with pytest.raises(ModelError, match=message):
        Predictor(path)


def test_outputs_that_do_not_fit_the_classes(contract_model_path, tmp_path):
    path = fake_contract_graph(tmp_path / "two.onnx", contract_metadata(contract_model_path), classes_out=2)
    with pytest.raises(ModelError, match="2 probabilities for 3 classes|contract's shapes"):
        Predictor(path)


def test_missing_output(contract_model_path, tmp_path):
    metadata = contract_metadata(contract_model_path)
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 64, 64])
    outputs = [helper.make_tensor_value_info(name, TensorProto.FLOAT, None) for name in OUTPUT_NAMES[:3]]
    nodes = [helper.make_node("Identity", ["image"], [name]) for name in OUTPUT_NAMES[:3]]
    path = save_graph(tmp_path / "three.onnx", nodes, [image], outputs, metadata)
    with pytest.raises(ModelError, match="lacks the output"):
        Predictor(path)


def test_default_model_path(monkeypatch, tmp_path, contract_model_path):
    monkeypatch.delenv(predictor_module.MODEL_ENV, raising=False)
    monkeypatch.setattr(predictor_module, "asset_roots", lambda: [tmp_path])
    with pytest.raises(ModelError, match=r"No model file found \(looked in .*cxr-triage\.onnx\).*cxr-export"):
        default_model_path()
    shipped = tmp_path / "assets" / "models" / "cxr-triage.onnx"
    shipped.parent.mkdir(parents=True)
    shipped.write_bytes(b"x")
    assert default_model_path() == shipped
    monkeypatch.setenv(predictor_module.MODEL_ENV, str(contract_model_path))
    assert default_model_path() == contract_model_path


def test_session_is_warm_and_independent(contract_model_path):
    a, b = Predictor(contract_model_path), Predictor(contract_model_path)
    image = np.full((1, 1, 64, 64), 0.3, dtype=np.float32)
    out_a = a.session.run(None, {"image": image})
    out_b = b.session.run(None, {"image": image})
    for x, y in zip(out_a, out_b):
        np.testing.assert_array_equal(x, y)


def test_heatmap_of_wrong_rank(contract_model_path, tmp_path):
    path = fake_contract_graph(tmp_path / "flat.onnx", contract_metadata(contract_model_path), heatmap_rank=2)
    with pytest.raises(ModelError, match="output 'heatmap'"):
        Predictor(path)
