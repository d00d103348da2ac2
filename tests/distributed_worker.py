"""What ``tests/test_distributed.py`` runs in each torchrun process (a helper, not a test):

    torchrun --nproc_per_node=2 tests/distributed_worker.py RECORD_DIR OUTPUT CXR_TRAIN_ARGS...

runs ``cxr-train train CXR_TRAIN_ARGS --output OUTPUT`` where every rank but 0 fails on any write into
OUTPUT, and each rank writes RECORD_DIR/rank<R>.json: the loss and a checksum of its weights after each
step, the films it drew each epoch, and a checksum of its BatchNorm statistics when it validates.
"""

import builtins
import hashlib
import io
import json
import os
import sys
from pathlib import Path

import torch


def checksum(tensors) -> str:
    return hashlib.sha256(b"".join(t.detach().cpu().numpy().tobytes() for t in tensors)).hexdigest()


def forbid_writes_into(folder: str) -> None:
    """Any write into ``folder`` (open for writing, torch.save, mkdir, rename) raises PermissionError."""
    folder = os.path.realpath(folder)

    def inside(path) -> bool:
        if not isinstance(path, (str, os.PathLike)):
            return False
        path = os.path.realpath(path)
        return path == folder or path.startswith(folder + os.sep)

    def guard(function, path_at=0, writes=lambda *args, **kwargs: True):
        def guarded(*args, **kwargs):
            if len(args) > path_at and inside(args[path_at]) and writes(*args, **kwargs):
                raise PermissionError(f"rank {os.environ['RANK']} wrote {args[path_at]}: only rank 0 may write")
            return function(*args, **kwargs)
        return guarded

    writing = lambda file, mode="r", *args, **kwargs: any(c in mode for c in "wax+")  # noqa: E731
    builtins.open = io.open = guard(io.open, writes=writing)
    os.mkdir, os.replace, os.rename = guard(os.mkdir), guard(os.replace), guard(os.rename)
    torch.save = guard(torch.save, path_at=1)
    try:  # the guard itself works
        open(Path(folder) / "probe", "w")
    except PermissionError:
        return
    raise AssertionError("the write guard let a write through")


def record_training(record: dict) -> None:
    """Wrap the loop's pieces so that they note what this rank did."""
    from trainer import train
    from trainer.data import Dataset

    train_one_epoch, validate, draw_epoch = train.train_one_epoch, train.validate, Dataset.draw_epoch

    def recorded_epoch(model, *args, **kwargs):
        def on_step(step, loss):
            record["losses"].append(loss)
            record["weights"].append(checksum(model.parameters()))
        return train_one_epoch(model, *args, **kwargs, on_step=on_step)

    def recorded_validate(model, data):
        record["buffers"].append(checksum(model.buffers()))
        return validate(model, data)

    def recorded_draw(data, *args, **kwargs):
        order = draw_epoch(data, *args, **kwargs)
        record["orders"].append(order.tolist())
        return order

    train.train_one_epoch, train.validate, Dataset.draw_epoch = recorded_epoch, recorded_validate, recorded_draw


if __name__ == "__main__":
    from trainer.cli import main

    record_dir, output, *cli_args = sys.argv[1:]
    if os.environ["RANK"] != "0":
        forbid_writes_into(output)
    record = {"losses": [], "weights": [], "orders": [], "buffers": []}
    record_training(record)
    main(["train", *cli_args, "--output", output])
    Path(record_dir).mkdir(parents=True, exist_ok=True)
    Path(record_dir, f"rank{os.environ['RANK']}.json").write_text(json.dumps(record))
