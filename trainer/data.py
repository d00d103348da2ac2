"""The films of one run: manifest rows, their cached pixels, labels, severities and contract splits, and
how training films are drawn."""

from collections import Counter

import numpy as np
import torch

from trainer import CLASSES
from trainer.augment import train_transform
from trainer.cache import build_or_load_cache
from trainer.not_cxr import load_real_negatives
from trainer.sources import ManifestRow, load_sources
from trainer.splits import assign_split, manifest_sha256, split_rows


def load_data(sources: list[str] | None, data_dir, input_size: int, cache_dir, workers: int = 2,
              limit: int = 0, not_cxr_dir=None) -> "Dataset":
    """The films of ``--source`` specs (default: the shared corpus in ``data_dir``) at ``input_size``;
    ``limit`` > 0: at most that many per split, class and source (smoke runs); ``not_cxr_dir``: real
    pictures that are not frontal chest films (``Dataset.negatives``)."""
    rows = load_sources(sources, data_dir)
    if limit:
        rows = limit_rows(rows, limit)
    data = Dataset(rows, input_size, cache_dir, workers)
    if not_cxr_dir:
        data.negatives = load_real_negatives(not_cxr_dir, input_size)
    return data


def limit_rows(rows: list[ManifestRow], per_group: int) -> list[ManifestRow]:
    """The first ``per_group`` rows of each (split, class, source): small and deterministic."""
    taken, kept = Counter(), []
    for r in rows:
        key = (assign_split(r), r.label, r.source)
        if taken[key] < per_group:
            taken[key] += 1
            kept.append(r)
    return kept


class Dataset:
    """All films of one run: cached pixels plus labels, severities and split indices."""

    def __init__(self, rows: list[ManifestRow], size: int, cache_dir, workers: int = 2):
        self.rows = rows
        # Real pictures that are not frontal chest films (trainer.not_cxr.RealNegatives), where a run has them.
        self.negatives = None
        self.manifest_sha256 = manifest_sha256(rows)
        self.pixels = build_or_load_cache(rows, size, cache_dir, workers)
        self.labels = np.array([CLASSES.index(r.label) for r in rows], dtype=np.int64)
        self.severity = np.array([np.nan if r.severity is None else r.severity for r in rows], dtype=np.float32)
        position = {id(r): i for i, r in enumerate(rows)}
        self.split = {name: np.array([position[id(r)] for r in part], dtype=np.int64)
                      for name, part in split_rows(rows).items()}

    def __getstate__(self) -> dict:
        """DataLoader workers that start afresh (spawn: Windows, macOS; forkserver: Python 3.14) get the film
        cache as its file name, not a copy of its bytes."""
        state = dict(self.__dict__)
        if isinstance(self.pixels, np.memmap):
            state["pixels"] = (self.pixels.filename, self.pixels.shape)
        return state

    def __setstate__(self, state: dict) -> None:
        if isinstance(state["pixels"], tuple):
            filename, shape = state["pixels"]
            state["pixels"] = np.memmap(filename, dtype=np.uint8, mode="r", shape=shape)
        self.__dict__.update(state)

    def hold_out(self, sources) -> np.ndarray:
        """Leave-one-source-out: drop these sources' films from training and validation (so neither
        the weights, early stopping, temperature nor OOD statistics see them) and return the indices
        of all their films, every split. The test split stays whole, comparable with other runs."""
        sources = set(sources or ())
        present = {r.source for r in self.rows}
        if missing := sources - present:
            raise SystemExit(f"--holdout-source: no films of {', '.join(sorted(missing))} "
                             f"(sources here: {', '.join(sorted(present))})")
        held = np.array([r.source in sources for r in self.rows])
        for name in ("train", "val"):
            self.split[name] = self.split[name][~held[self.split[name]]]
        if sources and len(set(self.labels[self.split["train"]])) < len(CLASSES):
            raise SystemExit(f"--holdout-source {', '.join(sorted(sources))} leaves a class without training films")
        return np.nonzero(held)[0]

    def batch(self, idx: np.ndarray):
        idx = np.sort(idx)  # memmap reads in file order
        return (torch.from_numpy(np.asarray(self.pixels[idx])), torch.from_numpy(self.labels[idx]),
                torch.from_numpy(self.severity[idx]))

    def epoch_films(self, world_size: int = 1) -> int:
        """Films one process trains on per epoch: the training split's size, shared out among processes."""
        return len(self.split["train"]) // world_size

    def draw_epoch(self, generator: torch.Generator, world_size: int = 1) -> np.ndarray:
        """One process's training films of one epoch, drawn with replacement by ``sampling_weights``; with
        several processes each draws its own share with its own generator (``distributed.seed_epoch``)."""
        train_idx = self.split["train"]
        weights = self.sampling_weights(train_idx)
        drawn = torch.multinomial(weights, self.epoch_films(world_size), replacement=True, generator=generator)
        return train_idx[drawn.numpy()]

    def sampling_weights(self, indices: np.ndarray) -> torch.Tensor:
        """Each class gets the same total weight; within a class, each source gets weight ∝ √(its size):
        the small adult sources are seen far more often than their share while Kermany still dominates
        pneumonia, against both the class imbalance and the hospital shortcut."""
        groups = [(self.labels[i], self.rows[i].source) for i in indices]
        group_count = Counter(groups)
        class_mass = Counter()
        for group in group_count:
            class_mass[group[0]] += group_count[group] ** 0.5
        w = [group_count[g] ** 0.5 / class_mass[g[0]] / group_count[g] for g in groups]
        return torch.tensor(w, dtype=torch.double)


def training_batch(data: Dataset, idx: np.ndarray, augment: float, aspect: float, generator, rng=None,
                   outliers=None):
    """The films at ``idx`` (and, with ``outliers``, a quarter as many non-films appended, made by
    ``outliers(films, rng=rng)``), augmented: -> (float [B, 1, S, S], labels, severity, number of films)."""
    pixels, labels, severity = data.batch(idx)
    n_films = len(pixels)
    if outliers is not None:
        pixels = torch.cat([pixels, outliers(pixels[: max(n_films // 4, 2)], rng=rng)])
    return train_transform(pixels, generator, augment, aspect), labels, severity, n_films


class EpochBatches(torch.utils.data.Dataset):
    """One process's batches of an epoch, for DataLoader workers (GPU runs): batch ``step`` draws its
    augmentation and non-films from generators seeded by (``seeds``, step), so a batch does not depend on
    the worker that made it."""

    def __init__(self, data: Dataset, batches: list, augment: float, aspect: float, outliers, seeds: tuple):
        self.data, self.batches, self.augment, self.aspect = data, batches, augment, aspect
        self.outliers, self.seeds = outliers, seeds

    def __len__(self) -> int:
        return len(self.batches)

    def __getitem__(self, step: int):
        torch_seed, numpy_seed = np.random.SeedSequence([*self.seeds, step]).generate_state(2)
        return training_batch(self.data, self.batches[step], self.augment, self.aspect,
                              torch.Generator().manual_seed(int(torch_seed)), np.random.default_rng(numpy_seed),
                              self.outliers)
