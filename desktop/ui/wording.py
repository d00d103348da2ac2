"""Words the clinic sees for the model's class names and the worklist's states.

One place, so the worklist, the findings panel and the PDF report say the same thing,
and every string goes through Qt's translation system.
"""

from PySide6.QtCore import QCoreApplication

DISCLAIMER_CONTEXT = "Disclaimer"


def tr(text: str, context: str = "Wording") -> str:
    return QCoreApplication.translate(context, text)


def disclaimer() -> str:
    return tr("An aid for triage, not a diagnosis. A clinician must review every film.", DISCLAIMER_CONTEXT)


def ood_message() -> str:
    return tr("This does not look like a frontal chest X-ray — result withheld")


def covid_caveat() -> str:
    """Shown with every COVID-19 call: the model card's leave-one-source-out runs found the COVID-19
    call to be the one that collapses on hospitals unlike the training data (radiography-covid held
    out: 31 % of its COVID-19 films found at 224 px without the stretch, 41 % at 128 px with it)."""
    return tr("COVID-19 calls are this model's least reliable: tested on a hospital collection it had "
              "not seen, it found fewer than half of the COVID-19 films, and it called many healthy adults "
              "from an unseen hospital COVID-19. Confirm with a COVID-19 test.")


def operating_point_note(label: str | None, probabilities: dict | None) -> str | None:
    """A sentence when the call is not the most probable class (the model's metadata sets an operating
    point, e.g. COVID-19 called from a lower probability so that fewer COVID-19 films are missed);
    None when the call is the arg-max."""
    if not label or not probabilities or label not in probabilities:
        return None
    top = max(probabilities, key=probabilities.__getitem__)
    if top == label or probabilities[top] == probabilities[label]:
        return None
    return tr("Called {label} although {top} is more probable: this model calls {label} from a lower "
              "probability, set so that fewer {label} films are missed.").format(
        label=class_name(label), top=class_name(top))


def call_notes(label: str | None, probabilities: dict | None) -> list[str]:
    """The sentences that go with a call, on screen and in the report: why it is not the most probable
    class (an operating point), then the COVID-19 caveat."""
    notes = [note] if (note := operating_point_note(label, probabilities)) else []
    if label == "covid19":
        notes.append(covid_caveat())
    return notes


def label_in_words(label: str | None) -> str:
    words = {
        "normal": tr("No sign of pneumonia"),
        "pneumonia": tr("Pneumonia pattern (not COVID-19)"),
        "covid19": tr("COVID-19 pneumonia pattern"),
    }
    if not label:
        return "—"
    return words.get(label, label.replace("_", " ").capitalize())


def class_name(label: str) -> str:
    """Short class name for bars and table cells."""
    names = {"normal": tr("Normal"), "pneumonia": tr("Pneumonia"), "covid19": tr("COVID-19")}
    return names.get(label, label.replace("_", " ").capitalize())


def status_in_words(status: str) -> str:
    names = {"queued": tr("queued"), "running": tr("running"), "done": tr("done"), "error": tr("error"),
             "rejected": tr("rejected"), "cancelled": tr("cancelled")}
    return names.get(status, status)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100.0 * float(value):.0f} %"
