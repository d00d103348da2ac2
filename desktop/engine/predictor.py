"""``Predictor``: owns the one onnxruntime session of a contract model file and turns X-ray files
into ``TriageResult``s. NumPy, Pillow and onnxruntime only (no torch).

    Predictor(path) = checksum check -> no loops/branches -> session -> contract check (metadata,
                      names, shapes, one timed run on a grey image; see model_checks.py)
    predict(x)      = prepare (load_xray -> to_model_input) -> infer (session.run, timed -> output checks
                      -> decision rule -> OOD/DICOM rejection)

``prepare`` and ``infer`` are apart so that films can be decoded on other threads while the session
runs (``desktop/engine/pipeline.py``).

The model contract is in ``../shared/docs/architecture.md`` ("The model file"); the names below are it.
"""

import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

from desktop.engine import imaging, model_checks
from desktop.engine.errors import ModelError, XrayReadError
from desktop.engine.imaging import ImageRecord, load_xray
from desktop.engine.integrity import sha256_file, verify_model_checksum
from desktop.engine.model_checks import (RunStopped, check_class_head, check_self_test, damaged, film_error, film_seconds, film_stopped,
                                         not_a_cxr_model, output_problems, parse_metadata, refuse_control_flow,
                                         run_with_time_limit)
from desktop.engine.contract import (CLASS_HEAD_METADATA, EMBEDDING_OUTPUT, INPUT_NAME, OUTPUT_NAMES,
                                     class_head_probabilities, decide_label, operating_points, to_model_input)
from desktop.engine.site_profile import SiteProfile, SiteProfileError, load_site_profile
from desktop.engine.results import REJECTED_NOT_CXR, TriageResult, error_result



@dataclass
class PreparedFilm:
    """One film read and preprocessed, waiting for the session (``Predictor.prepare``)."""
    record: ImageRecord
    pixels: np.ndarray            # float32 [1, S, S], the contract's input
    load_ms: float
    preprocess_ms: float


DEFAULT_MODEL_RELATIVE = Path("assets") / "models" / "cxr-triage.onnx"
MODEL_ENV = "CXR_TRIAGE_MODEL"
HOW_TO_GET_A_MODEL = ("Train and export one (see README: cxr-train ..., then "
                      "cxr-export CHECKPOINT -o assets/models/cxr-triage.onnx), or pass --model FILE.")


# --- where the default model lives -----------------------------------------------------------------

def asset_roots() -> list[Path]:
    """Folders that may hold ``assets/``, in order: the frozen app's bundle (PyInstaller's
    sys._MEIPASS, then the executable's folder), then the source tree's repo root."""
    roots = []
    if getattr(sys, "frozen", False):
        if hasattr(sys, "_MEIPASS"):
            roots.append(Path(sys._MEIPASS))
        roots.append(Path(sys.executable).resolve().parent)
    roots.append(Path(__file__).resolve().parents[2])
    return roots


def default_model_candidates() -> list[Path]:
    """Where the default model may be: $CXR_TRIAGE_MODEL first, then ``assets/models`` in ``asset_roots()``."""
    candidates = [Path(os.environ[MODEL_ENV])] if os.environ.get(MODEL_ENV) else []
    return candidates + [root / DEFAULT_MODEL_RELATIVE for root in asset_roots()]


def default_model_path() -> Path:
    """The default model file; ModelError saying where it looked when there is none."""
    candidates = default_model_candidates()
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise ModelError(f"No model file found (looked in {looked}). {HOW_TO_GET_A_MODEL}")


# --- the predictor ---------------------------------------------------------------------------------

class Predictor:
    """One contract model, one onnxruntime session; ``predict*`` are safe to call from one worker thread."""

    def __init__(self, model_path, *, verify_checksum: bool = True, threads: int | None = None):
        self.path = Path(model_path)
        if self.path.is_dir():
            raise ModelError(f"{self.path} is a folder, not a model file. {HOW_TO_GET_A_MODEL}")
        if not self.path.is_file():
            raise ModelError(f"The model file {self.path} does not exist. {HOW_TO_GET_A_MODEL}")
        self.sha256 = verify_model_checksum(self.path) if verify_checksum else None
        refuse_control_flow(self.path)
        self.session = _open_session(self.path, threads)
        self.metadata = parse_metadata(self.path, self.session.get_modelmeta().custom_metadata_map)
        self.classes = self.metadata["classes"]
        self.input_size = self.metadata["input_size"]
        self.model_version = self.metadata["model_version"]
        self.temperature = self.metadata["temperature"]
        self.ood_threshold = self.metadata["ood_threshold"]
        self.operating_points = operating_points(self.metadata["decision_thresholds"], self.classes)
        _check_signature(self.path, self.session, self.input_size, len(self.classes))
        # class_head: what a site profile adapts, only where the graph's embedding reproduces it.
        self.heatmap_size, self.class_head = _check_runs(self.path, self.session, self.metadata)
        # Results carry the embedding (float32 [D]) when this is set: what ``adapt`` fits on.
        self.keep_embeddings = False
        self.site: SiteProfile | None = None

    # -- site profiles --

    @property
    def adaptable(self) -> bool:
        """The model has the ``embedding`` output and a class head that reproduces its probabilities."""
        return self.class_head is not None

    @property
    def model_sha256(self) -> str:
        """SHA-256 of the model file, the identity a site profile is bound to."""
        if self.sha256 is None:
            self.sha256 = sha256_file(self.path)
        return self.sha256

    def load_site(self, path) -> SiteProfile:
        """Read a site profile, check it belongs to this model, and apply it to every film from now on.
        SiteProfileError with the sentence when it cannot be used (the previous profile stays)."""
        profile = load_site_profile(path, self.model_sha256, self.classes)
        self.set_site(profile)
        return profile

    def set_site(self, profile: SiteProfile | None) -> None:
        """Apply ``profile`` (already checked against this model's SHA-256) or, with None, the model's own head."""
        if profile is not None:
            if not self.adaptable:
                raise SiteProfileError(f"The model {self.model_version} has no embedding output, so a site profile "
                                       "cannot be applied to it.")
            if profile.model_sha256 != self.model_sha256:
                raise SiteProfileError(f"The site profile {profile.name} was fitted for another model file.")
            width = len(self.class_head["weight"][0])
            if len(profile.head["weight"][0]) != width or list(profile.classes) != list(self.classes):
                raise SiteProfileError(f"The site profile {profile.name} does not fit this model's class head.")
        self.site = profile

    def __repr__(self) -> str:
        return f"Predictor({str(self.path)!r}, version={self.model_version!r}, input_size={self.input_size})"

    # -- public API --

    def predict(self, record_or_path, *, sha256: bool = False) -> TriageResult:
        """One file or ImageRecord -> result. A path that cannot be read raises XrayReadError.
        ``sha256``: a path is hashed and decoded through one open handle (``load_xray``), so
        ``result.image_record.sha256`` names exactly the bytes this result was computed from."""
        return self.infer([self.prepare(record_or_path, sha256=sha256)])[0]

    def predict_path(self, path, *, sha256: bool = False) -> TriageResult:
        """Like ``predict`` but never raises XrayReadError: an unreadable file gives a result with ``.error``."""
        try:
            return self.predict(path, sha256=sha256)
        except XrayReadError as exc:
            return error_result(path, str(exc))

    def predict_batch(self, items) -> list[TriageResult]:
        """ImageRecords and/or paths -> results in the same order, with one session run for all
        readable ones; an unreadable path becomes an error result (the batch goes on)."""
        results: list = []
        for item in items:
            try:
                results.append(self.prepare(item))
            except XrayReadError as exc:
                results.append(error_result(item, str(exc)))
        films = [r for r in results if isinstance(r, PreparedFilm)]
        inferred = iter(self.infer(films) if films else ())
        return [next(inferred) if isinstance(r, PreparedFilm) else r for r in results]

    def prepare(self, record_or_path, *, sha256: bool = False) -> PreparedFilm:
        """The per-film work before the session: decode (a path) and preprocess. Touches no state of
        the predictor, so several threads may prepare films while one thread runs ``infer``.
        Raises XrayReadError for a path that cannot be read."""
        start = time.perf_counter()
        if isinstance(record_or_path, ImageRecord):
            record, load_ms = record_or_path, 0.0
        else:
            record = _load_for_model(record_or_path, self.input_size, sha256)
            load_ms = (time.perf_counter() - start) * 1000
        middle = time.perf_counter()
        pixels = to_model_input(record.image, self.input_size)
        return PreparedFilm(record, pixels, load_ms, (time.perf_counter() - middle) * 1000)

    def infer(self, films: list[PreparedFilm]) -> list[TriageResult]:
        """Prepared films -> results in the same order, from one session run (the input is dynamic in N;
        each film's outputs are those it gets alone: tests/test_pipeline.py)."""
        batch = np.stack([film.pixels for film in films])
        start = time.perf_counter()
        site = self.site        # read once: the whole batch is made with one head
        probabilities, severity, heatmap, ood_score, embedding, problems = self._run(batch, site is not None)
        model_probabilities = probabilities
        if site is not None and embedding is not None:
            probabilities = class_head_probabilities(embedding, site.head, site.temperature)
        # One run for the whole batch: each film is charged its share.
        inference_ms = (time.perf_counter() - start) * 1000 / len(films)

        results = []
        for i, film in enumerate(films):
            record = film.record
            timing = {"load": film.load_ms, "preprocess": film.preprocess_ms, "inference": inference_ms}
            if problems[i]:      # numbers that cannot be right are never shown: a sentence instead
                result = error_result(record.path, problems[i], **timing)
                result.image_record, result.model_version = record, self.model_version
                results.append(result)
                continue
            probs = {name: float(p) for name, p in zip(self.classes, probabilities[i])}
            own = {name: float(p) for name, p in zip(self.classes, model_probabilities[i])}
            result = TriageResult(
                path=record.path, probabilities=probs, severity=float(severity[i]),
                heatmap=np.ascontiguousarray(heatmap[i], dtype=np.float32), ood_score=float(ood_score[i]),
                timing_ms=timing, image_record=record, model_version=self.model_version,
                heatmap_class=max(own, key=own.get))
            if site is not None:
                result.site, result.model_probabilities = site.name, own
            if self.keep_embeddings and embedding is not None:
                result.embedding = np.array(embedding[i], dtype=np.float32)
            reason = self._reject_reason(record, result.ood_score)
            if reason:
                result.rejected, result.reject_reason = True, reason
            else:
                result.label = decide_label(probs, self.operating_points)
            results.append(result)
        return results

    # -- steps --

    def _run(self, batch: np.ndarray, for_site: bool = False) -> tuple:
        """One timed session run -> the four outputs, the embedding (or None) and, per film, an error
        sentence or None. The embedding is asked for only when a site profile or ``keep_embeddings`` needs it."""
        count = len(batch)
        wants_embedding = self.class_head is not None and (for_site or self.keep_embeddings)
        names = (*OUTPUT_NAMES, EMBEDDING_OUTPUT) if wants_embedding else OUTPUT_NAMES
        try:
            outputs = run_with_time_limit(self.session, names, {INPUT_NAME: batch}, film_seconds(count))
        except RunStopped as exc:
            return (None,) * 5 + ([film_stopped(exc.seconds)] * count,)
        problems = output_problems(outputs[:len(OUTPUT_NAMES)], count, len(self.classes), self.heatmap_size)
        if wants_embedding:
            problems = [p or _embedding_problem(outputs[-1], i, count) for i, p in enumerate(problems)]
        embedding = outputs[len(OUTPUT_NAMES)] if wants_embedding else None
        return (*outputs[:len(OUTPUT_NAMES)], embedding, [film_error(p) if p else None for p in problems])

    def _reject_reason(self, record: ImageRecord, ood_score: float) -> str | None:
        """A sentence when the film must not get a class: DICOM tags that say it is not a chest
        radiograph, or features unlike the training chest X-rays (OOD score above the threshold)."""
        not_chest = getattr(imaging, "dicom_not_chest_reason", None)
        if not_chest is not None and record.dicom_tags:
            reason = not_chest(record)
            if reason:
                return reason
        if not math.isfinite(ood_score) or ood_score > self.ood_threshold:
            return REJECTED_NOT_CXR
        return None


# --- helpers ---------------------------------------------------------------------------------------

def _embedding_problem(embedding: np.ndarray, i: int, count: int) -> str | None:
    if embedding.ndim != 2 or len(embedding) != count:
        return f"its embedding has the shape {list(embedding.shape)}"
    if not np.isfinite(embedding[i]).all():
        return "its embedding holds numbers that are not finite"
    return None


def _load_for_model(path, input_size: int, sha256: bool = False) -> ImageRecord:
    # A reduced decode (JPEG draft mode, never below 2x the model's size) is several times faster for
    # large films; desktop/engine/imaging.py documents how little it changes the model's input. The app
    # and the command line both predict through here, so one file gets the same numbers in both.
    return load_xray(path, max_side=input_size, sha256=sha256)


def _open_session(path: Path, threads: int | None) -> ort.InferenceSession:
    options = ort.SessionOptions()
    # Two threads: the budget's laptop has two cores, and the GUI thread needs some CPU too.
    options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    # No busy-waiting between runs: a spinning session thread takes the core that the decode threads
    # (pipeline.py) and the window need (measured: README, "Batch reading").
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3   # onnxruntime's warnings are for developers, not the clinic
    # ONNX protobuf only: refuse_control_flow has read the file as that, and would not see inside an
    # ORT-format (flatbuffers) file, which onnxruntime would otherwise accept under any name.
    options.add_session_config_entry("session.load_model_format", "ONNX")
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:   # onnxruntime raises its own untyped errors for bad files
        raise damaged(path, _first_line(exc)) from exc


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _check_signature(path: Path, session: ort.InferenceSession, size: int, num_classes: int) -> None:
    inputs = session.get_inputs()
    if len(inputs) != 1 or inputs[0].name != INPUT_NAME:
        raise not_a_cxr_model(path, f"it must have one input named {INPUT_NAME!r}, "
                                    f"it has {[i.name for i in inputs]}")
    image = inputs[0]
    if image.type != "tensor(float)" or len(image.shape) != 4 or image.shape[1] != 1 \
            or any(isinstance(d, int) and d != size for d in image.shape[2:]):
        raise not_a_cxr_model(path, f"its input is {image.type} {image.shape}, "
                                    f"the contract needs float32 [N, 1, {size}, {size}]")
    outputs = {o.name: o for o in session.get_outputs()}
    missing = [name for name in OUTPUT_NAMES if name not in outputs]
    if missing:
        raise not_a_cxr_model(path, f"it lacks the output(s) {', '.join(missing)}")
    ranks = {"probabilities": 2, "severity": 1, "heatmap": 3, "ood_score": 1}
    for name, rank in ranks.items():
        shape = outputs[name].shape
        if outputs[name].type != "tensor(float)" or len(shape) != rank:
            raise not_a_cxr_model(path, f"its output {name!r} is {outputs[name].type} {shape}, not float32 "
                                        f"of rank {rank}")
    classes_dim = outputs["probabilities"].shape[1]
    if isinstance(classes_dim, int) and classes_dim != num_classes:
        raise not_a_cxr_model(path, f"it outputs {classes_dim} probabilities for {num_classes} classes")


def _check_runs(path: Path, session: ort.InferenceSession, metadata: dict) -> tuple:
    """One run on two test images, under a time limit: catches graphs whose declared shapes lie or whose
    numbers are out of range, checks the metadata's class head against the ``embedding`` output where the
    model has both, and warms the session up so the first real film is as fast as the rest.
    -> (heatmap (h, w), class head or None)."""
    size = metadata["input_size"]
    head = metadata.get(CLASS_HEAD_METADATA)
    if EMBEDDING_OUTPUT not in {o.name for o in session.get_outputs()}:
        head = None
    names = (*OUTPUT_NAMES, EMBEDDING_OUTPUT) if head is not None else OUTPUT_NAMES
    # A grey image, and a ramp: on a flat image alone a model's calls can saturate, which would hide a
    # class head that is off.
    ramp = np.linspace(0.0, 1.0, size, dtype=np.float32)
    images = np.stack([np.full((size, size), 0.5, np.float32), np.add.outer(ramp, ramp) / 2])[:, None]
    seconds = model_checks.SELF_CHECK_SECONDS
    try:
        outputs = run_with_time_limit(session, names, {INPUT_NAME: images}, seconds)
    except RunStopped:
        raise ModelError(f"The model file {path.name} took longer than {seconds:g} seconds on a test image and "
                         "was stopped: it is damaged or not a CXR Triage model. Reinstall CXR Triage or export "
                         "the model again.") from None
    except Exception as exc:
        raise ModelError(f"The model file {path.name} could not run on a test image ({_first_line(exc)}). "
                         "Reinstall CXR Triage or export the model again.") from exc
    heatmap_size = check_self_test(path, [o[:1] for o in outputs[:len(OUTPUT_NAMES)]], len(metadata["classes"]))
    if head is not None:
        check_class_head(path, outputs[0], outputs[-1], head, metadata["temperature"])
    return heatmap_size, head
