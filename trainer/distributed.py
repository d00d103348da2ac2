"""Where a run computes: the device (``--device``) and, under ``torchrun``, the other processes.

``torchrun --nproc_per_node=N`` starts N copies of the command and tells each its place through the
environment (RANK, WORLD_SIZE, LOCAL_RANK); ``setup`` joins them into one process group, NCCL between
GPUs (one per process), gloo between CPU processes. A run not started by torchrun is one process of
world size 1, and every function here leaves it as it was.
"""

import builtins
import os
from datetime import timedelta

import numpy as np
import torch
import torch.distributed as dist

# The other processes wait at a barrier while the first builds the film cache, which can take long.
TIMEOUT = timedelta(hours=2)


def launched_by_torchrun() -> bool:
    return "RANK" in os.environ and "WORLD_SIZE" in os.environ


def rank() -> int:
    return dist.get_rank() if dist.is_initialized() else 0


def world_size() -> int:
    return dist.get_world_size() if dist.is_initialized() else 1


def is_main() -> bool:
    """The process that prints, writes checkpoints, history, metrics and plots, and evaluates."""
    return rank() == 0


def resolve_device(name: str) -> torch.device:
    """``auto``: CUDA where there is a GPU, else the CPU; under torchrun each process takes the GPU of its
    LOCAL_RANK."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cpu":
        return torch.device("cpu")
    if not torch.cuda.is_available():
        raise SystemExit("cxr-train: --device cuda, but PyTorch sees no CUDA GPU here (use --device cpu or auto)")
    return torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))


def setup(device_name: str) -> torch.device:
    """The device of this process; under torchrun, also join the process group (NCCL on CUDA, gloo on
    CPU), after which only rank 0 prints (as torchvision's references do)."""
    device = resolve_device(device_name)
    if device.type == "cuda":
        torch.cuda.set_device(device)
        torch.backends.cudnn.benchmark = True  # one input size: cuDNN's fastest kernels, chosen once
    if launched_by_torchrun() and not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo", timeout=TIMEOUT)
        if not is_main():
            builtins.print = _silent_print
    return device


_print = builtins.print


def _silent_print(*args, force: bool = False, **kwargs) -> None:
    if force:
        _print(*args, **kwargs)


def autocast_dtype(device: torch.device, mixed_precision: bool = True) -> torch.dtype | None:
    """Mixed precision on CUDA: bfloat16 where the GPU has it (no loss scaling needed), else float16;
    None (float32) on the CPU or with ``--no-amp``."""
    if device.type != "cuda" or not mixed_precision:
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def describe(device: torch.device, threads: int) -> str:
    if device.type == "cuda":
        return f"{device} ({torch.cuda.get_device_name(device)})"
    return f"cpu ({threads} thread{'s' * (threads != 1)})"


def cleanup() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()


def barrier() -> None:
    if world_size() > 1:
        dist.barrier(device_ids=[torch.cuda.current_device()] if dist.get_backend() == "nccl" else None)


def in_turns(load):
    """``load()`` in every process, one group after the other, so that one process per cache folder
    builds the film cache and the others read it: rank 0, then the first process of each other machine
    (a cache folder of its own), then the rest."""
    if world_size() == 1:
        return load()
    turn = 0 if rank() == 0 else 1 if int(os.environ.get("LOCAL_RANK", 0)) == 0 else 2
    result = None
    for now in range(3):
        if now == turn:
            result = load()
        barrier()
    return result


def from_rank_0(load):
    """``load()`` on rank 0, its result sent to every process (e.g. a checkpoint that only rank 0's
    machine has)."""
    if world_size() == 1:
        return load()
    box = [load() if is_main() else None]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def wrap(module: torch.nn.Module, device: torch.device) -> torch.nn.Module:
    """DistributedDataParallel around ``module`` when there are several processes (gradients averaged
    over them at each step, weights starting from rank 0's); the module itself otherwise."""
    if world_size() == 1:
        return module
    device_ids = [device.index] if device.type == "cuda" else None
    return torch.nn.parallel.DistributedDataParallel(module, device_ids=device_ids)


def unwrap(module: torch.nn.Module) -> torch.nn.Module:
    return module.module if isinstance(module, torch.nn.parallel.DistributedDataParallel) else module


def seed_epoch(generator: torch.Generator, seed: int, epoch: int) -> torch.Generator:
    """The generator that draws this process's films of an epoch (and, on the CPU, their augmentation).
    One process keeps the run's own generator. With several, each process draws from a generator of its
    own and reseeds torch's (dropout), both from (seed, epoch, rank): ranks draw different films, and
    ``--resume`` continues exactly."""
    if world_size() == 1:
        return generator
    torch.manual_seed(seed_of(seed, epoch, rank(), 1))
    return torch.Generator().manual_seed(seed_of(seed, epoch, rank()))


def seed_of(*keys: int) -> int:
    return int(np.random.SeedSequence([int(k) for k in keys]).generate_state(1)[0])


def shard(positions: np.ndarray) -> np.ndarray:
    """This process's share of ``positions`` (every world-size-th one)."""
    return positions[rank()::world_size()]


def gather_rows(positions: np.ndarray, rows: torch.Tensor, total: int) -> torch.Tensor:
    """Each process's ``rows`` (at ``positions`` of a whole of ``total`` rows, as ``shard`` gave them)
    put together in order, on every process."""
    if world_size() == 1:
        return rows
    parts = [None] * world_size()
    dist.all_gather_object(parts, (positions, rows.cpu()))
    whole = torch.empty((total, *rows.shape[1:]), dtype=rows.dtype)
    for where, part in parts:
        whole[torch.from_numpy(where)] = part
    return whole


def sum_over_ranks(values: list) -> list:
    """Each of ``values`` summed over the processes (the epoch's loss, correct calls, films, steps)."""
    if world_size() == 1:
        return values
    on = torch.device("cuda", torch.cuda.current_device()) if dist.get_backend() == "nccl" else None
    summed = torch.tensor([float(v) for v in values], dtype=torch.float64, device=on)
    dist.all_reduce(summed)
    return summed.tolist()


def broadcast_buffers(module: torch.nn.Module) -> None:
    """Rank 0's BatchNorm running statistics to every process. DDP sends them at the start of each
    forward pass, but each process's last training step then updates its own: after an epoch they
    differ, and every process must validate the model rank 0 saves."""
    if world_size() == 1:
        return
    for buffer in module.buffers():
        dist.broadcast(buffer, src=0)
