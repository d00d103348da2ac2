"""The worklist's sort keys, and the bookkeeping of films listed twice: plain Python, no Qt.

A key is (no value, value, when listed): rows without a value (a Confidence for a film not read yet)
go last in either order, and ties keep the order the films were listed in. The default, "most urgent
first", is the Result column ascending (triage_marks.priority).
"""

from desktop.ui.film import Film
from desktop.ui.triage_marks import priority
from desktop.ui.wording import shows_severity

THUMB, FILE, RESULT, CONFIDENCE, EXTENT = range(5)


def extent(film: Film) -> float | None:
    """The severity the worklist shows: for pneumonia-type calls only, as the findings panel does."""
    if film.has_findings and shows_severity(film.entry.label, film.entry.severity):
        return film.entry.severity
    return None


def sort_key(film: Film, column: int, descending: bool, seq: int) -> tuple:
    if column == FILE:
        name = film.name.casefold()
        # Descending text: each character negated, and a terminator that puts "abc" before "ab".
        return 0, tuple(-ord(c) for c in name) + (1,) if descending else name, seq
    if column == CONFIDENCE:
        value = film.call_probability
    elif column == EXTENT:
        value = extent(film)
    else:
        value = priority(film)
    if value is None:
        return 1, 0, seq
    return 0, -value if descending else value, seq


def is_sorted(keys: list) -> bool:
    return all(a <= b for a, b in zip(keys, keys[1:]))


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows -> (first, last) of each run of consecutive rows."""
    found = []
    for row in rows:
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


class SameBytes:
    """Which listed rows were read from the same bytes (SHA-256): the first listed is the original,
    every later one a duplicate of it."""

    def __init__(self):
        self._keys: dict[str, list[str]] = {}       # SHA-256 -> row keys, in the order they were listed
        self._sha: dict[str, str] = {}              # row key -> SHA-256

    def add(self, key: str, sha: str) -> None:
        self._keys.setdefault(sha, []).append(key)
        self._sha[key] = sha

    def discard(self, key: str) -> str:
        """Forget a row; returns the SHA-256 it had ("" if none), whose group has changed."""
        sha = self._sha.pop(key, "")
        if sha:
            self._keys[sha].remove(key)
            if not self._keys[sha]:
                del self._keys[sha]
        return sha

    def group(self, sha: str) -> list[str]:
        return list(self._keys.get(sha, ()))
