"""A tiny contract model written with ``onnx.helper``: NumPy and onnx only, no torch, no trainer.

The app's tests (engine, CLI, GUI) need a model file that is exactly what the app loads (the contract of
``../shared/docs/architecture.md``, "The model file") and whose numbers depend on the film, but not a
trained network. This graph computes a few statistics of the 64 x 64 input and treats them as a
model would treat its features:

* ``embedding`` [N, 7]: seven statistics of the film (mean, log contrast, log roughness (mean neighbour
  difference over contrast), mediastinum-minus-lungs and top-minus-bottom brightness, correlation of its
  7 x 7 layout with the mean chest film's, skewness), centred and whitened with their mean and covariance
  over the 9,981 chest films of ``../shared/data/cxr``'s manifests (constants below, from ``measure``);
* ``probabilities``: softmax((embedding @ W.T + b) / 1.3), W and b drawn from a fixed seed and written to
  the ``class_head`` metadata exactly as in the graph, so a site profile could adapt them;
* ``severity``: a sigmoid of another fixed linear read-out of the embedding;
* ``ood_score``: the squared Mahalanobis distance of the film's statistics to those of the chest films
  (the embedding's squared length). ``OOD_THRESHOLD`` accepts every one of those films (at most 107)
  and rejects noise (170 to 300), flat images (900 and more) and 99.8 % of inverted films (negatives);
  films turned on their side or upside down mostly pass (the shipped model refuses those);
* ``heatmap`` [N, 7, 7]: the film average-pooled to 7 x 7 (16 px windows, stride 8), min-max scaled to 0..1.

Its metadata are those the export writes for the old torch-built test model (version "test-tiny-64",
temperature 1.3, "random weights" in its metrics, no decision thresholds). The file is deterministic:
the same bytes, and so the same SHA-256, on every run.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

INPUT_SIZE = 64
TEMPERATURE = 1.3
MODEL_VERSION = "test-tiny-64"
SEED = 20260101
CLASSES = ("normal", "pneumonia", "covid19")
FEATURES = ("mean", "log_contrast", "log_roughness", "mediastinum_minus_lungs", "top_minus_bottom",
            "chest_layout", "skewness")
CONTRAST_EPS = 0.02          # keeps ratios to the contrast finite on flat images

# --- chest-film statistics (``python tests/contract_model.py --measure ../shared/data/cxr``) -------------------
# The mean chest film's 7 x 7 layout (each film's pooled map standardised, averaged, scaled to unit RMS).
CHEST_LAYOUT = ((-1.462, -0.761, -0.076, 0.456, -0.043, -0.754, -1.458),
                (-0.734, -0.35, -0.179, 0.387, -0.072, -0.363, -0.762),
                (-0.788, -0.567, -0.298, 0.682, 0.039, -0.447, -0.826),
                (-1.056, -0.655, -0.023, 1.207, 0.593, -0.268, -1.058),
                (-1.269, -0.521, 0.39, 1.587, 1.145, 0.037, -1.243),
                (-1.174, 0.198, 1.14, 1.911, 1.558, 0.433, -1.254),
                (-0.771, 1.227, 1.99, 2.257, 1.94, 1.027, -0.973))
# Mean of the seven statistics over the chest films, and the inverse Cholesky factor of their covariance.
FEATURE_MEAN = (0.50476, -1.52253, -1.99022, 0.60048, -0.5213, 0.775, -0.4293)
WHITENING = ((11.3824, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
             (0.0205, 4.7265, 0.0, 0.0, 0.0, 0.0, 0.0),
             (1.9762, 0.9188, 5.2963, 0.0, 0.0, 0.0, 0.0),
             (2.6355, 0.4389, -1.9836, 4.2824, 0.0, 0.0, 0.0),
             (1.3432, -1.0488, -2.5816, -0.5544, 2.4745, 0.0, 0.0),
             (3.9302, -0.8794, -0.4774, -1.4039, -0.4635, 9.2855, 0.0),
             (14.836, -1.9501, -2.0872, -2.0244, 1.9683, 1.6514, 5.8))
# Squared Mahalanobis distance above which a film is refused (the largest among the chest films: 107).
OOD_THRESHOLD = 130.0


# --- the graph -----------------------------------------------------------------------------------------

def _graph_parts(layout, mean, whitening, head, severity_head):
    """Nodes and initializers computing ``features`` [N, 7] (raw statistics), ``pooled`` [N, 1, 7, 7]
    and, where the constants are given, the contract's outputs."""
    from onnx import helper, numpy_helper

    inits = []

    def const(name, value, dtype=np.float32):
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    nodes = []

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    all_axes, grid_axes = [1, 2, 3], [2, 3]
    eps, half = const("contrast_eps", CONTRAST_EPS), const("half", 0.5)
    last = INPUT_SIZE - 1

    def crop(src, name, starts, ends, axes):
        return node("Slice", [src, const(f"{name}_s", starts, np.int64), const(f"{name}_e", ends, np.int64),
                              const(f"{name}_a", axes, np.int64)], name)

    def mean_of(src, name, axes=all_axes):
        return node("ReduceMean", [src], name, axes=axes, keepdims=1)

    # Mean, contrast (standard deviation) and skewness of the pixels: [N, 1, 1, 1] each.
    m = mean_of("image", "m")
    centred = node("Sub", ["image", m], "centred")
    squared = node("Mul", [centred, centred], "squared")
    s = node("Sqrt", [mean_of(squared, "variance")], "s")
    s_eps = node("Add", [s, eps], "s_eps")
    cubed = node("Mul", [squared, centred], "cubed")
    s_eps3 = node("Mul", [node("Mul", [s_eps, s_eps], "s_eps2"), s_eps], "s_eps3")
    skew = node("Div", [mean_of(cubed, "third_moment"), s_eps3], "skewness")
    log_s = node("Log", [node("Add", [s, const("s_floor", 0.005)], "s_floored")], "log_contrast")
    # Roughness: mean absolute difference of neighbouring pixels over the contrast (noise ~1, films ~0.1).
    dx = node("Abs", [node("Sub", [crop("image", "right", [1], [INPUT_SIZE], [3]),
                                   crop("image", "left", [0], [last], [3])], "dx_raw")], "dx")
    dy = node("Abs", [node("Sub", [crop("image", "lower", [1], [INPUT_SIZE], [2]),
                                   crop("image", "upper", [0], [last], [2])], "dy_raw")], "dy")
    rough = node("Mul", [node("Add", [mean_of(dx, "rx"), mean_of(dy, "ry")], "rxy"), half], "rough")
    log_rr = node("Log", [node("Add", [node("Div", [rough, s_eps], "rr"), const("rr_floor", 0.01)], "rr_floored")],
                  "log_roughness")
    # The 7 x 7 layout: mediastinum (centre column) minus lung fields, top minus bottom.
    pooled = node("AveragePool", ["image"], "pooled", kernel_shape=[16, 16], strides=[8, 8])
    centre = mean_of(crop(pooled, "centre_col", [1, 3], [5, 4], [2, 3]), "centre", grid_axes)
    left = mean_of(crop(pooled, "left_col", [1, 1], [5, 2], [2, 3]), "left_lung", grid_axes)
    right = mean_of(crop(pooled, "right_col", [1, 5], [5, 6], [2, 3]), "right_lung", grid_axes)
    lungs = node("Mul", [node("Add", [left, right], "lungs_sum"), half], "lungs")
    mediastinum = node("Div", [node("Sub", [centre, lungs], "c_raw"), s_eps], "mediastinum")
    top = mean_of(crop(pooled, "top_rows", [0], [2], [2]), "top", grid_axes)
    bottom = mean_of(crop(pooled, "bottom_rows", [5], [7], [2]), "bottom", grid_axes)
    top_bottom = node("Div", [node("Sub", [top, bottom], "tb_raw"), s_eps], "top_minus_bottom")
    parts = [m, log_s, log_rr, mediastinum, top_bottom, None, skew]
    if layout is not None:          # correlation of the standardised pooled map with the chest layout
        p_centred = node("Sub", [pooled, mean_of(pooled, "p_mean", grid_axes)], "p_centred")
        p_rms = node("Sqrt", [mean_of(node("Mul", [p_centred, p_centred], "p_sq"), "p_var", grid_axes)], "p_rms")
        p_std = node("Div", [p_centred, node("Add", [p_rms, const("p_eps", 1e-3)], "p_rms_eps")], "p_std")
        parts[5] = mean_of(node("Mul", [p_std, const("layout", np.reshape(layout, (1, 1, 7, 7)))], "p_layout"),
                           "chest_layout", grid_axes)
    else:
        parts[5] = node("Mul", [m, const("zero", 0.0)], "no_layout")
    features = node("Flatten", [node("Concat", parts, "features_4d", axis=1)], "features", axis=1)   # [N, 7]
    outputs = {"features": features, "pooled": pooled}
    if mean is None:
        return nodes, inits, outputs

    # The contract's outputs.
    embedding = node("MatMul", [node("Sub", [features, const("feature_mean", [mean])], "features_centred"),
                                const("whitening_t", np.asarray(whitening).T)], "embedding")
    logits = node("Add", [node("MatMul", [embedding, const("head_weight_t", head["weight"].T)], "head_matmul"),
                          const("head_bias", head["bias"])], "logits")
    node("Softmax", [node("Div", [logits, const("temperature", TEMPERATURE)], "scaled_logits")], "probabilities",
         axis=1)
    severity_logit = node("Add", [node("MatMul", [embedding, const("severity_weight", severity_head["weight"][:, None])],
                                       "severity_matmul"), const("severity_bias", severity_head["bias"])],
                          "severity_logit")
    node("Reshape", [node("Sigmoid", [severity_logit], "severity_2d"), const("flat", [-1], np.int64)], "severity")
    node("ReduceSum", [node("Mul", [embedding, embedding], "embedding_sq"), const("axis1", [1], np.int64)],
         "ood_score", keepdims=0)
    grid = node("Squeeze", [pooled, const("channel_axis", [1], np.int64)], "grid")          # [N, 7, 7]
    low = node("ReduceMin", [grid], "grid_min", axes=[1, 2], keepdims=1)
    high = node("ReduceMax", [grid], "grid_max", axes=[1, 2], keepdims=1)
    span = node("Add", [node("Sub", [high, low], "grid_span"), const("span_eps", 1e-6)], "grid_span_eps")
    node("Div", [node("Sub", [grid, low], "grid_shifted"), span], "heatmap")
    return nodes, inits, outputs


def class_head(seed: int = SEED) -> dict:
    """The class head (float32 W [3, 7], b [3]) and the severity read-out, from a fixed seed."""
    rng = np.random.default_rng(seed)
    return {"weight": (rng.standard_normal((len(CLASSES), len(FEATURES))) * 0.8).astype(np.float32),
            "bias": (rng.standard_normal(len(CLASSES)) * 0.2).astype(np.float32),
            "severity_weight": (rng.standard_normal(len(FEATURES)) * 0.6).astype(np.float32),
            "severity_bias": np.float32(-0.8)}


def metadata(head: dict) -> dict:
    """The contract's metadata (all strings), as the export writes them for a test model."""
    return {
        "classes": json.dumps(list(CLASSES)),
        "input_size": str(INPUT_SIZE),
        "model_version": MODEL_VERSION,
        "architecture": "chest-film statistics, linear heads (tests/contract_model.py, onnx.helper)",
        "temperature": repr(TEMPERATURE),
        "ood_threshold": repr(float(OOD_THRESHOLD)),
        "severity_definition": ("fraction of lung fields involved: geographic extent score / 8 (Cohen et al. 2020); "
                                "Brixia global / 18 where that was the source"),
        "decision_thresholds": "{}",
        "metrics": json.dumps({"note": "random weights: a test model, not a medical one", "macro_f1": 0.0},
                              sort_keys=True),
        "training_manifest_sha256": "0" * 64,
        "created": "2026-01-01T00:00:00+00:00",
        # Extras, as the export writes them; readers ignore keys they do not know.
        "calibrated": "true",
        "input_preprocessing": ("whole image -> 8-bit grayscale 'L' -> Pillow BILINEAR to SxS -> /255; "
                                "float32 [N, 1, S, S]"),
        "heatmap_method": "the film average-pooled to 7 x 7, min-max scaled to 0..1 (a test model: not Grad-CAM)",
        "ood_method": "squared Mahalanobis distance of seven film statistics to those of the shared chest films",
        "class_head": json.dumps({"weight": head["weight"].tolist(), "bias": head["bias"].tolist()}),
    }


def write_contract_model(path) -> Path:
    """Write the tiny contract model to ``path`` with its ``.sha256``; returns the path."""
    import onnx
    from onnx import TensorProto, helper

    from desktop.engine.integrity import write_checksum

    head = class_head()
    nodes, inits, _ = _graph_parts(np.asarray(CHEST_LAYOUT), np.asarray(FEATURE_MEAN), np.asarray(WHITENING), head,
                                   {"weight": head["severity_weight"], "bias": head["severity_bias"]})
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, INPUT_SIZE, INPUT_SIZE])
    outputs = [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", len(CLASSES)]),
               helper.make_tensor_value_info("severity", TensorProto.FLOAT, ["N"]),
               helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, ["N", 7, 7]),
               helper.make_tensor_value_info("ood_score", TensorProto.FLOAT, ["N"]),
               helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", len(FEATURES)])]
    graph = helper.make_graph(nodes, "cxr-triage-test-tiny", [image], outputs, initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="tests/contract_model.py")
    model.ir_version = 8
    for key, value in metadata(head).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model, full_check=True)
    path = Path(path)
    path.write_bytes(model.SerializeToString())
    write_checksum(path)
    return path


# --- measuring the chest-film statistics ----------------------------------------------------------------------

def _run_parts(images: np.ndarray, layout=None) -> dict:
    """Run the statistics part of the graph on float32 [N, 1, 64, 64] -> {"features", "pooled"}."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    nodes, inits, outputs = _graph_parts(layout, None, None, None, None)
    graph = helper.make_graph(nodes, "statistics", [helper.make_tensor_value_info(
        "image", TensorProto.FLOAT, ["N", 1, INPUT_SIZE, INPUT_SIZE])],
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, None) for name in outputs.values()], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return dict(zip(outputs, session.run(list(outputs.values()), {"image": images})))


def measure(images: np.ndarray) -> dict:
    """The constants above from chest films (float32 [N, 1, 64, 64] in the contract's preprocessing)."""
    pooled = _run_parts(images)["pooled"][:, 0].astype(np.float64)
    centred = pooled - pooled.mean((1, 2), keepdims=True)
    layout = (centred / (np.sqrt((centred ** 2).mean((1, 2), keepdims=True)) + 1e-3)).mean(0)
    layout = np.round(layout / np.sqrt((layout ** 2).mean()), 3)
    features = _run_parts(images, layout)["features"].astype(np.float64)
    mean = features.mean(0)
    whitening = np.linalg.inv(np.linalg.cholesky(np.cov(features.T)))
    mean, whitening = np.round(mean, 5), np.round(whitening, 4)
    distances = ((((features - mean) @ whitening.T)) ** 2).sum(1)
    return {"CHEST_LAYOUT": layout, "FEATURE_MEAN": mean, "WHITENING": whitening,
            "largest_distance": float(distances.max()), "films": len(images)}


def _main(argv=None) -> None:
    import argparse
    import csv
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from desktop.engine.imaging import load_xray
    from desktop.engine.contract import to_model_input

    parser = argparse.ArgumentParser(description="Measure the tiny contract model's chest-film statistics.")
    parser.add_argument("--measure", metavar="CXR_FOLDER", required=True, help="../shared/data/cxr")
    args = parser.parse_args(argv)
    root = Path(args.measure)
    paths = []
    for manifest in sorted(root.glob("manifest-*.csv")):
        with open(manifest, newline="", encoding="utf-8") as f:
            paths += [root / row["path"] for row in csv.DictReader(f)]
    images = np.stack([to_model_input(load_xray(p, max_side=INPUT_SIZE).image, INPUT_SIZE) for p in paths])
    np.set_printoptions(precision=5, suppress=True, linewidth=120)
    for name, value in measure(images).items():
        print(f"{name} = {value!r}")


if __name__ == "__main__":
    _main()
