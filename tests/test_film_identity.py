"""A film's identity (its SHA-256) names the very bytes its pixels came from (issue 20, finding 4).

Reproduction of the red-team finding: the app and ``predict`` hashed a file, then opened it again
by name to decode it; a file replaced in between had one film's result stored under the other's
hash (1 of 300 rows in a swap test), served from the history from then on. ``load_xray(...,
sha256=True)`` hashes and decodes through one open handle and refuses a file written to meanwhile.

The swaps happen inside ``PIL.Image.open`` (Pillow's public entry point, which ``load_xray`` calls
after hashing), i.e. exactly between the hash and the decode.
"""

import hashlib
import os

import numpy as np
import pytest
from PIL import Image

from desktop.engine.errors import XrayReadError
from desktop.engine.imaging import load_xray


def _film(path, value: int) -> bytes:
    Image.fromarray(np.full((64, 64), value, dtype=np.uint8)).save(path)
    return path.read_bytes()


@pytest.fixture
def two_films(tmp_path):
    film, other = tmp_path / "scan.png", tmp_path / "other.png"
    return film, _film(film, 40), other, _film(other, 200)


def _during_decode(monkeypatch, action):
    """Run ``action`` once, after the hash and before Pillow reads the pixels."""
    real_open = Image.open
    done = []

    def open_then_act(*args, **kwargs):
        if not done:
            done.append(True)
            action()
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", open_then_act)


def test_hash_names_the_bytes_decoded(two_films):
    film, data, _, _ = two_films
    record = load_xray(film, sha256=True)
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert load_xray(film).sha256 is None       # only when asked: the trainer does not pay for it


def test_a_film_renamed_over_mid_read_keeps_its_own_hash_and_pixels(two_films, monkeypatch):
    """The swap test's case: another film moved onto the path between hash and decode. The open
    handle still reads the first film, so hash and pixels agree (before: the second film's pixels
    under the first film's hash)."""
    film, data, other, _ = two_films
    _during_decode(monkeypatch, lambda: os.replace(other, film))
    record = load_xray(film, sha256=True)
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert np.asarray(record.image).mean() == pytest.approx(40)


def test_a_film_written_to_mid_read_is_refused(two_films, monkeypatch):
    """A copy still being written (bytes appended in place) cannot be hashed and decoded as one
    thing: refused with a sentence, to be read again when the copy is done."""
    film, _, _, other_data = two_films

    def append():
        with open(film, "ab") as f:
            f.write(other_data)
    _during_decode(monkeypatch, append)
    with pytest.raises(XrayReadError, match="changed while it was being read"):
        load_xray(film, sha256=True)
