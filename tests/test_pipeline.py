"""FilmPipeline: the same results as one film at a time, in input order, errors per file, a bounded
number of films read ahead, and a cancel that stops the run and its threads.

Runs on the shipped model (the graph with the in-graph heatmap and OOD score that the app loads).
Decoding is slowed or sped up per film where a test needs films to finish out of order.
"""

import random
import threading
import time
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.engine.pipeline import FilmPipeline
from desktop.engine.predictor import Predictor

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "assets" / "models" / "cxr-triage.onnx"
FULLRES = REPO.parent / "shared" / "data" / "cxr-fullres"


@pytest.fixture(scope="module")
def shipped() -> Predictor:
    if not MODEL.is_file():
        pytest.skip(f"no shipped model at {MODEL}")
    return Predictor(MODEL)


@pytest.fixture(scope="module")
def films(tmp_path_factory) -> list[Path]:
    """24 distinct small grey films (sizes and contents differ, so every result differs)."""
    folder = tmp_path_factory.mktemp("films")
    rng = np.random.default_rng(0)
    paths = []
    for i in range(24):
        h, w = 200 + 7 * i, 260 - 3 * i
        ramp = np.linspace(0, 255, w)[None, :] * np.linspace(0.3, 1.0, h)[:, None]
        pixels = np.clip(ramp + rng.normal(0, 20, (h, w)), 0, 255).astype(np.uint8)
        paths.append(folder / f"{i:02d}.png")
        Image.fromarray(pixels).save(paths[-1])
    return paths


def pipeline_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("cxr-decode")]


def same_result(a, b, tol=1e-5) -> None:
    assert a.path == b.path and a.label == b.label and a.rejected == b.rejected and a.error == b.error
    if a.error is None:
        for name in a.probabilities:
            assert a.probabilities[name] == pytest.approx(b.probabilities[name], abs=tol)
        assert a.severity == pytest.approx(b.severity, abs=tol)
        assert a.ood_score == pytest.approx(b.ood_score, abs=tol)
        np.testing.assert_allclose(a.heatmap, b.heatmap, atol=tol)


def slow_down(monkeypatch, predictor, seconds):
    """Make ``predictor.prepare`` take ``seconds(path)`` longer: films then finish out of order."""
    real = predictor.prepare

    def prepare(path, **kwargs):
        time.sleep(seconds(path))
        return real(path, **kwargs)
    monkeypatch.setattr(predictor, "prepare", prepare)


# --- the same numbers -----------------------------------------------------------------------------

def test_a_film_in_a_batch_gets_the_outputs_it_gets_alone(shipped, films):
    real = sorted(FULLRES.glob("kermany/*/*.jpeg"))[:6] if FULLRES.is_dir() else []
    paths = real + films[:8 - len(real)] if real else films[:8]
    prepared = [shipped.prepare(p) for p in paths]
    together = shipped.infer(prepared)
    for film, batched in zip(prepared, together):
        same_result(shipped.infer([film])[0], batched)


def test_results_equal_one_film_at_a_time_in_input_order(shipped, films, monkeypatch):
    expected = [shipped.predict_path(p, sha256=True) for p in films]
    rng = random.Random(1)
    delays = {str(p): rng.uniform(0, 0.01) for p in films}
    slow_down(monkeypatch, shipped, lambda p: delays[str(p)])
    got = list(FilmPipeline(shipped, workers=3, batch_size=4).run(films))
    assert [item for item, _ in got] == films
    for (_, result), single in zip(got, expected):
        same_result(result, single)
        assert result.image_record.sha256 == single.image_record.sha256


def test_a_film_that_cannot_be_read_is_its_own_error_and_the_run_goes_on(shipped, films, tmp_path, monkeypatch):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    missing = tmp_path / "missing.png"
    exploding = tmp_path / "exploding.png"
    Image.new("L", (100, 100), 128).save(exploding)
    real = shipped.prepare

    def prepare(path, **kwargs):
        if Path(path) == exploding:
            raise RuntimeError("codec exploded")
        return real(path, **kwargs)
    monkeypatch.setattr(shipped, "prepare", prepare)
    inputs = [films[0], broken, films[1], missing, exploding, films[2]]
    got = list(FilmPipeline(shipped, batch_size=8).run(inputs))
    assert [item for item, _ in got] == inputs
    results = [result for _, result in got]
    assert [r.error is None for r in results] == [True, False, True, False, False, True]
    assert results[1].error == "broken.png looks like a PNG image but is damaged and cannot be read."
    assert results[3].error == "missing.png was not found (it may have been moved or deleted)."
    assert results[4].error == ("exploding.png could not be processed because of an unexpected error "
                                "(RuntimeError: codec exploded). Please report it.")


def test_before_hands_out_settled_items_in_their_place(shipped, films):
    """The command line's history and listing problems: settled items need no reading."""
    read = []
    inputs = [(p, i % 3 == 0) for i, p in enumerate(films[:9])]
    settled = {str(p): ("stored", p.name) for p, skip in inputs if skip}
    got = list(FilmPipeline(shipped).run(inputs, before=lambda item: settled.get(str(item[0]), item[0]),
                                         on_read=read.append))
    assert [item for item, _ in got] == inputs
    for (path, skip), result in got:
        assert result == settled[str(path)] if skip else result.path == path
    assert read == [item for item in inputs if not item[1]]


# --- batches ------------------------------------------------------------------------------------------

def test_films_waiting_are_inferred_together_and_a_single_film_alone(shipped, films, monkeypatch):
    sizes = []
    real_infer = shipped.infer

    def infer(prepared):
        sizes.append(len(prepared))
        return real_infer(prepared)
    monkeypatch.setattr(shipped, "infer", infer)
    pipeline = FilmPipeline(shipped, workers=2, batch_size=4)
    for _ in pipeline.run(films):
        time.sleep(0.01)        # a slow reader of the results: films pile up behind it
    assert sum(sizes) == len(films) and max(sizes) == 4 and all(1 <= n <= 4 for n in sizes)
    sizes.clear()
    assert [r.error for _, r in pipeline.run(films[:1])] == [None] and sizes == [1]


# --- memory bound ------------------------------------------------------------------------------------

def test_films_read_but_not_handed_out_never_exceed_the_bound(shipped, films, monkeypatch):
    lock = threading.Lock()
    counts = {"read": 0, "handed": 0, "most": 0}
    real = shipped.prepare

    def prepare(path, **kwargs):
        film = real(path, **kwargs)
        with lock:
            counts["read"] += 1
            counts["most"] = max(counts["most"], counts["read"] - counts["handed"])
        return film
    monkeypatch.setattr(shipped, "prepare", prepare)
    pipeline = FilmPipeline(shipped, workers=3, batch_size=2, ahead=5)
    for _ in pipeline.run(films * 2):
        time.sleep(0.005)       # a slow reader: unbounded decoders would run far ahead
        with lock:
            counts["handed"] += 1
    assert counts["read"] == counts["handed"] == 2 * len(films)
    assert pipeline.batch_size < counts["most"] <= pipeline.ahead == 5       # read ahead, never further


# --- cancel --------------------------------------------------------------------------------------------

def test_a_cancelled_run_hands_out_nothing_more_and_leaves_no_thread(shipped, films, monkeypatch):
    slow_down(monkeypatch, shipped, lambda p: 0.002)
    stop = threading.Event()
    inferred = []
    real_infer = shipped.infer

    def infer(prepared):
        inferred.extend(f.record.path for f in prepared)
        return real_infer(prepared)
    monkeypatch.setattr(shipped, "infer", infer)
    got = []
    for item, _ in FilmPipeline(shipped, workers=2, batch_size=2).run(films, cancel=stop):
        got.append(item)
        if len(got) == 5:
            threading.Thread(target=stop.set).start()       # as the app's window does
            time.sleep(0.05)
    assert len(got) == 5
    assert len(inferred) < len(films)                  # the rest was never inferred
    assert not pipeline_threads()


def test_stopping_early_closes_the_decode_threads(shipped, films):
    with closing(FilmPipeline(shipped, workers=2).run(films * 4)) as results:
        for i, _ in enumerate(results):
            assert pipeline_threads()
            if i == 3:
                break
    assert not pipeline_threads()


def test_a_run_cancelled_before_it_starts_reads_nothing(shipped, films):
    stop = threading.Event()
    stop.set()
    read = []
    assert list(FilmPipeline(shipped).run(films, on_read=read.append, cancel=stop)) == [] and read == []
    assert not pipeline_threads()
