"""Site profiles: a class head adapted to one clinic's films, bound to one model file
(``../shared/docs/architecture.md``, "Site profile").

A profile is a JSON file that ``cxr-triage adapt`` writes and ``predict --site``, ``validate --site`` and the
app read. It names the SHA-256 of the model file it was fitted for, the site, when and on how many films
per class it was fitted, the cross-validated figures before and after, and the adapted head (``weight``,
``bias``, ``temperature``); a profile written since 2026-12-06 also lists the films it was fitted on
(``fitted_films``: the first 16 hex digits of each file's SHA-256, nothing else of the film), so a check on
those same films can say that its figures flatter it. Its own ``checksum`` is the SHA-256 of the rest of
the file written canonically (sorted keys, no spaces), so a profile edited by hand, cut short or fitted
for another model is refused with a sentence, never applied.

Qt-free and NumPy-free: the head is applied by ``contract.class_head_probabilities``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from desktop.engine.atomic import replace_atomically

FORMAT = "cxr-triage site profile"
FORMAT_VERSION = 1
MAX_BYTES = 16 << 20        # a head of 3 x 1024 numbers is ~100 KB; anything far larger is not a profile
FILM_ID_CHARS = 16          # a fitted film is named by this many hex digits of its file's SHA-256


def film_id(file_sha256: str) -> str:
    """How a profile names a film it was fitted on: the start of its file's SHA-256."""
    return file_sha256[:FILM_ID_CHARS]


class SiteProfileError(ValueError):
    """A profile that cannot be used; the message is the sentence for the user."""


@dataclass
class SiteProfile:
    name: str
    created: str                         # ISO 8601 with its UTC offset
    model_sha256: str
    model_version: str
    classes: list
    films: dict                          # class -> labelled films it was fitted on
    adapted_classes: list                # the classes the site labelled (the others are kept as the model has them)
    head: dict                           # {"weight": [[...] x C], "bias": [...]}
    temperature: float
    strength: float | None = None        # the anchor's strength chosen by cross-validation
    cross_validation: dict = field(default_factory=dict)   # before/after figures (adaptation.py)
    fitted_films: list = field(default_factory=list)       # film_id of each film fitted on; empty: not recorded
    path: Path | None = None
    file_checksum: str | None = None     # the checksum a loaded file carried (verified against its content)

    @property
    def total_films(self) -> int:
        return int(sum(self.films.values()))

    @property
    def created_date(self) -> str:
        return self.created[:10]

    def films_fitted_on(self, file_sha256s) -> int | None:
        """How many of the films with these file SHA-256s (None: a film not read) this profile was fitted on;
        None where the profile does not record its films (written before they were recorded)."""
        if not self.fitted_films:
            return None
        fitted = set(self.fitted_films)
        return sum(1 for h in file_sha256s if h and film_id(h) in fitted)

    def summary(self) -> str:
        """e.g. "Clinic A (48 films, 2026-12-05)": what the window and the report show."""
        return f"{self.name} ({self.total_films} films, {self.created_date})"

    @cached_property
    def checksum(self) -> str:
        """The file's checksum, the profile's identity (the history files results under it): the one a loaded
        file carried, verified against all of its content (so a key this version does not know still counts),
        else computed once (it hashes the whole head, and the history asks for it with every film)."""
        return self.file_checksum or self.to_document()["checksum"]

    def to_document(self) -> dict:
        """The file's content, checksum included."""
        body = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "site": self.name, "created": self.created,
            "model": {"sha256": self.model_sha256, "version": self.model_version},
            "classes": list(self.classes), "films": dict(self.films), "adapted_classes": list(self.adapted_classes),
            "strength": self.strength, "cross_validation": self.cross_validation,
            "head": {"weight": self.head["weight"], "bias": self.head["bias"], "temperature": self.temperature},
        }
        if self.fitted_films:   # only where recorded: an older profile's checksum (its history key) stays its own
            body["fitted_films"] = list(self.fitted_films)
        return {**body, "checksum": document_checksum(body)}


def document_checksum(body: dict) -> str:
    """SHA-256 of the body written canonically; the body must not hold the checksum itself."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def write_site_profile(path, profile: SiteProfile) -> Path:
    """Write atomically (a reader never finds half a profile); OSError with a sentence on failure."""
    text = json.dumps(profile.to_document(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)

    written = replace_atomically(path, write)
    profile.path = Path(path)
    return written


def load_site_profile(path, model_sha256: str | None = None, classes=None) -> SiteProfile:
    """Read and check a profile; with ``model_sha256`` (and ``classes``) also that it belongs to that
    model. SiteProfileError with the sentence when it cannot be used."""
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SiteProfileError(f"{name} is far too large to be a site profile.")
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except FileNotFoundError:
        raise SiteProfileError(f"The site profile {path} does not exist.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise SiteProfileError(f"{name} could not be read as a site profile ({detail}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SiteProfileError(f"{name} is not a CXR Triage site profile.")
    if document.get("format_version") != FORMAT_VERSION:
        raise SiteProfileError(f"{name} is a site profile of another version of CXR Triage "
                               f"(format {document.get('format_version')!r}); adapt the model again with this one.")
    body = {k: v for k, v in document.items() if k != "checksum"}
    try:
        matches = document.get("checksum") == document_checksum(body)
    except (TypeError, ValueError):
        matches = False
    if not matches:
        raise SiteProfileError(f"{name} has been changed since CXR Triage wrote it (its checksum does not match), "
                               "so it is not used. Adapt the model to your films again.")
    profile = _parse(name, body)
    profile.path, profile.file_checksum = path, document["checksum"]
    if model_sha256 is not None and profile.model_sha256 != model_sha256:
        raise SiteProfileError(f"{name} was fitted for another model file (version {profile.model_version}), "
                               "not the one in use, so it is not used. Adapt this model to your films again.")
    if classes is not None and list(classes) != profile.classes:
        raise SiteProfileError(f"{name} is for the classes {', '.join(profile.classes)}, not this model's.")
    return profile


def _parse(name: str, body: dict) -> SiteProfile:
    """The checked body -> SiteProfile; a body whose checksum matches but whose fields are wrong is still
    refused (a profile written by something else than CXR Triage)."""
    try:
        head, model = body["head"], body["model"]
        classes = [str(c) for c in body["classes"]]
        weight = [[float(v) for v in row] for row in head["weight"]]
        bias = [float(v) for v in head["bias"]]
        temperature = float(head["temperature"])
        films = {str(k): int(v) for k, v in body["films"].items()}
        fitted_films = [str(f) for f in body.get("fitted_films", [])]
        ok = (len(weight) == len(classes) == len(bias) and len({len(r) for r in weight}) == 1 and len(weight[0]) > 0
              and all(math.isfinite(v) for row in weight for v in row) and all(math.isfinite(v) for v in bias)
              and math.isfinite(temperature) and temperature > 0 and str(body["site"]).strip()
              and all(len(f) == FILM_ID_CHARS and set(f) <= set("0123456789abcdef") for f in fitted_films))
        profile = SiteProfile(
            name=str(body["site"]), created=str(body["created"]), model_sha256=str(model["sha256"]),
            model_version=str(model["version"]), classes=classes, films=films,
            adapted_classes=[str(c) for c in body["adapted_classes"]], head={"weight": weight, "bias": bias},
            temperature=temperature, strength=body.get("strength"),
            cross_validation=body.get("cross_validation") or {}, fitted_films=fitted_films)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        ok = False
    if not ok:
        raise SiteProfileError(f"{name} is not a usable site profile (its class head is incomplete).")
    return profile
