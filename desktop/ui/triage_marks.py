"""The worklist's mark for each film (glyph, word, colour) and its rank in "most urgent first".

Why a glyph and a word as well as a colour: about one man in twelve cannot tell red from green, so no
mark relies on its colour. The colours are Okabe–Ito hues (a palette that stays distinct under the
common colour-vision deficiencies), darkened until text in them reads at 4.5:1 or better on the
table's white and tinted rows. Refused and unreadable films keep the colours they always had.

"Uncertain" is the findings panel's rule, ``wording.is_firm_call`` (the called class below
``FIRM_CALL_PROBABILITY``): a film the panel heads "Uncertain — read carefully" is marked uncertain here.
"""

from dataclasses import dataclass

from desktop.ui.film import Film
from desktop.ui.wording import class_name, is_firm_call, translate

SICK = ("covid19", "pneumonia")
COLOURS = {
    "covid19": "#A94800",       # Okabe–Ito vermillion, darkened
    "pneumonia": "#9C4A7C",     # reddish purple, darkened
    "normal": "#00785A",        # bluish green, darkened
    "uncertain": "#005A8F",     # blue, darkened
    "other": "#3e4c59",         # a class this app has no mark for (another model's)
    "rejected": "#9a6700", "error": "#b3261e",
    "running": "#1f5fbf", "queued": "#6b7280", "cancelled": "#6b7280",
}
GLYPHS = {"covid19": "▲", "pneumonia": "●", "normal": "○", "uncertain": "?", "other": "◆",
          "rejected": "⊘", "error": "✕"}

# Most urgent first: firm COVID-19 / pneumonia calls (widest extent, then surest, first); uncertain
# calls (those leaning to disease first); refused films (a clinician must read them without the
# model); unreadable files (someone must export them again); firm normal calls (least sure first);
# then films not read yet.
TIERS = {"sick": 0, "uncertain": 1, "rejected": 2, "error": 3, "normal": 4, "running": 5, "queued": 6,
         "cancelled": 7}


@dataclass(frozen=True)
class Mark:
    kind: str                   # a key of COLOURS
    word: str
    lean: str = ""              # under "Uncertain": the call the model leans to, with its own mark

    @property
    def text(self) -> str:
        glyph = GLYPHS.get(self.kind)
        first = f"{glyph} {self.word}" if glyph else self.word
        return f"{first}\n{self.lean}" if self.lean else first

    @property
    def colour(self) -> str:
        return COLOURS[self.kind]

    @property
    def urgent(self) -> bool:
        return self.kind in SICK


def call_kind(label: str | None) -> str:
    return label if label in ("covid19", "pneumonia", "normal") else "other"


def mark(film: Film) -> Mark:
    if film.has_findings:
        label, probabilities = film.entry.label, film.entry.probabilities
        kind = call_kind(label)
        call = class_name(label) if label else translate("Worklist", "No call")
        if not is_firm_call(label, probabilities):
            return Mark("uncertain", translate("Worklist", "Uncertain"), lean=f"{GLYPHS[kind]} {call}")
        return Mark(kind, call)
    words = _state_words()
    return Mark(film.status if film.status in words else "queued", words.get(film.status, film.status))


def _state_words() -> dict:
    return {"rejected": translate("Worklist", "Withheld"), "error": translate("Worklist", "Unreadable"),
            "running": translate("Worklist", "Reading…"), "queued": translate("Worklist", "Waiting"),
            "cancelled": translate("Worklist", "Not read")}


def every_mark() -> list[Mark]:
    """Each mark a Result cell can show, so the column can be made wide enough for the longest."""
    marks = [Mark(kind, class_name(kind)) for kind in ("covid19", "pneumonia", "normal")]
    marks.append(Mark("uncertain", translate("Worklist", "Uncertain")))
    return marks + [Mark(state, word) for state, word in _state_words().items()]


def priority(film: Film) -> int:
    """The sort key of "most urgent first": lower is more urgent (see TIERS)."""
    if not film.has_findings:
        return _rank(TIERS.get(film.status, TIERS["queued"]))
    entry = film.entry
    probabilities = entry.probabilities or {}
    if not is_firm_call(entry.label, probabilities):
        sick = sum(probabilities.get(c, 0.0) for c in SICK)
        return _rank(TIERS["uncertain"], 0.0 if entry.label in SICK else 1.0, 1.0 - sick)
    sure = film.call_probability or 0.0
    if entry.label in SICK:
        return _rank(TIERS["sick"], 1.0 - (entry.severity or 0.0), 1.0 - sure)
    return _rank(TIERS["normal"], sure)


def _rank(tier: int, first: float = 0.0, second: float = 0.0) -> int:
    """One integer that sorts by tier, then ``first``, then ``second`` (each 0..1, to 1/1000)."""
    return tier * 1_000_000 + _thousandths(first) * 1000 + _thousandths(second)


def _thousandths(value: float) -> int:
    return min(999, max(0, round(float(value) * 999)))
