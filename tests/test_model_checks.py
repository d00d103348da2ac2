"""Model file checks beyond the checksum (issue 20, finding 10).

The ``.sha256`` beside a model proves that the file is the one it was written with, not who wrote it:
anyone who can change the model can rewrite the checksum. So the app also checks what the model file
says and does against the contract (``../shared/docs/architecture.md``, "The model file"): its metadata
when it is loaded, its run time, and every output of every film. Each test builds its hostile model
with ``onnx.helper`` (tiny contract graphs, no torch) and carries its reproduction in its docstring.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.cli import main as cli_main
from desktop.engine.errors import ModelError
from desktop.engine.integrity import write_checksum
from desktop.engine.predictor import Predictor

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["normal", "pneumonia", "covid19"]
METADATA = {
    "classes": json.dumps(CLASSES), "input_size": "64", "model_version": "hostile-test-1",
    "architecture": "onnx.helper test graph", "temperature": "1.0", "ood_threshold": "1.0",
    "severity_definition": "test", "decision_thresholds": "{}", "metrics": "{}",
    "training_manifest_sha256": "0" * 64, "created": "2026-01-01T00:00:00+00:00",
}
# What the tiny model outputs for light films and the grey self-check image (mean >= 0.25) ...
GOOD = {"probabilities": [0.7, 0.2, 0.1], "severity": 0.3, "heatmap": 0.5, "ood_score": 0.2}
DARK_MEAN = 0.25   # ... and, where a test says so, something else for dark films (mean < 0.25).


# --- tiny contract models ------------------------------------------------------------------------------

def _const(name, values, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(values, dtype=dtype), name)


def contract_model(path, *, on_dark=None, on_light=None, metadata=None, heatmap_hw=(4, 4), classes_out=3,
                   extra=None, functions=()) -> Path:
    """A contract model: input ``image`` [N, 1, S, S] (S symbolic), the four outputs, ``METADATA`` updated
    with ``metadata``, and a fresh ``.sha256``. Outputs are ``GOOD`` (probabilities cut/padded to
    ``classes_out``) updated with ``on_light``, except the entries of ``on_dark`` for films whose mean
    pixel is below 0.25 (the grey self-check image is light).
    ``extra(nodes, inits) -> name`` adds nodes whose float output (any shape broadcasting to [N]) is
    multiplied by 0 and added to severity, so that onnxruntime cannot prune them away."""
    good = dict(GOOD, **(on_light or {}))
    good["probabilities"] = (good["probabilities"] + [0.0] * classes_out)[:classes_out]
    dark = dict(good, **(on_dark or {}))
    h, w = heatmap_hw
    inits = [_const("p_good", [good["probabilities"]]), _const("p_dark", [dark["probabilities"]]),
             _const("h_good", np.full((1, 1, 1), good["heatmap"])),
             _const("h_dark", np.full((1, 1, 1), dark["heatmap"])),
             _const("zero", 0.0), _const("dark_mean", DARK_MEAN),
             _const("axes1", [1], np.int64), _const("axes12", [1, 2], np.int64),
             _const("heatmap_shape", [1, h, w], np.int64)]
    for name in ("severity", "ood_score"):
        inits += [_const(f"{name}_good", good[name]), _const(f"{name}_dark", dark[name])]
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["mean"], axes=[1, 2, 3], keepdims=0),     # [N]
        helper.make_node("Less", ["mean", "dark_mean"], ["dark"]),                           # [N] bool
        helper.make_node("Unsqueeze", ["dark", "axes1"], ["dark2"]),
        helper.make_node("Unsqueeze", ["dark", "axes12"], ["dark3"]),
        helper.make_node("Where", ["dark2", "p_dark", "p_good"], ["probabilities"]),
        helper.make_node("Where", ["dark", "severity_dark", "severity_good"], ["severity_core"]),
        helper.make_node("Where", ["dark3", "h_dark", "h_good"], ["heat_11"]),
        helper.make_node("Expand", ["heat_11", "heatmap_shape"], ["heatmap"]),
        helper.make_node("Where", ["dark", "ood_score_dark", "ood_score_good"], ["ood_score"]),
    ]
    extra_out = extra(nodes, inits) if extra else "zero"
    nodes += [helper.make_node("Mul", [extra_out, "zero"], ["extra_zero"]),
              helper.make_node("Add", ["severity_core", "extra_zero"], ["severity"])]
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, "S", "S"])
    outputs = [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", classes_out]),
               helper.make_tensor_value_info("severity", TensorProto.FLOAT, ["N"]),
               helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, ["N", "h", "w"]),
               helper.make_tensor_value_info("ood_score", TensorProto.FLOAT, ["N"])]
    graph = helper.make_graph(nodes, "hostile", [image], outputs, initializer=inits)
    opsets = [helper.make_opsetid("", 17)] + [helper.make_opsetid(f.domain, 1) for f in functions]
    model = helper.make_model(graph, opset_imports=opsets, functions=list(functions))
    model.ir_version = 10
    for key, value in dict(METADATA, **(metadata or {})).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, str(path))
    write_checksum(path)
    return Path(path)


def film(folder, value, name=None) -> Path:
    """A uniform grey PNG (value 0..255): 20 is a dark film, 200 a light one."""
    path = Path(folder) / (name or f"film_{value}.png")
    Image.fromarray(np.full((96, 80), value, dtype=np.uint8)).save(path)
    return path


def infinite_loop(nodes, inits, trip_count=10**15):
    """A Loop of ``trip_count`` steps adding 1 to the film's mean: 1e15 steps never end."""
    inits += [_const("trip_count", trip_count, np.int64), _const("keep_going", True, np.bool_)]
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]),
         helper.make_node("Add", ["v_in", "one_f"], ["v_out"])], "body",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []),
         helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("v_in", TensorProto.FLOAT, ["N"])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("v_out", TensorProto.FLOAT, ["N"])],
        initializer=[_const("one_f", 1.0)])
    nodes.append(helper.make_node("Loop", ["trip_count", "keep_going", "mean"], ["looped"], body=body))
    return "looped"


def branch(nodes, inits):
    """An If whose branches give 0: harmless here, but a branch can hold anything."""
    def constant(name):
        return helper.make_graph([helper.make_node("Constant", [], [name], value=_const(name + "_v", 0.0))],
                                 name, [], [helper.make_tensor_value_info(name, TensorProto.FLOAT, [])])
    inits.append(_const("big", 2.0))
    nodes += [helper.make_node("ReduceMax", ["mean"], ["brightest"], keepdims=0),
              helper.make_node("Less", ["brightest", "big"], ["small"]),
              helper.make_node("If", ["small"], ["branched"], then_branch=constant("a"), else_branch=constant("b"))]
    return "branched"


def spin_function():
    """A model-local function ``hostile.fn.Spin`` whose body is a Loop (of 3 steps, but it could be any)."""
    nodes, inits = [], []
    infinite_loop(nodes, inits, trip_count=3)
    body = [helper.make_node("Constant", [], [i.name], value=i) for i in inits] + nodes
    return helper.make_function("hostile.fn", "Spin", ["mean"], ["looped"], body,
                                opset_imports=[helper.make_opsetid("", 17)])


def call_spin(nodes, inits):
    nodes.append(helper.make_node("Spin", ["mean"], ["spun"], domain="hostile.fn"))
    return "spun"


def matmul_chain(slow_on, steps=2000):
    """``extra`` for a graph that is slow on some images and fast on others, with no loop at all:
    the image's rows tiled 1000 times (``slow_on`` "grey": the self-check image; "dark": dark films;
    otherwise once), then ``steps`` products with the identity: 0.5 GFLOP a step, ~25 s in all on one core."""
    def extra(nodes, inits):
        inits += [_const("eye", np.eye(64)), _const("rows_shape", [-1, 64], np.int64),
                  _const("one_i", [1], np.int64), _const("many_i", [999], np.int64)]
        test = "Less" if slow_on == "dark" else "GreaterOrEqual"
        nodes += [helper.make_node("ReduceMean", ["mean"], ["mean_all"], keepdims=0),
                  helper.make_node(test, ["mean_all", "dark_mean"], ["slow"]),
                  helper.make_node("Cast", ["slow"], ["slow_i"], to=TensorProto.INT64),
                  helper.make_node("Mul", ["slow_i", "many_i"], ["more"]),
                  helper.make_node("Add", ["more", "one_i"], ["times"]),
                  helper.make_node("Concat", ["times", "one_i"], ["repeats"], axis=0),
                  helper.make_node("Reshape", ["image", "rows_shape"], ["rows"]),
                  helper.make_node("Tile", ["rows", "repeats"], ["x0"])]
        for i in range(steps):
            nodes.append(helper.make_node("MatMul", [f"x{i}", "eye"], [f"x{i + 1}"]))
        nodes.append(helper.make_node("ReduceMean", [f"x{steps}"], ["chained"], keepdims=0))
        return "chained"
    return extra


# --- metadata --------------------------------------------------------------------------------------------

def test_the_tiny_model_is_accepted(tmp_path):
    """The hostile variants below are refused for their stated reason, not because the tiny graph is broken."""
    predictor = Predictor(contract_model(tmp_path / "ok.onnx"), threads=1)
    dark, light = predictor.predict_batch([film(tmp_path, 20), film(tmp_path, 200)])
    for result in (dark, light):
        assert result.ok and result.label == "normal"
        assert result.probabilities == pytest.approx(dict(zip(CLASSES, GOOD["probabilities"])))
        assert result.heatmap.shape == (4, 4) and result.severity == pytest.approx(0.3)


@pytest.mark.parametrize("classes", [["covid19", "pneumonia", "normal"], ["normal", "covid19", "pneumonia"],
                                     ["pneumonia", "normal"], ["normal", "pneumonia", "covid19", "tuberculosis"]])
def test_classes_other_than_the_known_three_in_order_are_refused(tmp_path, classes):
    """Reproduction: a model whose metadata lists its classes in another order (covid19 first), with a
    rewritten checksum, made a normal film "COVID-19 91.8 %" under the same version label. The app knows
    exactly normal, pneumonia, covid19 in that order (UI, reports, site profiles, trainer); any other
    list is refused when the model is loaded."""
    path = contract_model(tmp_path / "swapped.onnx", classes_out=len(classes),
                          metadata={"classes": json.dumps(classes)})
    with pytest.raises(ModelError, match=r"not a CXR Triage model: its classes are .*"
                                         r"normal, pneumonia, covid19 in this order"):
        Predictor(path, threads=1)


@pytest.mark.parametrize("key, value, message", [
    ("input_size", "2000", "input size 2000 is outside 32 to 1024"),
    ("input_size", "20", "input size 20 is outside 32 to 1024"),
    ("temperature", "0", "temperature 0 is not a positive number"),
    ("temperature", "-1.5", "temperature -1.5 is not a positive number"),
    ("temperature", "inf", "temperature inf is not a positive number"),
    ("temperature", "nan", "temperature nan is not a positive number"),
    ("ood_threshold", "inf", "OOD threshold inf is not a finite number"),
    ("ood_threshold", "-inf", "OOD threshold -inf is not a finite number"),
    ("decision_thresholds", '{"covid19": 1.5}', "decision threshold for covid19 .1.5. is not a probability"),
    ("decision_thresholds", '{"normal": -0.1}', "decision threshold for normal .-0.1. is not a probability"),
    ("decision_thresholds", '{"covid19": {"threshold": 2}}', "decision threshold for covid19 .2. is not"),
    ("decision_thresholds", '{"covid19": "high"}', "decision threshold for covid19 .'high'. is not"),
    ("decision_thresholds", '{"covid19": {"note": "no number"}}', "decision threshold for covid19 .None. is not"),
    ("decision_thresholds", '{"covid19": true}', "decision threshold for covid19 .True. is not"),
    ("metrics", "[" * 100_000 + "]" * 100_000, "its metadata 'metrics' is not valid JSON"),
])
def test_metadata_out_of_range_is_refused(tmp_path, key, value, message):
    """Reproduction: metadata values the contract cannot mean were accepted: ``ood_threshold`` "inf"
    (nothing is ever refused as not a chest X-ray), a temperature of 0 or -1.5, a COVID-19 operating point
    of 1.5 (silently dropped), ``input_size`` 60000 (a numpy traceback and exit 1 on the grey
    self-check image; 2000 here keeps the test's memory small), and metrics nested 100,000 lists deep
    (a RecursionError traceback). Each is now a ModelError sentence (exit 2)."""
    path = contract_model(tmp_path / "bad.onnx", metadata={key: value})
    with pytest.raises(ModelError, match=message):
        Predictor(path, threads=1)


def test_infinite_ood_threshold_only_for_an_uncalibrated_export(tmp_path):
    """``cxr-export --allow-uncalibrated`` (a test model, "not for clinical use") writes ood_threshold
    "inf" and calibrated "false": it never rejects, and says so. A model that claims to be calibrated
    may not switch the refusal off that way (test above)."""
    path = contract_model(tmp_path / "raw.onnx", metadata={"ood_threshold": "inf", "calibrated": "false"})
    assert Predictor(path, threads=1).ood_threshold == float("inf")


def test_a_refused_model_is_exit_2_with_a_sentence(tmp_path, capsys):
    """Reproduction: ``cxr-triage predict --json --model swapped.onnx film.png`` printed "covid19" with
    exit 0 for a model whose classes were swapped. A model refused at load is bad usage: exit 2, the
    sentence on stderr, no JSON line."""
    path = contract_model(tmp_path / "swapped.onnx", metadata={"classes": json.dumps(CLASSES[::-1])})
    code = cli_main(["predict", "--json", "--model", str(path), str(film(tmp_path, 200))])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "is not a CXR Triage model: its classes are" in err


# --- outputs of every film ----------------------------------------------------------------------------

BAD_OUTPUTS = [
    ({"probabilities": [7.0, -3.0, 250.0]}, "probabilities outside 0 to 1"),
    ({"probabilities": [0.2, 0.2, 0.1]}, "probabilities that do not add up to 100 %"),
    ({"probabilities": [float("nan"), 0.5, 0.5]}, "probabilities outside 0 to 1"),
    ({"severity": -2.0}, "a severity outside 0 to 1"),
    ({"severity": float("inf")}, "a severity outside 0 to 1"),
    ({"heatmap": 7.5}, "a heatmap outside 0 to 1"),
    ({"heatmap": float("nan")}, "a heatmap outside 0 to 1"),
]


@pytest.mark.parametrize("on_dark, what", BAD_OUTPUTS)
def test_impossible_outputs_give_the_film_an_error_not_numbers(tmp_path, on_dark, what):
    """Reproduction: a model answering probabilities 7 / -3 / 250 and severity -2 printed "25000.0 %"
    in the PDF and a severity of "-200 %". Here the model is sane on the grey self-check image and on
    light films, and answers the impossible numbers only for dark films: the dark film gets an error
    sentence and no numbers (JSON probabilities and severity null), the light film in the same batch
    its normal result."""
    predictor = Predictor(contract_model(tmp_path / "bad.onnx", on_dark=on_dark), threads=1)
    dark_path, light_path = film(tmp_path, 20), film(tmp_path, 200)
    dark, light = predictor.predict_batch([dark_path, light_path])
    assert light.ok and light.label == "normal"
    assert dark.error is not None and what in dark.error and "no result is shown" in dark.error
    assert dark.label is None and not dark.ok and dark.probabilities == {} and dark.severity is None
    assert dark.heatmap is None and dark.path == dark_path and dark.image_record is not None
    row = dark.to_json_dict()
    assert row["probabilities"] is None and row["severity"] is None and row["label"] is None
    assert "25000" not in json.dumps(row)
    single = predictor.predict_path(dark_path)       # the single-film path gives the same sentence
    assert single.error == dark.error


def test_impossible_outputs_in_the_command_line(tmp_path, capsys):
    """Reproduction: ``cxr-triage predict --json`` printed probabilities 7 / -3 / 250 with exit 0.
    Now that film's line has an error sentence and nulls, and the run exits 1 (some files had errors)."""
    path = contract_model(tmp_path / "bad.onnx", on_dark={"probabilities": [7.0, -3.0, 250.0]})
    code = cli_main(["predict", "--json", "--model", str(path), str(film(tmp_path, 20))])
    out, _ = capsys.readouterr()
    row = json.loads(out.splitlines()[0])
    assert code == 1 and row["label"] is None and row["probabilities"] is None
    assert "probabilities outside 0 to 1" in row["error"]


@pytest.mark.parametrize("on_grey, what", [
    ({"probabilities": [7.0, -3.0, 250.0]}, "probabilities outside 0 to 1"),
    ({"severity": -2.0}, "a severity outside 0 to 1"),
])
def test_impossible_outputs_on_the_self_check_refuse_the_model(tmp_path, on_grey, what):
    """Reproduction: the same model answering impossible numbers for every image loaded without a word.
    The self-check image already shows it: the model is refused when it is loaded."""
    path = contract_model(tmp_path / "bad.onnx", on_light=on_grey)
    with pytest.raises(ModelError, match=f"not a CXR Triage model: on a test image it gives {what}"):
        Predictor(path, threads=1)


def test_huge_heatmap_is_refused(tmp_path):
    """Reproduction: a model with a 4000 x 4000 heatmap output stored 16 MB in every history row. The
    shipped model's heatmap is 7 x 7 (224 px input); a heatmap larger than 64 x 64 is refused at load."""
    path = contract_model(tmp_path / "huge.onnx", heatmap_hw=(4000, 4000))
    with pytest.raises(ModelError, match="its heatmap is 4000 x 4000 .at most 64 x 64."):
        Predictor(path, threads=1)


# --- graphs that never end -------------------------------------------------------------------------------

def test_infinite_loop_model_is_refused_quickly(tmp_path):
    """Reproduction: an 8.6 KB model with a Loop of 10^15 steps hung the app while loading (and closing),
    and ``cxr-triage --self-test`` / ``predict`` forever. A contract model is a feed-forward network with
    no loops or branches; now ``predict --model loop.onnx`` exits 2 with a sentence in well under 10 s.
    (Run in a subprocess, so that a hang fails the test instead of hanging the suite.)"""
    path = contract_model(tmp_path / "loop.onnx", extra=infinite_loop)
    assert path.stat().st_size < 10_000
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "desktop", "predict", "--json", "--model", str(path),
                               str(film(tmp_path, 200))], cwd=REPO, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("loading a model with an endless Loop hung for 30 s")
    assert time.monotonic() - start < 10
    assert done.returncode == 2, done.stderr
    assert "not a CXR Triage model: it contains a Loop operation" in done.stderr


@pytest.mark.parametrize("extra, functions, op", [(branch, (), "If"), (call_spin, (spin_function(),), "Loop")])
def test_control_flow_is_refused(tmp_path, extra, functions, op):
    """Reproduction: a model with an If (a branch can hold any graph, including a loop) or with a Loop
    hidden inside a model-local function loaded like any other. Both are refused before onnxruntime
    opens the file."""
    path = contract_model(tmp_path / "flow.onnx", extra=extra, functions=functions)
    with pytest.raises(ModelError, match=f"it contains an? {op} operation"):
        Predictor(path, threads=1)


def test_ort_format_file_is_refused(tmp_path, monkeypatch):
    """Reproduction: onnxruntime also opens its own ORT (flatbuffers) format, e.g. ``--model model.ort``
    with a checksum beside it, and the If model saved that way loaded, unseen by any check that reads
    ONNX. Now the graph check refuses it as not ONNX, and the session itself is told to read ONNX only
    (checked here with the graph check switched off)."""
    import onnxruntime as ort

    from desktop.engine import predictor as predictor_module

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.optimized_model_filepath = str(tmp_path / "model.ort")
    options.add_session_config_entry("session.save_model_format", "ORT")
    ort.InferenceSession(str(contract_model(tmp_path / "flow.onnx", extra=branch)), options,
                         providers=["CPUExecutionProvider"])
    path = tmp_path / "model.ort"
    write_checksum(path)
    with pytest.raises(ModelError, match="could not be opened: it is not a valid ONNX model"):
        Predictor(path, threads=1)
    monkeypatch.setattr(predictor_module, "refuse_control_flow", lambda path: None)
    with pytest.raises(ModelError, match="could not be opened: it is not a valid ONNX model"):
        Predictor(path, threads=1)


def test_slow_self_check_is_stopped(tmp_path, monkeypatch):
    """Reproduction: a model with no loop but a long chain of large products (about 25 s on the grey
    self-check image) kept the app loading with no way out. The self-check run has a time limit (set to
    0.5 s here); past it onnxruntime's ``RunOptions.terminate`` stops the run and the model is refused."""
    monkeypatch.setattr("desktop.engine.model_checks.SELF_CHECK_SECONDS", 0.5)
    path = contract_model(tmp_path / "slow.onnx", extra=matmul_chain(slow_on="grey"))
    start = time.monotonic()
    with pytest.raises(ModelError, match=r"took longer than 0.5 seconds on a test image and was stopped"):
        Predictor(path, threads=1)
    assert time.monotonic() - start < 8


def test_slow_film_is_stopped(tmp_path, monkeypatch):
    """Reproduction: the same chain, fast on the self-check image and on light films but slow on dark
    ones, hung the worker on the first dark film. Every film's run has a time limit (0.5 s here): that
    film gets an error sentence, and the session goes on with the next one."""
    monkeypatch.setattr("desktop.engine.model_checks.FILM_SECONDS", 0.5)
    monkeypatch.setattr("desktop.engine.model_checks.FILM_SECONDS_PER_FILM", 0.0)
    predictor = Predictor(contract_model(tmp_path / "slow.onnx", extra=matmul_chain(slow_on="dark")), threads=1)
    start = time.monotonic()
    dark = predictor.predict_path(film(tmp_path, 20))
    assert time.monotonic() - start < 8
    assert dark.error and "took longer than 0.5 seconds on this film and was stopped" in dark.error
    assert dark.probabilities == {} and dark.label is None
    assert predictor.predict_path(film(tmp_path, 200)).ok


# --- the class head a site profile adapts ----------------------------------------------------------

def test_the_class_head_is_checked_against_the_embedding_on_load(contract_model_path, rewrite_model, tmp_path):
    """A model with the ``embedding`` output: its metadata ``class_head`` must reproduce its probabilities
    (the contract's 1e-5), else the model is refused; a damaged head is refused with a sentence."""
    meta = {p.key: p.value for p in onnx.load(str(contract_model_path)).metadata_props}
    head = json.loads(meta["class_head"])
    loaded = Predictor(contract_model_path)
    assert np.array_equal(loaded.class_head["weight"], np.asarray(head["weight"], np.float32))

    # One bias moved (the same shift on every bias would leave the softmax as it was).
    nudged = {"weight": head["weight"], "bias": [head["bias"][0] + 0.05, *head["bias"][1:]]}
    with pytest.raises(ModelError, match="'class_head' does not reproduce its probabilities"):
        Predictor(rewrite_model(contract_model_path, tmp_path / "nudged.onnx", class_head=nudged))
    with pytest.raises(ModelError, match="'class_head' is not"):
        Predictor(rewrite_model(contract_model_path, tmp_path / "rows.onnx",
                                class_head={"weight": head["weight"][:2], "bias": head["bias"][:2]}))


def test_a_model_without_an_embedding_has_no_class_head(tmp_path):
    assert Predictor(contract_model(tmp_path / "plain.onnx"), threads=1).class_head is None
