"""One-off cache of decoded, resized films: a uint8 memmap [N, S, S] keyed by manifest hash and size.

Built once with the contract's preprocessing (``desktop.engine.contract.resize_to_model`` on
``desktop.engine.load_xray``), so an epoch never decodes a JPEG again and the cached pixels are
exactly what the app feeds the model.
"""

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from tqdm import tqdm

from desktop.engine.imaging import load_xray
from desktop.engine.contract import resize_to_model
from trainer.sources import ManifestRow
from trainer.splits import manifest_sha256


def _decode(args) -> np.ndarray:
    path, size = args
    return resize_to_model(load_xray(path).image, size)


def cache_path(cache_dir, rows: list[ManifestRow], size: int) -> Path:
    return Path(cache_dir) / f"cxr-{manifest_sha256(rows)[:16]}-{size}.u8"


def build_or_load_cache(rows: list[ManifestRow], size: int, cache_dir, workers: int = 2) -> np.ndarray:
    """-> uint8 array [len(rows), size, size] in ``rows`` order (memory-mapped from disk)."""
    path = cache_path(cache_dir, rows, size)
    index_path = path.with_suffix(".json")
    order = [r.key() for r in rows]
    if path.exists() and index_path.exists() and json.loads(index_path.read_text())["keys"] == [list(k) for k in order]:
        return np.memmap(path, dtype=np.uint8, mode="r", shape=(len(rows), size, size))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    data = np.memmap(tmp, dtype=np.uint8, mode="w+", shape=(len(rows), size, size))
    jobs = [(str(r.file), size) for r in rows]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, pixels in enumerate(tqdm(pool.map(_decode, jobs, chunksize=32), total=len(jobs),
                                        desc=f"caching {size}px films", unit="img")):
            data[i] = pixels
    data.flush()
    del data
    tmp.replace(path)
    index_path.write_text(json.dumps({"size": size, "keys": order}))
    return np.memmap(path, dtype=np.uint8, mode="r", shape=(len(rows), size, size))
