"""Words the clinic sees for the model's class names and the worklist's states.

One place, so the worklist, the findings panel and the PDF report say the same thing,
and every string goes through Qt's translation system (assets/translations/, scripts/build_translations.py).
"""

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.engine.results import REJECTED_NOT_CXR

# Every module's sentences go through ``translate("Context", "text")`` with both as literals, the form
# pyside6-lupdate reads (scripts/build_translations.py); widgets use ``self.tr``.
translate = QCoreApplication.translate

# Lowest top calibrated probability from which a call is worded firmly; below it the heading says
# "uncertain — read carefully". Chosen on the validation split by `python scripts/wording_threshold.py`
# (re-run it when the model is re-shipped); the model card says which value and why.
FIRM_CALL_PROBABILITY = 0.87


def tr(text: str, disambiguation: str | None = None) -> str:
    """For callers not yet moved to ``translate`` (desktop/ui/worker.py): lupdate files ``tr(text, "Worker")``
    under no context with "Worker" as its disambiguation, so that is where its translation is."""
    return translate("", text, disambiguation)


def disclaimer() -> str:
    return translate("Disclaimer", "An aid for triage, not a diagnosis. A clinician must review every film.")


def ood_message() -> str:
    return translate("Wording", "This does not look like a frontal chest X-ray — result withheld")


def specific_reject_reason(reason: str | None) -> str | None:
    """Why a film was refused, when the engine said more than ``ood_message`` (a lateral view named in its
    DICOM tags, ...); None when it only said that, in the engine's English or in the reader's language."""
    reason = (reason or "").strip()
    if not reason or any(text.rstrip(".") in reason for text in (REJECTED_NOT_CXR, ood_message())):
        return None
    return reason


def covid_caveat() -> str:
    """Shown with every COVID-19 call: the model card's leave-one-source-out runs found the COVID-19
    call to be the one that collapses on hospitals unlike the training data (its figures: the card)."""
    return translate("Wording", "COVID-19 calls are this model's least reliable: tested on a hospital collection "
                     "it had not seen, it found fewer than half of the COVID-19 films, and it called many healthy "
                     "adults from an unseen hospital COVID-19. Confirm with a COVID-19 test.")


def operating_point_note(label: str | None, probabilities: dict | None) -> str | None:
    """A sentence when the call is not the most probable class (the model's metadata sets an operating
    point, e.g. COVID-19 called from a lower probability so that fewer COVID-19 films are missed);
    None when the call is the arg-max."""
    if not label or not probabilities or label not in probabilities:
        return None
    top = max(probabilities, key=probabilities.__getitem__)
    if top == label or probabilities[top] == probabilities[label]:
        return None
    return translate("Wording", "Called {label} although {top} is more probable: this model calls {label} from a "
                     "lower probability, set so that fewer {label} films are missed.").format(
        label=class_name(label), top=class_name(top))


def call_notes(label: str | None, probabilities: dict | None) -> list[str]:
    """The sentences that go with a call, on screen and in the report: why it is not the most probable
    class (an operating point), then the COVID-19 caveat."""
    notes = [note] if (note := operating_point_note(label, probabilities)) else []
    if label == "covid19":
        notes.append(covid_caveat())
    return notes


def label_in_words(label: str | None) -> str:
    """The firm wording of a call (see ``headline`` for when it is used)."""
    words = {
        "normal": translate("Wording", "No sign of pneumonia"),
        "pneumonia": translate("Wording", "Pneumonia pattern (not COVID-19)"),
        "covid19": translate("Wording", "COVID-19 pneumonia pattern"),
    }
    if not label:
        return "—"
    return words.get(label, label.replace("_", " ").capitalize())


def is_firm_call(label: str | None, probabilities: dict | None) -> bool:
    """The called class's calibrated probability reaches ``FIRM_CALL_PROBABILITY``."""
    value = (probabilities or {}).get(label) if label else None
    return value is not None and float(value) >= FIRM_CALL_PROBABILITY


def headline(label: str | None, probabilities: dict | None) -> str:
    """What a read film's result says first: the firm wording, or "uncertain" below the threshold."""
    if not label or is_firm_call(label, probabilities):
        return label_in_words(label)
    return translate("Wording", "Uncertain — read carefully")


def call_detail(label: str | None, probabilities: dict | None) -> str | None:
    """Under an uncertain headline: what the model leans to, and what comes next; None for a firm call."""
    if not label or not probabilities or is_firm_call(label, probabilities):
        return None
    others = sorted((c for c in probabilities if c != label), key=probabilities.__getitem__, reverse=True)
    text = translate("Wording", "Most likely {label} ({p})").format(label=class_name(label),
                                                                     p=percent(probabilities.get(label)))
    if others:
        text += translate("Wording", ", then {label} ({p})").format(label=class_name(others[0]),
                                                                    p=percent(probabilities[others[0]]))
    return text + translate("Wording", ". Not sure enough for a firm call (below {threshold}).").format(
        threshold=percent(FIRM_CALL_PROBABILITY))


def firm_rule() -> str:
    """Why a heading is firm or uncertain (a tooltip, and a line of the model card)."""
    return translate("Wording", "A result is worded firmly only when the model's calibrated probability for it is "
                     "at least {threshold}; below that it reads \u201cUncertain — read carefully\u201d. On the "
                     "validation split, calls from {threshold} on were right at least 95 % of the time.").format(
        threshold=percent(FIRM_CALL_PROBABILITY))


# --- severity ----------------------------------------------------------------------------------------

def shows_severity(label: str | None, severity: float | None) -> bool:
    """Severity is shown for pneumonia-type calls only: for a normal call it has nothing to measure."""
    return severity is not None and label in ("pneumonia", "covid19")


def severity_band(value: float | None) -> str:
    """The extent in words, on the geographic extent scale's steps (up to 2 of 8 zones mild, up to 5
    moderate); a value that rounds to 0 % is "none measured", never "mild"."""
    if value is None:
        return translate("Wording", "not available")
    if round(100 * float(value)) == 0:
        return translate("Wording", "none measured")
    if value <= 2 / 8:
        return translate("Wording", "mild")
    return translate("Wording", "moderate") if value <= 5 / 8 else translate("Wording", "extensive")


def severity_in_words(value: float) -> str:
    return translate("Wording", "About {value} of the lung fields look involved ({band})").format(
        value=percent(value), band=severity_band(value))


def severity_caveat(label: str | None) -> str:
    """Severity was learnt from radiologists' scores of COVID-19 films only (normal films taught as 0)."""
    if label == "covid19":
        return translate("Wording", "A rough estimate learnt from radiologists' scores of COVID-19 films, "
                                    "not a measurement.")
    return translate("Wording", "Learnt from COVID-19 films only: for other pneumonia this estimate is a rough "
                                "guide at best.")


# --- heatmap -----------------------------------------------------------------------------------------

def heatmap_subject(probabilities: dict | None) -> str | None:
    """The class the heatmap explains: the model's most probable class (its Grad-CAM target)."""
    if not probabilities:
        return None
    return class_name(max(probabilities, key=probabilities.__getitem__))


def heatmap_caption(probabilities: dict | None) -> str:
    subject = heatmap_subject(probabilities)
    if subject is None:
        return translate("Wording", "Where the model looked; not an outline of disease.")
    return translate("Wording", "Coloured where the model looked for {label}, its most probable class; "
                                "not an outline of disease.").format(label=subject)


def outside_lungs_warning() -> str:
    return translate("Wording", "The model looked mostly outside the lungs — treat this call with caution.")


def class_name(label: str) -> str:
    """Short class name for bars and table cells."""
    names = {"normal": translate("Wording", "Normal"), "pneumonia": translate("Wording", "Pneumonia"),
             "covid19": translate("Wording", "COVID-19")}
    return names.get(label, label.replace("_", " ").capitalize())


def status_in_words(status: str) -> str:
    names = {"queued": translate("Wording", "queued"), "running": translate("Wording", "running"),
             "done": translate("Wording", "done"), "error": translate("Wording", "error"),
             "rejected": translate("Wording", "rejected"), "cancelled": translate("Wording", "cancelled")}
    return names.get(status, status)


def unreadable_advice() -> str:
    """What to do with a file the app could not read (said under the engine's reason)."""
    return translate("Wording", "Check that it is a chest X-ray image (PNG, JPEG, TIFF, BMP or DICOM). If it is, "
                                "export it again from the X-ray system and open the new file; until then a "
                                "clinician reads it without the app.")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100.0 * float(value):.0f} %"


# --- numbers in the reader's language (QLocale's default is set with the language, desktop/ui/languages.py):
# "1,241 films" reads as 1.241 in French, Spanish and Portuguese, which write 1 241 / 1.241 and 96,3 %.

def _english_digits() -> bool:
    return QLocale().language() in (QLocale.Language.C, QLocale.Language.English)


def count_text(value: int) -> str:
    """A count with the reader's digit grouping."""
    return f"{int(value):,}" if _english_digits() else QLocale().toString(int(value))


def decimal_percent(value: float | None) -> str:
    """A probability to a tenth of a percent, with the reader's decimal mark."""
    if value is None:
        return "—"
    value = 100.0 * float(value)
    return (f"{value:.1f}" if _english_digits() else QLocale().toString(value, "f", 1)) + " %"


def number_text(value: float) -> str:
    """Three significant digits (a temperature, a calibration error), with the reader's decimal mark."""
    return f"{value:.3g}" if _english_digits() else QLocale().toString(float(value), "g", 3)
