"""What a model file must say and do before the app shows its numbers (the contract in
``../shared/docs/architecture.md``, "The model file"). NumPy and onnxruntime only.

The ``.sha256`` beside a model proves its bytes are the ones written with it, not who wrote them:
whoever can replace the model can rewrite its checksum. So the predictor also checks, on load:

* the graph holds no loop or branch (``refuse_control_flow``): the contract's network is feed-forward,
  and a Loop of 10^15 steps would otherwise hang loading, closing and ``--self-test``;
* the metadata means what the contract says (``parse_metadata``): exactly the three known classes in
  their order, an input size of 32..1024, a finite positive temperature, a finite OOD threshold (or
  +inf beside calibrated "false": an uncalibrated test export) and decision thresholds in [0, 1];
* one run on a grey image, under a time limit, gives outputs of the contract's shapes and ranges
  (``check_self_test``), with a heatmap of at most 64 x 64;

and on every film, every run has a time limit and every output is checked (``output_problems``): a film
whose numbers cannot be right gets an error sentence instead of numbers.
"""

import json
import math
import threading
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

from desktop.engine.contract import (CLASS_HEAD_METADATA, CLASS_HEAD_TOLERANCE, CLASSES, JSON_METADATA,
                                     REQUIRED_METADATA, class_head_probabilities)
from desktop.engine.errors import ModelError
from desktop.engine.onnx_graph import first_control_flow

# Input size: the shipped model reads 224 px and the tests' models 64. Under 32 px the backbone's last
# feature map (stride 32) is smaller than 1 x 1, so neither the classes nor the heatmap mean anything;
# over 1024 px one input is 4 MB and a run about 20 times the shipped model's, beyond the laptop's
# budget, while 60000 (a red-team file) asked NumPy for 14 GB on the self-check image.
MIN_INPUT_SIZE, MAX_INPUT_SIZE = 32, 1024
# Heatmap: the shipped model's is 7 x 7 (224 / 32); at the largest input size (1024 / 32) it would be
# 32 x 32. 64 x 64 leaves twice that, and keeps a history row's heatmap (uint8) at 4 KB, not 16 MB.
MAX_HEATMAP_SIDE = 64
# Time limits: the shipped model takes 1-3 ms a film on the budget laptop; these are thousands of
# times that, so only a broken or hostile graph (or a machine too busy to be used) meets them.
SELF_CHECK_SECONDS = 30.0
FILM_SECONDS, FILM_SECONDS_PER_FILM = 30.0, 1.0        # one run of N films: 30 s + 1 s per film
# Control flow: a CXR Triage model is a feed-forward network (the shipped one: 183 nodes of 32 op types,
# none of them these). A Loop's or Scan's step count, or the branch an If takes, can depend on the
# pixels, so no check of one run bounds the next; any node that carries a subgraph is refused too.
RANGE_TOLERANCE = 1e-5       # float32 rounding of values that are 0..1 by construction
SUM_TOLERANCE = 1e-3         # softmax probabilities add up to 1 (float32: within ~1e-6)

REINSTALL = "Reinstall CXR Triage or export the model again."
FILM_ADVICE = ("The model file may be damaged or not a CXR Triage model: reinstall CXR Triage, or ask "
               "whoever supplied the model.")


def not_a_cxr_model(path: Path, what: str) -> ModelError:
    return ModelError(f"The model file {path.name} is not a CXR Triage model: {what}. "
                      "Reinstall CXR Triage to restore its model, or use a model exported by cxr-export "
                      "(see README).")


def damaged(path: Path, detail: str) -> ModelError:
    return ModelError(f"The model file {path.name} could not be opened: it is not a valid ONNX model or it "
                      f"is damaged or truncated. {REINSTALL} (Detail: {detail})")


# --- metadata --------------------------------------------------------------------------------------

def parse_metadata(path: Path, raw: dict) -> dict:
    """Metadata strings -> typed values for the contract's keys, or ModelError when one of them is
    missing or means something the contract cannot; unknown keys are kept as strings."""
    missing = [key for key in REQUIRED_METADATA if key not in raw]
    if missing:
        raise not_a_cxr_model(path, f"its metadata lacks {', '.join(missing)}")
    meta = dict(raw)
    for key in JSON_METADATA:
        try:
            meta[key] = json.loads(raw[key])
        except (json.JSONDecodeError, RecursionError):      # RecursionError: [[[[...]]]] nested too deep
            raise not_a_cxr_model(path, f"its metadata {key!r} is not valid JSON") from None
    classes = meta["classes"]
    if not (isinstance(classes, list) and classes and all(isinstance(c, str) and c for c in classes)
            and len(set(classes)) == len(classes)):
        raise not_a_cxr_model(path, "its metadata 'classes' is not a list of distinct class names")
    if classes != list(CLASSES):
        # The UI, reports, site profiles and trainer know these three; another order would put
        # one class's probability under another's name.
        raise not_a_cxr_model(path, f"its classes are {_short(', '.join(classes))}; CXR Triage reads "
                                    f"exactly {', '.join(CLASSES)} in this order")
    if not isinstance(meta["decision_thresholds"], dict):
        raise not_a_cxr_model(path, "its metadata 'decision_thresholds' is not a JSON object")
    try:
        meta["input_size"] = int(raw["input_size"])
        meta["temperature"] = float(raw["temperature"])
        meta["ood_threshold"] = float(raw["ood_threshold"])
    except ValueError:
        raise not_a_cxr_model(path, "its metadata input_size, temperature or ood_threshold is not a number") from None
    if not MIN_INPUT_SIZE <= meta["input_size"] <= MAX_INPUT_SIZE:
        raise not_a_cxr_model(path, f"its input size {meta['input_size']} is outside {MIN_INPUT_SIZE} to "
                                    f"{MAX_INPUT_SIZE} pixels")
    if not (math.isfinite(meta["temperature"]) and meta["temperature"] > 0):
        raise not_a_cxr_model(path, f"its temperature {_short(raw['temperature'])} is not a positive number")
    # +inf is what `cxr-export --allow-uncalibrated` writes for "never rejects", beside calibrated
    # "false" (a test model, not for clinical use); a model that claims calibration may not say it.
    uncalibrated = str(raw.get("calibrated", "")).strip().lower() == "false"
    if not (math.isfinite(meta["ood_threshold"]) or (uncalibrated and meta["ood_threshold"] == math.inf)):
        raise not_a_cxr_model(path, f"its OOD threshold {_short(raw['ood_threshold'])} is not a finite number")
    for name, value in meta["decision_thresholds"].items():
        if name not in CLASSES:
            continue                  # readers ignore what they do not know
        threshold = value.get("threshold") if isinstance(value, dict) else value
        # Closed [0, 1]: the trainer's fitted threshold is a film's float32 probability, which is
        # exactly 1.0 for a confident model; 0 and 1 are "always" and "never" call the class.
        if not (isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
                and math.isfinite(threshold) and 0 <= threshold <= 1):
            raise not_a_cxr_model(path, f"its decision threshold for {name} ({_short(repr(threshold))}) is not a "
                                        "probability between 0 and 1")
    if CLASS_HEAD_METADATA in raw:
        meta[CLASS_HEAD_METADATA] = _class_head(path, raw[CLASS_HEAD_METADATA], len(classes))
    return meta


def _class_head(path: Path, text: str, num_classes: int) -> dict:
    """Metadata ``class_head`` -> {"weight": float32 [C, D], "bias": float32 [C]}, or ModelError."""
    try:
        head = json.loads(text)
        weight = np.asarray(head["weight"], dtype=np.float32)
        bias = np.asarray(head["bias"], dtype=np.float32)
    except (json.JSONDecodeError, RecursionError, KeyError, TypeError, ValueError):
        raise not_a_cxr_model(path, "its metadata 'class_head' is not a weight matrix and a bias") from None
    if weight.ndim != 2 or weight.shape[0] != num_classes or bias.shape != (num_classes,) \
            or not (np.isfinite(weight).all() and np.isfinite(bias).all()):
        raise not_a_cxr_model(path, f"its metadata 'class_head' is not {num_classes} rows of finite weights")
    return {"weight": weight, "bias": bias}


def check_class_head(path: Path, probabilities: np.ndarray, embedding: np.ndarray, head: dict,
                     temperature: float) -> None:
    """ModelError unless the metadata's class head applied to ``embedding`` gives ``probabilities`` (to
    CLASS_HEAD_TOLERANCE): a site profile adapts that head, so it must be the graph's own."""
    embedding = np.asarray(embedding)
    if embedding.ndim != 2 or embedding.shape != (len(probabilities), head["weight"].shape[1]):
        raise not_a_cxr_model(path, f"its embedding output has shape {embedding.shape}, not "
                                    f"[N, {head['weight'].shape[1]}] as its class head needs")
    gap = float(np.abs(class_head_probabilities(embedding, head, temperature) - probabilities).max())
    if not gap <= CLASS_HEAD_TOLERANCE:
        raise not_a_cxr_model(path, f"its metadata 'class_head' does not reproduce its probabilities "
                                    f"(off by {gap:.1e})")


def _short(text: str, limit: int = 60) -> str:
    text = str(text).strip()
    return text if len(text) <= limit else text[:limit] + "..."


# --- the graph: no loops or branches -----------------------------------------------------------------

def refuse_control_flow(path: Path) -> None:
    """ModelError when the model's graph, or a function it defines, has a node that loops or branches
    (or carries any subgraph). Runs before onnxruntime opens the file, which may already run
    constant parts of a graph while it optimises it."""
    try:
        data = path.read_bytes()
    except MemoryError:
        raise ModelError(f"The model file {path.name} is too large to open with the memory available.") from None
    except OSError as exc:
        raise ModelError(f"The model file {path} could not be read ({exc.strerror or exc}).") from exc
    try:
        op = first_control_flow(data)
    except ValueError as exc:
        raise damaged(path, str(exc)) from None
    if op is not None:
        article = "an" if op[:1].upper() in "AEIOU" else "a"
        raise not_a_cxr_model(path, f"it contains {article} {op} operation (a loop or branch), which a CXR Triage "
                                    "model never needs and which could keep the app busy forever")


# --- runs with a time limit --------------------------------------------------------------------------

class RunStopped(Exception):
    """A session run went past its time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class _Watchdog:
    """One daemon thread for every session: sets ``RunOptions.terminate`` (which onnxruntime checks
    between nodes) on a run past its deadline. Starting a run costs a lock and a dict entry; a
    threading.Timer per run cost about 0.5 ms on the budget laptop, a twentieth of a film's budget."""

    def __init__(self):
        self._cond = threading.Condition()
        self._runs = {}                 # id(options) -> (options, monotonic deadline)
        self._wake_at = None            # when the thread's wait ends; None: waiting for a run
        self._thread = None

    def watch(self, options: ort.RunOptions, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        with self._cond:
            self._runs[id(options)] = (options, deadline)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="cxr-model-watchdog", daemon=True)
                self._thread.start()
            elif self._wake_at is None or deadline < self._wake_at:
                self._cond.notify()

    def release(self, options: ort.RunOptions) -> None:
        with self._cond:
            self._runs.pop(id(options), None)

    def _loop(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for key, (options, deadline) in list(self._runs.items()):
                    if deadline <= now:
                        options.terminate = True
                        del self._runs[key]
                self._wake_at = min((deadline for _, deadline in self._runs.values()), default=None)
                self._cond.wait(None if self._wake_at is None else self._wake_at - now)


_WATCHDOG = _Watchdog()


def run_with_time_limit(session: ort.InferenceSession, names, feeds: dict, seconds: float) -> list:
    """``session.run(names, feeds)``, stopped after ``seconds`` (RunStopped)."""
    options = ort.RunOptions()
    _WATCHDOG.watch(options, seconds)
    try:
        return session.run(list(names), feeds, options)
    except Exception:
        if options.terminate:
            raise RunStopped(seconds) from None
        raise
    finally:
        _WATCHDOG.release(options)


def film_seconds(count: int) -> float:
    return FILM_SECONDS + FILM_SECONDS_PER_FILM * count


# --- outputs -----------------------------------------------------------------------------------------

def check_self_test(path: Path, outputs, num_classes: int) -> tuple[int, int]:
    """The outputs of one run on the grey self-check image -> heatmap (h, w); ModelError when their
    shapes are not the contract's, the heatmap is larger than MAX_HEATMAP_SIDE, or a value is out of range."""
    probabilities, severity, heatmap, ood_score = (np.asarray(o) for o in outputs)
    if probabilities.shape != (1, num_classes) or severity.shape != (1,) or heatmap.ndim != 3 \
            or heatmap.shape[0] != 1 or ood_score.shape != (1,):
        raise not_a_cxr_model(path, "its outputs do not have the contract's shapes")
    size = tuple(int(n) for n in heatmap.shape[1:])
    if not all(1 <= n <= MAX_HEATMAP_SIDE for n in size):
        raise not_a_cxr_model(path, f"its heatmap is {size[0]} x {size[1]} (at most {MAX_HEATMAP_SIDE} x "
                                    f"{MAX_HEATMAP_SIDE})")
    problem = output_problems(outputs, 1, num_classes, size)[0]
    if problem:
        raise not_a_cxr_model(path, f"on a test image it gives {problem}")
    return size


def output_problems(outputs, count: int, num_classes: int, heatmap_size) -> list[str | None]:
    """For each of ``count`` films, what is wrong with its outputs ("probabilities outside 0 to 1", ...)
    or None. The OOD score is not checked here: a non-finite one is a rejection (predictor)."""
    probabilities, severity, heatmap, ood_score = (np.asarray(o) for o in outputs)
    if probabilities.shape != (count, num_classes) or severity.shape != (count,) \
            or heatmap.shape != (count, *heatmap_size) or ood_score.shape != (count,):
        return ["results of the wrong shape"] * count
    # NaN fails every comparison, so these also catch NaN (and +-inf is out of range).
    low, high = -RANGE_TOLERANCE, 1 + RANGE_TOLERANCE
    checks = [
        (((probabilities >= low) & (probabilities <= high)).all(axis=1), "probabilities outside 0 to 1"),
        (np.abs(probabilities.sum(axis=1, dtype=np.float64) - 1) <= SUM_TOLERANCE,
         "probabilities that do not add up to 100 %"),
        ((severity >= low) & (severity <= high), "a severity outside 0 to 1"),
        (((heatmap >= low) & (heatmap <= high)).reshape(count, -1).all(axis=1), "a heatmap outside 0 to 1"),
    ]
    problems = []
    for i in range(count):
        problems.append(next((what for ok, what in checks if not ok[i]), None))
    return problems


def film_error(problem: str) -> str:
    return f"The model gave {problem} for this film, which cannot be right, so no result is shown. {FILM_ADVICE}"


def film_stopped(seconds: float) -> str:
    return (f"The model took longer than {seconds:g} seconds on this film and was stopped, so no result is "
            f"shown. {FILM_ADVICE}")
