"""Words for results made with a site profile (../shared/docs/architecture.md, "Site profile").

One place, so the window's label, the findings panel, the history and the PDF report say the same thing.
A site profile replaces the model's class head by one adapted to a clinic's films: the adapted
probabilities are the result, and the model's own are always shown beside them, so a reader can see
what the adaptation changed. The heatmap is the model's own (its Grad-CAM is inside the graph and
explains the model's most probable class), so when the adapted call differs the reader is told.
"""

from desktop.ui.wording import class_name, count_text, decimal_percent, translate


def site_summary(name: str | None, films: int | None = None, created: str | None = None) -> str:
    """e.g. "Clinic A (48 films, 2026-12-05)"; just the name when films and date are not known."""
    if not name:
        return ""
    date = (created or "")[:10]
    if films is None or not date:
        return name
    if films == 1:
        return translate("Site", "{name} (1 film, {date})").format(name=name, date=date)
    return translate("Site", "{name} ({films} films, {date})").format(name=name, films=count_text(films), date=date)


def profile_summary(profile) -> str:
    """A SiteProfile's summary in the reader's language."""
    return "" if profile is None else site_summary(profile.name, profile.total_films, profile.created)


def entry_site_summary(entry) -> str:
    """The site profile a stored result was made with ("" when none)."""
    if entry is None or not entry.site:
        return ""
    return site_summary(entry.site, entry.site_film_count, entry.site_created)


def adapted_to(summary: str) -> str:
    """The window's permanent label while a profile is in use."""
    return translate("Site", "Adapted to: {summary}").format(summary=summary)


def probabilities_title(entry) -> str:
    """The heading over the probability bars."""
    if entry is not None and entry.site:
        return translate("Site", "Probabilities (adapted to {site})").format(site=entry.site)
    return translate("FindingsPanel", "Probabilities (calibrated)")


def probabilities_in_words(probabilities: dict) -> str:
    """ "Normal 12.0 %, Pneumonia 80.0 %, COVID-19 8.0 %" """
    return ", ".join(f"{class_name(name)} {decimal_percent(value)}" for name, value in probabilities.items())


def model_own_line(entry) -> str | None:
    """The model's own probabilities, said beside the adapted ones; None without a site profile."""
    if entry is None or not entry.site or not entry.model_probabilities:
        return None
    return translate("Site", "Model's own: {probabilities}").format(
        probabilities=probabilities_in_words(entry.model_probabilities))


def made_with_line(entry) -> str | None:
    """Which site profile made a result; None without one."""
    summary = entry_site_summary(entry)
    if not summary:
        return None
    return translate("Site", "Made with the site profile {summary}.").format(summary=summary)


def heatmap_other_class_note(entry) -> str | None:
    """When the adapted call is not the class the heatmap explains; None otherwise."""
    if entry is None or not entry.heatmap_explains_other_class:
        return None
    # The in-graph Grad-CAM explains the model's most probable class (its own call too, unless an operating
    # point of the model's metadata calls another class).
    return translate("Site", "The heatmap shows what drove the model's own most probable class ({own}), not the "
                             "adapted call ({adapted}).").format(own=class_name(entry.heatmap_class),
                                                    adapted=class_name(entry.label))


def no_site_text() -> str:
    return translate("Site", "None: the model's own class head")
