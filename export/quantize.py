"""Optional int8 static quantisation (QDQ) of an exported contract model: ``cxr-export ... --int8 DIR``.

Only the backbone's convolutions are quantised: the head, the in-graph Grad-CAM, the softmax and
the Mahalanobis OOD score stay float32 (int8 would coarsen exactly the numbers the clinic reads).
Activations are calibrated on chest X-rays from ``DIR``, through the contract's preprocessing.

Not the shipped model. Measured with ``python -m export.quantize MODEL CALIBRATION_DIR EVAL_DIR``
(75 calibration films, 75 other real films, a random-weight 224 model with settled BatchNorm;
2-core CPU shared with a training run):
  - speed, batch 1, 2 threads: int8 188 ms vs float32 177 ms median (both inflated by the load): no gain;
  - arg-max agreement 79 %, max probability difference 0.66, heatmap Pearson r median 0.22,
    OOD score relative difference median 3.4x: the Mahalanobis distance amplifies the int8 feature
    error in low-variance directions, so the OOD refusal would not be the one validated.
A trained model may quantise better, but the OOD amplification is structural; float32 ships.
"""

import sys
import time
from pathlib import Path

import numpy as np
import onnx

from desktop.engine.files import iter_image_files
from desktop.engine.imaging import load_xray
from desktop.engine.integrity import write_checksum
from desktop.engine.contract import INPUT_NAME, to_model_input

MAX_CALIBRATION_FILMS = 200


class FilmReader:
    """onnxruntime's CalibrationDataReader protocol: one preprocessed film per ``get_next``."""

    def __init__(self, files, input_size: int):
        self.files = iter(files)
        self.input_size = input_size

    def get_next(self):
        for path in self.files:
            try:
                image = load_xray(path, max_side=self.input_size).image
            except Exception:   # an unreadable calibration file is skipped, not fatal
                continue
            return {INPUT_NAME: to_model_input(image, self.input_size)[None]}
        return None


def quantize_model(model_path, calibration_dir, output=None) -> Path:
    """-> path of ``<stem>-int8.onnx`` (with its .sha256); the metadata is copied and marked."""
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static

    from export.onnx_export import ExportError

    model_path = Path(model_path)
    output = Path(output) if output else model_path.with_name(model_path.stem + "-int8.onnx")
    proto = onnx.load(str(model_path))
    metadata = {p.key: p.value for p in proto.metadata_props}
    input_size = int(metadata["input_size"])
    files = list(iter_image_files([Path(calibration_dir)]))[:MAX_CALIBRATION_FILMS]
    if not files:
        raise ExportError(f"No X-ray files in {calibration_dir} to calibrate the int8 model with.")

    quantize_static(str(model_path), str(output), FilmReader(files, input_size), quant_format=QuantFormat.QDQ,
                    op_types_to_quantize=["Conv"], per_channel=True, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, calibrate_method=CalibrationMethod.MinMax)

    quantized = onnx.load(str(output))
    del quantized.metadata_props[:]
    for key, value in {**metadata, "quantization": f"int8 QDQ, backbone Conv only, {len(files)} calibration films",
                       "model_version": metadata["model_version"] + "-int8"}.items():
        entry = quantized.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(quantized, str(output))
    write_checksum(output)
    return output


def compare(float_path, int8_path, eval_dir, threads: int = 2) -> dict:
    """int8 against float32 on the films in ``eval_dir``: agreement and speed (batch 1, interleaved)."""
    import onnxruntime as ort

    def session(path):
        options = ort.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    reference, quantized = session(float_path), session(int8_path)
    size = reference.get_inputs()[0].shape[2]
    films = np.stack([to_model_input(load_xray(p).image, size) for p in iter_image_files([Path(eval_dir)])])
    a = reference.run(None, {INPUT_NAME: films})
    b = quantized.run(None, {INPUT_NAME: films})
    heat_r = [np.corrcoef(x.ravel(), y.ravel())[0, 1] for x, y in zip(a[2], b[2])]
    times = {"float32": [], "int8": []}
    for _ in range(100):
        for name, sess in (("float32", reference), ("int8", quantized)):
            start = time.perf_counter()
            sess.run(None, {INPUT_NAME: films[:1]})
            times[name].append(time.perf_counter() - start)
    return {"films": len(films),
            "argmax_agreement": float((a[0].argmax(1) == b[0].argmax(1)).mean()),
            "max_probability_diff": float(np.abs(a[0] - b[0]).max()),
            "max_severity_diff": float(np.abs(a[1] - b[1]).max()),
            "heatmap_r_median": float(np.nanmedian(heat_r)),
            "ood_relative_diff_median": float(np.median(np.abs(a[3] - b[3]) / np.abs(a[3]))),
            "float32_ms_median": 1000 * float(np.median(times["float32"])),
            "int8_ms_median": 1000 * float(np.median(times["int8"]))}


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python -m export.quantize MODEL.onnx CALIBRATION_DIR EVAL_DIR")
    int8 = quantize_model(sys.argv[1], sys.argv[2])
    for key, value in compare(sys.argv[1], int8, sys.argv[3]).items():
        print(f"{key:>26}: {value:.4g}")
