"""What the worklist's cells say (the mark itself is triage_marks'), and the tooltips that hold the whole
sentence a narrow cell cannot (the path, why a film was refused or could not be read, what to do).

Privacy: the File cell shows the name the technician opened, as the rest of the window does; the
full path is only a hover away, so with "hide patient data" on the tooltip gives the neutral
``sha256:…`` name the history and the log use instead.
"""

from desktop.ui.film import Film
from desktop.ui.triage_marks import every_mark, mark
from desktop.ui.wording import (call_detail, headline, ood_message, percent, specific_reject_reason, translate,
                                unreadable_advice)
from desktop.ui.worklist_order import CONFIDENCE, EXTENT, FILE, RESULT, THUMB, extent


def duplicate_note(first_name: str) -> str:
    return translate("Worklist", "Duplicate of {name}").format(name=first_name)


def file_text(film: Film) -> str:
    """The name, and under it which row this one duplicates (the same bytes, another name)."""
    return f"{film.name}\n{duplicate_note(film.duplicate_of)}" if film.duplicate_of else film.name


def cell_text(film: Film, column: int) -> str:
    if column == FILE:
        return file_text(film)
    if column == RESULT:
        return mark(film).text
    if column == CONFIDENCE:
        return percent(film.call_probability) if film.has_findings else ""
    if column == EXTENT and extent(film) is not None:
        return percent(extent(film))
    return ""


def short_texts(column: int) -> list[tuple[str, bool]]:
    """Every line a Result, Confidence or Extent cell can show, and whether it is drawn bold, so the
    view can make those columns just wide enough (an unreadable file's sentence is in its tooltip)."""
    if column == RESULT:
        return [(line, m.urgent) for m in every_mark() for line in m.text.split("\n")]
    if column in (CONFIDENCE, EXTENT):
        return [(percent(1.0), False)]
    return []


def file_tooltip(film: Film, hide_patient_data: bool) -> str:
    lines = [film.shown_name(True) if hide_patient_data else str(film.path)]
    if film.duplicate_of:
        lines.append(translate("Worklist", "The same file (identical SHA-256) as {name}, listed earlier.")
                     .format(name=film.duplicate_of))
    if film.restored:
        lines.append(translate("Worklist", "Read in an earlier session."))
    return "\n".join(lines)


def result_tooltip(film: Film) -> str:
    if film.has_findings:
        entry = film.entry
        detail = call_detail(entry.label, entry.probabilities)
        return headline(entry.label, entry.probabilities) + (f"\n{detail}" if detail else "")
    if film.status == "rejected":
        return specific_reject_reason(film.entry.reject_reason if film.entry else None) or ood_message()
    if film.status == "error":
        return f"{film.error or ''}\n{unreadable_advice()}".strip()
    return {"queued": translate("Worklist", "Waiting to be read."),
            "running": translate("Worklist", "Being read now."),
            "cancelled": translate("Worklist", "Not read: the batch was cancelled. Open the film again to read it."),
            }.get(film.status, "")


def header_tooltip(column: int) -> str | None:
    """What a column holds, for whoever hovers its header."""
    return {THUMB: translate("Worklist", "Sort most urgent first"),
            RESULT: translate("Worklist", "The model's call; sorted by it, the list is most urgent first"),
            CONFIDENCE: translate("Worklist", "The calibrated probability of the call"),
            EXTENT: translate("Worklist", "The estimated share of the lung fields involved (pneumonia calls only)"),
            }.get(column)
