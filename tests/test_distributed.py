"""Training under torchrun (issue 18), on the CPU as CI has no GPU: two gloo processes on tiny generated
films (no shared data needed). Each torchrun command runs ``tests/distributed_worker.py`` in both
processes. The single-process path is ``test_trainer.py``'s smoke run and resume."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.distributed as dist
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
WORKER = Path(__file__).with_name("distributed_worker.py")

pytestmark = pytest.mark.skipif(not dist.is_available() or not dist.is_gloo_available(),
                                reason="this PyTorch has no gloo backend")


@pytest.fixture(scope="module")
def tiny_films(tmp_path_factory) -> Path:
    """40 films per class at 48 px that a network tells apart in a few steps: dark normal films, bright
    pneumonia, striped COVID-19 (``<label>/<file>``, one patient each)."""
    root = tmp_path_factory.mktemp("tiny") / "films"  # the folder's name is the source's, in each patient id
    rng = np.random.default_rng(0)
    for label in ("normal", "pneumonia", "covid19"):
        (root / label).mkdir(parents=True)
        for i in range(40):
            film = rng.normal(60 if label == "normal" else 170, 25, (48, 48))
            if label == "covid19":
                film[:, ::6] = 250
            Image.fromarray(film.clip(0, 255).astype(np.uint8)).save(root / label / f"{label}{i:02d}.png")
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def torchrun(record_dir, output, *cli_args) -> str:
    """``cxr-train train CLI_ARGS --output OUTPUT`` in two CPU processes under torchrun, through
    ``distributed_worker.py`` (which records each rank's steps in RECORD_DIR) -> its output."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
                           "--master_addr=127.0.0.1", f"--master_port={free_port()}", str(WORKER),
                           str(record_dir), str(output), *map(str, cli_args)],
                          capture_output=True, text=True, timeout=300, env=env, cwd=REPO)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def tiny_args(tiny_films, tmp_path_factory) -> list:
    cache = tmp_path_factory.mktemp("cache")
    return ["--source", f"folder:{tiny_films}", "--not-cxr", cache / "no-such-folder", "--input-size", 96,
            "--batch-size", 8, "--cache-dir", cache, "--device", "cpu", "--threads", 1, "--workers", 1,
            "--no-plots", "--no-progress"]


@pytest.fixture(scope="module")
def two_process_run(tiny_args, tmp_path_factory) -> dict:
    """Two epochs in two processes: the output folder, each rank's record, what was printed."""
    root = tmp_path_factory.mktemp("two-processes")
    out = torchrun(root / "record", root / "run", *tiny_args, "--epochs", 2)
    ranks = [json.loads((root / "record" / f"rank{r}.json").read_text()) for r in (0, 1)]
    return {"run": root / "run", "ranks": ranks, "out": out}


def test_ranks_hold_identical_weights_after_every_step(two_process_run):
    rank0, rank1 = two_process_run["ranks"]
    # Each rank drew its own share of the films each epoch: half the training split, not the other's.
    train_films = int(re.search(r"films: \d+  train (\d+)", two_process_run["out"]).group(1))
    assert [len(o) for o in rank0["orders"]] == [len(o) for o in rank1["orders"]] == [train_films // 2] * 2
    assert rank0["orders"] != rank1["orders"] and rank0["orders"][0] != rank0["orders"][1]
    steps = train_films // 2 // 8
    assert len(rank0["weights"]) == 2 * steps and rank0["weights"] == rank1["weights"]
    assert len(set(rank0["weights"])) == 2 * steps  # and they changed at every step
    assert len(rank0["buffers"]) == 2 and rank0["buffers"] == rank1["buffers"]  # BatchNorm statistics too
    for losses in (rank0["losses"], rank1["losses"]):  # the first epoch's steps against the second's
        assert np.mean(losses[steps:]) < 0.85 * np.mean(losses[:steps])
    history = json.loads((two_process_run["run"] / "history.json").read_text())
    assert history[1]["train_loss"] < history[0]["train_loss"]


def test_rank_0_alone_prints_and_writes(two_process_run):
    # The worker made every write of rank 1 into the output folder fail, so the run would have failed.
    out = two_process_run["out"]
    assert [json.loads(line)["epoch"] for line in out.splitlines() if line.startswith("{")] == [1, 2]
    assert "2 processes" in out and out.count("done in") == 1
    assert sorted(p.name for p in two_process_run["run"].iterdir()) == [
        "best.pt", "history.csv", "history.json", "last.pt", "metrics.json", "model.pt", "predictions.csv"]
    ckpt = torch.load(two_process_run["run"] / "last.pt", map_location="cpu", weights_only=False)
    assert ckpt["run"] == {"device": "cpu", "world_size": 2, "amp": None}


def test_resume_under_torchrun(two_process_run, tiny_args, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(two_process_run["run"], run)
    out = torchrun(tmp_path / "record", run, *tiny_args, "--epochs", 3, "--resume", run / "last.pt")
    assert f"resumed from {run / 'last.pt'} at epoch 3" in out
    assert [h["epoch"] for h in json.loads((run / "history.json").read_text())] == [1, 2, 3]
    assert torch.load(run / "last.pt", map_location="cpu", weights_only=False)["epoch"] == 3
    rank0, rank1 = (json.loads((tmp_path / "record" / f"rank{r}.json").read_text()) for r in (0, 1))
    assert len(rank0["weights"]) > 0 and rank0["weights"] == rank1["weights"]


def test_one_process_trains_as_before(tiny_films, tmp_path):
    """One CPU process, no torchrun: the figures the trainer gave for this run before issue 18 (to the bit
    on the machine that recorded them; the tolerance is for other CPUs' arithmetic). If a change to the
    recipe, the model or the loop is meant to change them, record them again."""
    from trainer.cli import get_args_parser
    from trainer.train import main

    run = tmp_path / "run"
    main(get_args_parser().parse_args(
        ["train", "--source", f"folder:{tiny_films}", "--not-cxr", str(tmp_path / "no-such-folder"),
         "--input-size", "96", "--batch-size", "8", "--epochs", "2", "--no-outlier-exposure", "--threads", "1",
         "--workers", "1", "--cache-dir", str(tmp_path / "cache"), "--output", str(run), "--no-plots",
         "--no-progress"]))
    history = json.loads((run / "history.json").read_text())
    assert [(h["train_loss"], h["val_nll"]) for h in history] == [
        (pytest.approx(1.403902292251587, rel=1e-4), pytest.approx(1.226635456085205, rel=1e-4)),
        (pytest.approx(0.8176810353994369, rel=1e-4), pytest.approx(1.4957029819488525, rel=1e-4))]


def test_gpu_batches_do_not_depend_on_the_worker_that_makes_them(tiny_films, tmp_path):
    """On a GPU, DataLoader workers make the batches (``data.EpochBatches``): each batch draws from its
    own seeds, so two workers give the very batches that the main process gives."""
    from trainer.data import Dataset, EpochBatches
    from trainer.sources import FolderSource

    data = Dataset(FolderSource(tiny_films, "tiny").rows(), 32, tmp_path / "cache", workers=1)
    order = data.draw_epoch(torch.Generator().manual_seed(0))
    batches = EpochBatches(data, [order[i:i + 8] for i in range(0, 32, 8)], 1.0, 0.175, outliers=None,
                           seeds=(0, 1, 0))

    def made_by(workers):
        return list(torch.utils.data.DataLoader(batches, batch_size=None, num_workers=workers))

    alone, shared = made_by(0), made_by(2)
    assert len(alone) == 4 and [a[3] for a in alone] == [8] * 4
    for a, b in zip(alone, shared):  # the same draws (the arithmetic may differ: 1 thread in a worker)
        torch.testing.assert_close(a[0], b[0], rtol=0, atol=1e-5)
        assert torch.equal(a[1], b[1]) and torch.equal(a[2].isnan(), b[2].isnan())
    assert not torch.equal(alone[0][0], alone[1][0])
